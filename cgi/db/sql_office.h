/* sql_office.h: the network office's weekday work (rules/accounts.c, pages/office.c, pages/sources.c, pages/todo.c; issue 20) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* A login ID in use: a user's, or asked for by another draft or submitted application. */
STMT(LOGIN_TAKEN,
	"SELECT (SELECT COUNT(*) FROM users WHERE login = ?)"
	" + (SELECT COUNT(*) FROM application WHERE (user_login = ?"
	" OR manager_login = ?) AND status IN ('draft', 'submitted') AND id <> ?)")
COLS(LOGIN_TAKEN, LOGIN_TAKEN_N)

/* What an approval makes an account of. */
STMT(APP_ACCOUNT,
	"SELECT manager_login, manager_profession, requested_role"
	" FROM application WHERE id = ?")
COLS(APP_ACCOUNT, APP_ACCOUNT_MANAGER_LOGIN, APP_ACCOUNT_MANAGER_PROFESSION,
    APP_ACCOUNT_REQUESTED_ROLE)

/*
 * Accounts with no certificate in force: the operator's queue (A4.2), the
 * active accounts oldest first along users_status, each one's certificates
 * along cert_user (left to choose, MariaDB read every user, or every
 * certificate in force for each account: issue 23).
 */
STMT(CERT_WAITING,
	"SELECT u.id, u.login, u.name, f.name FROM users u FORCE INDEX (users_status)"
	" STRAIGHT_JOIN facility f ON f.id = u.facility_id WHERE u.status = 'active'"
	" AND NOT EXISTS (SELECT 1 FROM cert c FORCE INDEX (cert_user)"
	" WHERE c.user_id = u.id"
	" AND c.status = 'active' AND c.not_after > ?)"
	" ORDER BY u.created_at, u.id LIMIT 200")
COLS(CERT_WAITING, CERT_WAITING_ID, CERT_WAITING_LOGIN, CERT_WAITING_NAME,
    CERT_WAITING_FACILITY_NAME)
STMT(CERT_BY_SERIAL,
	"SELECT c.status, u.login, u.name, f.name, c.not_after FROM cert c"
	" LEFT JOIN users u ON u.id = c.user_id"
	" LEFT JOIN facility f ON f.id = u.facility_id WHERE c.serial = ?")
COLS(CERT_BY_SERIAL, CERT_BY_SERIAL_STATUS, CERT_BY_SERIAL_LOGIN,
    CERT_BY_SERIAL_USER_NAME, CERT_BY_SERIAL_FACILITY_NAME,
    CERT_BY_SERIAL_NOT_AFTER)

/* A facility as the office keeps it (issue 20). */
STMT(FACILITY_GET,
	"SELECT id, code, name, kind, in_region, disclosing, viewing, status,"
	" version, medical_code, address, phone, contact FROM facility WHERE id = ?")
COLS(FACILITY_GET, FACILITY_GET_ID, FACILITY_GET_CODE, FACILITY_GET_NAME,
    FACILITY_GET_KIND, FACILITY_GET_IN_REGION, FACILITY_GET_DISCLOSING,
    FACILITY_GET_VIEWING, FACILITY_GET_STATUS, FACILITY_GET_VERSION,
    FACILITY_GET_MEDICAL_CODE, FACILITY_GET_ADDRESS, FACILITY_GET_PHONE,
    FACILITY_GET_CONTACT)
STMT(FACILITY_ADD,
	"INSERT INTO facility (code, name, kind, in_region, disclosing, viewing,"
	" medical_code, address, phone, contact) VALUES (?, ?, ?, 1, ?, ?, ?, ?,"
	" ?, ?)")
STMT(FACILITY_EDIT,
	"UPDATE facility SET name = ?, kind = ?, disclosing = ?, viewing = ?,"
	" medical_code = ?, address = ?, phone = ?, contact = ?,"
	" version = version + 1 WHERE id = ? AND version = ?")
/* A18: a move in or out of the region and the decision it rests on. */
STMT(FACILITY_REGION_CHANGE,
	"INSERT INTO facility_region_change (facility_id, in_region,"
	" decision_kind, meeting_id, decided_on, sole_reason, note, changed_by,"
	" changed_at) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, UTC_TIMESTAMP(6))")
STMT(FACILITY_REGION_HISTORY,
	"SELECT c.in_region, c.decision_kind, DATE_FORMAT(c.decided_on, '%Y-%m-%d'),"
	" c.sole_reason, c.note, u.name, UNIX_TIMESTAMP(c.changed_at)"
	" FROM facility_region_change c LEFT JOIN users u ON u.id = c.changed_by"
	" WHERE c.facility_id = ? ORDER BY c.changed_at DESC, c.id DESC")
