/* sql_agenda.h: the council's agenda items, their hearings and decisions, meeting papers (pages/agenda.c; A19, A18, A4.2, A10.3) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(AGENDA_ITEM_BY_IDEM,
	"SELECT id FROM agenda_item WHERE idem = ?")
COLS(AGENDA_ITEM_BY_IDEM, AGENDA_ITEM_BY_IDEM_ID)
STMT(AGENDA_ITEM_INSERT,
	"INSERT INTO agenda_item (kind, title, explanation, amend_body,"
	" amend_handling, amend_effective_on, agreement_id, misuse_report_id,"
	" created_by, created_at, idem)"
	" VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?,"
	" UTC_TIMESTAMP(6), ?)")
STMT(AGENDA_ITEM_GET,
	"SELECT i.id, i.kind, i.title, i.explanation, i.status, i.amend_body,"
	" i.amend_handling, DATE_FORMAT(i.amend_effective_on, '%Y-%m-%d'),"
	" i.rules_version_id, rv.seq, i.agreement_id, ag.partner,"
	" i.misuse_report_id, mu.name, mu.login, i.decision_kind, i.decision_note,"
	" i.sole_reason, du.name, UNIX_TIMESTAMP(i.decided_at), i.meeting_id,"
	" m.number, DATE_FORMAT(m.held_on, '%Y-%m-%d'), i.reported_at IS NOT NULL,"
	" cu.name, UNIX_TIMESTAMP(i.created_at), i.version"
	" FROM agenda_item i"
	" JOIN users cu ON cu.id = i.created_by"
	" LEFT JOIN users du ON du.id = i.decided_by"
	" LEFT JOIN rules_version rv ON rv.id = i.rules_version_id"
	" LEFT JOIN agreement ag ON ag.id = i.agreement_id"
	" LEFT JOIN misuse_report mr ON mr.id = i.misuse_report_id"
	" LEFT JOIN users mu ON mu.id = mr.user_id"
	" LEFT JOIN meeting m ON m.id = i.meeting_id"
	" WHERE i.id = ?")
COLS(AGENDA_ITEM_GET, AGENDA_ITEM_GET_ID, AGENDA_ITEM_GET_KIND,
    AGENDA_ITEM_GET_TITLE, AGENDA_ITEM_GET_EXPLANATION, AGENDA_ITEM_GET_STATUS,
    AGENDA_ITEM_GET_AMEND_BODY, AGENDA_ITEM_GET_AMEND_HANDLING,
    AGENDA_ITEM_GET_AMEND_EFFECTIVE_ON, AGENDA_ITEM_GET_RULES_VERSION_ID,
    AGENDA_ITEM_GET_RULES_SEQ, AGENDA_ITEM_GET_AGREEMENT_ID,
    AGENDA_ITEM_GET_PARTNER, AGENDA_ITEM_GET_MISUSE_REPORT_ID,
    AGENDA_ITEM_GET_MISUSE_USER_NAME, AGENDA_ITEM_GET_MISUSE_USER_LOGIN,
    AGENDA_ITEM_GET_DECISION_KIND, AGENDA_ITEM_GET_DECISION_NOTE,
    AGENDA_ITEM_GET_SOLE_REASON, AGENDA_ITEM_GET_DECIDER_NAME,
    AGENDA_ITEM_GET_DECIDED_AT, AGENDA_ITEM_GET_MEETING_ID,
    AGENDA_ITEM_GET_MEETING_NUMBER, AGENDA_ITEM_GET_MEETING_HELD_ON,
    AGENDA_ITEM_GET_REPORTED, AGENDA_ITEM_GET_CREATOR_NAME,
    AGENDA_ITEM_GET_CREATED_AT, AGENDA_ITEM_GET_VERSION)
STMT(AGENDA_ITEM_LIST,
	"SELECT i.id, i.kind, i.title, i.status, i.decision_kind,"
	" UNIX_TIMESTAMP(i.created_at), m.number,"
	" (SELECT COUNT(*) FROM agenda_hearing h WHERE h.item_id = i.id"
	"  AND h.resolution = 'continued')"
	" FROM agenda_item i LEFT JOIN meeting m ON m.id = i.meeting_id"
	" ORDER BY i.status = 'pending' DESC, i.id DESC LIMIT 500")
COLS(AGENDA_ITEM_LIST, AGENDA_ITEM_LIST_ID, AGENDA_ITEM_LIST_KIND,
    AGENDA_ITEM_LIST_TITLE, AGENDA_ITEM_LIST_STATUS,
    AGENDA_ITEM_LIST_DECISION_KIND, AGENDA_ITEM_LIST_CREATED_AT,
    AGENDA_ITEM_LIST_MEETING_NUMBER, AGENDA_ITEM_LIST_CONTINUED)
STMT(AGENDA_HEARINGS,
	"SELECT h.meeting_id, m.number, DATE_FORMAT(m.held_on, '%Y-%m-%d'),"
	" h.discussion, h.resolution, u.name, UNIX_TIMESTAMP(h.recorded_at)"
	" FROM agenda_hearing h JOIN meeting m ON m.id = h.meeting_id"
	" JOIN users u ON u.id = h.recorded_by"
	" WHERE h.item_id = ? ORDER BY m.held_on, m.id")
COLS(AGENDA_HEARINGS, AGENDA_HEARINGS_MEETING_ID, AGENDA_HEARINGS_NUMBER,
    AGENDA_HEARINGS_HELD_ON, AGENDA_HEARINGS_DISCUSSION,
    AGENDA_HEARINGS_RESOLUTION, AGENDA_HEARINGS_RECORDER_NAME,
    AGENDA_HEARINGS_RECORDED_AT)
STMT(AGENDA_HEARING_INSERT,
	"INSERT INTO agenda_hearing (item_id, meeting_id, discussion, resolution,"
	" recorded_by, recorded_at) VALUES (?, ?, NULLIF(?, ''), ?, ?,"
	" UTC_TIMESTAMP(6))")
STMT(AGENDA_ATTACHMENTS,
	"SELECT id, filename, content_type, size, sha256 FROM agenda_attachment"
	" WHERE item_id = ? ORDER BY id")
COLS(AGENDA_ATTACHMENTS, AGENDA_ATTACHMENTS_ID, AGENDA_ATTACHMENTS_FILENAME,
    AGENDA_ATTACHMENTS_CONTENT_TYPE, AGENDA_ATTACHMENTS_SIZE,
    AGENDA_ATTACHMENTS_SHA256)
STMT(AGENDA_ATTACHMENT_GET,
	"SELECT item_id, content_type, data FROM agenda_attachment WHERE id = ?")
COLS(AGENDA_ATTACHMENT_GET, AGENDA_ATTACHMENT_GET_ITEM_ID,
    AGENDA_ATTACHMENT_GET_CONTENT_TYPE, AGENDA_ATTACHMENT_GET_DATA)
STMT(AGENDA_ATTACHMENT_INSERT,
	"INSERT INTO agenda_attachment (item_id, filename, content_type, size,"
	" sha256, data, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
	" UTC_TIMESTAMP(6))")
/* A decision: status approved or rejected, by a meeting or the president alone. */
STMT(AGENDA_ITEM_DECIDE,
	"UPDATE agenda_item SET status = ?, decision_kind = ?,"
	" decision_note = NULLIF(?, ''), sole_reason = ?, decided_by = ?,"
	" decided_at = UTC_TIMESTAMP(6), meeting_id = NULLIF(?, 0),"
	" rules_version_id = NULLIF(?, 0), version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'pending'")
