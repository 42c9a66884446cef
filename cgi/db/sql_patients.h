/* sql_patients.h: network patients, local ID links and merges (pages/patients.c, pages/links.c, rules/links.c; A12.1-A12.4) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(PATIENT_INSERT,
	"INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date,"
	" address, phone, created_at, created_by)"
	" VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), FROM_UNIXTIME(?), ?)")
STMT(PATIENT_MATCH,
	"SELECT id, network_id, name, kana, sex, birth_date, status FROM patient"
	" WHERE kana_key = ? AND birth_date = ? AND sex = ? AND status <> 'merged'"
	" ORDER BY id LIMIT 20")
COLS(PATIENT_MATCH, PATIENT_MATCH_ID, PATIENT_MATCH_NETWORK_ID,
    PATIENT_MATCH_NAME, PATIENT_MATCH_KANA, PATIENT_MATCH_SEX,
    PATIENT_MATCH_BIRTH_DATE, PATIENT_MATCH_STATUS)
STMT(PATIENT_GET,
	"SELECT id, network_id, name, kana, sex, birth_date, address, phone,"
	" status, merged_into, deceased_on, death_confirmed_how,"
	" UNIX_TIMESTAMP(cancelled_at), version, kana_key FROM patient WHERE id = ?")
COLS(PATIENT_GET, PATIENT_GET_ID, PATIENT_GET_NETWORK_ID, PATIENT_GET_NAME,
    PATIENT_GET_KANA, PATIENT_GET_SEX, PATIENT_GET_BIRTH_DATE,
    PATIENT_GET_ADDRESS, PATIENT_GET_PHONE, PATIENT_GET_STATUS,
    PATIENT_GET_MERGED_INTO, PATIENT_GET_DECEASED_ON,
    PATIENT_GET_DEATH_CONFIRMED_HOW, PATIENT_GET_CANCELLED_AT,
    PATIENT_GET_VERSION, PATIENT_GET_KANA_KEY)
STMT(PATIENT_LINKS,
	"SELECT l.id, f.code, f.name, l.local_id, l.source,"
	" UNIX_TIMESTAMP(l.linked_at), l.facility_id, l.version FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id WHERE l.patient_id = ?"
	" ORDER BY f.code, l.local_id")
COLS(PATIENT_LINKS, PATIENT_LINKS_ID, PATIENT_LINKS_CODE, PATIENT_LINKS_NAME,
    PATIENT_LINKS_LOCAL_ID, PATIENT_LINKS_SOURCE, PATIENT_LINKS_LINKED_AT,
    PATIENT_LINKS_FACILITY_ID, PATIENT_LINKS_VERSION)

/* Local IDs asked for this patient, waiting for the operator. */
STMT(PATIENT_LINKS_ASKED,
	"SELECT l.id, f.code, f.name, l.local_id, l.source,"
	" UNIX_TIMESTAMP(l.requested_at), l.facility_id FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id"
	" WHERE l.requested_patient_id = ? AND l.patient_id IS NULL"
	" ORDER BY f.code, l.local_id")
COLS(PATIENT_LINKS_ASKED, PATIENT_LINKS_ASKED_ID, PATIENT_LINKS_ASKED_CODE,
    PATIENT_LINKS_ASKED_NAME, PATIENT_LINKS_ASKED_LOCAL_ID,
    PATIENT_LINKS_ASKED_SOURCE, PATIENT_LINKS_ASKED_REQUESTED_AT,
    PATIENT_LINKS_ASKED_FACILITY_ID)
STMT(PATIENT_CONSENTS,
	"SELECT c.id, c.signed_on, c.status, f.name, UNIX_TIMESTAMP(c.registered_at),"
	" c.all_disclosing, c.all_viewing, c.facility_id,"
	" CAST(UNIX_TIMESTAMP(c.registered_at) * 1000000 AS SIGNED) FROM consent c"
	" JOIN facility f ON f.id = c.facility_id WHERE c.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m)"
	" ORDER BY c.registered_at DESC")
