/* maint.h: maintenance windows (A15) */
#ifndef MAINT_H
#define MAINT_H

struct maint {
	int		 active;	/* a window is running now */
	int		 upcoming;	/* a planned one is announced */
	char		 kind[17];
	char		 title[201];
	long long	 starts, ends;	/* unix times; ends 0: until switched off */
};

struct dbres;
void	 maint_from(struct maint *, const struct dbres *);
int	 maint_switch(int, const char *, long long);
long long jst_datetime(const char *);

#endif
