/* stmts.c: the text of every SQL statement, all with ? placeholders */
#include "db/stmts.h"

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
[STMT_SESSION_NOTICES_CLEAR] =
	"UPDATE session SET notices_clear = 1 WHERE id = ?",
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
[STMT_HANDLE_INSERT] =
	"INSERT INTO patient_handle (session_id, handle, patient_id, created_at)"
	" VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
[STMT_HANDLE_BY_PATIENT] =
	"SELECT handle FROM patient_handle WHERE session_id = ? AND patient_id = ?",
/* The handles a session has for a JSON array of patient ids (a list page). */
[STMT_HANDLES_BY_PATIENTS] =
	"SELECT h.patient_id, h.handle FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN patient_handle h ON h.session_id = ? AND h.patient_id = j.id",
[STMT_HANDLE_RESOLVE] =
	"SELECT patient_id FROM patient_handle WHERE session_id = ? AND handle = ?",
/* A patient and those merged into it count as one for consent (A12). */
/*
 * Every fact consent_decide() needs about the patients in ids (and, for
 * the A14 grant, user ?) in ONE round trip, one tagged row per fact, the
 * patient's id second (issue 9: seven statements per decision were most of
 * a view's time, and a search decided each candidate apart):
 *   p  status (0 active, 1 cancelled, 2 merged) | 4 if duplicates were
 *      merged into it, cancelled_at us, the user's A14 grant end us (0: none)
 *   c  consent id, registered_at us, rejected | all_disclosing<<1 | all_viewing<<2
 *   d  consent id, viewing side (0 disclosing, 1 viewing), facility id
 *   r  revocation received_at us
 *   l  a link: the facility holding its records, the link id, that
 *      facility's state: active | disclosing<<1 | viewing<<2
 *   m  the viewing facility (patient 0): id, active, disclosing | viewing<<1
 * A decision needs the state of the viewer and of the facilities holding
 * the patient's records, not of every member (hundreds in a prefecture):
 * only a patient with no records yet needs them all, asked apart
 * (STMT_ACCESS_MEMBERS).
 * MariaDB plans every execution of a prepared statement, and each branch
 * of a union is planned apart: planning, not reading, was most of this
 * statement's time. So the rare facts (a merged duplicate's consents and
 * revocations) are a statement of their own, asked only when a 'p' row
 * has the merged bit, and the grant is a scalar subquery of the 'p' row.
 * The decision does not depend on the rows' order.
 * The viewer's pages (STMT_ACCESS_FACTS_HANDLE) name the patient by the
 * session's handle and carry the patient's own row (PATIENT_COLS, in
 * STMT_PATIENT_GET's order from its id) on the 'p' row, NULLs on the
 * others: handle, facts and patient in one round trip instead of three.
 */
/*
 * A consent's 'c' fact c: void, every disclosing, every viewing, not yet
 * checked, stated signed after a same-day form 5 (bits 0-4), and the day
 * it was signed (days since 1970) from bit 8; access.c reads them.
 */
#define CONSENT_FLAGS \
	" CAST((c.status = 'rejected') | (c.all_disclosing <> 0) << 1" \
	" | (c.all_viewing <> 0) << 2 | (c.status = 'submitted') << 3" \
	" | (c.after_revocation <> 0) << 4" \
	" | DATEDIFF(c.signed_on, '1970-01-01') << 8 AS SIGNED)"
#define MEMBER_FLAGS(F) \
	"(" F ".disclosing <> 0) | (" F ".viewing <> 0) << 1"
#define ACCESS_FACTS(IDS, PCOLS, NULLS) \
	"SELECT 'p' AS k, ids.id AS pid, CAST(CASE p.status WHEN 'cancelled' THEN 1" \
	" WHEN 'merged' THEN 2 ELSE 0 END | 4 * EXISTS (SELECT 1 FROM patient_merge pm" \
	"  WHERE pm.survivor_id = ids.id AND pm.undone_at IS NULL) AS SIGNED) AS a," \
	" CAST(COALESCE(UNIX_TIMESTAMP(p.cancelled_at) * 1000000, 0) AS SIGNED) AS b," \
	" CAST(COALESCE((SELECT MAX(CAST(UNIX_TIMESTAMP(e.expires_at) * 1000000 AS SIGNED))" \
	"  FROM emergency_access e WHERE e.patient_id = ids.id AND e.user_id = ?), 0)" \
	" AS SIGNED) AS c" PCOLS " FROM " IDS " JOIN patient p ON p.id = ids.id" \
	" UNION ALL SELECT 'c', ids.id, c.id, CAST(UNIX_TIMESTAMP(c.registered_at) * 1000000 AS SIGNED)," \
	CONSENT_FLAGS NULLS \
	" FROM " IDS " JOIN consent c ON c.patient_id = ids.id" \
	" UNION ALL SELECT 'd', ids.id, cf.consent_id, cf.side = 'viewing', cf.facility_id" NULLS \
	" FROM " IDS " JOIN consent c ON c.patient_id = ids.id" \
	" JOIN consent_facility cf ON cf.consent_id = c.id" \
	" UNION ALL SELECT 'r', ids.id, CAST(UNIX_TIMESTAMP(v.received_at) * 1000000 AS SIGNED)," \
	" DATEDIFF(v.signed_on, '1970-01-01'), 0" NULLS \
	" FROM " IDS " JOIN consent_revocation v ON v.patient_id = ids.id" \
	" UNION ALL SELECT 'l', ids.id, l.facility_id, l.id, (f.status = 'active') | (" \
	MEMBER_FLAGS("f") ") << 1" NULLS \
	" FROM " IDS " JOIN patient_link l ON l.patient_id = ids.id" \
	" JOIN facility f ON f.id = l.facility_id" \
	" UNION ALL SELECT 'm', 0, id, status = 'active', " MEMBER_FLAGS("facility") NULLS \
	" FROM facility WHERE id = ?"
#define PATIENT_COLS \
	", p.id, p.network_id, p.name, p.kana, p.sex, p.birth_date, p.address," \
	" p.phone, p.status, p.merged_into, p.deceased_on, p.death_confirmed_how," \
	" UNIX_TIMESTAMP(p.cancelled_at), p.version"
#define PATIENT_NULLS \
	", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL," \
	" NULL, NULL"
/* The consents and revocations of patients merged into a survivor (rare:
 * asked only when a 'p' row says so), as facts of the survivor. */
#define ACCESS_FACTS_MERGED(IDS) \
	"SELECT 'c' AS k, ids.id AS pid, c.id AS a," \
	" CAST(UNIX_TIMESTAMP(c.registered_at) * 1000000 AS SIGNED) AS b," \
	CONSENT_FLAGS " AS c" \
	" FROM " IDS " JOIN patient_merge pm ON pm.survivor_id = ids.id AND pm.undone_at IS NULL" \
	" JOIN consent c ON c.patient_id = pm.merged_id" \
	" UNION ALL SELECT 'd', ids.id, cf.consent_id, cf.side = 'viewing', cf.facility_id" \
	" FROM " IDS " JOIN patient_merge pm ON pm.survivor_id = ids.id AND pm.undone_at IS NULL" \
	" JOIN consent c ON c.patient_id = pm.merged_id JOIN consent_facility cf ON cf.consent_id = c.id" \
	" UNION ALL SELECT 'r', ids.id, CAST(UNIX_TIMESTAMP(v.received_at) * 1000000 AS SIGNED)," \
	" DATEDIFF(v.signed_on, '1970-01-01'), 0" \
	" FROM " IDS " JOIN patient_merge pm ON pm.survivor_id = ids.id AND pm.undone_at IS NULL" \
	" JOIN consent_revocation v ON v.patient_id = pm.merged_id"
#define ONE_ID		"(SELECT CAST(? AS SIGNED) AS id) ids"
#define MANY_IDS	"JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) ids"
#define HANDLE_ID	"(SELECT patient_id AS id FROM patient_handle" \
			" WHERE session_id = ? AND handle = ?) ids"
[STMT_ACCESS_FACTS] =
	ACCESS_FACTS(ONE_ID, "", ""),
/* The same for a JSON array of patient ids (a search's candidates). */
[STMT_ACCESS_FACTS_MANY] =
	ACCESS_FACTS(MANY_IDS, "", ""),
/* The same for the session's handle, with the patient's row. */
[STMT_ACCESS_FACTS_HANDLE] =
	ACCESS_FACTS(HANDLE_ID, PATIENT_COLS, PATIENT_NULLS),
/* Every member, as 'm' facts: for a patient no facility has sent records of. */
[STMT_ACCESS_MEMBERS] =
	"SELECT 'm', 0, id, status = 'active', " MEMBER_FLAGS("facility")
	" FROM facility",
[STMT_ACCESS_FACTS_MERGED] =
	ACCESS_FACTS_MERGED(ONE_ID),
[STMT_ACCESS_FACTS_MERGED_MANY] =
	ACCESS_FACTS_MERGED(MANY_IDS),
#undef ONE_ID
#undef MANY_IDS
#undef HANDLE_ID
#undef PATIENT_COLS
#undef PATIENT_NULLS
#undef MEMBER_FLAGS
#undef CONSENT_FLAGS
#undef ACCESS_FACTS
#undef ACCESS_FACTS_MERGED
[STMT_ACCESS_LINKED] =
	"SELECT DISTINCT facility_id FROM patient_link WHERE patient_id = ?",
[STMT_PATIENT_INSERT] =
	"INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date,"
	" address, phone, created_at, created_by)"
	" VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), FROM_UNIXTIME(?), ?)",
[STMT_PATIENT_MATCH] =
	"SELECT id, network_id, name, kana, sex, birth_date, status FROM patient"
	" WHERE kana_key = ? AND birth_date = ? AND sex = ? AND status <> 'merged'"
	" ORDER BY id LIMIT 20",
[STMT_PATIENT_GET] =
	"SELECT id, network_id, name, kana, sex, birth_date, address, phone,"
	" status, merged_into, deceased_on, death_confirmed_how,"
	" UNIX_TIMESTAMP(cancelled_at), version, kana_key FROM patient WHERE id = ?",
[STMT_PATIENT_LINKS] =
	"SELECT l.id, f.code, f.name, l.local_id, l.source,"
	" UNIX_TIMESTAMP(l.linked_at), l.facility_id, l.version FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id WHERE l.patient_id = ?"
	" ORDER BY f.code, l.local_id",
/* Local IDs asked for this patient, waiting for the operator. */
[STMT_PATIENT_LINKS_ASKED] =
	"SELECT l.id, f.code, f.name, l.local_id, l.source,"
	" UNIX_TIMESTAMP(l.requested_at), l.facility_id FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id"
	" WHERE l.requested_patient_id = ? AND l.patient_id IS NULL"
	" ORDER BY f.code, l.local_id",
[STMT_PATIENT_CONSENTS] =
	"SELECT c.id, c.signed_on, c.status, f.name, UNIX_TIMESTAMP(c.registered_at),"
	" c.all_disclosing, c.all_viewing, c.facility_id,"
	" CAST(UNIX_TIMESTAMP(c.registered_at) * 1000000 AS SIGNED) FROM consent c"
	" JOIN facility f ON f.id = c.facility_id WHERE c.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m)"
	" ORDER BY c.registered_at DESC",
[STMT_PATIENT_REVOCATIONS] =
	"SELECT r.receipt_no, r.signed_on, UNIX_TIMESTAMP(r.received_at), r.via,"
	" f.name FROM consent_revocation r LEFT JOIN facility f ON f.id = r.facility_id"
	" WHERE r.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m) ORDER BY r.received_at DESC",
[STMT_PATIENT_CANCEL] =
	"UPDATE patient SET status = 'cancelled', deceased_on = ?,"
	" death_confirmed_how = ?, cancelled_at = FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND,"
	" cancelled_by = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND status = 'active'",
[STMT_PATIENT_MERGES] =
	"SELECT m.id, p.network_id, p.name, m.reason, UNIX_TIMESTAMP(m.merged_at),"
	" UNIX_TIMESTAMP(m.undone_at) FROM patient_merge m"
	" JOIN patient p ON p.id = m.merged_id WHERE m.survivor_id = ?"
	" ORDER BY m.merged_at DESC",
[STMT_LINK_BY_LOCAL] =
	"SELECT id, patient_id, version, requested_patient_id FROM patient_link"
	" WHERE facility_id = ? AND local_id = ? FOR UPDATE",
[STMT_LINK_INSERT] =
	"INSERT INTO patient_link (facility_id, local_id, patient_id, source,"
	" linked_at, linked_by, created_at)"
	" VALUES (?, ?, ?, 'manual', UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6))",
/* A12: a new local ID asked for an existing patient; counts once approved. */
[STMT_LINK_INSERT_REQUEST] =
	"INSERT INTO patient_link (facility_id, local_id, requested_patient_id,"
	" requested_by, requested_at, source, created_at)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), 'manual', UTC_TIMESTAMP(6))",
