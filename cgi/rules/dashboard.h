/* dashboard.h: the council dashboard's periods, statistics and aggregate refresh */
#ifndef DASHBOARD_H
#define DASHBOARD_H
#include <stddef.h>
#include <time.h>

#define DASH_MONTHS_MAX	36	/* the longest period the selector accepts */

int	 dash_month_parse(const char *, int *);
void	 dash_month_key(int, char [8]);
void	 dash_month_start(int, char [20]);
int	 dash_month_of(time_t);
void	 dash_day(time_t, char [11]);
double	 dash_median(long long *, size_t);
double	 dash_mean(const long long *, size_t);
long long dash_refresh(int);
long long dash_verify(void (*)(const char *, const char *, const char *,
    const char *));

#endif
