/* sql_form5.h: form 5's scanned paper and who is told of it (pages/form5.c; A12.2) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(CREVOC_ID_BY_NO,
	"SELECT id, patient_id, facility_id FROM consent_revocation WHERE receipt_no = ?")
COLS(CREVOC_ID_BY_NO, CREVOC_ID_BY_NO_ID, CREVOC_ID_BY_NO_PATIENT_ID,
    CREVOC_ID_BY_NO_FACILITY_ID)
STMT(CREVOC_SCAN_INSERT,
	"INSERT INTO consent_revocation_scan (revocation_id, content_type, size,"
	" sha256, data) VALUES (?, ?, ?, ?, ?)")
STMT(CREVOC_SCAN_INFO,
	"SELECT content_type, size, sha256 FROM consent_revocation_scan"
	" WHERE revocation_id = ?")
COLS(CREVOC_SCAN_INFO, CREVOC_SCAN_INFO_CONTENT_TYPE, CREVOC_SCAN_INFO_SIZE,
    CREVOC_SCAN_INFO_SHA256)
STMT(CREVOC_SCAN_GET,
	"SELECT content_type, data FROM consent_revocation_scan WHERE revocation_id = ?")
COLS(CREVOC_SCAN_GET, CREVOC_SCAN_GET_CONTENT_TYPE, CREVOC_SCAN_GET_DATA)
/* The disclosing facilities holding the patient's records: their managers are told. */
STMT(CREVOC_DISCLOSING,
	"SELECT DISTINCT l.facility_id FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id"
	" WHERE l.patient_id = ? AND f.disclosing = 1")
COLS(CREVOC_DISCLOSING, CREVOC_DISCLOSING_FACILITY_ID)
