/* sql_dashboard.h: the council dashboard and its aggregate (pages/dashboard.c, rules/dashboard.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * The council dashboard. Months and days are in Japan: a bound "YYYY-MM-01
 * 00:00:00" or "YYYY-MM-DD" minus 9 hours is the UTC instant, so ranges on
 * ts stay index ranges. Record views are the aggregate (0015) plus the
 * audit rows after done_id, counted live along the primary key (forced: a
 * plan along audit_ts or audit_action would read the period's whole log)
 * and grouped by integers before the viewer's profession is joined (a
 * month string and a join per row cost twice as much); every other figure
 * is a count its writers keep (0034).
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
/*
 * The running totals of the facilities a batch counted views of, from the
 * first day it counted on (as dash_view_day holds them now), each on the
 * total before that day; a facility at a time (one statement with the
 * base as a correlated subquery of a derived table failed on MariaDB 10.11
 * when executed again: "Unknown column 'x.f'").
 */
STMT(DASH_CUM_SINCE,
	"SELECT COALESCE(a.facility_id, 0), MIN(DATE(a.ts + INTERVAL 9 HOUR)) FROM audit a"
	" WHERE a.id > ? AND a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1")
COLS(DASH_CUM_SINCE, DASH_CUM_SINCE_FACILITY_ID, DASH_CUM_SINCE_DAY)
STMT(DASH_CUM_BASE,
	"SELECT views_to FROM dash_view_cum WHERE facility_id = ? AND day < ?"
	" ORDER BY day DESC LIMIT 1")
COLS(DASH_CUM_BASE, DASH_CUM_BASE_VIEWS_TO)
STMT(DASH_CUM_ADD,
	"INSERT INTO dash_view_cum (facility_id, day, views_to) SELECT * FROM ("
	" SELECT facility_id, day, ? + SUM(views) OVER (ORDER BY day) AS v FROM dash_view_day"
	" WHERE facility_id = ? AND day >= ?) z ON DUPLICATE KEY UPDATE views_to = z.v")
STMT(DASH_DONE,
	"UPDATE dash_state SET done_id = ? WHERE id = 1 AND done_id = ?")
STMT(DASH_SEEN,
	"UPDATE dash_state SET seen_id = GREATEST(done_id, (SELECT COALESCE(MAX(id), 0)"
	" FROM audit)), refreshed_at = UTC_TIMESTAMP(6) WHERE id = 1")
STMT(DASH_CLEAR_MONTH,
	"DELETE FROM dash_view_month")
STMT(DASH_CLEAR_DAY,
	"DELETE FROM dash_view_day")
STMT(DASH_CLEAR_CUM,
	"DELETE FROM dash_view_cum")
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
	"  SELECT CONCAT(t.ym DIV 100, '-', LPAD(t.ym MOD 100, 2, '0')), t.f,"
	"  COALESCE(u.profession, ''), SUM(t.n) FROM ("
	"   SELECT EXTRACT(YEAR_MONTH FROM a.ts + INTERVAL 9 HOUR) AS ym,"
	"   COALESCE(a.facility_id, 0) AS f, a.user_id AS uid, COUNT(*) AS n"
	"   FROM audit a FORCE INDEX (PRIMARY) WHERE a.id > ? AND" DASH_VIEW_ROWS
	"   AND a.ts >= ? - INTERVAL 9 HOUR AND a.ts < ? - INTERVAL 9 HOUR GROUP BY 1, 2, 3"
	"  ) t LEFT JOIN users u ON u.id = t.uid GROUP BY 1, 2, 3"
	" ) x LEFT JOIN facility f ON f.id = x.facility_id"
	" LEFT JOIN profession p ON p.code = x.profession"
	" GROUP BY x.month, x.facility_id, x.profession")
COLS(DASH_VIEWS, DASH_VIEWS_MONTH, DASH_VIEWS_FACILITY_ID,
    DASH_VIEWS_FACILITY_NAME, DASH_VIEWS_IN_REGION, DASH_VIEWS_PROFESSION,
    DASH_VIEWS_PROFESSION_NAME, DASH_VIEWS_N)

/*
 * Each active facility's use in a window of days: id, name, kind, in region,
 * disclosing, viewing, active users, views, last day of use, consents taken.
 * Views and consents in [from, to) are the running totals (0034) before to
 * less those before from, each one row by the key, plus the audit tail.
 */
#define DASH_CUM(col, table, before) \
	"COALESCE((SELECT c." col " FROM " table " c WHERE c.facility_id = f.id AND c.day < " \
	before " ORDER BY c.day DESC LIMIT 1), 0)"
