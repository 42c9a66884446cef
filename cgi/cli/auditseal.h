/* auditseal.h: sealing, checkpointing and verifying the audit chain (the admin tool only) */
#ifndef AUDITSEAL_H
#define AUDITSEAL_H
#include <stdio.h>

int	 auditseal_key_init(char *, size_t);
int	 auditseal_run(long long *, char *, size_t);
int	 auditseal_checkpoint(int, char *, size_t);
int	 auditseal_verify(FILE *, FILE *, int);

#endif