[STMT_LINK_REQUEST] =
	"UPDATE patient_link SET requested_patient_id = ?, requested_by = ?,"
	" requested_at = UTC_TIMESTAMP(6), version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL"
	" AND requested_patient_id IS NULL",
[STMT_LINK_EVENT_INSERT] =
	"INSERT INTO patient_link_event (link_id, kind, patient_id, note, at, by_user)"
	" VALUES (?, ?, ?, NULLIF(?, ''), UTC_TIMESTAMP(6), ?)",
/* The operator's queue of requested links, oldest first. */
[STMT_LINK_REQUESTS] =
	"SELECT l.id, f.name, l.local_id, l.name, l.kana, l.sex, l.birth_date,"
	" l.source, UNIX_TIMESTAMP(l.requested_at), u.name, p.id, p.network_id,"
	" p.name, p.kana, p.sex, p.birth_date, l.version"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" JOIN users u ON u.id = l.requested_by"
	" JOIN patient p ON p.id = l.requested_patient_id"
	" WHERE l.requested_patient_id IS NOT NULL AND l.patient_id IS NULL"
	" ORDER BY l.requested_at, l.id LIMIT 200",
/* A link's patient and state for a decision: patient, asked for, facility. */
[STMT_LINK_STATE] =
	"SELECT id, patient_id, requested_patient_id, facility_id, version"
	" FROM patient_link WHERE id = ? FOR UPDATE",
[STMT_LINK_APPROVE] =
	"UPDATE patient_link SET patient_id = requested_patient_id,"
	" linked_at = UTC_TIMESTAMP(6), linked_by = requested_by,"
	" requested_patient_id = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL"
	" AND requested_patient_id IS NOT NULL",
[STMT_LINK_REJECT] =
	"UPDATE patient_link SET requested_patient_id = NULL, requested_by = NULL,"
	" requested_at = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND requested_patient_id IS NOT NULL",
[STMT_LINK_END] =
	"UPDATE patient_link SET patient_id = NULL, linked_at = NULL,"
	" linked_by = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NOT NULL",
[STMT_LINK_SET] =
	"UPDATE patient_link SET patient_id = ?, linked_at = UTC_TIMESTAMP(6),"
	" linked_by = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL",
[STMT_LINK_GET] =
	"SELECT l.id, l.facility_id, l.local_id, l.patient_id, l.name, l.kana,"
	" l.kana_key, l.sex, l.birth_date, l.address, l.version, f.name"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id WHERE l.id = ?",
[STMT_LINK_UNLINKED] =
	"SELECT l.id, f.code, f.name, l.local_id, l.name, l.kana, l.sex,"
	" l.birth_date, l.version, UNIX_TIMESTAMP(l.created_at),"
	" l.requested_patient_id IS NOT NULL FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id"
	" WHERE l.patient_id IS NULL AND (? = 0 OR l.facility_id = ?)"
	" ORDER BY l.created_at DESC, l.id DESC LIMIT 200",
[STMT_MERGE_INSERT] =
	"INSERT INTO patient_merge (survivor_id, merged_id, reason, merged_at,"
	" merged_by) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)",
[STMT_MERGE_INTO_COUNT] =
	"SELECT COUNT(*) FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL",
[STMT_MERGE_LINK_INSERT] =
	"INSERT INTO patient_merge_link (merge_id, link_id) VALUES (?, ?)",
[STMT_MERGE_GET] =
	"SELECT id, survivor_id, merged_id, undone_at IS NOT NULL FROM patient_merge"
	" WHERE id = ? FOR UPDATE",
[STMT_MERGE_LINKS] =
	"SELECT link_id FROM patient_merge_link WHERE merge_id = ?",
[STMT_MERGE_UNDO] =
	"UPDATE patient_merge SET undone_at = UTC_TIMESTAMP(6), undone_by = ?,"
	" undo_reason = ? WHERE id = ? AND undone_at IS NULL",
[STMT_LINKS_OF] =
	"SELECT id FROM patient_link WHERE patient_id = ? FOR UPDATE",
[STMT_LINK_MOVE] =
	"UPDATE patient_link SET patient_id = ?, version = version + 1"
	" WHERE id = ? AND patient_id = ?",
[STMT_PATIENT_SET_MERGED] =
	"UPDATE patient SET status = 'merged', merged_into = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'active'",
[STMT_PATIENT_UNMERGE] =
	"UPDATE patient SET status = 'active', merged_into = NULL,"
	" version = version + 1 WHERE id = ? AND status = 'merged'",
[STMT_FACILITY_MEMBERS] =
	"SELECT id, code, name, disclosing, viewing FROM facility"
	" WHERE status = 'active' ORDER BY code",
[STMT_CONSENT_BY_IDEM] =
	"SELECT id FROM consent WHERE idem = ?",
[STMT_CONSENT_INSERT] =
	"INSERT INTO consent (patient_id, signed_on, signer, proxy_name,"
	" proxy_relation, all_disclosing, all_viewing, facility_id, registered_at,"
	" registered_by, idem, after_revocation) VALUES (?, ?, ?, NULLIF(?, ''),"
	" NULLIF(?, ''), ?, ?, ?, FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND, ?, ?, ?)",
[STMT_CONSENT_FAC_INSERT] =
	"INSERT INTO consent_facility (consent_id, side, facility_id) VALUES (?, ?, ?)",
[STMT_CONSENT_SCAN_INSERT] =
	"INSERT INTO consent_scan (consent_id, content_type, size, sha256, data)"
	" VALUES (?, ?, ?, ?, ?)",
/* The oldest ? waiting, with how many wait in all (before the limit). */
[STMT_CONSENT_QUEUE] =
	"SELECT c.id, UNIX_TIMESTAMP(c.registered_at), c.signed_on, f.name, u.name,"
	" s.content_type IS NOT NULL, c.signer, c.all_disclosing, c.all_viewing,"
	" COUNT(*) OVER ()"
	" FROM consent c JOIN facility f ON f.id = c.facility_id"
	" JOIN users u ON u.id = c.registered_by"
	" LEFT JOIN consent_scan s ON s.consent_id = c.id"
	" WHERE c.status = 'submitted' ORDER BY c.registered_at, c.id LIMIT ?",
[STMT_CONSENT_GET] =
	"SELECT c.id, c.patient_id, c.signed_on, c.signer, c.proxy_name,"
	" c.proxy_relation, c.all_disclosing, c.all_viewing, c.facility_id, f.name,"
	" UNIX_TIMESTAMP(c.registered_at), u.name, c.status,"
	" UNIX_TIMESTAMP(c.checked_at), c.check_note, c.version, s.content_type,"
	" s.size, s.sha256, p.network_id, f.code"
	" FROM consent c JOIN facility f ON f.id = c.facility_id"
	" JOIN users u ON u.id = c.registered_by JOIN patient p ON p.id = c.patient_id"
	" LEFT JOIN consent_scan s ON s.consent_id = c.id WHERE c.id = ?",
[STMT_CONSENT_FACS] =
	"SELECT cf.side, f.id, f.code, f.name FROM consent_facility cf"
	" JOIN facility f ON f.id = cf.facility_id WHERE cf.consent_id = ?"
	" ORDER BY cf.side, f.code",
[STMT_CONSENT_CHECK] =
	"UPDATE consent SET status = ?, checked_at = UTC_TIMESTAMP(6),"
	" checked_by = ?, check_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'submitted'",
[STMT_CONSENT_SCAN_GET] =
	"SELECT content_type, size, sha256, data FROM consent_scan WHERE consent_id = ?",
/*
 * When a consent ended: the first receipt of a form 5 that revokes it
 * (signed after it, or the same day unless it was stated signed after;
 * consent_revoked() decides the same), not before its registration.
 */
[STMT_CONSENT_REVOKED_AT] =
	"SELECT COALESCE(GREATEST(MIN(UNIX_TIMESTAMP(v.received_at)),"
	" UNIX_TIMESTAMP(c.registered_at)), 0) FROM consent_revocation v"
	" JOIN consent c ON c.id = ?"
	" WHERE v.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m)"
	" AND (v.signed_on > c.signed_on OR (v.signed_on = c.signed_on"
	" AND c.after_revocation = 0))",
[STMT_RECEIPT_BUMP] =
	"INSERT INTO receipt_seq (kind, year, last) VALUES (?, ?, 1)"
	" ON DUPLICATE KEY UPDATE last = last + 1",
[STMT_RECEIPT_LAST] =
	"SELECT last FROM receipt_seq WHERE kind = ? AND year = ?",
[STMT_CREVOC_BY_IDEM] =
	"SELECT receipt_no FROM consent_revocation WHERE idem = ?",
[STMT_CREVOC_INSERT] =
	"INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, signer,"
	" proxy_name, proxy_relation, via, facility_id, note, received_at,"
	" received_by, idem) VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?,"
	" NULLIF(?, 0), NULLIF(?, ''), FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND, ?, ?)",
[STMT_CREVOC_GET] =
	"SELECT r.receipt_no, r.patient_id, r.signed_on, r.signer, r.proxy_name,"
	" r.proxy_relation, r.via, f.name, UNIX_TIMESTAMP(r.received_at), u.name,"
	" p.name, p.kana, r.facility_id FROM consent_revocation r"
	" JOIN patient p ON p.id = r.patient_id JOIN users u ON u.id = r.received_by"
	" LEFT JOIN facility f ON f.id = r.facility_id WHERE r.receipt_no = ?",
/*
 * Every look at this patient's data by a user of the network (A11.2) in
 * a period of Japan days (from, to: either may be NULL), newest first, at
 * most ? rows: the caller asks one more than it shows to know the period
 * holds more. The patient's own entries are read backwards along
 * audit_patient (patient_id, ts) and stopped at the limit, so a patient
 * seen every day for years costs a page, not every entry (issue 9; "IN
 * (patient, its merged duplicates)" read them all and sorted them). A
 * merged duplicate's entries (rare) are the second branch. Only looks
 * at the data count, not what was done about them afterwards (an
 * emergency's follow-up, a judgement of it). Parameters:
 * patient, from x2, to x2, limit; survivor, from x2, to x2, limit; limit.
 */
#define REPORT_BRANCH(FROM, WHO) \
	"(SELECT UNIX_TIMESTAMP(a.ts), f.name, pr.name, a.purpose, a.action," \
	" a.purpose = 'emergency', a.ts AS t, a.id AS i FROM " FROM \
	" LEFT JOIN facility f ON f.id = a.facility_id" \
	" LEFT JOIN users u ON u.id = a.user_id" \
	" LEFT JOIN profession pr ON pr.code = u.profession" \
	" WHERE " WHO " AND a.outcome = 'allowed' AND a.action IN ('record.view'," \
	" 'record.print', 'record.export', 'document.view', 'emergency.grant')" \
	" AND (? IS NULL OR a.ts >= CAST(? AS DATE) - INTERVAL 9 HOUR)" \
	" AND (? IS NULL OR a.ts < CAST(? AS DATE) + INTERVAL 15 HOUR)" \
	" ORDER BY a.ts DESC, a.id DESC LIMIT ?)"
[STMT_ACCESS_REPORT] =
	REPORT_BRANCH("audit a FORCE INDEX (audit_patient)", "a.patient_id = ?")
	" UNION ALL "
	REPORT_BRANCH("patient_merge pm JOIN audit a ON a.patient_id = pm.merged_id",
	    "pm.survivor_id = ? AND pm.undone_at IS NULL")
	" ORDER BY t DESC, i DESC LIMIT ?",
#undef REPORT_BRANCH
[STMT_PATIENT_BY_NETWORK_ID] =
	"SELECT id, status, version FROM patient WHERE network_id = ? FOR UPDATE",
/* Patients a facility might see: a consent naming it or every viewer, or
 * its own records. access.c decides each one; this only narrows. */
