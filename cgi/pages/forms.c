/*
 * forms.c: forms 1-3 as on paper (A9, A10.2, A10.5): the facility's code,
 * contacts and manager on form 1, the applicant's kana, department,
 * licence and contacts and the role asked for on form 2, the pledge (誓約)
 * to the rules in force on both (A11.1-A11.3), the reason on form 3.
 * council.c runs these beside the first version's checks and stores them
 * in the same transaction.
 */
#include <string.h>

#include "base/kana.h"
#include "base/util.h"
#include "db/db.h"
#include "pages/forms.h"
#include "rules/accounts.h"
#include "rules/rulebook.h"
#include "web/app.h"
#include "web/form.h"
#include "web/render.h"
#include "web/rows.h"

const char *const forms_keep[] = { "fac_code", "fac_phone", "fac_email",
    "contact_name", "contact_dept", "manager_kana", "manager_title",
    "manager_login", "manager_profession", "manager_license", "manager_email",
    "user_kana", "department", "job_title", "license_no", "user_phone",
    "user_email", "requested_role", "pledge", "withdraw_reason" };
const unsigned forms_nkeep = NITEMS(forms_keep);

/* The roles form 2 may ask for, and what each becomes (role_bits() reads it). */
static const struct {
	const char	*choice;
	const char	*roles;
} role_choices[] = {
	{ "user",		"user" },
	{ "facility_manager",	"facility_manager" },
	{ "both",		"user,facility_manager" },
};

/* n ASCII digits, nothing else. */
static int
digits(const char *s, size_t n)
{
	if (s == NULL || strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* A Japanese phone number: digits with hyphens or brackets, 10 or 11 digits. */
static int
phone_ok(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			n++;
		else if (strchr("-()", *s) == NULL)
			return 0;
	}
	return n == 10 || n == 11;
}

/* An address a person can write to: printable ASCII, one @, a dot in the domain. */
static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	for (const char *p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p > '~')
			return 0;
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return 0;
	const char *dot = strchr(at + 1, '.');
	return dot != NULL && dot != at + 1 && dot[1] != '\0' &&
	    s[strlen(s) - 1] != '.';
}

/*
 * The licence label of profession code: 1 (the profession has a number,
 * so it is asked for), 0 (none or unknown), -1 (db).
 */
static int
licensed(const char *code)
{
	struct dbres	*res;
	int		 yes;

	if (form_empty(code))
		return 0;
	if ((res = db_query(STMT_PROFESSION_LICENSE, "s", code)) == NULL)
		return -1;
	yes = res->nrows > 0 && dbres_get(res, 0, PROFESSION_LICENSE_LABEL) != NULL;
	dbres_free(res);
	return yes;
}

static int
need(struct req *r, const char *field)
{
	if (!form_blank(param(r, field)))
		return 0;
	form_err("forms", field, "required");
	return 1;
}

/*
 * A login ID an application asks for (field names it): well formed, and
 * neither a user's nor waiting in another application (issue 20: refused
 * beside the field when submitted, and again when decided). 1 when refused.
 */
int
forms_check_login(struct req *r, const char *field)
{
	const char	*login = param(r, field);
	int		 taken;

	if (!accounts_login_valid(login)) {
		form_err("council", field, "login");
		return 1;
	}
	if ((taken = accounts_login_taken(login, 0)) != 0) {
		form_err("council", field, taken < 0 ? "db" : "login_taken");
		return 1;
	}
	return 0;
}

static int
check_pledge(struct req *r)
{
	if (str_eq(param(r, "pledge"), "1"))
		return 0;
	form_err("forms", "pledge", "pledge");
	return 1;
}

/*
 * A profession field: one of the table's (A7.2), and its licence number
 * when the profession has one (lic names the licence field).
 */
static int
check_profession(struct req *r, const char *field, const char *lic)
{
	const char	*code = param(r, field);
	struct dbres	*p;
	int		 known, numbered;

	if (form_empty(code)) {
		form_err("council", field, "choose");
		return 1;
	}
	if ((p = db_query(STMT_PROFESSION_LICENSE, "s", code)) == NULL) {
		form_err("council", field, "choose");
		return 1;
	}
	known = p->nrows > 0;
	numbered = known && dbres_get(p, 0, PROFESSION_LICENSE_LABEL) != NULL;
	dbres_free(p);
	if (!known) {
		form_err("council", field, "profession");
		return 1;
	}
	if (numbered && form_blank(param(r, lic))) {
		form_err("forms", lic, "license");
		return 1;
	}
	return 0;
}

