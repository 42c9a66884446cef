/* config.c: the instance's settings, read from var/.../mogami.conf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"

struct config	 cfg;

enum ctype { C_STR, C_INT, C_SIZE, C_LONG };

static const struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	size_t		 size;
} ckeys[] = {
#define S(n) { #n, C_STR, offsetof(struct config, n), sizeof(cfg.n) }
#define I(n) { #n, C_INT, offsetof(struct config, n), 0 }
	S(net_name), S(var_dir), S(db_socket), S(db_name), S(db_user),
	S(db_password), S(fcgi_socket), S(templates), S(lang), S(nginx_pid),
	S(origin), S(db_host), S(fcgi_group),
	I(workers), I(idle_lock_secs), I(session_max_secs),
	I(lockout_failures), I(lockout_secs), I(lockout_alert_count),
	I(lockout_alert_secs), I(test_clock),
	I(jobs_users_expire_secs), I(jobs_emergency_secs), I(jobs_misuse_secs), I(emergency_hours), I(emergency_followup_days),
	I(desk_due_days), I(jobs_ssmix2_secs), I(jobs_audit_seal_secs),
	I(jobs_dashboard_secs), I(dash_low_views),
	I(db_port), I(db_causal_reads), I(consent_needs_check),
	I(search_miss_limit), I(search_miss_window_secs),
	I(jobs_ssmix2_request_secs),
	{ "body_max", C_SIZE, offsetof(struct config, body_max), 0 },
	{ "clock_offset", C_LONG, offsetof(struct config, clock_offset), 0 },
#undef S
#undef I
};

static void
defaults(void)
{
	memset(&cfg, 0, sizeof(cfg));
	str_copy(cfg.net_name, "もがみネット", sizeof(cfg.net_name));
	str_copy(cfg.db_name, "mogami", sizeof(cfg.db_name));
	str_copy(cfg.db_user, "mogami", sizeof(cfg.db_user));
	str_copy(cfg.templates, "templates", sizeof(cfg.templates));
	str_copy(cfg.lang, "templates/lang/ja.hdf", sizeof(cfg.lang));
	cfg.workers = 2;
	cfg.body_max = 12 * 1024 * 1024;	/* a scanned form; other forms: FORM_BODY_MAX */
	cfg.idle_lock_secs = 15 * 60;
	cfg.session_max_secs = 12 * 3600;
	cfg.lockout_failures = 5;
	cfg.lockout_secs = 15 * 60;
	cfg.lockout_alert_count = 3;	/* 0: never */
	cfg.lockout_alert_secs = 24 * 3600;
	cfg.jobs_users_expire_secs = 3600;
	cfg.jobs_emergency_secs = 600;
	cfg.jobs_misuse_secs = 300;
	cfg.emergency_hours = 24;
	cfg.emergency_followup_days = 7;
	cfg.desk_due_days = 14;
	cfg.jobs_ssmix2_secs = 300;
	cfg.jobs_ssmix2_request_secs = 15;	/* issue 20: "run now" waits at most this */
	cfg.jobs_audit_seal_secs = 10;	/* a checkpoint at least every minute */
	cfg.jobs_dashboard_secs = 60;	/* bounds the dashboard's live tail */
	cfg.dash_low_views = 10;
	cfg.search_miss_limit = 10;
	cfg.search_miss_window_secs = 300;
}

/*
 * Reads "key = value" lines from path into cfg (defaults first). Unknown keys
 * and bad numbers are errors, so a typo never silently falls back.
 * Returns 0, or -1 with a message in err.
 */
int
config_load(const char *path, char *err, size_t errlen)
{
	FILE		*f;
	char		 line[1024], *k, *v, *e;
	size_t		 i, lineno = 0;
	long long	 n;

	defaults();
	if ((f = fopen(path, "r")) == NULL) {
		str_fmt(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		for (k = line; *k == ' ' || *k == '\t'; k++)
			;
		if (*k == '#' || *k == '\0')
			continue;
		if ((v = strchr(k, '=')) == NULL)
			goto bad;
		for (e = v; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		for (v++; *v == ' ' || *v == '\t'; v++)
			;
		for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
			if (strcmp(ckeys[i].name, k) == 0)
				break;
		if (i == sizeof(ckeys) / sizeof(ckeys[0]))
			goto bad;
		char *dst = (char *)&cfg + ckeys[i].off;
		switch (ckeys[i].type) {
		case C_STR:
			if (str_copy(dst, v, ckeys[i].size) == -1)
				goto bad;
			break;
		case C_INT:
			if (str_to_ll(v, -1000000000, 1000000000, &n) == -1)
				goto bad;
			*(int *)(void *)dst = (int)n;
			break;
		case C_SIZE:
			if (str_to_ll(v, 0, 1LL << 40, &n) == -1)
				goto bad;
			*(size_t *)(void *)dst = (size_t)n;
			break;
		case C_LONG:
			if (str_to_ll(v, -(1LL << 40), 1LL << 40, &n) == -1)
				goto bad;
			*(long *)(void *)dst = (long)n;
			break;
		}
	}
	fclose(f);
	if (cfg.workers < 1 || cfg.workers > 256)
		cfg.workers = 2;
	if (cfg.desk_due_days < 1 || cfg.desk_due_days > 365)
		cfg.desk_due_days = 14;
	if (cfg.search_miss_limit < 1 || cfg.search_miss_limit > 1000000)
		cfg.search_miss_limit = 10;
	if (cfg.search_miss_window_secs < 10 ||
	    cfg.search_miss_window_secs > 86400)
		cfg.search_miss_window_secs = 300;
	return 0;
bad:
	str_fmt(err, errlen, "%s:%zu: bad setting", path, lineno);
	fclose(f);
	return -1;
}

/* The application's clock: wall time plus the test instance's offset. */
time_t
now(void)
{
	return time(NULL) + cfg.clock_offset;
}

/*
 * The same clock in microseconds: consent and its revocation may fall in
 * the same second, and which came first decides who may see (A12.2).
 */
long long
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((long long)ts.tv_sec + cfg.clock_offset) * 1000000LL +
	    ts.tv_nsec / 1000;
}

/* Today's date in Japan, where the network is, as YYYY-MM-DD. */
void
today(char out[11])
{
	time_t		 t = now() + 9 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
utc_now(char out[20])
{
	time_t		 t = now();
	struct tm	 tm;

	gmtime_r(&t, &tm);
	if (strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		out[0] = '\0';
}
