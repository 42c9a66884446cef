/* sql_federation.h: agreements with other networks and the facilities' regions (pages/federation.c; A18) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* A18: agreements with other regional networks. */
STMT(AGREEMENT_INSERT,
	"INSERT INTO agreement (partner, signed_on, note, created_by, created_at)"
	" VALUES (?, NULLIF(?, ''), NULLIF(?, ''), ?, FROM_UNIXTIME(?))")
STMT(AGREEMENT_LIST,
	"SELECT a.id, a.partner, a.signed_on, a.status, (SELECT COUNT(*)"
	" FROM agreement_point p WHERE p.agreement_id = a.id"
	" AND p.removed_at IS NULL), a.version FROM agreement a"
	" ORDER BY FIELD(a.status, 'active', 'draft', 'ended'), a.id DESC LIMIT 500")
COLS(AGREEMENT_LIST, AGREEMENT_LIST_ID, AGREEMENT_LIST_PARTNER,
    AGREEMENT_LIST_SIGNED_ON, AGREEMENT_LIST_STATUS, AGREEMENT_LIST_POINTS,
    AGREEMENT_LIST_VERSION)
STMT(AGREEMENT_GET,
	"SELECT a.id, a.partner, a.signed_on, a.status, a.note, cu.name,"
	" UNIX_TIMESTAMP(a.created_at), uu.name, UNIX_TIMESTAMP(a.updated_at),"
	" a.version, (SELECT COUNT(*) FROM agreement_point p"
	"  WHERE p.agreement_id = a.id AND p.removed_at IS NULL)"
	" FROM agreement a JOIN users cu ON cu.id = a.created_by"
	" LEFT JOIN users uu ON uu.id = a.updated_by WHERE a.id = ?")
COLS(AGREEMENT_GET, AGREEMENT_GET_ID, AGREEMENT_GET_PARTNER,
    AGREEMENT_GET_SIGNED, AGREEMENT_GET_STATUS, AGREEMENT_GET_NOTE,
    AGREEMENT_GET_CREATOR, AGREEMENT_GET_CREATED, AGREEMENT_GET_UPDATER,
    AGREEMENT_GET_UPDATED, AGREEMENT_GET_VERSION, AGREEMENT_GET_POINTS)
STMT(AGREEMENT_UPDATE,
	"UPDATE agreement SET partner = ?, signed_on = NULLIF(?, ''), status = ?,"
	" note = NULLIF(?, ''), updated_by = ?, updated_at = FROM_UNIXTIME(?),"
	" version = version + 1 WHERE id = ? AND version = ?")
STMT(AGREEMENT_TOUCH,
	"UPDATE agreement SET updated_by = ?, updated_at = FROM_UNIXTIME(?),"
	" version = version + 1 WHERE id = ? AND version = ? AND status <> 'ended'")
STMT(AGREEMENT_POINTS,
	"SELECT p.id, p.topic, p.ours, p.theirs, UNIX_TIMESTAMP(p.added_at),"
	" au.name, UNIX_TIMESTAMP(p.removed_at), ru.name FROM agreement_point p"
	" JOIN users au ON au.id = p.added_by LEFT JOIN users ru ON ru.id = p.removed_by"
	" WHERE p.agreement_id = ? ORDER BY p.removed_at IS NOT NULL, p.id")
COLS(AGREEMENT_POINTS, AGREEMENT_POINTS_ID, AGREEMENT_POINTS_TOPIC,
    AGREEMENT_POINTS_OURS, AGREEMENT_POINTS_THEIRS, AGREEMENT_POINTS_ADDED_AT,
    AGREEMENT_POINTS_ADDER_NAME, AGREEMENT_POINTS_REMOVED_AT,
    AGREEMENT_POINTS_REMOVER_NAME)
STMT(AGREEMENT_POINT_ADD,
	"INSERT INTO agreement_point (agreement_id, topic, ours, theirs, added_by,"
	" added_at) VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))")
STMT(AGREEMENT_POINT_REMOVE,
	"UPDATE agreement_point SET removed_by = ?, removed_at = FROM_UNIXTIME(?)"
	" WHERE id = ? AND agreement_id = ? AND removed_at IS NULL")

/* A18.3: every facility, out-of-region clinics marked. */
STMT(FACILITY_LIST,
	"SELECT f.id, f.code, f.name, f.kind, f.in_region, f.status, f.disclosing,"
	" f.viewing, f.version, (SELECT COUNT(*) FROM users u"
	"  WHERE u.facility_id = f.id AND u.status = 'active')"
	" FROM facility f ORDER BY f.in_region, f.code LIMIT 2000")
COLS(FACILITY_LIST, FACILITY_LIST_ID, FACILITY_LIST_CODE, FACILITY_LIST_NAME,
    FACILITY_LIST_KIND, FACILITY_LIST_IN_REGION, FACILITY_LIST_STATUS,
    FACILITY_LIST_DISCLOSING, FACILITY_LIST_VIEWING, FACILITY_LIST_VERSION,
    FACILITY_LIST_USERS)
STMT(FACILITY_SET_REGION,
	"UPDATE facility SET in_region = ?, version = version + 1"
	" WHERE id = ? AND version = ?")
