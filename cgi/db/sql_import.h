/* sql_import.h: SS-MIX2 import into the record tables (import/ssmix2.c, import/ssmix2_store.c, pages/imports.c, cli/mogamictl.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* SS-MIX2 import: one named lock per facility, released if the run dies. */
STMT(SSMIX2_LOCK,
	"SELECT GET_LOCK(?, 0)")
COLS(SSMIX2_LOCK, SSMIX2_LOCK_GOT)
STMT(SSMIX2_UNLOCK,
	"SELECT RELEASE_LOCK(?)")
COLS(SSMIX2_UNLOCK, SSMIX2_UNLOCK_RELEASED)
STMT(SSMIX2_SET,
	"INSERT INTO facility_ssmix2 (facility_id, root_dir, ext_dir, enabled,"
	" updated_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY"
	" UPDATE root_dir = VALUES(root_dir), ext_dir = VALUES(ext_dir),"
	" enabled = VALUES(enabled), updated_at = VALUES(updated_at)")
STMT(SSMIX2_ENABLED,
	"SELECT f.id, f.code, s.root_dir, s.ext_dir FROM facility_ssmix2 s"
	" JOIN facility f ON f.id = s.facility_id WHERE s.enabled = 1"
	" ORDER BY f.code")
COLS(SSMIX2_ENABLED, SSMIX2_ENABLED_ID, SSMIX2_ENABLED_CODE,
    SSMIX2_ENABLED_ROOT_DIR, SSMIX2_ENABLED_EXT_DIR)

/* Runs left 'running' by a killed importer; called with the facility's lock held. */
STMT(IMPORT_RUN_INTERRUPTED,
	"UPDATE import_run SET status = 'interrupted' WHERE facility_id = ?"
	" AND status = 'running'")
STMT(IMPORT_RUN_START,
	"INSERT INTO import_run (facility_id, started_at) VALUES (?,"
	" UTC_TIMESTAMP(6))")
STMT(IMPORT_RUN_UPDATE,
	"UPDATE import_run SET status = ?, finished_at = IF(? = 1,"
	" UTC_TIMESTAMP(6), NULL), files_total = ?, files_done = ?, imported = ?,"
	" warned = ?, unchanged = ?, quarantined = ?, removed = ?, failed = ?,"
	" last_error = ? WHERE id = ?")
STMT(IMPORT_FILES_OF,
	"SELECT tree, rel_path, size, mtime, sha256, id FROM import_file"
	" WHERE facility_id = ?")
COLS(IMPORT_FILES_OF, IMPORT_FILES_OF_TREE, IMPORT_FILES_OF_REL_PATH,
    IMPORT_FILES_OF_SIZE, IMPORT_FILES_OF_MTIME, IMPORT_FILES_OF_SHA256,
    IMPORT_FILES_OF_ID)

/*
 * For the next transaction only (an import batch): no gap locks, so two
 * facilities importing at once do not deadlock on each other's index
 * gaps (record_order, record_file), and INSERT ... SELECT does not lock
 * what it reads. A batch only reads its own facility's rows, which only
 * it writes (the facility's import lock). Binary logs must be ROW or
 * MIXED (Galera: ROW), as with any READ COMMITTED write.
 */
STMT(IMPORT_READ_COMMITTED,
	"SET TRANSACTION ISOLATION LEVEL READ COMMITTED")

/* LAST_INSERT_ID(id): db_last_id() is the row's id, inserted or updated. */
STMT(IMPORT_FILE_UPSERT,
	"INSERT INTO import_file (facility_id, tree, rel_path, size, mtime,"
	" sha256, status, reason, detail, warning, data_type, local_id, run_id,"
	" imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	" UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE size = VALUES(size),"
	" mtime = VALUES(mtime), sha256 = VALUES(sha256), status = VALUES(status),"
	" reason = VALUES(reason), detail = VALUES(detail),"
	" warning = VALUES(warning),"
	" data_type = VALUES(data_type), local_id = VALUES(local_id),"
	" run_id = VALUES(run_id), imported_at = VALUES(imported_at),"
	" id = LAST_INSERT_ID(id)")