COLS(PATIENT_CONSENTS, PATIENT_CONSENTS_ID, PATIENT_CONSENTS_SIGNED_ON,
    PATIENT_CONSENTS_STATUS, PATIENT_CONSENTS_FACILITY_NAME,
    PATIENT_CONSENTS_REGISTERED_AT, PATIENT_CONSENTS_ALL_DISCLOSING,
    PATIENT_CONSENTS_ALL_VIEWING, PATIENT_CONSENTS_FACILITY_ID,
    PATIENT_CONSENTS_REGISTERED_US)
STMT(PATIENT_REVOCATIONS,
	"SELECT r.receipt_no, r.signed_on, UNIX_TIMESTAMP(r.received_at), r.via,"
	" f.name, r.facility_id FROM consent_revocation r LEFT JOIN facility f ON f.id = r.facility_id"
	" WHERE r.patient_id IN (SELECT pid FROM (SELECT ? AS pid UNION SELECT merged_id FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL) m) ORDER BY r.received_at DESC")
COLS(PATIENT_REVOCATIONS, PATIENT_REVOCATIONS_RECEIPT_NO,
    PATIENT_REVOCATIONS_SIGNED_ON, PATIENT_REVOCATIONS_RECEIVED_AT,
    PATIENT_REVOCATIONS_VIA, PATIENT_REVOCATIONS_FACILITY_NAME,
    PATIENT_REVOCATIONS_FACILITY_ID)
STMT(PATIENT_CANCEL,
	"UPDATE patient SET status = 'cancelled', deceased_on = ?,"
	" death_confirmed_how = ?, cancelled_at = FROM_UNIXTIME(?) + INTERVAL ? MICROSECOND,"
	" cancelled_by = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND status = 'active'")
STMT(PATIENT_MERGES,
	"SELECT m.id, p.network_id, p.name, m.reason, UNIX_TIMESTAMP(m.merged_at),"
	" UNIX_TIMESTAMP(m.undone_at) FROM patient_merge m"
	" JOIN patient p ON p.id = m.merged_id WHERE m.survivor_id = ?"
	" ORDER BY m.merged_at DESC")
COLS(PATIENT_MERGES, PATIENT_MERGES_ID, PATIENT_MERGES_NETWORK_ID,
    PATIENT_MERGES_NAME, PATIENT_MERGES_REASON, PATIENT_MERGES_MERGED_AT,
    PATIENT_MERGES_UNDONE_AT)
STMT(LINK_BY_LOCAL,
	"SELECT id, patient_id, version, requested_patient_id FROM patient_link"
	" WHERE facility_id = ? AND local_id = ? FOR UPDATE")
COLS(LINK_BY_LOCAL, LINK_BY_LOCAL_ID, LINK_BY_LOCAL_PATIENT_ID,
    LINK_BY_LOCAL_VERSION, LINK_BY_LOCAL_REQUESTED_PATIENT_ID)
STMT(LINK_INSERT,
	"INSERT INTO patient_link (facility_id, local_id, patient_id, source,"
	" linked_at, linked_by, created_at)"
	" VALUES (?, ?, ?, 'manual', UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6))")

/* A12: a new local ID asked for an existing patient; counts once approved. */
STMT(LINK_INSERT_REQUEST,
	"INSERT INTO patient_link (facility_id, local_id, requested_patient_id,"
	" requested_by, requested_at, source, created_at)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), 'manual', UTC_TIMESTAMP(6))")
STMT(LINK_REQUEST,
	"UPDATE patient_link SET requested_patient_id = ?, requested_by = ?,"
	" requested_at = UTC_TIMESTAMP(6), version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL"
	" AND requested_patient_id IS NULL")
