/* sql_access.h: patient handles and the facts of a consent decision (rules/handle.c, rules/access.c; A8.4, A12) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(HANDLE_INSERT,
	"INSERT INTO patient_handle (session_id, handle, patient_id, created_at)"
	" VALUES (?, ?, ?, UTC_TIMESTAMP(6))")
STMT(HANDLE_BY_PATIENT,
	"SELECT handle FROM patient_handle WHERE session_id = ? AND patient_id = ?")
COLS(HANDLE_BY_PATIENT, HANDLE_BY_PATIENT_HANDLE)

/* The handles a session has for a JSON array of patient ids (a list page). */
STMT(HANDLES_BY_PATIENTS,
	"SELECT h.patient_id, h.handle FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN patient_handle h ON h.session_id = ? AND h.patient_id = j.id")
COLS(HANDLES_BY_PATIENTS, HANDLES_BY_PATIENTS_PATIENT_ID,
    HANDLES_BY_PATIENTS_HANDLE)
STMT(HANDLE_RESOLVE,
	"SELECT patient_id FROM patient_handle WHERE session_id = ? AND handle = ?")
COLS(HANDLE_RESOLVE, HANDLE_RESOLVE_PATIENT_ID)

/*
 * The facts of a consent decision as the writers keep them (db/migrations/
 * 0031_facts.sql, issue 23): the patient's row of patient_facts (a line per
 * fact), the user's A14 grant as one expiry (emergency_facts) and every
 * member's state (region_facts), each read by its primary key. The
 * triggers of the migration rewrite them in the transaction of every write
 * of a fact, so these are as fresh as the source tables.
 */
STMT(FACTS_KEPT,
	"SELECT k.patient_id, k.facts, COALESCE(e.expires_us, 0), r.facilities"
	" FROM patient_facts k JOIN region_facts r ON r.id = 1"
	" LEFT JOIN emergency_facts e ON e.patient_id = k.patient_id AND e.user_id = ?"
	" WHERE k.patient_id = ?")
COLS(FACTS_KEPT, FACTS_KEPT_PID, FACTS_KEPT_FACTS, FACTS_KEPT_GRANT,
    FACTS_KEPT_REGION)

/*
 * The same for a JSON array of patient ids; the members' states on a row of
 * patient 0. From the ids to their rows (forced: left to choose, MariaDB
 * read patient_facts whole for a list, test_plans.py).
 */
STMT(FACTS_KEPT_MANY,
	"SELECT 0, r.facilities, 0 FROM region_facts r WHERE r.id = 1"
	" UNION ALL SELECT k.patient_id, k.facts, COALESCE(e.expires_us, 0)"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) ids"
	" STRAIGHT_JOIN patient_facts k ON k.patient_id = ids.id"
	" LEFT JOIN emergency_facts e ON e.patient_id = ids.id AND e.user_id = ?")
COLS(FACTS_KEPT_MANY, FACTS_KEPT_MANY_PID, FACTS_KEPT_MANY_FACTS,
    FACTS_KEPT_MANY_GRANT)

/*
 * The viewer's pages: the patient behind the session's handle, its kept
 * facts and its own row (STMT_PATIENT_GET's columns from FACTS_HANDLE_ID):
 * handle, facts and patient in one round trip.
 */
STMT(FACTS_HANDLE,
	"SELECT k.patient_id, k.facts, COALESCE(e.expires_us, 0), r.facilities,"
	" p.id, p.network_id, p.name, p.kana, p.sex, p.birth_date, p.address,"
	" p.phone, p.status, p.merged_into, p.deceased_on, p.death_confirmed_how,"
	" UNIX_TIMESTAMP(p.cancelled_at), p.version"
	" FROM patient_handle h JOIN patient p ON p.id = h.patient_id"
	" JOIN patient_facts k ON k.patient_id = h.patient_id"
	" JOIN region_facts r ON r.id = 1"
	" LEFT JOIN emergency_facts e ON e.patient_id = h.patient_id AND e.user_id = ?"
	" WHERE h.session_id = ? AND h.handle = ?")
