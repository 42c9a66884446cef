/* routes.c: the route table and the dispatcher that guards it */
#include <string.h>
#include <syslog.h>

#include "app.h"
#include "config.h"
#include "db.h"
#include "pages.h"
#include "render.h"
#include "util.h"

/*
 * Every route, one row each: method, path, handler, roles allowed, flags,
 * accepted parameters. A path not here is 404; a role not named is denied.
 */
const struct route routes[] = {
	{ "GET",  "/",		page_home,	ROLE_CERT,	0,	NULL },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

static const struct route *
route_find(const char *path, const char *method, int *path_known)
{
	size_t	 i;

	*path_known = 0;
	for (i = 0; i < nroutes; i++) {
		if (strcmp(routes[i].path, path) != 0)
			continue;
		*path_known = 1;
		if (strcmp(routes[i].method, method) == 0)
			return &routes[i];
	}
	return NULL;
}

static void
allow_header(struct req *r, const char *path)
{
	struct buf	 b;

	buf_init(&b);
	for (size_t i = 0; i < nroutes; i++)
		if (strcmp(routes[i].path, path) == 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", routes[i].method);
	if (b.data != NULL)
		http_header(r, "Allow", b.data);
	buf_free(&b);
}

/* Parses the query string and the form body; 0, or -1 with a 400 page sent. */
static int
parse_params(struct req *r)
{
	char		 bad[KV_KEYMAX + 1];
	const char	*name;
	int		 rc;

	if (r->query != NULL && (rc = kv_parse_urlencoded(&r->q, r->query,
	    strlen(r->query), bad, sizeof(bad))) != REQ_OK)
		goto bad;
	if (strcmp(r->method, "POST") == 0 && r->body_len > 0) {
		if (r->content_type == NULL || !str_prefix(r->content_type,
		    "application/x-www-form-urlencoded")) {
			http_error(r, 400, "ctype", NULL);
			return -1;
		}
		if ((rc = kv_parse_urlencoded(&r->form, r->body, r->body_len,
		    bad, sizeof(bad))) != REQ_OK)
			goto bad;
	}
	if ((rc = field_check(r->route->fields, &r->q, &name)) != REQ_OK ||
	    (rc = field_check(r->route->fields, &r->form, &name)) != REQ_OK) {
		str_copy(bad, name ? name : "", sizeof(bad));
		goto bad;
	}
	if (kv_parse_cookies(&r->cookies, r->cookie_hdr) != REQ_OK) {
		http_error(r, 400, "cookie", NULL);
		return -1;
	}
	return 0;
bad:
	http_error(r, 400, req_err_key(rc), bad[0] ? bad : NULL);
	return -1;
}

/*
 * Handles one request: certificate, route, method, parameters, database,
 * session, role, CSRF, then the handler. Whatever fails answers with a
 * Japanese error page and runs no handler.
 */
void
app_handle(struct req *r)
{
	int	 path_known;

	view_begin();
	view_set("Req.path", r->path);
	if (!str_eq(r->cert.verify, "SUCCESS")) {
		/* Fail closed: anything but nginx's SUCCESS is no certificate. */
		view_set("Cert.verify", r->cert.verify && *r->cert.verify ?
		    r->cert.verify : "NONE");
		http_page(r, 403, "nocert.cs");
		return;
	}
	view_set("Cert.subject", r->cert.s_dn);
	view_set("Cert.serial", r->cert.serial);
	if ((r->route = route_find(r->path, r->method, &path_known)) == NULL) {
		if (path_known) {
			allow_header(r, r->path);
			http_error(r, 405, NULL, NULL);
		} else
			http_error(r, 404, NULL, NULL);
		return;
	}
	if (parse_params(r) == -1)
		return;
	if (db_request_begin() != DB_OK) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (!(r->route->roles & ROLE_CERT)) {
		/* No session layer yet admits anyone else: default deny. */
		http_error(r, 403, "role", NULL);
		return;
	}
	r->route->handler(r);
	if (db_broken() && r->status < 500) {
		/* The connection was lost mid-request: nothing was committed. */
		http_error(r, 503, "db", NULL);
	}
}

/* Frees what the request's parsing allocated; the strings came from FastCGI. */
void
req_free(struct req *r)
{
	kv_free(&r->q);
	kv_free(&r->form);
	kv_free(&r->cookies);
	buf_free(&r->headers);
	buf_free(&r->body_out);
}