STMT(IMPORT_FILE_TOUCH,
	"UPDATE import_file SET size = ?, mtime = ? WHERE id = ?")
STMT(IMPORT_FILE_DELETE,
	"DELETE FROM import_file WHERE id = ?")
STMT(RECORD_GROUPS_OF_FILE,
	"SELECT DISTINCT link_id, data_type, order_key FROM record"
	" WHERE file_id = ? AND order_key IS NOT NULL")
COLS(RECORD_GROUPS_OF_FILE, RECORD_GROUPS_OF_FILE_LINK_ID,
    RECORD_GROUPS_OF_FILE_DATA_TYPE, RECORD_GROUPS_OF_FILE_ORDER_KEY)
STMT(RECORD_DELETE_FILE,
	"DELETE FROM record WHERE file_id = ?")
STMT(DOCUMENT_DELETE_FILE,
	"DELETE FROM document WHERE file_id = ?")

/* An import fills in what the link lacks; it never overwrites (see ssmix2_demographics). */
STMT(LINK_UPSERT,
	"INSERT INTO patient_link (facility_id, local_id, name, kana, kana_key,"
	" sex, birth_date, address, source, created_at) VALUES (?, ?, ?, ?, ?, ?,"
	" ?, ?, 'import', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE"
	" name = COALESCE(name, VALUES(name)), kana = COALESCE(kana, VALUES(kana)),"
	" kana_key = COALESCE(kana_key, VALUES(kana_key)),"
	" sex = COALESCE(sex, VALUES(sex)),"
	" birth_date = COALESCE(birth_date, VALUES(birth_date)),"
	" address = COALESCE(address, VALUES(address))")

/* A file of the link arrives now (patient_link.active_at, migration 0033). */
STMT(LINK_ACTIVE,
	"UPDATE patient_link SET active_at = UTC_TIMESTAMP(6) WHERE id = ?")

/* The id and which demographics the link has (the importer's cache). */
STMT(LINK_ID,
	"SELECT id, name IS NOT NULL, kana IS NOT NULL, kana_key IS NOT NULL,"
	" sex IS NOT NULL, birth_date IS NOT NULL, address IS NOT NULL"
	" FROM patient_link WHERE facility_id = ? AND local_id = ?")
COLS(LINK_ID, LINK_ID_ID, LINK_ID_HAS_NAME, LINK_ID_HAS_KANA,
    LINK_ID_HAS_KANA_KEY, LINK_ID_HAS_SEX, LINK_ID_HAS_BIRTH_DATE,
    LINK_ID_HAS_ADDRESS)
STMT(LINK_DEMOGRAPHICS,
	"UPDATE patient_link SET name = ?, kana = ?, kana_key = ?, sex = ?,"
	" birth_date = ?, address = ?, version = version + 1 WHERE id = ?")
STMT(RECORD_INSERT,
	"INSERT INTO record (facility_id, link_id, file_id, kind, data_type,"
	" msg_type, order_no, order_key, dept, flag, cancelled, care_date,"
	" occurred_at, occurred_given, message_ts, message_ts_given, title,"
	" summary, status, source_path, file_sha256, raw_message, imported_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, UTC_TIMESTAMP(6))")
STMT(RECORD_GROUP_RESET,
	"UPDATE record SET status = 'superseded' WHERE link_id = ?"
	" AND data_type = ? AND order_key = ?")
STMT(RECORD_GROUP_NEWEST,
	"SELECT id, flag, cancelled FROM record WHERE link_id = ?"
	" AND data_type = ? AND order_key = ? ORDER BY message_ts DESC, id DESC"
	" LIMIT 1")
COLS(RECORD_GROUP_NEWEST, RECORD_GROUP_NEWEST_ID, RECORD_GROUP_NEWEST_FLAG,
    RECORD_GROUP_NEWEST_CANCELLED)
STMT(RECORD_SET_STATUS,
	"UPDATE record SET status = ? WHERE id = ?")

