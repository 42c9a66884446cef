/* sql_records.h: the viewer: candidates, records, labs, documents (pages/records.c; A12.1, A12.2) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * Whether consent C names viewer ? on its viewing side: one lookup of
 * consent_facility's key. Scalar subqueries, here and for the patient's
 * consents below, not EXISTS: MariaDB turned such an EXISTS into IN and
 * read every row of consent_facility, or of consent, to materialize it
 * (test_plans.py; issue 23).
 */
#define CF_NAMES(C) "(SELECT COUNT(*) FROM consent_facility cf WHERE cf.consent_id = " \
	C ".id AND cf.side = 'viewing' AND cf.facility_id = ?) > 0"

/* Patients a facility might see: a consent naming it or every viewer, or
 * its own records. access.c decides each one; this only narrows. */
STMT(RECORDS_CANDIDATES,
	/* Who could match: the patients holding five of the key's bigrams
	 * (migration 0017; pages/records.c), the network ID, or for a one-character key
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
	" AND ((SELECT COUNT(*) FROM consent c WHERE c.status <> 'rejected'"
	"  AND c.patient_id = p.id"
	"  AND (c.all_viewing = 1 OR " CF_NAMES("c") ")) > 0"
	/* A merged duplicate's consents, apart: "c.patient_id = p.id OR IN
	 * (...)" scanned every consent once per candidate (docs/benchmarks.md). */
	" OR EXISTS (SELECT 1 FROM patient_merge pm JOIN consent c"
	"  ON c.patient_id = pm.merged_id WHERE pm.survivor_id = p.id"
	"  AND pm.undone_at IS NULL AND c.status <> 'rejected'"
	"  AND (c.all_viewing = 1 OR " CF_NAMES("c") "))"
	/* A scalar subquery along the candidate's links: as EXISTS, MariaDB
	 * read every link of the facility, or all of patient_link (issue 23). */
	" OR (SELECT COUNT(*) FROM patient_link l FORCE INDEX (patient_link_patient)"
	"  WHERE l.patient_id = p.id AND l.facility_id = ?) > 0"
	/* A scalar subquery, not EXISTS: MariaDB turned that EXISTS into a
	 * scan of every grant of the user (docs/benchmarks.md: 18,000 after the bench). */
	" OR (SELECT MAX(e.expires_at) FROM emergency_access e WHERE e.patient_id = p.id"
	"  AND e.user_id = ?) > FROM_UNIXTIME(?))"
	" ORDER BY p.kana_key, p.id LIMIT 200")
COLS(RECORDS_CANDIDATES, RECORDS_CANDIDATES_ID, RECORDS_CANDIDATES_NAME,
    RECORDS_CANDIDATES_KANA, RECORDS_CANDIDATES_SEX,
    RECORDS_CANDIDATES_BIRTH_DATE, RECORDS_CANDIDATES_HANDLE)

/*
 * The viewer (A12.1, A12.2). Every statement takes the patient and the
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
STMT(VIEWER_RECORDS,
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled, r.occurred_at, r.occurred_given"
	" FROM (SELECT r2.id FROM patient_link l JOIN record r2 ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.id = k.id JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC")
COLS(VIEWER_RECORDS, VIEWER_RECORDS_ID, VIEWER_RECORDS_AT,
    VIEWER_RECORDS_FACILITY_NAME, VIEWER_RECORDS_KIND, VIEWER_RECORDS_TITLE,
    VIEWER_RECORDS_SUMMARY, VIEWER_RECORDS_STATUS, VIEWER_RECORDS_DEPT,
    VIEWER_RECORDS_CANCELLED,
    VIEWER_RECORDS_OCCURRED_AT, VIEWER_RECORDS_OCCURRED_GIVEN)

/*
 * The timeline of current records over at most four links (unused: 0),
 * each link read backwards along record_link (link_id, status,
 * occurred_at, id) and stopped at its own page: a 5,000-record patient's
 * first page reads about as many rows as anyone's (docs/benchmarks.md). Each link's
 * limit is the page's end; the union is then cut to the page.
 */
