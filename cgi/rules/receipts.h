/* receipts.h: receipt numbers for what the network receives on paper (A4.3, A12.2) */
#ifndef RECEIPTS_H
#define RECEIPTS_H
#include <stddef.h>

/* Kinds: 'C' a complaint (A4.3), 'R' a revocation, form 5 (A12.2). */
int	 receipt_next(char, char *, size_t);

#endif
