/*
 * handle.c: a patient is named in URLs by a random handle that means
 * something only in the session that was given it (A8.4): a URL copied,
 * logged or shoulder-surfed reveals nothing and works nowhere else.
 */
#include <string.h>

#include "base/json.h"
#include "base/util.h"
#include "db/db.h"
#include "pki/pki.h"
#include "rules/access.h"
#include "web/app.h"
#include "web/session.h"

#define HANDLE_LEN	22	/* ~131 bits in [A-Za-z0-9] */

static const char handle_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* The session's handle for patient id into out (>= 23 bytes); 0 or -1. */
int
handle_for(const struct req *r, long long id, char *out, size_t outlen)
{
	struct dbres	*res;

	if (r->sess == NULL || outlen < HANDLE_LEN + 1)
		return -1;
	if ((res = db_query(STMT_HANDLE_BY_PATIENT, "ii", r->sess->id, id)) == NULL)
		return -1;
	if (res->nrows > 0) {
		str_copy(out, dbres_get(res, 0, HANDLE_BY_PATIENT_HANDLE), outlen);
		dbres_free(res);
		return 0;
	}
	dbres_free(res);
	if (pki_random_string(out, HANDLE_LEN, handle_alphabet) == -1)
		return -1;
	out[HANDLE_LEN] = '\0';
	int rc = db_exec(STMT_HANDLE_INSERT, "isi", r->sess->id, out, id);
	if (rc == DB_DUP) {	/* another request of this session came first */
		if ((res = db_query(STMT_HANDLE_BY_PATIENT, "ii", r->sess->id,
		    id)) == NULL || res->nrows == 0) {
			dbres_free(res);
			return -1;
		}
		str_copy(out, dbres_get(res, 0, HANDLE_BY_PATIENT_HANDLE), outlen);
		dbres_free(res);
		return 0;
	}
	return rc == 1 ? 0 : -1;
}

/* The patient id behind handle h in this session, or 0 (unknown), -1 (db). */
long long
handle_resolve(const struct req *r, const char *h)
{
	struct dbres	*res;
	long long	 id;

	if (r->sess == NULL || h == NULL || strlen(h) != HANDLE_LEN)
		return 0;
	if ((res = db_query(STMT_HANDLE_RESOLVE, "is", r->sess->id, h)) == NULL)
		return -1;
	id = res->nrows > 0 ? dbres_ll(res, 0, HANDLE_RESOLVE_PATIENT_ID) : 0;
	dbres_free(res);
	return id;
}

/*
 * The handles this session already has for ids, in one statement, for a
 * page that lists many patients (a search, an access list): handle_from()
 * reads them and makes the missing ones. 0 or -1; the caller calls
 * handles_free().
 */
int
handles_load(const struct req *r, const long long *ids, size_t n,
    struct handles *hs)
{
	struct buf	 json;

	hs->res = NULL;
	if (r->sess == NULL || n == 0)
		return 0;
	buf_init(&json);
	if (json_ids(&json, ids, n) == 0)
		hs->res = db_query(STMT_HANDLES_BY_PATIENTS, "si", json.data,
		    r->sess->id);
	buf_free(&json);
	return hs->res == NULL ? -1 : 0;
}

/* handle_for(), looking in hs first. */
int
handle_from(const struct req *r, const struct handles *hs, long long id,
    char *out, size_t outlen)
{
	for (size_t i = 0; hs->res != NULL && i < hs->res->nrows; i++)
		if (dbres_ll(hs->res, i, HANDLES_BY_PATIENTS_PATIENT_ID) == id) {
			str_copy(out, dbres_get(hs->res, i, HANDLES_BY_PATIENTS_HANDLE), outlen);
			return 0;
		}
	return handle_for(r, id, out, outlen);
}

void
handles_free(struct handles *hs)
{
	dbres_free(hs->res);
	hs->res = NULL;
}
