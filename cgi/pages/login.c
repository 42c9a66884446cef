/* login.c: login with certificate + ID + password, logout, the lock screen, password change (A8.3, A8.4) */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/pages.h"
#include "pki/password.h"
#include "pki/pki.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/render.h"
#include "web/session.h"

const struct field f_login_get[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};
const struct field f_login[] = {
	{ "login", FT_TOKEN, 64 },
	{ "password", FT_TEXT, 1024 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_csrf[] = {
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_unlock[] = {
	{ "password", FT_TEXT, 1024 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};
const struct field f_password[] = {
	{ "current", FT_TEXT, 1024 },
	{ "new1", FT_TEXT, 1024 },
	{ "new2", FT_TEXT, 1024 },
	{ "csrf", FT_HEX, 64 },
	{ NULL, 0, 0 }
};

static void
login_form(struct req *r, int status)
{
	char	 tok[65];

	view_set("Page.title", lang("login.title"));
	if (login_csrf_new(r, tok, sizeof(tok)) != NULL)
		view_set("Login.csrf", tok);
	http_page(r, status, "login.cs");
}

void
page_login(struct req *r)
{
	const char	*m = param(r, "m");

	if (r->sess != NULL && !r->sess->locked) {
		http_redirect(r, "/");
		return;
	}
	if (m != NULL && (str_eq(m, "expired") || str_eq(m, "logout")))
		view_set("Login.notice", lang(str_eq(m, "expired") ?
		    "login.expired" : "login.logged_out"));
	login_form(r, 200);
}

#define STR_(x)	#x
#define STR(x)	STR_(x)
/* A hash nothing verifies against, at the cost of a new one (PKI_SCRYPT_*). */
static const char kdf_dummy[] = "scrypt$" STR(PKI_SCRYPT_N) "$" STR(PKI_SCRYPT_R)
    "$" STR(PKI_SCRYPT_P) "$00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * A8.3: every refusal costs one run of the KDF, so how long a refusal
 * takes says nothing about why (no such ID, locked, disabled, another's
 * certificate, wrong password). Runs it on pw against the account's own
 * hash (the cost of that account's wrong password) or the dummy; the
 * result is thrown away: nothing is decided by it.
 */
static void
kdf_once(const char *pw, const char *hash)
{
	if (hash == NULL || pki_password_verify(pw, hash) == -1)
		(void)pki_password_verify(pw, kdf_dummy);
}

/*
 * A lockout of uid at t, until until (inside count_failure's transaction):
 * recorded and audited; the lockout_alert_count-th within
 * lockout_alert_secs tells the operator, once per such window, that
 * someone may be guessing this account's password. 0 or -1.
 */
static int
lockout(struct req *r, long long uid, const char *login, long long t,
    long long until)
{
	struct dbres	*res;
	long long	 n, alerted;
	int		 alert;
	char		 d[32];

	if ((res = db_query(STMT_LOCKOUT_RECENT, "ii", uid,
	    t - cfg.lockout_alert_secs)) == NULL)
		return -1;
	n = dbres_ll(res, 0, LOCKOUT_RECENT_N) + 1;		/* with this one */
	alerted = dbres_ll(res, 0, LOCKOUT_RECENT_ALERTED);
	dbres_free(res);
	alert = cfg.lockout_alert_count > 0 && n >= cfg.lockout_alert_count &&
	    alerted == 0;
	if (db_exec(STMT_LOCKOUT_INSERT, "iiii", uid, t, until,
	    (long long)alert) < 0)
		return -1;
	long long id = (long long)db_last_id();
	snprintf(d, sizeof(d), "%lld", n);
	if (audit(r, &(struct audit_entry){ .action = "login.lockout",
	    .object_type = "user", .object_id = login, .outcome = "denied",
	    .detail = d }) != 0)
		return -1;
	if (!alert)
		return 0;
	if (db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL,
	    "login.lockouts", "user_lockout", id) < 0 ||
	    audit(r, &(struct audit_entry){ .action = "login.lockouts_alert",
	    .object_type = "user", .object_id = login, .detail = d }) != 0)
		return -1;
	return 0;
}

/*
 * Counts a wrong password against uid under the row's lock, in a
 * transaction of its own: the count starts again once a lock has expired
 * (A8.3), and the lockout_failures-th locks the account for lockout_secs.
 * Nothing is counted while a lock runs. 0, or -1 (nothing written).
 */
static int
count_failure(struct req *r, long long uid, const char *login)
{
	struct dbres	*u;
	long long	 t = now(), count, until;

	if (db_begin() != DB_OK)
		return -1;
	if ((u = db_query(STMT_USER_FAIL_STATE, "i", uid)) == NULL ||
	    u->nrows == 0)
		goto fail;
	count = dbres_ll(u, 0, USER_FAIL_STATE_FAILED_COUNT);
	until = dbres_ll(u, 0, USER_FAIL_STATE_LOCKED_UNTIL);
	dbres_free(u);
	u = NULL;
	if (until > t) {
		db_rollback();
		return 0;
	}
	if (until != 0)		/* a lock that has expired: from zero again */
		count = until = 0;
	if (++count >= cfg.lockout_failures)
		until = t + cfg.lockout_secs;
	if (db_exec(STMT_USER_FAIL_SET, "iii", count, until, uid) < 0 ||
	    (until != 0 && lockout(r, uid, login, t, until) != 0) ||
	    db_commit() != DB_OK)
		goto fail;
	return 0;
fail:
	dbres_free(u);
	db_rollback();
	syslog(LOG_ERR, "%s: the failure of user %lld not counted", __func__, uid);
	return -1;
}

/*
 * Refuses a login with the one message whatever failed (A8.3: no factor
 * is confirmed). Only a wrong password counts toward the lockout; another
 * user's certificate is audited as the mismatch it is.
 */
static void
login_failed(struct req *r, long long user_id, const char *why)
{
	const char	*login = param(r, "login");
	int		 mismatch = str_eq(why, "cert_mismatch");

	if (str_eq(why, "password") && count_failure(r, user_id, login) != 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	audit(r, &(struct audit_entry){
	    .action = mismatch ? "login.cert_mismatch" : "login",
	    .object_type = "user", .object_id = login, .outcome = "denied",
	    .detail = mismatch ? NULL : why });
	view_set("Login.error", lang("login.failed"));
	view_set("Login.login", login);
	login_form(r, 200);
}

/*
 * All three must match (A8.3): the certificate nginx verified was issued to
 * this user and is valid (checked in the dispatcher and here), the ID
 * exists and is active and not locked out, the password verifies. The
 * certificate comes first: another user's is refused before the password
 * is looked at, so it never counts toward this user's lockout.
 */
void
page_login_post(struct req *r)
{
	const char	*login = param(r, "login"), *pw = param(r, "password");
	struct dbres	*u;
	long long	 uid;
	int		 must_change;
	char		 hash[256];

	if (login == NULL || *login == '\0' || pw == NULL || *pw == '\0') {
		audit(r, &(struct audit_entry){ .action = "login",
		    .object_type = "user", .object_id = login, .outcome = "denied",
		    .detail = "empty" });
		if (login == NULL || *login == '\0')
			view_set("Login.err_login", lang("login.need_login"));
		if (pw == NULL || *pw == '\0')
			view_set("Login.err_password", lang("login.need_password"));
		view_set("Login.login", login);
		login_form(r, 200);
		return;
	}
	if ((u = db_query(STMT_USER_BY_LOGIN, "s", login)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	if (u->nrows == 0) {
		dbres_free(u);
		kdf_once(pw, NULL);
		login_failed(r, 0, "no_user");
		return;
	}
	uid = dbres_ll(u, 0, USER_BY_LOGIN_ID);
	must_change = (int)dbres_ll(u, 0, USER_BY_LOGIN_MUST_CHANGE_PW);
	str_copy(hash, dbres_get(u, 0, USER_BY_LOGIN_PASSWORD_HASH), sizeof(hash));
	char day[11];
	today(day);
	const char *why = NULL;
	if (r->cert_user_id != uid)
		why = "cert_mismatch";
	else if (dbres_ll(u, 0, USER_BY_LOGIN_LOCKED_UNTIL) > now())
		why = "locked_out";
	else if (!str_eq(dbres_get(u, 0, USER_BY_LOGIN_STATUS), "active"))
		why = "inactive";
	else if (dbres_get(u, 0, USER_BY_LOGIN_ENDS_ON) != NULL && strcmp(dbres_get(u, 0, USER_BY_LOGIN_ENDS_ON), day) <= 0)
		why = "withdrawn";
	dbres_free(u);
	if (why != NULL)
		kdf_once(pw, hash);
	else if (pki_password_verify(pw, hash) != 1)
		why = "password";
	explicit_bzero(hash, sizeof(hash));
	if (why != NULL) {
		login_failed(r, uid, why);
		return;
	}
	if (r->sess != NULL)
		session_end(r, "relogin");
	if (db_begin() != DB_OK ||
	    db_exec(STMT_USER_LOGIN_OK, "i", uid) < 0 ||
	    session_create(r, uid) != 0 ||
	    audit(r, &(struct audit_entry){ .action = "login",
	    .object_type = "user", .object_id = login }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		http_error(r, 503, "db", NULL);
		return;
	}
	http_redirect(r, must_change ? "/password" : "/");
}

void
page_logout(struct req *r)
{
	audit(r, &(struct audit_entry){ .action = "logout",
	    .object_type = "user", .object_id = r->sess->login });
	session_end(r, "logout");
	http_redirect(r, "/login?m=logout");
}

static void
unlock_form(struct req *r)
{
	view_set("Page.title", lang("unlock.title"));
	http_page(r, 200, "unlock.cs");
}

void
page_unlock(struct req *r)
{
	if (!r->sess->locked) {
		http_redirect(r, "/");
		return;
	}
	unlock_form(r);
}

/* The lock screen: the password again, then back where the user was. */
void
page_unlock_post(struct req *r)
{
	const char	*pw = param(r, "password");
	struct dbres	*u;
	int		 ok, locked;

	if (!r->sess->locked) {
		http_redirect(r, "/");
		return;
	}
	if ((u = db_query(STMT_USER_BY_LOGIN, "s", r->sess->login)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	locked = u->nrows == 1 && dbres_ll(u, 0, USER_BY_LOGIN_LOCKED_UNTIL) > now();
	ok = u->nrows == 1 && pw != NULL && !locked &&
	    pki_password_verify(pw, dbres_get(u, 0, USER_BY_LOGIN_PASSWORD_HASH)) == 1;
	dbres_free(u);
	if (!ok) {
		/* A wrong password counts as at the login; a lock running does not. */
		if (!locked && count_failure(r, r->sess->user_id,
		    r->sess->login) != 0) {
			http_error(r, 503, "db", NULL);
			return;
		}
		audit(r, &(struct audit_entry){ .action = "unlock",
		    .object_type = "user", .object_id = r->sess->login,
		    .outcome = "denied" });
		view_set("Unlock.error", lang("unlock.failed"));
		unlock_form(r);
		return;
	}
	if (db_exec(STMT_SESSION_UNLOCK, "ii", (long long)now(), r->sess->id) < 0 ||
	    db_exec(STMT_USER_LOGIN_OK, "i", r->sess->user_id) < 0) {
		http_error(r, 503, "db", NULL);
		return;
	}
	audit(r, &(struct audit_entry){ .action = "unlock",
	    .object_type = "user", .object_id = r->sess->login });
	http_redirect(r, r->sess->return_to);
}

static void
password_form(struct req *r, int status)
{
	view_set("Page.title", lang("password.title"));
	view_set_int("Password.min", PASSWORD_MIN);
	if (r->sess->must_change_pw)
		view_set("Password.forced", "1");
	http_page(r, status, "password.cs");
}

void
page_password(struct req *r)
{
	password_form(r, 200);
}

void
page_password_post(struct req *r)
{
	const char	*cur = param(r, "current"), *n1 = param(r, "new1"),
			*n2 = param(r, "new2"), *why;
	char		 hash[PKI_PASSWORD_MAX], err[128];
	struct dbres	*u;
	int		 ok;

	if ((u = db_query(STMT_USER_PASSWORD, "i", r->sess->user_id)) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	ok = u->nrows == 1 && cur != NULL &&
	    pki_password_verify(cur, dbres_get(u, 0, USER_PASSWORD_PASSWORD_HASH)) == 1;
	dbres_free(u);
	if (!ok) {
		view_set("Password.err_current", lang("password.wrong_current"));
		password_form(r, 200);
		return;
	}
	if ((why = password_policy(n1, r->sess->login)) != NULL) {
		char key[64];
		str_fmt(key, sizeof(key), "err.%s", why);
		view_set("Password.err_new1", lang(key));
		password_form(r, 200);
		return;
	}
	if (!str_eq(n1, n2)) {
		view_set("Password.err_new2", lang("password.mismatch"));
		password_form(r, 200);
		return;
	}
	if (str_eq(n1, cur)) {
		view_set("Password.err_new1", lang("password.same"));
		password_form(r, 200);
		return;
	}
	if (pki_password_hash(n1, hash, sizeof(hash), err, sizeof(err)) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	/* A8.3: the new password ends the user's other sessions; this one goes on. */
	if (db_begin() != DB_OK ||
	    db_exec(STMT_USER_SET_PASSWORD, "sii", hash, 0LL, r->sess->user_id) < 0 ||
	    db_exec(STMT_SESSION_END_OTHERS, "isii", (long long)now(),
	    "password_change", r->sess->user_id, r->sess->id) < 0 ||
	    audit(r, &(struct audit_entry){ .action = "password.change",
	    .object_type = "user", .object_id = r->sess->login }) != 0 ||
	    db_commit() != DB_OK) {
		db_rollback();
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Home.flash", lang("password.changed"));
	r->sess->must_change_pw = 0;
	http_redirect(r, "/?m=pw");
}
