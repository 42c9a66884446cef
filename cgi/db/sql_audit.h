/* sql_audit.h: the audit chain: sealing, verifying, FHIR export (cli/auditseal.c, audit/fhir.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The chain's columns in canonical order (audit/chain.h: AC_SEQ ... AC_DETAIL). */
#define AUDIT_CHAIN_COLS "seq, id, DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f'),"\
	" user_id, login, facility_id, role, action, object_type, object_id,"\
	" patient_id, purpose, outcome, client_addr, cert_serial, detail"
STMT(AUDIT_HEAD_LOCK,
	"SELECT seq, hash FROM audit_chain WHERE id = 1 FOR UPDATE")
COLS(AUDIT_HEAD_LOCK, AUDIT_HEAD_LOCK_SEQ, AUDIT_HEAD_LOCK_HASH)
STMT(AUDIT_HEAD,
	"SELECT seq, hash, DATE_FORMAT(sealed_at, '%Y-%m-%dT%H:%i:%sZ')"
	" FROM audit_chain WHERE id = 1")
COLS(AUDIT_HEAD, AUDIT_HEAD_SEQ, AUDIT_HEAD_HASH, AUDIT_HEAD_SEALED_AT)
STMT(AUDIT_HEAD_SET,
	"UPDATE audit_chain SET seq = ?, hash = ?, sealed_at = UTC_TIMESTAMP(6)"
	" WHERE id = 1")

/*
 * The lowest unsealed id: the first NULL entry of audit_seq, whose entries
 * InnoDB keeps in (seq, id) order. MIN(id) and ORDER BY id both read every
 * unsealed entry (4 million here), and "seq IS NULL ORDER BY id" alone
 * walked the primary key from the first entry ever, past every sealed one
 * (0.5 s a batch with 1.7 million sealed: docs/benchmarks.md).
 */
STMT(AUDIT_UNSEALED_LOW,
	"SELECT id FROM audit FORCE INDEX (audit_seq) WHERE seq IS NULL LIMIT 1")
COLS(AUDIT_UNSEALED_LOW, AUDIT_UNSEALED_LOW_ID)
STMT(AUDIT_UNSEALED,
	"SELECT " AUDIT_CHAIN_COLS " FROM audit WHERE seq IS NULL AND id >= ?"
	" ORDER BY id LIMIT ?")
COLS(AUDIT_UNSEALED, AUDIT_UNSEALED_SEQ, AUDIT_UNSEALED_ID, AUDIT_UNSEALED_TS,
    AUDIT_UNSEALED_USER_ID, AUDIT_UNSEALED_LOGIN, AUDIT_UNSEALED_FACILITY_ID,
    AUDIT_UNSEALED_ROLE, AUDIT_UNSEALED_ACTION, AUDIT_UNSEALED_OBJECT_TYPE,
    AUDIT_UNSEALED_OBJECT_ID, AUDIT_UNSEALED_PATIENT_ID, AUDIT_UNSEALED_PURPOSE,
    AUDIT_UNSEALED_OUTCOME, AUDIT_UNSEALED_CLIENT_ADDR,
    AUDIT_UNSEALED_CERT_SERIAL, AUDIT_UNSEALED_DETAIL)

/*
 * A batch's seals: a JSON array of [id, seq, hash]; only unsealed rows.
 * The array first, each row then by its id: joined the other way MariaDB
 * walks every unsealed row (audit_seq on NULL), a million under load, and
 * waits on the locks of rows still being committed.
 */
STMT(AUDIT_SEAL_ROWS,
	"UPDATE JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$[0]',"
	" seq BIGINT PATH '$[1]', hash CHAR(64) PATH '$[2]')) j"
	" STRAIGHT_JOIN audit a ON a.id = j.id"
	" SET a.seq = j.seq, a.hash = j.hash WHERE a.seq IS NULL")
