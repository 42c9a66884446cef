/*
 * misuse.c: the rules that notice improper use in the audit log (A4.2).
 * Each rule reads its settings from misuse_rule, finds users over its
 * threshold since its window began, and raises one alert per hit; the
 * dedup key (rule, user and the window's bucket, or the patient or grant
 * the hit is about) keeps a rescan from raising the same hit twice.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "base/config.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/misuse.h"

struct rule {
	const char	*code;
	enum stmt	 st;
	int		 keyed_by_object;	/* key on column 3 (a patient, a grant) */
};

/* Every rule, one row each; settings and on/off live in the database. */
static const struct rule rules[] = {
	{ "many_patients",		STMT_MISUSE_MANY,		0 },
	{ "odd_hours",			STMT_MISUSE_NIGHT,		0 },
	{ "same_surname_address",	STMT_MISUSE_SURNAME,		1 },
	{ "repeated_refusals",		STMT_MISUSE_REFUSED,		0 },
	{ "emergency_no_followup",	STMT_MISUSE_EMERGENCY_LATE,	1 },
	{ "print_volume",		STMT_MISUSE_PRINTS,		0 },
	{ "consent_self_view",		STMT_MISUSE_CONSENT_SELF,	1 },
	{ "search_misses",		STMT_MISUSE_SEARCH_MISSES,	0 },
};

/*
 * Raises one alert and tells the operator and the user's facility managers;
 * inside the caller's transaction, if any. 1 raised, 0 already there, -1.
 */
int
misuse_raise(const char *rule, long long user, long long facility,
    const char *key, long long hits, const char *detail)
{
	int	 rc;

	rc = db_exec(STMT_MISUSE_ALERT_INSERT, "siisis", rule, user, facility,
	    key, hits, detail);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	long long id = (long long)db_last_id();
	if (db_exec(STMT_NOTIFY_INSERT, "sissi", "operator", 0LL, "misuse.alert",
	    "misuse_alert", id) < 0 ||
	    db_exec(STMT_NOTIFY_INSERT, "sissi", "facility_manager", facility,
	    "misuse.alert", "misuse_alert", id) < 0)
		return -1;
	return 1;
}

/*
 * Japan-time hours from..to (to exclusive, wrapping past midnight) as a bit
 * mask over hours 0-23; from == to is the whole day, out of range nothing.
 */
long long
misuse_hours_mask(int from, int to)
{
	long long	 m = 0;

	if (from < 0 || from > 23 || to < 0 || to > 24)
		return 0;
	if (from == to % 24)
		return (1LL << 24) - 1;
	for (int i = 0; i < 24; i++) {
		int h = (from + i) % 24;
		if (h == to % 24)
			break;
		m |= 1LL << h;
	}
	return m;
}

/* Runs one rule at time t; the number of new alerts, or -1. */
static int
scan_rule(const struct rule *ru, const struct dbres *cfgrow, size_t row, time_t t)
{
	struct dbres	*res;
	long long	 thr = dbres_ll(cfgrow, row, MISUSE_RULES_THRESHOLD),
			 win = dbres_ll(cfgrow, row, MISUSE_RULES_WINDOW_MINUTES),
			 since = (long long)t - win * 60,
			 bucket = win > 0 ? (long long)t / (win * 60) : 0;
	int		 n = 0;
	char		 key[120], detail[160];

	if (ru->st == STMT_MISUSE_NIGHT)
		res = db_query(ru->st, "iii", since, misuse_hours_mask(
		    (int)dbres_ll(cfgrow, row, MISUSE_RULES_PARAM1), (int)dbres_ll(cfgrow, row, MISUSE_RULES_PARAM2)),
		    thr);
	else if (ru->st == STMT_MISUSE_EMERGENCY_LATE)
		res = db_query(ru->st, "ii", (long long)t, thr);
	else if (ru->st == STMT_MISUSE_CONSENT_SELF)
		/* window: minutes after the registration; consents of the last week */
		res = db_query(ru->st, "iii", win, (long long)t - 7 * 86400, thr);
	else
		res = db_query(ru->st, "ii", since, thr);
	if (res == NULL)
		return -1;
	/* Every rule's rows begin as MISUSE_MANY's; a keyed rule's add the
	 * object the hit is about (MISUSE_SURNAME's). */
	for (size_t i = 0; i < res->nrows; i++) {
		long long user = dbres_ll(res, i, MISUSE_MANY_USER_ID),
			  hits = dbres_ll(res, i, MISUSE_MANY_HITS);
		if (ru->keyed_by_object)
			snprintf(key, sizeof(key), "%s:%lld:%s", ru->code, user,
			    dbres_get(res, i, MISUSE_SURNAME_OBJECT));
		else
			snprintf(key, sizeof(key), "%s:%lld:%lld", ru->code, user,
			    bucket);
		snprintf(detail, sizeof(detail), "%lld", hits);
		int rc = misuse_raise(ru->code, user,
		    dbres_ll(res, i, MISUSE_MANY_FACILITY_ID), key,
		    hits, detail);
		if (rc < 0) {
			dbres_free(res);
			return -1;
		}
		n += rc;
	}
	dbres_free(res);
	return n;
}

/* Runs every enabled rule now; the number of new alerts, or -1. */
int
misuse_scan(void)
{
	struct dbres	*cf;
	int		 total = 0;
	time_t		 t = now();

	if ((cf = db_query(STMT_MISUSE_RULES, "")) == NULL)
		return -1;
	for (size_t i = 0; i < cf->nrows; i++) {
		if (dbres_ll(cf, i, MISUSE_RULES_ENABLED) == 0)
			continue;
		for (size_t j = 0; j < sizeof(rules) / sizeof(rules[0]); j++) {
			if (!str_eq(rules[j].code, dbres_get(cf, i, MISUSE_RULES_CODE)))
				continue;
			int n = scan_rule(&rules[j], cf, i, t);
			if (n < 0) {
				syslog(LOG_ERR, "misuse: rule %s failed", rules[j].code);
				dbres_free(cf);
				return -1;
			}
			total += n;
		}
	}
	dbres_free(cf);
	return total;
}

/*
 * The search throttle refused user of facility after misses searches that
 * found nobody (A11.2): one alert of rule search_misses now, keyed as
 * the scan keys it (the rule's window), so that the throttle and the scan
 * raise it once between them in a window. Nothing when the operator turned
 * the rule off. Inside the caller's transaction. 1 raised, 0 not, -1.
 */
int
misuse_search_throttled(long long user, long long facility, long long misses)
{
	struct dbres	*res;
	long long	 win;
	char		 key[120], detail[32];

	if ((res = db_query(STMT_MISUSE_RULE_GET, "s", "search_misses")) == NULL)
		return -1;
	if (res->nrows == 0 || dbres_ll(res, 0, MISUSE_RULE_GET_ENABLED) == 0) {
		dbres_free(res);
		return 0;
	}
	win = dbres_ll(res, 0, MISUSE_RULE_GET_WINDOW_MINUTES);
	dbres_free(res);
	if (win <= 0)
		win = (cfg.search_miss_window_secs + 59) / 60;
	snprintf(key, sizeof(key), "search_misses:%lld:%lld", user,
	    (long long)now() / (win * 60));
	snprintf(detail, sizeof(detail), "%lld", misses);
	return misuse_raise("search_misses", user, facility, key, misses, detail);
}