/* Continued: the item stays pending; its version moves so a stale page is a 409. */
STMT(AGENDA_ITEM_TOUCH,
	"UPDATE agenda_item SET version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'pending'")
STMT(AGREEMENT_SET_ITEM,
	"UPDATE agreement SET agenda_item_id = ? WHERE id = ?")
STMT(AGREEMENT_COUNCIL,
	"UPDATE agreement SET council_decision = ?,"
	" council_decided_at = UTC_TIMESTAMP(6) WHERE id = ?")
STMT(MISUSE_REPORT_SET_ITEM,
	"UPDATE misuse_report SET agenda_item_id = ? WHERE id = ?")
STMT(MISUSE_REPORT_COUNCIL,
	"UPDATE misuse_report SET council_decision = ?,"
	" council_decided_at = UTC_TIMESTAMP(6) WHERE id = ?")
/* What a federation agreement's or a misuse report's page shows of its item. */
STMT(AGENDA_OF_AGREEMENT,
	"SELECT i.id, i.status, i.decision_kind, UNIX_TIMESTAMP(i.decided_at),"
	" m.number FROM agenda_item i LEFT JOIN meeting m ON m.id = i.meeting_id"
	" WHERE i.agreement_id = ? ORDER BY i.id DESC LIMIT 1")
COLS(AGENDA_OF_AGREEMENT, AGENDA_OF_AGREEMENT_ID, AGENDA_OF_AGREEMENT_STATUS,
    AGENDA_OF_AGREEMENT_DECISION_KIND, AGENDA_OF_AGREEMENT_DECIDED_AT,
    AGENDA_OF_AGREEMENT_MEETING_NUMBER)

