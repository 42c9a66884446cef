/* sql_notice.h: notices and their acknowledgement (pages/notice.c; A16) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* A16: notices; audience: every active user, or one facility's. */
#define NOTICE_AUDIENCE(n, u) \
	"(" n ".facility_id IS NULL OR " n ".facility_id = " u ".facility_id)"
STMT(NOTICE_INSERT,
	"INSERT INTO notice (kind, title, body, effective_on, facility_id,"
	" created_by, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?,"
	" FROM_UNIXTIME(?))")
STMT(NOTICE_LIST,
	"SELECT n.id, n.kind, n.title, n.effective_on, f.name, n.status,"
	" n.emergency, UNIX_TIMESTAMP(n.published_at), UNIX_TIMESTAMP(n.approved_at),"
	" (SELECT COUNT(*) FROM users u WHERE u.status = 'active' AND "
	NOTICE_AUDIENCE("n", "u") "),"
	" (SELECT COUNT(*) FROM notice_ack a JOIN users u ON u.id = a.user_id"
	"  WHERE a.notice_id = n.id AND u.status = 'active' AND "
	NOTICE_AUDIENCE("n", "u") "),"
	" n.version, f.in_region, n.effective_on <= ?"
	" FROM notice n LEFT JOIN facility f ON f.id = n.facility_id"
	" ORDER BY n.status = 'published', COALESCE(n.published_at, n.created_at) DESC"
	" LIMIT 500")
COLS(NOTICE_LIST, NOTICE_LIST_ID, NOTICE_LIST_KIND, NOTICE_LIST_TITLE,
    NOTICE_LIST_EFFECTIVE_ON, NOTICE_LIST_FACILITY_NAME, NOTICE_LIST_STATUS,
    NOTICE_LIST_EMERGENCY, NOTICE_LIST_PUBLISHED_AT, NOTICE_LIST_APPROVED_AT,
    NOTICE_LIST_TARGETS, NOTICE_LIST_ACKS, NOTICE_LIST_VERSION,
    NOTICE_LIST_IN_REGION, NOTICE_LIST_NOT_AHEAD)
STMT(NOTICE_MINE,
	"SELECT n.id, n.kind, n.title, n.effective_on, n.body, n.emergency,"
	" UNIX_TIMESTAMP(n.published_at), UNIX_TIMESTAMP(a.acked_at)"
	" FROM notice n JOIN users u ON u.id = ?"
	" LEFT JOIN notice_ack a ON a.notice_id = n.id AND a.user_id = u.id"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" ORDER BY n.published_at DESC LIMIT 200")
COLS(NOTICE_MINE, NOTICE_MINE_ID, NOTICE_MINE_KIND, NOTICE_MINE_TITLE,
    NOTICE_MINE_EFFECTIVE_ON, NOTICE_MINE_BODY, NOTICE_MINE_EMERGENCY,
    NOTICE_MINE_PUBLISHED_AT, NOTICE_MINE_ACKED_AT)
STMT(NOTICE_GET,
	"SELECT n.id, n.kind, n.title, n.body, n.effective_on, n.facility_id,"
	" f.name, n.status, n.emergency, cu.name, UNIX_TIMESTAMP(n.created_at),"
	" au.name, UNIX_TIMESTAMP(n.approved_at), n.approval_note, pu.name,"
	" UNIX_TIMESTAMP(n.published_at), n.version, f.in_region, n.effective_on <= ?"
	" FROM notice n LEFT JOIN facility f ON f.id = n.facility_id"
	" JOIN users cu ON cu.id = n.created_by"
	" LEFT JOIN users au ON au.id = n.approved_by"
	" LEFT JOIN users pu ON pu.id = n.published_by WHERE n.id = ?")
