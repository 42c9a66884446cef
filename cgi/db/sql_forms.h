/* sql_forms.h: forms 1-3 as on paper, the cancellation paperwork (pages/forms.c; A9, A10.2, A10.5) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

STMT(PROFESSION_LICENSE,
	"SELECT license_label FROM profession WHERE code = ?")
COLS(PROFESSION_LICENSE, PROFESSION_LICENSE_LABEL)
STMT(PROFESSION_CHOICES,
	"SELECT code, name, bound_by_law, license_label FROM profession ORDER BY sort")
COLS(PROFESSION_CHOICES, PROFESSION_CHOICES_CODE, PROFESSION_CHOICES_NAME,
    PROFESSION_CHOICES_BOUND_BY_LAW, PROFESSION_CHOICES_LICENSE_LABEL)
STMT(APP_PAPER_JOIN,
	"UPDATE application SET fac_code = ?, fac_phone = ?, fac_email = ?,"
	" contact_name = ?, contact_dept = ?, manager_kana = ?, manager_title = ?,"
	" manager_login = ?, manager_profession = ?, manager_license = ?,"
	" manager_email = ?, pledge = 1, pledge_version_id = NULLIF(?, 0)"
	" WHERE id = ?")
STMT(APP_PAPER_USER,
	"UPDATE application SET user_kana = ?, department = ?, job_title = ?,"
	" license_no = ?, user_phone = ?, user_email = ?, requested_role = ?,"
	" pledge = 1, pledge_version_id = NULLIF(?, 0) WHERE id = ?")
STMT(APP_PAPER_WITHDRAW,
	"UPDATE application SET withdraw_reason = ? WHERE id = ?")
STMT(APP_PAPER_GET,
	"SELECT a.fac_code, a.fac_phone, a.fac_email, a.contact_name,"
	" a.contact_dept, a.manager_kana, a.manager_title, a.manager_login,"
	" mp.name, a.manager_license, a.manager_email, a.user_kana, a.department,"
	" a.job_title, a.license_no, a.user_phone, a.user_email,"
	" a.requested_role, a.pledge, v.seq, DATE_FORMAT(v.effective_on, '%Y-%m-%d'),"
	" a.withdraw_reason, a.cancel_filed_on, f.status, f.cancelled_on,"
	" f.code, t.login, up.license_label, mp.license_label, a.ends_facility"
	" FROM application a"
	" LEFT JOIN profession mp ON mp.code = a.manager_profession"
	" LEFT JOIN profession up ON up.code = a.profession"
	" LEFT JOIN rules_version v ON v.id = a.pledge_version_id"
	" LEFT JOIN facility f ON f.id = a.facility_id"
	" LEFT JOIN users t ON t.id = a.target_user_id"
	" WHERE a.id = ?")
COLS(APP_PAPER_GET, APP_PAPER_GET_FAC_CODE, APP_PAPER_GET_FAC_PHONE,
    APP_PAPER_GET_FAC_EMAIL, APP_PAPER_GET_CONTACT_NAME,
    APP_PAPER_GET_CONTACT_DEPT, APP_PAPER_GET_MANAGER_KANA,
    APP_PAPER_GET_MANAGER_TITLE, APP_PAPER_GET_MANAGER_LOGIN,
    APP_PAPER_GET_MANAGER_PROFESSION_NAME, APP_PAPER_GET_MANAGER_LICENSE,
    APP_PAPER_GET_MANAGER_EMAIL, APP_PAPER_GET_USER_KANA,
    APP_PAPER_GET_DEPARTMENT, APP_PAPER_GET_JOB_TITLE,
    APP_PAPER_GET_LICENSE_NO, APP_PAPER_GET_USER_PHONE,
    APP_PAPER_GET_USER_EMAIL, APP_PAPER_GET_REQUESTED_ROLE,
    APP_PAPER_GET_PLEDGE, APP_PAPER_GET_PLEDGE_SEQ,
    APP_PAPER_GET_PLEDGE_EFFECTIVE_ON, APP_PAPER_GET_WITHDRAW_REASON,
    APP_PAPER_GET_CANCEL_FILED_ON, APP_PAPER_GET_FACILITY_STATUS,
    APP_PAPER_GET_FACILITY_CANCELLED_ON, APP_PAPER_GET_FACILITY_CODE,
    APP_PAPER_GET_TARGET_LOGIN, APP_PAPER_GET_LICENSE_LABEL,
    APP_PAPER_GET_MANAGER_LICENSE_LABEL, APP_PAPER_GET_ENDS_FACILITY)
/*
 * A10.5: the cancellation paperwork of a facility whose last user left,
 * recorded on the form 3 that left it without users (ends_facility) only.
 */
STMT(APP_CANCEL_FILED,
	"UPDATE application SET cancel_filed_on = ?, cancel_recorded_by = ?,"
	" version = version + 1 WHERE id = ? AND version = ?"
	" AND kind = 'user_withdraw' AND decision = 'approved'"
	" AND ends_facility = 1 AND cancel_filed_on IS NULL")
STMT(FACILITY_CANCEL,
	"UPDATE facility SET status = 'cancelled', cancelled_on = ?,"
	" version = version + 1 WHERE id = ? AND status = 'cancelling'")
