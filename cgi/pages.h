/* pages.h: every page handler, one function per page, and the fields each accepts */
#ifndef PAGES_H
#define PAGES_H
#include "app.h"

/* page_home.c */
extern const struct field f_home[];
void	 page_home(struct req *);

/* page_login.c */
extern const struct field f_login_get[], f_login[], f_csrf[], f_unlock[],
	    f_password[];
void	 page_login(struct req *);
void	 page_login_post(struct req *);
void	 page_logout(struct req *);
void	 page_unlock(struct req *);
void	 page_unlock_post(struct req *);
void	 page_password(struct req *);
void	 page_password_post(struct req *);

/* page_certs.c */
extern const struct field f_certs[], f_cert_issue[], f_cert_download[],
	    f_cert_revoke[];
void	 page_certs(struct req *);
void	 page_cert_issue(struct req *);
void	 page_cert_download(struct req *);
void	 page_cert_revoke(struct req *);
extern const struct field f_init_password[];
void	 page_init_password(struct req *);

/* page_council.c */
extern const struct field f_apps[], f_app_new_get[], f_app_new[], f_app_view[],
	    f_app_decide[], f_app_contract[], f_revoke_id[], f_meeting_new[],
	    f_meeting_view[], f_meeting_held[];
void	 page_apps(struct req *);
void	 page_app_new(struct req *);
void	 page_app_new_post(struct req *);
void	 page_app_view(struct req *);
extern const struct field f_app_submit[];
void	 page_app_submit(struct req *);
void	 page_app_decide(struct req *);
void	 page_app_contract(struct req *);
void	 page_revoke_id(struct req *);
void	 page_meetings(struct req *);
void	 page_meeting_new(struct req *);
void	 page_meeting_view(struct req *);
void	 page_meeting_held(struct req *);
/* page_council_people.c */
extern const struct field f_council_operator[], f_council_appoint[],
	    f_council_staff[], f_council_staff_add[], f_council_staff_edit[],
	    f_council_staff_notify[];
void	 page_council_operator(struct req *);
void	 page_council_appoint(struct req *);
void	 page_council_staff(struct req *);
void	 page_council_staff_add(struct req *);
void	 page_council_staff_edit(struct req *);
void	 page_council_staff_notify(struct req *);
/* page_ledger.c */
extern const struct field f_ledger[], f_ledger_terminal[],
	    f_ledger_terminal_add[], f_ledger_terminal_edit[],
	    f_ledger_software_add[], f_ledger_procedure[], f_admin_ledger[];
void	 page_ledger(struct req *);
void	 page_ledger_terminal(struct req *);
void	 page_ledger_terminal_add(struct req *);
void	 page_ledger_terminal_edit(struct req *);
void	 page_ledger_software_add(struct req *);
void	 page_ledger_procedure(struct req *);
void	 page_admin_ledger(struct req *);
void	 page_admin_ledger_warnings(struct req *);
/* page_audit.c */
extern const struct field f_audit_export[];
void	 page_audit_export(struct req *);

#endif
