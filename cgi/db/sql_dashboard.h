/* sql_dashboard.h: the council dashboard and its aggregate (pages/dashboard.c, rules/dashboard.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * The council dashboard. Months and days are in Japan: a bound "YYYY-MM-01
 * 00:00:00" or "YYYY-MM-DD" minus 9 hours is the UTC instant, so ranges on
 * ts stay index ranges. Record views are the aggregate (0015) plus the
 * audit rows after done_id, counted live.
 */
#define DASH_VIEW_ROWS " a.action = 'record.view' AND a.outcome = 'allowed'"
STMT(DASH_STATE,
	"SELECT done_id, seen_id FROM dash_state WHERE id = 1")
COLS(DASH_STATE, DASH_STATE_DONE_ID, DASH_STATE_SEEN_ID)
STMT(DASH_ADD_MONTH,
	"INSERT INTO dash_view_month (month, facility_id, profession, views)"
	" SELECT DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m'), COALESCE(a.facility_id, 0),"
	" COALESCE(u.profession, ''), COUNT(*) FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.id > ? AND a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1, 2, 3"
	" ON DUPLICATE KEY UPDATE views = dash_view_month.views + VALUES(views)")
STMT(DASH_ADD_DAY,
	"INSERT INTO dash_view_day (day, facility_id, views)"
	" SELECT DATE(a.ts + INTERVAL 9 HOUR), COALESCE(a.facility_id, 0), COUNT(*)"
	" FROM audit a WHERE a.id > ? AND a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1, 2"
	" ON DUPLICATE KEY UPDATE views = dash_view_day.views + VALUES(views)")
STMT(DASH_DONE,
	"UPDATE dash_state SET done_id = ? WHERE id = 1 AND done_id = ?")
STMT(DASH_SEEN,
	"UPDATE dash_state SET seen_id = GREATEST(done_id, (SELECT COALESCE(MAX(id), 0)"
	" FROM audit)), refreshed_at = UTC_TIMESTAMP(6) WHERE id = 1")
STMT(DASH_CLEAR_MONTH,
	"DELETE FROM dash_view_month")
STMT(DASH_CLEAR_DAY,
	"DELETE FROM dash_view_day")
STMT(DASH_RESET,
	"UPDATE dash_state SET done_id = 0 WHERE id = 1")
STMT(DASH_DONE_ID,
	"SELECT done_id, DATE_FORMAT(refreshed_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i')"
	" FROM dash_state WHERE id = 1")
COLS(DASH_DONE_ID, DASH_DONE_ID_DONE_ID, DASH_DONE_ID_REFRESHED_AT)

/* month, facility id, facility name, in region, profession, its name, views */
STMT(DASH_VIEWS,
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
	" GROUP BY x.month, x.facility_id, x.profession")
COLS(DASH_VIEWS, DASH_VIEWS_MONTH, DASH_VIEWS_FACILITY_ID,
    DASH_VIEWS_FACILITY_NAME, DASH_VIEWS_IN_REGION, DASH_VIEWS_PROFESSION,
    DASH_VIEWS_PROFESSION_NAME, DASH_VIEWS_N)

/*
 * Each active facility's use in a window of days: id, name, kind, in region,
 * disclosing, viewing, active users, views, last day of use, consents taken.
 */
STMT(DASH_USE,
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
	" WHERE f.status = 'active' ORDER BY COALESCE(v.n, 0), f.in_region DESC, f.name, f.id")
COLS(DASH_USE, DASH_USE_ID, DASH_USE_NAME, DASH_USE_KIND, DASH_USE_IN_REGION,
    DASH_USE_DISCLOSING, DASH_USE_VIEWING, DASH_USE_USERS, DASH_USE_VIEWS,
    DASH_USE_LAST_VIEW, DASH_USE_CONSENTS)

/* kind, in region, out of region, disclosing, viewing, all (active facilities) */
STMT(DASH_FACILITIES,
	"SELECT kind, SUM(in_region <> 0), SUM(in_region = 0), SUM(disclosing <> 0),"
	" SUM(viewing <> 0), COUNT(*) FROM facility WHERE status = 'active'"
	" GROUP BY kind ORDER BY kind")
COLS(DASH_FACILITIES, DASH_FACILITIES_KIND, DASH_FACILITIES_IN_REGION,
    DASH_FACILITIES_OUT_REGION, DASH_FACILITIES_DISCLOSING,
    DASH_FACILITIES_VIEWING, DASH_FACILITIES_N)