STMT(DASH_USE,
	"SELECT f.id, f.name, f.kind, f.in_region, f.disclosing, f.viewing, f.users,"
	" f.kept_n + COALESCE(t.n, 0), COALESCE(DATE_FORMAT(CASE WHEN t.last IS NULL"
	" THEN f.kept_last WHEN f.kept_last IS NULL THEN t.last"
	" ELSE GREATEST(f.kept_last, t.last) END, '%Y-%m-%d'), ''), f.consents FROM ("
	" SELECT f.id, f.name, f.kind, f.in_region, f.disclosing, f.viewing,"
	"  (SELECT COALESCE(SUM(k.active), 0) FROM dash_user k WHERE k.facility_id = f.id)"
	"  AS users,"
	"  " DASH_CUM("views_to", "dash_view_cum", "?") " - "
	DASH_CUM("views_to", "dash_view_cum", "?") " AS kept_n,"
	"  (SELECT c.day FROM dash_view_cum c WHERE c.facility_id = f.id AND c.day < ?"
	"  AND c.day >= ? ORDER BY c.day DESC LIMIT 1) AS kept_last,"
	"  " DASH_CUM("consents_to", "dash_consent_cum", "?") " - "
	DASH_CUM("consents_to", "dash_consent_cum", "?") " AS consents"
	" FROM facility f WHERE f.status = 'active'"
	") f LEFT JOIN ("
	"  SELECT COALESCE(a.facility_id, 0) AS facility_id, COUNT(*) AS n,"
	"  DATE(MAX(a.ts) + INTERVAL 9 HOUR) AS last"
	"  FROM audit a FORCE INDEX (PRIMARY) WHERE a.id > ? AND" DASH_VIEW_ROWS
	"  AND a.ts >= ? - INTERVAL 9 HOUR AND a.ts < ? - INTERVAL 9 HOUR GROUP BY 1"
	" ) t ON t.facility_id = f.id"
	" ORDER BY f.kept_n + COALESCE(t.n, 0), f.in_region DESC, f.name, f.id")
#undef DASH_CUM
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
	"SELECT k.profession, COALESCE(MIN(p.name), ''), SUM(IF(f.in_region <> 0, k.viewers, 0)),"
	" SUM(IF(f.in_region = 0, k.viewers, 0)), SUM(k.viewers) FROM dash_user k"
	" JOIN facility f ON f.id = k.facility_id LEFT JOIN profession p ON p.code = k.profession"
	" WHERE k.viewers > 0 AND f.status = 'active'"
	" GROUP BY 1 ORDER BY MIN(COALESCE(p.sort, 9999)), 1")
COLS(DASH_USERS, DASH_USERS_PROFESSION, DASH_USERS_PROFESSION_NAME,
    DASH_USERS_IN_REGION, DASH_USERS_OUT_REGION, DASH_USERS_N)

/* month, registered, found void, revoked */
STMT(DASH_CONSENTS,
	"SELECT month, registered, voided, revoked FROM dash_consent_month"
	" WHERE month >= ? AND month <= ?")
COLS(DASH_CONSENTS, DASH_CONSENTS_MONTH, DASH_CONSENTS_REGISTERED,
    DASH_CONSENTS_VOIDED, DASH_CONSENTS_REVOKED)

/* month, all, pending, appropriate, improper, follow-up open, consented, cannot */
STMT(DASH_EMERGENCY,
	"SELECT month, n, pending, appropriate, improper, fu_open, fu_consented, fu_cannot"
	" FROM dash_emergency_month WHERE month >= ? AND month <= ?")
COLS(DASH_EMERGENCY, DASH_EMERGENCY_MONTH, DASH_EMERGENCY_N,
    DASH_EMERGENCY_PENDING, DASH_EMERGENCY_APPROPRIATE, DASH_EMERGENCY_IMPROPER,
    DASH_EMERGENCY_OPEN, DASH_EMERGENCY_CONSENTED, DASH_EMERGENCY_CANNOT)

/* rule, all, open, dismissed, guidance, warning: every rule, even without alerts */
STMT(DASH_MISUSE,
	"SELECT r.code, COALESCE(SUM(k.n), 0), COALESCE(SUM(k.open), 0),"
	" COALESCE(SUM(k.dismissed), 0), COALESCE(SUM(k.guidance), 0),"
	" COALESCE(SUM(k.warning), 0) FROM misuse_rule r"
	" LEFT JOIN dash_misuse_month k ON k.rule = r.code AND k.month >= ? AND k.month <= ?"
	" GROUP BY r.code ORDER BY r.code")
COLS(DASH_MISUSE, DASH_MISUSE_CODE, DASH_MISUSE_N, DASH_MISUSE_OPEN,
    DASH_MISUSE_DISMISSED, DASH_MISUSE_GUIDANCE, DASH_MISUSE_WARNING)

