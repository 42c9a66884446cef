/* stmts.c: the text of every SQL statement, all with ? placeholders */
#include "stmts.h"

const char *const stmt_sql[STMT__MAX] = {
[STMT_PING] =
	"SELECT 1",
[STMT_MIGRATION_APPLIED] =
	"SELECT version FROM schema_migration WHERE version = ?",
[STMT_MIGRATION_RECORD] =
	"INSERT INTO schema_migration (version, name) VALUES (?, ?)",
[STMT_AUDIT_INSERT] =
	"INSERT INTO audit (ts, user_id, login, facility_id, role, action,"
	" object_type, object_id, patient_id, purpose, outcome, client_addr,"
	" cert_serial, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?, ?, ?)",
[STMT_AUDIT_COUNT] =
	"SELECT COUNT(*) FROM audit WHERE action = ?",
[STMT_TEST_CLOCK] =
	"SELECT offset_secs FROM test_clock WHERE id = 1",

[STMT_CERT_BY_SERIAL] =
	"SELECT id, user_id, status, not_before, not_after FROM cert"
	" WHERE serial = ?",
[STMT_CERT_INSERT] =
	"INSERT INTO cert (user_id, serial, issuer, subject, sha256, sha1,"
	" not_before, not_after, issued_by, p12) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?)",
[STMT_CERT_REVOKE] =
	"UPDATE cert SET status = 'revoked', revoked_at = ?, revoke_reason = ?,"
	" p12 = NULL WHERE serial = ? AND status = 'active'",
[STMT_CERT_REVOKED_LIST] =
	"SELECT serial, revoked_at, revoke_reason FROM cert"
	" WHERE status = 'revoked' ORDER BY id",
[STMT_CERT_LIST] =
	"SELECT c.id, c.serial, u.login, u.name, f.name, c.not_before, c.not_after,"
	" c.status, c.p12 IS NOT NULL, c.revoke_reason FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id"
	" ORDER BY c.status, c.not_after LIMIT 500",
[STMT_CERT_LIST_EXPIRING] =
	"SELECT c.id, c.serial, u.login, u.name, f.name, c.not_before, c.not_after,"
	" c.status, c.p12 IS NOT NULL, c.revoke_reason FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id"
	" WHERE c.status = 'active' AND c.not_after < ?"
	" ORDER BY c.not_after LIMIT 500",
[STMT_CERT_P12_GET] =
	"SELECT p12, serial FROM cert WHERE id = ? AND p12 IS NOT NULL FOR UPDATE",
[STMT_CERT_P12_CLEAR] =
	"UPDATE cert SET p12 = NULL, p12_downloaded_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND p12 IS NOT NULL",
[STMT_CERT_ACTIVE_BY_USER] =
	"SELECT serial FROM cert WHERE user_id = ? AND status = 'active'",
[STMT_CRL_NEXT] =
	"UPDATE crl_state SET number = LAST_INSERT_ID(number + 1),"
	" generated_at = UTC_TIMESTAMP(6) WHERE id = 1",

[STMT_FACILITY_INSERT] =
	"INSERT INTO facility (code, name, kind, in_region, disclosing, viewing)"
	" VALUES (?, ?, ?, ?, ?, ?)",
[STMT_FACILITY_BY_CODE] =
	"SELECT id, name FROM facility WHERE code = ?",
[STMT_USER_INSERT] =
	"INSERT INTO users (login, name, facility_id, profession, password_hash,"
	" must_change_pw) VALUES (?, ?, ?, ?, ?, 1)",
[STMT_ROLE_INSERT] =
	"INSERT IGNORE INTO user_role (user_id, role) VALUES (?, ?)",
[STMT_USER_BY_LOGIN] =
	"SELECT id, password_hash, status, failed_count, locked_until,"
	" must_change_pw, ends_on FROM users WHERE login = ?",
[STMT_USER_CERT_SUBJECT] =
	"SELECT u.id, u.name, f.code, f.name, u.status FROM users u"
	" JOIN facility f ON f.id = u.facility_id WHERE u.login = ?",
/* Assignments run left to right: locked_until sees the new failed_count. */
[STMT_USER_LOGIN_FAIL] =
	"UPDATE users SET failed_count = failed_count + 1,"
	" locked_until = IF(failed_count >= ?, ?, locked_until) WHERE id = ?",
[STMT_USER_LOGIN_OK] =
	"UPDATE users SET failed_count = 0, locked_until = 0 WHERE id = ?",
[STMT_USER_SET_PASSWORD] =
	"UPDATE users SET password_hash = ?, must_change_pw = ?,"
	" pw_changed_at = UTC_TIMESTAMP(6), failed_count = 0, locked_until = 0"
	" WHERE id = ?",
[STMT_USER_PASSWORD] =
	"SELECT password_hash, login FROM users WHERE id = ?",
[STMT_USER_SET_STATUS] =
	"UPDATE users SET status = ?, version = version + 1 WHERE id = ?",
[STMT_USERS_LIST] =
	"SELECT u.id, u.login, u.name, f.name, u.status,"
	" (SELECT COUNT(*) FROM cert c WHERE c.user_id = u.id"
	"  AND c.status = 'active') FROM users u"
	" JOIN facility f ON f.id = u.facility_id ORDER BY f.name, u.login"
	" LIMIT 1000",

[STMT_SESSION_INSERT] =
	"INSERT INTO session (token_hash, user_id, cert_serial, csrf, created_at,"
	" last_seen) VALUES (?, ?, ?, ?, ?, ?)",
[STMT_SESSION_BY_TOKEN] =
	"SELECT s.id, s.user_id, s.cert_serial, s.csrf, s.created_at,"
	" s.last_seen, s.locked, s.ended_at, u.login, u.name, u.status,"
	" u.facility_id, f.name, u.must_change_pw, s.return_to,"
	" (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r"
	"  WHERE r.user_id = u.id), u.profession, u.ends_on"
	" FROM session s JOIN users u ON u.id = s.user_id"
	" JOIN facility f ON f.id = u.facility_id WHERE s.token_hash = ?",
[STMT_SESSION_TOUCH] =
	"UPDATE session SET last_seen = ? WHERE id = ? AND ended_at IS NULL",
[STMT_SESSION_LOCK] =
	"UPDATE session SET locked = 1, return_to = ? WHERE id = ?",
[STMT_SESSION_UNLOCK] =
	"UPDATE session SET locked = 0, last_seen = ?, return_to = NULL"
	" WHERE id = ?",
[STMT_SESSION_END] =
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE id = ?"
	" AND ended_at IS NULL",
[STMT_SESSION_END_USER] =
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE user_id = ?"
	" AND ended_at IS NULL",
[STMT_SESSION_END_CERT] =
	"UPDATE session SET ended_at = ?, end_reason = ? WHERE cert_serial = ?"
	" AND ended_at IS NULL",

[STMT_PROFESSION_GET] =
	"SELECT name, bound_by_law FROM profession WHERE code = ?",
[STMT_PROFESSION_LIST] =
	"SELECT code, name, bound_by_law FROM profession ORDER BY sort",
[STMT_APP_BY_IDEM] =
	"SELECT id FROM application WHERE idem = ?",
[STMT_APP_INSERT_USER] =
	"INSERT INTO application (kind, facility_id, submitted_by, user_login,"
	" user_name, profession, attestation, idem)"
	" VALUES ('user_register', ?, ?, ?, ?, ?, ?, ?)",
[STMT_APP_INSERT_WITHDRAW] =
	"INSERT INTO application (kind, facility_id, submitted_by, target_user_id,"
	" effective_date, idem) VALUES ('user_withdraw', ?, ?, ?, ?, ?)",
[STMT_APP_INSERT_JOIN] =
	"INSERT INTO application (kind, submitted_by, fac_name, fac_kind,"
	" fac_address, in_region, wants_disclosing, wants_viewing, manager_name,"
	" idem) VALUES ('facility_join', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
#define APP_COLS \
	"a.id, a.kind, a.status, DATE_FORMAT(a.submitted_at, '%Y-%m-%d'),"	\
	" COALESCE(a.fac_name, a.user_name, t.name), f.name, a.decision,"	\
	" a.decision_kind, a.version"
[STMT_APP_LIST_ALL] =
	"SELECT " APP_COLS " FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" ORDER BY a.status = 'submitted' DESC, a.id DESC LIMIT 500",
[STMT_APP_LIST_MINE] =
	"SELECT " APP_COLS " FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.facility_id = ? OR a.submitted_by = ?"
	" ORDER BY a.id DESC LIMIT 500",
[STMT_APP_GET] =
	"SELECT " APP_COLS ", a.facility_id, a.submitted_by, a.fac_kind,"
	" a.fac_address, a.in_region, a.wants_disclosing, a.wants_viewing,"
	" a.manager_name, a.user_login, a.profession, a.attestation,"
	" a.target_user_id, a.effective_date, a.decision_reason, a.sole_reason,"
	" DATE_FORMAT(a.decided_at, '%Y-%m-%d'), a.contract_filed_on,"
	" s.name, d.name, p.name, a.reported_at IS NOT NULL"
	" FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" LEFT JOIN users s ON s.id = a.submitted_by"
	" LEFT JOIN users d ON d.id = a.decided_by"
	" LEFT JOIN profession p ON p.code = a.profession"
	" WHERE a.id = ?",
[STMT_APP_DECIDE] =
	"UPDATE application SET status = ?, decision = ?, decision_kind = ?,"
	" decision_reason = ?, sole_reason = ?, decided_by = ?,"
	" decided_at = UTC_TIMESTAMP(6), meeting_id = NULLIF(?, 0),"
	" facility_id = COALESCE(NULLIF(?, 0), facility_id), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'submitted'",
[STMT_APP_CONTRACT] =
	"UPDATE application SET contract_filed_on = ?, status = 'active',"
	" version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'onboarding'",
[STMT_FACILITY_SET_STATUS] =
	"UPDATE facility SET status = ?, version = version + 1 WHERE id = ?",
[STMT_USER_GET] =
	"SELECT id, login, name, facility_id, status FROM users WHERE id = ?",
[STMT_USERS_ACTIVE_COUNT] =
	"SELECT COUNT(*) FROM users WHERE facility_id = ? AND status = 'active'",
[STMT_USERS_OF_FACILITY] =
	"SELECT id, login, name FROM users WHERE facility_id = ?"
	" AND status = 'active' ORDER BY login",
[STMT_REVOCATION_INSERT] =
	"INSERT INTO revocation (user_id, reason, detail, revoked_by)"
	" VALUES (?, ?, ?, ?)",
[STMT_MEETING_BY_IDEM] =
	"SELECT id FROM meeting WHERE idem = ?",
[STMT_MEETING_INSERT] =
	"INSERT INTO meeting (held_on, attendees, created_by, idem)"
	" VALUES (?, ?, ?, ?)",
[STMT_MEETING_LIST] =
	"SELECT id, DATE_FORMAT(held_on, '%Y-%m-%d'), status FROM meeting"
	" ORDER BY held_on DESC, id DESC LIMIT 200",
[STMT_MEETING_GET] =
	"SELECT id, DATE_FORMAT(held_on, '%Y-%m-%d'), attendees, status, version"
	" FROM meeting WHERE id = ?",
[STMT_MEETING_HELD] =
	"UPDATE meeting SET status = 'held', held_at = UTC_TIMESTAMP(6),"
	" version = version + 1 WHERE id = ? AND version = ? AND status = 'planned'",
[STMT_AGENDA_PENDING] =
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name), f.name,"
	" a.in_region, a.version FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.status = 'submitted' ORDER BY a.id",