COLS(FACILITY_REGION_HISTORY, FACILITY_REGION_HISTORY_IN_REGION,
    FACILITY_REGION_HISTORY_DECISION_KIND, FACILITY_REGION_HISTORY_DECIDED_ON,
    FACILITY_REGION_HISTORY_SOLE_REASON, FACILITY_REGION_HISTORY_NOTE,
    FACILITY_REGION_HISTORY_CHANGER_NAME, FACILITY_REGION_HISTORY_CHANGED_AT)

/* A form 1 entered for a facility the office added (status applying). */
STMT(APP_SET_FACILITY,
	"UPDATE application SET facility_id = ? WHERE id = ?")
/* Its approval: the facility the office added goes onboarding (A10.4). */
STMT(FACILITY_FROM_FORM1,
	"UPDATE facility SET status = 'onboarding', in_region = ?, disclosing = ?,"
	" viewing = ?, version = version + 1 WHERE id = ? AND status = 'applying'")

/*
 * Accounts as the office and a facility's manager see them: roles, the
 * certificate in force until, the last login (issue 20). Of one facility
 * when the first two are a facility's id, or all (0); whose login or
 * name holds the third ('' for every one).
 */
#define OFFICE_USER_COLS \
	"u.id, u.login, u.name, f.name, u.status, p.name,"		\
	" (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r"	\
	"  WHERE r.user_id = u.id),"					\
	" (SELECT MAX(c.not_after) FROM cert c WHERE c.user_id = u.id"	\
	"  AND c.status = 'active'),"					\
	" (SELECT MAX(s.created_at) FROM session s WHERE s.user_id = u.id),"	\
	" u.ends_on, u.facility_id, u.version, u.address, f.code"
STMT(OFFICE_USERS,
	"SELECT " OFFICE_USER_COLS " FROM users u"
	" JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN profession p ON p.code = u.profession"
	" WHERE (? = 0 OR u.facility_id = ?)"
	" AND (? = '' OR INSTR(u.login, ?) > 0 OR INSTR(u.name, ?) > 0)"
	" ORDER BY f.code, u.status <> 'active', u.login LIMIT 500")
COLS(OFFICE_USERS, OFFICE_USERS_ID, OFFICE_USERS_LOGIN, OFFICE_USERS_NAME,
    OFFICE_USERS_FACILITY_NAME, OFFICE_USERS_STATUS,
    OFFICE_USERS_PROFESSION_NAME, OFFICE_USERS_ROLES,
    OFFICE_USERS_CERT_NOT_AFTER, OFFICE_USERS_LAST_LOGIN, OFFICE_USERS_ENDS_ON,
    OFFICE_USERS_FACILITY_ID, OFFICE_USERS_VERSION, OFFICE_USERS_ADDRESS,
    OFFICE_USERS_FACILITY_CODE)
STMT(OFFICE_USER,
	"SELECT " OFFICE_USER_COLS " FROM users u"
	" JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN profession p ON p.code = u.profession WHERE u.id = ?")
SAME_COLS(OFFICE_USER, OFFICE_USERS)
#undef OFFICE_USER_COLS
/* Disabled and enabled only from the state the page showed (never a withdrawn or revoked one). */
STMT(USER_STATUS_FROM,
	"UPDATE users SET status = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = ?")
STMT(USER_STATUS_LOG,
	"INSERT INTO user_status_change (user_id, status, reason, changed_by,"
	" changed_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))")
STMT(USER_STATUS_HISTORY,
	"SELECT c.status, c.reason, u.name, UNIX_TIMESTAMP(c.changed_at)"
	" FROM user_status_change c LEFT JOIN users u ON u.id = c.changed_by"
	" WHERE c.user_id = ? ORDER BY c.changed_at DESC, c.id DESC LIMIT 100")
COLS(USER_STATUS_HISTORY, USER_STATUS_HISTORY_STATUS,
    USER_STATUS_HISTORY_REASON, USER_STATUS_HISTORY_CHANGER_NAME,
    USER_STATUS_HISTORY_CHANGED_AT)
/* A4.2: where the user lives, for the misuse rule's neighbour check. */
STMT(USER_ADDRESS_BY_ID,
	"UPDATE users SET address = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ?")
STMT(FACILITIES_PICK,
	"SELECT id, code, name FROM facility ORDER BY code LIMIT 2000")
COLS(FACILITIES_PICK, FACILITIES_PICK_ID, FACILITIES_PICK_CODE,
    FACILITIES_PICK_NAME)

/*
 * What waits for the office and the president (the home page's "対応が必要な
 * こと", issue 20): now as Unix time, today in Japan, then the counts.
 * Each is a queue, read along its own index and only its waiting entries
 * (issue 23): a state alone (QUEUE: the index's order, at most 100,000
 * entries, so the plan shows what one count can cost; a longer queue is
 * told as 100,000: a test instance held 13,635 quarantined files, so not
 * fewer), a state and a due date, the accounts that are active
 * (users_status), the links with a request (patient_link_request).
 */
