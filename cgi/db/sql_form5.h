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
/* Form 5 as printed: the revocation with the patient as the paper names them. */
STMT(CREVOC_PRINT,
	"SELECT r.id, r.receipt_no, r.patient_id, r.signed_on, r.signer,"
	" r.proxy_name, r.proxy_relation, r.via, f.name, UNIX_TIMESTAMP(r.received_at),"
	" u.name, p.name, p.kana, p.birth_date, p.sex, p.address, p.network_id,"
	" r.facility_id FROM consent_revocation r"
	" JOIN patient p ON p.id = r.patient_id JOIN users u ON u.id = r.received_by"
	" LEFT JOIN facility f ON f.id = r.facility_id WHERE r.receipt_no = ?")
COLS(CREVOC_PRINT, CREVOC_PRINT_ID, CREVOC_PRINT_RECEIPT_NO,
    CREVOC_PRINT_PATIENT_ID, CREVOC_PRINT_SIGNED_ON, CREVOC_PRINT_SIGNER,
    CREVOC_PRINT_PROXY_NAME, CREVOC_PRINT_PROXY_RELATION, CREVOC_PRINT_VIA,
    CREVOC_PRINT_FACILITY_NAME, CREVOC_PRINT_RECEIVED_AT,
    CREVOC_PRINT_RECEIVER_NAME, CREVOC_PRINT_PATIENT_NAME,
    CREVOC_PRINT_PATIENT_KANA, CREVOC_PRINT_BIRTH_DATE, CREVOC_PRINT_SEX,
    CREVOC_PRINT_ADDRESS, CREVOC_PRINT_NETWORK_ID, CREVOC_PRINT_FACILITY_ID)
/* Form 4 as printed: the consent with the patient as the paper names them. */
STMT(CONSENT_PRINT,
	"SELECT c.id, c.patient_id, c.signed_on, c.signer, c.proxy_name,"
	" c.proxy_relation, c.all_disclosing, c.all_viewing, f.name,"
	" UNIX_TIMESTAMP(c.registered_at), u.name, c.status, p.name, p.kana,"
	" p.birth_date, p.sex, p.address, p.network_id, c.facility_id"
	" FROM consent c JOIN facility f ON f.id = c.facility_id"
	" JOIN users u ON u.id = c.registered_by JOIN patient p ON p.id = c.patient_id"
	" WHERE c.id = ?")
COLS(CONSENT_PRINT, CONSENT_PRINT_ID, CONSENT_PRINT_PATIENT_ID,
    CONSENT_PRINT_SIGNED_ON, CONSENT_PRINT_SIGNER, CONSENT_PRINT_PROXY_NAME,
    CONSENT_PRINT_PROXY_RELATION, CONSENT_PRINT_ALL_DISCLOSING,
    CONSENT_PRINT_ALL_VIEWING, CONSENT_PRINT_FACILITY_NAME,
    CONSENT_PRINT_REGISTERED_AT, CONSENT_PRINT_REGISTRAR_NAME,
    CONSENT_PRINT_STATUS, CONSENT_PRINT_PATIENT_NAME, CONSENT_PRINT_PATIENT_KANA,
    CONSENT_PRINT_BIRTH_DATE, CONSENT_PRINT_SEX, CONSENT_PRINT_ADDRESS,
    CONSENT_PRINT_NETWORK_ID, CONSENT_PRINT_FACILITY_ID)
