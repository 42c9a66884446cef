/* council.h: the council's decisions on users that pages and the scheduler both carry out (A10, A13) */
#ifndef COUNCIL_H
#define COUNCIL_H

struct req;

/* Login refused and sessions ended, in the caller's transaction; 0 or -1. */
int	 council_user_end(long long, const char *, const char *);
/*
 * A10.5: a facility left without active users has its cancellation raised
 * and the form 3 (application id) that left it so marked as the one its
 * paperwork goes with; 0 or -1.
 */
int	 council_facility_left(long long, long long);
/* Revokes the user's active certificates (after the commit that ended them). */
void	 revoke_certs(const struct req *, long long, const char *);
/* Ends every user whose withdrawal date has come; how many, or -1 (the scheduler's job). */
int	 council_expire_due(void);

#endif