COLS(FACTS_HANDLE, FACTS_HANDLE_PID, FACTS_HANDLE_FACTS, FACTS_HANDLE_GRANT,
    FACTS_HANDLE_REGION, FACTS_HANDLE_ID, FACTS_HANDLE_NETWORK_ID,
    FACTS_HANDLE_NAME, FACTS_HANDLE_KANA, FACTS_HANDLE_SEX,
    FACTS_HANDLE_BIRTH_DATE, FACTS_HANDLE_ADDRESS, FACTS_HANDLE_PHONE,
    FACTS_HANDLE_STATUS, FACTS_HANDLE_MERGED_INTO, FACTS_HANDLE_DECEASED_ON,
    FACTS_HANDLE_DEATH_CONFIRMED_HOW, FACTS_HANDLE_CANCELLED_AT,
    FACTS_HANDLE_VERSION)

/*
 * mogamictl facts verify: the same facts from the source tables, with the
 * statements the pages used before they were kept (below), and the kept
 * rows that differ from their sources.
 */
/* A patient and those merged into it count as one for consent (A12). */
/*
 * Every fact consent_decide() needs about the patients in ids (and, for
 * the A14 grant, user ?) in ONE round trip, one tagged row per fact, the
 * patient's id second (docs/benchmarks.md: seven statements per decision were most of
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
 * The decision does not depend on the rows' order. A consent's facilities
 * are read from the consent, along consent_facility's key: left to choose,
 * MariaDB read all of that table when its statistics called it small
 * (test_plans.py, issue 23).
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
	" FROM " IDS " STRAIGHT_JOIN consent c ON c.patient_id = ids.id" \
	" STRAIGHT_JOIN consent_facility cf FORCE INDEX (PRIMARY) ON cf.consent_id = c.id" \
	" UNION ALL SELECT 'r', ids.id, CAST(UNIX_TIMESTAMP(v.received_at) * 1000000 AS SIGNED)," \
	" DATEDIFF(v.signed_on, '1970-01-01'), 0" NULLS \
	" FROM " IDS " JOIN consent_revocation v ON v.patient_id = ids.id" \
	" UNION ALL SELECT 'l', ids.id, l.facility_id, l.id, (f.status = 'active') | (" \
	MEMBER_FLAGS("f") ") << 1" NULLS \
	" FROM " IDS " JOIN patient_link l ON l.patient_id = ids.id" \
	" JOIN facility f ON f.id = l.facility_id" \
	" UNION ALL SELECT 'm', 0, id, status = 'active', " MEMBER_FLAGS("facility") NULLS \
	" FROM facility WHERE id = ?"
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
	" STRAIGHT_JOIN consent c ON c.patient_id = pm.merged_id" \
	" STRAIGHT_JOIN consent_facility cf FORCE INDEX (PRIMARY) ON cf.consent_id = c.id" \
	" UNION ALL SELECT 'r', ids.id, CAST(UNIX_TIMESTAMP(v.received_at) * 1000000 AS SIGNED)," \
	" DATEDIFF(v.signed_on, '1970-01-01'), 0" \
	" FROM " IDS " JOIN patient_merge pm ON pm.survivor_id = ids.id AND pm.undone_at IS NULL" \
	" JOIN consent_revocation v ON v.patient_id = pm.merged_id"
#define MANY_IDS	"JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) ids"
STMT(ACCESS_SOURCE_MANY,
	ACCESS_FACTS(MANY_IDS, "", ""))
COLS(ACCESS_SOURCE_MANY, ACCESS_SOURCE_K, ACCESS_SOURCE_PID, ACCESS_SOURCE_A,
    ACCESS_SOURCE_B, ACCESS_SOURCE_C)

/* Every member, as 'm' facts: for a patient no facility has sent records of. */
STMT(ACCESS_SOURCE_MEMBERS,
	"SELECT 'm', 0, id, status = 'active', " MEMBER_FLAGS("facility")
	" FROM facility")
