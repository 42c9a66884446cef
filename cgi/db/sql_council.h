/* sql_council.h: applications, decisions, meetings and ID revocation (pages/council.c, rules/council.c; A9, A10, A13) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(PROFESSION_GET,
	"SELECT name, bound_by_law FROM profession WHERE code = ?")
COLS(PROFESSION_GET, PROFESSION_GET_NAME, PROFESSION_GET_BOUND_BY_LAW)
STMT(PROFESSION_LIST,
	"SELECT code, name, bound_by_law FROM profession ORDER BY sort")
COLS(PROFESSION_LIST, PROFESSION_LIST_CODE, PROFESSION_LIST_NAME,
    PROFESSION_LIST_BOUND_BY_LAW)
STMT(APP_BY_IDEM,
	"SELECT id FROM application WHERE idem = ?")
COLS(APP_BY_IDEM, APP_BY_IDEM_ID)
STMT(APP_INSERT_USER,
	"INSERT INTO application (kind, facility_id, submitted_by, user_login,"
	" user_name, profession, attestation, idem)"
	" VALUES ('user_register', ?, ?, ?, ?, ?, ?, ?)")
STMT(APP_INSERT_WITHDRAW,
	"INSERT INTO application (kind, facility_id, submitted_by, target_user_id,"
	" effective_date, idem) VALUES ('user_withdraw', ?, ?, ?, ?, ?)")
STMT(APP_INSERT_JOIN,
	"INSERT INTO application (kind, submitted_by, fac_name, fac_kind,"
	" fac_address, in_region, wants_disclosing, wants_viewing, manager_name,"
	" idem) VALUES ('facility_join', ?, ?, ?, ?, ?, ?, ?, ?, ?)")

#define APP_COLS \
	"a.id, a.kind, a.status,"						\
	" DATE_FORMAT(CONVERT_TZ(a.submitted_at, '+00:00', '+09:00'), '%Y-%m-%d'),"	\
	" COALESCE(a.fac_name, a.user_name, t.name), f.name, a.decision,"	\
	" a.decision_kind, a.version"
STMT(APP_LIST_ALL,
	"SELECT " APP_COLS " FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" ORDER BY a.status = 'submitted' DESC, a.id DESC LIMIT 500")
COLS(APP_LIST_ALL, APP_LIST_ALL_ID, APP_LIST_ALL_KIND, APP_LIST_ALL_STATUS,
    APP_LIST_ALL_SUBMITTED_ON, APP_LIST_ALL_SUBJECT, APP_LIST_ALL_FACILITY_NAME,
    APP_LIST_ALL_DECISION, APP_LIST_ALL_DECISION_KIND, APP_LIST_ALL_VERSION)
STMT(APP_LIST_MINE,
	"SELECT " APP_COLS " FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.facility_id = ? OR a.submitted_by = ?"
	" ORDER BY a.id DESC LIMIT 500")
SAME_COLS(APP_LIST_MINE, APP_LIST_ALL)
STMT(APP_GET,
	"SELECT " APP_COLS ", a.facility_id, a.submitted_by, a.fac_kind,"
	" a.fac_address, a.in_region, a.wants_disclosing, a.wants_viewing,"
	" a.manager_name, a.user_login, a.profession, a.attestation,"
	" a.target_user_id, a.effective_date, a.decision_reason, a.sole_reason,"
	" DATE_FORMAT(CONVERT_TZ(a.decided_at, '+00:00', '+09:00'), '%Y-%m-%d'),"
	" a.contract_filed_on,"
	" s.name, d.name, p.name, a.reported_at IS NOT NULL"
	" FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" LEFT JOIN users s ON s.id = a.submitted_by"
	" LEFT JOIN users d ON d.id = a.decided_by"
	" LEFT JOIN profession p ON p.code = a.profession"
	" WHERE a.id = ?")
COLS(APP_GET, APP_GET_ID, APP_GET_KIND, APP_GET_STATUS, APP_GET_SUBMITTED_ON,
    APP_GET_SUBJECT, APP_GET_FACILITY_NAME, APP_GET_DECISION,
    APP_GET_DECISION_KIND, APP_GET_VERSION, APP_GET_FACILITY_ID,
    APP_GET_SUBMITTED_BY, APP_GET_FAC_KIND, APP_GET_FAC_ADDRESS,
    APP_GET_IN_REGION, APP_GET_WANTS_DISCLOSING, APP_GET_WANTS_VIEWING,
    APP_GET_MANAGER_NAME, APP_GET_USER_LOGIN, APP_GET_PROFESSION,
    APP_GET_ATTESTATION, APP_GET_TARGET_USER_ID, APP_GET_EFFECTIVE_DATE,
    APP_GET_DECISION_REASON, APP_GET_SOLE_REASON, APP_GET_DECIDED_ON,
    APP_GET_CONTRACT_FILED_ON, APP_GET_SUBMITTER_NAME, APP_GET_DECIDER_NAME,
    APP_GET_PROFESSION_NAME, APP_GET_REPORTED)
STMT(APP_DECIDE,
	"UPDATE application SET status = ?, decision = ?, decision_kind = ?,"
	" decision_reason = ?, sole_reason = ?, decided_by = ?,"
	" decided_at = UTC_TIMESTAMP(6), meeting_id = NULLIF(?, 0),"
	" facility_id = COALESCE(NULLIF(?, 0), facility_id), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'submitted'")
STMT(APP_CONTRACT,
	"UPDATE application SET contract_filed_on = ?, status = 'active',"
	" version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'onboarding'")
STMT(FACILITY_SET_STATUS,
	"UPDATE facility SET status = ?, version = version + 1 WHERE id = ?")
STMT(USER_GET,
	"SELECT id, login, name, facility_id, status FROM users WHERE id = ?")
COLS(USER_GET, USER_GET_ID, USER_GET_LOGIN, USER_GET_NAME, USER_GET_FACILITY_ID,
    USER_GET_STATUS)
/* A10.5 proviso: the form 3 that left its facility without users (0035). */
STMT(APP_ENDS_FACILITY,
	"UPDATE application SET ends_facility = 1"
	" WHERE id = ? AND kind = 'user_withdraw'")
