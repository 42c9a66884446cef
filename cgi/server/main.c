/* main.c: mogamid, the pre-fork master that keeps N FastCGI workers alive */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "db/db.h"
#include "server/fcgi.h"
#include "web/render.h"

#define MAX_WORKERS	256

static volatile sig_atomic_t	 stop, busy, child_died;
static pid_t			 workers[MAX_WORKERS];

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
	/* An idle worker waits in accept(): leave now; a busy one finishes. */
	if (getpid() != 0 && busy == 0 && workers[0] == -1)
		_exit(0);
}

static void
on_chld(int sig)
{
	(void)sig;
	child_died = 1;
}

static void
worker(int sock)
{
	char	 err[256];

	workers[0] = -1;	/* marks this process a worker for on_term */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	sigset_t empty;
	sigemptyset(&empty);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &empty, NULL);
	if (getppid() == 1)
		_exit(0);
	if (render_init(err, sizeof(err)) == -1) {
		syslog(LOG_ERR, "%s", err);
		_exit(1);
	}
	/* A failed connect is retried at the next request. */
	if (db_connect(err, sizeof(err)) == -1)
		syslog(LOG_WARNING, "%s", err);
	fcgi_serve(sock, &stop, &busy);
	db_close();
	render_free();
	_exit(0);
}

static pid_t
spawn(int sock)
{
	pid_t	 pid;

	if ((pid = fork()) == 0)
		worker(sock);
	if (pid == -1)
		syslog(LOG_ERR, "fork: %s", strerror(errno));
	return pid;
}

int
main(int argc, char *argv[])
{
	struct sigaction	 sa;
	sigset_t		 mask, old;
	const char		*conf = "var/mogami.conf";
	char			 err[512];
	time_t			 window = 0;
	int			 sock, i, n, deaths = 0, c;
	pid_t			 pid;

	while ((c = getopt(argc, argv, "c:")) != -1)
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		default:
			fprintf(stderr, "usage: mogamid [-c conf]\n");
			return 2;
		}
	openlog("mogamid", LOG_PID | LOG_PERROR, LOG_DAEMON);
	if (config_load(conf, err, sizeof(err)) == -1) {
		syslog(LOG_ERR, "%s", err);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	if ((sock = fcgi_listen(cfg.fcgi_socket, 256)) < 0) {
		syslog(LOG_ERR, "cannot listen on %s", cfg.fcgi_socket);
		return 1;
	}
	n = cfg.workers < MAX_WORKERS ? cfg.workers : MAX_WORKERS;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, &old);
	for (i = 0; i < n; i++)
		workers[i] = spawn(sock);
	syslog(LOG_INFO, "%d workers on %s", n, cfg.fcgi_socket);
	while (!stop) {
		sigsuspend(&old);
		if (!child_died)
			continue;
		child_died = 0;
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (i = 0; i < n; i++)
				if (workers[i] == pid)
					workers[i] = 0;
		if (stop)
			break;
		/* Re-fork the dead, but not faster than 20 a minute on a crash loop. */
		if (time(NULL) - window > 60) {
			window = time(NULL);
			deaths = 0;
		}
		for (i = 0; i < n; i++)
			if (workers[i] <= 0) {
				if (++deaths > 20) {
					sigprocmask(SIG_SETMASK, &old, NULL);
					sleep(1);
					sigprocmask(SIG_BLOCK, &mask, NULL);
					child_died = 1;
				}
				syslog(LOG_WARNING, "worker %d died; re-forking", i);
				workers[i] = spawn(sock);
			}
	}
	for (i = 0; i < n; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	for (c = 0; c < 50; c++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		for (i = 0; i < n; i++)
			if (workers[i] > 0 && kill(workers[i], 0) == -1)
				workers[i] = 0;
		for (i = 0; i < n && workers[i] <= 0; i++)
			;
		if (i == n)
			break;
		usleep(100000);
	}
	for (i = 0; i < n; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0)
		;
	unlink(cfg.fcgi_socket);
	syslog(LOG_INFO, "stopped");
	return 0;
}
