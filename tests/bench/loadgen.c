/*
 * loadgen.c: an HTTPS load generator that presents a client certificate
 * (wrk and h2load cannot). N connections, one thread each, TLS 1.3 and
 * HTTP/1.1 keep-alive; a fixed number of requests spread over them; then
 * throughput and p50/p90/p99/max latency, as text or one JSON object.
 *
 *   loadgen -p PORT -C CERT -K KEY [-A CA] [-c CONNS] [-n REQUESTS] [-w WARM]
 *           [-l LOGIN -P PASSWORD_FILE] [-s PREP_PATH] [-L] [-j NAME] REQ...
 *
 * REQ is "PATH" (GET) or "POST PATH BODY". In PATH and BODY, {P} becomes a
 * patient handle and {CSRF} the session's CSRF token, both read from the
 * page PREP_PATH after logging in (handles are valid only in the session
 * that obtained them). With -L each measured operation is a whole login
 * (GET /login, POST /login) on the kept-alive connection.
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
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define MAXREQ		16
#define RESPMAX		(8 * 1024 * 1024)

struct reqspec {
	const char	*method, *path, *body;
};

static struct {
	int		 port, conns, warm, login_op;
	long		 total;
	const char	*host, *login, *pwfile, *prep, *name;
	char		 password[256];
	struct reqspec	 reqs[MAXREQ];
	int		 nreqs;
	SSL_CTX		*ctx;
} o = { .port = 8443, .conns = 1, .total = 1000, .host = "127.0.0.1" };

struct conn {
	int		 id, fd;
	SSL		*ssl;
	char		 cookies[2048], handle[64], csrf[80];
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

/* Replaces {P} and {CSRF} in s into out; returns out. */
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

static void *
run(void *arg)
{
	struct conn	*c = arg;
	char		 path[2048], body[4096];
	long		 i;

	if (conn_open(c) == -1)
		goto fail;
	if (o.login != NULL && !o.login_op) {
		int st = do_login(c);
		if (st != 303) {
			fprintf(stderr, "loadgen: login answered %d\n", st);
			goto fail;
		}
	}
	if (o.prep != NULL) {
		if (http(c, "GET", o.prep, NULL) < 0)
			goto fail;
		find_handle(c);
		find_csrf(c);
	}
	for (i = -o.warm; i < c->n; i++) {
		const struct reqspec *q = &o.reqs[(i + o.warm + c->id) % o.nreqs];
		uint64_t t0 = now_ns();
		int st;
		if (o.login_op)
			st = do_login(c);
		else
			st = http(c, q->method, expand(c, q->path, path,
			    sizeof(path)), q->body ? expand(c, q->body, body,
			    sizeof(body)) : NULL);
		if (st < 0)
			goto fail;
		if (i >= 0) {
			c->lat[i] = now_ns() - t0;
			count(c, st);
		}
	}
	conn_close(c);
	return NULL;
fail:
	c->failed = 1;
	conn_close(c);
	return NULL;
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
	    "[-n REQUESTS] [-w WARM] [-l LOGIN -P PWFILE] [-s PREP] [-L] "
	    "[-j NAME] REQ...\n");
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

	while ((ch = getopt(argc, argv, "p:C:K:A:c:n:w:l:P:s:Lj:")) != -1)
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
		if ((cs[i].lat = calloc((size_t)cs[i].n, sizeof(uint64_t))) == NULL)
			return 1;
	}
	/* Warm-up and login happen inside run(); the clock covers them too
	 * only for the slowest connection, so throughput uses the sum of
	 * per-request time spread over the connections (see below). */
	t0 = now_ns();
	for (int i = 0; i < o.conns; i++)
		pthread_create(&cs[i].th, NULL, run, &cs[i]);
	for (int i = 0; i < o.conns; i++)
		pthread_join(cs[i].th, NULL);
	t1 = now_ns();
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
	if (json)
		printf("{\"name\":\"%s\",\"conns\":%d,\"requests\":%ld,"
		    "\"rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
		    "\"max_ms\":%.3f,\"wall_s\":%.3f,\"s2xx\":%ld,\"s3xx\":%ld,"
		    "\"s4xx\":%ld,\"s5xx\":%ld,\"failed\":%d}\n", o.name, o.conns,
		    done, rps, PCT(0.5), PCT(0.9), PCT(0.99), all[done - 1] / 1e6,
		    (double)(t1 - t0) / 1e9, st[2], st[3], st[4], st[5], failed);
	else
		printf("%d conns, %ld requests: %.0f req/s, p50 %.2f ms, p90 %.2f "
		    "ms, p99 %.2f ms, max %.2f ms; 2xx %ld 3xx %ld 4xx %ld 5xx "
		    "%ld%s\n", o.conns, done, rps, PCT(0.5), PCT(0.9), PCT(0.99),
		    all[done - 1] / 1e6, st[2], st[3], st[4], st[5],
		    failed ? " (a connection failed)" : "");
	return failed ? 1 : 0;
}
