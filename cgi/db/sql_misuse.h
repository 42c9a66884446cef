/* sql_misuse.h: misuse detection, alerts and reports (rules/misuse.c, pages/misuse.c; A4.2, A13.1(3)) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(MISUSE_RULES,
	"SELECT code, enabled, threshold, window_minutes, param1, param2, version"
	" FROM misuse_rule ORDER BY code")
COLS(MISUSE_RULES, MISUSE_RULES_CODE, MISUSE_RULES_ENABLED,
    MISUSE_RULES_THRESHOLD, MISUSE_RULES_WINDOW_MINUTES, MISUSE_RULES_PARAM1,
    MISUSE_RULES_PARAM2, MISUSE_RULES_VERSION)
STMT(MISUSE_RULE_UPDATE,
	"UPDATE misuse_rule SET enabled = ?, threshold = ?, window_minutes = ?,"
	" param1 = ?, param2 = ?, updated_at = UTC_TIMESTAMP(6), updated_by = ?,"
	" version = version + 1 WHERE code = ? AND version = ?")

/* Each rule: user, facility, hits (and what the key needs) since a time. */
STMT(MISUSE_MANY,
	"SELECT user_id, MAX(facility_id), COUNT(DISTINCT patient_id) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'allowed'"
	" GROUP BY user_id HAVING COUNT(DISTINCT patient_id) > ?")
COLS(MISUSE_MANY, MISUSE_MANY_USER_ID, MISUSE_MANY_FACILITY_ID,
    MISUSE_MANY_HITS)

/* Night hours as a bit mask over Japan-time hours 0-23. */
STMT(MISUSE_NIGHT,
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'allowed'"
	" AND ((? >> HOUR(ts + INTERVAL 9 HOUR)) & 1) = 1"
	" GROUP BY user_id HAVING COUNT(*) >= ?")
SAME_COLS(MISUSE_NIGHT, MISUSE_MANY)
STMT(MISUSE_SURNAME,
	"SELECT a.user_id, MAX(a.facility_id), COUNT(*), a.patient_id FROM audit a"
	" JOIN users u ON u.id = a.user_id JOIN patient p ON p.id = a.patient_id"
	" WHERE a.action = 'record.view' AND a.outcome = 'allowed'"
	" AND a.ts >= FROM_UNIXTIME(?) AND u.address IS NOT NULL AND p.address IS NOT NULL"
	" AND REPLACE(REPLACE(u.address, ' ', ''), '\u3000', '') ="
	"  REPLACE(REPLACE(p.address, ' ', ''), '\u3000', '')"
	" AND SUBSTRING_INDEX(REPLACE(u.name, '\u3000', ' '), ' ', 1) ="
	"  SUBSTRING_INDEX(REPLACE(p.name, '\u3000', ' '), ' ', 1)"
	" GROUP BY a.user_id, a.patient_id HAVING COUNT(*) >= ?")
COLS(MISUSE_SURNAME, MISUSE_SURNAME_USER_ID, MISUSE_SURNAME_FACILITY_ID,
    MISUSE_SURNAME_HITS, MISUSE_SURNAME_OBJECT)
STMT(MISUSE_REFUSED,
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.view' AND user_id IS NOT NULL AND ts >= FROM_UNIXTIME(?) AND outcome = 'denied'"
	" GROUP BY user_id HAVING COUNT(*) >= ?")
SAME_COLS(MISUSE_REFUSED, MISUSE_MANY)
STMT(MISUSE_EMERGENCY_LATE,
	"SELECT user_id, facility_id, 1, id FROM emergency_access"
	" WHERE followup_status = 'open' AND followup_due < FROM_UNIXTIME(?)"
	" AND ? > 0")
SAME_COLS(MISUSE_EMERGENCY_LATE, MISUSE_SURNAME)

/*
 * A form 4 a user registered, then that user's views of the patient's
 * records allowed by consent within ? minutes of it (A12.4: the
 * registering facility sees at once; the disclosing facilities want to
 * know it was care, not curiosity). Keyed by the consent.
 */
STMT(MISUSE_CONSENT_SELF,
	"SELECT c.registered_by, MAX(a.facility_id), COUNT(*), c.id FROM consent c"
	" JOIN audit a ON a.patient_id = c.patient_id AND a.user_id = c.registered_by"
	" AND a.ts >= c.registered_at AND a.ts < c.registered_at + INTERVAL ? MINUTE"
	" WHERE c.registered_at >= FROM_UNIXTIME(?) AND a.action = 'record.view'"
	" AND a.outcome = 'allowed' AND a.detail LIKE 'consent %'"
	" GROUP BY c.id, c.registered_by HAVING COUNT(*) >= ?")
SAME_COLS(MISUSE_CONSENT_SELF, MISUSE_SURNAME)
STMT(MISUSE_PRINTS,
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'record.print' AND outcome = 'allowed' AND user_id IS NOT NULL"
	" AND ts >= FROM_UNIXTIME(?) GROUP BY user_id HAVING COUNT(*) > ?")
SAME_COLS(MISUSE_PRINTS, MISUSE_MANY)
/* Searches by exact identifiers that found nobody (pages/patients.c: detail 'miss'). */
STMT(MISUSE_SEARCH_MISSES,
	"SELECT user_id, MAX(facility_id), COUNT(*) FROM audit"
	" WHERE action = 'patient.search' AND detail = 'miss' AND user_id IS NOT NULL"
	" AND ts >= FROM_UNIXTIME(?) GROUP BY user_id HAVING COUNT(*) > ?")
SAME_COLS(MISUSE_SEARCH_MISSES, MISUSE_MANY)
STMT(MISUSE_RULE_GET,
	"SELECT enabled, threshold, window_minutes FROM misuse_rule WHERE code = ?")
