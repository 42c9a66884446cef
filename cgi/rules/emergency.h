/* emergency.h: the scheduler's side of emergency access (A14) */
#ifndef EMERGENCY_H
#define EMERGENCY_H

/* Overdue follow-ups escalated to the operator; how many, or -1. */
int	 emergency_escalate(void);

#endif