/* profession, its name, in region, out of region, all: active users with an ID to view */
STMT(DASH_USERS,
	"SELECT COALESCE(u.profession, ''), COALESCE(MIN(p.name), ''), SUM(f.in_region <> 0),"
	" SUM(f.in_region = 0), COUNT(*) FROM users u JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN profession p ON p.code = u.profession"
	" WHERE u.status = 'active' AND f.status = 'active' AND EXISTS (SELECT 1 FROM user_role r"
	"  WHERE r.user_id = u.id AND r.role IN ('user', 'facility_manager'))"
	" GROUP BY 1 ORDER BY MIN(COALESCE(p.sort, 9999)), 1")
COLS(DASH_USERS, DASH_USERS_PROFESSION, DASH_USERS_PROFESSION_NAME,
    DASH_USERS_IN_REGION, DASH_USERS_OUT_REGION, DASH_USERS_N)

/* month, registered, found void, revoked */
STMT(DASH_CONSENTS,
	"SELECT m, SUM(reg), SUM(void), SUM(rev) FROM ("
	" SELECT DATE_FORMAT(registered_at + INTERVAL 9 HOUR, '%Y-%m') AS m, 1 AS reg,"
	" status = 'rejected' AS void, 0 AS rev FROM consent"
	" WHERE registered_at >= ? - INTERVAL 9 HOUR AND registered_at < ? - INTERVAL 9 HOUR"
	" UNION ALL"
	" SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'), 0, 0, 1 FROM consent_revocation"
	" WHERE received_at >= ? - INTERVAL 9 HOUR AND received_at < ? - INTERVAL 9 HOUR"
	") x GROUP BY m")
COLS(DASH_CONSENTS, DASH_CONSENTS_MONTH, DASH_CONSENTS_REGISTERED,
    DASH_CONSENTS_VOIDED, DASH_CONSENTS_REVOKED)

/* month, all, pending, appropriate, improper, follow-up open, consented, cannot */
STMT(DASH_EMERGENCY,
	"SELECT DATE_FORMAT(started_at + INTERVAL 9 HOUR, '%Y-%m'), COUNT(*),"
	" SUM(review_status = 'pending'), SUM(review_status = 'appropriate'),"
	" SUM(review_status = 'improper'), SUM(followup_status = 'open'),"
	" SUM(followup_status = 'consented'), SUM(followup_status = 'cannot')"
	" FROM emergency_access"
	" WHERE started_at >= ? - INTERVAL 9 HOUR AND started_at < ? - INTERVAL 9 HOUR"
	" GROUP BY 1")
COLS(DASH_EMERGENCY, DASH_EMERGENCY_MONTH, DASH_EMERGENCY_N,
    DASH_EMERGENCY_PENDING, DASH_EMERGENCY_APPROPRIATE, DASH_EMERGENCY_IMPROPER,
    DASH_EMERGENCY_OPEN, DASH_EMERGENCY_CONSENTED, DASH_EMERGENCY_CANNOT)

/* rule, all, open, dismissed, guidance, warning: every rule, even without alerts */
STMT(DASH_MISUSE,
	"SELECT r.code, COUNT(a.id), COALESCE(SUM(a.status = 'open'), 0),"
	" COALESCE(SUM(a.status = 'dismissed'), 0), COALESCE(SUM(a.status = 'guidance'), 0),"
	" COALESCE(SUM(a.status = 'warning'), 0) FROM misuse_rule r"
	" LEFT JOIN misuse_alert a ON a.rule = r.code"
	" AND a.created_at >= ? - INTERVAL 9 HOUR AND a.created_at < ? - INTERVAL 9 HOUR"
	" GROUP BY r.code ORDER BY r.code")
COLS(DASH_MISUSE, DASH_MISUSE_CODE, DASH_MISUSE_N, DASH_MISUSE_OPEN,
    DASH_MISUSE_DISMISSED, DASH_MISUSE_GUIDANCE, DASH_MISUSE_WARNING)

/* month received, seconds to the answer, to closing (NULL: not yet), open, overdue */
STMT(DASH_COMPLAINTS,
	"SELECT DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%Y-%m'),"
	" TIMESTAMPDIFF(SECOND, received_at, answered_at),"
	" TIMESTAMPDIFF(SECOND, received_at, closed_at),"
	" status IN ('received', 'investigating'),"
	" status IN ('received', 'investigating') AND due_on < ?"
	" FROM complaint"
	" WHERE received_at >= ? - INTERVAL 9 HOUR AND received_at < ? - INTERVAL 9 HOUR"
	" ORDER BY received_at LIMIT 100000")
COLS(DASH_COMPLAINTS, DASH_COMPLAINTS_MONTH, DASH_COMPLAINTS_ANSWER_SECS,
    DASH_COMPLAINTS_CLOSE_SECS, DASH_COMPLAINTS_OPEN, DASH_COMPLAINTS_OVERDUE)

#undef DASH_VIEW_ROWS