/*
 * One link's newest current records, in its record_link index order; the
 * raw time last (the merge's key). The order is forced: with a hundred
 * facilities MariaDB began a 5,000-record link from facility and its
 * foreign key index, then sorted every row (32 ms instead of 0.3).
 */
STMT(VIEWER_TIMELINE_LINK,
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled, r.occurred_at, r.occurred_given"
	" FROM record r FORCE INDEX (record_link)"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" WHERE r.link_id = ? AND r.status = 'current'"
	" ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?")
COLS(VIEWER_TIMELINE_LINK, VIEWER_TIMELINE_LINK_ID, VIEWER_TIMELINE_LINK_AT,
    VIEWER_TIMELINE_LINK_FACILITY_NAME, VIEWER_TIMELINE_LINK_KIND,
    VIEWER_TIMELINE_LINK_TITLE, VIEWER_TIMELINE_LINK_SUMMARY,
    VIEWER_TIMELINE_LINK_STATUS, VIEWER_TIMELINE_LINK_DEPT,
    VIEWER_TIMELINE_LINK_CANCELLED, VIEWER_TIMELINE_LINK_OCCURRED_AT,
    VIEWER_TIMELINE_LINK_OCCURRED_GIVEN)

#define TL_LINK "(SELECT link_id, id, occurred_at FROM record WHERE link_id = ?" \
	" AND status = 'current' ORDER BY occurred_at DESC, id DESC LIMIT ?)"
STMT(VIEWER_TIMELINE,
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled, r.occurred_at, r.occurred_given"
	" FROM (" TL_LINK " UNION ALL " TL_LINK
	" UNION ALL " TL_LINK " UNION ALL " TL_LINK
	" ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.link_id = k.link_id AND r.id = k.id"
	" JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC")
SAME_COLS(VIEWER_TIMELINE, VIEWER_RECORDS)

/* A history export (A11.4: no identity in it): every row, one statement. */
STMT(VIEWER_EXPORT,
	"SELECT DATE_FORMAT(COALESCE(r.occurred_at, r.care_date, r.message_ts),"
	" '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary, r.status,"
	" r.occurred_given FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND r.kind <> 'patient' AND (r.status = 'current' OR ? = 1)"
	" ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?")
COLS(VIEWER_EXPORT, VIEWER_EXPORT_AT, VIEWER_EXPORT_FACILITY_NAME,
    VIEWER_EXPORT_KIND, VIEWER_EXPORT_TITLE, VIEWER_EXPORT_SUMMARY,
    VIEWER_EXPORT_STATUS,
    VIEWER_EXPORT_OCCURRED_GIVEN)

/* The same for some kinds only (up to nine; unused places are ''). */
STMT(VIEWER_RECORDS_KIND,
	"SELECT r.id, DATE_FORMAT(COALESCE(r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d %H:%i'), f.name, r.kind, r.title, r.summary,"
	" r.status, r.dept, r.cancelled, r.occurred_at, r.occurred_given"
	" FROM (SELECT r2.id FROM patient_link l JOIN record r2 ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND r2.kind IN (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	"  AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" JOIN record r ON r.id = k.id JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC")
SAME_COLS(VIEWER_RECORDS_KIND, VIEWER_RECORDS)
STMT(VIEWER_PROBLEMS,
	"SELECT DATE_FORMAT(p.onset, '%Y-%m-%d'), DATE_FORMAT(p.resolved, '%Y-%m-%d'),"
	" f.name, p.name, p.code, p.status, r.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_problem p ON p.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND (r.status = 'current' OR ? = 1)"
	" ORDER BY p.onset IS NULL, p.onset DESC, p.id DESC LIMIT ? OFFSET ?")