/* Meeting papers (A19): the meeting as the council prints it. */
STMT(MEETING_NEXT_NUMBER,
	"SELECT COALESCE(MAX(number), 0) + 1 FROM meeting")
COLS(MEETING_NEXT_NUMBER, MEETING_NEXT_NUMBER_N)
STMT(MEETING_PAPER_SET,
	"UPDATE meeting SET number = ?, time_from = NULLIF(?, ''),"
	" time_to = NULLIF(?, ''), place = NULLIF(?, ''), chair = NULLIF(?, ''),"
	" absentees = NULLIF(?, ''), signatories = NULLIF(?, '') WHERE id = ?")
STMT(MEETING_PAPER_GET,
	"SELECT number, time_from, time_to, place, chair, absentees, signatories,"
	" DATE_FORMAT(held_on, '%Y-%m-%d') FROM meeting WHERE id = ?")
COLS(MEETING_PAPER_GET, MEETING_PAPER_GET_NUMBER, MEETING_PAPER_GET_TIME_FROM,
    MEETING_PAPER_GET_TIME_TO, MEETING_PAPER_GET_PLACE,
    MEETING_PAPER_GET_CHAIR, MEETING_PAPER_GET_ABSENTEES,
    MEETING_PAPER_GET_SIGNATORIES, MEETING_PAPER_GET_HELD_ON)
STMT(MEETING_NUMBER_TAKEN,
	"SELECT COUNT(*) FROM meeting WHERE number = ?")
COLS(MEETING_NUMBER_TAKEN, MEETING_NUMBER_TAKEN_N)
STMT(MEETINGS_PLANNED,
	"SELECT id, number, DATE_FORMAT(held_on, '%Y-%m-%d') FROM meeting"
	" WHERE status = 'planned' ORDER BY held_on, id LIMIT 50")
COLS(MEETINGS_PLANNED, MEETINGS_PLANNED_ID, MEETINGS_PLANNED_NUMBER,
    MEETINGS_PLANNED_HELD_ON)

/*
 * The items of a meeting's paper: those heard at it and, while it is
 * planned (? = 1), every item still pending. With what was said and resolved.
 */
STMT(AGENDA_MEETING_ITEMS,
	"SELECT i.id, i.kind, i.title, i.explanation,"
	" DATE_FORMAT(i.amend_effective_on, '%Y-%m-%d'), h.discussion,"
	" h.resolution, i.status, (SELECT COUNT(*) FROM agenda_attachment a"
	"  WHERE a.item_id = i.id), ag.partner, mu.name, mu.login, i.version,"
	" (SELECT COUNT(*) FROM agenda_hearing p WHERE p.item_id = i.id"
	"  AND p.meeting_id <> ? AND p.resolution = 'continued')"
	" FROM agenda_item i"
	" LEFT JOIN agenda_hearing h ON h.item_id = i.id AND h.meeting_id = ?"
	" LEFT JOIN agreement ag ON ag.id = i.agreement_id"
	" LEFT JOIN misuse_report mr ON mr.id = i.misuse_report_id"
	" LEFT JOIN users mu ON mu.id = mr.user_id"
	" WHERE h.item_id IS NOT NULL OR (? = 1 AND i.status = 'pending')"
	" ORDER BY i.id")
COLS(AGENDA_MEETING_ITEMS, AGENDA_MEETING_ITEMS_ID, AGENDA_MEETING_ITEMS_KIND,
    AGENDA_MEETING_ITEMS_TITLE, AGENDA_MEETING_ITEMS_EXPLANATION,
    AGENDA_MEETING_ITEMS_AMEND_EFFECTIVE_ON, AGENDA_MEETING_ITEMS_DISCUSSION,
    AGENDA_MEETING_ITEMS_RESOLUTION, AGENDA_MEETING_ITEMS_STATUS,
    AGENDA_MEETING_ITEMS_ATTACHMENTS, AGENDA_MEETING_ITEMS_PARTNER,
    AGENDA_MEETING_ITEMS_MISUSE_USER_NAME, AGENDA_MEETING_ITEMS_MISUSE_USER_LOGIN,
    AGENDA_MEETING_ITEMS_VERSION, AGENDA_MEETING_ITEMS_CONTINUED)
/* Sole decisions on items (A19 proviso): to report (? = 0) or reported at meeting ?. */
STMT(AGENDA_MEETING_SOLE,
	"SELECT i.id, i.kind, i.title, i.status, i.sole_reason,"
	" DATE_FORMAT(CONVERT_TZ(i.decided_at, '+00:00', '+09:00'), '%Y-%m-%d'),"
	" i.decision_note FROM agenda_item i WHERE i.decision_kind = 'sole'"
	" AND ((? = 0 AND i.reported_at IS NULL) OR (? > 0 AND i.meeting_id = ?))"
	" ORDER BY i.id")
