/* stmts.c: the text of every SQL statement, all with ? placeholders */
#include "stmts.h"

const char *const stmt_sql[STMT__MAX] = {
[STMT_PING] =
	"SELECT 1",
[STMT_MIGRATION_APPLIED] =
	"SELECT version FROM schema_migration WHERE version = ?",
[STMT_MIGRATION_RECORD] =
	"INSERT INTO schema_migration (version, name) VALUES (?, ?)",
[STMT_AUDIT_INSERT] =
	"INSERT INTO audit (ts, user_id, login, facility_id, role, action,"
	" object_type, object_id, patient_id, purpose, outcome, client_addr,"
	" cert_serial, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?, ?, ?)",
[STMT_AUDIT_COUNT] =
	"SELECT COUNT(*) FROM audit WHERE action = ?",
};