SAME_COLS(ACCESS_SOURCE_MEMBERS, ACCESS_SOURCE_MANY)
STMT(ACCESS_SOURCE_MERGED_MANY,
	ACCESS_FACTS_MERGED(MANY_IDS))
SAME_COLS(ACCESS_SOURCE_MERGED_MANY, ACCESS_SOURCE_MANY)
STMT(ACCESS_LINKED,
	"SELECT DISTINCT facility_id FROM patient_link WHERE patient_id = ?")
COLS(ACCESS_LINKED, ACCESS_LINKED_FACILITY_ID)

/* The next patient ids after ?, a batch of ? (facts verify walks them all). */
STMT(FACTS_PATIENTS,
	"SELECT id FROM patient WHERE id > ? ORDER BY id LIMIT ?")
COLS(FACTS_PATIENTS, FACTS_PATIENTS_ID)

/*
 * Kept rows that differ from their sources, one row each: what (a word),
 * which id. Patient rows are compared in C (their lines, and every
 * decision); these are the rest.
 */
STMT(FACTS_DIFFS,
	"SELECT 'patient_facts_orphan', k.patient_id, 0 FROM patient_facts k"
	" LEFT JOIN patient p ON p.id = k.patient_id WHERE p.id IS NULL"
	" UNION ALL SELECT 'region_facts', 1, 0 FROM DUAL WHERE NOT EXISTS"
	" (SELECT 1 FROM region_facts r WHERE r.id = 1 AND r.facilities <=>"
	"  (SELECT COALESCE(GROUP_CONCAT(CONCAT(f.id, ' ', f.status = 'active', ' ',"
	"   (f.disclosing <> 0) + 2 * (f.viewing <> 0)) ORDER BY f.id SEPARATOR '\n'), '')"
	"   FROM facility f))"
	" UNION ALL SELECT 'emergency_facts', g.patient_id, g.user_id FROM"
	" (SELECT patient_id, user_id, MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01',"
	"  expires_at)) AS m FROM emergency_access GROUP BY patient_id, user_id) g"
	" LEFT JOIN emergency_facts k ON k.patient_id = g.patient_id AND k.user_id = g.user_id"
	" WHERE NOT (k.expires_us <=> g.m)"
	" UNION ALL SELECT 'emergency_facts_orphan', k.patient_id, k.user_id"
	" FROM emergency_facts k WHERE NOT EXISTS (SELECT 1 FROM emergency_access e"
	"  WHERE e.patient_id = k.patient_id AND e.user_id = k.user_id)"
	" UNION ALL SELECT 'session', s.id, s.user_id FROM session s"
	" JOIN users u ON u.id = s.user_id JOIN facility f ON f.id = u.facility_id"
	" WHERE s.ended_at IS NULL AND NOT (BINARY s.ctx_login <=> BINARY u.login"
	"  AND BINARY s.ctx_name <=> BINARY u.name"
	"  AND BINARY s.ctx_user_status <=> BINARY u.status"
	"  AND s.ctx_facility_id <=> u.facility_id"
	"  AND BINARY s.ctx_facility_name <=> BINARY f.name"
	"  AND s.ctx_must_change_pw <=> u.must_change_pw"
	"  AND BINARY s.ctx_profession <=> BINARY u.profession"
	"  AND s.ctx_ends_on <=> u.ends_on"
	"  AND BINARY s.ctx_roles <=> BINARY (SELECT GROUP_CONCAT(r.role ORDER BY r.role)"
	"   FROM user_role r WHERE r.user_id = u.id))")
COLS(FACTS_DIFFS, FACTS_DIFFS_WHAT, FACTS_DIFFS_ID, FACTS_DIFFS_ID2)

#undef CONSENT_FLAGS
#undef MEMBER_FLAGS
#undef ACCESS_FACTS
#undef ACCESS_FACTS_MERGED
#undef MANY_IDS
