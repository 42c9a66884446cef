/* accounts.h: accounts the office makes and changes: by a decision, disabled, enabled (issue 20; A10.2, A10.3) */
#ifndef ACCOUNTS_H
#define ACCOUNTS_H

/* A login ID the network accepts: 3-64 of [A-Za-z0-9._-], starting with a letter or digit. */
int		 accounts_login_valid(const char *);
/*
 * 1 when login is a user's already or waits in another application than
 * except_app (0: none) as a draft or submitted; 0 when free; -1 on a
 * database error.
 */
int		 accounts_login_taken(const char *, long long);
/*
 * A new account (login, name, facility, profession or NULL, roles: one
 * or several comma-separated, "user,facility_manager") in the
 * caller's transaction, with a random password nobody knows: the operator
 * issues the first one with the certificate. The user's id; 0 when the
 * login is taken (a duplicate key: nothing was written); -1 on an error.
 */
long long	 accounts_create(const char *, const char *, long long,
		    const char *, const char *);
/* Queues a notification for audience (operator, president, facility_manager of fac); 0 or -1. */
int		 accounts_notify(const char *, long long, const char *,
		    const char *, long long);

#endif
