/* sql_ledger.h: the security ledger (pages/ledger.c; A6.4) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* Security ledger (A6.4): every statement names the facility it is scoped to. */
STMT(LEDGER_TERMINALS,
	"SELECT id, name, av_product, av_paid,"
	" DATE_FORMAT(av_def_date, '%Y-%m-%d'), version, av_def_date < ?"
	" FROM ledger_terminal WHERE facility_id = ? ORDER BY name, id")
COLS(LEDGER_TERMINALS, LEDGER_TERMINALS_ID, LEDGER_TERMINALS_NAME,
    LEDGER_TERMINALS_AV_PRODUCT, LEDGER_TERMINALS_AV_PAID,
    LEDGER_TERMINALS_AV_DEF_DATE, LEDGER_TERMINALS_VERSION,
    LEDGER_TERMINALS_STALE)
STMT(LEDGER_TERMINAL_GET,
	"SELECT id, facility_id, name, av_product, av_paid,"
	" DATE_FORMAT(av_def_date, '%Y-%m-%d'), version FROM ledger_terminal"
	" WHERE id = ?")
COLS(LEDGER_TERMINAL_GET, LEDGER_TERMINAL_GET_ID,
    LEDGER_TERMINAL_GET_FACILITY_ID, LEDGER_TERMINAL_GET_NAME,
    LEDGER_TERMINAL_GET_AV_PRODUCT, LEDGER_TERMINAL_GET_AV_PAID,
    LEDGER_TERMINAL_GET_AV_DEF_DATE, LEDGER_TERMINAL_GET_VERSION)
STMT(LEDGER_TERMINAL_LOCK,
	"SELECT facility_id, version FROM ledger_terminal WHERE id = ? FOR UPDATE")
COLS(LEDGER_TERMINAL_LOCK, LEDGER_TERMINAL_LOCK_FACILITY_ID,
    LEDGER_TERMINAL_LOCK_VERSION)
STMT(LEDGER_TERMINAL_INSERT,
	"INSERT INTO ledger_terminal (facility_id, name, av_product, av_paid,"
	" av_def_date, idem_token, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
STMT(LEDGER_TERMINAL_BY_TOKEN,
	"SELECT id FROM ledger_terminal WHERE idem_token = ? AND facility_id = ?")
COLS(LEDGER_TERMINAL_BY_TOKEN, LEDGER_TERMINAL_BY_TOKEN_ID)
STMT(LEDGER_TERMINAL_UPDATE,
	"UPDATE ledger_terminal SET name = ?, av_product = ?, av_paid = ?,"
	" av_def_date = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND facility_id = ? AND version = ?")
STMT(LEDGER_SOFTWARE_BY_FACILITY,
	"SELECT s.terminal_id, s.name, s.sw_version FROM ledger_software s"
	" JOIN ledger_terminal t ON t.id = s.terminal_id"
	" WHERE t.facility_id = ? ORDER BY s.terminal_id, s.name, s.id")
COLS(LEDGER_SOFTWARE_BY_FACILITY, LEDGER_SOFTWARE_BY_FACILITY_TERMINAL_ID,
    LEDGER_SOFTWARE_BY_FACILITY_NAME, LEDGER_SOFTWARE_BY_FACILITY_SW_VERSION)
STMT(LEDGER_SOFTWARE_INSERT,
	"INSERT INTO ledger_software (terminal_id, name, sw_version, idem_token,"
	" created_by) VALUES (?, ?, ?, ?, ?)")
STMT(LEDGER_PROCEDURE_GET,
	"SELECT body, DATE_FORMAT(established, '%Y-%m-%d'), version"
	" FROM ledger_media_procedure WHERE facility_id = ?")
COLS(LEDGER_PROCEDURE_GET, LEDGER_PROCEDURE_GET_BODY,
    LEDGER_PROCEDURE_GET_ESTABLISHED, LEDGER_PROCEDURE_GET_VERSION)
STMT(LEDGER_PROCEDURE_INSERT,
	"INSERT INTO ledger_media_procedure (facility_id, body, established,"
	" updated_by) VALUES (?, ?, ?, ?)")
STMT(LEDGER_PROCEDURE_UPDATE,
	"UPDATE ledger_media_procedure SET body = ?, established = ?,"
	" version = version + 1, updated_by = ?, updated_at = UTC_TIMESTAMP(6)"
	" WHERE facility_id = ? AND version = ?")
STMT(LEDGER_FACILITY_GET,
	"SELECT id, code, name FROM facility WHERE id = ?")
COLS(LEDGER_FACILITY_GET, LEDGER_FACILITY_GET_ID, LEDGER_FACILITY_GET_CODE,
    LEDGER_FACILITY_GET_NAME)
STMT(LEDGER_FACILITIES,
	"SELECT f.id, f.code, f.name,"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id),"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id"
	"  AND t.av_def_date < ?),"
	" (SELECT COUNT(*) FROM ledger_terminal t WHERE t.facility_id = f.id"
	"  AND t.av_paid = 0),"
	" (SELECT DATE_FORMAT(p.established, '%Y-%m-%d')"
	"  FROM ledger_media_procedure p WHERE p.facility_id = f.id)"
	" FROM facility f WHERE f.status = 'active' ORDER BY f.code LIMIT 1000")
COLS(LEDGER_FACILITIES, LEDGER_FACILITIES_ID, LEDGER_FACILITIES_CODE,
    LEDGER_FACILITIES_NAME, LEDGER_FACILITIES_TERMINALS,
    LEDGER_FACILITIES_STALE, LEDGER_FACILITIES_UNPAID,
    LEDGER_FACILITIES_ESTABLISHED)
STMT(LEDGER_WARN_STALE,
	"SELECT f.id, f.code, f.name, t.name, t.av_product,"
	" DATE_FORMAT(t.av_def_date, '%Y-%m-%d') FROM ledger_terminal t"
	" JOIN facility f ON f.id = t.facility_id WHERE t.av_def_date < ?"
	" ORDER BY t.av_def_date, f.code, t.name LIMIT 1000")
COLS(LEDGER_WARN_STALE, LEDGER_WARN_STALE_ID, LEDGER_WARN_STALE_CODE,
    LEDGER_WARN_STALE_FACILITY_NAME, LEDGER_WARN_STALE_TERMINAL_NAME,
    LEDGER_WARN_STALE_AV_PRODUCT, LEDGER_WARN_STALE_AV_DEF_DATE)
STMT(LEDGER_WARN_FREE,
	"SELECT f.id, f.code, f.name, t.name, t.av_product,"
	" DATE_FORMAT(t.av_def_date, '%Y-%m-%d') FROM ledger_terminal t"
	" JOIN facility f ON f.id = t.facility_id WHERE t.av_paid = 0"
	" ORDER BY f.code, t.name LIMIT 1000")
SAME_COLS(LEDGER_WARN_FREE, LEDGER_WARN_STALE)
STMT(LEDGER_WARN_NOPROC,
	"SELECT f.id, f.code, f.name FROM facility f"
	" LEFT JOIN ledger_media_procedure p ON p.facility_id = f.id"
	" WHERE p.facility_id IS NULL AND f.status = 'active'"
	" ORDER BY f.code LIMIT 1000")
COLS(LEDGER_WARN_NOPROC, LEDGER_WARN_NOPROC_ID, LEDGER_WARN_NOPROC_CODE,
    LEDGER_WARN_NOPROC_NAME)
