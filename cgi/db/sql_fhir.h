/* sql_fhir.h: a patient's records read for FHIR bundles (rules/jpcore.c; A11.2, A12.2) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * The links a bundle covers: a network patient's at the disclosing
 * facilities this viewer may see now ("1,5": access.c decided it for this
 * request, as for the viewer), or a facility's own, a page at a time after
 * the last id, only those with records or documents (the admin tool's
 * hand-over). The facility's own demographics come with its own links.
 */
#define FHIR_LINK_COLS "SELECT l.id, l.facility_id, l.local_id, f.code, f.name"
STMT(FHIR_LINKS_PATIENT,
	FHIR_LINK_COLS ", NULL, NULL, NULL, NULL"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" WHERE l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?) ORDER BY l.id")
COLS(FHIR_LINKS_PATIENT, FHIR_LINK_ID, FHIR_LINK_FACILITY_ID,
    FHIR_LINK_LOCAL_ID, FHIR_LINK_CODE, FHIR_LINK_FACILITY_NAME,
    FHIR_LINK_NAME, FHIR_LINK_KANA, FHIR_LINK_SEX, FHIR_LINK_BIRTH_DATE)
STMT(FHIR_LINKS_FACILITY,
	FHIR_LINK_COLS ", l.name, l.kana, l.sex, DATE_FORMAT(l.birth_date, '%Y-%m-%d')"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" WHERE l.facility_id = ? AND l.id > ?"
	" AND (EXISTS (SELECT 1 FROM record r WHERE r.link_id = l.id"
	"  AND r.status = 'current' AND r.kind <> 'patient')"
	" OR EXISTS (SELECT 1 FROM document d WHERE d.link_id = l.id))"
	" ORDER BY l.id LIMIT ?")
SAME_COLS(FHIR_LINKS_FACILITY, FHIR_LINKS_PATIENT)

/* The network's own row of the patient (the viewer's bundle). */
STMT(FHIR_PATIENT,
	"SELECT network_id, name, kana, sex, DATE_FORMAT(birth_date, '%Y-%m-%d')"
	" FROM patient WHERE id = ?")
COLS(FHIR_PATIENT, FHIR_PATIENT_NETWORK_ID, FHIR_PATIENT_NAME,
    FHIR_PATIENT_KANA, FHIR_PATIENT_SEX, FHIR_PATIENT_BIRTH_DATE)

/*
 * The current records of the links in a JSON array ("[3,8]"), each
 * statement ordered by link first so that the admin tool can cut one
 * chunk of links into one bundle per link. Times: the facilities' own
 * (JST) as sent, written as FHIR dateTime with +09:00 (a date alone when
 * only the date is known); imported_at is UTC. Every statement also takes
 * a row limit: a result that reaches it is refused, never cut.
 */
#define FHIR_RECS \
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) k" \
	" JOIN record r ON r.link_id = k.id AND r.status = 'current'"
#define FHIR_DT(x)	"DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%s+09:00')"
#define FHIR_DAY(x)	"DATE_FORMAT(" x ", '%Y-%m-%d')"
#define FHIR_UTC(x)	"DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%sZ')"
#define FHIR_WHEN \
	"COALESCE(" FHIR_DT("r.occurred_at") ", " FHIR_DAY("r.care_date") ", " \
	FHIR_DT("r.message_ts") ")"

/* Visits, admissions, discharges and their plans (the viewer's "visits"). */
STMT(FHIR_ENCOUNTERS,
	"SELECT r.id, r.link_id, r.facility_id, r.kind, " FHIR_WHEN ", r.dept,"
	" r.title, " FHIR_UTC("r.imported_at") FHIR_RECS
	" WHERE r.kind IN ('visit', 'admission_plan', 'admission', 'leave',"
	" 'leave_return', 'transfer_plan', 'transfer', 'discharge_plan', 'discharge')"
	" ORDER BY r.link_id, r.occurred_at, r.id LIMIT ?")
COLS(FHIR_ENCOUNTERS, FHIR_ENC_ID, FHIR_ENC_LINK, FHIR_ENC_FACILITY,
    FHIR_ENC_KIND, FHIR_ENC_WHEN, FHIR_ENC_DEPT, FHIR_ENC_TITLE,
    FHIR_ENC_UPDATED)

/* Problems and diagnoses (PRB of PPR-01). */
STMT(FHIR_PROBLEMS,
	"SELECT p.id, r.link_id, r.facility_id, p.code, p.code_system, p.name,"
	" " FHIR_DAY("p.onset") ", " FHIR_DAY("p.resolved") ", "
	FHIR_DT("r.message_ts") ", " FHIR_UTC("r.imported_at") FHIR_RECS
	" JOIN record_problem p ON p.record_id = r.id"
	" ORDER BY r.link_id, p.id LIMIT ?")
COLS(FHIR_PROBLEMS, FHIR_PRB_ID, FHIR_PRB_LINK, FHIR_PRB_FACILITY,
    FHIR_PRB_CODE, FHIR_PRB_SYSTEM, FHIR_PRB_NAME, FHIR_PRB_ONSET,
    FHIR_PRB_RESOLVED, FHIR_PRB_RECORDED, FHIR_PRB_UPDATED)