/*
 * Complaints by month received, as counts per value (0034): kind r (value
 * 0) received, a seconds to the answer, c to the closing, o a due date of
 * one still open; overdue: an o before today.
 */
STMT(DASH_COMPLAINTS,
	"SELECT month, kind, value, n, kind = 'o' AND value < DATEDIFF(?, '1970-01-01')"
	" FROM dash_complaint_value WHERE month >= ? AND month <= ? AND n > 0"
	" ORDER BY month, kind, value")
COLS(DASH_COMPLAINTS, DASH_COMPLAINTS_MONTH, DASH_COMPLAINTS_KIND,
    DASH_COMPLAINTS_VALUE, DASH_COMPLAINTS_N, DASH_COMPLAINTS_OVERDUE)

/* dashboard refresh --rebuild: every kept count again from its sources */
STMT(DASH_COUNTS_REBUILD,
	"CALL dash_counts_rebuild()")

/*
 * dashboard verify: each kept count against its sources (the statements of
 * 0034's dash_counts_rebuild, and for record views the audit rows up to
 * done_id). Each returns the keys that differ: key, kept, recomputed ('-':
 * none), figures joined by spaces. A kept row of zeros is no row.
 */
#define DASH_DIFF(kept, src) \
	"SELECT x.k, COALESCE(MAX(x.kept), '-'), COALESCE(MAX(x.src), '-') FROM (" \
	kept " UNION ALL " src ") x GROUP BY x.k HAVING NOT (MAX(x.kept) <=> MAX(x.src))" \
	" ORDER BY x.k LIMIT 1000"
#define DASH_MONTH(col) "DATE_FORMAT(" col " + INTERVAL 9 HOUR, '%Y-%m')"
STMT(DASH_VERIFY_CONSENT_MONTH, DASH_DIFF(
	"SELECT month AS k, CONCAT_WS(' ', registered, voided, revoked) AS kept, NULL AS src"
	" FROM dash_consent_month WHERE registered <> 0 OR voided <> 0 OR revoked <> 0",
	"SELECT m, NULL, CONCAT_WS(' ', SUM(reg), SUM(void), SUM(rev)) FROM ("
	" SELECT " DASH_MONTH("registered_at") " AS m, 1 AS reg, status = 'rejected' AS void,"
	" 0 AS rev FROM consent UNION ALL SELECT " DASH_MONTH("received_at") ", 0, 0, 1"
	" FROM consent_revocation) y GROUP BY m"))
COLS(DASH_VERIFY_CONSENT_MONTH, DASH_VERIFY_KEY, DASH_VERIFY_KEPT, DASH_VERIFY_SOURCE)
/* a running total's rows less the row before it: the day's own count */
#define DASH_DAILY(col, table) \
	"SELECT CONCAT_WS(' ', day, facility_id) AS k, CAST(n AS CHAR) AS kept, NULL AS src" \
	" FROM (SELECT facility_id, day, " col " - COALESCE(LAG(" col ", 1) OVER (PARTITION" \
	" BY facility_id ORDER BY day), 0) AS n FROM " table ") z WHERE n <> 0"
STMT(DASH_VERIFY_CONSENT_CUM, DASH_DIFF(
	DASH_DAILY("consents_to", "dash_consent_cum"),
	"SELECT CONCAT_WS(' ', DATE(registered_at + INTERVAL 9 HOUR), facility_id), NULL,"
	" CAST(COUNT(*) AS CHAR) FROM consent GROUP BY 1"))
SAME_COLS(DASH_VERIFY_CONSENT_CUM, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_EMERGENCY, DASH_DIFF(
	"SELECT month AS k, CONCAT_WS(' ', n, pending, appropriate, improper, fu_open,"
	" fu_consented, fu_cannot) AS kept, NULL AS src FROM dash_emergency_month"
	" WHERE n <> 0 OR pending <> 0 OR appropriate <> 0 OR improper <> 0 OR fu_open <> 0"
	" OR fu_consented <> 0 OR fu_cannot <> 0",
	"SELECT " DASH_MONTH("started_at") ", NULL, CONCAT_WS(' ', COUNT(*),"
	" SUM(review_status = 'pending'), SUM(review_status = 'appropriate'),"
	" SUM(review_status = 'improper'), SUM(followup_status = 'open'),"
	" SUM(followup_status = 'consented'), SUM(followup_status = 'cannot'))"
	" FROM emergency_access GROUP BY 1"))
