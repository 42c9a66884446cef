/* test_consent.c: every case of the consent decision (A12.1-A12.4, A14) */
#include "rules/consent.h"
#include "t.h"

#define H	1L		/* the disclosing hospital */
#define V	2L		/* a viewing clinic */
#define W	3L		/* another viewing facility the patient did not name */
#define T0	1000000
#define DAY	86400

static const long long hosp[] = { H }, clinic[] = { V }, all[] = { CONSENT_ALL };

/* A form 4 signed and registered at signed_at. */
static struct consent
form4(time_t signed_at)
{
	struct consent c = { signed_at, 0, hosp, 1, clinic, 1, 0, 0, 0, 0 };
	c.signed_day = (long)(signed_at / DAY);
	return c;
}

/* A form 5 signed and received at t. */
static struct revocation
form5(time_t t)
{
	struct revocation v = { t, (long)(t / DAY) };
	return v;
}

static struct consent_facts
facts(const struct consent *c, size_t n, const struct revocation *rev,
    size_t nrev)
{
	struct consent_facts f = { c, n, rev, nrev, 0, 0, 1, 1, 0 };
	return f;
}

static void
test_A12_1_no_consent_denied(void)
{
	struct consent_facts f = facts(NULL, 0, NULL, 0);
	CHECK(consent_decide(&f, H, V, T0) == CONSENT_DENY_NONE);
	CHECK(!consent_allowed(consent_decide(&f, H, V, T0)));
}

static void
test_A12_1_consent_allows_named_pair_from_signing(void)
{
	struct consent c = form4(T0);
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_decide(&f, H, V, T0) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, H, V, T0 + 365 * DAY) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, H, V, T0 - 1) == CONSENT_DENY_NONE);
	/* Another viewer, or the other direction, is not covered. */
	CHECK(consent_decide(&f, H, W, T0) == CONSENT_DENY_NONE);
	CHECK(consent_decide(&f, V, H, T0) == CONSENT_DENY_NONE);
}

static void
test_A12_1_consent_naming_every_facility(void)
{
	struct consent c = { T0, 0, all, 1, all, 1, 0, 0, 0, 0 };
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_decide(&f, H, W, T0) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, V, W, T0) == CONSENT_ALLOW);
}

static void
test_A12_4_consent_found_void_by_operator_denied(void)
{
	struct consent c = form4(T0);
	c.rejected = 1;
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_decide(&f, H, V, T0 + DAY) == CONSENT_DENY_NONE);
}

static void
test_A12_2_revocation_effective_at_once(void)
{
	struct consent c = form4(T0);
	struct revocation rev = form5(T0 + 10 * DAY);
	struct consent_facts f = facts(&c, 1, &rev, 1);
	CHECK(consent_decide(&f, H, V, rev.received_at - 1) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, H, V, rev.received_at) == CONSENT_DENY_REVOKED);
	CHECK(consent_decide(&f, H, V, rev.received_at + 100 * DAY) ==
	    CONSENT_DENY_REVOKED);
}

static void
test_A12_2_new_consent_after_revocation_counts(void)
{
	struct consent c[2] = { form4(T0), form4(T0 + 20 * DAY) };
	struct revocation rev = form5(T0 + 10 * DAY);
	struct consent_facts f = facts(c, 2, &rev, 1);
	CHECK(consent_decide(&f, H, V, T0 + 15 * DAY) == CONSENT_DENY_REVOKED);
	CHECK(consent_decide(&f, H, V, T0 + 20 * DAY) == CONSENT_ALLOW);
}

/* A form 4 signed before a form 5 but registered after it stays revoked. */
static void
test_A12_2_old_form4_registered_after_revocation_stays_revoked(void)
{
	struct consent c = form4(T0);
	struct revocation rev = form5(T0 + 10 * DAY);
	c.signed_at = T0 + 20 * DAY;		/* registered weeks later */
	struct consent_facts f = facts(&c, 1, &rev, 1);
	CHECK(consent_decide(&f, H, V, T0 + 21 * DAY) == CONSENT_DENY_REVOKED);
	CHECK(consent_revoked(&f, &c, T0 + 21 * DAY));
	CHECK(!consent_counts(&f, &c, T0 + 21 * DAY));
	CHECK(consent_last_revocation(&f) == rev.signed_day);
}