/* Allergies (IAM of ADT-61); the message's code system is not kept. */
STMT(FHIR_ALLERGIES,
	"SELECT a.id, r.link_id, r.facility_id, a.allergy_type, a.code, a.name,"
	" a.severity, a.reaction, " FHIR_DAY("a.onset") ", "
	FHIR_DT("r.message_ts") ", " FHIR_UTC("r.imported_at") FHIR_RECS
	" JOIN record_allergy a ON a.record_id = r.id"
	" ORDER BY r.link_id, a.id LIMIT ?")
COLS(FHIR_ALLERGIES, FHIR_ALG_ID, FHIR_ALG_LINK, FHIR_ALG_FACILITY,
    FHIR_ALG_TYPE, FHIR_ALG_CODE, FHIR_ALG_NAME, FHIR_ALG_SEVERITY,
    FHIR_ALG_REACTION, FHIR_ALG_ONSET, FHIR_ALG_RECORDED, FHIR_ALG_UPDATED)

/* Lab results and vital signs (OBX rows; record kind lab or vital). */
STMT(FHIR_OBSERVATIONS,
	"SELECT x.id, r.link_id, r.facility_id, r.kind, x.code, x.code_system,"
	" x.name, x.value_type, x.value, x.unit, x.range_low, x.range_high,"
	" x.range_text, x.flag, x.result_status,"
	" COALESCE(" FHIR_DT("x.observed_at") ", " FHIR_WHEN "), "
	FHIR_UTC("r.imported_at") FHIR_RECS
	" JOIN record_lab x ON x.record_id = r.id WHERE r.kind IN ('lab', 'vital')"
	" ORDER BY r.link_id, x.id LIMIT ?")
COLS(FHIR_OBSERVATIONS, FHIR_OBS_ID, FHIR_OBS_LINK, FHIR_OBS_FACILITY,
    FHIR_OBS_KIND, FHIR_OBS_CODE, FHIR_OBS_SYSTEM, FHIR_OBS_NAME,
    FHIR_OBS_VALUE_TYPE, FHIR_OBS_VALUE, FHIR_OBS_UNIT, FHIR_OBS_LOW,
    FHIR_OBS_HIGH, FHIR_OBS_RANGE, FHIR_OBS_FLAG, FHIR_OBS_STATUS,
    FHIR_OBS_WHEN, FHIR_OBS_UPDATED)

/*
 * Prescription and injection orders with their drugs, each drug's place in
 * its Rp group (JP Core's orderInRp), and whether its days ended before
 * today (the second parameter, Japan's date; the test clock's in tests).
 */
STMT(FHIR_MEDS,
	"SELECT m.id, r.link_id, r.facility_id, r.kind, m.rp,"
	" ROW_NUMBER() OVER (PARTITION BY m.record_id, m.rp ORDER BY m.seq),"
	" m.drug_code, m.code_system, m.drug_name, m.dose, m.unit, m.route,"
	" m.frequency, m.days, " FHIR_WHEN ", r.order_no,"
	" CASE WHEN m.days IS NULL THEN 'unknown'"
	"  WHEN COALESCE(r.care_date, DATE(r.occurred_at), DATE(r.message_ts))"
	"  + INTERVAL m.days DAY <= CAST(? AS DATE) THEN 'completed' ELSE 'active' END,"
	" " FHIR_UTC("r.imported_at") FHIR_RECS
	" JOIN record_med m ON m.record_id = r.id"
	" WHERE r.kind IN ('prescription', 'injection')"
	" ORDER BY r.link_id, m.id LIMIT ?")
COLS(FHIR_MEDS, FHIR_MED_ID, FHIR_MED_LINK, FHIR_MED_FACILITY, FHIR_MED_KIND,
    FHIR_MED_RP, FHIR_MED_IN_RP, FHIR_MED_CODE, FHIR_MED_SYSTEM,
    FHIR_MED_NAME, FHIR_MED_DOSE, FHIR_MED_UNIT, FHIR_MED_ROUTE,
    FHIR_MED_FREQUENCY, FHIR_MED_DAYS, FHIR_MED_AUTHORED, FHIR_MED_ORDER,
    FHIR_MED_STATUS, FHIR_MED_UPDATED)

/* Extended-storage documents: what they are, never their bytes. */
STMT(FHIR_DOCUMENTS,
	"SELECT d.id, d.link_id, d.facility_id, " FHIR_DAY("d.care_date") ","
	" d.category, d.title, d.content_type, d.size, " FHIR_UTC("d.imported_at")
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) k"
	" JOIN document d ON d.link_id = k.id ORDER BY d.link_id, d.id LIMIT ?")
COLS(FHIR_DOCUMENTS, FHIR_DOC_ID, FHIR_DOC_LINK, FHIR_DOC_FACILITY,
    FHIR_DOC_DATE, FHIR_DOC_CATEGORY, FHIR_DOC_TITLE, FHIR_DOC_CTYPE,
    FHIR_DOC_SIZE, FHIR_DOC_UPDATED)

#undef FHIR_LINK_COLS
#undef FHIR_RECS
#undef FHIR_DT
#undef FHIR_DAY
#undef FHIR_UTC
#undef FHIR_WHEN
