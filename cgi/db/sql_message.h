/* sql_message.h: messages between users and facilities (pages/message.c; A17) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* A17: messages to a user or to a facility's users. */
STMT(MESSAGE_BY_IDEM,
	"SELECT id FROM message WHERE idem = ?")
COLS(MESSAGE_BY_IDEM, MESSAGE_BY_IDEM_ID)
STMT(MESSAGE_INSERT,
	"INSERT INTO message (sender_id, sender_facility_id, to_user_id,"
	" to_facility_id, subject, body, patient_id, sent_at, idem)"
	" VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0),"
	" FROM_UNIXTIME(?), ?)")
STMT(MESSAGE_INBOX,
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), su.name, sf.name, sf.in_region,"
	" m.subject, m.deleted_at IS NOT NULL, r.read_at IS NOT NULL,"
	" m.to_facility_id IS NOT NULL, m.patient_id IS NOT NULL"
	" FROM message m JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" LEFT JOIN message_read r ON r.message_id = m.id AND r.user_id = ?"
	" WHERE m.to_user_id = ? OR m.to_facility_id = ?"
	" ORDER BY m.sent_at DESC, m.id DESC LIMIT 200")
COLS(MESSAGE_INBOX, MESSAGE_INBOX_ID, MESSAGE_INBOX_SENT_AT,
    MESSAGE_INBOX_SENDER_NAME, MESSAGE_INBOX_SENDER_FAC,
    MESSAGE_INBOX_SENDER_REGION, MESSAGE_INBOX_SUBJECT, MESSAGE_INBOX_DELETED,
    MESSAGE_INBOX_READ, MESSAGE_INBOX_TO_FACILITY, MESSAGE_INBOX_ABOUT_PATIENT)
STMT(MESSAGE_OUTBOX,
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), COALESCE(tu.name, tf.name),"
	" COALESCE(tuf.name, ''), COALESCE(tf.in_region, tuf.in_region),"
	" m.subject, m.deleted_at IS NOT NULL, m.to_facility_id IS NOT NULL,"
	" m.patient_id IS NOT NULL"
	" FROM message m LEFT JOIN users tu ON tu.id = m.to_user_id"
	" LEFT JOIN facility tuf ON tuf.id = tu.facility_id"
	" LEFT JOIN facility tf ON tf.id = m.to_facility_id"
	" WHERE m.sender_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT 200")
COLS(MESSAGE_OUTBOX, MESSAGE_OUTBOX_ID, MESSAGE_OUTBOX_SENT_AT,
    MESSAGE_OUTBOX_TO_NAME, MESSAGE_OUTBOX_TO_FAC, MESSAGE_OUTBOX_TO_REGION,
    MESSAGE_OUTBOX_SUBJECT, MESSAGE_OUTBOX_DELETED, MESSAGE_OUTBOX_TO_FACILITY,
    MESSAGE_OUTBOX_ABOUT_PATIENT)
STMT(MESSAGE_GET,
	"SELECT m.id, m.sender_id, su.name, sf.name, sf.in_region, m.to_user_id,"
	" tu.name, tuf.name, tuf.in_region, m.to_facility_id, tf.name, tf.in_region,"
	" m.subject, m.body, m.patient_id, UNIX_TIMESTAMP(m.sent_at),"
	" UNIX_TIMESTAMP(m.deleted_at), du.name, m.delete_reason, m.version,"
	" tu.facility_id, (SELECT COUNT(*) FROM message_report x"
	"  WHERE x.message_id = m.id)"
	" FROM message m JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" LEFT JOIN users tu ON tu.id = m.to_user_id"
	" LEFT JOIN facility tuf ON tuf.id = tu.facility_id"
	" LEFT JOIN facility tf ON tf.id = m.to_facility_id"
	" LEFT JOIN users du ON du.id = m.deleted_by WHERE m.id = ?")
