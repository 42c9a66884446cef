/* fcgi.c: the one file that talks to libfcgi: read a request, send a response */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <grp.h>
#include <syslog.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "base/config.h"
#include "server/fcgi.h"
#include "web/app.h"
#include "web/render.h"

#define BIG_RESPONSE	(64 * 1024)	/* bytes of page after which the heap is trimmed */
#include "base/util.h"

/*
 * Only nginx may connect: the socket is 0600 (nginx runs as the same
 * user), or 0660 in group fcgi_group (a production install: mogamid as
 * its own user, nginx's workers in that group). 0 or -1.
 */
static int
socket_access(const char *path)
{
	struct group	*gr;

	if (cfg.fcgi_group[0] == '\0')
		return chmod(path, 0600);
	if ((gr = getgrnam(cfg.fcgi_group)) == NULL) {
		syslog(LOG_ERR, "%s: no group %s", __func__, cfg.fcgi_group);
		return -1;
	}
	if (chown(path, (uid_t)-1, gr->gr_gid) == -1 || chmod(path, 0660) == -1) {
		syslog(LOG_ERR, "%s: %s: %m", __func__, path);
		return -1;
	}
	return 0;
}

/*
 * Creates the listening socket at path (a stale one is removed first) with
 * mode 0600: only nginx's workers, running as the same user, may connect,
 * since whoever reaches the socket can claim any certificate.
 * Returns the descriptor or -1.
 */
int
fcgi_listen(const char *path, int backlog)
{
	mode_t	 old;
	int	 fd;

	if (FCGX_Init() != 0)
		return -1;
	unlink(path);
	old = umask(0177);
	fd = FCGX_OpenSocket(path, backlog);
	umask(old);
	/* host:port (FastCGI over TCP, a private network): no file to guard */
	if (fd >= 0 && path[0] == '/' && socket_access(path) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char *
env(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/* Headers are built with our own snprintf: FCGX_FPrintF knows no %zu. */
static void
send_response(FCGX_Request *fr, struct req *r)
{
	struct buf	 h;

	buf_init(&h);
	buf_printf(&h, "Status: %d %s\r\n", r->status, http_reason(r->status));
	buf_puts(&h, http_security_headers(r->frames));
	if (r->headers.len > 0)
		buf_add(&h, r->headers.data, r->headers.len);
	if (r->status != 303)
		buf_printf(&h, "Content-Type: %s\r\n",
		    r->ctype ? r->ctype : "text/html; charset=utf-8");
	buf_printf(&h, "Content-Length: %zu\r\n\r\n", r->body_out.len);
	if (!h.oom)
		FCGX_PutStr(h.data, (int)h.len, fr->out);
	if (r->body_out.len > 0 && !str_eq(r->method, "HEAD"))
		FCGX_PutStr(r->body_out.data, (int)r->body_out.len, fr->out);
	buf_free(&h);
}

/*
 * Reads exactly CONTENT_LENGTH bytes of body into a malloc'd buffer (the
 * caller frees). Returns 0, 1 when over the limit (nothing read), -1 on a
 * short or malformed body.
 */
static int
read_body(FCGX_Request *fr, char **out, size_t *len)
{
	const char	*cl = env(fr, "CONTENT_LENGTH");
	long long	 n;
	char		*b;
	int		 got;

	*out = NULL;
	*len = 0;
	if (cl == NULL || *cl == '\0')
		return 0;
	if (str_to_ll(cl, 0, 1LL << 40, &n) == -1)
		return -1;
	if ((size_t)n > cfg.body_max)
		return 1;
	if ((b = malloc((size_t)n + 1)) == NULL)
		return -1;
	got = n > 0 ? FCGX_GetStr(b, (int)n, fr->in) : 0;
	if (got != (int)n) {
		free(b);
		return -1;
	}
	b[n] = '\0';
	*out = b;
	*len = (size_t)n;
	return 0;
}

static void
handle(FCGX_Request *fr)
{
	struct req	 r;
	char		*body = NULL;
	int		 rc, big;

	memset(&r, 0, sizeof(r));
	buf_init(&r.headers);
	buf_init(&r.body_out);
	r.method = env(fr, "REQUEST_METHOD");
	r.path = env(fr, "DOCUMENT_URI");
	r.query = env(fr, "QUERY_STRING");
	r.remote_addr = env(fr, "REMOTE_ADDR");
	r.origin = env(fr, "HTTP_ORIGIN");
	r.fetch_site = env(fr, "HTTP_SEC_FETCH_SITE");
	r.fetch_dest = env(fr, "HTTP_SEC_FETCH_DEST");
	r.cookie_hdr = env(fr, "HTTP_COOKIE");
	r.content_type = env(fr, "CONTENT_TYPE");
	/* Identity: only the names nginx sets from its verified variables. */
	r.cert.verify = env(fr, "SSL_CLIENT_VERIFY");
	r.cert.serial = env(fr, "SSL_CLIENT_SERIAL");
	r.cert.fingerprint = env(fr, "SSL_CLIENT_FINGERPRINT");
	r.cert.s_dn = env(fr, "SSL_CLIENT_S_DN");
	r.cert.i_dn = env(fr, "SSL_CLIENT_I_DN");
	if (r.method == NULL || r.path == NULL) {
		r.method = "GET";
		r.path = "/";
		view_begin();
		http_error(&r, 400, "syntax", NULL);
		goto send;
	}
	if ((rc = read_body(fr, &body, &r.body_len)) != 0) {
		view_begin();
		http_error(&r, rc == 1 ? 413 : 400, rc == 1 ? "toolarge" :
		    "syntax", NULL);
		goto send;
	}
	r.body = body;
	app_handle(&r);
send:
	send_response(fr, &r);
	big = r.body_out.cap > BIG_RESPONSE;
	req_free(&r);
	free(body);
	/* A big page (thousands of rows) leaves freed heap behind: return it. */
	if (big)
		malloc_trim(0);
}

/*
 * The worker's loop: accept, handle, finish, until *stop is set. *busy is 1
 * while a request is being handled, so SIGTERM can wait for it to end.
 */
void
fcgi_serve(int sock, volatile sig_atomic_t *stop, volatile sig_atomic_t *busy)
{
	FCGX_Request	 fr;

	/*
	 * Fixed thresholds: glibc otherwise raises them after the first big
	 * buffer is freed, and the heap keeps its high-water mark for the
	 * worker's life (docs/benchmarks.md: RSS flat after warm-up).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024);
	if (FCGX_InitRequest(&fr, sock, 0) != 0) {
		syslog(LOG_ERR, "%s: FCGX_InitRequest failed", __func__);
		return;
	}
	while (!*stop && FCGX_Accept_r(&fr) >= 0) {
		*busy = 1;
		handle(&fr);
		FCGX_Finish_r(&fr);
		*busy = 0;
	}
	FCGX_Free(&fr, 1);
}