STMT(LINK_EVENT_INSERT,
	"INSERT INTO patient_link_event (link_id, kind, patient_id, note, at, by_user)"
	" VALUES (?, ?, ?, NULLIF(?, ''), UTC_TIMESTAMP(6), ?)")

/* The operator's queue of requested links, oldest first. */
STMT(LINK_REQUESTS,
	"SELECT l.id, f.name, l.local_id, l.name, l.kana, l.sex, l.birth_date,"
	" l.source, UNIX_TIMESTAMP(l.requested_at), u.name, p.id, p.network_id,"
	" p.name, p.kana, p.sex, p.birth_date, l.version"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id"
	" JOIN users u ON u.id = l.requested_by"
	" JOIN patient p ON p.id = l.requested_patient_id"
	" WHERE l.requested_patient_id IS NOT NULL AND l.patient_id IS NULL"
	" ORDER BY l.requested_at, l.id LIMIT 200")
COLS(LINK_REQUESTS, LINK_REQUESTS_ID, LINK_REQUESTS_FACILITY_NAME,
    LINK_REQUESTS_LOCAL_ID, LINK_REQUESTS_NAME, LINK_REQUESTS_KANA,
    LINK_REQUESTS_SEX, LINK_REQUESTS_BIRTH_DATE, LINK_REQUESTS_SOURCE,
    LINK_REQUESTS_REQUESTED_AT, LINK_REQUESTS_REQUESTER_NAME,
    LINK_REQUESTS_PATIENT_ID, LINK_REQUESTS_NETWORK_ID,
    LINK_REQUESTS_PATIENT_NAME, LINK_REQUESTS_PATIENT_KANA,
    LINK_REQUESTS_PATIENT_SEX, LINK_REQUESTS_PATIENT_BIRTH_DATE,
    LINK_REQUESTS_VERSION)

/* A link's patient and state for a decision: patient, asked for, facility. */
STMT(LINK_STATE,
	"SELECT id, patient_id, requested_patient_id, facility_id, version"
	" FROM patient_link WHERE id = ? FOR UPDATE")
COLS(LINK_STATE, LINK_STATE_ID, LINK_STATE_PATIENT_ID,
    LINK_STATE_REQUESTED_PATIENT_ID, LINK_STATE_FACILITY_ID, LINK_STATE_VERSION)
STMT(LINK_APPROVE,
	"UPDATE patient_link SET patient_id = requested_patient_id,"
	" linked_at = UTC_TIMESTAMP(6), linked_by = requested_by,"
	" requested_patient_id = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL"
	" AND requested_patient_id IS NOT NULL")
STMT(LINK_REJECT,
	"UPDATE patient_link SET requested_patient_id = NULL, requested_by = NULL,"
	" requested_at = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND requested_patient_id IS NOT NULL")
STMT(LINK_END,
	"UPDATE patient_link SET patient_id = NULL, linked_at = NULL,"
	" linked_by = NULL, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NOT NULL")
STMT(LINK_SET,
	"UPDATE patient_link SET patient_id = ?, linked_at = UTC_TIMESTAMP(6),"
	" linked_by = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND patient_id IS NULL")
STMT(LINK_GET,
	"SELECT l.id, l.facility_id, l.local_id, l.patient_id, l.name, l.kana,"
	" l.kana_key, l.sex, l.birth_date, l.address, l.version, f.name"
	" FROM patient_link l JOIN facility f ON f.id = l.facility_id WHERE l.id = ?")
COLS(LINK_GET, LINK_GET_ID, LINK_GET_FACILITY_ID, LINK_GET_LOCAL_ID,
    LINK_GET_PATIENT_ID, LINK_GET_NAME, LINK_GET_KANA, LINK_GET_KANA_KEY,
    LINK_GET_SEX, LINK_GET_BIRTH_DATE, LINK_GET_ADDRESS, LINK_GET_VERSION,
    LINK_GET_FACILITY_NAME)