/* On the form 5's own day only the stated "signed after it" counts. */
static void
test_A12_2_same_day_form4_counts_only_when_stated_after(void)
{
	struct revocation rev = form5(T0 + 10 * DAY);
	struct consent c = form4(T0 + 10 * DAY + 3600);
	struct consent_facts f = facts(&c, 1, &rev, 1);
	CHECK(consent_decide(&f, H, V, T0 + 11 * DAY) == CONSENT_DENY_REVOKED);
	c.after_revocation = 1;
	CHECK(consent_decide(&f, H, V, T0 + 11 * DAY) == CONSENT_ALLOW);
	/* A later form 5 still revokes it. */
	struct revocation two[2] = { rev, form5(T0 + 12 * DAY) };
	f = facts(&c, 1, two, 2);
	CHECK(consent_decide(&f, H, V, T0 + 13 * DAY) == CONSENT_DENY_REVOKED);
}

/* A form 5 received late covers what was signed by its date, not after. */
static void
test_A12_2_late_form5_revokes_only_what_was_signed_before_it(void)
{
	struct revocation rev = { T0 + 30 * DAY, (long)((T0 + 10 * DAY) / DAY) };
	struct consent c[2] = { form4(T0 + 5 * DAY), form4(T0 + 15 * DAY) };
	struct consent_facts f = facts(&c[0], 1, &rev, 1);
	CHECK(consent_decide(&f, H, V, T0 + 29 * DAY) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, H, V, T0 + 31 * DAY) == CONSENT_DENY_REVOKED);
	f = facts(&c[1], 1, &rev, 1);
	CHECK(consent_decide(&f, H, V, T0 + 31 * DAY) == CONSENT_ALLOW);
}

/* consent_needs_check: a submitted form 4 counts once the operator checked it. */
static void
test_A12_4_needs_check_counts_only_checked(void)
{
	struct consent c = form4(T0);
	c.pending = 1;
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_decide(&f, H, V, T0 + DAY) == CONSENT_ALLOW);
	f.needs_check = 1;
	CHECK(consent_decide(&f, H, V, T0 + DAY) == CONSENT_DENY_NONE);
	CHECK(!consent_counts(&f, &c, T0 + DAY));
	c.pending = 0;
	CHECK(consent_decide(&f, H, V, T0 + DAY) == CONSENT_ALLOW);
	CHECK(consent_counts(&f, &c, T0 + DAY));
}

static void
test_A12_3_death_cancels_everything_even_emergency_and_own(void)
{
	struct consent c = form4(T0);
	struct consent_facts f = facts(&c, 1, NULL, 0);
	f.deceased_at = T0 + DAY;
	f.emergency_until = T0 + 2 * DAY;
	CHECK(consent_decide(&f, H, V, T0) == CONSENT_ALLOW);
	CHECK(consent_decide(&f, H, V, T0 + DAY) == CONSENT_DENY_DECEASED);
	CHECK(consent_decide(&f, H, H, T0 + DAY) == CONSENT_DENY_DECEASED);
}

static void
test_A14_emergency_without_consent_within_limit(void)
{
	struct revocation rev = form5(T0);
	struct consent c = form4(T0 - DAY);
	struct consent_facts f = facts(&c, 1, &rev, 1);
	f.emergency_until = T0 + DAY;
	CHECK(consent_decide(&f, H, W, T0 + 1) == CONSENT_ALLOW_EMERGENCY);
	/* Even after a revocation (A12.2: only emergency access remains). */
	CHECK(consent_decide(&f, H, V, T0 + 1) == CONSENT_ALLOW_EMERGENCY);
	CHECK(consent_decide(&f, H, V, T0 + DAY + 1) == CONSENT_DENY_REVOKED);
	CHECK(consent_decide(&f, H, W, T0 + DAY + 1) == CONSENT_DENY_NONE);
}

static void
test_A10_5_inactive_facility_denied(void)
{
	struct consent c = form4(T0);
	struct consent_facts f = facts(&c, 1, NULL, 0);
	f.viewing_active = 0;
	CHECK(consent_decide(&f, H, V, T0) == CONSENT_DENY_FACILITY);
	f.viewing_active = 1;
	f.disclosing_active = 0;
	CHECK(consent_decide(&f, H, V, T0) == CONSENT_DENY_FACILITY);
}

static void
test_own_records_allowed(void)
{
	struct consent_facts f = facts(NULL, 0, NULL, 0);
	CHECK(consent_decide(&f, H, H, T0) == CONSENT_ALLOW_OWN);
	CHECK_STR(consent_verdict_name(CONSENT_ALLOW_OWN), "own");
	CHECK_STR(consent_verdict_name(CONSENT_DENY_REVOKED), "revoked");
}

