/*
 * loadgen.c: an HTTPS load generator that presents a client certificate
 * (wrk and h2load cannot). N connections, one thread each, TLS 1.3 and
 * HTTP/1.1 keep-alive; a fixed number of requests spread over them; then
 * throughput and p50/p90/p99/max latency, as text or one JSON object.
 *
 *   loadgen -p PORT -C CERT -K KEY [-A CA] [-c CONNS] [-n REQUESTS] [-w WARM]
 *           [-l LOGIN -P PASSWORD_FILE] [-f POOL] [-s PREP_PATH] [-L]
 *           [-u NAME=PID[+]]... [-j NAME] REQ...
 *
 * REQ is "PATH" (GET) or "POST PATH BODY". In PATH and BODY, {P} becomes a
 * patient handle and {CSRF} the session's CSRF token, both read from the
 * page PREP_PATH after logging in (handles are valid only in the session
 * that obtained them). With -L each measured operation is a whole login
 * (GET /login, POST /login) on the kept-alive connection.
 *
 * A pool (-f POOL, one line each, at most POOL_MAX) spreads the load over
 * many patients as users do: {ID} in REQ becomes a line drawn at random for
 * each request; {ID} in PREP_PATH makes the prep run once for each line of
 * the connection's share of the pool (lines k, k + CONNS, ...: together the
 * connections cover it), and {P} then becomes one of the handles those
 * preps found, drawn at random for each request. Asking the same patient
 * again and again would measure MariaDB's buffer pool and its caches on one
 * patient's rows, not a region's (issue 23).
 *
 * -u NAME=PID reads the process's CPU time (utime + stime in /proc/PID/stat)
 * when every connection is ready (logged in, prepared, warmed up) and when
 * the last measured request is answered; PID+ adds its live children (the
 * pre-fork workers, nginx's workers) and the children it reaped meanwhile.
 * The JSON then carries each one's CPU milliseconds per request.
 * Standalone on purpose: it links only OpenSSL and pthreads.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define MAXREQ		16
#define RESPMAX		(8 * 1024 * 1024)
#define POOL_MAX	200000	/* lines of -f */
#define HANDLE_MAX	64	/* a handle's bytes with its NUL */
#define CPU_MAX		8	/* -u options */

struct reqspec {
	const char	*method, *path, *body;
};

/* A process whose CPU time is read around the measured requests (-u). */
struct cpuwatch {
	const char	*name;
	int		 pid, children;
	double		 before, after;	/* seconds */
};

static struct {
	int		 port, conns, warm, login_op;
	long		 total;
	const char	*host, *login, *pwfile, *prep, *name;
	char		 password[256];
	struct reqspec	 reqs[MAXREQ];
	int		 nreqs;
	char		**pool;		/* -f lines, npool of them */
	long		 npool;
	struct cpuwatch	 cpu[CPU_MAX];
	int		 ncpu;
	pthread_barrier_t ready, go;	/* connections and main: see run() */
	SSL_CTX		*ctx;
} o = { .port = 8443, .conns = 1, .total = 1000, .host = "127.0.0.1" };

struct conn {
	int		 id, fd;
	SSL		*ssl;
	char		 cookies[2048], handle[HANDLE_MAX], csrf[80];
	char		(*handles)[HANDLE_MAX];	/* a pool prep's, nhandles */
	long		 nhandles;
	const char	*line;		/* {ID}: this request's pool line */
	uint64_t	 rng;		/* splitmix64 state: the draws */
	char		*resp;		/* last response body, malloc'd */
	size_t		 resplen;
	long		 n;		/* requests this connection makes */
	uint64_t	*lat;		/* nanoseconds, n of them */
	long		 status[6];	/* by class: 1xx..5xx, [0] failures */
	int		 failed;
	pthread_t	 th;
};

static uint64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int
conn_open(struct conn *c)
{
	struct sockaddr_in	 sa;
	int			 one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o.port);
	inet_pton(AF_INET, o.host, &sa.sin_addr);
	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		perror("loadgen: connect");
		return -1;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if ((c->ssl = SSL_new(o.ctx)) == NULL ||
	    SSL_set_fd(c->ssl, c->fd) != 1 ||
	    SSL_set_tlsext_host_name(c->ssl, "localhost") != 1 ||
	    SSL_connect(c->ssl) != 1) {
		fprintf(stderr, "loadgen: TLS handshake failed\n");
		ERR_print_errors_fp(stderr);
		return -1;
	}
	return 0;
}