[STMT_RECORDS_CANDIDATES] =
	/* Who could match: the patients holding five of the key's bigrams
	 * (migration 0017; page_records.c), the network ID, or for a one-character key
	 * the kana_key prefix (a range of patient_match); all through indexes.
	 * With the session's handle of each, when it has one (a list page
	 * would otherwise ask for them apart). */
	"SELECT p.id, p.name, p.kana, p.sex, p.birth_date, h.handle FROM ("
	" SELECT g1.patient_id AS id FROM patient_kana_gram g1"
	"  JOIN patient_kana_gram g2 ON g2.patient_id = g1.patient_id AND g2.gram = ?"
	"  JOIN patient_kana_gram g3 ON g3.patient_id = g1.patient_id AND g3.gram = ?"
	"  JOIN patient_kana_gram g4 ON g4.patient_id = g1.patient_id AND g4.gram = ?"
	"  JOIN patient_kana_gram g5 ON g5.patient_id = g1.patient_id AND g5.gram = ?"
	"  WHERE g1.gram = ?"
	" UNION SELECT id FROM patient WHERE network_id = ?"
	" UNION SELECT id FROM patient WHERE ? = 1 AND kana_key LIKE ?) k"
	" JOIN patient p ON p.id = k.id"
	" LEFT JOIN patient_handle h ON h.session_id = ? AND h.patient_id = p.id"
	" WHERE p.status = 'active' AND (p.kana_key LIKE ? OR p.network_id = ?)"
	" AND (EXISTS (SELECT 1 FROM consent c WHERE c.status <> 'rejected'"
	"  AND c.patient_id = p.id"
	"  AND (c.all_viewing = 1 OR EXISTS (SELECT 1 FROM consent_facility cf"
	"  WHERE cf.consent_id = c.id AND cf.side = 'viewing' AND cf.facility_id = ?)))"
	/* A merged duplicate's consents, apart: "c.patient_id = p.id OR IN
	 * (...)" scanned every consent once per candidate (issue 9). */
	" OR EXISTS (SELECT 1 FROM patient_merge pm JOIN consent c"
	"  ON c.patient_id = pm.merged_id WHERE pm.survivor_id = p.id"
	"  AND pm.undone_at IS NULL AND c.status <> 'rejected'"
	"  AND (c.all_viewing = 1 OR EXISTS (SELECT 1 FROM consent_facility cf"
	"  WHERE cf.consent_id = c.id AND cf.side = 'viewing' AND cf.facility_id = ?)))"
	" OR EXISTS (SELECT 1 FROM patient_link l WHERE l.patient_id = p.id"
	"  AND l.facility_id = ?)"
	/* A scalar subquery, not EXISTS: MariaDB turned that EXISTS into a
	 * scan of every grant of the user (issue 9: 18,000 after the bench). */
	" OR (SELECT MAX(e.expires_at) FROM emergency_access e WHERE e.patient_id = p.id"
	"  AND e.user_id = ?) > FROM_UNIXTIME(?))"
	" ORDER BY p.kana_key, p.id LIMIT 200",

/* The complaints desk (A4.3). Times are UTC from the application clock;
 * shown in Japan time. There is deliberately no DELETE here. */
/* The upsert locks the year's row until commit; the locking read sees it. */
[STMT_DESK_SEQ_NEXT] =
	"INSERT INTO receipt_seq (kind, year, last) VALUES ('C', ?, 1)"
	" ON DUPLICATE KEY UPDATE last = last + 1",
[STMT_DESK_SEQ_GET] =
	"SELECT last FROM receipt_seq WHERE kind = 'C' AND year = ? FOR UPDATE",
[STMT_DESK_BY_IDEM] =
	"SELECT id FROM complaint WHERE idem = ?",
[STMT_DESK_INSERT] =
	"INSERT INTO complaint (receipt_no, complainant_kind, complainant_name,"
	" complainant_facility_id, complainant_user_id, contact_kind, contact,"
	" channel, category, contents, received_at, received_by, due_on,"
	" assignee_id, idem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
[STMT_DESK_STEP_INSERT] =
	"INSERT INTO complaint_step (complaint_id, at, by_user, from_status,"
	" to_status, note, answer, assignee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
[STMT_DESK_LIST] =
	"SELECT c.id, c.receipt_no,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.complainant_kind, c.complainant_name, c.channel, c.category, c.status,"
	" DATE_FORMAT(c.due_on, '%Y-%m-%d'),"
	" c.status IN ('received', 'investigating') AND c.due_on < ? AS overdue,"
	" a.name, f.name"
	" FROM complaint c LEFT JOIN users a ON a.id = c.assignee_id"
	" LEFT JOIN facility f ON f.id = c.complainant_facility_id"
	" WHERE (? = 'all' OR c.status = ?"
	"  OR (? = 'open' AND c.status IN ('received', 'investigating'))"
	"  OR (? = 'overdue' AND c.status IN ('received', 'investigating')"
	"   AND c.due_on < ?))"
	" AND (? = 0 OR c.complainant_user_id = ?)"
	" ORDER BY overdue DESC, c.status = 'closed', c.due_on, c.id LIMIT 2000",
[STMT_DESK_COUNTS] =
	"SELECT COALESCE(SUM(status IN ('received', 'investigating')), 0),"
	" COALESCE(SUM(status IN ('received', 'investigating') AND due_on < ?), 0)"
	" FROM complaint WHERE ? = 0 OR complainant_user_id = ?",