COLS(MISUSE_RULE_GET, MISUSE_RULE_GET_ENABLED, MISUSE_RULE_GET_THRESHOLD,
    MISUSE_RULE_GET_WINDOW_MINUTES)
/*
 * One user's search misses in the last ? seconds (audit_user: the user's
 * entries of the window only), and the seconds until the oldest of them
 * leaves the window. Parameters: window, user, window. Forced: left to
 * choose, MariaDB read every user's searches of the window along
 * audit_action (issue 23).
 */
STMT(SEARCH_MISSES,
	"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6),"
	" MIN(ts) + INTERVAL ? SECOND), 0) FROM audit FORCE INDEX (audit_user)"
	" WHERE user_id = ?"
	" AND ts >= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
	" AND action = 'patient.search' AND detail = 'miss'")
COLS(SEARCH_MISSES, SEARCH_MISSES_N, SEARCH_MISSES_WAIT_SECS)
STMT(MISUSE_ALERT_INSERT,
	"INSERT IGNORE INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits,"
	" detail, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")
STMT(MISUSE_ALERTS,
	"SELECT a.id, a.rule, a.user_id, u.name, u.login, f.name, a.hits, a.detail,"
	" UNIX_TIMESTAMP(a.created_at), a.status, a.decision_note, a.version,"
	" (SELECT COUNT(*) FROM misuse_alert x WHERE x.user_id = a.user_id"
	"  AND x.status = 'guidance'),"
	" (SELECT COUNT(*) FROM misuse_alert x WHERE x.user_id = a.user_id"
	"  AND x.status = 'warning'), u.status"
	" FROM misuse_alert a JOIN users u ON u.id = a.user_id"
	" JOIN facility f ON f.id = a.facility_id"
	" WHERE (? = 0 OR a.facility_id = ?) AND (? = '' OR a.status = ?)"
	" ORDER BY a.status = 'open' DESC, a.created_at DESC, a.id DESC LIMIT 500")
COLS(MISUSE_ALERTS, MISUSE_ALERTS_ID, MISUSE_ALERTS_RULE, MISUSE_ALERTS_USER_ID,
    MISUSE_ALERTS_USER_NAME, MISUSE_ALERTS_LOGIN, MISUSE_ALERTS_FACILITY_NAME,
    MISUSE_ALERTS_HITS, MISUSE_ALERTS_DETAIL, MISUSE_ALERTS_CREATED_AT,
    MISUSE_ALERTS_STATUS, MISUSE_ALERTS_DECISION_NOTE, MISUSE_ALERTS_VERSION,
    MISUSE_ALERTS_GUIDANCE, MISUSE_ALERTS_WARNINGS, MISUSE_ALERTS_USER_STATUS)
STMT(MISUSE_ALERT_GET,
	"SELECT id, user_id, facility_id, status, version, rule FROM misuse_alert WHERE id = ?")
COLS(MISUSE_ALERT_GET, MISUSE_ALERT_GET_ID, MISUSE_ALERT_GET_USER_ID,
    MISUSE_ALERT_GET_FACILITY_ID, MISUSE_ALERT_GET_STATUS,
    MISUSE_ALERT_GET_VERSION, MISUSE_ALERT_GET_RULE)
STMT(MISUSE_DECIDE,
	"UPDATE misuse_alert SET status = ?, decided_by = ?, decided_at = UTC_TIMESTAMP(6),"
	" decision_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'open'")
STMT(MISUSE_REPORT_BY_IDEM,
	"SELECT id FROM misuse_report WHERE idem = ?")
COLS(MISUSE_REPORT_BY_IDEM, MISUSE_REPORT_BY_IDEM_ID)
STMT(MISUSE_REPORT_INSERT,
	"INSERT INTO misuse_report (user_id, propose_revocation, summary, created_at,"
	" created_by, idem) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?)")
STMT(MISUSE_REPORTS,
	"SELECT r.id, u.name, u.login, f.name, r.propose_revocation, r.summary,"
	" UNIX_TIMESTAMP(r.created_at), c.name, UNIX_TIMESTAMP(r.acknowledged_at),"
	" r.ack_note, r.version, r.user_id, u.status, r.agenda_item_id,"
	" r.council_decision FROM misuse_report r"
	" JOIN users u ON u.id = r.user_id JOIN facility f ON f.id = u.facility_id"
	" JOIN users c ON c.id = r.created_by"
	" ORDER BY r.acknowledged_at IS NULL DESC, r.created_at DESC LIMIT 500")
COLS(MISUSE_REPORTS, MISUSE_REPORTS_ID, MISUSE_REPORTS_USER_NAME,
    MISUSE_REPORTS_LOGIN, MISUSE_REPORTS_FACILITY_NAME,
    MISUSE_REPORTS_PROPOSE_REVOCATION, MISUSE_REPORTS_SUMMARY,
    MISUSE_REPORTS_CREATED_AT, MISUSE_REPORTS_REPORTER_NAME,
    MISUSE_REPORTS_ACKNOWLEDGED_AT, MISUSE_REPORTS_ACK_NOTE,
    MISUSE_REPORTS_VERSION, MISUSE_REPORTS_USER_ID, MISUSE_REPORTS_STATUS,
    MISUSE_REPORTS_AGENDA_ITEM_ID, MISUSE_REPORTS_COUNCIL_DECISION)
STMT(MISUSE_REPORT_ACK,
	"UPDATE misuse_report SET acknowledged_at = UTC_TIMESTAMP(6), acknowledged_by = ?,"
	" ack_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND acknowledged_at IS NULL")
