/* sql_monitor.h: monitoring inside a facility: access log, measures, reports (pages/monitor.c; A6.2, A6.3) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/*
 * Monitoring inside a facility (A6.2): the accesses to patient data made
 * under this facility (audit.facility_id is the viewer's facility at the
 * time), newest first; every filter is "? is empty or it matches". Dates
 * are Japan dates: a day starts at 15:00 UTC the day before.
 */
STMT(MONITOR_ACCESS,
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
	 * entries first, docs/benchmarks.md: 10 million entries). */
	" ORDER BY a.ts DESC, a.id DESC LIMIT ? OFFSET ?")
COLS(MONITOR_ACCESS, MONITOR_ACCESS_ID, MONITOR_ACCESS_TS,
    MONITOR_ACCESS_USER_ID, MONITOR_ACCESS_USER_NAME, MONITOR_ACCESS_LOGIN,
    MONITOR_ACCESS_ACTION, MONITOR_ACCESS_PATIENT_ID, MONITOR_ACCESS_NETWORK_ID,
    MONITOR_ACCESS_PATIENT_NAME, MONITOR_ACCESS_PURPOSE, MONITOR_ACCESS_OUTCOME,
    MONITOR_ACCESS_DETAIL)

/* Every user the facility has had: past accesses outlive an account. */
STMT(MONITOR_USERS,
	"SELECT id, login, name FROM users WHERE facility_id = ? ORDER BY login")
COLS(MONITOR_USERS, MONITOR_USERS_ID, MONITOR_USERS_LOGIN, MONITOR_USERS_NAME)
STMT(MONITOR_USER_OK,
	"SELECT COUNT(*) FROM users WHERE id = ? AND facility_id = ?")
COLS(MONITOR_USER_OK, MONITOR_USER_OK_N)

/* One entry of the access list, only if it is this facility's. */
STMT(MONITOR_AUDIT_GET,
	"SELECT a.id, a.user_id, DATE_FORMAT(a.ts + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i:%s'), a.action, u.name, p.network_id FROM audit a"
	" LEFT JOIN users u ON u.id = a.user_id"
	" LEFT JOIN patient p ON p.id = a.patient_id"
	" WHERE a.id = ? AND a.facility_id = ? AND a.patient_access = 1")
COLS(MONITOR_AUDIT_GET, MONITOR_AUDIT_GET_ID, MONITOR_AUDIT_GET_USER_ID,
    MONITOR_AUDIT_GET_TS, MONITOR_AUDIT_GET_ACTION, MONITOR_AUDIT_GET_USER_NAME,
    MONITOR_AUDIT_GET_NETWORK_ID)
STMT(MONITOR_PATIENT_BY_NETWORK_ID,
	"SELECT id FROM patient WHERE network_id = ?")
COLS(MONITOR_PATIENT_BY_NETWORK_ID, MONITOR_PATIENT_BY_NETWORK_ID_ID)
STMT(MONITOR_PATIENT_GET,
	"SELECT network_id, name FROM patient WHERE id = ?")
COLS(MONITOR_PATIENT_GET, MONITOR_PATIENT_GET_NETWORK_ID,
    MONITOR_PATIENT_GET_NAME)
STMT(MEASURE_BY_IDEM,
	"SELECT id FROM corrective_measure WHERE idem = ?")
COLS(MEASURE_BY_IDEM, MEASURE_BY_IDEM_ID)
STMT(MEASURE_INSERT,
	"INSERT INTO corrective_measure (facility_id, user_id, audit_id, body,"
	" created_at, created_by, idem) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?)")
STMT(MEASURE_LIST,
	"SELECT m.id, DATE_FORMAT(m.created_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), u.name, m.audit_id, m.body, b.name, m.user_id,"
	" DATE_FORMAT(a.ts + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'), a.action,"
	" p.network_id FROM corrective_measure m"
	" LEFT JOIN users u ON u.id = m.user_id"
	" JOIN users b ON b.id = m.created_by"
	" LEFT JOIN audit a ON a.id = m.audit_id"
	" LEFT JOIN patient p ON p.id = a.patient_id"
	" WHERE m.facility_id = ? ORDER BY m.id DESC LIMIT 500")
COLS(MEASURE_LIST, MEASURE_LIST_ID, MEASURE_LIST_CREATED_AT,
    MEASURE_LIST_USER_NAME, MEASURE_LIST_AUDIT_ID, MEASURE_LIST_BODY,
    MEASURE_LIST_AUTHOR_NAME, MEASURE_LIST_USER_ID, MEASURE_LIST_TS,
    MEASURE_LIST_ACTION, MEASURE_LIST_NETWORK_ID)
STMT(FREPORT_BY_IDEM,
	"SELECT id FROM facility_report WHERE idem = ?")
COLS(FREPORT_BY_IDEM, FREPORT_BY_IDEM_ID)
STMT(FREPORT_INSERT,
	"INSERT INTO facility_report (facility_id, kind, user_id, audit_id, body,"
	" created_at, created_by, idem) VALUES (?, 'misuse', ?, ?, ?,"
	" UTC_TIMESTAMP(6), ?, ?)")

/* A manager's facility (? = its id) or, for the operator (? = 0), all. */
STMT(FREPORT_LIST,
	"SELECT r.id, DATE_FORMAT(r.created_at + INTERVAL 9 HOUR,"
	" '%Y-%m-%d %H:%i'), f.name, u.name, r.status, b.name, r.kind"
	" FROM facility_report r JOIN facility f ON f.id = r.facility_id"
	" LEFT JOIN users u ON u.id = r.user_id"
	" JOIN users b ON b.id = r.created_by"
	" WHERE (? = 0 OR r.facility_id = ?)"
	" ORDER BY r.status = 'sent' DESC, r.id DESC LIMIT 500")
COLS(FREPORT_LIST, FREPORT_LIST_ID, FREPORT_LIST_CREATED_AT,
    FREPORT_LIST_FACILITY_NAME, FREPORT_LIST_USER_NAME, FREPORT_LIST_STATUS,
    FREPORT_LIST_AUTHOR_NAME, FREPORT_LIST_KIND)
STMT(FREPORT_GET,
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
	" LEFT JOIN patient p ON p.id = a.patient_id WHERE r.id = ?")
COLS(FREPORT_GET, FREPORT_GET_ID, FREPORT_GET_CREATED_AT,
    FREPORT_GET_FACILITY_NAME, FREPORT_GET_USER_NAME, FREPORT_GET_STATUS,
    FREPORT_GET_AUTHOR_NAME, FREPORT_GET_KIND, FREPORT_GET_BODY,
    FREPORT_GET_AUDIT_ID, FREPORT_GET_ACK_NOTE, FREPORT_GET_ACK_AT,
    FREPORT_GET_ACKER_NAME, FREPORT_GET_VERSION, FREPORT_GET_FACILITY_ID,
    FREPORT_GET_LOGIN, FREPORT_GET_TS, FREPORT_GET_ACTION,
    FREPORT_GET_NETWORK_ID, FREPORT_GET_PURPOSE, FREPORT_GET_PATIENT_NAME)
STMT(FREPORT_ACK,
	"UPDATE facility_report SET status = 'acknowledged', ack_note = ?,"
	" ack_at = UTC_TIMESTAMP(6), ack_by = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'sent'")
