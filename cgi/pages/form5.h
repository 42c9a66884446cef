/* form5.h: form 5's scanned paper and who is told (pages/revocation.c uses these; A12.2) */
#ifndef FORM5_H
#define FORM5_H

#include "web/multipart.h"

struct req;

/* The scan sent with the form, if any (*u NULL: none): 0, or 1 with a field error. */
int	 form5_check_scan(struct req *, const struct upload **, enum sniff *);
/* Stores scan u of type s for revocation id in the caller's transaction; 0, DB_DUP (one is stored) or -1. */
int	 form5_store_scan(long long, const struct upload *, enum sniff);
/* Tells the disclosing facilities' managers and the operator, in the transaction; 0 or -1. */
int	 form5_notify(long long id, long long patient);
/* Receipt.scan_* of revocation receipt no (stored or not); 0 or -1. */
int	 form5_receipt_view(const char *);

#endif
