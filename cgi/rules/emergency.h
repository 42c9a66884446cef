/* emergency.h: emergency access's follow-ups: closed by a consent, escalated when overdue (A14) */
#ifndef EMERGENCY_H
#define EMERGENCY_H

int	 emergency_followups_consented(long long, long long, long long);
/* Overdue follow-ups escalated to the operator; how many, or -1 (the scheduler's job). */
int	 emergency_escalate(void);

#endif
