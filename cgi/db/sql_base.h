/* sql_base.h: migrations, the audit log's insert and the test clock (cli/mogamictl.c, web/audit.c, db/db.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(MIGRATION_APPLIED,
	"SELECT version FROM schema_migration WHERE version = ?")
COLS(MIGRATION_APPLIED, MIGRATION_APPLIED_VERSION)
STMT(MIGRATION_RECORD,
	"INSERT INTO schema_migration (version, name) VALUES (?, ?)")
STMT(AUDIT_INSERT,
	"INSERT INTO audit (ts, user_id, login, facility_id, role, action,"
	" object_type, object_id, patient_id, purpose, outcome, client_addr,"
	" cert_serial, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?, ?, ?)")
/* One entry per patient of a JSON array of ids (a search's list, A11.2):
 * the same columns as STMT_AUDIT_INSERT, object_id and patient_id the id. */
STMT(AUDIT_INSERT_PATIENTS,
	"INSERT INTO audit (ts, user_id, login, facility_id, role, action,"
	" object_type, object_id, patient_id, purpose, outcome, client_addr,"
	" cert_serial, detail) SELECT UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ids.id,"
	" ids.id, ?, ?, ?, ?, ? FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH"
	" '$')) ids")
STMT(TEST_CLOCK,
	"SELECT offset_secs FROM test_clock WHERE id = 1")
COLS(TEST_CLOCK, TEST_CLOCK_OFFSET_SECS)
