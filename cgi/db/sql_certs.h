/* sql_certs.h: users' certificates and the CRL (rules/certs.c, pages/certs.c, rules/council.c; A4.2, A13.1) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(CERT_INSERT,
	"INSERT INTO cert (user_id, serial, issuer, subject, sha256, sha1,"
	" not_before, not_after, issued_by, p12) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?)")
STMT(CERT_REVOKE,
	"UPDATE cert SET status = 'revoked', revoked_at = ?, revoke_reason = ?,"
	" p12 = NULL WHERE serial = ? AND status = 'active'")
STMT(CERT_REVOKED_LIST,
	"SELECT serial, revoked_at, revoke_reason FROM cert"
	" WHERE status = 'revoked' ORDER BY id")
COLS(CERT_REVOKED_LIST, CERT_REVOKED_LIST_SERIAL, CERT_REVOKED_LIST_REVOKED_AT,
    CERT_REVOKED_LIST_REVOKE_REASON)
STMT(CERT_LIST,
	"SELECT c.id, c.serial, u.login, u.name, f.name, c.not_before, c.not_after,"
	" c.status, c.p12 IS NOT NULL, c.revoke_reason FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id"
	" ORDER BY c.status, c.not_after LIMIT 500")
COLS(CERT_LIST, CERT_LIST_ID, CERT_LIST_SERIAL, CERT_LIST_LOGIN,
    CERT_LIST_USER_NAME, CERT_LIST_FACILITY_NAME, CERT_LIST_NOT_BEFORE,
    CERT_LIST_NOT_AFTER, CERT_LIST_STATUS, CERT_LIST_HAS_P12,
    CERT_LIST_REVOKE_REASON)
STMT(CERT_LIST_EXPIRING,
	"SELECT c.id, c.serial, u.login, u.name, f.name, c.not_before, c.not_after,"
	" c.status, c.p12 IS NOT NULL, c.revoke_reason FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id"
	" WHERE c.status = 'active' AND c.not_after < ?"
	" ORDER BY c.not_after LIMIT 500")
SAME_COLS(CERT_LIST_EXPIRING, CERT_LIST)
STMT(CERT_P12_GET,
	"SELECT p12, serial FROM cert WHERE id = ? AND p12 IS NOT NULL FOR UPDATE")
COLS(CERT_P12_GET, CERT_P12_GET_P12, CERT_P12_GET_SERIAL)
STMT(CERT_P12_CLEAR,
	"UPDATE cert SET p12 = NULL, p12_downloaded_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND p12 IS NOT NULL")
STMT(CERT_ACTIVE_BY_USER,
	"SELECT serial FROM cert WHERE user_id = ? AND status = 'active'")
COLS(CERT_ACTIVE_BY_USER, CERT_ACTIVE_BY_USER_SERIAL)
STMT(CRL_NEXT,
	"UPDATE crl_state SET number = LAST_INSERT_ID(number + 1),"
	" generated_at = UTC_TIMESTAMP(6) WHERE id = 1")
STMT(USER_CERT_SUBJECT,
	"SELECT u.id, u.name, f.code, f.name, u.status FROM users u"
	" JOIN facility f ON f.id = u.facility_id WHERE u.login = ?")
COLS(USER_CERT_SUBJECT, USER_CERT_SUBJECT_ID, USER_CERT_SUBJECT_USER_NAME,
    USER_CERT_SUBJECT_FACILITY_CODE, USER_CERT_SUBJECT_FACILITY_NAME,
    USER_CERT_SUBJECT_STATUS)