[STMT_DESK_GET] =
	"SELECT c.id, c.receipt_no,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.complainant_kind, c.complainant_name, c.channel, c.category, c.status,"
	" DATE_FORMAT(c.due_on, '%Y-%m-%d'),"
	" c.status IN ('received', 'investigating') AND c.due_on < ? AS overdue,"
	" a.name, f.name, c.contact_kind, c.contact, c.contents, c.answer,"
	" DATE_FORMAT(c.answered_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" DATE_FORMAT(c.closed_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" c.version, c.assignee_id, r.name, c.complainant_user_id,"
	" DATE_FORMAT(c.received_at + INTERVAL 9 HOUR, '%Y-%m-%d')"
	" FROM complaint c LEFT JOIN users a ON a.id = c.assignee_id"
	" LEFT JOIN facility f ON f.id = c.complainant_facility_id"
	" LEFT JOIN users r ON r.id = c.received_by WHERE c.id = ?",
[STMT_DESK_LOCK] =
	"SELECT status, version, assignee_id FROM complaint WHERE id = ? FOR UPDATE",
[STMT_DESK_UPDATE] =
	"UPDATE complaint SET status = ?, assignee_id = COALESCE(?, assignee_id),"
	" answer = COALESCE(?, answer),"
	" answered_at = IF(? = 'answered', ?, answered_at),"
	" closed_at = IF(? = 'closed', ?, closed_at), version = version + 1"
	" WHERE id = ? AND version = ?",
[STMT_DESK_STEPS] =
	"SELECT s.id, DATE_FORMAT(s.at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" u.name, s.from_status, s.to_status, s.note, s.answer, a.name"
	" FROM complaint_step s LEFT JOIN users u ON u.id = s.by_user"
	" LEFT JOIN users a ON a.id = s.assignee_id"
	" WHERE s.complaint_id = ? ORDER BY s.id",
[STMT_DESK_ASSIGNEES] =
	"SELECT DISTINCT u.id, u.name FROM users u"
	" JOIN user_role r ON r.user_id = u.id"
	" WHERE u.status = 'active' AND r.role IN ('desk', 'operator', 'staff')"
	" ORDER BY u.name, u.id LIMIT 200",
[STMT_DESK_ASSIGNEE_OK] =
	"SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id"
	" WHERE u.id = ? AND u.status = 'active'"
	" AND r.role IN ('desk', 'operator', 'staff')",
[STMT_DESK_FACILITIES] =
	"SELECT id, name FROM facility ORDER BY code LIMIT 1000",
[STMT_DESK_FACILITY_OK] =
	"SELECT COUNT(*) FROM facility WHERE id = ?",
[STMT_PROFESSION_EMERGENCY] =
	"SELECT p.emergency_allowed FROM users u JOIN profession p ON p.code = u.profession"
	" WHERE u.id = ?",
[STMT_EMERGENCY_INSERT] =
	"INSERT INTO emergency_access (patient_id, user_id, facility_id,"
	" reason_category, reason_text, started_at, expires_at, followup_due)"
	" VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND,"
	" FROM_UNIXTIME(?), FROM_UNIXTIME(?))",
/* The operator sees all (0); a facility its users' grants and those on
 * patients whose records it holds; a user (third ?) only their own. */
[STMT_EMERGENCY_LIST] =
	"SELECT e.id, UNIX_TIMESTAMP(e.started_at), UNIX_TIMESTAMP(e.expires_at),"
	" u.name, pr.name, f.name, e.reason_category, e.reason_text,"
	" e.review_status, e.followup_status, UNIX_TIMESTAMP(e.followup_due),"
	" e.version, p.network_id, e.user_id, e.review_note, e.followup_note,"
	" e.patient_id, e.facility_id, EXISTS (SELECT 1 FROM patient_link hl"
	"  JOIN facility hf ON hf.id = hl.facility_id WHERE hl.patient_id = e.patient_id"
	"  AND hl.facility_id = ? AND hf.disclosing <> 0), e.consent_id"
	" FROM emergency_access e"
	" JOIN users u ON u.id = e.user_id JOIN facility f ON f.id = e.facility_id"
	" JOIN patient p ON p.id = e.patient_id"
	" LEFT JOIN profession pr ON pr.code = u.profession"
	" WHERE (? = 0 OR e.facility_id = ? OR EXISTS (SELECT 1 FROM patient_link l"
	"  WHERE l.patient_id = e.patient_id AND l.facility_id = ?))"
	" AND (? = 0 OR e.user_id = ?)"
	" ORDER BY e.followup_status = 'open' DESC, e.started_at DESC LIMIT 500",
[STMT_EMERGENCY_GET] =
	"SELECT id, patient_id, user_id, facility_id, review_status, followup_status,"
	" version FROM emergency_access WHERE id = ?",
[STMT_EMERGENCY_REVIEW] =
	"UPDATE emergency_access SET review_status = ?, reviewed_by = ?,"
	" reviewed_at = UTC_TIMESTAMP(6), review_note = NULLIF(?, ''),"
	" version = version + 1 WHERE id = ? AND version = ? AND review_status = 'pending'",
[STMT_EMERGENCY_FOLLOWUP_CLOSE] =
	"UPDATE emergency_access SET followup_status = ?, followup_note = ?,"
	" followup_closed_at = UTC_TIMESTAMP(6), followup_closed_by = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND followup_status = 'open'",
/* The open follow-ups of a patient, locked while a consent may close them. */
[STMT_EMERGENCY_OPEN_OF] =
	"SELECT id, facility_id FROM emergency_access"
	" WHERE patient_id = ? AND followup_status = 'open' FOR UPDATE",
/* A form 4 that lets the grant's facility view closes it, and is kept. */
[STMT_EMERGENCY_CONSENTED] =
	"UPDATE emergency_access SET followup_status = 'consented',"
	" followup_closed_at = UTC_TIMESTAMP(6), followup_closed_by = ?,"
	" consent_id = ?, version = version + 1"
	" WHERE id = ? AND followup_status = 'open'",
/* That form 4 found void: the follow-up is open again. */
[STMT_EMERGENCY_REOPEN] =
	"UPDATE emergency_access SET followup_status = 'open', consent_id = NULL,"
	" followup_closed_at = NULL, followup_closed_by = NULL,"
	" version = version + 1 WHERE consent_id = ? AND followup_status = 'consented'",
[STMT_EMERGENCY_OVERDUE] =
	"SELECT id FROM emergency_access WHERE followup_status = 'open'"
	" AND followup_due < FROM_UNIXTIME(?)",
[STMT_EMERGENCY_FIND_LOCAL] =
	"SELECT l.patient_id FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" WHERE f.code = ? AND l.local_id = ? AND l.patient_id IS NOT NULL",
[STMT_NOTIFY_INSERT] =
	"INSERT IGNORE INTO notification (audience, facility_id, kind, object_type,"
	" object_id, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
[STMT_NOTIFY_LIST] =
	"SELECT id, kind, object_type, object_id, UNIX_TIMESTAMP(created_at),"
	" read_at IS NOT NULL FROM notification"
	" WHERE (audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1)"
	" ORDER BY read_at IS NULL DESC, created_at DESC LIMIT 200",
[STMT_NOTIFY_UNREAD] =
	"SELECT COUNT(*) FROM notification WHERE read_at IS NULL AND"
	" ((audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1))",
[STMT_NOTIFY_READ] =
	"UPDATE notification SET read_at = UTC_TIMESTAMP(6), read_by = ?"
	" WHERE id = ? AND read_at IS NULL AND ((audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1))",

/* SS-MIX2 import: one named lock per facility, released if the run dies. */
[STMT_SSMIX2_LOCK] =
	"SELECT GET_LOCK(?, 0)",
[STMT_SSMIX2_UNLOCK] =
	"SELECT RELEASE_LOCK(?)",
[STMT_SSMIX2_SET] =
	"INSERT INTO facility_ssmix2 (facility_id, root_dir, ext_dir, enabled,"
	" updated_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY"
	" UPDATE root_dir = VALUES(root_dir), ext_dir = VALUES(ext_dir),"
	" enabled = VALUES(enabled), updated_at = VALUES(updated_at)",
[STMT_SSMIX2_ENABLED] =
	"SELECT f.id, f.code, s.root_dir, s.ext_dir FROM facility_ssmix2 s"
	" JOIN facility f ON f.id = s.facility_id WHERE s.enabled = 1"
	" ORDER BY f.code",
/* Runs left 'running' by a killed importer; called with the facility's lock held. */
[STMT_IMPORT_RUN_INTERRUPTED] =
	"UPDATE import_run SET status = 'interrupted' WHERE facility_id = ?"
	" AND status = 'running'",
[STMT_IMPORT_RUN_START] =
	"INSERT INTO import_run (facility_id, started_at) VALUES (?,"
	" UTC_TIMESTAMP(6))",
[STMT_IMPORT_RUN_UPDATE] =
	"UPDATE import_run SET status = ?, finished_at = IF(? = 1,"
	" UTC_TIMESTAMP(6), NULL), files_total = ?, files_done = ?, imported = ?,"
	" unchanged = ?, quarantined = ?, removed = ?, failed = ?, last_error = ?"
	" WHERE id = ?",
[STMT_IMPORT_FILES_OF] =
	"SELECT tree, rel_path, size, mtime, sha256, id FROM import_file"
	" WHERE facility_id = ?",
/*
 * For the next transaction only (an import batch): no gap locks, so two
 * facilities importing at once do not deadlock on each other's index
 * gaps (record_order, record_file), and INSERT ... SELECT does not lock
 * what it reads. A batch only reads its own facility's rows, which only
 * it writes (the facility's import lock). Binary logs must be ROW or
 * MIXED (Galera: ROW), as with any READ COMMITTED write.
 */
[STMT_IMPORT_READ_COMMITTED] =
	"SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
/* LAST_INSERT_ID(id): db_last_id() is the row's id, inserted or updated. */
[STMT_IMPORT_FILE_UPSERT] =
	"INSERT INTO import_file (facility_id, tree, rel_path, size, mtime,"
	" sha256, status, reason, detail, data_type, local_id, run_id,"
	" imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	" UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE size = VALUES(size),"
	" mtime = VALUES(mtime), sha256 = VALUES(sha256), status = VALUES(status),"
	" reason = VALUES(reason), detail = VALUES(detail),"
	" data_type = VALUES(data_type), local_id = VALUES(local_id),"
	" run_id = VALUES(run_id), imported_at = VALUES(imported_at),"
	" id = LAST_INSERT_ID(id)",
[STMT_IMPORT_FILE_TOUCH] =
	"UPDATE import_file SET size = ?, mtime = ? WHERE id = ?",
[STMT_IMPORT_FILE_DELETE] =
	"DELETE FROM import_file WHERE id = ?",
[STMT_RECORD_GROUPS_OF_FILE] =
	"SELECT DISTINCT link_id, data_type, order_key FROM record"
	" WHERE file_id = ? AND order_key IS NOT NULL",
[STMT_RECORD_DELETE_FILE] =
	"DELETE FROM record WHERE file_id = ?",
[STMT_DOCUMENT_DELETE_FILE] =
	"DELETE FROM document WHERE file_id = ?",
/* An import fills in what the link lacks; it never overwrites (see ssmix2_demographics). */
[STMT_LINK_UPSERT] =
	"INSERT INTO patient_link (facility_id, local_id, name, kana, kana_key,"
	" sex, birth_date, address, source, created_at) VALUES (?, ?, ?, ?, ?, ?,"
	" ?, ?, 'import', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE"
	" name = COALESCE(name, VALUES(name)), kana = COALESCE(kana, VALUES(kana)),"
	" kana_key = COALESCE(kana_key, VALUES(kana_key)),"
	" sex = COALESCE(sex, VALUES(sex)),"
	" birth_date = COALESCE(birth_date, VALUES(birth_date)),"
	" address = COALESCE(address, VALUES(address))",
/* The id and which demographics the link has (the importer's cache). */
[STMT_LINK_ID] =
	"SELECT id, name IS NOT NULL, kana IS NOT NULL, kana_key IS NOT NULL,"
	" sex IS NOT NULL, birth_date IS NOT NULL, address IS NOT NULL"
	" FROM patient_link WHERE facility_id = ? AND local_id = ?",
[STMT_LINK_DEMOGRAPHICS] =
	"UPDATE patient_link SET name = ?, kana = ?, kana_key = ?, sex = ?,"
	" birth_date = ?, address = ?, version = version + 1 WHERE id = ?",
[STMT_RECORD_INSERT] =
	"INSERT INTO record (facility_id, link_id, file_id, kind, data_type,"
	" msg_type, order_no, order_key, dept, flag, cancelled, care_date,"
	" occurred_at, message_ts, title, summary, status, source_path,"
	" file_sha256, raw_message, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
[STMT_RECORD_GROUP_RESET] =
	"UPDATE record SET status = 'superseded' WHERE link_id = ?"
	" AND data_type = ? AND order_key = ?",
[STMT_RECORD_GROUP_NEWEST] =
	"SELECT id, flag, cancelled FROM record WHERE link_id = ?"
	" AND data_type = ? AND order_key = ? ORDER BY message_ts DESC, id DESC"
	" LIMIT 1",
[STMT_RECORD_SET_STATUS] =
	"UPDATE record SET status = ? WHERE id = ?",
/*
 * Every order with a record of the facility in an id range (one batch's):
 * the newest record (message_ts, then id) decides, as STMT_RECORD_GROUP_*.
 * Lists the records whose status must change (ssmix2_regroup_range then
 * sets them by id). A plain SELECT, a consistent read: an UPDATE joining
 * record to itself would lock every row and gap it reads, and two
 * facilities importing at once would deadlock.
 */
[STMT_RECORD_REGROUP_RANGE] =
	"SELECT w.id, w.st FROM (SELECT x.id, x.status, IF(ROW_NUMBER() OVER"
	"  (PARTITION BY x.link_id, x.data_type, x.order_key ORDER BY"
	"  x.message_ts DESC, x.id DESC) = 1, IF(x.flag = 1 AND x.cancelled = 0,"
	"  'current', 'cancelled'), 'superseded') AS st FROM record x JOIN"
	"  (SELECT DISTINCT link_id, data_type, order_key FROM record WHERE"
	"  facility_id = ? AND id BETWEEN ? AND ? AND order_key IS NOT NULL) g"
	"  ON x.link_id = g.link_id AND x.data_type = g.data_type"
	"  AND x.order_key = g.order_key) w WHERE w.st <> w.status",
/* A message's rows in one statement: a JSON array of arrays, bound as data. */
[STMT_LAB_INSERT_ROWS] =
	"INSERT INTO record_lab (record_id, link_id, seq, code, code_system,"
	" name, value_type, value, value_num, unit, range_low, range_high,"
	" range_text, flag, result_status, observed_at) SELECT ?, ?, j.seq,"
	" j.code, j.sys, j.name, j.vt, j.val, j.num, j.unit, j.lo, j.hi, j.rng,"
	" j.flag, j.st, j.obs FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	" seq INT PATH '$[0]', code VARCHAR(1000) PATH '$[1]',"
	" sys VARCHAR(1000) PATH '$[2]', name VARCHAR(1000) PATH '$[3]',"
	" vt VARCHAR(1000) PATH '$[4]', val VARCHAR(1000) PATH '$[5]',"
	" num VARCHAR(1000) PATH '$[6]', unit VARCHAR(1000) PATH '$[7]',"
	" lo VARCHAR(1000) PATH '$[8]', hi VARCHAR(1000) PATH '$[9]',"
	" rng VARCHAR(1000) PATH '$[10]', flag VARCHAR(1000) PATH '$[11]',"
	" st VARCHAR(1000) PATH '$[12]', obs VARCHAR(1000) PATH '$[13]')) j",
[STMT_MED_INSERT_ROWS] =
	"INSERT INTO record_med (record_id, link_id, seq, rp, drug_code,"
	" code_system, drug_name, dose, unit, dosage_form, route, frequency, days,"
	" total, given_at) SELECT ?, ?, j.seq, j.rp, j.code, j.sys, j.name,"
	" j.dose, j.unit, j.form, j.route, j.freq, j.days, j.total, j.given"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (seq INT PATH '$[0]',"
	" rp VARCHAR(1000) PATH '$[1]', code VARCHAR(1000) PATH '$[2]',"
	" sys VARCHAR(1000) PATH '$[3]', name VARCHAR(1000) PATH '$[4]',"
	" dose VARCHAR(1000) PATH '$[5]', unit VARCHAR(1000) PATH '$[6]',"
	" form VARCHAR(1000) PATH '$[7]', route VARCHAR(1000) PATH '$[8]',"
	" freq VARCHAR(1000) PATH '$[9]', days VARCHAR(1000) PATH '$[10]',"
	" total VARCHAR(1000) PATH '$[11]', given VARCHAR(1000) PATH '$[12]')) j",
/*
 * A batch's new message files at once (ssmix2_stage_flush): JSON arrays
 * bound as data; records find their file, and rows their record, by path.
 */
#define JT_REL	"rel VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
#define JT_FILE	" STRAIGHT_JOIN import_file f ON f.facility_id = ?" \
	" AND f.tree = 'std' AND f.rel_path = j.rel"
[STMT_IMPORT_FILE_ROWS] =
	"INSERT INTO import_file (facility_id, tree, rel_path, size, mtime,"
	" sha256, status, data_type, local_id, run_id, imported_at)"
	" SELECT ?, 'std', j.rel, j.size, j.mtime, j.sha, 'imported', j.dt, j.lid,"
	" ?, UTC_TIMESTAMP(6) FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$[0]', size VARCHAR(30) PATH '$[1]', mtime VARCHAR(30) PATH '$[2]',"
	" sha VARCHAR(64) PATH '$[3]', dt VARCHAR(16) PATH '$[4]',"
	" lid VARCHAR(64) PATH '$[5]')) j ON DUPLICATE KEY UPDATE"
	" size = VALUES(size), mtime = VALUES(mtime), sha256 = VALUES(sha256),"
	" status = VALUES(status), reason = NULL, detail = NULL,"
	" data_type = VALUES(data_type), local_id = VALUES(local_id),"
	" run_id = VALUES(run_id), imported_at = VALUES(imported_at)",
/*
 * In the files' order, so ids rise as they would one file at a time: the
 * JSON array drives the join (STRAIGHT_JOIN, eq_ref: no join buffer). No
 * ORDER BY: its filesort makes JSON_TABLE parse every row twice.
 */
[STMT_RECORD_ROWS] =
	"INSERT INTO record (facility_id, link_id, file_id, kind, data_type,"
	" msg_type, order_no, order_key, dept, flag, cancelled, care_date,"
	" occurred_at, message_ts, title, summary, status, source_path,"
	" file_sha256, raw_message, imported_at) SELECT f.facility_id, j.link,"
	" f.id, j.kind, j.dt, j.mt, j.ord, j.okey, j.dept, j.flag, j.canc, j.cd,"
	" j.occ, j.mts, j.title, j.summary, j.status, j.rel, j.sha,"
	" IF(j.rawfmt = 'x', UNHEX(j.raw), j.raw),"
	" UTC_TIMESTAMP(6) FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$[0]', link VARCHAR(30) PATH '$[1]',"
	" kind VARCHAR(100) PATH '$[2]', dt VARCHAR(100) PATH '$[3]',"
	" mt VARCHAR(100) PATH '$[4]', ord VARCHAR(100) PATH '$[5]',"
	" okey VARCHAR(100) PATH '$[6]', dept VARCHAR(100) PATH '$[7]',"
	" flag VARCHAR(4) PATH '$[8]', canc VARCHAR(4) PATH '$[9]',"
	" cd VARCHAR(30) PATH '$[10]', occ VARCHAR(30) PATH '$[11]',"
	" mts VARCHAR(30) PATH '$[12]', status VARCHAR(16) PATH '$[13]',"
	" sha VARCHAR(64) PATH '$[14]', title VARCHAR(1000) PATH '$[15]',"
	" summary TEXT PATH '$[16]', rawfmt VARCHAR(1) PATH '$[17]',"
	" raw LONGTEXT PATH '$[18]')) j" JT_FILE,
[STMT_LAB_ROWS] =
	"INSERT INTO record_lab (record_id, link_id, seq, code, code_system,"
	" name, value_type, value, value_num, unit, range_low, range_high,"
	" range_text, flag, result_status, observed_at) SELECT r.id, r.link_id,"
	" j.seq, j.code, j.sys, j.name, j.vt, j.val, j.num, j.unit, j.lo, j.hi,"
	" j.rng, j.flag, j.st, j.obs FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$.rel', NESTED PATH '$.rows[*]' COLUMNS ("
	" seq INT PATH '$[0]', code VARCHAR(1000) PATH '$[1]',"
	" sys VARCHAR(1000) PATH '$[2]', name VARCHAR(1000) PATH '$[3]',"
	" vt VARCHAR(1000) PATH '$[4]', val VARCHAR(1000) PATH '$[5]',"
	" num VARCHAR(1000) PATH '$[6]', unit VARCHAR(1000) PATH '$[7]',"
	" lo VARCHAR(1000) PATH '$[8]', hi VARCHAR(1000) PATH '$[9]',"
	" rng VARCHAR(1000) PATH '$[10]', flag VARCHAR(1000) PATH '$[11]',"
	" st VARCHAR(1000) PATH '$[12]', obs VARCHAR(1000) PATH '$[13]'))) j"
	JT_FILE " STRAIGHT_JOIN record r ON r.file_id = f.id",
[STMT_MED_ROWS] =
	"INSERT INTO record_med (record_id, link_id, seq, rp, drug_code,"
	" code_system, drug_name, dose, unit, dosage_form, route, frequency, days,"
	" total, given_at) SELECT r.id, r.link_id, j.seq, j.rp, j.code, j.sys,"
	" j.name, j.dose, j.unit, j.form, j.route, j.freq, j.days, j.total,"
	" j.given FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL " PATH '$.rel',"
	" NESTED PATH '$.rows[*]' COLUMNS (seq INT PATH '$[0]',"
	" rp VARCHAR(1000) PATH '$[1]', code VARCHAR(1000) PATH '$[2]',"
	" sys VARCHAR(1000) PATH '$[3]', name VARCHAR(1000) PATH '$[4]',"
	" dose VARCHAR(1000) PATH '$[5]', unit VARCHAR(1000) PATH '$[6]',"
	" form VARCHAR(1000) PATH '$[7]', route VARCHAR(1000) PATH '$[8]',"
	" freq VARCHAR(1000) PATH '$[9]', days VARCHAR(1000) PATH '$[10]',"
	" total VARCHAR(1000) PATH '$[11]', given VARCHAR(1000) PATH '$[12]')))"
	" j" JT_FILE " STRAIGHT_JOIN record r ON r.file_id = f.id",
[STMT_ALLERGY_INSERT] =
	"INSERT INTO record_allergy (record_id, link_id, seq, allergy_type, code,"
	" name, severity, reaction, onset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
[STMT_PROBLEM_INSERT] =
	"INSERT INTO record_problem (record_id, link_id, seq, code, code_system,"
	" name, onset, resolved, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
[STMT_DOCUMENT_INSERT] =
	"INSERT INTO document (facility_id, link_id, file_id, care_date, category,"
	" title, content_type, size, sha256, data, source_path, imported_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
/* The operator's page; times in Japan time. No patient names here. */
[STMT_IMPORTS_FACILITIES] =
	"SELECT f.id, f.code, f.name, s.root_dir, s.enabled,"
	" (SELECT DATE_FORMAT(MAX(a.imported_at) + INTERVAL 9 HOUR,"
	"  '%Y-%m-%d %H:%i') FROM import_file a WHERE a.facility_id = f.id"
	"  AND a.status = 'imported'),"
	" DATE_FORMAT(r.started_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" DATE_FORMAT(r.finished_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" r.status, r.files_total, r.files_done, r.imported, r.unchanged,"
	" r.quarantined, r.failed, r.last_error, r.removed,"
	" (SELECT COUNT(*) FROM import_file q WHERE q.facility_id = f.id"
	"  AND q.status = 'quarantined')"
	" FROM facility f LEFT JOIN facility_ssmix2 s ON s.facility_id = f.id"
	" LEFT JOIN import_run r ON r.id = (SELECT MAX(x.id) FROM import_run x"
	"  WHERE x.facility_id = f.id)"
	" WHERE s.facility_id IS NOT NULL OR r.id IS NOT NULL"
	" ORDER BY f.code LIMIT 1000",
[STMT_IMPORTS_QUARANTINE] =
	"SELECT f.code, q.tree, q.rel_path, q.reason, q.detail, q.data_type,"
	" DATE_FORMAT(q.imported_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s')"
	" FROM import_file q JOIN facility f ON f.id = q.facility_id"
	" WHERE q.status = 'quarantined' AND (? = 0 OR q.facility_id = ?)"
	" ORDER BY q.imported_at DESC, q.id DESC LIMIT 500",
[STMT_MISUSE_RULES] =
	"SELECT code, enabled, threshold, window_minutes, param1, param2, version"
	" FROM misuse_rule ORDER BY code",
[STMT_MISUSE_RULE_UPDATE] =
	"UPDATE misuse_rule SET enabled = ?, threshold = ?, window_minutes = ?,"
	" param1 = ?, param2 = ?, updated_at = UTC_TIMESTAMP(6), updated_by = ?,"
	" version = version + 1 WHERE code = ? AND version = ?",
/* Each rule: user, facility, hits (and what the key needs) since a time. */
[STMT_MISUSE_MANY] =
	"SELECT user_id, MAX(facility_id), COUNT(DISTINCT patient_id) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'allowed'"
	" GROUP BY user_id HAVING COUNT(DISTINCT patient_id) > ?",
/* Night hours as a bit mask over Japan-time hours 0-23. */
[STMT_MISUSE_NIGHT] =
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'allowed'"
	" AND ((? >> HOUR(ts + INTERVAL 9 HOUR)) & 1) = 1"
	" GROUP BY user_id HAVING COUNT(*) >= ?",
[STMT_MISUSE_SURNAME] =
	"SELECT a.user_id, MAX(a.facility_id), COUNT(*), a.patient_id FROM audit a"
	" JOIN users u ON u.id = a.user_id JOIN patient p ON p.id = a.patient_id"
	" WHERE a.action = 'record.view' AND a.outcome = 'allowed'"
	" AND a.ts >= FROM_UNIXTIME(?) AND u.address IS NOT NULL AND p.address IS NOT NULL"
	" AND REPLACE(REPLACE(u.address, ' ', ''), '\u3000', '') ="
	"  REPLACE(REPLACE(p.address, ' ', ''), '\u3000', '')"
	" AND SUBSTRING_INDEX(REPLACE(u.name, '\u3000', ' '), ' ', 1) ="
	"  SUBSTRING_INDEX(REPLACE(p.name, '\u3000', ' '), ' ', 1)"
	" GROUP BY a.user_id, a.patient_id HAVING COUNT(*) >= ?",
[STMT_MISUSE_REFUSED] =
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'denied'"
	" GROUP BY user_id HAVING COUNT(*) >= ?",
[STMT_MISUSE_EMERGENCY_LATE] =
	"SELECT user_id, facility_id, 1, id FROM emergency_access"
	" WHERE followup_status = 'open' AND followup_due < FROM_UNIXTIME(?)"
	" AND ? > 0",
/*
 * A form 4 a user registered, then that user's views of the patient's
 * records allowed by consent within ? minutes of it (A12.4: the
 * registering facility sees at once; the disclosing facilities want to
 * know it was care, not curiosity). Keyed by the consent.
 */
[STMT_MISUSE_CONSENT_SELF] =
	"SELECT c.registered_by, MAX(a.facility_id), COUNT(*), c.id FROM consent c"
	" JOIN audit a ON a.patient_id = c.patient_id AND a.user_id = c.registered_by"
	" AND a.ts >= c.registered_at AND a.ts < c.registered_at + INTERVAL ? MINUTE"
	" WHERE c.registered_at >= FROM_UNIXTIME(?) AND a.action = 'record.view'"
	" AND a.outcome = 'allowed' AND a.detail LIKE 'consent %'"
	" GROUP BY c.id, c.registered_by HAVING COUNT(*) >= ?",
[STMT_MISUSE_PRINTS] =
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.print' AND outcome = 'allowed' AND user_id IS NOT NULL"
	" AND ts >= FROM_UNIXTIME(?) GROUP BY user_id HAVING COUNT(*) > ?",
[STMT_MISUSE_ALERT_INSERT] =
	"INSERT IGNORE INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits,"
	" detail, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
[STMT_MISUSE_ALERTS] =
	"SELECT a.id, a.rule, a.user_id, u.name, u.login, f.name, a.hits, a.detail,"
	" UNIX_TIMESTAMP(a.created_at), a.status, a.decision_note, a.version,"
	" (SELECT COUNT(*) FROM misuse_alert x WHERE x.user_id = a.user_id"
	"  AND x.status = 'guidance'),"
	" (SELECT COUNT(*) FROM misuse_alert x WHERE x.user_id = a.user_id"
	"  AND x.status = 'warning'), u.status"
	" FROM misuse_alert a JOIN users u ON u.id = a.user_id"
	" JOIN facility f ON f.id = a.facility_id"
	" WHERE (? = 0 OR a.facility_id = ?) AND (? = '' OR a.status = ?)"
	" ORDER BY a.status = 'open' DESC, a.created_at DESC, a.id DESC LIMIT 500",
[STMT_MISUSE_ALERT_GET] =
	"SELECT id, user_id, facility_id, status, version, rule FROM misuse_alert WHERE id = ?",
[STMT_MISUSE_DECIDE] =
	"UPDATE misuse_alert SET status = ?, decided_by = ?, decided_at = UTC_TIMESTAMP(6),"
	" decision_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'open'",
[STMT_MISUSE_LADDER] =
	"SELECT COALESCE(SUM(status = 'guidance'), 0), COALESCE(SUM(status = 'warning'), 0)"
	" FROM misuse_alert WHERE user_id = ?",
[STMT_MISUSE_REPORT_BY_IDEM] =
	"SELECT id FROM misuse_report WHERE idem = ?",
[STMT_MISUSE_REPORT_INSERT] =
	"INSERT INTO misuse_report (user_id, propose_revocation, summary, created_at,"
	" created_by, idem) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?)",
[STMT_MISUSE_REPORTS] =
	"SELECT r.id, u.name, u.login, f.name, r.propose_revocation, r.summary,"
	" UNIX_TIMESTAMP(r.created_at), c.name, UNIX_TIMESTAMP(r.acknowledged_at),"
	" r.ack_note, r.version, r.user_id, u.status FROM misuse_report r"
	" JOIN users u ON u.id = r.user_id JOIN facility f ON f.id = u.facility_id"
	" JOIN users c ON c.id = r.created_by"
	" ORDER BY r.acknowledged_at IS NULL DESC, r.created_at DESC LIMIT 500",
[STMT_MISUSE_REPORT_ACK] =
	"UPDATE misuse_report SET acknowledged_at = UTC_TIMESTAMP(6), acknowledged_by = ?,"
	" ack_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND acknowledged_at IS NULL",
[STMT_USER_SET_ADDRESS] =
	"UPDATE users SET address = NULLIF(?, '') WHERE login = ?",
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
/*
 * The lowest unsealed id: the first NULL entry of audit_seq, whose entries
 * InnoDB keeps in (seq, id) order. MIN(id) and ORDER BY id both read every
 * unsealed entry (4 million here), and "seq IS NULL ORDER BY id" alone
 * walked the primary key from the first entry ever, past every sealed one
 * (0.5 s a batch with 1.7 million sealed: issue 9).
 */
[STMT_AUDIT_UNSEALED_LOW] =
	"SELECT id FROM audit FORCE INDEX (audit_seq) WHERE seq IS NULL LIMIT 1",
[STMT_AUDIT_UNSEALED] =
	"SELECT " AUDIT_CHAIN_COLS " FROM audit WHERE seq IS NULL AND id >= ?"
	" ORDER BY id LIMIT ?",
/*
 * A batch's seals: a JSON array of [id, seq, hash]; only unsealed rows.
 * The array first, each row then by its id: joined the other way MariaDB
 * walks every unsealed row (audit_seq on NULL), a million under load, and
 * waits on the locks of rows still being committed.
 */
[STMT_AUDIT_SEAL_ROWS] =
	"UPDATE JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$[0]',"
	" seq BIGINT PATH '$[1]', hash CHAR(64) PATH '$[2]')) j"
	" STRAIGHT_JOIN audit a ON a.id = j.id"
	" SET a.seq = j.seq, a.hash = j.hash WHERE a.seq IS NULL",
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
/* A16: notices; audience: every active user, or one facility's. */
#define NOTICE_AUDIENCE(n, u) \
	"(" n ".facility_id IS NULL OR " n ".facility_id = " u ".facility_id)"
[STMT_NOTICE_INSERT] =
	"INSERT INTO notice (kind, title, body, effective_on, facility_id,"
	" created_by, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?,"
	" FROM_UNIXTIME(?))",
[STMT_NOTICE_LIST] =
	"SELECT n.id, n.kind, n.title, n.effective_on, f.name, n.status,"
	" n.emergency, UNIX_TIMESTAMP(n.published_at), UNIX_TIMESTAMP(n.approved_at),"
	" (SELECT COUNT(*) FROM users u WHERE u.status = 'active' AND "
	NOTICE_AUDIENCE("n", "u") "),"
	" (SELECT COUNT(*) FROM notice_ack a JOIN users u ON u.id = a.user_id"
	"  WHERE a.notice_id = n.id AND u.status = 'active' AND "
	NOTICE_AUDIENCE("n", "u") "),"
	" n.version, f.in_region, n.effective_on <= ?"
	" FROM notice n LEFT JOIN facility f ON f.id = n.facility_id"
	" ORDER BY n.status = 'published', COALESCE(n.published_at, n.created_at) DESC"
	" LIMIT 500",
[STMT_NOTICE_MINE] =
	"SELECT n.id, n.kind, n.title, n.effective_on, n.body, n.emergency,"
	" UNIX_TIMESTAMP(n.published_at), UNIX_TIMESTAMP(a.acked_at)"
	" FROM notice n JOIN users u ON u.id = ?"
	" LEFT JOIN notice_ack a ON a.notice_id = n.id AND a.user_id = u.id"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" ORDER BY n.published_at DESC LIMIT 200",
[STMT_NOTICE_GET] =
	"SELECT n.id, n.kind, n.title, n.body, n.effective_on, n.facility_id,"
	" f.name, n.status, n.emergency, cu.name, UNIX_TIMESTAMP(n.created_at),"
	" au.name, UNIX_TIMESTAMP(n.approved_at), n.approval_note, pu.name,"
	" UNIX_TIMESTAMP(n.published_at), n.version, f.in_region, n.effective_on <= ?"
	" FROM notice n LEFT JOIN facility f ON f.id = n.facility_id"
	" JOIN users cu ON cu.id = n.created_by"
	" LEFT JOIN users au ON au.id = n.approved_by"
	" LEFT JOIN users pu ON pu.id = n.published_by WHERE n.id = ?",
[STMT_NOTICE_APPROVE] =
	"UPDATE notice SET approved_by = ?, approved_at = FROM_UNIXTIME(?),"
	" approval_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft' AND approved_at IS NULL",
[STMT_NOTICE_PUBLISH] =
	"UPDATE notice SET status = 'published', emergency = ?, published_by = ?,"
	" published_at = FROM_UNIXTIME(?), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft'"
	" AND (? = 0 OR approved_at IS NOT NULL)",
/* Published before this login (?) and not yet acknowledged by the user. */
[STMT_NOTICE_PENDING] =
	"SELECT n.id, n.kind, n.title, n.body, n.effective_on, n.emergency,"
	" UNIX_TIMESTAMP(n.published_at) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" AND n.published_at <= FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1"
	" FROM notice_ack a WHERE a.notice_id = n.id AND a.user_id = u.id)"
	" ORDER BY n.published_at LIMIT 100",
/*
 * What every request needs before its handler, in one round trip (issue 9):
 * the certificate's row (CTX_CERT), the session named by the cookie with
 * its user (CTX_SESS; NULLs without one) and whether it has notices left
 * to acknowledge, and the running or next announced maintenance window
 * (CTX_MAINT). Parameters: now, serial, token hash, now x3. MariaDB plans
 * every execution of a prepared statement: derived tables and subqueries
 * cost more to plan than to run here, hence the window by its id.
 */
[STMT_REQ_CONTEXT] =
	"SELECT c.id, c.user_id, c.status, c.not_before, c.not_after,"
	" s.id, s.user_id, s.cert_serial, s.csrf, s.created_at,"
	" s.last_seen, s.locked, s.ended_at, u.login, u.name, u.status,"
	" u.facility_id, f.name, u.must_change_pw, s.return_to,"
	" (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r"
	"  WHERE r.user_id = u.id), u.profession, u.ends_on, s.notices_clear,"
	" m.id, m.kind, m.title, UNIX_TIMESTAMP(m.starts_at),"
	" COALESCE(UNIX_TIMESTAMP(m.ends_at), 0), m.starts_at <= FROM_UNIXTIME(?)"
	" FROM (SELECT 1) d"
	" LEFT JOIN cert c ON c.serial = ?"
	" LEFT JOIN (session s JOIN users u ON u.id = s.user_id"
	"  JOIN facility f ON f.id = u.facility_id) ON s.token_hash = ?"
	" LEFT JOIN maintenance m ON m.id = (SELECT id FROM maintenance"
	"  WHERE cancelled_at IS NULL AND announce_from <= FROM_UNIXTIME(?)"
	"  AND (ends_at IS NULL OR ends_at > FROM_UNIXTIME(?))"
	"  ORDER BY starts_at <= FROM_UNIXTIME(?) DESC, starts_at LIMIT 1)",
/* A16: what the session must still acknowledge (until none is left). */
[STMT_NOTICE_PENDING_COUNT] =
	"SELECT COUNT(*) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" AND n.published_at <= FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1"
	" FROM notice_ack a WHERE a.notice_id = n.id AND a.user_id = u.id)",
[STMT_NOTICE_ACK] =
	"INSERT IGNORE INTO notice_ack (notice_id, user_id, acked_at)"
	" SELECT n.id, u.id, FROM_UNIXTIME(?) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.id = ? AND n.status = 'published' AND " NOTICE_AUDIENCE("n", "u"),
/* Everyone the notice is for (and anyone who acknowledged it), unacknowledged first. */
[STMT_NOTICE_ACKS] =
	"SELECT u.login, u.name, f.name, f.in_region, UNIX_TIMESTAMP(a.acked_at),"
	" u.status FROM notice n JOIN users u ON " NOTICE_AUDIENCE("n", "u")
	" JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN notice_ack a ON a.notice_id = n.id AND a.user_id = u.id"
	" WHERE n.id = ? AND (u.status = 'active' OR a.user_id IS NOT NULL)"
	" ORDER BY a.acked_at IS NOT NULL, f.code, u.login LIMIT 20000",
[STMT_NOTICE_FACILITIES] =
	"SELECT id, code, name, in_region FROM facility WHERE status = 'active'"
	" ORDER BY code LIMIT 1000",
#undef NOTICE_AUDIENCE
/* A17: messages to a user or to a facility's users. */
[STMT_MESSAGE_BY_IDEM] =
	"SELECT id FROM message WHERE idem = ?",
[STMT_MESSAGE_INSERT] =
	"INSERT INTO message (sender_id, sender_facility_id, to_user_id,"
	" to_facility_id, subject, body, patient_id, sent_at, idem)"
	" VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0),"
	" FROM_UNIXTIME(?), ?)",
[STMT_MESSAGE_INBOX] =
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), su.name, sf.name, sf.in_region,"
	" m.subject, m.deleted_at IS NOT NULL, r.read_at IS NOT NULL,"
	" m.to_facility_id IS NOT NULL, m.patient_id IS NOT NULL"
	" FROM message m JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" LEFT JOIN message_read r ON r.message_id = m.id AND r.user_id = ?"
	" WHERE m.to_user_id = ? OR m.to_facility_id = ?"
	" ORDER BY m.sent_at DESC, m.id DESC LIMIT 200",
[STMT_MESSAGE_OUTBOX] =
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), COALESCE(tu.name, tf.name),"
	" COALESCE(tuf.name, ''), COALESCE(tf.in_region, tuf.in_region),"
	" m.subject, m.deleted_at IS NOT NULL, m.to_facility_id IS NOT NULL,"
	" m.patient_id IS NOT NULL"
	" FROM message m LEFT JOIN users tu ON tu.id = m.to_user_id"
	" LEFT JOIN facility tuf ON tuf.id = tu.facility_id"
	" LEFT JOIN facility tf ON tf.id = m.to_facility_id"
	" WHERE m.sender_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT 200",
[STMT_MESSAGE_GET] =
	"SELECT m.id, m.sender_id, su.name, sf.name, sf.in_region, m.to_user_id,"
	" tu.name, tuf.name, tuf.in_region, m.to_facility_id, tf.name, tf.in_region,"
	" m.subject, m.body, m.patient_id, UNIX_TIMESTAMP(m.sent_at),"
	" UNIX_TIMESTAMP(m.deleted_at), du.name, m.delete_reason, m.version,"
	" tu.facility_id, (SELECT COUNT(*) FROM message_report x"
	"  WHERE x.message_id = m.id)"
	" FROM message m JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" LEFT JOIN users tu ON tu.id = m.to_user_id"
	" LEFT JOIN facility tuf ON tuf.id = tu.facility_id"
	" LEFT JOIN facility tf ON tf.id = m.to_facility_id"
	" LEFT JOIN users du ON du.id = m.deleted_by WHERE m.id = ?",
[STMT_MESSAGE_READ] =
	"INSERT IGNORE INTO message_read (message_id, user_id, read_at)"
	" VALUES (?, ?, FROM_UNIXTIME(?))",
[STMT_MESSAGE_UNREAD] =
	"SELECT COUNT(*) FROM message m LEFT JOIN message_read r"
	" ON r.message_id = m.id AND r.user_id = ?"
	" WHERE (m.to_user_id = ? OR m.to_facility_id = ?) AND r.read_at IS NULL"
	" AND m.sender_id <> ?",
[STMT_MESSAGE_REPORT_INSERT] =
	"INSERT INTO message_report (message_id, reporter_id, reason, reported_at)"
	" VALUES (?, ?, ?, FROM_UNIXTIME(?))",
[STMT_MESSAGE_REPORTS] =
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), su.name, sf.name, sf.in_region,"
	" m.subject, m.deleted_at IS NOT NULL, COUNT(x.id),"
	" UNIX_TIMESTAMP(MAX(x.reported_at))"
	" FROM message_report x JOIN message m ON m.id = x.message_id"
	" JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" GROUP BY m.id ORDER BY m.deleted_at IS NOT NULL, MAX(x.reported_at) DESC"
	" LIMIT 500",