/* The approved form 3 that set a user's withdrawal date (the latest). */
STMT(FORM3_OF_USER,
	"SELECT id FROM application WHERE kind = 'user_withdraw'"
	" AND decision = 'approved' AND target_user_id = ?"
	" ORDER BY id DESC LIMIT 1")
COLS(FORM3_OF_USER, FORM3_OF_USER_ID)
STMT(USERS_ACTIVE_COUNT,
	"SELECT COUNT(*) FROM users WHERE facility_id = ? AND status = 'active'")
COLS(USERS_ACTIVE_COUNT, USERS_ACTIVE_COUNT_N)
STMT(USERS_OF_FACILITY,
	"SELECT id, login, name FROM users WHERE facility_id = ?"
	" AND status = 'active' ORDER BY login")
COLS(USERS_OF_FACILITY, USERS_OF_FACILITY_ID, USERS_OF_FACILITY_LOGIN,
    USERS_OF_FACILITY_NAME)
STMT(REVOCATION_INSERT,
	"INSERT INTO revocation (user_id, reason, detail, revoked_by)"
	" VALUES (?, ?, ?, ?)")
STMT(MEETING_BY_IDEM,
	"SELECT id FROM meeting WHERE idem = ?")
COLS(MEETING_BY_IDEM, MEETING_BY_IDEM_ID)
STMT(MEETING_INSERT,
	"INSERT INTO meeting (held_on, attendees, created_by, idem)"
	" VALUES (?, ?, ?, ?)")
STMT(MEETING_LIST,
	"SELECT id, DATE_FORMAT(held_on, '%Y-%m-%d'), status FROM meeting"
	" ORDER BY held_on DESC, id DESC LIMIT 200")
COLS(MEETING_LIST, MEETING_LIST_ID, MEETING_LIST_HELD_ON, MEETING_LIST_STATUS)
STMT(MEETING_GET,
	"SELECT id, DATE_FORMAT(held_on, '%Y-%m-%d'), attendees, status, version"
	" FROM meeting WHERE id = ?")
COLS(MEETING_GET, MEETING_GET_ID, MEETING_GET_HELD_ON, MEETING_GET_ATTENDEES,
    MEETING_GET_STATUS, MEETING_GET_VERSION)
