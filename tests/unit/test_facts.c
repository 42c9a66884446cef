/* test_facts.c: the kept facts as the viewer reads them (access_kept, issue 23): each line as a fact, time-dependent limits decided when read */
#include <stdio.h>

#include "base/config.h"
#include "rules/access.h"
#include "t.h"

/* The members: facility 1 discloses and views, 2 views, 3 discloses and is cancelled. */
#define REGION	"1 1 3\n2 1 2\n3 0 1"
#define HOUR	3600000000LL
#define PAST	1000000000000000LL	/* 2001, in microseconds */

static long long t_now;

/* A consent to every facility, registered in the past; its line. */
static const char *
consent_all(void)
{
	static char	 line[64];

	snprintf(line, sizeof(line), "c 7 %lld %d", PAST, 2 | 4 | 11000 << 8);
	return line;
}

/* Kept facts of patient 5: a 'p' line and the lines given. */
static enum consent_verdict
verdict(const char *lines, long long grant, const char *region, long long viewer)
{
	struct access		 a;
	char			 facts[512];
	enum consent_verdict	 v = CONSENT_DENY_NONE;

	snprintf(facts, sizeof(facts), "%s", lines);
	if (access_kept(&a, 5, facts, grant, region) == 0)
		v = access_patient(&a, viewer);
	else
		v = (enum consent_verdict)-1;
	access_free(&a);
	return v;
}

static void
test_A12_1_kept_consent_allows_and_own_records(void)
{
	char f[256];

	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 0 0 0", consent_all());
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_ALLOW);
	CHECK(verdict(f, 0, REGION, 1) == CONSENT_ALLOW_OWN);
	/* no consent line: no access but the facility's own */
	CHECK(verdict("l 1 40 0\np 0 0 0", 0, REGION, 2) == CONSENT_DENY_NONE);
	CHECK(verdict("l 1 40 0\np 0 0 0", 0, REGION, 1) == CONSENT_ALLOW_OWN);
}

static void
test_A12_2_kept_revocation_denies(void)
{
	char f[256];

	/* a form 5 received now (before the read), signed the day after the consent */
	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 0 0 0\nr %lld 11001 0", consent_all(),
	    t_now - 1);
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_DENY_REVOKED);
	/* one received later than the read does not count yet */
	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 0 0 0\nr %lld 11001 0", consent_all(),
	    t_now + HOUR);
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_ALLOW);
}

static void
test_A10_5_member_states_from_the_region_row(void)
{
	char f[256];

	snprintf(f, sizeof(f), "%s\nl 3 41 0\np 0 0 0", consent_all());
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_DENY_FACILITY);	/* 3 cancelled */
	snprintf(f, sizeof(f), "%s\nl 9 42 0\np 0 0 0", consent_all());
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_DENY_FACILITY);	/* 9 no member */
	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 0 0 0", consent_all());
	CHECK(verdict(f, 0, "1 1 3\n2 0 2", 2) == CONSENT_DENY_FACILITY); /* viewer */
}

static void
test_A14_kept_grant_decided_when_read(void)
{
	CHECK(verdict("l 1 40 0\np 0 0 0", t_now + HOUR, REGION, 2) ==
	    CONSENT_ALLOW_EMERGENCY);
	CHECK(verdict("l 1 40 0\np 0 0 0", t_now - HOUR, REGION, 2) ==
	    CONSENT_DENY_NONE);
}

static void
test_A12_3_kept_cancellation_from_its_time(void)
{
	char f[256];

	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 1 %lld 0", consent_all(), t_now - HOUR);
	CHECK(verdict(f, t_now + HOUR, REGION, 1) == CONSENT_DENY_DECEASED);
	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 1 %lld 0", consent_all(), t_now + HOUR);
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_ALLOW);
}

static void
test_A12_1_merged_and_unlinked(void)
{
	char f[256];

	snprintf(f, sizeof(f), "%s\nl 1 40 0\np 2 0 0", consent_all());
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_DENY_NONE);	/* ask the survivor */
	/* no records yet: a consent to a disclosing member lets the viewer see the patient */
	snprintf(f, sizeof(f), "%s\np 0 0 0", consent_all());
	CHECK(verdict(f, 0, REGION, 2) == CONSENT_ALLOW);
}

static void
test_kept_text_malformed_or_missing_decides_nothing(void)
{
	struct access a;

	CHECK(verdict("p 0 0", 0, REGION, 2) == (enum consent_verdict)-1);
	CHECK(verdict("p 0 0 0 9", 0, REGION, 2) == (enum consent_verdict)-1);
	CHECK(verdict("p 0 0\n5 0 0 0", 0, REGION, 2) == (enum consent_verdict)-1);
	CHECK(verdict("l 1 40 0\np 0 0 0", 0, "1 x 3", 2) == (enum consent_verdict)-1);
	CHECK(access_kept(&a, 5, "l 1 40 0", 0, REGION) == 1);	/* no 'p' line */
	access_free(&a);
	CHECK(access_kept(&a, 5, NULL, 0, NULL) == 1);
	access_free(&a);
}

int
main(void)
{
	t_now = now_us();
	RUN(test_A12_1_kept_consent_allows_and_own_records);
	RUN(test_A12_2_kept_revocation_denies);
	RUN(test_A10_5_member_states_from_the_region_row);
	RUN(test_A14_kept_grant_decided_when_read);
	RUN(test_A12_3_kept_cancellation_from_its_time);
	RUN(test_A12_1_merged_and_unlinked);
	RUN(test_kept_text_malformed_or_missing_decides_nothing);
	return T_DONE("facts");
}