int
forms_check_join(struct req *r)
{
	const char	*code = param(r, "fac_code"), *ph = param(r, "fac_phone");
	const char	*mail = param(r, "fac_email"), *mm = param(r, "manager_email");
	int		 bad = 0;

	/* 医療機関コード (or 介護保険事業所番号): ten digits; "other" may have none. */
	if ((!str_eq(param(r, "fac_kind"), "other") || !form_empty(code)) &&
	    !digits(code, 10))
		form_err("forms", "fac_code", "fac_code"), bad = 1;
	if (form_empty(ph) || !phone_ok(ph))
		form_err("forms", "fac_phone", "phone"), bad = 1;
	if (form_empty(mail) || !email_ok(mail))
		form_err("forms", "fac_email", "email"), bad = 1;
	bad |= need(r, "contact_name");
	if (!kana_is_hiragana_or_katakana(param(r, "manager_kana")))
		form_err("forms", "manager_kana", "kana"), bad = 1;
	bad |= forms_check_login(r, "manager_login");
	bad |= check_profession(r, "manager_profession", "manager_license");
	if (!form_empty(mm) && !email_ok(mm))
		form_err("forms", "manager_email", "email"), bad = 1;
	bad |= check_pledge(r);
	return bad;
}

int
forms_check_register(struct req *r)
{
	const char	*ph = param(r, "user_phone"), *mail = param(r, "user_email");
	int		 bad = 0, ok = 0;

	if (!kana_is_hiragana_or_katakana(param(r, "user_kana")))
		form_err("forms", "user_kana", "kana"), bad = 1;
	/* council.c checked the profession itself; here its licence number. */
	if (licensed(param(r, "profession")) == 1 &&
	    form_blank(param(r, "license_no")))
		form_err("forms", "license_no", "license"), bad = 1;
	if (form_empty(ph) && form_empty(mail))
		form_err("forms", "user_phone", "contact"), bad = 1;
	if (!form_empty(ph) && !phone_ok(ph))
		form_err("forms", "user_phone", "phone"), bad = 1;
	if (!form_empty(mail) && !email_ok(mail))
		form_err("forms", "user_email", "email"), bad = 1;
	for (size_t i = 0; i < NITEMS(role_choices); i++)
		ok |= str_eq(param(r, "requested_role"), role_choices[i].choice);
	if (!ok)
		form_err("forms", "requested_role", "choose"), bad = 1;
	bad |= check_pledge(r);
	return bad;
}

int
forms_check_withdraw(struct req *r)
{
	return need(r, "withdraw_reason");
}

static const char *
roles_of(const char *choice)
{
	for (size_t i = 0; i < NITEMS(role_choices); i++)
		if (str_eq(choice, role_choices[i].choice))
			return role_choices[i].roles;
	return "user";
}

int
forms_store(struct req *r, const char *kind, long long id)
{
	long long	 v;

	if (str_eq(kind, "user_withdraw"))
		return db_exec(STMT_APP_PAPER_WITHDRAW, "si",
		    param(r, "withdraw_reason"), id) == 1 ? 0 : -1;
	/* The pledge is to the rules in force as it is made (none loaded: 0). */
	if ((v = rulebook_in_force(NULL)) < 0)
		return -1;
	if (str_eq(kind, "facility_join"))
		return db_exec(STMT_APP_PAPER_JOIN, "sssssssssssii",
		    form_null(param(r, "fac_code")), param(r, "fac_phone"),
		    param(r, "fac_email"), param(r, "contact_name"),
		    form_null(param(r, "contact_dept")), param(r, "manager_kana"),
		    form_null(param(r, "manager_title")),
		    param(r, "manager_login"), param(r, "manager_profession"),
		    form_null(param(r, "manager_license")),
		    form_null(param(r, "manager_email")), v, id) == 1 ? 0 : -1;
	return db_exec(STMT_APP_PAPER_USER, "sssssssii", param(r, "user_kana"),
	    form_null(param(r, "department")), form_null(param(r, "job_title")),
	    form_null(param(r, "license_no")), form_null(param(r, "user_phone")),
	    form_null(param(r, "user_email")),
	    roles_of(param(r, "requested_role")), v, id) == 1 ? 0 : -1;
}