[STMT_MESSAGE_REPORTS_OF] =
	"SELECT x.id, UNIX_TIMESTAMP(x.reported_at), u.name, f.name, x.reason,"
	" x.reporter_id FROM message_report x JOIN users u ON u.id = x.reporter_id"
	" JOIN facility f ON f.id = u.facility_id WHERE x.message_id = ?"
	" ORDER BY x.id",
/* A17: the content goes; the fact, who, when and why stay. */
[STMT_MESSAGE_DELETE] =
	"UPDATE message SET subject = NULL, body = NULL, patient_id = NULL,"
	" deleted_at = FROM_UNIXTIME(?), deleted_by = ?, delete_reason = ?,"
	" version = version + 1"
	" WHERE id = ? AND version = ? AND deleted_at IS NULL",
[STMT_MESSAGE_RECIPIENT] =
	"SELECT u.id, u.name, f.name, f.in_region FROM users u"
	" JOIN facility f ON f.id = u.facility_id"
	" WHERE u.login = ? AND u.status = 'active'",
/* A18: agreements with other regional networks. */
[STMT_AGREEMENT_INSERT] =
	"INSERT INTO agreement (partner, signed_on, note, created_by, created_at)"
	" VALUES (?, NULLIF(?, ''), NULLIF(?, ''), ?, FROM_UNIXTIME(?))",
