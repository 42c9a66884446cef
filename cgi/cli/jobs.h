/* jobs.h: the admin tool's scheduler (mogamictl scheduler) */
#ifndef JOBS_H
#define JOBS_H

int	 jobs_loop(const char *, const char *);

#endif
