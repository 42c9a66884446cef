/* emergency.h: what closes and reopens an emergency access's follow-up (A14) */
#ifndef EMERGENCY_H
#define EMERGENCY_H

int	 emergency_followups_consented(long long, long long, long long);

#endif