[STMT_AGENDA_SOLE] =
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name),"
	" a.decision, a.sole_reason, DATE_FORMAT(a.decided_at, '%Y-%m-%d')"
	" FROM application a LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.decision_kind = 'sole' AND a.reported_at IS NULL ORDER BY a.id",
[STMT_AGENDA_REVOCATIONS] =
	"SELECT r.id, u.login, u.name, r.reason, DATE_FORMAT(r.revoked_at,"
	" '%Y-%m-%d') FROM revocation r JOIN users u ON u.id = r.user_id"
	" WHERE r.reported_at IS NULL ORDER BY r.id",
[STMT_REPORT_SOLE] =
	"UPDATE application SET reported_at = UTC_TIMESTAMP(6), meeting_id = ?"
	" WHERE decision_kind = 'sole' AND reported_at IS NULL",
[STMT_USER_SET_ENDS] =
	"UPDATE users SET ends_on = ?, version = version + 1 WHERE id = ?",
[STMT_USERS_DUE] =
	"SELECT id, login FROM users WHERE status = 'active' AND ends_on <= ?",
[STMT_APP_SET_DRAFT] =
	"UPDATE application SET status = 'draft' WHERE id = ?",
[STMT_APP_SUBMIT] =
	"UPDATE application SET status = 'submitted',"
	" submitted_at = UTC_TIMESTAMP(6), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft' AND submitted_by = ?",
