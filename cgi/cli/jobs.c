/*
 * jobs.c: periodic jobs, each run as a child `mogamictl -c CONF ...` so
 * that a job that crashes or hangs never stops the others.
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

#include "base/config.h"
#include "base/util.h"
#include "cli/jobs.h"

struct job {
	const char	*name;
	const int	*every;		/* seconds, from the configuration */
	const char	*argv[4];	/* the mogamictl command */
};

/* Every periodic job, one row each. */
static const struct job jobs[] = {
	{ "users expire",	&cfg.jobs_users_expire_secs,	{ "users", "expire", NULL } },
	{ "emergency escalate",	&cfg.jobs_emergency_secs,	{ "emergency", "escalate", NULL } },
	{ "misuse scan",	&cfg.jobs_misuse_secs,		{ "misuse", "scan", NULL } },
	{ "ssmix2 import-all",	&cfg.jobs_ssmix2_secs,		{ "ssmix2", "import-all", NULL } },
	{ "ssmix2 run-now",	&cfg.jobs_ssmix2_request_secs,	{ "ssmix2", "import-all", "--requested" } },
	{ "audit seal",		&cfg.jobs_audit_seal_secs,	{ "audit", "seal", "--quiet" } },
	{ "dashboard refresh",	&cfg.jobs_dashboard_secs,	{ "dashboard", "refresh", "--quiet" } },
};
#define NJOBS	(sizeof(jobs) / sizeof(jobs[0]))

static volatile sig_atomic_t	 stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* Starts job j as a child; its pid, or -1. */
static pid_t
start(const char *self, const char *conf, const struct job *j)
{
	char		*argv[8];
	pid_t		 pid;
	int		 n = 0;

	/* execv's argv is char *const[]: copies, freed by the child's exit. */
	argv[n++] = str_dup(self);
	argv[n++] = str_dup("-c");
	argv[n++] = str_dup(conf);
	for (int i = 0; i < 4 && j->argv[i] != NULL && n < 7; i++)
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
	return pid;
}

/*
 * Runs every job on its own clock, each in its own child, so a long import
 * never delays the audit seal (a checkpoint at least every minute). A job
 * still running when it falls due again is not started twice.
 */
int
jobs_loop(const char *self, const char *conf)
{
	time_t		 due[NJOBS];
	pid_t		 running[NJOBS];
	struct sigaction sa;
	pid_t		 pid;
	int		 st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (size_t i = 0; i < NJOBS; i++) {
		due[i] = 0;	/* everything once at start */
		running[i] = 0;
	}
	syslog(LOG_INFO, "scheduler: %zu jobs", NJOBS);
	while (!stop) {
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			for (size_t i = 0; i < NJOBS; i++) {
				if (running[i] != pid)
					continue;
				running[i] = 0;
				int rc = WIFEXITED(st) ? WEXITSTATUS(st) :
				    128 + WTERMSIG(st);
				if (rc != 0)
					syslog(LOG_WARNING, "scheduler: %s exited %d",
					    jobs[i].name, rc);
			}
		time_t t = time(NULL);
		for (size_t i = 0; i < NJOBS && !stop; i++) {
			if (*jobs[i].every <= 0 || running[i] != 0 || t < due[i])
				continue;
			if ((running[i] = start(self, conf, &jobs[i])) == -1)
				running[i] = 0;
			due[i] = t + *jobs[i].every;
		}
		sleep(1);
	}
	for (size_t i = 0; i < NJOBS; i++)
		if (running[i] > 0)
			kill(running[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
