/* pages.h: every page handler, one function per page, and the fields each accepts (server/routes.c names them) */
#ifndef PAGES_H
#define PAGES_H
#include "web/app.h"

/* home.c */
extern const struct field f_home[];
void	 page_home(struct req *);
void	 page_healthz(struct req *);

/* login.c */
extern const struct field f_login_get[], f_login[], f_csrf[], f_unlock[],
	    f_password[];
void	 page_login(struct req *);
void	 page_login_post(struct req *);
int	 return_path_ok(const char *);
void	 page_logout(struct req *);
void	 page_unlock(struct req *);
void	 page_unlock_post(struct req *);
void	 page_password(struct req *);
void	 page_password_post(struct req *);

/* certs.c */
extern const struct field f_certs[], f_cert_issue[], f_cert_download[],
	    f_cert_revoke[];
extern const struct field f_cert_revoke_get[];	/* issue 20 */
void	 page_cert_revoke_ask(struct req *);
void	 page_certs(struct req *);
void	 page_cert_issue(struct req *);
void	 page_cert_download(struct req *);
void	 page_cert_revoke(struct req *);
extern const struct field f_init_password[];
void	 page_init_password(struct req *);

/* council.c */
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
/* Issue 21: form 3's cancellation paperwork (council.c) */
extern const struct field f_app_cancel[];
void	 page_app_cancel(struct req *);
void	 page_app_print(struct req *);
/* Issue 21: the rules as versioned text and their acknowledgement (rulebook.c) */
extern const struct field f_rules[], f_rules_ack[], f_rules_admin[],
	    f_rules_load[];
void	 page_rules(struct req *);
void	 page_rules_ack(struct req *);
void	 page_rules_ack_post(struct req *);
void	 page_rules_admin(struct req *);
void	 page_rules_load(struct req *);
/* Issue 21: the council's agenda items (agenda.c) */
extern const struct field f_agenda[], f_agenda_new[], f_agenda_view[],
	    f_agenda_attach[], f_agenda_attachment[], f_agenda_resolve[],
	    f_agenda_sole[];
void	 page_agenda(struct req *);
void	 page_agenda_new(struct req *);
void	 page_agenda_view(struct req *);
void	 page_agenda_attach(struct req *);
void	 page_agenda_attachment(struct req *);
void	 page_agenda_resolve(struct req *);
void	 page_agenda_sole(struct req *);
/* Issue 21: form 5's scan (form5.c) */
extern const struct field f_revocation_scan[], f_revocation_scan_post[];
void	 page_revocation_scan(struct req *);
void	 page_revocation_scan_post(struct req *);
extern const struct field f_consent_print[];
void	 page_revocation_print(struct req *);
void	 page_consent_print(struct req *);
/* Issue 21: an original document inside the viewer page (records.c) */
void	 page_record_document_view(struct req *);
/* council_people.c */
extern const struct field f_council_operator[], f_council_appoint[],
	    f_council_staff[], f_council_staff_add[], f_council_staff_edit[],
	    f_council_staff_notify[];
void	 page_council_operator(struct req *);
void	 page_council_appoint(struct req *);
void	 page_council_staff(struct req *);
void	 page_council_staff_add(struct req *);
void	 page_council_staff_edit(struct req *);
void	 page_council_staff_notify(struct req *);
/* ledger.c */
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
/* patients.c */
extern const struct field f_patients[], f_patient_new[], f_patient_view[],
	    f_patient_link[], f_patient_death[], f_patient_merge[],
	    f_patient_unmerge[], f_links[], f_link_set[], f_link_requests[],
	    f_link_decide[], f_link_end[];
void	 page_patients(struct req *);
void	 page_patient_new(struct req *);
void	 page_patient_view(struct req *);
void	 page_patient_link(struct req *);
void	 page_patient_death(struct req *);
void	 page_patient_merge(struct req *);
void	 page_patient_unmerge(struct req *);
void	 page_links(struct req *);
void	 page_link_set(struct req *);
void	 page_link_requests(struct req *);
void	 page_link_decide(struct req *);
void	 page_link_end(struct req *);
/* consent.c */
extern const struct field f_consent_new_get[], f_consent_new[],
	    f_consent_view[], f_consent_check[];
void	 page_consent_new(struct req *);
void	 page_consent_new_post(struct req *);
void	 page_consent_view(struct req *);
void	 page_consent_queue(struct req *);
void	 page_consent_check(struct req *);
void	 page_consent_scan(struct req *);
void	 page_consent_fhir(struct req *);
/* revocation.c */
extern const struct field f_revocation_new_get[], f_revocation_new[],
	    f_revocation_receipt[], f_access_report[];
void	 page_revocation_new(struct req *);
void	 page_revocation_new_post(struct req *);
void	 page_revocation_receipt(struct req *);
void	 page_access_report(struct req *);
/* records.c */
extern const struct field f_records[], f_record_open[], f_record_document[];
void	 page_records(struct req *);
void	 page_record_patient(struct req *);
void	 page_record_print(struct req *);
void	 page_record_export(struct req *);
void	 page_record_fhir(struct req *);
void	 page_record_document(struct req *);
/* day.c: a clinician's day (issue 19) */
extern const struct field f_records_local[], f_records_mine[];
void	 page_records_local(struct req *);
void	 page_records_mine(struct req *);
int	 day_home(struct req *);
int	 day_notes(struct req *);
/* desk.c */
extern const struct field f_desk_list[], f_desk_new_get[], f_desk_new[],
	    f_desk_view[], f_desk_step[], f_desk_receipt[];