[STMT_MINUTES_APPS] =
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name),"
	" a.decision, a.decision_kind, a.decision_reason FROM application a"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.meeting_id = ? ORDER BY a.decision_kind, a.id",
[STMT_MINUTES_REVOCATIONS] =
	"SELECT r.id, u.login, u.name, r.reason, DATE_FORMAT(r.revoked_at,"
	" '%Y-%m-%d') FROM revocation r JOIN users u ON u.id = r.user_id"
	" WHERE r.meeting_id = ? ORDER BY r.id",
[STMT_REPORT_REVOCATIONS] =
	"UPDATE revocation SET reported_at = UTC_TIMESTAMP(6), meeting_id = ?"
	" WHERE reported_at IS NULL",
[STMT_USER_ACTIVE_BY_LOGIN] =
	"SELECT id, name FROM users WHERE login = ? AND status = 'active'",
[STMT_ROLE_DELETE] =
	"DELETE FROM user_role WHERE user_id = ? AND role = ?",
[STMT_OPAPPT_CURRENT] =
	"SELECT id, user_id FROM operator_appointment WHERE ended_at IS NULL"
	" FOR UPDATE",
[STMT_OPAPPT_END] =
	"UPDATE operator_appointment SET ended_at = FROM_UNIXTIME(?)"
	" WHERE id = ? AND ended_at IS NULL",
