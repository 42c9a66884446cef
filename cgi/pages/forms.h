/* forms.h: forms 1-3 as on paper (A9, A10.2, A10.5): the fields beyond the first version's */
#ifndef FORMS_H
#define FORMS_H

struct req;

/*
 * The fields forms 1-3 carry as the paper forms do, accepted by
 * POST /applications/new beside the first version's (f_app_new). Other
 * pages read them by these names (application columns of the same name).
 */
#define APP_PAPER_FIELDS \
	{ "fac_code", FT_TEXT, 20 }, { "fac_phone", FT_TEXT, 20 },	\
	{ "fac_email", FT_TEXT, 254 }, { "contact_name", FT_TEXT, 100 },	\
	{ "contact_dept", FT_TEXT, 100 }, { "manager_kana", FT_TEXT, 100 },	\
	{ "manager_title", FT_TEXT, 100 }, { "manager_login", FT_TEXT, 64 },	\
	{ "manager_profession", FT_TOKEN, 32 },				\
	{ "manager_license", FT_TEXT, 32 }, { "manager_email", FT_TEXT, 254 },\
	{ "user_kana", FT_TEXT, 100 }, { "department", FT_TEXT, 100 },	\
	{ "job_title", FT_TEXT, 100 }, { "license_no", FT_TEXT, 32 },	\
	{ "user_phone", FT_TEXT, 20 }, { "user_email", FT_TEXT, 254 },	\
	{ "requested_role", FT_TOKEN, 32 }, { "pledge", FT_TOKEN, 1 },	\
	{ "withdraw_reason", FT_LINES, 1000 }

/* The names app_form() keeps when a form comes back with errors. */
extern const char *const forms_keep[];
extern const unsigned forms_nkeep;

/* A login ID asked for: well formed and free; 1 (a field error) when not. */
int	 forms_check_login(struct req *, const char *);
/* Field checks of each form beyond the first version's; 1 when one failed. */
int	 forms_check_join(struct req *);
int	 forms_check_register(struct req *);
int	 forms_check_withdraw(struct req *);
/* Stores them on application id in the caller's transaction; 0 or -1. */
int	 forms_store(struct req *, const char *, long long);
/* Puts them, and the pledge's rules version, on node App; 0 or -1. */
int	 forms_view(long long);
/* The form's choices: professions with their licence labels, roles. */
void	 forms_choices(void);

/* The dates of App.* as the paper writes them (令和８年…): App.*_wareki. */
void	 forms_print_view(void);

#endif
