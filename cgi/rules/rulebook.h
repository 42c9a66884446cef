/* rulebook.h: the rules (運用規程) as versioned text, their acknowledgement (A11.1-A11.3, A8.2, A19) */
#ifndef RULEBOOK_H
#define RULEBOOK_H

#include <stddef.h>

/*
 * The version in force today (Japan): its id (0 when none is loaded) and,
 * if seq is not NULL, its number (第N版). -1 on a database error.
 */
long long	 rulebook_in_force(int *seq);

#endif