STMT(AUDIT_CHAIN_PAGE,
	"SELECT " AUDIT_CHAIN_COLS ", hash FROM audit WHERE seq > ? ORDER BY seq"
	" LIMIT ?")
COLS(AUDIT_CHAIN_PAGE, AUDIT_CHAIN_PAGE_SEQ, AUDIT_CHAIN_PAGE_ID,
    AUDIT_CHAIN_PAGE_TS, AUDIT_CHAIN_PAGE_USER_ID, AUDIT_CHAIN_PAGE_LOGIN,
    AUDIT_CHAIN_PAGE_FACILITY_ID, AUDIT_CHAIN_PAGE_ROLE,
    AUDIT_CHAIN_PAGE_ACTION, AUDIT_CHAIN_PAGE_OBJECT_TYPE,
    AUDIT_CHAIN_PAGE_OBJECT_ID, AUDIT_CHAIN_PAGE_PATIENT_ID,
    AUDIT_CHAIN_PAGE_PURPOSE, AUDIT_CHAIN_PAGE_OUTCOME,
    AUDIT_CHAIN_PAGE_CLIENT_ADDR, AUDIT_CHAIN_PAGE_CERT_SERIAL,
    AUDIT_CHAIN_PAGE_DETAIL, AUDIT_CHAIN_PAGE_HASH)
STMT(AUDIT_UNSEALED_OLD,
	"SELECT COUNT(*), MIN(id), DATE_FORMAT(MIN(ts), '%Y-%m-%dT%H:%i:%sZ')"
	" FROM audit WHERE seq IS NULL AND ts < UTC_TIMESTAMP(6) - INTERVAL ? SECOND")
COLS(AUDIT_UNSEALED_OLD, AUDIT_UNSEALED_OLD_N, AUDIT_UNSEALED_OLD_MIN_ID,
    AUDIT_UNSEALED_OLD_OLDEST)
/* The audit table's columns, and whether the database computes each. */
STMT(AUDIT_COLUMNS,
	"SELECT column_name, is_generated = 'ALWAYS'"
	" FROM information_schema.columns"
	" WHERE table_schema = DATABASE() AND table_name = 'audit'"
	" ORDER BY ordinal_position")
COLS(AUDIT_COLUMNS, AUDIT_COLUMNS_COLUMN_NAME, AUDIT_COLUMNS_GENERATED)
STMT(AUDIT_EXPORT_PAGE,
	"SELECT id, DATE_FORMAT(ts, '%Y-%m-%dT%H:%i:%s.%fZ'), user_id, login,"
	" facility_id, role, action, object_type, object_id, patient_id, purpose,"
	" outcome, client_addr, cert_serial, detail, seq, hash FROM audit"
	" WHERE ts >= ? AND ts < ? AND id > ? ORDER BY id LIMIT ?")
COLS(AUDIT_EXPORT_PAGE, AUDIT_EXPORT_PAGE_ID, AUDIT_EXPORT_PAGE_TS,
    AUDIT_EXPORT_PAGE_USER_ID, AUDIT_EXPORT_PAGE_LOGIN,
    AUDIT_EXPORT_PAGE_FACILITY_ID, AUDIT_EXPORT_PAGE_ROLE,
    AUDIT_EXPORT_PAGE_ACTION, AUDIT_EXPORT_PAGE_OBJECT_TYPE,
    AUDIT_EXPORT_PAGE_OBJECT_ID, AUDIT_EXPORT_PAGE_PATIENT_ID,
    AUDIT_EXPORT_PAGE_PURPOSE, AUDIT_EXPORT_PAGE_OUTCOME,
    AUDIT_EXPORT_PAGE_CLIENT_ADDR, AUDIT_EXPORT_PAGE_CERT_SERIAL,
    AUDIT_EXPORT_PAGE_DETAIL, AUDIT_EXPORT_PAGE_SEQ, AUDIT_EXPORT_PAGE_HASH)

#undef AUDIT_CHAIN_COLS