#define QUEUE(from, cond, order) " (SELECT COUNT(*) FROM (SELECT 1 FROM " from \
	" WHERE " cond " ORDER BY " order " LIMIT 100000) q)"
STMT(TODO_NETWORK,
	"SELECT" QUEUE("consent", "status = 'submitted'", "registered_at") ","
	QUEUE("application", "status = 'submitted'", "id") ","
	QUEUE("application", "status = 'onboarding'", "id") ","
	" (SELECT COUNT(*) FROM users u FORCE INDEX (users_status)"
	"  WHERE u.status = 'active' AND NOT EXISTS"
	"  (SELECT 1 FROM cert c FORCE INDEX (cert_user) WHERE c.user_id = u.id"
	"  AND c.status = 'active'"
	"  AND c.not_after > ?)),"
	QUEUE("emergency_access", "review_status = 'pending'", "started_at") ","
	" (SELECT COUNT(*) FROM emergency_access WHERE followup_status = 'open'"
	"  AND followup_due < FROM_UNIXTIME(?)),"
	QUEUE("import_file", "status = 'quarantined'", "facility_id") ","
	" (SELECT COUNT(*) FROM complaint WHERE status IN ('received',"
	"  'investigating') AND due_on < ?),"
	QUEUE("misuse_alert", "status = 'open'", "created_at") ","
	QUEUE("incident", "status = 'forwarded'", "id") ","
	QUEUE("facility_report", "status = 'sent'", "id") ","
	" (SELECT COUNT(*) FROM patient_link FORCE INDEX (patient_link_request)"
	"  WHERE requested_patient_id IS NOT NULL AND patient_id IS NULL),"
	" (SELECT COUNT(*) FROM misuse_report WHERE acknowledged_at IS NULL)")
#undef QUEUE
COLS(TODO_NETWORK, TODO_NETWORK_CONSENTS, TODO_NETWORK_TO_DECIDE,
    TODO_NETWORK_TO_ONBOARD, TODO_NETWORK_CERTS, TODO_NETWORK_EMERGENCY_REVIEW,
    TODO_NETWORK_FOLLOWUPS_OVERDUE, TODO_NETWORK_QUARANTINED,
    TODO_NETWORK_COMPLAINTS_OVERDUE, TODO_NETWORK_MISUSE_ALERTS,
    TODO_NETWORK_INCIDENTS, TODO_NETWORK_FACILITY_REPORTS,
    TODO_NETWORK_LINK_REQUESTS, TODO_NETWORK_MISUSE_REPORTS)
/* What waits for a facility's manager: their facility (three times), now. */
STMT(TODO_FACILITY,
	"SELECT (SELECT COUNT(*) FROM misuse_alert WHERE status = 'open'"
	"  AND facility_id = ?),"
	" (SELECT COUNT(*) FROM incident WHERE status = 'reported'"
	"  AND facility_id = ?),"
	" (SELECT COUNT(*) FROM emergency_access WHERE followup_status = 'open'"
	"  AND facility_id = ? AND followup_due < FROM_UNIXTIME(?)),"
	" (SELECT COUNT(*) FROM application WHERE status = 'draft'"
	"  AND submitted_by = ?)")
COLS(TODO_FACILITY, TODO_FACILITY_MISUSE_ALERTS, TODO_FACILITY_INCIDENTS,
    TODO_FACILITY_FOLLOWUPS_OVERDUE, TODO_FACILITY_DRAFTS)

/*
 * Every facility that discloses or has storage set: where its SS-MIX2 tree
 * is, the last run, what arrived when (issue 20). now (Unix time) once.
 */