STMT(LINK_UNLINKED,
	"SELECT l.id, f.code, f.name, l.local_id, l.name, l.kana, l.sex,"
	" l.birth_date, l.version, UNIX_TIMESTAMP(l.created_at),"
	" l.requested_patient_id IS NOT NULL FROM patient_link l"
	" JOIN facility f ON f.id = l.facility_id"
	" WHERE l.patient_id IS NULL AND (? = 0 OR l.facility_id = ?)"
	" ORDER BY l.created_at DESC, l.id DESC LIMIT 200")
COLS(LINK_UNLINKED, LINK_UNLINKED_ID, LINK_UNLINKED_CODE,
    LINK_UNLINKED_FACILITY_NAME, LINK_UNLINKED_LOCAL_ID, LINK_UNLINKED_NAME,
    LINK_UNLINKED_KANA, LINK_UNLINKED_SEX, LINK_UNLINKED_BIRTH_DATE,
    LINK_UNLINKED_VERSION, LINK_UNLINKED_CREATED_AT, LINK_UNLINKED_REQUESTED)
STMT(MERGE_INSERT,
	"INSERT INTO patient_merge (survivor_id, merged_id, reason, merged_at,"
	" merged_by) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)")
STMT(MERGE_INTO_COUNT,
	"SELECT COUNT(*) FROM patient_merge WHERE survivor_id = ? AND undone_at IS NULL")
COLS(MERGE_INTO_COUNT, MERGE_INTO_COUNT_N)
STMT(MERGE_LINK_INSERT,
	"INSERT INTO patient_merge_link (merge_id, link_id) VALUES (?, ?)")
STMT(MERGE_GET,
	"SELECT id, survivor_id, merged_id, undone_at IS NOT NULL FROM patient_merge"
	" WHERE id = ? FOR UPDATE")
COLS(MERGE_GET, MERGE_GET_ID, MERGE_GET_SURVIVOR_ID, MERGE_GET_MERGED_ID,
    MERGE_GET_UNDONE)
STMT(MERGE_LINKS,
	"SELECT link_id FROM patient_merge_link WHERE merge_id = ?")
COLS(MERGE_LINKS, MERGE_LINKS_LINK_ID)
STMT(MERGE_UNDO,
	"UPDATE patient_merge SET undone_at = UTC_TIMESTAMP(6), undone_by = ?,"
	" undo_reason = ? WHERE id = ? AND undone_at IS NULL")
STMT(LINKS_OF,
	"SELECT id FROM patient_link WHERE patient_id = ? FOR UPDATE")
COLS(LINKS_OF, LINKS_OF_ID)
STMT(LINK_MOVE,
	"UPDATE patient_link SET patient_id = ?, version = version + 1"
	" WHERE id = ? AND patient_id = ?")
STMT(PATIENT_SET_MERGED,
	"UPDATE patient SET status = 'merged', merged_into = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'active'")
STMT(PATIENT_UNMERGE,
	"UPDATE patient SET status = 'active', merged_into = NULL,"
	" version = version + 1 WHERE id = ? AND status = 'merged'")
STMT(FACILITY_MEMBERS,
	"SELECT id, code, name, disclosing, viewing FROM facility"
	" WHERE status = 'active' ORDER BY code")
COLS(FACILITY_MEMBERS, FACILITY_MEMBERS_ID, FACILITY_MEMBERS_CODE,
    FACILITY_MEMBERS_NAME, FACILITY_MEMBERS_DISCLOSING,
    FACILITY_MEMBERS_VIEWING)
STMT(PATIENT_BY_NETWORK_ID,
	"SELECT id, status, version FROM patient WHERE network_id = ? FOR UPDATE")
COLS(PATIENT_BY_NETWORK_ID, PATIENT_BY_NETWORK_ID_ID,
    PATIENT_BY_NETWORK_ID_STATUS, PATIENT_BY_NETWORK_ID_VERSION)
