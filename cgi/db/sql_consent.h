/* sql_consent.h: consents (form 4), revocations (form 5), the access report (pages/consent.c, pages/revocation.c; A12.2, A12.3) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(CONSENT_BY_IDEM,
	"SELECT id FROM consent WHERE idem = ?")
COLS(CONSENT_BY_IDEM, CONSENT_BY_IDEM_ID)
STMT(CONSENT_INSERT,
	"INSERT INTO consent (patient_id, signed_on, signer, proxy_name,"
	" proxy_relation, all_disclosing, all_viewing, facility_id, registered_at,"
	" registered_by, idem, after_revocation) VALUES (?, ?, ?, NULLIF(?, ''),"
	" NULLIF(?, ''), ?, ?, ?, FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND, ?, ?, ?)")
STMT(CONSENT_FAC_INSERT,
	"INSERT INTO consent_facility (consent_id, side, facility_id) VALUES (?, ?, ?)")
STMT(CONSENT_SCAN_INSERT,
	"INSERT INTO consent_scan (consent_id, content_type, size, sha256, data)"
	" VALUES (?, ?, ?, ?, ?)")

/* The oldest ? waiting, with how many wait in all (before the limit). */
STMT(CONSENT_QUEUE,
	"SELECT c.id, UNIX_TIMESTAMP(c.registered_at), c.signed_on, f.name, u.name,"
	" s.content_type IS NOT NULL, c.signer, c.all_disclosing, c.all_viewing,"
	" COUNT(*) OVER ()"
	" FROM consent c JOIN facility f ON f.id = c.facility_id"
	" JOIN users u ON u.id = c.registered_by"
	" LEFT JOIN consent_scan s ON s.consent_id = c.id"
	" WHERE c.status = 'submitted' ORDER BY c.registered_at, c.id LIMIT ?")
COLS(CONSENT_QUEUE, CONSENT_QUEUE_ID, CONSENT_QUEUE_REGISTERED_AT,
    CONSENT_QUEUE_SIGNED_ON, CONSENT_QUEUE_FACILITY_NAME,
    CONSENT_QUEUE_REGISTRAR_NAME, CONSENT_QUEUE_HAS_SCAN, CONSENT_QUEUE_SIGNER,
    CONSENT_QUEUE_ALL_DISCLOSING, CONSENT_QUEUE_ALL_VIEWING,
    CONSENT_QUEUE_TOTAL)
STMT(CONSENT_GET,
	"SELECT c.id, c.patient_id, c.signed_on, c.signer, c.proxy_name,"
	" c.proxy_relation, c.all_disclosing, c.all_viewing, c.facility_id, f.name,"
	" UNIX_TIMESTAMP(c.registered_at), u.name, c.status,"
	" UNIX_TIMESTAMP(c.checked_at), c.check_note, c.version, s.content_type,"
	" s.size, s.sha256, p.network_id, f.code"
	" FROM consent c JOIN facility f ON f.id = c.facility_id"
	" JOIN users u ON u.id = c.registered_by JOIN patient p ON p.id = c.patient_id"
	" LEFT JOIN consent_scan s ON s.consent_id = c.id WHERE c.id = ?")
COLS(CONSENT_GET, CONSENT_GET_ID, CONSENT_GET_PATIENT_ID, CONSENT_GET_SIGNED_ON,
    CONSENT_GET_SIGNER, CONSENT_GET_PROXY_NAME, CONSENT_GET_PROXY_RELATION,
    CONSENT_GET_ALL_DISCLOSING, CONSENT_GET_ALL_VIEWING,
    CONSENT_GET_FACILITY_ID, CONSENT_GET_FACILITY_NAME,
    CONSENT_GET_REGISTERED_AT, CONSENT_GET_REGISTRAR_NAME, CONSENT_GET_STATUS,
    CONSENT_GET_CHECKED_AT, CONSENT_GET_CHECK_NOTE, CONSENT_GET_VERSION,
    CONSENT_GET_CONTENT_TYPE, CONSENT_GET_SIZE, CONSENT_GET_SHA256,
    CONSENT_GET_NETWORK_ID, CONSENT_GET_FACILITY_CODE)
STMT(CONSENT_FACS,
	"SELECT cf.side, f.id, f.code, f.name FROM consent_facility cf"
	" JOIN facility f ON f.id = cf.facility_id WHERE cf.consent_id = ?"
	" ORDER BY cf.side, f.code")
COLS(CONSENT_FACS, CONSENT_FACS_SIDE, CONSENT_FACS_ID, CONSENT_FACS_CODE,
    CONSENT_FACS_NAME)
STMT(CONSENT_CHECK,
	"UPDATE consent SET status = ?, checked_at = UTC_TIMESTAMP(6),"
	" checked_by = ?, check_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'submitted'")
STMT(CONSENT_SCAN_GET,
	"SELECT content_type, size, sha256, data FROM consent_scan WHERE consent_id = ?")
COLS(CONSENT_SCAN_GET, CONSENT_SCAN_GET_CONTENT_TYPE, CONSENT_SCAN_GET_SIZE,
    CONSENT_SCAN_GET_SHA256, CONSENT_SCAN_GET_DATA)

/*
 * When a consent ended: the first receipt of a form 5 that revokes it
 * (signed after it, or the same day unless it was stated signed after;
 * consent_revoked() decides the same), not before its registration.
 */
