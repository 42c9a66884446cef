/* sql_notify.h: notifications to the operator or a facility's managers (pages/notifications.c; written by the pages and rules that raise them) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(NOTIFY_INSERT,
	"INSERT IGNORE INTO notification (audience, facility_id, kind, object_type,"
	" object_id, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")
STMT(NOTIFY_LIST,
	"SELECT id, kind, object_type, object_id, UNIX_TIMESTAMP(created_at),"
	" read_at IS NOT NULL,"
	" (SELECT u.login FROM user_lockout l JOIN users u ON u.id = l.user_id"
	"  WHERE notification.object_type = 'user_lockout'"
	"  AND l.id = notification.object_id) FROM notification"
	" WHERE (audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1)"
	" ORDER BY read_at IS NULL DESC, created_at DESC LIMIT 200")
COLS(NOTIFY_LIST, NOTIFY_LIST_ID, NOTIFY_LIST_KIND, NOTIFY_LIST_OBJECT_TYPE,
    NOTIFY_LIST_OBJECT_ID, NOTIFY_LIST_CREATED_AT, NOTIFY_LIST_READ,
    NOTIFY_LIST_LOCKOUT_LOGIN)
STMT(NOTIFY_UNREAD,
	"SELECT COUNT(*) FROM notification WHERE read_at IS NULL AND"
	" ((audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1))")
COLS(NOTIFY_UNREAD, NOTIFY_UNREAD_N)
STMT(NOTIFY_READ,
	"UPDATE notification SET read_at = UTC_TIMESTAMP(6), read_by = ?"
	" WHERE id = ? AND read_at IS NULL AND ((audience = 'operator' AND ? = 1)"
	" OR (audience = 'facility_manager' AND facility_id = ? AND ? = 1))")
