<?cs # app_print.cs: forms 1-3 as an A4 page laid out like the paper form, from the stored data (issue 21). ?>
<?cs include:"_head.cs" ?>
<?cs def:chk(on) ?><?cs if:on == "1" ?>☑<?cs else ?>☐<?cs /if ?><?cs /def ?>
<?cs with:a = App ?>
<article class="form-paper" id="form-paper">
<p class="fp-form-no"><?cs var:L.forms["fp_no_" + a.kind] ?></p>
<p class="fp-date" id="fp-date"><?cs if:a.submitted_wareki ?><?cs var:a.submitted_wareki ?><?cs else ?><?cs var:L.forms.fp_blank_date ?><?cs /if ?></p>
<p class="fp-to"><?cs var:L.forms.fp_to ?></p>
<div class="fp-from">
  <p><?cs var:L.forms.fp_applicant ?></p>
  <?cs if:a.kind == "facility_join" ?>
  <p><?cs var:L.council.fac_name ?>　<?cs var:a.subject ?></p>
  <p class="fp-seal-line"><?cs var:L.forms.fp_manager_sign ?>　<span class="fp-sign"><?cs var:a.manager_name ?></span><span class="fp-seal"><?cs var:L.agenda.seal ?></span></p>
  <?cs else ?>
  <p><?cs var:L.council.fac_name ?>　<?cs var:a.facility ?></p>
  <p class="fp-seal-line"><?cs var:L.forms.fp_manager_sign ?>　<span class="fp-sign"><?cs var:a.submitter ?></span><span class="fp-seal"><?cs var:L.agenda.seal ?></span></p>
  <?cs /if ?>
</div>
<h1 class="fp-title" id="fp-title"><?cs var:L.forms["fp_title_" + a.kind] ?></h1>
<p class="fp-lead"><?cs var:L.forms["fp_lead_" + a.kind] ?></p>
<table class="fp-table" id="fp-table">
<?cs if:a.kind == "facility_join" ?>
  <tr><th scope="row"><?cs var:L.council.fac_name ?></th><td colspan="3" id="fp-fac_name"><?cs var:a.subject ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.fac_code ?></th><td id="fp-fac_code" class="mono"><?cs var:a.fac_code ?></td><th scope="row"><?cs var:L.council.fac_kind ?></th><td><?cs var:L.council["fk_" + a.fac_kind] ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.fac_address ?></th><td colspan="3"><?cs var:a.fac_address ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.fac_phone ?></th><td><?cs var:a.fac_phone ?></td><th scope="row"><?cs var:L.forms.fac_email ?></th><td><?cs var:a.fac_email ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.wants ?></th><td colspan="3"><?cs call:chk(a.wants_disclosing) ?> <?cs var:L.council.wants_disclosing ?>　<?cs call:chk(a.wants_viewing) ?> <?cs var:L.council.wants_viewing ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.in_region ?></th><td colspan="3"><?cs if:a.in_region == "0" ?><?cs var:L.council.in_region_no ?><?cs else ?><?cs var:L.council.in_region_yes ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.fp_contact ?></th><td colspan="3"><?cs var:a.contact_name ?><?cs if:a.contact_dept ?>（<?cs var:a.contact_dept ?>）<?cs /if ?></td></tr>
  <tr><th scope="row" rowspan="4"><?cs var:L.council.manager_name ?></th><th scope="row"><?cs var:L.forms.fp_name ?></th><td colspan="2" id="fp-manager"><?cs var:a.manager_name ?><?cs if:a.manager_kana ?>（<?cs var:a.manager_kana ?>）<?cs /if ?><?cs if:a.manager_title ?>　<?cs var:a.manager_title ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.profession ?></th><td colspan="2"><?cs var:a.manager_profession ?><?cs if:a.manager_license ?>　<?cs var:a.manager_license_label ?> <?cs var:a.manager_license ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.user_login ?></th><td colspan="2" class="mono" id="fp-manager_login"><?cs var:a.manager_login ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.fac_email ?></th><td colspan="2"><?cs var:a.manager_email ?></td></tr>
<?cs elif:a.kind == "user_register" ?>
  <tr><th scope="row"><?cs var:L.forms.fp_name ?></th><td id="fp-user_name"><?cs var:a.subject ?></td><th scope="row"><?cs var:L.forms.user_kana ?></th><td><?cs var:a.user_kana ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.facility ?></th><td colspan="3"><?cs var:a.facility ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.department ?></th><td><?cs var:a.department ?></td><th scope="row"><?cs var:L.forms.job_title ?></th><td><?cs var:a.job_title ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.profession ?></th><td><?cs var:a.profession ?></td><th scope="row"><?cs if:a.license_label ?><?cs var:a.license_label ?><?cs else ?><?cs var:L.forms.license_no ?><?cs /if ?></th><td id="fp-license_no"><?cs var:a.license_no ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.user_phone ?></th><td><?cs var:a.user_phone ?></td><th scope="row"><?cs var:L.forms.user_email ?></th><td><?cs var:a.user_email ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.requested_role ?></th><td colspan="3" id="fp-role"><?cs if:a.requested_choice ?><?cs var:L.forms["role_" + a.requested_choice] ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.user_login ?></th><td colspan="3" class="mono" id="fp-user_login"><?cs var:a.user_login ?></td></tr>
  <?cs if:a.attestation == "1" ?><tr><th scope="row"><?cs var:L.forms.fp_attestation ?></th><td colspan="3">☑ <?cs var:L.council.attestation ?></td></tr><?cs /if ?>