[STMT_AGREEMENT_LIST] =
	"SELECT a.id, a.partner, a.signed_on, a.status, (SELECT COUNT(*)"
	" FROM agreement_point p WHERE p.agreement_id = a.id"
	" AND p.removed_at IS NULL), a.version FROM agreement a"
	" ORDER BY FIELD(a.status, 'active', 'draft', 'ended'), a.id DESC LIMIT 500",
[STMT_AGREEMENT_GET] =
	"SELECT a.id, a.partner, a.signed_on, a.status, a.note, cu.name,"
	" UNIX_TIMESTAMP(a.created_at), uu.name, UNIX_TIMESTAMP(a.updated_at),"
	" a.version, (SELECT COUNT(*) FROM agreement_point p"
	"  WHERE p.agreement_id = a.id AND p.removed_at IS NULL)"
	" FROM agreement a JOIN users cu ON cu.id = a.created_by"
	" LEFT JOIN users uu ON uu.id = a.updated_by WHERE a.id = ?",
[STMT_AGREEMENT_UPDATE] =
	"UPDATE agreement SET partner = ?, signed_on = NULLIF(?, ''), status = ?,"
	" note = NULLIF(?, ''), updated_by = ?, updated_at = FROM_UNIXTIME(?),"
	" version = version + 1 WHERE id = ? AND version = ?",
[STMT_AGREEMENT_TOUCH] =
	"UPDATE agreement SET updated_by = ?, updated_at = FROM_UNIXTIME(?),"
	" version = version + 1 WHERE id = ? AND version = ? AND status <> 'ended'",
[STMT_AGREEMENT_POINTS] =
	"SELECT p.id, p.topic, p.ours, p.theirs, UNIX_TIMESTAMP(p.added_at),"
	" au.name, UNIX_TIMESTAMP(p.removed_at), ru.name FROM agreement_point p"
	" JOIN users au ON au.id = p.added_by LEFT JOIN users ru ON ru.id = p.removed_by"
	" WHERE p.agreement_id = ? ORDER BY p.removed_at IS NOT NULL, p.id",