void	 page_desk_list(struct req *);
void	 page_desk_new(struct req *);
void	 page_desk_new_post(struct req *);
void	 page_desk_view(struct req *);
void	 page_desk_step(struct req *);
void	 page_desk_receipt(struct req *);
void	 desk_home(const struct req *);
/* emergency.c */
extern const struct field f_emergency[], f_emergency_start[],
	    f_emergency_review[];
void	 page_emergency(struct req *);
void	 page_emergency_start(struct req *);
void	 page_emergency_list(struct req *);
void	 page_emergency_review(struct req *);
void	 page_emergency_followup(struct req *);
/* notifications.c */
extern const struct field f_notifications_read[];
void	 page_notifications(struct req *);
void	 page_notification_read(struct req *);
void	 notifications_count_view(const struct req *);
/* imports.c */
extern const struct field f_imports[];
void	 page_imports(struct req *);
/* misuse.c */
extern const struct field f_misuse[], f_misuse_decide[], f_misuse_rule[],
	    f_misuse_report[], f_misuse_ack[];
void	 page_misuse(struct req *);
void	 page_misuse_decide(struct req *);
void	 page_misuse_rules(struct req *);
void	 page_misuse_rule_save(struct req *);
void	 page_misuse_report(struct req *);
void	 page_misuse_reports(struct req *);
void	 page_misuse_ack(struct req *);
/* audit.c */
extern const struct field f_audit_export[];
void	 page_audit_export(struct req *);
/* maint.c */
extern const struct field f_maint[], f_maint_new[], f_maint_cancel[],
	    f_maint_switch[];
void	 page_maint(struct req *);
void	 page_maint_new(struct req *);
void	 page_maint_cancel(struct req *);
void	 page_maint_switch(struct req *);
/* monitor.c */
extern const struct field f_monitor_access[], f_monitor_measures[],
	    f_monitor_measure_new[], f_monitor_reports[], f_monitor_report_new[],
	    f_monitor_report_view[], f_monitor_report_ack[];
void	 page_monitor_access(struct req *);
void	 page_monitor_measures(struct req *);
void	 page_monitor_measure_new(struct req *);
void	 page_monitor_reports(struct req *);
void	 page_monitor_report_new(struct req *);
void	 page_monitor_report_view(struct req *);
void	 page_monitor_report_ack(struct req *);
/* incident.c */
extern const struct field f_incidents[], f_incident_new[], f_incident_view[],
	    f_incident_step[];
void	 page_incidents(struct req *);
void	 page_incident_new(struct req *);
void	 page_incident_new_post(struct req *);
void	 page_incident_view(struct req *);
void	 page_incident_step(struct req *);
/* dashboard.c */
extern const struct field f_dashboard[], f_dashboard_chart[],
	    f_dashboard_report[];
void	 page_dashboard(struct req *);
void	 page_dashboard_chart(struct req *);
void	 page_dashboard_report(struct req *);

/* notice.c (A16) */
extern const struct field f_notices[], f_notice_ack[], f_notice_new[],
	    f_notice_view[], f_notice_step[];
int	 notice_facilities_view(void);
void	 page_notices(struct req *);
void	 page_notice_pending(struct req *);
void	 page_notice_ack(struct req *);
void	 page_notice_admin(struct req *);
void	 page_notice_new(struct req *);
void	 page_notice_new_post(struct req *);
void	 page_notice_view(struct req *);
void	 page_notice_approve(struct req *);
void	 page_notice_publish(struct req *);
/* message.c (A17) */
extern const struct field f_messages[], f_message_new_get[], f_message_new[],
	    f_message_view[], f_message_report[], f_message_delete[];
void	 page_messages(struct req *);
void	 page_messages_sent(struct req *);
void	 page_message_new(struct req *);
void	 page_message_new_post(struct req *);
void	 page_message_view(struct req *);
void	 page_message_report(struct req *);
void	 page_message_reports(struct req *);
void	 page_message_delete(struct req *);
void	 messages_count_view(const struct req *);
/* federation.c (A18) */
extern const struct field f_federation[], f_federation_new[],
	    f_federation_view[], f_federation_edit[], f_federation_point[];
void	 page_federation(struct req *);
void	 page_federation_new(struct req *);
void	 page_federation_view(struct req *);
void	 page_federation_edit(struct req *);
void	 page_federation_point_add(struct req *);
void	 page_federation_point_remove(struct req *);
void	 page_facilities(struct req *);
/* office.c (issue 20): facilities, accounts, a manager's roster */
extern const struct field f_office_facility_get[], f_office_facility[],
	    f_office_region_get[], f_office_region[];
void	 page_office_facility_new(struct req *);
void	 page_office_facility(struct req *);
void	 page_office_facility_add(struct req *);
void	 page_office_facility_edit(struct req *);
void	 page_office_region_ask(struct req *);
void	 page_office_region(struct req *);
extern const struct field f_office_users[], f_office_user[],
	    f_office_user_status[], f_office_user_address[];
void	 page_office_users(struct req *);
void	 page_office_user(struct req *);
void	 page_office_user_status(struct req *);
void	 page_office_user_address(struct req *);
void	 page_office_roster(struct req *);
extern const struct field f_meeting_held_get[];	/* council.c */
void	 page_meeting_held_ask(struct req *);
/* sources.c (issue 20): the import sources */
extern const struct field f_sources[], f_source_save[], f_source_run[];
void	 page_sources(struct req *);
void	 page_source_save(struct req *);
void	 page_source_run(struct req *);
/* todo.c (issue 20): the home page's "対応が必要なこと" */
void	 todo_view(const struct req *);

#endif