COLS(VIEWER_PROBLEMS, VIEWER_PROBLEMS_ONSET, VIEWER_PROBLEMS_RESOLVED,
    VIEWER_PROBLEMS_FACILITY_NAME, VIEWER_PROBLEMS_NAME, VIEWER_PROBLEMS_CODE,
    VIEWER_PROBLEMS_PROBLEM_STATUS, VIEWER_PROBLEMS_STATUS)
STMT(VIEWER_ALLERGIES,
	"SELECT DATE_FORMAT(a.onset, '%Y-%m-%d'), f.name, a.allergy_type, a.name,"
	" a.severity, a.reaction, r.status"
	" FROM patient_link l JOIN record r ON r.link_id = l.id"
	" JOIN record_allergy a ON a.record_id = r.id JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND (r.status = 'current' OR ? = 1)"
	" ORDER BY a.onset IS NULL, a.onset DESC, a.id DESC LIMIT 200")
COLS(VIEWER_ALLERGIES, VIEWER_ALLERGIES_ONSET, VIEWER_ALLERGIES_FACILITY_NAME,
    VIEWER_ALLERGIES_ALLERGY_TYPE, VIEWER_ALLERGIES_NAME,
    VIEWER_ALLERGIES_SEVERITY, VIEWER_ALLERGIES_REACTION,
    VIEWER_ALLERGIES_STATUS)

/* A page of prescription and injection records with their drugs; the last
 * column numbers the records, so one more than a page means a next page.
 * The order forced, the page's records first (issue 23: after an import
 * MariaDB began from a facility and read all of its records). */