/*
 * A12.1: who may see more of a patient than a form 4 needs. H is a
 * disclosing and viewing member, V a viewing-only clinic, W another.
 */
static void
test_A12_1_identity_named_explicitly_on_either_side(void)
{
	struct consent c = form4(T0);		/* H's records to V */
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_names_facility(&f, H, 1, 1, T0));
	CHECK(consent_names_facility(&f, V, 0, 1, T0));
	CHECK(!consent_names_facility(&f, W, 1, 1, T0));
	/* Before it is registered it names nobody yet. */
	CHECK(!consent_names_facility(&f, V, 0, 1, T0 - 1));
	CHECK(!consent_names_facility(&(struct consent_facts){ 0 }, H, 1, 1, T0));
}

static void
test_A12_1_identity_every_facility_names_members_of_that_side_only(void)
{
	/* Every disclosing facility's records, to H alone. */
	struct consent c = form4(T0);
	c.disclosing = all;
	c.viewing = hosp;
	struct consent_facts f = facts(&c, 1, NULL, 0);
	CHECK(consent_names_facility(&f, H, 1, 1, T0));
	CHECK(consent_names_facility(&f, W, 1, 0, T0));	/* a disclosing member */
	CHECK(!consent_names_facility(&f, V, 0, 1, T0));	/* views only */
	/* To every viewing facility: the clinic is named now. */
	struct consent d = form4(T0);
	d.viewing = all;
	f = facts(&d, 1, NULL, 0);
	CHECK(consent_names_facility(&f, V, 0, 1, T0));
	CHECK(!consent_names_facility(&f, W, 1, 0, T0));
	CHECK(!consent_names_facility(&f, W, 0, 0, T0));
}

static void
test_A12_1_identity_not_named_by_void_revoked_or_cancelled(void)
{
	struct consent c = form4(T0);
	c.disclosing = all;
	c.viewing = all;
	struct revocation rev = form5(T0 + DAY);
	struct consent_facts f = facts(&c, 1, &rev, 1);
	CHECK(consent_names_facility(&f, V, 0, 1, T0 + 1));
	/* A form 5 ends it at once (the same test consent_decide() uses). */
	CHECK(!consent_names_facility(&f, V, 0, 1, T0 + DAY));
	CHECK(!consent_names_facility(&f, H, 1, 1, T0 + DAY));
	/* A new form 4 after the form 5 names again. */
	struct consent two[2] = { c, form4(T0 + 2 * DAY) };
	f = facts(two, 2, &rev, 1);
	CHECK(consent_names_facility(&f, V, 0, 1, T0 + 2 * DAY));
	CHECK(!consent_names_facility(&f, W, 1, 1, T0 + 2 * DAY));
	/* Found void by the operator. */
	c.rejected = 1;
	f = facts(&c, 1, NULL, 0);
	CHECK(!consent_names_facility(&f, V, 0, 1, T0));
	/* A registration cancelled on death names nobody. */
	c.rejected = 0;
	f = facts(&c, 1, NULL, 0);
	f.deceased_at = T0 + DAY;
	CHECK(consent_names_facility(&f, V, 0, 1, T0 + 1));
	CHECK(!consent_names_facility(&f, V, 0, 1, T0 + DAY));
}

int
main(void)
{
	RUN(test_A12_1_no_consent_denied);
	RUN(test_A12_1_consent_allows_named_pair_from_signing);
	RUN(test_A12_1_consent_naming_every_facility);
	RUN(test_A12_4_consent_found_void_by_operator_denied);
	RUN(test_A12_2_revocation_effective_at_once);
	RUN(test_A12_2_new_consent_after_revocation_counts);
	RUN(test_A12_2_old_form4_registered_after_revocation_stays_revoked);
	RUN(test_A12_2_same_day_form4_counts_only_when_stated_after);
	RUN(test_A12_2_late_form5_revokes_only_what_was_signed_before_it);
	RUN(test_A12_4_needs_check_counts_only_checked);
	RUN(test_A12_3_death_cancels_everything_even_emergency_and_own);
	RUN(test_A14_emergency_without_consent_within_limit);
	RUN(test_A10_5_inactive_facility_denied);
	RUN(test_own_records_allowed);
	RUN(test_A12_1_identity_named_explicitly_on_either_side);
	RUN(test_A12_1_identity_every_facility_names_members_of_that_side_only);
	RUN(test_A12_1_identity_not_named_by_void_revoked_or_cancelled);
	return T_DONE("consent");
}