COLS(MESSAGE_GET, MESSAGE_GET_ID, MESSAGE_GET_SENDER_ID, MESSAGE_GET_SENDER,
    MESSAGE_GET_SENDER_FAC, MESSAGE_GET_SENDER_REGION, MESSAGE_GET_TO_USER_ID,
    MESSAGE_GET_TO_USER, MESSAGE_GET_TO_USER_FAC, MESSAGE_GET_TO_USER_REGION,
    MESSAGE_GET_TO_FAC_ID, MESSAGE_GET_TO_FAC, MESSAGE_GET_TO_FAC_REGION,
    MESSAGE_GET_SUBJECT, MESSAGE_GET_BODY, MESSAGE_GET_PATIENT,
    MESSAGE_GET_SENT, MESSAGE_GET_DELETED, MESSAGE_GET_DELETER,
    MESSAGE_GET_DELETE_REASON, MESSAGE_GET_VERSION, MESSAGE_GET_TO_USER_FAC_ID,
    MESSAGE_GET_REPORTS)
STMT(MESSAGE_READ,
	"INSERT IGNORE INTO message_read (message_id, user_id, read_at)"
	" VALUES (?, ?, FROM_UNIXTIME(?))")
STMT(MESSAGE_UNREAD,
	"SELECT COUNT(*) FROM message m LEFT JOIN message_read r"
	" ON r.message_id = m.id AND r.user_id = ?"
	" WHERE (m.to_user_id = ? OR m.to_facility_id = ?) AND r.read_at IS NULL"
	" AND m.sender_id <> ?")
COLS(MESSAGE_UNREAD, MESSAGE_UNREAD_N)
STMT(MESSAGE_REPORT_INSERT,
	"INSERT INTO message_report (message_id, reporter_id, reason, reported_at)"
	" VALUES (?, ?, ?, FROM_UNIXTIME(?))")
STMT(MESSAGE_REPORTS,
	"SELECT m.id, UNIX_TIMESTAMP(m.sent_at), su.name, sf.name, sf.in_region,"
	" m.subject, m.deleted_at IS NOT NULL, COUNT(x.id),"
	" UNIX_TIMESTAMP(MAX(x.reported_at))"
	" FROM message_report x JOIN message m ON m.id = x.message_id"
	" JOIN users su ON su.id = m.sender_id"
	" JOIN facility sf ON sf.id = m.sender_facility_id"
	" GROUP BY m.id ORDER BY m.deleted_at IS NOT NULL, MAX(x.reported_at) DESC"
	" LIMIT 500")
COLS(MESSAGE_REPORTS, MESSAGE_REPORTS_ID, MESSAGE_REPORTS_SENT_AT,
    MESSAGE_REPORTS_SENDER_NAME, MESSAGE_REPORTS_SENDER_FAC,
    MESSAGE_REPORTS_SENDER_REGION, MESSAGE_REPORTS_SUBJECT,
    MESSAGE_REPORTS_DELETED, MESSAGE_REPORTS_REPORTS,
    MESSAGE_REPORTS_LAST_REPORT)
STMT(MESSAGE_REPORTS_OF,
	"SELECT x.id, UNIX_TIMESTAMP(x.reported_at), u.name, f.name, x.reason,"
	" x.reporter_id FROM message_report x JOIN users u ON u.id = x.reporter_id"
	" JOIN facility f ON f.id = u.facility_id WHERE x.message_id = ?"
	" ORDER BY x.id")
COLS(MESSAGE_REPORTS_OF, MESSAGE_REPORTS_OF_ID, MESSAGE_REPORTS_OF_REPORTED_AT,
    MESSAGE_REPORTS_OF_REPORTER_NAME, MESSAGE_REPORTS_OF_REPORTER_FAC,
    MESSAGE_REPORTS_OF_REASON, MESSAGE_REPORTS_OF_REPORTER_ID)

/* A17: the content goes; the fact, who, when and why stay. */
STMT(MESSAGE_DELETE,
	"UPDATE message SET subject = NULL, body = NULL, patient_id = NULL,"
	" deleted_at = FROM_UNIXTIME(?), deleted_by = ?, delete_reason = ?,"
	" version = version + 1"
	" WHERE id = ? AND version = ? AND deleted_at IS NULL")
STMT(MESSAGE_RECIPIENT,
	"SELECT u.id, u.name, f.name, f.in_region FROM users u"
	" JOIN facility f ON f.id = u.facility_id"
	" WHERE u.login = ? AND u.status = 'active'")
COLS(MESSAGE_RECIPIENT, MESSAGE_RECIPIENT_ID, MESSAGE_RECIPIENT_USER_NAME,
    MESSAGE_RECIPIENT_FACILITY_NAME, MESSAGE_RECIPIENT_IN_REGION)
