/* misuse.h: rules that notice improper use in the audit log (A4.2, A13.1(3)) */
#ifndef MISUSE_H
#define MISUSE_H

int		 misuse_scan(void);
int		 misuse_raise(const char *, long long, long long, const char *,
		    long long, const char *);
long long	 misuse_hours_mask(int, int);
int		 misuse_search_throttled(long long, long long, long long);

#endif