STMT(SOURCES_LIST,
	"SELECT f.id, f.code, f.name, f.disclosing, s.root_dir, s.ext_dir,"
	" s.enabled, s.stale_days, s.version,"
	" DATE_FORMAT(s.run_requested_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" (SELECT DATE_FORMAT(MAX(a.imported_at) + INTERVAL 9 HOUR,"
	"  '%Y-%m-%d %H:%i') FROM import_file a WHERE a.facility_id = f.id"
	"  AND a.status = 'imported'),"
	" (SELECT FLOOR((? - UNIX_TIMESTAMP(MAX(a.imported_at))) / 86400)"
	"  FROM import_file a WHERE a.facility_id = f.id AND a.status = 'imported'),"
	" DATE_FORMAT(r.started_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i'),"
	" r.status, r.imported, r.quarantined,"
	" (SELECT COUNT(*) FROM import_file q WHERE q.facility_id = f.id"
	"  AND q.status = 'quarantined')"
	" FROM facility f LEFT JOIN facility_ssmix2 s ON s.facility_id = f.id"
	" LEFT JOIN import_run r ON r.id = (SELECT MAX(x.id) FROM import_run x"
	"  WHERE x.facility_id = f.id)"
	" WHERE f.disclosing <> 0 OR s.facility_id IS NOT NULL"
	" ORDER BY f.code LIMIT 1000")
COLS(SOURCES_LIST, SOURCES_LIST_ID, SOURCES_LIST_CODE, SOURCES_LIST_NAME,
    SOURCES_LIST_DISCLOSING, SOURCES_LIST_ROOT_DIR, SOURCES_LIST_EXT_DIR,
    SOURCES_LIST_ENABLED, SOURCES_LIST_STALE_DAYS, SOURCES_LIST_VERSION,
    SOURCES_LIST_RUN_REQUESTED, SOURCES_LIST_LAST_ARRIVAL,
    SOURCES_LIST_DAYS_SINCE, SOURCES_LIST_STARTED_AT, SOURCES_LIST_STATUS,
    SOURCES_LIST_IMPORTED, SOURCES_LIST_QUARANTINED,
    SOURCES_LIST_IN_QUARANTINE)
/* A new source (version 1), or a change to the one the page showed. */
STMT(SOURCE_INSERT,
	"INSERT INTO facility_ssmix2 (facility_id, root_dir, ext_dir, enabled,"
	" stale_days, updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")
STMT(SOURCE_UPDATE,
	"UPDATE facility_ssmix2 SET root_dir = ?, ext_dir = ?, enabled = ?,"
	" stale_days = ?, updated_at = UTC_TIMESTAMP(6), version = version + 1"
	" WHERE facility_id = ? AND version = ?")
STMT(SOURCE_RUN_REQUEST,
	"UPDATE facility_ssmix2 SET run_requested_at = UTC_TIMESTAMP(6)"
	" WHERE facility_id = ? AND run_requested_at IS NULL")
/* The scheduler's "run now" pass: what was asked for, and its clearing once run. */
STMT(SOURCES_REQUESTED,
	"SELECT f.id, f.code, s.root_dir, s.ext_dir FROM facility_ssmix2 s"
	" JOIN facility f ON f.id = s.facility_id"
	" WHERE s.run_requested_at IS NOT NULL ORDER BY s.run_requested_at")
SAME_COLS(SOURCES_REQUESTED, SSMIX2_ENABLED)
STMT(SOURCE_RUN_DONE,
	"UPDATE facility_ssmix2 SET run_requested_at = NULL WHERE facility_id = ?")

/* A13.1: whose ID the page that asks first names. */
STMT(OFFICE_USER_BY_LOGIN,
	"SELECT u.id, u.name, u.status, f.name FROM users u"
	" JOIN facility f ON f.id = u.facility_id WHERE u.login = ?")
COLS(OFFICE_USER_BY_LOGIN, OFFICE_USER_BY_LOGIN_ID, OFFICE_USER_BY_LOGIN_NAME,
    OFFICE_USER_BY_LOGIN_STATUS, OFFICE_USER_BY_LOGIN_FACILITY_NAME)

/* The patient a form 4 names, for its page (issue 20: the name was blank). */
STMT(CONSENT_PATIENT,
	"SELECT name, kana, DATE_FORMAT(birth_date, '%Y-%m-%d') FROM patient"
	" WHERE id = ?")
COLS(CONSENT_PATIENT, CONSENT_PATIENT_NAME, CONSENT_PATIENT_KANA,
    CONSENT_PATIENT_BIRTH_DATE)
/*
 * The queue's forms with their patients and whether a form 5 signed after
 * each has since ended it (issue 20), the oldest first, up to ? of them.
 */
STMT(CONSENT_QUEUE_NAMED,
	"SELECT c.id, p.id, p.name, s.size, EXISTS (SELECT 1 FROM"
	"  consent_revocation v WHERE v.patient_id = c.patient_id"
	"  AND (v.signed_on > c.signed_on OR (v.signed_on = c.signed_on"
	"  AND c.after_revocation = 0)))"
	" FROM consent c JOIN patient p ON p.id = c.patient_id"
	" LEFT JOIN consent_scan s ON s.consent_id = c.id"
	" WHERE c.status = 'submitted' ORDER BY c.registered_at, c.id LIMIT ?")
COLS(CONSENT_QUEUE_NAMED, CONSENT_QUEUE_NAMED_ID,
    CONSENT_QUEUE_NAMED_PATIENT_ID, CONSENT_QUEUE_NAMED_PATIENT_NAME,
    CONSENT_QUEUE_NAMED_SIZE, CONSENT_QUEUE_NAMED_REVOKED)