/*
 * Every order with a record of the facility in an id range (one batch's):
 * the newest record (message_ts, then id) decides, as STMT_RECORD_GROUP_*.
 * Lists the records whose status must change (ssmix2_regroup_range then
 * sets them by id). A plain SELECT, a consistent read: an UPDATE joining
 * record to itself would lock every row and gap it reads, and two
 * facilities importing at once would deadlock.
 */
STMT(RECORD_REGROUP_RANGE,
	"SELECT w.id, w.st FROM (SELECT x.id, x.status, IF(ROW_NUMBER() OVER"
	"  (PARTITION BY x.link_id, x.data_type, x.order_key ORDER BY"
	"  x.message_ts DESC, x.id DESC) = 1, IF(x.flag = 1 AND x.cancelled = 0,"
	"  'current', 'cancelled'), 'superseded') AS st FROM record x JOIN"
	"  (SELECT DISTINCT link_id, data_type, order_key FROM record WHERE"
	"  facility_id = ? AND id BETWEEN ? AND ? AND order_key IS NOT NULL) g"
	"  ON x.link_id = g.link_id AND x.data_type = g.data_type"
	"  AND x.order_key = g.order_key) w WHERE w.st <> w.status")
COLS(RECORD_REGROUP_RANGE, RECORD_REGROUP_RANGE_ID, RECORD_REGROUP_RANGE_ST)

/* A message's rows in one statement: a JSON array of arrays, bound as data. */
STMT(LAB_INSERT_ROWS,
	"INSERT INTO record_lab (record_id, link_id, seq, code, code_system,"
	" name, value_type, value, value_num, unit, range_low, range_high,"
	" range_text, flag, result_status, observed_at, observed_given) SELECT"
	" ?, ?, j.seq, j.code, j.sys, j.name, j.vt, j.val, j.num, j.unit, j.lo,"
	" j.hi, j.rng, j.flag, j.st, j.obs, j.obsg FROM JSON_TABLE(?, '$[*]'"
	" COLUMNS ("
	" seq INT PATH '$[0]', code VARCHAR(1000) PATH '$[1]',"
	" sys VARCHAR(1000) PATH '$[2]', name VARCHAR(1000) PATH '$[3]',"
	" vt VARCHAR(1000) PATH '$[4]', val VARCHAR(1000) PATH '$[5]',"
	" num VARCHAR(1000) PATH '$[6]', unit VARCHAR(1000) PATH '$[7]',"
	" lo VARCHAR(1000) PATH '$[8]', hi VARCHAR(1000) PATH '$[9]',"
	" rng VARCHAR(1000) PATH '$[10]', flag VARCHAR(1000) PATH '$[11]',"
	" st VARCHAR(1000) PATH '$[12]', obs VARCHAR(1000) PATH '$[13]',"
	" obsg VARCHAR(100) PATH '$[14]')) j")