[STMT_AGREEMENT_POINT_ADD] =
	"INSERT INTO agreement_point (agreement_id, topic, ours, theirs, added_by,"
	" added_at) VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))",
[STMT_AGREEMENT_POINT_REMOVE] =
	"UPDATE agreement_point SET removed_by = ?, removed_at = FROM_UNIXTIME(?)"
	" WHERE id = ? AND agreement_id = ? AND removed_at IS NULL",
/* A18.3: every facility, out-of-region clinics marked. */
[STMT_FACILITY_LIST] =
	"SELECT f.id, f.code, f.name, f.kind, f.in_region, f.status, f.disclosing,"
	" f.viewing, f.version, (SELECT COUNT(*) FROM users u"
	"  WHERE u.facility_id = f.id AND u.status = 'active')"
	" FROM facility f ORDER BY f.in_region, f.code LIMIT 2000",
[STMT_FACILITY_SET_REGION] =
	"UPDATE facility SET in_region = ?, version = version + 1"
	" WHERE id = ? AND version = ?",
#undef AUDIT_CHAIN_COLS
/* The running window (if any) first, then the next announced one. */
[STMT_MAINT_LIST] =
	"SELECT m.id, m.kind, m.title, UNIX_TIMESTAMP(m.starts_at),"
	" COALESCE(UNIX_TIMESTAMP(m.ends_at), 0), UNIX_TIMESTAMP(m.announce_from),"
	" UNIX_TIMESTAMP(m.cancelled_at), u.name, m.version FROM maintenance m"
	" LEFT JOIN users u ON u.id = m.created_by"
	" ORDER BY m.starts_at DESC LIMIT 200",
[STMT_MAINT_INSERT] =
	"INSERT INTO maintenance (kind, title, starts_at, ends_at, announce_from,"
	" created_at, created_by) VALUES (?, ?, FROM_UNIXTIME(?), IF(? = 0, NULL,"
	" FROM_UNIXTIME(?)), FROM_UNIXTIME(?), UTC_TIMESTAMP(6), NULLIF(?, 0))",
[STMT_MAINT_CANCEL] =
	"UPDATE maintenance SET cancelled_at = UTC_TIMESTAMP(6), cancelled_by = NULLIF(?, 0),"
	" version = version + 1 WHERE id = ? AND version = ? AND cancelled_at IS NULL",
/* Switching unplanned maintenance off ends every open one now. */
[STMT_MAINT_END_UNPLANNED] =
	"UPDATE maintenance SET ends_at = FROM_UNIXTIME(?), version = version + 1"
	" WHERE kind = 'unplanned' AND ends_at IS NULL AND cancelled_at IS NULL",
/*
 * The council dashboard. Months and days are in Japan: a bound "YYYY-MM-01
 * 00:00:00" or "YYYY-MM-DD" minus 9 hours is the UTC instant, so ranges on
 * ts stay index ranges. Record views are the aggregate (0015) plus the
 * audit rows after done_id, counted live.
 */
#define DASH_VIEW_ROWS " a.action = 'record.view' AND a.outcome = 'allowed'"
[STMT_DASH_STATE] =
	"SELECT done_id, seen_id FROM dash_state WHERE id = 1",
[STMT_DASH_ADD_MONTH] =
	"INSERT INTO dash_view_month (month, facility_id, profession, views)"
	" SELECT DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m'), COALESCE(a.facility_id, 0),"
	" COALESCE(u.profession, ''), COUNT(*) FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.id > ? AND a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1, 2, 3"
	" ON DUPLICATE KEY UPDATE views = dash_view_month.views + VALUES(views)",
[STMT_DASH_ADD_DAY] =
	"INSERT INTO dash_view_day (day, facility_id, views)"
	" SELECT DATE(a.ts + INTERVAL 9 HOUR), COALESCE(a.facility_id, 0), COUNT(*)"
	" FROM audit a WHERE a.id > ? AND a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1, 2"
	" ON DUPLICATE KEY UPDATE views = dash_view_day.views + VALUES(views)",
[STMT_DASH_DONE] =
	"UPDATE dash_state SET done_id = ? WHERE id = 1 AND done_id = ?",
[STMT_DASH_SEEN] =
	"UPDATE dash_state SET seen_id = GREATEST(done_id, (SELECT COALESCE(MAX(id), 0)"
	" FROM audit)), refreshed_at = UTC_TIMESTAMP(6) WHERE id = 1",
[STMT_DASH_CLEAR_MONTH] =
	"DELETE FROM dash_view_month",
[STMT_DASH_CLEAR_DAY] =
	"DELETE FROM dash_view_day",
[STMT_DASH_RESET] =
	"UPDATE dash_state SET done_id = 0 WHERE id = 1",
[STMT_DASH_DONE_ID] =
	"SELECT done_id, DATE_FORMAT(refreshed_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i')"
	" FROM dash_state WHERE id = 1",
/* month, facility id, facility name, in region, profession, its name, views */
[STMT_DASH_VIEWS] =
	"SELECT x.month, x.facility_id, COALESCE(f.name, ''), COALESCE(f.in_region, 1),"
	" x.profession, COALESCE(p.name, ''), SUM(x.n) FROM ("
	"  SELECT month, facility_id, profession, views AS n FROM dash_view_month"
	"  WHERE month >= ? AND month <= ?"
	"  UNION ALL"
	"  SELECT DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m'), COALESCE(a.facility_id, 0),"
	"  COALESCE(u.profession, ''), COUNT(*) FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	"  WHERE a.id > ? AND" DASH_VIEW_ROWS
	"  AND a.ts >= ? - INTERVAL 9 HOUR AND a.ts < ? - INTERVAL 9 HOUR GROUP BY 1, 2, 3"
	" ) x LEFT JOIN facility f ON f.id = x.facility_id"
	" LEFT JOIN profession p ON p.code = x.profession"
	" GROUP BY x.month, x.facility_id, x.profession",
/*
 * Each active facility's use in a window of days: id, name, kind, in region,
 * disclosing, viewing, active users, views, last day of use, consents taken.
 */
[STMT_DASH_USE] =
	"SELECT f.id, f.name, f.kind, f.in_region, f.disclosing, f.viewing,"
	" (SELECT COUNT(*) FROM users u WHERE u.facility_id = f.id AND u.status = 'active'),"
	" COALESCE(v.n, 0), COALESCE(DATE_FORMAT(v.last, '%Y-%m-%d'), ''), COALESCE(cs.n, 0)"
	" FROM facility f LEFT JOIN ("
	"  SELECT facility_id, COUNT(*) AS n FROM consent"
	"  WHERE registered_at >= ? - INTERVAL 9 HOUR AND registered_at < ? - INTERVAL 9 HOUR"
	"  GROUP BY facility_id"
	" ) cs ON cs.facility_id = f.id LEFT JOIN ("
	"  SELECT facility_id, SUM(n) AS n, MAX(last) AS last FROM ("
	"   SELECT facility_id, views AS n, day AS last FROM dash_view_day"
	"   WHERE day >= ? AND day < ?"
	"   UNION ALL"
	"   SELECT COALESCE(a.facility_id, 0), COUNT(*), DATE(MAX(a.ts) + INTERVAL 9 HOUR)"
	"   FROM audit a WHERE a.id > ? AND" DASH_VIEW_ROWS
	"   AND a.ts >= ? - INTERVAL 9 HOUR AND a.ts < ? - INTERVAL 9 HOUR GROUP BY 1"
	"  ) y GROUP BY facility_id"
	" ) v ON v.facility_id = f.id"
	" WHERE f.status = 'active' ORDER BY COALESCE(v.n, 0), f.in_region DESC, f.name, f.id",
/* kind, in region, out of region, disclosing, viewing, all (active facilities) */
[STMT_DASH_FACILITIES] =
	"SELECT kind, SUM(in_region <> 0), SUM(in_region = 0), SUM(disclosing <> 0),"
	" SUM(viewing <> 0), COUNT(*) FROM facility WHERE status = 'active'"
	" GROUP BY kind ORDER BY kind",
/* profession, its name, in region, out of region, all: active users with an ID to view */
[STMT_DASH_USERS] =
	"SELECT COALESCE(u.profession, ''), COALESCE(MIN(p.name), ''), SUM(f.in_region <> 0),"
	" SUM(f.in_region = 0), COUNT(*) FROM users u JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN profession p ON p.code = u.profession"
	" WHERE u.status = 'active' AND f.status = 'active' AND EXISTS (SELECT 1 FROM user_role r"
	"  WHERE r.user_id = u.id AND r.role IN ('user', 'facility_manager'))"
	" GROUP BY 1 ORDER BY MIN(COALESCE(p.sort, 9999)), 1",
/* month, registered, found void, revoked */
[STMT_DASH_CONSENTS] =
	"SELECT m, SUM(reg), SUM(void), SUM(rev) FROM ("
	" SELECT DATE_FORMAT(registered_at + INTERVAL 9 HOUR, '%Y-%m') AS m, 1 AS reg,"
	" status = 'rejected' AS void, 0 AS rev FROM consent"
	" WHERE registered_at >= ? - INTERVAL 9 HOUR AND registered_at < ? - INTERVAL 9 HOUR"
	" UNION ALL"
	" SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 0, 0, 1 FROM consent_revocation"
	" WHERE received_at >= ? - INTERVAL 9 HOUR AND received_at < ? - INTERVAL 9 HOUR"
	") x GROUP BY m",
/* month, all, pending, appropriate, improper, follow-up open, consented, cannot */
[STMT_DASH_EMERGENCY] =
	"SELECT DATE_FORMAT(started_at + INTERVAL 9 HOUR, '%Y-%m'), COUNT(*),"
	" SUM(review_status = 'pending'), SUM(review_status = 'appropriate'),"
	" SUM(review_status = 'improper'), SUM(followup_status = 'open'),"
	" SUM(followup_status = 'consented'), SUM(followup_status = 'cannot')"
	" FROM emergency_access"
	" WHERE started_at >= ? - INTERVAL 9 HOUR AND started_at < ? - INTERVAL 9 HOUR"
	" GROUP BY 1",
/* rule, all, open, dismissed, guidance, warning: every rule, even without alerts */
[STMT_DASH_MISUSE] =
	"SELECT r.code, COUNT(a.id), COALESCE(SUM(a.status = 'open'), 0),"
	" COALESCE(SUM(a.status = 'dismissed'), 0), COALESCE(SUM(a.status = 'guidance'), 0),"
	" COALESCE(SUM(a.status = 'warning'), 0) FROM misuse_rule r"
	" LEFT JOIN misuse_alert a ON a.rule = r.code"
	" AND a.created_at >= ? - INTERVAL 9 HOUR AND a.created_at < ? - INTERVAL 9 HOUR"
	" GROUP BY r.code ORDER BY r.code",
/* month received, seconds to the answer, to closing (NULL: not yet), open, overdue */
[STMT_DASH_COMPLAINTS] =
	"SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'),"
	" TIMESTAMPDIFF(SECOND, received_at, answered_at),"
	" TIMESTAMPDIFF(SECOND, received_at, closed_at),"
	" status IN ('received', 'investigating'),"
	" status IN ('received', 'investigating') AND due_on < ?"
	" FROM complaint"
	" WHERE received_at >= ? - INTERVAL 9 HOUR AND received_at < ? - INTERVAL 9 HOUR"
	" ORDER BY received_at LIMIT 100000",
#undef DASH_VIEW_ROWS

/*
 * Monitoring inside a facility (A6.2): the accesses to patient data made
 * under this facility (audit.facility_id is the viewer's facility at the
 * time), newest first; every filter is "? is empty or it matches". Dates
 * are Japan dates: a day starts at 15:00 UTC the day before.
 */
[STMT_MONITOR_ACCESS] =
	"SELECT a.id, DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" a.user_id, u.name, u.login, a.action, a.patient_id, p.network_id,"
	" p.name, a.purpose, a.outcome, a.detail FROM audit a"
	" LEFT JOIN users u ON u.id = a.user_id"
	" LEFT JOIN patient p ON p.id = a.patient_id"
	" WHERE a.facility_id = ? AND a.patient_access = 1"
	" AND (? = 0 OR a.user_id = ?) AND (? = 0 OR a.patient_id = ?)"
	" AND (? IS NULL OR a.ts >= CAST(? AS DATE) - INTERVAL 9 HOUR)"
	" AND (? IS NULL OR a.ts < CAST(? AS DATE) + INTERVAL 15 HOUR)"
	" AND (? IS NULL OR a.purpose = ?)"
	" AND (? = 0 OR a.purpose = 'emergency' OR a.action LIKE 'emergency.%')"
	" AND (? IS NULL OR a.outcome = ?)"
	/* In audit_facility_access order (facility_id, patient_access, ts,
	 * id), read backwards and stopped at the page: only accesses are
	 * read (migration 0021; "ORDER BY id" sorted all of a facility's
	 * entries first, issue 9: 10 million entries). */
	" ORDER BY a.ts DESC, a.id DESC LIMIT ? OFFSET ?",
