/* council.h: council decisions that the admin tool also carries out */
#ifndef COUNCIL_H
#define COUNCIL_H

struct req;

void	 revoke_certs(const struct req *, long long, const char *);
int	 council_expire_due(void);

#endif
