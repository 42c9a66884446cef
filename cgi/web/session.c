/* session.c: login sessions bound to a certificate, idle lock, roles, CSRF (A8.3, A8.4) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "web/app.h"
#include "web/render.h"
#include "web/session.h"

#define TOUCH_SECS	30	/* last_seen is written at most this often */

const char *const session_cookies[] = { SESSION_COOKIE, LOGIN_CSRF_COOKIE, NULL };

static const struct {
	const char	*name;
	unsigned int	 bit;
} role_names[] = {
	{ "president",		ROLE_PRESIDENT },
	{ "operator",		ROLE_OPERATOR },
	{ "staff",		ROLE_STAFF },
	{ "facility_manager",	ROLE_FACILITY_MANAGER },
	{ "user",		ROLE_USER },
	{ "desk",		ROLE_DESK },
};

/* "operator,user" -> the role bits; unknown names count for nothing. */
unsigned int
role_bits(const char *csv)
{
	unsigned int	 bits = 0;
	const char	*p = csv, *e;
	size_t		 i, n;

	while (p != NULL && *p != '\0') {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
			if (strlen(role_names[i].name) == n &&
			    strncmp(role_names[i].name, p, n) == 0)
				bits |= role_names[i].bit;
		p = e ? e + 1 : NULL;
	}
	return bits;
}

