/* password.h: the password policy (A8.3) */
#ifndef PASSWORD_H
#define PASSWORD_H

#define PASSWORD_MIN	10	/* characters */
#define PASSWORD_MAX	128

const char	*password_policy(const char *, const char *);

#endif
