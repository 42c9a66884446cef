/* backup.h: a consistent copy of an instance (dump, audit checkpoints, key) and back */
#ifndef BACKUP_H
#define BACKUP_H
#include <stddef.h>

int	 backup_make(const char *, char *, size_t);
int	 backup_restore(const char *, char *, size_t);

#endif
