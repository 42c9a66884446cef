/* http.c: rendering a response: pages, error pages, redirects */
#include <string.h>
#include <syslog.h>

#include "base/config.h"
#include "base/util.h"
#include "web/app.h"
#include "web/render.h"

/*
 * param() for shared code serving routes that may not accept name (a form
 * shown again on its first GET, the viewer's loader): the value, or NULL.
 */
const char *
param_opt(const struct req *r, const char *name)
{
	const char	*v;

	if ((v = kv_get(&r->form, name)) != NULL)
		return v;
	return kv_get(&r->q, name);
}

/*
 * A value from the form (POST) or the query string (GET), or NULL. A name
 * the route does not accept is always NULL (the dispatcher refused the
 * request otherwise): a handler that asks for one has a route row that
 * lacks a field, and the log says which.
 */
const char *
param(const struct req *r, const char *name)
{
	if (r->route != NULL && field_find(r->route->fields, name) == NULL)
		syslog(LOG_WARNING, "%s: %s %s reads %s, a name the route "
		    "does not accept", __func__, r->method, r->route->path, name);
	return param_opt(r, name);
}

void
http_header(struct req *r, const char *name, const char *value)
{
	/* Header values come from code, never from input; strip CR/LF anyway. */
	if (strpbrk(name, "\r\n") != NULL || strpbrk(value, "\r\n") != NULL)
		return;
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

/*
 * Renders templates/<tpl> into the response with the given status. When the
 * template fails (a bug, never input), answers a plain Japanese 500 page.
 */
void
http_page(struct req *r, int status, const char *tpl)
{
	buf_reset(&r->body_out);
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	if (render(tpl, &r->body_out) == 0)
		return;
	syslog(LOG_ERR, "%s: %s failed", __func__, tpl);
	buf_reset(&r->body_out);
	r->status = 500;
	buf_puts(&r->body_out, "<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\">"
	    "<title>エラー</title><p>表示中に問題が起きました。"
	    "時間をおいてもう一度お試しください。</p></html>");
}

/*
 * An error page that says what happened and what to do next: status 400,
 * 403, 404, 405, 409, 413 or 503. why is a language key under err.why
 * (or NULL); field names the parameter at fault (or NULL).
 */
void
http_error(struct req *r, int status, const char *why, const char *field)
{
	char	 key[96];

	view_set_int("Error.status", status);
	str_fmt(key, sizeof(key), "err.s%d.title", status);
	view_set("Error.title", lang(key));
	str_fmt(key, sizeof(key), "err.s%d.next", status);
	view_set("Error.next", lang(key));
	if (why != NULL) {
		str_fmt(key, sizeof(key), "err.why.%s", why);
		view_set("Error.why", lang(key));
	}
	if (field != NULL)
		view_set("Error.field", field);
	if (status == 503)
		http_header(r, "Retry-After", "60");
	http_page(r, status, "error.cs");
}

/* 303 See Other to a path of this site (never an absolute URL from input). */
void
http_redirect(struct req *r, const char *path)
{
	if (path == NULL || path[0] != '/' || path[1] == '/' ||
	    strpbrk(path, "\r\n\\") != NULL)
		path = "/";
	r->status = 303;
	http_header(r, "Location", path);
	buf_reset(&r->body_out);
}

/*
 * Sent with every dynamic response (nginx adds the same to static files);
 * frames (FRAMES_*) lets the consent page frame its own scan and the scan
 * be framed by this origin only (issue 20).
 */
#define SEC_HEADERS(FRAME_SRC, ANCESTORS, XFO) \
	"Content-Security-Policy: default-src 'none'; script-src 'self'; " \
	"style-src 'self'; img-src 'self'; font-src 'self'; " FRAME_SRC \
	"connect-src 'self'; form-action 'self'; frame-ancestors " ANCESTORS "; " \
	"base-uri 'none'\r\n" \
	"X-Content-Type-Options: nosniff\r\n" \
	"X-Frame-Options: " XFO "\r\n" \
	"Referrer-Policy: no-referrer\r\n" \
	"Strict-Transport-Security: max-age=31536000\r\n" \
	"Cross-Origin-Opener-Policy: same-origin\r\n" \
	"Cross-Origin-Resource-Policy: same-origin\r\n" \
	"Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n" \
	/* Every dynamic page is behind a certificate and may show personal data. */ \
	"Cache-Control: no-store\r\n" \
	"Pragma: no-cache\r\n"
const char *
http_security_headers(int frames)
{
	if (frames & FRAMES_EMBED)
		return SEC_HEADERS("frame-src 'self'; ", "'none'", "DENY");
	if (frames & FRAMES_FRAMED)
		return SEC_HEADERS("", "'self'", "SAMEORIGIN");
	return SEC_HEADERS("", "'none'", "DENY");
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default:  return status < 400 ? "OK" : "Error";
	}
}

/*
 * A stored file's type as answered: PDF, PNG or JPEG as it is, anything
 * else opaque bytes. A static string: it outlives the row it came from.
 */
const char *
http_file_type(const char *ct)
{
	static const char *const ok[] = { "application/pdf", "image/png",
	    "image/jpeg" };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (str_eq(ct, ok[i]))
			return ok[i];
	return "application/octet-stream";
}

/* Answers len bytes of data as a file of type ct (http_file_type), 200. */
void
http_file(struct req *r, const char *ct, const char *data, size_t len,
    const char *disposition)
{
	buf_reset(&r->body_out);
	buf_add(&r->body_out, data, len);
	r->status = 200;
	r->ctype = http_file_type(ct);
	http_header(r, "Content-Disposition", disposition);
}