int
forms_view(long long id)
{
	static const char *const cols[APP_PAPER_GET__NCOLS] = {
	    [APP_PAPER_GET_FAC_CODE] = "fac_code",
	    [APP_PAPER_GET_FAC_PHONE] = "fac_phone",
	    [APP_PAPER_GET_FAC_EMAIL] = "fac_email",
	    [APP_PAPER_GET_CONTACT_NAME] = "contact_name",
	    [APP_PAPER_GET_CONTACT_DEPT] = "contact_dept",
	    [APP_PAPER_GET_MANAGER_KANA] = "manager_kana",
	    [APP_PAPER_GET_MANAGER_TITLE] = "manager_title",
	    [APP_PAPER_GET_MANAGER_LOGIN] = "manager_login",
	    [APP_PAPER_GET_MANAGER_PROFESSION_NAME] = "manager_profession",
	    [APP_PAPER_GET_MANAGER_LICENSE] = "manager_license",
	    [APP_PAPER_GET_MANAGER_EMAIL] = "manager_email",
	    [APP_PAPER_GET_USER_KANA] = "user_kana",
	    [APP_PAPER_GET_DEPARTMENT] = "department",
	    [APP_PAPER_GET_JOB_TITLE] = "job_title",
	    [APP_PAPER_GET_LICENSE_NO] = "license_no",
	    [APP_PAPER_GET_USER_PHONE] = "user_phone",
	    [APP_PAPER_GET_USER_EMAIL] = "user_email",
	    [APP_PAPER_GET_REQUESTED_ROLE] = "requested_role",
	    [APP_PAPER_GET_PLEDGE] = "pledge",
	    [APP_PAPER_GET_PLEDGE_SEQ] = "pledge_seq",
	    [APP_PAPER_GET_PLEDGE_EFFECTIVE_ON] = "pledge_effective_on",
	    [APP_PAPER_GET_WITHDRAW_REASON] = "withdraw_reason",
	    [APP_PAPER_GET_CANCEL_FILED_ON] = "cancel_filed_on",
	    [APP_PAPER_GET_FACILITY_STATUS] = "facility_status",
	    [APP_PAPER_GET_FACILITY_CANCELLED_ON] = "facility_cancelled_on",
	    [APP_PAPER_GET_FACILITY_CODE] = "facility_code",
	    [APP_PAPER_GET_TARGET_LOGIN] = "target_login",
	    [APP_PAPER_GET_LICENSE_LABEL] = "license_label",
	    [APP_PAPER_GET_MANAGER_LICENSE_LABEL] = "manager_license_label",
	    [APP_PAPER_GET_ENDS_FACILITY] = "ends_facility" };
	struct dbres	*res;

	if ((res = db_query(STMT_APP_PAPER_GET, "i", id)) == NULL)
		return -1;
	if (res->nrows > 0)
		vnode_row(view_node("App"), res, 0, cols, NITEMS(cols));
	/* The role as the form offered it: "both" for the two together. */
	if (res->nrows > 0) {
		const char *rr = dbres_get(res, 0, APP_PAPER_GET_REQUESTED_ROLE);
		for (size_t i = 0; rr != NULL && i < NITEMS(role_choices); i++)
			if (str_eq(rr, role_choices[i].roles))
				vnode_set(view_node("App"), "requested_choice",
				    role_choices[i].choice);
	}
	dbres_free(res);
	return 0;
}

void
forms_choices(void)
{
	static const char *const cols[PROFESSION_CHOICES__NCOLS] = {
	    [PROFESSION_CHOICES_CODE] = "code",
	    [PROFESSION_CHOICES_NAME] = "name",
	    [PROFESSION_CHOICES_BOUND_BY_LAW] = "law",
	    [PROFESSION_CHOICES_LICENSE_LABEL] = "license" };
	struct dbres	*res;

	res = db_query(STMT_PROFESSION_CHOICES, "");
	view_rows("Professions", res, cols, NITEMS(cols));
	dbres_free(res);
}

void
forms_print_view(void)
{
	static const char *const dates[] = { "submitted", "effective_date",
	    "decided_at", "contract_filed_on", "cancel_filed_on" };
	char	 k[48], w[64];

	for (size_t i = 0; i < NITEMS(dates); i++) {
		str_fmt(k, sizeof(k), "App.%s", dates[i]);
		const char *d = view_get(k);
		if (d == NULL || strlen(d) < 10)
			continue;
		char day[11];
		memcpy(day, d, 10);
		day[10] = '\0';
		if (rulebook_date_wareki(day, w, sizeof(w)) == 0) {
			str_fmt(k, sizeof(k), "App.%s_wareki", dates[i]);
			view_set(k, w);
		}
	}
}