[STMT_OPAPPT_INSERT] =
	"INSERT INTO operator_appointment (user_id, started_at, appointed_by)"
	" VALUES (?, FROM_UNIXTIME(?), ?)",
[STMT_OPAPPT_LIST] =
	"SELECT a.id, u.login, u.name, UNIX_TIMESTAMP(a.started_at),"
	" UNIX_TIMESTAMP(a.ended_at), b.login, b.name FROM operator_appointment a"
	" JOIN users u ON u.id = a.user_id JOIN users b ON b.id = a.appointed_by"
	" ORDER BY a.started_at DESC, a.id DESC LIMIT 500",
[STMT_STAFF_INSERT] =
	"INSERT INTO staff_registration (name, title, user_id, registered_on,"
	" form_token, created_by) VALUES (?, ?, ?, ?, ?, ?)",
[STMT_STAFF_GET] =
	"SELECT s.id, s.name, s.title, s.user_id, u.login, s.registered_on,"
	" s.notified_on, s.ended_on, s.version FROM staff_registration s"
	" LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ? FOR UPDATE",
[STMT_STAFF_UPDATE] =
	"UPDATE staff_registration SET name = ?, title = ?, user_id = ?,"
	" registered_on = ?, ended_on = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND ended_on IS NULL",
[STMT_STAFF_NOTIFY] =
	"UPDATE staff_registration SET notified_on = ?, version = version + 1"
	" WHERE id = ? AND version = ?",
[STMT_STAFF_HISTORY_ADD] =
	"INSERT INTO staff_registration_history (registration_id, version,"
	" action, name, title, user_id, registered_on, notified_on, ended_on,"
	" changed_by) SELECT id, version, ?, name, title, user_id, registered_on,"
	" notified_on, ended_on, ? FROM staff_registration WHERE id = ?",
