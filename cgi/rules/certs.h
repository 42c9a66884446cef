/* certs.h: users' certificates: issue, revoke, the CRL (A4.2, A13.1) */
#ifndef CERTS_H
#define CERTS_H
#include <stddef.h>
#include "pki/pki.h"

struct req;

int		 certs_issue(const struct req *, const char *, int, long long,
		    const char *, struct pki_issued *, long long *, char *,
		    size_t);
int		 certs_revoke(const struct req *, const char *, const char *,
		    char *, size_t);
int		 certs_crl_update(char *, size_t);
int		 certs_reason_valid(const char *);

#endif