COLS(NOTICE_GET, NOTICE_GET_ID, NOTICE_GET_KIND, NOTICE_GET_TITLE,
    NOTICE_GET_BODY, NOTICE_GET_EFFECTIVE, NOTICE_GET_FAC_ID, NOTICE_GET_FAC,
    NOTICE_GET_STATUS, NOTICE_GET_EMERGENCY, NOTICE_GET_CREATOR,
    NOTICE_GET_CREATED, NOTICE_GET_APPROVER, NOTICE_GET_APPROVED,
    NOTICE_GET_APPROVAL_NOTE, NOTICE_GET_PUBLISHER, NOTICE_GET_PUBLISHED,
    NOTICE_GET_VERSION, NOTICE_GET_IN_REGION, NOTICE_GET_NOT_AHEAD)
STMT(NOTICE_APPROVE,
	"UPDATE notice SET approved_by = ?, approved_at = FROM_UNIXTIME(?),"
	" approval_note = NULLIF(?, ''), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft' AND approved_at IS NULL")
STMT(NOTICE_PUBLISH,
	"UPDATE notice SET status = 'published', emergency = ?, published_by = ?,"
	" published_at = FROM_UNIXTIME(?), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'draft'"
	" AND (? = 0 OR approved_at IS NOT NULL)")

/* Published before this login (?) and not yet acknowledged by the user. */
STMT(NOTICE_PENDING,
	"SELECT n.id, n.kind, n.title, n.body, n.effective_on, n.emergency,"
	" UNIX_TIMESTAMP(n.published_at) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" AND n.published_at <= FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1"
	" FROM notice_ack a WHERE a.notice_id = n.id AND a.user_id = u.id)"
	" ORDER BY n.published_at LIMIT 100")
COLS(NOTICE_PENDING, NOTICE_PENDING_ID, NOTICE_PENDING_KIND,
    NOTICE_PENDING_TITLE, NOTICE_PENDING_BODY, NOTICE_PENDING_EFFECTIVE_ON,
    NOTICE_PENDING_EMERGENCY, NOTICE_PENDING_PUBLISHED_AT)

/* A16: what the session must still acknowledge (until none is left). */
STMT(NOTICE_PENDING_COUNT,
	"SELECT COUNT(*) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.status = 'published' AND " NOTICE_AUDIENCE("n", "u")
	" AND n.published_at <= FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1"
	" FROM notice_ack a WHERE a.notice_id = n.id AND a.user_id = u.id)")
COLS(NOTICE_PENDING_COUNT, NOTICE_PENDING_COUNT_N)
STMT(NOTICE_ACK,
	"INSERT IGNORE INTO notice_ack (notice_id, user_id, acked_at)"
	" SELECT n.id, u.id, FROM_UNIXTIME(?) FROM notice n JOIN users u ON u.id = ?"
	" WHERE n.id = ? AND n.status = 'published' AND " NOTICE_AUDIENCE("n", "u"))

/* Everyone the notice is for (and anyone who acknowledged it), unacknowledged first. */
STMT(NOTICE_ACKS,
	"SELECT u.login, u.name, f.name, f.in_region, UNIX_TIMESTAMP(a.acked_at),"
	" u.status FROM notice n JOIN users u ON " NOTICE_AUDIENCE("n", "u")
	" JOIN facility f ON f.id = u.facility_id"
	" LEFT JOIN notice_ack a ON a.notice_id = n.id AND a.user_id = u.id"
	" WHERE n.id = ? AND (u.status = 'active' OR a.user_id IS NOT NULL)"
	" ORDER BY a.acked_at IS NOT NULL, f.code, u.login LIMIT 20000")
COLS(NOTICE_ACKS, NOTICE_ACKS_LOGIN, NOTICE_ACKS_USER_NAME,
    NOTICE_ACKS_FACILITY_NAME, NOTICE_ACKS_IN_REGION, NOTICE_ACKS_ACKED_AT,
    NOTICE_ACKS_USER_STATUS)
STMT(NOTICE_FACILITIES,
	"SELECT id, code, name, in_region FROM facility WHERE status = 'active'"
	" ORDER BY code LIMIT 1000")
COLS(NOTICE_FACILITIES, NOTICE_FACILITIES_ID, NOTICE_FACILITIES_CODE,
    NOTICE_FACILITIES_NAME, NOTICE_FACILITIES_IN_REGION)

#undef NOTICE_AUDIENCE