static void
conn_close(struct conn *c)
{
	if (c->ssl != NULL) {
		SSL_shutdown(c->ssl);
		SSL_free(c->ssl);
	}
	if (c->fd >= 0)
		close(c->fd);
	c->ssl = NULL;
	c->fd = -1;
}

/* Replaces {P}, {CSRF} and {ID} in s into out; returns out. */
static char *
expand(const struct conn *c, const char *s, char *out, size_t len)
{
	size_t	 n = 0;

	while (*s && n + 1 < len) {
		const char *v = NULL;
		size_t skip = 0;
		if (strncmp(s, "{P}", 3) == 0)
			v = c->handle, skip = 3;
		else if (strncmp(s, "{CSRF}", 6) == 0)
			v = c->csrf, skip = 6;
		else if (strncmp(s, "{ID}", 4) == 0 && c->line != NULL)
			v = c->line, skip = 4;
		if (v != NULL) {
			size_t vl = strlen(v);
			if (n + vl >= len)
				break;
			memcpy(out + n, v, vl);
			n += vl;
			s += skip;
		} else
			out[n++] = *s++;
	}
	out[n] = '\0';
	return out;
}

/* Keeps name=value of a Set-Cookie header; Max-Age=0 drops it. */
static void
cookie_set(struct conn *c, const char *h)
{
	char	 nv[512], jar[2048], *semi, *eq;
	char	*save = NULL, *tok;
	int	 drop = strstr(h, "Max-Age=0") != NULL;

	snprintf(nv, sizeof(nv), "%.500s", h);
	if ((semi = strchr(nv, ';')) != NULL)
		*semi = '\0';
	if ((eq = strchr(nv, '=')) == NULL)
		return;
	jar[0] = '\0';
	for (tok = strtok_r(c->cookies, "; ", &save); tok != NULL;
	    tok = strtok_r(NULL, "; ", &save)) {
		if (strncmp(tok, nv, (size_t)(eq - nv + 1)) == 0)
			continue;
		snprintf(jar + strlen(jar), sizeof(jar) - strlen(jar), "%s%s",
		    jar[0] ? "; " : "", tok);
	}
	if (!drop)
		snprintf(jar + strlen(jar), sizeof(jar) - strlen(jar), "%s%s",
		    jar[0] ? "; " : "", nv);
	snprintf(c->cookies, sizeof(c->cookies), "%s", jar);
}