STMT(CONSENT_REVOKED_AT,
	"SELECT COALESCE(GREATEST(MIN(UNIX_TIMESTAMP(v.received_at)),"
	" UNIX_TIMESTAMP(c.registered_at)), 0) FROM consent_revocation v"
	" JOIN consent c ON c.id = ?"
	" WHERE v.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m)"
	" AND (v.signed_on > c.signed_on OR (v.signed_on = c.signed_on"
	" AND c.after_revocation = 0))")
COLS(CONSENT_REVOKED_AT, CONSENT_REVOKED_AT_ENDED_AT)
STMT(CREVOC_BY_IDEM,
	"SELECT receipt_no FROM consent_revocation WHERE idem = ?")
COLS(CREVOC_BY_IDEM, CREVOC_BY_IDEM_RECEIPT_NO)
STMT(CREVOC_INSERT,
	"INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, signer,"
	" proxy_name, proxy_relation, via, facility_id, note, received_at,"
	" received_by, idem) VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?,"
	" NULLIF(?, 0), NULLIF(?, ''), FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND, ?, ?)")
STMT(CREVOC_GET,
	"SELECT r.receipt_no, r.patient_id, r.signed_on, r.signer, r.proxy_name,"
	" r.proxy_relation, r.via, f.name, UNIX_TIMESTAMP(r.received_at), u.name,"
	" p.name, p.kana, r.facility_id FROM consent_revocation r"
	" JOIN patient p ON p.id = r.patient_id JOIN users u ON u.id = r.received_by"
	" LEFT JOIN facility f ON f.id = r.facility_id WHERE r.receipt_no = ?")
COLS(CREVOC_GET, CREVOC_GET_RECEIPT_NO, CREVOC_GET_PATIENT_ID,
    CREVOC_GET_SIGNED_ON, CREVOC_GET_SIGNER, CREVOC_GET_PROXY_NAME,
    CREVOC_GET_PROXY_RELATION, CREVOC_GET_VIA, CREVOC_GET_FACILITY_NAME,
    CREVOC_GET_RECEIVED_AT, CREVOC_GET_RECEIVER_NAME, CREVOC_GET_PATIENT_NAME,
    CREVOC_GET_PATIENT_KANA, CREVOC_GET_FACILITY_ID)

/*
 * Every look at this patient's data by a user of the network (A11.2) in
 * a period of Japan days (from, to: either may be NULL), newest first, at
 * most ? rows: the caller asks one more than it shows to know the period
 * holds more. The patient's own entries are read backwards along
 * audit_patient (patient_id, ts) and stopped at the limit, so a patient
 * seen every day for years costs a page, not every entry (docs/benchmarks.md; "IN
 * (patient, its merged duplicates)" read them all and sorted them). A
 * merged duplicate's entries (rare) are the second branch. Only looks
 * at the data count, not what was done about them afterwards (an
 * emergency's follow-up, a judgement of it): the records, and the
 * patient's identity too (its page, its place in a search's list, the
 * consent and revocation pages that show it; A11.2). Parameters:
 * patient, from x2, to x2, limit; survivor, from x2, to x2, limit; limit.
 */
#define REPORT_BRANCH(FROM, WHO) \
	"(SELECT UNIX_TIMESTAMP(a.ts), f.name, pr.name, a.purpose, a.action," \
	" a.purpose = 'emergency', a.ts AS t, a.id AS i FROM " FROM \
	" LEFT JOIN facility f ON f.id = a.facility_id" \
	" LEFT JOIN users u ON u.id = a.user_id" \
	" LEFT JOIN profession pr ON pr.code = u.profession" \
	" WHERE " WHO " AND a.outcome = 'allowed' AND a.action IN ('record.view'," \
	" 'record.print', 'record.export', 'record.fhir.export', 'document.view'," \
	" 'emergency.grant'," \
	" 'patient.view', 'patient.search_listed', 'records.search_listed'," \
	" 'consent.view'," \
	" 'consent.scan_view', 'consent.export', 'consent.form_view'," \
	" 'consent.revoke_form_view', 'consent.revoke_receipt')" \
	" AND (? IS NULL OR a.ts >= CAST(? AS DATE) - INTERVAL 9 HOUR)" \
	" AND (? IS NULL OR a.ts < CAST(? AS DATE) + INTERVAL 15 HOUR)" \
	" ORDER BY a.ts DESC, a.id DESC LIMIT ?)"
STMT(ACCESS_REPORT,
	REPORT_BRANCH("audit a FORCE INDEX (audit_patient)", "a.patient_id = ?")
	" UNION ALL "
	REPORT_BRANCH("patient_merge pm JOIN audit a ON a.patient_id = pm.merged_id",
	    "pm.survivor_id = ? AND pm.undone_at IS NULL")
	" ORDER BY t DESC, i DESC LIMIT ?")
COLS(ACCESS_REPORT, ACCESS_REPORT_TS, ACCESS_REPORT_FACILITY_NAME,
    ACCESS_REPORT_PROFESSION_NAME, ACCESS_REPORT_PURPOSE, ACCESS_REPORT_ACTION,
    ACCESS_REPORT_EMERGENCY, ACCESS_REPORT_T, ACCESS_REPORT_I)

#undef REPORT_BRANCH
