/* certs.c: users' certificates: issue, revoke, the CRL (A4.2, A13.1) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/certs.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/session.h"

static const struct {
	const char	*name;
	int		 code;
} reasons[] = {
	{ "unspecified",		PKI_REASON_UNSPECIFIED },
	{ "key_compromise",		PKI_REASON_KEY_COMPROMISE },
	{ "affiliation_changed",	PKI_REASON_AFFILIATION_CHANGED },
	{ "superseded",			PKI_REASON_SUPERSEDED },
	{ "cessation",			PKI_REASON_CESSATION_OF_OPERATION },
	{ "privilege_withdrawn",	PKI_REASON_PRIVILEGE_WITHDRAWN },
};

static int
reason_code(const char *name)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (str_eq(reasons[i].name, name))
			return reasons[i].code;
	return -1;
}

int
certs_reason_valid(const char *name)
{
	return reason_code(name) >= 0;
}

static int
pki_path(char *out, size_t len, const char *file)
{
	return str_fmt(out, len, "%s/pki/%s", cfg.var_dir, file);
}

/*
 * Issues a client certificate for login (CN the login, O the facility's
 * code, OU its name), records it with the user, and audits it. With
 * p12_path NULL the PKCS#12 is kept in the database for one download.
 * out receives the one-time password and the PKCS#12 (the caller calls
 * pki_issued_free). Returns 0, or -1 with a message in err.
 */
int
certs_issue(const struct req *r, const char *login, int days,
    long long start_offset, const char *p12_path, struct pki_issued *out,
    long long *cert_id, char *err, size_t errlen)
{
	struct dbres		*u;
	struct pki_client_req	 cr;
	char			 ca[600], key[600];
	long long		 user_id;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	if ((u = db_query(STMT_USER_CERT_SUBJECT, "s", login)) == NULL) {
		str_copy(err, "database", errlen);
		return -1;
	}
	if (u->nrows == 0 || !str_eq(dbres_get(u, 0, USER_CERT_SUBJECT_STATUS), "active")) {
		str_fmt(err, errlen, "no active user %s", login);
		goto out;
	}
	user_id = dbres_ll(u, 0, USER_CERT_SUBJECT_ID);
	memset(&cr, 0, sizeof(cr));
	cr.cn = login;
	cr.o = dbres_get(u, 0, USER_CERT_SUBJECT_FACILITY_CODE);
	cr.ou = dbres_get(u, 0, USER_CERT_SUBJECT_FACILITY_NAME);
	cr.days = days;
	cr.start_offset_secs = start_offset;
	if (pki_path(ca, sizeof(ca), "ca.pem") == -1 ||
	    pki_path(key, sizeof(key), "ca.key") == -1 ||
	    pki_issue_client(ca, key, &cr, p12_path, out, err, errlen) == -1)
		goto out;
	if (db_begin() != DB_OK)
		goto dberr;
	if (db_exec(STMT_CERT_INSERT, "isssssiisb", user_id, out->info.serial,
	    out->info.issuer_dn, out->info.subject_dn, out->info.sha256,
	    out->info.sha1, (long long)out->info.not_before_t,
	    (long long)out->info.not_after_t,
	    r && r->sess ? r->sess->login : "mogamictl",
	    p12_path == NULL ? out->p12 : NULL,
	    p12_path == NULL ? out->p12_len : 0) != 1)
		goto dberr;
	*cert_id = (long long)db_last_id();
	if (audit(r, &(struct audit_entry){ .action = "cert.issue",
	    .object_type = "cert", .object_id = out->info.serial,
	    .detail = login }) != 0 || db_commit() != DB_OK)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	db_rollback();
	str_copy(err, "database", errlen);
	pki_issued_free(out);
out:
	dbres_free(u);
	return rc;
}

/*
 * Revokes a certificate: recorded, its sessions ended and audited in one
 * transaction; then the CRL is regenerated and nginx reloaded. The worker
 * refuses the serial from the next request on, whatever nginx's CRL says.
 * Returns 0, 1 when no active certificate has that serial, -1 on error.
 */
int
certs_revoke(const struct req *r, const char *serial, const char *reason,
    char *err, size_t errlen)
{
	long long	 t = now();
	int		 n;

	if (!certs_reason_valid(reason)) {
		str_copy(err, "unknown reason", errlen);
		return -1;
	}
	if (db_begin() != DB_OK)
		goto dberr;
	if ((n = db_exec(STMT_CERT_REVOKE, "iss", t, reason, serial)) < 0)
		goto dberr;
	if (n == 0) {
		db_rollback();
		return 1;
	}
	if (db_exec(STMT_SESSION_END_CERT, "iss", t, "cert_revoked", serial) < 0 ||
	    audit(r, &(struct audit_entry){ .action = "cert.revoke",
	    .object_type = "cert", .object_id = serial, .detail = reason }) != 0 ||
	    db_commit() != DB_OK)
		goto dberr;
	if (certs_crl_update(err, errlen) == -1) {
		/* Recorded and enforced by the workers; the CRL follows later. */
		syslog(LOG_ERR, "%s: CRL not updated: %s", __func__, err);
	}
	return 0;
dberr:
	db_rollback();
	str_copy(err, "database", errlen);
	return -1;
}

static void
nginx_reload(void)
{
	FILE		*f;
	long long	 pid;
	char		 line[32];

	if ((f = fopen(cfg.nginx_pid, "r")) == NULL)
		return;		/* nginx not running: it reads the CRL at start */
	if (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (str_to_ll(line, 2, 1 << 22, &pid) == 0 &&
		    kill((pid_t)pid, SIGHUP) == -1)
			syslog(LOG_WARNING, "%s: %s", __func__, strerror(errno));
	}
	fclose(f);
}

/*
 * Writes the CRL from every revoked certificate in the database with the
 * next CRL number, and reloads nginx. Returns 0, or -1 with err.
 */
int
certs_crl_update(char *err, size_t errlen)
{
	struct dbres		*res = NULL;
	struct pki_revoked	*list = NULL;
	char			 ca[600], key[600], crl[600];
	size_t			 i;
	int			 rc = -1;

	if (db_exec(STMT_CRL_NEXT, "") != 1 ||
	    (res = db_query(STMT_CERT_REVOKED_LIST, "")) == NULL) {
		str_copy(err, "database", errlen);
		goto out;
	}
	uint64_t number = db_last_id();
	if (res->nrows > 0 &&
	    (list = calloc(res->nrows, sizeof(*list))) == NULL)
		goto out;
	for (i = 0; i < res->nrows; i++) {
		list[i].serial_hex = dbres_get(res, i, CERT_REVOKED_LIST_SERIAL);
		list[i].revoked_at = (time_t)dbres_ll(res, i, CERT_REVOKED_LIST_REVOKED_AT);
		int code = reason_code(dbres_get(res, i, CERT_REVOKED_LIST_REVOKE_REASON));
		list[i].reason = code < 0 ? PKI_REASON_UNSPECIFIED : code;
	}
	if (pki_path(ca, sizeof(ca), "ca.pem") == -1 ||
	    pki_path(key, sizeof(key), "ca.key") == -1 ||
	    pki_path(crl, sizeof(crl), "crl.pem") == -1 ||
	    pki_crl_write(ca, key, list, res->nrows, number, 30, crl, err,
	    errlen) == -1)
		goto out;
	nginx_reload();
	rc = 0;
out:
	free(list);
	dbres_free(res);
	return rc;
}