/* Reads exactly len bytes; 0 or -1. */
static int
read_n(struct conn *c, char *buf, size_t len)
{
	size_t	 got = 0;
	int	 r;

	while (got < len) {
		if ((r = SSL_read(c->ssl, buf + got, (int)(len - got))) <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* Reads one line (CRLF) into buf, byte by byte; headers are short. */
static int
read_line(struct conn *c, char *buf, size_t len)
{
	size_t	 n = 0;
	char	 ch;

	while (n + 1 < len) {
		if (SSL_read(c->ssl, &ch, 1) != 1)
			return -1;
		if (ch == '\n') {
			if (n > 0 && buf[n - 1] == '\r')
				n--;
			buf[n] = '\0';
			return 0;
		}
		buf[n++] = ch;
	}
	return -1;
}

static int
body_add(struct conn *c, size_t len)
{
	char	*p;

	if (c->resplen + len + 1 > RESPMAX ||
	    (p = realloc(c->resp, c->resplen + len + 1)) == NULL)
		return -1;
	c->resp = p;
	if (read_n(c, c->resp + c->resplen, len) == -1)
		return -1;
	c->resplen += len;
	c->resp[c->resplen] = '\0';
	return 0;
}

/*
 * Sends one request and reads the whole response (Content-Length or
 * chunked). Returns the status, or -1 when the connection failed.
 */
static int
http(struct conn *c, const char *method, const char *path, const char *body)
{
	char	 req[8192], line[4096];
	long	 clen = -1;
	int	 status = 0, chunked = 0, closing = 0, n;

	char	 extra[128] = "";

	if (body != NULL)
		snprintf(extra, sizeof(extra), "Content-Type: application/"
		    "x-www-form-urlencoded\r\nContent-Length: %zu\r\n",
		    strlen(body));
	n = snprintf(req, sizeof(req), "%s %s HTTP/1.1\r\nHost: localhost\r\n"
	    "User-Agent: mogami-loadgen\r\n%s%s%s%s\r\n%s", method, path,
	    c->cookies[0] ? "Cookie: " : "", c->cookies,
	    c->cookies[0] ? "\r\n" : "", extra, body ? body : "");
	if (n < 0 || (size_t)n >= sizeof(req) || SSL_write(c->ssl, req, n) != n)
		return -1;
	c->resplen = 0;
	if (read_line(c, line, sizeof(line)) == -1 ||
	    sscanf(line, "HTTP/1.%*d %d", &status) != 1)
		return -1;
	for (;;) {
		if (read_line(c, line, sizeof(line)) == -1)
			return -1;
		if (line[0] == '\0')
			break;
		if (strncasecmp(line, "Content-Length:", 15) == 0)
			clen = strtol(line + 15, NULL, 10);
		else if (strncasecmp(line, "Transfer-Encoding:", 18) == 0 &&
		    strstr(line, "chunked") != NULL)
			chunked = 1;
		else if (strncasecmp(line, "Set-Cookie:", 11) == 0)
			cookie_set(c, line + 12);
		else if (strncasecmp(line, "Connection:", 11) == 0 &&
		    strstr(line, "close") != NULL)
			closing = 1;
	}
	if (chunked) {
		for (;;) {
			long sz;
			if (read_line(c, line, sizeof(line)) == -1)
				return -1;
			sz = strtol(line, NULL, 16);
			if (sz == 0) {
				read_line(c, line, sizeof(line));
				break;
			}
			if (body_add(c, (size_t)sz) == -1 ||
			    read_line(c, line, sizeof(line)) == -1)
				return -1;
		}
	} else if (clen > 0 && body_add(c, (size_t)clen) == -1)
		return -1;
	if (closing) {
		conn_close(c);
		if (conn_open(c) == -1)
			return -1;
	}
	return status;
}

/* The value of name="csrf" value="..." in the last page, into c->csrf. */
static void
find_csrf(struct conn *c)
{
	const char	*p;

	if (c->resp == NULL ||
	    (p = strstr(c->resp, "name=\"csrf\" value=\"")) == NULL)
		return;
	p += 19;
	snprintf(c->csrf, sizeof(c->csrf), "%.*s", (int)strcspn(p, "\""), p);
}

/* The first patient handle (?p=...) in the last page, into c->handle. */
static void
find_handle(struct conn *c)
{
	const char	*p;

	if (c->resp == NULL || (p = strstr(c->resp, "?p=")) == NULL)
		return;
	p += 3;
	snprintf(c->handle, sizeof(c->handle), "%.*s",
	    (int)strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_"), p);
}

static void
urlenc(const char *s, char *out, size_t len)
{
	size_t	 n = 0;

	for (; *s && n + 4 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch))
			out[n++] = (char)ch;
		else
			n += (size_t)snprintf(out + n, len - n, "%%%02X", ch);
	}
	out[n] = '\0';
}

/* GET /login, POST /login; returns the POST's status or -1. */
static int
do_login(struct conn *c)
{
	char	 body[1024], l[256], p[512];
	int	 st;

	c->cookies[0] = '\0';
	if ((st = http(c, "GET", "/login", NULL)) != 200)
		return st < 0 ? -1 : st;
	find_csrf(c);
	urlenc(o.login, l, sizeof(l));
	urlenc(o.password, p, sizeof(p));
	snprintf(body, sizeof(body), "login=%s&password=%s&csrf=%s", l, p,
	    c->csrf);
	return http(c, "POST", "/login", body);
}

static void
count(struct conn *c, int st)
{
	c->status[st > 0 && st < 600 ? st / 100 : 0]++;
}

/* splitmix64: a connection's draws, the same for the same run. */
static uint64_t
draw(struct conn *c, uint64_t n)
{
	uint64_t	 z = (c->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return n ? (z ^ (z >> 31)) % n : 0;
}

/*
 * The prep page once, or with a pool in PREP_PATH once for each line of
 * this connection's share, keeping each handle found. 0 or -1.
 */
static int
prep(struct conn *c)
{
	char	 path[2048];
	long	 k;

	if (o.pool == NULL || strstr(o.prep, "{ID}") == NULL) {
		if (http(c, "GET", o.prep, NULL) < 0)
			return -1;
		find_handle(c);
		find_csrf(c);
		return 0;
	}
	c->handles = calloc((size_t)(o.npool / o.conns + 1), HANDLE_MAX);
	if (c->handles == NULL)
		return -1;
	for (k = c->id; k < o.npool; k += o.conns) {
		c->line = o.pool[k];
		c->handle[0] = '\0';
		if (http(c, "GET", expand(c, o.prep, path, sizeof(path)),
		    NULL) < 0)
			return -1;
		find_handle(c);
		find_csrf(c);
		if (c->handle[0] != '\0')
			memcpy(c->handles[c->nhandles++], c->handle, HANDLE_MAX);
	}
	if (c->nhandles == 0) {
		fprintf(stderr, "loadgen: no prep page of the pool had a handle\n");
		return -1;
	}
	return 0;
}

/* One request (or login with -L); the status or -1. The pool draws: a
 * line for {ID}, one of the prep's handles for {P}. */
static int
one(struct conn *c, long i)
{
	const struct reqspec *q;
	char	 path[2048], body[4096];

	if (o.login_op)
		return do_login(c);
	q = &o.reqs[(i + o.warm + c->id) % o.nreqs];
	if (o.pool != NULL)
		c->line = o.pool[draw(c, (uint64_t)o.npool)];
	if (c->nhandles > 0)
		memcpy(c->handle, c->handles[draw(c, (uint64_t)c->nhandles)],
		    HANDLE_MAX);
	return http(c, q->method, expand(c, q->path, path, sizeof(path)),
	    q->body ? expand(c, q->body, body, sizeof(body)) : NULL);
}

/* Connected, logged in, prepared and warmed up: 0, or -1 (c->failed). */
static int
ready(struct conn *c)
{
	if (conn_open(c) == -1)
		return -1;
	if (o.login != NULL && !o.login_op) {
		int st = do_login(c);
		if (st != 303) {
			fprintf(stderr, "loadgen: login answered %d\n", st);
			return -1;
		}
	}
	if (o.prep != NULL && prep(c) == -1)
		return -1;
	for (long i = -o.warm; i < 0; i++)
		if (one(c, i) < 0)
			return -1;
	return 0;
}

/*
 * A connection: ready, then the barriers (main reads the CPU counters
 * between them, when every connection is ready and none has begun), then
 * the measured requests. A connection that failed still meets the
 * barriers, or the others would wait for it for ever.
 */
static void *
run(void *arg)
{
	struct conn	*c = arg;
	long		 i;

	c->failed = ready(c) == -1;
	pthread_barrier_wait(&o.ready);
	pthread_barrier_wait(&o.go);
	for (i = 0; !c->failed && i < c->n; i++) {
		uint64_t t0 = now_ns();
		int st = one(c, i);
		if (st < 0) {
			c->failed = 1;
			break;
		}
		c->lat[i] = now_ns() - t0;
		count(c, st);
	}
	conn_close(c);
	return NULL;
}

/* utime + stime of /proc/PID/stat in seconds; with kids, also cutime +
 * cstime (children reaped) and every live child's own. -1: no process. */
static double
cpu_of(int pid, int kids)
{
	char	 fn[64], buf[1024], *p;
	FILE	*f;
	unsigned long long ut, st, cut, cst;
	int	 ppid;
	double	 t;

	snprintf(fn, sizeof(fn), "/proc/%d/stat", pid);
	if ((f = fopen(fn, "r")) == NULL)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	/* After the command's ")": state ppid pgrp session tty tpgid flags
	 * minflt cminflt majflt cmajflt utime stime cutime cstime. */
	if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu "
	    "%llu %llu", &ppid, &ut, &st, &cut, &cst) != 5)
		return -1;
	t = (double)(ut + st + (kids ? cut + cst : 0));
	t /= (double)sysconf(_SC_CLK_TCK);
	if (kids) {
		DIR *d = opendir("/proc");
		struct dirent *e;
		while (d != NULL && (e = readdir(d)) != NULL) {
			int child = atoi(e->d_name);
			if (child <= 0 || child == pid)
				continue;
			snprintf(fn, sizeof(fn), "/proc/%d/stat", child);
			if ((f = fopen(fn, "r")) == NULL)
				continue;
			p = fgets(buf, sizeof(buf), f);
			fclose(f);
			if (p != NULL && (p = strrchr(buf, ')')) != NULL &&
			    sscanf(p + 1, " %*c %d %*d %*d %*d %*d %*u %*u %*u "
			    "%*u %*u %llu %llu", &ppid, &ut, &st) == 3 &&
			    ppid == pid)
				t += (double)(ut + st) /
				    (double)sysconf(_SC_CLK_TCK);
		}
		if (d != NULL)
			closedir(d);
	}
	return t;
}

/* This process's CPU seconds (every thread: the client's TLS). */
static double
cpu_self(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Reads -f into o.pool: one line each, blank lines skipped. 0 or -1. */
static int
pool_read(const char *fn)
{
	FILE	*f = fopen(fn, "r");
	char	 line[1024];

	if (f == NULL) {
		perror(fn);
		return -1;
	}
	if ((o.pool = calloc(POOL_MAX, sizeof(*o.pool))) == NULL) {
		fclose(f);
		return -1;
	}
	while (o.npool < POOL_MAX && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0' && (o.pool[o.npool++] = strdup(line)) == NULL)
			break;
	}
	fclose(f);
	if (o.npool == 0) {
		fprintf(stderr, "loadgen: %s has no line\n", fn);
		return -1;
	}
	return 0;
}

/* -u NAME=PID or NAME=PID+ (with children). 0 or -1. */
static int
cpu_add(char *arg)
{
	char	*eq = strchr(arg, '=');
	struct cpuwatch *w;

	if (eq == NULL || o.ncpu == CPU_MAX || atoi(eq + 1) <= 0)
		return -1;
	*eq = '\0';
	w = &o.cpu[o.ncpu++];
	w->name = arg;
	w->pid = atoi(eq + 1);
	w->children = eq[1] != '\0' && eq[strlen(eq + 1)] == '+';
	return 0;
}

static int
cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen -p PORT -C CERT -K KEY [-A CA] [-c CONNS] "
	    "[-n REQUESTS] [-w WARM] [-l LOGIN -P PWFILE] [-f POOL] [-s PREP] "
	    "[-L] [-u NAME=PID[+]]... [-j NAME] REQ...\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*cert = NULL, *key = NULL, *ca = NULL;
	struct conn	*cs;
	uint64_t	*all, t0, t1;
	long		 done = 0, st[6] = { 0 };
	int		 ch, json = 0, failed = 0;
	double		 self0, self1;

	while ((ch = getopt(argc, argv, "p:C:K:A:c:n:w:l:P:s:Lj:f:u:")) != -1)
		switch (ch) {
		case 'p': o.port = atoi(optarg); break;
		case 'C': cert = optarg; break;
		case 'K': key = optarg; break;
		case 'A': ca = optarg; break;
		case 'c': o.conns = atoi(optarg); break;
		case 'n': o.total = atol(optarg); break;
		case 'w': o.warm = atoi(optarg); break;
		case 'l': o.login = optarg; break;
		case 'P': o.pwfile = optarg; break;
		case 's': o.prep = optarg; break;
		case 'L': o.login_op = 1; break;
		case 'j': o.name = optarg; json = 1; break;
		case 'f': if (pool_read(optarg) == -1) return 1; break;
		case 'u': if (cpu_add(optarg) == -1) usage(); break;
		default: usage();
		}
	for (int i = optind; i < argc && o.nreqs < MAXREQ; i++) {
		struct reqspec *q = &o.reqs[o.nreqs++];
		q->method = "GET";
		q->path = argv[i];
		if (strncmp(argv[i], "POST ", 5) == 0) {
			char *sp;
			q->method = "POST";
			q->path = argv[i] + 5;
			if ((sp = strchr(q->path, ' ')) != NULL) {
				*sp = '\0';
				q->body = sp + 1;
			} else
				q->body = "";
		}
	}
	if (cert == NULL || key == NULL || o.conns < 1 || o.total < o.conns ||
	    (o.nreqs == 0 && !o.login_op) || ((o.login || o.login_op) &&
	    o.pwfile == NULL))
		usage();
	if (o.pwfile != NULL) {
		FILE *f = fopen(o.pwfile, "r");
		if (f == NULL || fgets(o.password, sizeof(o.password), f) == NULL) {
			perror(o.pwfile);
			return 1;
		}
		fclose(f);
		o.password[strcspn(o.password, "\r\n")] = '\0';
	}
	if ((o.ctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    SSL_CTX_set_min_proto_version(o.ctx, TLS1_3_VERSION) != 1 ||
	    SSL_CTX_use_certificate_chain_file(o.ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(o.ctx, key, SSL_FILETYPE_PEM) != 1) {
		ERR_print_errors_fp(stderr);
		return 1;
	}
	if (ca != NULL) {
		SSL_CTX_load_verify_locations(o.ctx, ca, NULL);
		SSL_CTX_set_verify(o.ctx, SSL_VERIFY_PEER, NULL);
	}
	cs = calloc((size_t)o.conns, sizeof(*cs));
	all = calloc((size_t)o.total, sizeof(*all));
	if (cs == NULL || all == NULL)
		return 1;
	for (int i = 0; i < o.conns; i++) {
		cs[i].id = i;
		cs[i].fd = -1;
		cs[i].n = o.total / o.conns + (i < o.total % o.conns);
		cs[i].rng = 0x6d6f67616d69ULL + (uint64_t)i;
		if ((cs[i].lat = calloc((size_t)cs[i].n, sizeof(uint64_t))) == NULL)
			return 1;
	}
	/* Login, prep and warm-up happen inside run() before the barriers;
	 * the clock and the CPU counters start between them, when all are
	 * ready, and stop when the last measured request is answered. */
	if (pthread_barrier_init(&o.ready, NULL, (unsigned)o.conns + 1) != 0 ||
	    pthread_barrier_init(&o.go, NULL, (unsigned)o.conns + 1) != 0)
		return 1;
	for (int i = 0; i < o.conns; i++)
		pthread_create(&cs[i].th, NULL, run, &cs[i]);
	pthread_barrier_wait(&o.ready);
	for (int i = 0; i < o.ncpu; i++)
		o.cpu[i].before = cpu_of(o.cpu[i].pid, o.cpu[i].children);
	self0 = cpu_self();
	t0 = now_ns();
	pthread_barrier_wait(&o.go);
	for (int i = 0; i < o.conns; i++)
		pthread_join(cs[i].th, NULL);
	t1 = now_ns();
	self1 = cpu_self();
	for (int i = 0; i < o.ncpu; i++)
		o.cpu[i].after = cpu_of(o.cpu[i].pid, o.cpu[i].children);
	uint64_t busy_max = 0;
	for (int i = 0; i < o.conns; i++) {
		uint64_t busy = 0;
		failed |= cs[i].failed;
		for (long k = 0; k < cs[i].n; k++)
			busy += cs[i].lat[k];
		if (busy > busy_max)
			busy_max = busy;
		memcpy(all + done, cs[i].lat, (size_t)cs[i].n * sizeof(*all));
		done += cs[i].n;
		for (int k = 0; k < 6; k++)
			st[k] += cs[i].status[k];
	}
	qsort(all, (size_t)done, sizeof(*all), cmp64);
	/* Throughput over the measured requests: the busiest connection's
	 * time bounds the run (every connection works the whole time). */
	double secs = (double)busy_max / 1e9;
	double rps = secs > 0 ? (double)done / secs : 0;
#define PCT(p)	(all[(size_t)((double)(done - 1) * (p))] / 1e6)
	if (json) {
		printf("{\"name\":\"%s\",\"conns\":%d,\"requests\":%ld,"
		    "\"rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
		    "\"max_ms\":%.3f,\"wall_s\":%.3f,\"s2xx\":%ld,\"s3xx\":%ld,"
		    "\"s4xx\":%ld,\"s5xx\":%ld,\"failed\":%d,\"pool\":%ld",
		    o.name, o.conns, done, rps, PCT(0.5), PCT(0.9), PCT(0.99),
		    all[done - 1] / 1e6, (double)(t1 - t0) / 1e9, st[2], st[3],
		    st[4], st[5], failed, o.npool);
		/* CPU milliseconds per measured request, each process apart;
		 * null when one was gone by the end. */
		printf(",\"cpu_ms\":{\"loadgen\":%.4f",
		    (self1 - self0) * 1e3 / (double)done);
		for (int i = 0; i < o.ncpu; i++) {
			const struct cpuwatch *w = &o.cpu[i];
			if (w->before < 0 || w->after < 0)
				printf(",\"%s\":null", w->name);
			else
				printf(",\"%s\":%.4f", w->name,
				    (w->after - w->before) * 1e3 / (double)done);
		}
		printf("}}\n");
	} else
		printf("%d conns, %ld requests: %.0f req/s, p50 %.2f ms, p90 %.2f "
		    "ms, p99 %.2f ms, max %.2f ms; 2xx %ld 3xx %ld 4xx %ld 5xx "
		    "%ld%s\n", o.conns, done, rps, PCT(0.5), PCT(0.9), PCT(0.99),
		    all[done - 1] / 1e6, st[2], st[3], st[4], st[5],
		    failed ? " (a connection failed)" : "");
	return failed ? 1 : 0;
}