[STMT_STAFF_LIST] =
	"SELECT s.id, s.name, s.title, u.login, s.registered_on, s.notified_on,"
	" s.ended_on, s.version FROM staff_registration s"
	" LEFT JOIN users u ON u.id = s.user_id"
	" ORDER BY s.ended_on IS NOT NULL, s.registered_on DESC, s.id DESC"
	" LIMIT 500",
[STMT_STAFF_HISTORY_LIST] =
	"SELECT h.registration_id, h.version, h.action, h.name, h.title, u.login,"
	" h.registered_on, h.notified_on, h.ended_on, b.login,"
	" UNIX_TIMESTAMP(h.changed_at) FROM staff_registration_history h"
	" LEFT JOIN users u ON u.id = h.user_id"
	" LEFT JOIN users b ON b.id = h.changed_by"
	" ORDER BY h.id DESC LIMIT 500",
[STMT_STAFF_ACTIVE_COUNT] =
	"SELECT COUNT(*) FROM staff_registration WHERE user_id = ?"
	" AND ended_on IS NULL",
/* Security ledger (A6.4): every statement names the facility it is scoped to. */
[STMT_LEDGER_TERMINALS] =
	"SELECT id, name, av_product, av_paid,"
	" DATE_FORMAT(av_def_date, '%Y-%m-%d'), version, av_def_date < ?"
	" FROM ledger_terminal WHERE facility_id = ? ORDER BY name, id",
[STMT_LEDGER_TERMINAL_GET] =
	"SELECT id, facility_id, name, av_product, av_paid,"
	" DATE_FORMAT(av_def_date, '%Y-%m-%d'), version FROM ledger_terminal"
	" WHERE id = ?",
[STMT_LEDGER_TERMINAL_LOCK] =
	"SELECT facility_id, version FROM ledger_terminal WHERE id = ? FOR UPDATE",
[STMT_LEDGER_TERMINAL_INSERT] =
	"INSERT INTO ledger_terminal (facility_id, name, av_product, av_paid,"
	" av_def_date, idem_token, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
[STMT_LEDGER_TERMINAL_BY_TOKEN] =
	"SELECT id FROM ledger_terminal WHERE idem_token = ? AND facility_id = ?",
[STMT_LEDGER_TERMINAL_UPDATE] =
	"UPDATE ledger_terminal SET name = ?, av_product = ?, av_paid = ?,"
	" av_def_date = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND facility_id = ? AND version = ?",
[STMT_LEDGER_SOFTWARE_BY_FACILITY] =
	"SELECT s.terminal_id, s.name, s.sw_version FROM ledger_software s"
	" JOIN ledger_terminal t ON t.id = s.terminal_id"
	" WHERE t.facility_id = ? ORDER BY s.terminal_id, s.name, s.id",
[STMT_LEDGER_SOFTWARE_INSERT] =
	"INSERT INTO ledger_software (terminal_id, name, sw_version, idem_token,"
	" created_by) VALUES (?, ?, ?, ?, ?)",
[STMT_LEDGER_PROCEDURE_GET] =
	"SELECT body, DATE_FORMAT(established, '%Y-%m-%d'), version"
	" FROM ledger_media_procedure WHERE facility_id = ?",
[STMT_LEDGER_PROCEDURE_INSERT] =
	"INSERT INTO ledger_media_procedure (facility_id, body, established,"
	" updated_by) VALUES (?, ?, ?, ?)",
[STMT_LEDGER_PROCEDURE_UPDATE] =
	"UPDATE ledger_media_procedure SET body = ?, established = ?,"
	" version = version + 1, updated_by = ?, updated_at = UTC_TIMESTAMP(6)"
	" WHERE facility_id = ? AND version = ?",
[STMT_LEDGER_FACILITY_GET] =
	"SELECT id, code, name FROM facility WHERE id = ?",