<?cs else ?>
  <tr><th scope="row"><?cs var:L.forms.fp_name ?></th><td id="fp-target"><?cs var:a.subject ?></td><th scope="row"><?cs var:L.forms.target_login ?></th><td class="mono"><?cs var:a.target_login ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.facility ?></th><td colspan="3"><?cs var:a.facility ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.effective_date ?></th><td colspan="3" id="fp-effective"><?cs if:a.effective_date_wareki ?><?cs var:a.effective_date_wareki ?><?cs else ?><?cs var:dja(a.effective_date) ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.forms.withdraw_reason ?></th><td colspan="3" class="prewrap" id="fp-reason"><?cs var:a.withdraw_reason ?></td></tr>
  <?cs # A10.5: only the form 3 that left its facility without users speaks of the facility's contract; its own paperwork date says it ended, whatever the facility's status became later. ?>
  <tr><th scope="row"><?cs var:L.forms.facility_contract ?></th><td colspan="3" id="fp-facility-contract"><?cs if:a.ends_facility == "1" && a.cancel_filed_on ?><?cs var:L.forms.fs_cancelled ?><?cs if:a.cancel_filed_on_wareki ?>（<?cs var:L.forms.cancel_filed_on ?> <?cs var:a.cancel_filed_on_wareki ?>）<?cs /if ?><?cs elif:a.ends_facility == "1" && (a.facility_status == "cancelling" || a.facility_status == "cancelled") ?><?cs var:L.forms["fs_" + a.facility_status] ?><?cs else ?><?cs var:L.forms.fp_not_last ?><?cs /if ?></td></tr>
<?cs /if ?>
</table>
<?cs if:a.kind != "user_withdraw" ?>
<section class="fp-pledge" id="fp-pledge">
  <h2><?cs var:L.forms.pledge_title ?></h2>
  <p><?cs if:a.kind == "facility_join" ?><?cs var:L.forms.pledge_facility ?><?cs else ?><?cs var:L.forms.pledge_user ?><?cs /if ?></p>
  <ol><li><?cs var:L.forms.pledge_a11_1 ?></li><li><?cs var:L.forms.pledge_a11_2 ?></li><li><?cs var:L.forms.pledge_a11_3 ?></li><li><?cs var:L.forms.pledge_a11_4 ?></li></ol>
  <p><?cs call:chk(a.pledge) ?> <?cs if:a.kind == "facility_join" ?><?cs var:L.forms.pledge_check_facility ?><?cs else ?><?cs var:L.forms.pledge_check_user ?><?cs /if ?><?cs if:a.pledge_seq ?>（<?cs var:L.forms.rules_seq_pre ?><?cs var:a.pledge_seq ?><?cs var:L.forms.rules_seq_post ?>）<?cs /if ?></p>
  <?cs if:a.kind == "user_register" ?><p class="fp-seal-line"><?cs var:L.forms.fp_applicant_sign ?>　<span class="fp-sign"><?cs var:a.subject ?></span><span class="fp-seal"><?cs var:L.agenda.seal ?></span></p><?cs /if ?>
</section>
<?cs /if ?>
<table class="fp-table fp-office" id="fp-office">
  <caption><?cs var:L.forms.fp_office ?></caption>
  <tr><th scope="row"><?cs var:L.forms.fp_receipt_no ?></th><td class="mono"><?cs var:a.id ?></td><th scope="row"><?cs var:L.council.submitted ?></th><td><?cs if:a.submitted_wareki ?><?cs var:a.submitted_wareki ?><?cs else ?><?cs var:dja(a.submitted) ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.council.decision ?></th><td colspan="3" id="fp-decision"><?cs if:a.decision ?><?cs var:L.council["decision_" + a.decision] ?>（<?cs var:L.council["dk_" + a.decision_kind] ?>、<?cs if:a.decided_at_wareki ?><?cs var:a.decided_at_wareki ?><?cs else ?><?cs var:dja(a.decided_at) ?><?cs /if ?>）<?cs else ?><?cs var:L.council["status_" + a.status] ?><?cs /if ?></td></tr>
  <?cs if:a.contract_filed_on ?><tr><th scope="row"><?cs var:L.council.filed_on ?></th><td colspan="3"><?cs if:a.contract_filed_on_wareki ?><?cs var:a.contract_filed_on_wareki ?><?cs else ?><?cs var:dja(a.contract_filed_on) ?><?cs /if ?></td></tr><?cs /if ?>
</table>
</article>
<?cs /with ?>
<p class="noprint"><button type="button" class="button" id="print-btn" data-print="1"><?cs var:L.council.print ?></button> <a href="/applications/view?id=<?cs var:App.id ?>"><?cs var:L.council.view_title ?></a></p>
<?cs include:"_foot.cs" ?>
