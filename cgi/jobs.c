/*
 * jobs.c: periodic jobs, each run as a child `mogamictl -c CONF ...` so
 * that a job that crashes or hangs never stops the others. One job runs at
 * a time; a job still running when it falls due again is not started twice.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "jobs.h"
#include "util.h"

struct job {
	const char	*name;
	const int	*every;		/* seconds, from the configuration */
	const char	*argv[4];	/* the mogamictl command */
};

/* Every periodic job, one row each. */
static const struct job jobs[] = {
	{ "users expire",	&cfg.jobs_users_expire_secs,	{ "users", "expire", NULL } },
	{ "audit seal",		&cfg.jobs_audit_seal_secs,	{ "audit", "seal", "--quiet" } },
};
#define NJOBS	(sizeof(jobs) / sizeof(jobs[0]))

static volatile sig_atomic_t	 stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* Runs one job to its end (or the scheduler's); returns its exit status. */
static int
run(const char *self, const char *conf, const struct job *j)
{
	char		*argv[8];
	pid_t		 pid;
	int		 st, n = 0;

	/* execv's argv is char *const[]: copies, freed by the child's exit. */
	argv[n++] = str_dup(self);
	argv[n++] = str_dup("-c");
	argv[n++] = str_dup(conf);
	for (int i = 0; j->argv[i] != NULL && n < 7; i++)
		argv[n++] = str_dup(j->argv[i]);
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		execv(argv[0], argv);
		_exit(127);
	}
	for (int i = 0; i < n; i++)
		free(argv[i]);
	if (pid == -1)
		return -1;
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
		else if (stop)
			kill(pid, SIGTERM);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
jobs_loop(const char *self, const char *conf)
{
	time_t	 due[NJOBS];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (size_t i = 0; i < NJOBS; i++)
		due[i] = 0;	/* everything once at start */
	syslog(LOG_INFO, "scheduler: %zu jobs", NJOBS);
	while (!stop) {
		time_t t = time(NULL);
		for (size_t i = 0; i < NJOBS && !stop; i++) {
			if (*jobs[i].every <= 0 || t < due[i])
				continue;
			int rc = run(self, conf, &jobs[i]);
			if (rc != 0)
				syslog(LOG_WARNING, "scheduler: %s exited %d",
				    jobs[i].name, rc);
			due[i] = time(NULL) + *jobs[i].every;
		}
		sleep(1);
	}
	return 0;
}