static int
is_hex64(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static void
clear_cookie(struct req *r)
{
	http_header(r, "Set-Cookie", SESSION_COOKIE "=; Path=/; Max-Age=0; "
	    "Secure; HttpOnly; SameSite=Strict");
}

static void
end_by_id(long long id, const char *reason)
{
	db_exec(STMT_SESSION_END, "isi", (long long)now(), reason, id);
}

/*
 * The hash of the session cookie's token, the key STMT_REQ_CONTEXT looks
 * the session up by; "" (no session) without a well-formed cookie, which
 * session_load() then clears as it does an unknown one.
 */
void
session_token_hash(const struct req *r, char hash[PKI_SHA256_HEX])
{
	const char	*tok = kv_get(&r->cookies, SESSION_COOKIE);

	if (tok == NULL || !is_hex64(tok) || pki_sha256_hex(tok, 64, hash) == -1)
		hash[0] = '\0';
}

/*
 * Checks the session the request context found (row 0 of res, from
 * STMT_REQ_CONTEXT): not ended, bound to the certificate of this request,
 * the user still active, within the absolute lifetime. Idle past the limit
 * locks it. Sets r->sess (malloc'd, freed by req_free) or leaves it NULL.
 * Returns 0, or -1 when the session belongs to another certificate (the
 * caller answers 403).
 */
int
session_load(struct req *r, const struct dbres *res)
{
	struct session	*s;
	long long	 t = now();

	if (kv_get(&r->cookies, SESSION_COOKIE) == NULL)
		return 0;
	/* Unknown, ended, or without its user's kept facts (0031_facts.sql
	 * fills them when a session begins): log in again. */
	if (res->nrows == 0 || dbres_get(res, 0, REQ_CONTEXT_SESS_ID) == NULL ||
	    dbres_get(res, 0, REQ_CONTEXT_SESS_ENDED_AT) != NULL ||
	    dbres_get(res, 0, REQ_CONTEXT_LOGIN) == NULL ||
	    dbres_get(res, 0, REQ_CONTEXT_USER_NAME) == NULL ||
	    dbres_get(res, 0, REQ_CONTEXT_USER_STATUS) == NULL ||
	    dbres_get(res, 0, REQ_CONTEXT_FACILITY_NAME) == NULL) {
		clear_cookie(r);
		return 0;
	}
	if (!str_eq(dbres_get(res, 0, REQ_CONTEXT_SESS_CERT_SERIAL), r->cert.serial))
		return -1;	/* A8.3: the cookie travelled to another certificate. */
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return 0;
	s->id = dbres_ll(res, 0, REQ_CONTEXT_SESS_ID);
	s->user_id = dbres_ll(res, 0, REQ_CONTEXT_SESS_USER_ID);
	str_copy(s->csrf, dbres_get(res, 0, REQ_CONTEXT_SESS_CSRF), sizeof(s->csrf));
	s->created_at = dbres_ll(res, 0, REQ_CONTEXT_SESS_CREATED_AT);
	s->last_seen = dbres_ll(res, 0, REQ_CONTEXT_SESS_LAST_SEEN);
	s->locked = (int)dbres_ll(res, 0, REQ_CONTEXT_SESS_LOCKED);
	str_copy(s->login, dbres_get(res, 0, REQ_CONTEXT_LOGIN), sizeof(s->login));
	str_copy(s->name, dbres_get(res, 0, REQ_CONTEXT_USER_NAME), sizeof(s->name));
	s->facility_id = dbres_ll(res, 0, REQ_CONTEXT_FACILITY_ID);
	str_copy(s->facility, dbres_get(res, 0, REQ_CONTEXT_FACILITY_NAME), sizeof(s->facility));
	s->must_change_pw = (int)dbres_ll(res, 0, REQ_CONTEXT_MUST_CHANGE_PW);
	str_copy(s->return_to, dbres_get(res, 0, REQ_CONTEXT_RETURN_TO) ?
	    dbres_get(res, 0, REQ_CONTEXT_RETURN_TO) : "/", sizeof(s->return_to));
	str_copy(s->role_name, dbres_get(res, 0, REQ_CONTEXT_ROLES) ?
	    dbres_get(res, 0, REQ_CONTEXT_ROLES) : "", sizeof(s->role_name));
	s->roles = role_bits(s->role_name);
	str_copy(s->profession, dbres_get(res, 0, REQ_CONTEXT_PROFESSION) ?
	    dbres_get(res, 0, REQ_CONTEXT_PROFESSION) : "", sizeof(s->profession));
	s->notices_clear = (int)dbres_ll(res, 0, REQ_CONTEXT_NOTICES_CLEAR);
	char day[11];
	today(day);
	const char *ends = dbres_get(res, 0, REQ_CONTEXT_ENDS_ON);
	/* A10.5: a withdrawal takes effect on its date, mid-session too. */
	int active = str_eq(dbres_get(res, 0, REQ_CONTEXT_USER_STATUS), "active") &&
	    (ends == NULL || strcmp(ends, day) > 0);
	if (!active || t - s->created_at > cfg.session_max_secs) {
		end_by_id(s->id, active ? "expired" : "user_disabled");
		free(s);
		clear_cookie(r);
		return 0;
	}
	r->sess = s;
	if (!s->locked && t - s->last_seen > cfg.idle_lock_secs)
		session_lock(r);
	return 0;
}

/*
 * A16: the number of notices the session must still acknowledge, or -1
 * (db). The first time none is left the session remembers it and stops
 * asking: the set only shrinks (notices published after the login are not
 * asked for).
 */
int
session_notices_pending(struct req *r)
{
	struct session	*s = r->sess;
	struct dbres	*res;
	int		 n;

	if (s->notices_clear)
		return 0;
	if ((res = db_query(STMT_NOTICE_PENDING_COUNT, "ii", s->user_id,
	    s->created_at)) == NULL)
		return -1;
	n = (int)dbres_ll(res, 0, NOTICE_PENDING_COUNT_N);
	dbres_free(res);
	if (n == 0 && db_exec(STMT_SESSION_NOTICES_CLEAR, "i", s->id) >= 0)
		s->notices_clear = 1;
	return n;
}

/*
 * Locks the session after idle time; a GET remembers where the user was so
 * the lock screen can return there.
 */
int
session_lock(struct req *r)
{
	const char	*back = str_eq(r->method, "GET") && r->route != NULL &&
	    !(r->route->flags & F_NOLOCK) ? r->path : "/";
	char		 full[201];

	/* The page with its query (a patient's handle and section), when it fits. */
	if (back == r->path && r->query != NULL && r->query[0] != '\0' &&
	    str_fmt(full, sizeof(full), "%s?%s", back, r->query) == 0)
		back = full;
	if (db_exec(STMT_SESSION_LOCK, "si", back, r->sess->id) < 0)
		return -1;
	r->sess->locked = 1;
	str_copy(r->sess->return_to, back, sizeof(r->sess->return_to));
	return 0;
}

/*
 * A new session for user_id bound to this request's certificate; always a
 * fresh token (no fixation). Sets the cookie. Part of the caller's
 * transaction. Returns 0 or a DB_* error.
 */
int
session_create(struct req *r, long long user_id)
{
	char		 tok[65], hash[PKI_SHA256_HEX], csrf[65];
	long long	 t = now();
	int		 rc;

	if (pki_token_hex(tok, sizeof(tok), 32) == -1 ||
	    pki_token_hex(csrf, sizeof(csrf), 32) == -1 ||
	    pki_sha256_hex(tok, 64, hash) == -1)
		return DB_ERR;
	rc = db_exec(STMT_SESSION_INSERT, "sissii", hash, user_id,
	    r->cert.serial, csrf, t, t);
	if (rc < 0)
		return rc;
	struct buf c;
	buf_init(&c);
	buf_printf(&c, SESSION_COOKIE "=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict", tok);
	http_header(r, "Set-Cookie", c.data);
	buf_free(&c);
	explicit_bzero(tok, sizeof(tok));
	return 0;
}

/* Ends this request's session (logout, lock failures) and clears the cookie. */
void
session_end(struct req *r, const char *reason)
{
	if (r->sess != NULL)
		end_by_id(r->sess->id, reason);
	clear_cookie(r);
}

/* Ends every session of a user at once (disabled, certificate revoked). */
int
session_end_user(long long user_id, const char *reason)
{
	return db_exec(STMT_SESSION_END_USER, "isi", (long long)now(), reason,
	    user_id);
}

/* Records activity, at most every TOUCH_SECS, so idle time is measured. */
void
session_touch(struct req *r)
{
	long long	 t = now();

	if (r->sess == NULL || r->sess->locked || t - r->sess->last_seen <
	    TOUCH_SECS)
		return;
	db_exec(STMT_SESSION_TOUCH, "ii", t, r->sess->id);
}

/* Puts the session's user, roles and CSRF token into the page data. */
void
session_view(const struct req *r)
{
	const struct session	*s = r->sess;

	if (s == NULL)
		return;
	view_set("Session.login", s->login);
	view_set("Session.name", s->name);
	view_set("Session.facility", s->facility);
	view_set("Session.csrf", s->csrf);
	view_setf("Session.user_id", "%lld", s->user_id);
	/*
	 * A8.4: the seconds until the idle lock falls due, as the server will
	 * count them after this request (session_touch() writes last_seen at
	 * most every TOUCH_SECS): static/lock.js hides the page at that moment.
	 */
	if (!s->locked) {
		long long t = now();
		long long seen = t - s->last_seen >= TOUCH_SECS ? t : s->last_seen;
		long long left = cfg.idle_lock_secs - (t - seen);
		view_setf("Session.lock_in", "%lld", left > 0 ? left : 0);
	}
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (s->roles & role_names[i].bit) {
			char k[64];
			str_fmt(k, sizeof(k), "Session.role.%s", role_names[i].name);
			view_set(k, "1");
		}
}

/* A fresh pre-login CSRF token, set as a cookie (double submit); returns out. */
const char *
login_csrf_new(struct req *r, char *out, size_t outlen)
{
	struct buf	 c;

	if (pki_token_hex(out, outlen, 32) == -1)
		return NULL;
	buf_init(&c);
	buf_printf(&c, LOGIN_CSRF_COOKIE "=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict", out);
	http_header(r, "Set-Cookie", c.data);
	buf_free(&c);
	return out;
}

/*
 * A POST is ours when its token matches the session's (or, before login,
 * the CSRF cookie's), compared in constant time, and the browser does not
 * say it came from another site (Origin, Sec-Fetch-Site). 1 ok, 0 refuse.
 */
int
csrf_ok(const struct req *r)
{
	const char	*got = kv_get(&r->form, "csrf");
	const char	*want = r->sess != NULL ? r->sess->csrf :
	    kv_get(&r->cookies, LOGIN_CSRF_COOKIE);

	/* With Referrer-Policy no-referrer, Chromium sends "Origin: null". */
	if (r->origin != NULL && !str_eq(r->origin, "null") &&
	    !str_eq(r->origin, cfg.origin))
		return 0;
	if (r->fetch_site != NULL && !str_eq(r->fetch_site, "same-origin"))
		return 0;
	if (!is_hex64(got) || !is_hex64(want))
		return 0;
	return pki_ct_equal(got, want, 64);
}

/* 1 when the session holds any of roles (enum role bits). */
int
has_role(const struct req *r, unsigned int roles)
{
	return r->sess != NULL && (r->sess->roles & roles) != 0;
}
