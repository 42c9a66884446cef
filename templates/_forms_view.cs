<?cs # _forms_view.cs: forms 1-3 as on paper (issue 21), inside app_view.cs's <dl>. ?>
<?cs def:fdd(name) ?><?cs if:App[name] ?><dt><?cs var:L.forms[name] ?></dt><dd id="app-<?cs var:name ?>"><?cs var:App[name] ?></dd><?cs /if ?><?cs /def ?>
<?cs if:App.kind == "facility_join" ?>
  <?cs call:fdd("fac_code") ?><?cs call:fdd("fac_phone") ?><?cs call:fdd("fac_email") ?>
  <?cs call:fdd("contact_name") ?><?cs call:fdd("contact_dept") ?>
  <?cs call:fdd("manager_kana") ?><?cs call:fdd("manager_title") ?>
  <?cs call:fdd("manager_profession") ?>
  <?cs if:App.manager_license ?><dt><?cs var:App.manager_license_label ?></dt><dd id="app-manager_license"><?cs var:App.manager_license ?></dd><?cs /if ?>
  <?cs if:App.manager_login ?><dt><?cs var:L.forms.manager_login ?></dt><dd id="app-manager_login"><?cs var:App.manager_login ?><?cs call:ferr("manager_login") ?></dd><?cs /if ?><?cs call:fdd("manager_email") ?>
<?cs elif:App.kind == "user_register" ?>
  <?cs call:fdd("user_kana") ?><?cs call:fdd("department") ?><?cs call:fdd("job_title") ?>
  <?cs if:App.license_no ?><dt><?cs var:App.license_label ?></dt><dd id="app-license_no"><?cs var:App.license_no ?></dd><?cs /if ?>
  <?cs call:fdd("user_phone") ?><?cs call:fdd("user_email") ?>
  <?cs if:App.requested_choice ?><dt><?cs var:L.forms.requested_role ?></dt><dd id="app-requested_role"><?cs var:L.forms["role_" + App.requested_choice] ?></dd><?cs /if ?>
<?cs elif:App.kind == "user_withdraw" ?>
  <?cs if:App.target_login ?><dt><?cs var:L.forms.target_login ?></dt><dd><?cs var:App.target_login ?></dd><?cs /if ?>
  <?cs call:fdd("withdraw_reason") ?>
  <?cs if:App.facility_status == "cancelling" || App.facility_status == "cancelled" ?><dt><?cs var:L.forms.facility_contract ?></dt><dd id="app-facility-contract"><?cs var:L.forms["fs_" + App.facility_status] ?><?cs if:App.cancel_filed_on ?>（<?cs var:L.forms.cancel_filed_on ?> <?cs var:App.cancel_filed_on ?>）<?cs /if ?></dd><?cs /if ?>
<?cs /if ?>
<?cs if:App.kind != "user_withdraw" ?><dt><?cs var:L.forms.pledge_title ?></dt><dd id="app-pledge"><?cs if:App.pledge == "1" ?><?cs var:L.forms.pledged ?><?cs if:App.pledge_seq ?>（<?cs var:L.forms.rules_seq_pre ?><?cs var:App.pledge_seq ?><?cs var:L.forms.rules_seq_post ?>）<?cs /if ?><?cs else ?><?cs var:L.forms.not_pledged ?><?cs /if ?></dd><?cs /if ?>
