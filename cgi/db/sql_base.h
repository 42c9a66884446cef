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
STMT(TEST_CLOCK,
	"SELECT offset_secs FROM test_clock WHERE id = 1")
COLS(TEST_CLOCK, TEST_CLOCK_OFFSET_SECS)
