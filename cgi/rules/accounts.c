/* accounts.c: accounts the office makes and changes: by a decision, disabled, enabled (issue 20; A10.2, A10.3) */
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/accounts.h"

int
accounts_login_valid(const char *s)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) < 3 || n > 64)
		return 0;
	if (strchr("._-", s[0]) != NULL)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n;
}

int
accounts_login_taken(const char *login, long long except_app)
{
	struct dbres	*res;
	int		 taken;

	if ((res = db_query(STMT_LOGIN_TAKEN, "sssi", login, login, login,
	    except_app)) == NULL)
		return -1;
	taken = dbres_ll(res, 0, LOGIN_TAKEN_N) > 0;
	dbres_free(res);
	return taken;
}

long long
accounts_create(const char *login, const char *name, long long fac,
    const char *prof, const char *role)
{
	char	 pw[33], hash[PKI_PASSWORD_MAX], err[128];
	int	 rc;

	if (pki_token_hex(pw, sizeof(pw), 16) == -1 ||
	    pki_password_hash(pw, hash, sizeof(hash), err, sizeof(err)) == -1) {
		explicit_bzero(pw, sizeof(pw));
		return -1;
	}
	explicit_bzero(pw, sizeof(pw));
	rc = db_exec(STMT_USER_INSERT, "ssiss", login, name, fac,
	    prof != NULL && *prof != '\0' ? prof : NULL, hash);
	if (rc == DB_DUP)
		return 0;
	if (rc != 1)
		return -1;
	long long uid = (long long)db_last_id();
	/* role may name several, comma-separated ("user,facility_manager"). */
	char	 buf[128];
	if (str_copy(buf, role, sizeof(buf)) == -1)
		return -1;
	for (char *p = buf, *tok; (tok = strsep(&p, ",")) != NULL;)
		if (*tok != '\0' && db_exec(STMT_ROLE_INSERT, "is", uid, tok) < 0)
			return -1;
	return uid;
}

int
accounts_notify(const char *audience, long long fac, const char *kind,
    const char *type, long long id)
{
	return db_exec(STMT_NOTIFY_INSERT, "sissi", audience, fac, kind, type,
	    id) < 0 ? -1 : 0;
}