STMT(VIEWER_MEDS,
	"SELECT DATE_FORMAT(COALESCE(m.given_at, r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d'), f.name, r.kind, m.drug_name, m.dose, m.unit,"
	" m.route, m.frequency, m.days, r.status, m.dosage_form, m.rp,"
	" DENSE_RANK() OVER (ORDER BY r.occurred_at DESC, r.id DESC)"
	" FROM (SELECT r2.id FROM patient_link l FORCE INDEX (patient_link_patient)"
	"  STRAIGHT_JOIN record r2 FORCE INDEX (record_link_kind) ON r2.link_id = l.id"
	"  WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	"  AND r2.kind IN ('prescription', 'injection', 'prescription_given',"
	"  'injection_given') AND (r2.status = 'current' OR ? = 1)"
	"  ORDER BY r2.occurred_at DESC, r2.id DESC LIMIT ? OFFSET ?) k"
	" STRAIGHT_JOIN record r FORCE INDEX (record_id) ON r.id = k.id"
	" STRAIGHT_JOIN record_med m FORCE INDEX (record_med_record) ON m.record_id = r.id"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" ORDER BY r.occurred_at DESC, r.id DESC, m.seq")
COLS(VIEWER_MEDS, VIEWER_MEDS_ON, VIEWER_MEDS_FACILITY_NAME, VIEWER_MEDS_KIND,
    VIEWER_MEDS_DRUG_NAME, VIEWER_MEDS_DOSE, VIEWER_MEDS_UNIT,
    VIEWER_MEDS_ROUTE, VIEWER_MEDS_FREQUENCY, VIEWER_MEDS_DAYS,
    VIEWER_MEDS_STATUS, VIEWER_MEDS_DOSAGE_FORM, VIEWER_MEDS_RP,
    VIEWER_MEDS_RANK)

/*
 * Every lab result at once (unsorted: pages/records.c orders them by test,
 * facility and date): the flow sheet's page of dates and the trend charts
 * are cut from it in C, so the results are joined to their records once.
 * The order is forced, from the patient's links: each link's results along
 * record_lab's clustered key (link_id, id), each result's record by its own
 * (link_id, id). Left to choose, MariaDB began from a facility and read all
 * of its records whenever its statistics lagged behind the tables (right
 * after an import: 300 ms at 2,000 patients, issue 23; test_plans.py).
 */
STMT(VIEWER_LAB_ALL,
	"SELECT DATE_FORMAT(COALESCE(x.observed_at, r.occurred_at, r.care_date,"
	" r.message_ts), '%Y-%m-%d') d, COALESCE(x.code, x.name) k, x.name,"
	" x.value, x.value_num, x.unit, x.range_text, x.flag, f.name fac,"
	" x.range_low, x.range_high, r.status, x.id, r.kind,"
	" DATE_FORMAT(COALESCE(x.observed_at, r.occurred_at), '%H:%i:%s'),"
	" COALESCE(NULLIF(SUBSTRING(x.observed_given, 12), ''),"
	"  DATE_FORMAT(x.observed_at, '%H:%i'))"
	" FROM patient_link l FORCE INDEX (patient_link_patient)"
	" STRAIGHT_JOIN record_lab x FORCE INDEX (PRIMARY) ON x.link_id = l.id"
	" STRAIGHT_JOIN record r FORCE INDEX (PRIMARY)"
	"  ON r.link_id = x.link_id AND r.id = x.record_id"
	" STRAIGHT_JOIN facility f ON f.id = r.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" AND r.kind IN ('lab', 'vital')"
	" AND (r.status = 'current' OR ? = 1) LIMIT 20000")
COLS(VIEWER_LAB_ALL, VIEWER_LAB_ALL_DATE, VIEWER_LAB_ALL_KEY,
    VIEWER_LAB_ALL_NAME, VIEWER_LAB_ALL_VALUE, VIEWER_LAB_ALL_NUM,
    VIEWER_LAB_ALL_UNIT, VIEWER_LAB_ALL_RANGE, VIEWER_LAB_ALL_FLAG,
    VIEWER_LAB_ALL_FAC, VIEWER_LAB_ALL_LOW, VIEWER_LAB_ALL_HIGH,
    VIEWER_LAB_ALL_STATUS, VIEWER_LAB_ALL_ID,
    VIEWER_LAB_ALL_KIND, VIEWER_LAB_ALL_TIME, VIEWER_LAB_ALL_TIME_GIVEN)
/* A keyword category (category^name^code system) shows its name. */
STMT(VIEWER_DOCS,
	"SELECT d.id, DATE_FORMAT(d.care_date, '%Y-%m-%d'), f.name,"
	" COALESCE(NULLIF(SUBSTRING_INDEX(SUBSTRING_INDEX(d.category, '^', 2),"
	" '^', -1), ''), d.category),"
	" d.title, d.content_type, d.size"
	" FROM patient_link l JOIN document d ON d.link_id = l.id"
	" JOIN facility f ON f.id = d.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)"
	" ORDER BY d.care_date IS NULL, d.care_date DESC, d.id DESC LIMIT ? OFFSET ?")
COLS(VIEWER_DOCS, VIEWER_DOCS_ID, VIEWER_DOCS_CARE_DATE,
    VIEWER_DOCS_FACILITY_NAME, VIEWER_DOCS_CATEGORY, VIEWER_DOCS_TITLE,
    VIEWER_DOCS_CONTENT_TYPE, VIEWER_DOCS_SIZE)
STMT(VIEWER_DOC_GET,
	"SELECT d.content_type, d.data FROM patient_link l"
	" JOIN document d ON d.link_id = l.id"
	" WHERE d.id = ? AND l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)")
COLS(VIEWER_DOC_GET, VIEWER_DOC_GET_CONTENT_TYPE, VIEWER_DOC_GET_DATA)

/* The anonymized print: sex and age in whole years only (A11.4). */
STMT(VIEWER_PRINT_PATIENT,
	"SELECT sex, TIMESTAMPDIFF(YEAR, birth_date, DATE(FROM_UNIXTIME(?) + INTERVAL 9 HOUR))"
	" FROM patient WHERE id = ?")
COLS(VIEWER_PRINT_PATIENT, VIEWER_PRINT_PATIENT_SEX, VIEWER_PRINT_PATIENT_AGE)

#undef TL_LINK
#undef CF_NAMES