COLS(AGENDA_MEETING_SOLE, AGENDA_MEETING_SOLE_ID, AGENDA_MEETING_SOLE_KIND,
    AGENDA_MEETING_SOLE_TITLE, AGENDA_MEETING_SOLE_STATUS,
    AGENDA_MEETING_SOLE_SOLE_REASON, AGENDA_MEETING_SOLE_DECIDED_ON,
    AGENDA_MEETING_SOLE_DECISION_NOTE)
STMT(REPORT_SOLE_ITEMS,
	"UPDATE agenda_item SET reported_at = UTC_TIMESTAMP(6), meeting_id = ?"
	" WHERE decision_kind = 'sole' AND reported_at IS NULL")

/*
 * The applications of a meeting's paper, with what each asks for (the
 * facility, the role, the login) and what tells people of one name apart
 * (kana, login, facility): while the meeting is planned (? = 1) the
 * pending ones, and those decided or reported at meeting ?.
 */
#define APP_PAPER_COLS \
	"a.id, a.kind, COALESCE(a.fac_name, a.user_name, t.name)," \
	" COALESCE(a.user_kana, a.manager_kana), COALESCE(f.name, tf.name)," \
	" a.fac_kind, a.wants_disclosing, a.wants_viewing, a.in_region," \
	" COALESCE(a.user_login, a.manager_login, t.login), p.name," \
	" a.requested_role, a.manager_name, a.fac_code, a.department," \
	" a.job_title, DATE_FORMAT(a.effective_date, '%Y-%m-%d')," \
	" a.withdraw_reason, a.decision, a.decision_kind, a.decision_reason," \
	" a.sole_reason," \
	" DATE_FORMAT(CONVERT_TZ(a.decided_at, '+00:00', '+09:00'), '%Y-%m-%d'), a.version"
#define APP_PAPER_FROM \
	" FROM application a" \
	" LEFT JOIN facility f ON f.id = a.facility_id" \
	" LEFT JOIN users t ON t.id = a.target_user_id" \
	" LEFT JOIN facility tf ON tf.id = t.facility_id" \
	" LEFT JOIN profession p ON p.code = COALESCE(a.profession, a.manager_profession)"
STMT(AGENDA_APPS_PAPER,
	"SELECT " APP_PAPER_COLS APP_PAPER_FROM
	" WHERE (? = 1 AND a.status = 'submitted') OR a.meeting_id = ?"
	" ORDER BY a.decision_kind IS NOT NULL, a.id")
COLS(AGENDA_APPS_PAPER, AGENDA_APPS_PAPER_ID, AGENDA_APPS_PAPER_KIND,
    AGENDA_APPS_PAPER_SUBJECT, AGENDA_APPS_PAPER_KANA,
    AGENDA_APPS_PAPER_FACILITY_NAME, AGENDA_APPS_PAPER_FAC_KIND,
    AGENDA_APPS_PAPER_WANTS_DISCLOSING, AGENDA_APPS_PAPER_WANTS_VIEWING,
    AGENDA_APPS_PAPER_IN_REGION, AGENDA_APPS_PAPER_LOGIN,
    AGENDA_APPS_PAPER_PROFESSION_NAME, AGENDA_APPS_PAPER_REQUESTED_ROLE,
    AGENDA_APPS_PAPER_MANAGER_NAME, AGENDA_APPS_PAPER_FAC_CODE,
    AGENDA_APPS_PAPER_DEPARTMENT, AGENDA_APPS_PAPER_JOB_TITLE,
    AGENDA_APPS_PAPER_EFFECTIVE_DATE, AGENDA_APPS_PAPER_WITHDRAW_REASON,
    AGENDA_APPS_PAPER_DECISION, AGENDA_APPS_PAPER_DECISION_KIND,
    AGENDA_APPS_PAPER_DECISION_REASON, AGENDA_APPS_PAPER_SOLE_REASON,
    AGENDA_APPS_PAPER_DECIDED_ON, AGENDA_APPS_PAPER_VERSION)
/* Sole decisions on applications not yet reported (a planned meeting's report section). */
STMT(AGENDA_APPS_SOLE_PAPER,
	"SELECT " APP_PAPER_COLS APP_PAPER_FROM
	" WHERE a.decision_kind = 'sole' AND a.reported_at IS NULL ORDER BY a.id")
SAME_COLS(AGENDA_APPS_SOLE_PAPER, AGENDA_APPS_PAPER)
#undef APP_PAPER_COLS
#undef APP_PAPER_FROM
