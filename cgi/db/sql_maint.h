/* sql_maint.h: maintenance windows (rules/maint.c, pages/maint.c; A15) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The running window (if any) first, then the next announced one. */
STMT(MAINT_LIST,
	"SELECT m.id, m.kind, m.title, UNIX_TIMESTAMP(m.starts_at),"
	" COALESCE(UNIX_TIMESTAMP(m.ends_at), 0), UNIX_TIMESTAMP(m.announce_from),"
	" UNIX_TIMESTAMP(m.cancelled_at), u.name, m.version FROM maintenance m"
	" LEFT JOIN users u ON u.id = m.created_by"
	" ORDER BY m.starts_at DESC LIMIT 200")
COLS(MAINT_LIST, MAINT_LIST_ID, MAINT_LIST_KIND, MAINT_LIST_TITLE,
    MAINT_LIST_STARTS_AT, MAINT_LIST_ENDS_AT, MAINT_LIST_ANNOUNCE_FROM,
    MAINT_LIST_CANCELLED_AT, MAINT_LIST_NAME, MAINT_LIST_VERSION)
STMT(MAINT_INSERT,
	"INSERT INTO maintenance (kind, title, starts_at, ends_at, announce_from,"
	" created_at, created_by) VALUES (?, ?, FROM_UNIXTIME(?), IF(? = 0, NULL,"
	" FROM_UNIXTIME(?)), FROM_UNIXTIME(?), UTC_TIMESTAMP(6), NULLIF(?, 0))")
STMT(MAINT_CANCEL,
	"UPDATE maintenance SET cancelled_at = UTC_TIMESTAMP(6), cancelled_by = NULLIF(?, 0),"
	" version = version + 1 WHERE id = ? AND version = ? AND cancelled_at IS NULL")

/* Switching unplanned maintenance off ends every open one now. */
STMT(MAINT_END_UNPLANNED,
	"UPDATE maintenance SET ends_at = FROM_UNIXTIME(?), version = version + 1"
	" WHERE kind = 'unplanned' AND ends_at IS NULL AND cancelled_at IS NULL")