[STMT_LEDGER_FACILITIES] =
	"SELECT f.id, f.code, f.name,"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id),"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id"
	"  AND t.av_def_date < ?),"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id"
	"  AND t.av_paid = 0),"
	" (SELECT DATE_FORMAT(p.established, '%Y-%m-%d')"
	"  FROM ledger_media_procedure p WHERE p.facility_id = f.id)"
	" FROM facility f WHERE f.status = 'active' ORDER BY f.code LIMIT 1000",
[STMT_LEDGER_WARN_STALE] =
	"SELECT f.id, f.code, f.name, t.name, t.av_product,"
	" DATE_FORMAT(t.av_def_date, '%Y-%m-%d') FROM ledger_terminal t"
	" JOIN facility f ON f.id = t.facility_id WHERE t.av_def_date < ?"
	" ORDER BY t.av_def_date, f.code, t.name LIMIT 1000",
[STMT_LEDGER_WARN_FREE] =
	"SELECT f.id, f.code, f.name, t.name, t.av_product,"
	" DATE_FORMAT(t.av_def_date, '%Y-%m-%d') FROM ledger_terminal t"
	" JOIN facility f ON f.id = t.facility_id WHERE t.av_paid = 0"
	" ORDER BY f.code, t.name LIMIT 1000",
[STMT_LEDGER_WARN_NOPROC] =
	"SELECT f.id, f.code, f.name FROM facility f"
	" LEFT JOIN ledger_media_procedure p ON p.facility_id = f.id"
	" WHERE p.facility_id IS NULL AND f.status = 'active'"
	" ORDER BY f.code LIMIT 1000",
/* The chain's columns in canonical order (auditchain.h: AC_SEQ ... AC_DETAIL). */
#define AUDIT_CHAIN_COLS "seq, id, DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f'),"\
	" user_id, login, facility_id, role, action, object_type, object_id,"\
	" patient_id, purpose, outcome, client_addr, cert_serial, detail"
[STMT_AUDIT_HEAD_LOCK] =
	"SELECT seq, hash FROM audit_chain WHERE id = 1 FOR UPDATE",
[STMT_AUDIT_HEAD] =
	"SELECT seq, hash, DATE_FORMAT(sealed_at, '%Y-%m-%dT%H:%i:%sZ')"
	" FROM audit_chain WHERE id = 1",
[STMT_AUDIT_HEAD_SET] =
	"UPDATE audit_chain SET seq = ?, hash = ?, sealed_at = UTC_TIMESTAMP(6)"
	" WHERE id = 1",
[STMT_AUDIT_UNSEALED] =
	"SELECT " AUDIT_CHAIN_COLS " FROM audit WHERE seq IS NULL ORDER BY id"
	" LIMIT ?",
[STMT_AUDIT_SEAL_ROW] =
	"UPDATE audit SET seq = ?, hash = ? WHERE id = ? AND seq IS NULL",
[STMT_AUDIT_CHAIN_PAGE] =
	"SELECT " AUDIT_CHAIN_COLS ", hash FROM audit WHERE seq > ? ORDER BY seq"
	" LIMIT ?",
[STMT_AUDIT_UNSEALED_OLD] =
	"SELECT COUNT(*), MIN(id), DATE_FORMAT(MIN(ts), '%Y-%m-%dT%H:%i:%sZ')"
	" FROM audit WHERE seq IS NULL AND ts < UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
[STMT_AUDIT_COLUMNS] =
	"SELECT column_name FROM information_schema.columns"
	" WHERE table_schema = DATABASE() AND table_name = 'audit'"
	" ORDER BY ordinal_position",
[STMT_AUDIT_EXPORT_PAGE] =
	"SELECT id, DATE_FORMAT(ts, '%Y-%m-%dT%H:%i:%s.%fZ'), user_id, login,"
	" facility_id, role, action, object_type, object_id, patient_id, purpose,"
	" outcome, client_addr, cert_serial, detail, seq, hash FROM audit"
	" WHERE ts >= ? AND ts < ? AND id > ? ORDER BY id LIMIT ?",
#undef AUDIT_CHAIN_COLS
};