STMT(MEETING_HELD,
	"UPDATE meeting SET status = 'held', held_at = UTC_TIMESTAMP(6),"
	" version = version + 1 WHERE id = ? AND version = ? AND status = 'planned'")
STMT(AGENDA_PENDING,
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name), f.name,"
	" a.in_region, a.version FROM application a"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.status = 'submitted' ORDER BY a.id")
COLS(AGENDA_PENDING, AGENDA_PENDING_ID, AGENDA_PENDING_KIND,
    AGENDA_PENDING_SUBJECT, AGENDA_PENDING_FACILITY_NAME,
    AGENDA_PENDING_IN_REGION, AGENDA_PENDING_VERSION)
STMT(AGENDA_SOLE,
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name),"
	" a.decision, a.sole_reason,"
	" DATE_FORMAT(CONVERT_TZ(a.decided_at, '+00:00', '+09:00'), '%Y-%m-%d')"
	" FROM application a LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.decision_kind = 'sole' AND a.reported_at IS NULL ORDER BY a.id")
COLS(AGENDA_SOLE, AGENDA_SOLE_ID, AGENDA_SOLE_KIND, AGENDA_SOLE_SUBJECT,
    AGENDA_SOLE_DECISION, AGENDA_SOLE_SOLE_REASON, AGENDA_SOLE_DECIDED_ON)
STMT(AGENDA_REVOCATIONS,
	"SELECT r.id, u.login, u.name, r.reason,"
	" DATE_FORMAT(CONVERT_TZ(r.revoked_at, '+00:00', '+09:00'), '%Y-%m-%d')"
	" FROM revocation r JOIN users u ON u.id = r.user_id"
	" WHERE r.reported_at IS NULL ORDER BY r.id")
COLS(AGENDA_REVOCATIONS, AGENDA_REVOCATIONS_ID, AGENDA_REVOCATIONS_LOGIN,
    AGENDA_REVOCATIONS_NAME, AGENDA_REVOCATIONS_REASON,
    AGENDA_REVOCATIONS_REVOKED_ON)
STMT(REPORT_SOLE,
	"UPDATE application SET reported_at = UTC_TIMESTAMP(6), meeting_id = ?"
	" WHERE decision_kind = 'sole' AND reported_at IS NULL")
STMT(USER_SET_ENDS,
	"UPDATE users SET ends_on = ?, version = version + 1 WHERE id = ?")
STMT(USERS_DUE,
	"SELECT id, login FROM users WHERE status = 'active' AND ends_on <= ?")
COLS(USERS_DUE, USERS_DUE_ID, USERS_DUE_LOGIN)
STMT(APP_SET_DRAFT,
	"UPDATE application SET status = 'draft' WHERE id = ?")
STMT(APP_SUBMIT,
	"UPDATE application SET status = 'submitted',"
	" submitted_at = UTC_TIMESTAMP(6), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft' AND submitted_by = ?")
STMT(MINUTES_APPS,
	"SELECT a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name),"
	" a.decision, a.decision_kind, a.decision_reason FROM application a"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.meeting_id = ? ORDER BY a.decision_kind, a.id")
COLS(MINUTES_APPS, MINUTES_APPS_ID, MINUTES_APPS_KIND, MINUTES_APPS_SUBJECT,
    MINUTES_APPS_DECISION, MINUTES_APPS_DECISION_KIND,
    MINUTES_APPS_DECISION_REASON)
STMT(MINUTES_REVOCATIONS,
	"SELECT r.id, u.login, u.name, r.reason,"
	" DATE_FORMAT(CONVERT_TZ(r.revoked_at, '+00:00', '+09:00'), '%Y-%m-%d')"
	" FROM revocation r JOIN users u ON u.id = r.user_id"
	" WHERE r.meeting_id = ? ORDER BY r.id")
SAME_COLS(MINUTES_REVOCATIONS, AGENDA_REVOCATIONS)
STMT(REPORT_REVOCATIONS,
	"UPDATE revocation SET reported_at = UTC_TIMESTAMP(6), meeting_id = ?"
	" WHERE reported_at IS NULL")

#undef APP_COLS