SAME_COLS(DASH_VERIFY_EMERGENCY, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_MISUSE, DASH_DIFF(
	"SELECT CONCAT_WS(' ', month, rule) AS k, CONCAT_WS(' ', n, open, dismissed, guidance,"
	" warning) AS kept, NULL AS src FROM dash_misuse_month WHERE n <> 0 OR open <> 0"
	" OR dismissed <> 0 OR guidance <> 0 OR warning <> 0",
	"SELECT CONCAT_WS(' ', " DASH_MONTH("created_at") ", rule), NULL, CONCAT_WS(' ',"
	" COUNT(*), SUM(status = 'open'), SUM(status = 'dismissed'), SUM(status = 'guidance'),"
	" SUM(status = 'warning')) FROM misuse_alert GROUP BY 1"))
SAME_COLS(DASH_VERIFY_MISUSE, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_COMPLAINT, DASH_DIFF(
	"SELECT CONCAT_WS(' ', month, kind, value) AS k, CAST(n AS CHAR) AS kept, NULL AS src"
	" FROM dash_complaint_value WHERE n <> 0",
	"SELECT CONCAT_WS(' ', m, kd, v), NULL, CAST(COUNT(*) AS CHAR) FROM ("
	" SELECT " DASH_MONTH("received_at") " AS m, 'r' AS kd, 0 AS v FROM complaint"
	" UNION ALL SELECT " DASH_MONTH("received_at") ", 'a',"
	" TIMESTAMPDIFF(SECOND, received_at, answered_at) FROM complaint"
	" WHERE answered_at IS NOT NULL"
	" UNION ALL SELECT " DASH_MONTH("received_at") ", 'c',"
	" TIMESTAMPDIFF(SECOND, received_at, closed_at) FROM complaint"
	" WHERE closed_at IS NOT NULL"
	" UNION ALL SELECT " DASH_MONTH("received_at") ", 'o', DATEDIFF(due_on, '1970-01-01')"
	" FROM complaint WHERE status IN ('received', 'investigating')) y GROUP BY 1"))
SAME_COLS(DASH_VERIFY_COMPLAINT, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_USER, DASH_DIFF(
	"SELECT CONCAT_WS(' ', facility_id, profession) AS k, CONCAT_WS(' ', active, viewers)"
	" AS kept, NULL AS src FROM dash_user WHERE active <> 0 OR viewers <> 0",
	"SELECT CONCAT_WS(' ', u.facility_id, COALESCE(u.profession, '')), NULL,"
	" CONCAT_WS(' ', SUM(u.status = 'active'), SUM(u.status = 'active' AND EXISTS ("
	" SELECT 1 FROM user_role r WHERE r.user_id = u.id"
	" AND r.role IN ('user', 'facility_manager')))) FROM users u GROUP BY 1"
	" HAVING SUM(u.status = 'active') > 0"))
SAME_COLS(DASH_VERIFY_USER, DASH_VERIFY_CONSENT_MONTH)
/*
 * Record views up to done_id, per month and facility and per day and
 * facility (the profession is the viewer's when the refresh counted it; a
 * user's profession changed since would be no error, so it is not compared).
 */
STMT(DASH_VERIFY_VIEW_MONTH, DASH_DIFF(
	"SELECT CONCAT_WS(' ', month, facility_id) AS k, CAST(SUM(views) AS CHAR) AS kept,"
	" NULL AS src FROM dash_view_month GROUP BY 1 HAVING SUM(views) <> 0",
	"SELECT CONCAT_WS(' ', " DASH_MONTH("a.ts") ", COALESCE(a.facility_id, 0)), NULL,"
	" CAST(COUNT(*) AS CHAR) FROM audit a WHERE a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1"))
SAME_COLS(DASH_VERIFY_VIEW_MONTH, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_VIEW_DAY, DASH_DIFF(
	"SELECT CONCAT_WS(' ', day, facility_id) AS k, CAST(views AS CHAR) AS kept,"
	" NULL AS src FROM dash_view_day WHERE views <> 0",
	"SELECT CONCAT_WS(' ', DATE(a.ts + INTERVAL 9 HOUR), COALESCE(a.facility_id, 0)), NULL,"
	" CAST(COUNT(*) AS CHAR) FROM audit a WHERE a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1"))
SAME_COLS(DASH_VERIFY_VIEW_DAY, DASH_VERIFY_CONSENT_MONTH)
STMT(DASH_VERIFY_VIEW_CUM, DASH_DIFF(
	DASH_DAILY("views_to", "dash_view_cum"),
	"SELECT CONCAT_WS(' ', DATE(a.ts + INTERVAL 9 HOUR), COALESCE(a.facility_id, 0)), NULL,"
	" CAST(COUNT(*) AS CHAR) FROM audit a WHERE a.id <= ? AND" DASH_VIEW_ROWS " GROUP BY 1"))
SAME_COLS(DASH_VERIFY_VIEW_CUM, DASH_VERIFY_CONSENT_MONTH)
#undef DASH_DAILY
#undef DASH_MONTH
#undef DASH_DIFF

#undef DASH_VIEW_ROWS