/* Every user the facility has had: past accesses outlive an account. */
[STMT_MONITOR_USERS] =
	"SELECT id, login, name FROM users WHERE facility_id = ? ORDER BY login",
[STMT_MONITOR_USER_OK] =
	"SELECT COUNT(*) FROM users WHERE id = ? AND facility_id = ?",
/* One entry of the access list, only if it is this facility's. */
[STMT_MONITOR_AUDIT_GET] =
	"SELECT a.id, a.user_id, DATE_FORMAT(a.ts + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i:%s'), a.action, u.name, p.network_id FROM audit a"
	" LEFT JOIN users u ON u.id = a.user_id"
	" LEFT JOIN patient p ON p.id = a.patient_id"
	" WHERE a.id = ? AND a.facility_id = ? AND a.patient_access = 1",
[STMT_MONITOR_PATIENT_BY_NETWORK_ID] =
	"SELECT id FROM patient WHERE network_id = ?",
[STMT_MONITOR_PATIENT_GET] =
	"SELECT network_id, name FROM patient WHERE id = ?",
[STMT_MEASURE_BY_IDEM] =
	"SELECT id FROM corrective_measure WHERE idem = ?",
[STMT_MEASURE_INSERT] =
	"INSERT INTO corrective_measure (facility_id, user_id, audit_id, body,"
	" created_at, created_by, idem) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?)",
[STMT_MEASURE_LIST] =
	"SELECT m.id, DATE_FORMAT(m.created_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), u.name, m.audit_id, m.body, b.name, m.user_id,"
	" DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'), a.action,"
	" p.network_id FROM corrective_measure m"
	" LEFT JOIN users u ON u.id = m.user_id"
	" JOIN users b ON b.id = m.created_by"
	" LEFT JOIN audit a ON a.id = m.audit_id"
	" LEFT JOIN patient p ON p.id = a.patient_id"
	" WHERE m.facility_id = ? ORDER BY m.id DESC LIMIT 500",
[STMT_FREPORT_BY_IDEM] =
	"SELECT id FROM facility_report WHERE idem = ?",
[STMT_FREPORT_INSERT] =
	"INSERT INTO facility_report (facility_id, kind, user_id, audit_id, body,"
	" created_at, created_by, idem) VALUES (?, 'misuse', ?, ?, ?,"
	" UTC_TIMESTAMP(6), ?, ?)",
/* A manager's facility (? = its id) or, for the operator (? = 0), all. */
[STMT_FREPORT_LIST] =
	"SELECT r.id, DATE_FORMAT(r.created_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), f.name, u.name, r.status, b.name, r.kind"
	" FROM facility_report r JOIN facility f ON f.id = r.facility_id"
	" LEFT JOIN users u ON u.id = r.user_id"
	" JOIN users b ON b.id = r.created_by"
	" WHERE (? = 0 OR r.facility_id = ?)"
	" ORDER BY r.status = 'sent' DESC, r.id DESC LIMIT 500",
[STMT_FREPORT_GET] =
	"SELECT r.id, DATE_FORMAT(r.created_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), f.name, u.name, r.status, b.name, r.kind,"
	" r.body, r.audit_id, r.ack_note, DATE_FORMAT(r.ack_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), k.name, r.version, r.facility_id, u.login,"
	" DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'), a.action,"
	" p.network_id, a.purpose, au.name"
	" FROM facility_report r JOIN facility f ON f.id = r.facility_id"
	" LEFT JOIN users u ON u.id = r.user_id"
	" JOIN users b ON b.id = r.created_by"
	" LEFT JOIN users k ON k.id = r.ack_by"
	" LEFT JOIN audit a ON a.id = r.audit_id"
	" LEFT JOIN users au ON au.id = a.user_id"
	" LEFT JOIN patient p ON p.id = a.patient_id WHERE r.id = ?",
[STMT_FREPORT_ACK] =
	"UPDATE facility_report SET status = 'acknowledged', ack_note = ?,"
	" ack_at = UTC_TIMESTAMP(6), ack_by = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'sent'",
[STMT_INCIDENT_BY_IDEM] =
	"SELECT id FROM incident WHERE idem = ?",
[STMT_INCIDENT_INSERT] =
	"INSERT INTO incident (facility_id, reporter_id, kind, occurred_at,"
	" terminal, what, done, reported_at, idem) VALUES (?, ?, ?, ?, ?, ?, ?,"
	" ?, ?)",
[STMT_INCIDENT_STEP_INSERT] =
	"INSERT INTO incident_step (incident_id, at, by_user, from_status,"
	" to_status, note) VALUES (?, ?, ?, ?, ?, ?)",
/*
 * The list a reader may see: the operator (first ? = 1) those forwarded to
 * them, a manager (? = facility) their facility's, a user (? = user) their own.
 */
[STMT_INCIDENT_LIST] =
	"SELECT i.id, DATE_FORMAT(i.reported_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), i.kind, DATE_FORMAT(i.occurred_at, '%Y-%m-%d %H:%i'),"
	" u.name, f.name, i.status, i.terminal, LEFT(i.what, 60),"
	" CHAR_LENGTH(i.what) > 60 FROM incident i"
	" JOIN users u ON u.id = i.reporter_id JOIN facility f ON f.id = i.facility_id"
	" WHERE (? = 1 AND i.forwarded_at IS NOT NULL)"
	" OR (? > 0 AND i.facility_id = ?) OR (? > 0 AND i.reporter_id = ?)"
	" ORDER BY i.status = 'closed', i.id DESC LIMIT 500",
[STMT_INCIDENT_GET] =
	"SELECT i.id, DATE_FORMAT(i.reported_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), i.kind, DATE_FORMAT(i.occurred_at, '%Y-%m-%d %H:%i'),"
	" u.name, f.name, i.status, i.terminal, i.what, i.done, i.outcome,"
	" i.version, i.facility_id, i.reporter_id, i.forwarded_at IS NOT NULL"
	" FROM incident i JOIN users u ON u.id = i.reporter_id"
	" JOIN facility f ON f.id = i.facility_id WHERE i.id = ?",
/* A transition with the version the reader saw: 0 rows is a stale page. */
[STMT_INCIDENT_UPDATE] =
	"UPDATE incident SET status = ?,"
	" forwarded_at = IF(? = 'forwarded', ?, forwarded_at),"
	" closed_at = IF(? = 'closed', ?, closed_at),"
	" outcome = COALESCE(?, outcome), version = version + 1"
	" WHERE id = ? AND version = ? AND status = ?",
[STMT_INCIDENT_STEPS] =
	"SELECT s.id, DATE_FORMAT(s.at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" u.name, s.from_status, s.to_status, s.note FROM incident_step s"
	" JOIN users u ON u.id = s.by_user WHERE s.incident_id = ? ORDER BY s.id",
/*
 * The viewer (issue 6). Every statement takes the patient and the
 * disclosing facilities whose records this viewer may see now, as a list
 * "1,5,7" that access.c decided for this request (FIND_IN_SET on a bound
 * value: the SQL text never changes). history = 1 adds superseded and
 * cancelled messages. Times are the facilities' own (JST) as sent.
 */
/*
 * A page of records: the ids first, from the (link_id, status, occurred_at)
 * index alone, then the rows of that page only. Sorting the 5,000 records of
 * a long history by a wider key read every row: 40 ms instead of 2.
 */
[STMT_VIEWER_RECORDS] =
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled"
	" FROM (SELECT r2.id FROM patient_link l JOIN record r2 ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.id = k.id JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC",
/*
 * The timeline of current records over at most four links (unused: 0),
 * each link read backwards along record_link (link_id, status,
 * occurred_at, id) and stopped at its own page: a 5,000-record patient's
 * first page reads about as many rows as anyone's (issue 9). Each link's
 * limit is the page's end; the union is then cut to the page.
 */
/*
 * One link's newest current records, in its record_link index order; the
 * raw time last (the merge's key). The order is forced: with a hundred
 * facilities MariaDB began a 5,000-record link from facility and its
 * foreign key index, then sorted every row (32 ms instead of 0.3).
 */
[STMT_VIEWER_TIMELINE_LINK] =
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled, r.occurred_at"
	" FROM record r FORCE INDEX (record_link)"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" WHERE r.link_id = ? AND r.status = 'current'"
	" ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?",
#define TL_LINK "(SELECT link_id, id, occurred_at FROM record WHERE link_id = ?" \
	" AND status = 'current' ORDER BY occurred_at DESC, id DESC LIMIT ?)"
[STMT_VIEWER_TIMELINE] =
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled FROM (" TL_LINK " UNION ALL " TL_LINK
	" UNION ALL " TL_LINK " UNION ALL " TL_LINK
	" ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.link_id = k.link_id AND r.id = k.id"
	" JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC",
#undef TL_LINK
/* A history export (A11.4: no identity in it): every row, one statement. */
[STMT_VIEWER_EXPORT] =
	"SELECT DATE_FORMAT(COALESCE(r.occurred_at, r.care_date, r.message_ts),"
	" '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary, r.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND r.kind <> 'patient' AND (r.status = 'current' OR ? = 1)"
	" ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?",
/* The same for some kinds only (up to nine; unused places are ''). */
[STMT_VIEWER_RECORDS_KIND] =
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled"
	" FROM (SELECT r2.id FROM patient_link l JOIN record r2 ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND r2.kind IN (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	"  AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.id = k.id JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC",
[STMT_VIEWER_PROBLEMS] =
	"SELECT DATE_FORMAT(p.onset, '%Y-%m-%d'), DATE_FORMAT(p.resolved, '%Y-%m-%d'),"
	" f.name, p.name, p.code, p.status, r.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_problem p ON p.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND (r.status = 'current' OR ? = 1)"
	" ORDER BY p.onset IS NULL, p.onset DESC, p.id DESC LIMIT ? OFFSET ?",
[STMT_VIEWER_ALLERGIES] =
	"SELECT DATE_FORMAT(a.onset, '%Y-%m-%d'), f.name, a.allergy_type, a.name,"
	" a.severity, a.reaction, r.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_allergy a ON a.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND (r.status = 'current' OR ? = 1)"
	" ORDER BY a.onset IS NULL, a.onset DESC, a.id DESC LIMIT 200",
/* A page of prescription and injection records with their drugs; the last
 * column numbers the records, so one more than a page means a next page. */
[STMT_VIEWER_MEDS] =
	"SELECT DATE_FORMAT(COALESCE(m.given_at, r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d'), f.name, r.kind, m.drug_name, m.dose, m.unit,"
	" m.route, m.frequency, m.days, r.status, m.dosage_form, m.rp,"
	" DENSE_RANK() OVER (ORDER BY r.occurred_at DESC, r.id DESC)"
	" FROM (SELECT r2.id FROM patient_link l JOIN record r2 ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND r2.kind IN ('prescription', 'injection', 'prescription_given',"
	"  'injection_given') AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.id = k.id JOIN record_med m ON m.record_id = r.id"
	" JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC, m.seq",
/*
 * Every lab result at once (unsorted: page_records.c orders them by test,
 * facility and date): the flow sheet's page of dates and the trend charts
 * are cut from it in C, so the results are joined to their records once.
 */
[STMT_VIEWER_LAB_ALL] =
	"SELECT DATE_FORMAT(COALESCE(x.observed_at, r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d') d, COALESCE(x.code, x.name) k, x.name,"
	" x.value, x.value_num, x.unit, x.range_text, x.flag, f.name fac,"
	" x.range_low, x.range_high, r.status, x.id"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_lab x ON x.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?) AND r.kind = 'lab'"
	" AND (r.status = 'current' OR ? = 1) LIMIT 20000",
[STMT_VIEWER_DOCS] =
	"SELECT d.id, DATE_FORMAT(d.care_date, '%Y-%m-%d'), f.name, d.category,"
	" d.title, d.content_type, d.size"
	" FROM patient_link l JOIN document d ON d.link_id = l.id"
	" JOIN facility f ON f.id = d.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" ORDER BY d.care_date IS NULL, d.care_date DESC, d.id DESC LIMIT ? OFFSET ?",
[STMT_VIEWER_DOC_GET] =
	"SELECT d.content_type, d.data FROM patient_link l"
	" JOIN document d ON d.link_id = l.id"
	" WHERE d.id = ? AND l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)",
/* The anonymized print: sex and age in whole years only (A11.4). */
[STMT_VIEWER_PRINT_PATIENT] =
	"SELECT sex, TIMESTAMPDIFF(YEAR, birth_date, DATE(FROM_UNIXTIME(?) + INTERVAL 9 HOUR))"
	" FROM patient WHERE id = ?",
};