STMT(MED_INSERT_ROWS,
	"INSERT INTO record_med (record_id, link_id, seq, rp, drug_code,"
	" code_system, drug_name, dose, unit, dosage_form, route, frequency, days,"
	" total, given_at) SELECT ?, ?, j.seq, j.rp, j.code, j.sys, j.name,"
	" j.dose, j.unit, j.form, j.route, j.freq, j.days, j.total, j.given"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (seq INT PATH '$[0]',"
	" rp VARCHAR(1000) PATH '$[1]', code VARCHAR(1000) PATH '$[2]',"
	" sys VARCHAR(1000) PATH '$[3]', name VARCHAR(1000) PATH '$[4]',"
	" dose VARCHAR(1000) PATH '$[5]', unit VARCHAR(1000) PATH '$[6]',"
	" form VARCHAR(1000) PATH '$[7]', route VARCHAR(1000) PATH '$[8]',"
	" freq VARCHAR(1000) PATH '$[9]', days VARCHAR(1000) PATH '$[10]',"
	" total VARCHAR(1000) PATH '$[11]', given VARCHAR(1000) PATH '$[12]')) j")

/*
 * A batch's new message files at once (ssmix2_stage_flush): JSON arrays
 * bound as data; records find their file, and rows their record, by path.
 */
#define JT_REL	"rel VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
#define JT_FILE	" STRAIGHT_JOIN import_file f ON f.facility_id = ?" \
	" AND f.tree = 'std' AND f.rel_path = j.rel"
STMT(IMPORT_FILE_ROWS,
	"INSERT INTO import_file (facility_id, tree, rel_path, size, mtime,"
	" sha256, status, data_type, local_id, run_id, imported_at)"
	" SELECT ?, 'std', j.rel, j.size, j.mtime, j.sha, 'imported', j.dt, j.lid,"
	" ?, UTC_TIMESTAMP(6) FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$[0]', size VARCHAR(30) PATH '$[1]', mtime VARCHAR(30) PATH '$[2]',"
	" sha VARCHAR(64) PATH '$[3]', dt VARCHAR(16) PATH '$[4]',"
	" lid VARCHAR(64) PATH '$[5]')) j ON DUPLICATE KEY UPDATE"
	" size = VALUES(size), mtime = VALUES(mtime), sha256 = VALUES(sha256),"
	" status = VALUES(status), reason = NULL, detail = NULL, warning = NULL,"
	" data_type = VALUES(data_type), local_id = VALUES(local_id),"
	" run_id = VALUES(run_id), imported_at = VALUES(imported_at)")

/*
 * In the files' order, so ids rise as they would one file at a time: the
 * JSON array drives the join (STRAIGHT_JOIN, eq_ref: no join buffer). No
 * ORDER BY: its filesort makes JSON_TABLE parse every row twice.
 */
STMT(RECORD_ROWS,
	"INSERT INTO record (facility_id, link_id, file_id, kind, data_type,"
	" msg_type, order_no, order_key, dept, flag, cancelled, care_date,"
	" occurred_at, occurred_given, message_ts, message_ts_given, title,"
	" summary, status, source_path, file_sha256, raw_message, imported_at)"
	" SELECT f.facility_id, j.link, f.id, j.kind, j.dt, j.mt, j.ord, j.okey,"
	" j.dept, j.flag, j.canc, j.cd, j.occ, j.occg, j.mts, j.mtsg, j.title,"
	" j.summary, j.status, j.rel, j.sha,"
	" IF(j.rawfmt = 'x', UNHEX(j.raw), j.raw),"
	" UTC_TIMESTAMP(6) FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$[0]', link VARCHAR(30) PATH '$[1]',"
	" kind VARCHAR(100) PATH '$[2]', dt VARCHAR(100) PATH '$[3]',"
	" mt VARCHAR(100) PATH '$[4]', ord VARCHAR(100) PATH '$[5]',"
	" okey VARCHAR(100) PATH '$[6]', dept VARCHAR(100) PATH '$[7]',"
	" flag VARCHAR(4) PATH '$[8]', canc VARCHAR(4) PATH '$[9]',"
	" cd VARCHAR(30) PATH '$[10]', occ VARCHAR(30) PATH '$[11]',"
	" mts VARCHAR(30) PATH '$[12]', status VARCHAR(16) PATH '$[13]',"
	" sha VARCHAR(64) PATH '$[14]', occg VARCHAR(100) PATH '$[15]',"
	" mtsg VARCHAR(100) PATH '$[16]', title VARCHAR(1000) PATH '$[17]',"
	" summary TEXT PATH '$[18]', rawfmt VARCHAR(1) PATH '$[19]',"
	" raw LONGTEXT PATH '$[20]')) j" JT_FILE)
STMT(LAB_ROWS,
	"INSERT INTO record_lab (record_id, link_id, seq, code, code_system,"
	" name, value_type, value, value_num, unit, range_low, range_high,"
	" range_text, flag, result_status, observed_at, observed_given) SELECT"
	" r.id, r.link_id, j.seq, j.code, j.sys, j.name, j.vt, j.val, j.num,"
	" j.unit, j.lo, j.hi, j.rng, j.flag, j.st, j.obs, j.obsg"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL
	" PATH '$.rel', NESTED PATH '$.rows[*]' COLUMNS ("
	" seq INT PATH '$[0]', code VARCHAR(1000) PATH '$[1]',"
	" sys VARCHAR(1000) PATH '$[2]', name VARCHAR(1000) PATH '$[3]',"
	" vt VARCHAR(1000) PATH '$[4]', val VARCHAR(1000) PATH '$[5]',"
	" num VARCHAR(1000) PATH '$[6]', unit VARCHAR(1000) PATH '$[7]',"
	" lo VARCHAR(1000) PATH '$[8]', hi VARCHAR(1000) PATH '$[9]',"
	" rng VARCHAR(1000) PATH '$[10]', flag VARCHAR(1000) PATH '$[11]',"
	" st VARCHAR(1000) PATH '$[12]', obs VARCHAR(1000) PATH '$[13]',"
	" obsg VARCHAR(100) PATH '$[14]'))) j"
	JT_FILE " STRAIGHT_JOIN record r ON r.file_id = f.id")
STMT(MED_ROWS,
	"INSERT INTO record_med (record_id, link_id, seq, rp, drug_code,"
	" code_system, drug_name, dose, unit, dosage_form, route, frequency, days,"
	" total, given_at) SELECT r.id, r.link_id, j.seq, j.rp, j.code, j.sys,"
	" j.name, j.dose, j.unit, j.form, j.route, j.freq, j.days, j.total,"
	" j.given FROM JSON_TABLE(?, '$[*]' COLUMNS (" JT_REL " PATH '$.rel',"
	" NESTED PATH '$.rows[*]' COLUMNS (seq INT PATH '$[0]',"
	" rp VARCHAR(1000) PATH '$[1]', code VARCHAR(1000) PATH '$[2]',"
	" sys VARCHAR(1000) PATH '$[3]', name VARCHAR(1000) PATH '$[4]',"
	" dose VARCHAR(1000) PATH '$[5]', unit VARCHAR(1000) PATH '$[6]',"
	" form VARCHAR(1000) PATH '$[7]', route VARCHAR(1000) PATH '$[8]',"
	" freq VARCHAR(1000) PATH '$[9]', days VARCHAR(1000) PATH '$[10]',"
	" total VARCHAR(1000) PATH '$[11]', given VARCHAR(1000) PATH '$[12]')))"
	" j" JT_FILE " STRAIGHT_JOIN record r ON r.file_id = f.id")
STMT(ALLERGY_INSERT,
	"INSERT INTO record_allergy (record_id, link_id, seq, allergy_type, code,"
	" name, severity, reaction, onset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
STMT(PROBLEM_INSERT,
	"INSERT INTO record_problem (record_id, link_id, seq, code, code_system,"
	" name, onset, resolved, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
STMT(DOCUMENT_INSERT,
	"INSERT INTO document (facility_id, link_id, file_id, care_date, category,"
	" title, content_type, size, sha256, data, source_path, imported_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")

/* The operator's page; times in Japan time. No patient names here. */
STMT(IMPORTS_FACILITIES,
	"SELECT f.id, f.code, f.name, s.root_dir, s.enabled,"
	" (SELECT DATE_FORMAT(MAX(a.imported_at) + INTERVAL 9 HOUR,"
	"  '%Y-%m-%d %H:%i') FROM import_file a WHERE a.facility_id = f.id"
	"  AND a.status = 'imported'),"
	" DATE_FORMAT(r.started_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" DATE_FORMAT(r.finished_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" r.status, r.files_total, r.files_done, r.imported, r.unchanged,"
	" r.quarantined, r.failed, r.last_error, r.removed,"
	" (SELECT COUNT(*) FROM import_file q WHERE q.facility_id = f.id"
	"  AND q.status = 'quarantined'), r.warned,"
	" (SELECT COUNT(*) FROM import_file w WHERE w.warning IS NOT NULL"
	"  AND w.facility_id = f.id AND w.status = 'imported')"
	" FROM facility f LEFT JOIN facility_ssmix2 s ON s.facility_id = f.id"
	" LEFT JOIN import_run r ON r.id = (SELECT MAX(x.id) FROM import_run x"
	"  WHERE x.facility_id = f.id)"
	" WHERE s.facility_id IS NOT NULL OR r.id IS NOT NULL"
	" ORDER BY f.code LIMIT 1000")
COLS(IMPORTS_FACILITIES, IMPORTS_FACILITIES_ID, IMPORTS_FACILITIES_CODE,
    IMPORTS_FACILITIES_NAME, IMPORTS_FACILITIES_ROOT_DIR,
    IMPORTS_FACILITIES_ENABLED, IMPORTS_FACILITIES_LAST_ARRIVAL,
    IMPORTS_FACILITIES_STARTED_AT, IMPORTS_FACILITIES_FINISHED_AT,
    IMPORTS_FACILITIES_STATUS, IMPORTS_FACILITIES_FILES_TOTAL,
    IMPORTS_FACILITIES_FILES_DONE, IMPORTS_FACILITIES_IMPORTED,
    IMPORTS_FACILITIES_UNCHANGED, IMPORTS_FACILITIES_QUARANTINED,
    IMPORTS_FACILITIES_FAILED, IMPORTS_FACILITIES_LAST_ERROR,
    IMPORTS_FACILITIES_REMOVED, IMPORTS_FACILITIES_IN_QUARANTINE,
    IMPORTS_FACILITIES_WARNED, IMPORTS_FACILITIES_WARNED_FILES)
/*
 * The files to ask the hospital about: quarantined ones and ones imported
 * with a warning (docs/import.md), each part along its own index, the
 * newest 500.
 */
#define IMPORTS_LISTED(cond) "(SELECT f.code, q.tree, q.rel_path, q.reason," \
	" q.detail, q.data_type, DATE_FORMAT(q.imported_at + INTERVAL 9 HOUR," \
	" '%Y-%m-%d %H:%i:%s'), q.status, q.warning, q.imported_at k, q.id" \
	" FROM import_file q JOIN facility f ON f.id = q.facility_id WHERE " \
	cond " AND (? = 0 OR q.facility_id = ?)" \
	" ORDER BY q.imported_at DESC, q.id DESC LIMIT 500)"
STMT(IMPORTS_QUARANTINE,
	"SELECT * FROM (" IMPORTS_LISTED("q.status = 'quarantined'")
	" UNION ALL " IMPORTS_LISTED("q.warning IS NOT NULL AND"
	" q.status = 'imported'") ") x ORDER BY k DESC, id DESC LIMIT 500")
COLS(IMPORTS_QUARANTINE, IMPORTS_QUARANTINE_CODE, IMPORTS_QUARANTINE_TREE,
    IMPORTS_QUARANTINE_REL_PATH, IMPORTS_QUARANTINE_REASON,
    IMPORTS_QUARANTINE_DETAIL, IMPORTS_QUARANTINE_DATA_TYPE,
    IMPORTS_QUARANTINE_IMPORTED_AT, IMPORTS_QUARANTINE_STATUS,
    IMPORTS_QUARANTINE_WARNING, IMPORTS_QUARANTINE_K, IMPORTS_QUARANTINE_ID)
/* One facility's latest runs with their counts (docs/import.md). */
STMT(IMPORTS_RUNS,
	"SELECT DATE_FORMAT(started_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" DATE_FORMAT(finished_at + INTERVAL 9 HOUR, '%Y-%m-%d %H:%i:%s'),"
	" status, files_total, imported, warned, unchanged, quarantined, removed,"
	" failed FROM import_run WHERE facility_id = ? ORDER BY id DESC LIMIT 20")
COLS(IMPORTS_RUNS, IMPORTS_RUNS_STARTED_AT, IMPORTS_RUNS_FINISHED_AT,
    IMPORTS_RUNS_STATUS, IMPORTS_RUNS_FILES_TOTAL, IMPORTS_RUNS_IMPORTED,
    IMPORTS_RUNS_WARNED, IMPORTS_RUNS_UNCHANGED, IMPORTS_RUNS_QUARANTINED,
    IMPORTS_RUNS_REMOVED, IMPORTS_RUNS_FAILED)

#undef JT_REL
#undef JT_FILE
#undef IMPORTS_LISTED
