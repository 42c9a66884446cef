<?cs include:"_head.cs" ?>
<h1><?cs var:L.council["kind_" + App.kind] ?></h1>
<section class="card">
  <dl class="kv" id="app">
    <dt><?cs var:L.council.status ?></dt><dd id="app-status"><?cs var:L.council["status_" + App.status] ?><?cs if:App.decision_kind ?>（<?cs var:L.council["dk_" + App.decision_kind] ?>）<?cs /if ?><?cs if:App.reported == "1" ?>・<?cs var:L.council.reported ?><?cs /if ?></dd>
    <dt><?cs var:L.council.subject ?></dt><dd><?cs var:App.subject ?></dd>
    <?cs if:App.facility ?><dt><?cs var:L.council.facility ?></dt><dd><?cs var:App.facility ?></dd><?cs /if ?>
    <?cs if:App.kind == "facility_join" ?>
    <dt><?cs var:L.council.fac_kind ?></dt><dd><?cs var:L.council["fk_" + App.fac_kind] ?></dd>
    <dt><?cs var:L.council.fac_address ?></dt><dd><?cs var:App.fac_address ?></dd>
    <dt><?cs var:L.council.in_region ?></dt><dd><?cs if:App.in_region == "0" ?><strong class="warn-text"><?cs var:L.council.in_region_no ?></strong><?cs else ?><?cs var:L.council.in_region_yes ?><?cs /if ?></dd>
    <dt><?cs var:L.council.manager_name ?></dt><dd><?cs var:App.manager_name ?></dd>
    <?cs /if ?>
    <?cs if:App.kind == "user_register" ?>
    <dt><?cs var:L.council.user_login ?></dt><dd><?cs var:App.user_login ?><?cs call:ferr("user_login") ?></dd>
    <dt><?cs var:L.council.profession ?></dt><dd><?cs var:App.profession ?></dd>
    <?cs /if ?>
    <?cs if:App.kind == "user_withdraw" ?><dt><?cs var:L.council.effective_date ?></dt><dd><?cs var:dja(App.effective_date) ?></dd><?cs /if ?>
    <?cs # Forms 1-3 as on paper (issue 21). ?>
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
  <?cs if:App.ends_facility == "1" && App.cancel_filed_on ?><dt><?cs var:L.forms.facility_contract ?></dt><dd id="app-facility-contract"><?cs var:L.forms.fs_cancelled ?>（<?cs var:L.forms.cancel_filed_on ?> <?cs var:dja(App.cancel_filed_on) ?>）</dd><?cs elif:App.ends_facility == "1" && (App.facility_status == "cancelling" || App.facility_status == "cancelled") ?><dt><?cs var:L.forms.facility_contract ?></dt><dd id="app-facility-contract"><?cs var:L.forms["fs_" + App.facility_status] ?></dd><?cs /if ?>
<?cs /if ?>
<?cs if:App.kind != "user_withdraw" ?><dt><?cs var:L.forms.pledge_title ?></dt><dd id="app-pledge"><?cs if:App.pledge == "1" ?><?cs var:L.forms.pledged ?><?cs if:App.pledge_seq ?>（<?cs var:L.forms.rules_seq_pre ?><?cs var:App.pledge_seq ?><?cs var:L.forms.rules_seq_post ?>）<?cs /if ?><?cs else ?><?cs var:L.forms.not_pledged ?><?cs /if ?></dd><?cs /if ?>
    <dt><?cs var:L.council.submitter ?></dt><dd><?cs var:App.submitter ?>（<?cs var:App.submitted ?>）</dd>
    <?cs if:App.decision ?>
    <dt><?cs var:L.council.decision ?></dt><dd id="app-decision"><?cs var:L.council["decision_" + App.decision] ?>（<?cs var:App.decider ?>、<?cs var:dja(App.decided_at) ?>）</dd>
    <?cs if:App.sole_reason ?><dt><?cs var:L.council.sole_reason ?></dt><dd><?cs var:App.sole_reason ?></dd><?cs /if ?>
    <?cs if:App.decision_reason ?><dt><?cs var:L.council.reason ?></dt><dd><?cs var:App.decision_reason ?></dd><?cs /if ?>
    <?cs /if ?>
    <?cs if:App.contract_filed_on ?><dt><?cs var:L.council.filed_on ?></dt><dd><?cs var:dja(App.contract_filed_on) ?></dd><?cs /if ?>
  </dl>
</section>
<?cs if:App.status == "draft" && App.submitted_by == Session.user_id ?>
<form method="post" action="/applications/submit" class="form" id="submit-draft">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="id" value="<?cs var:App.id ?>">
  <input type="hidden" name="version" value="<?cs var:App.version ?>">
  <p class="notice"><?cs var:L.council.draft_note ?></p>
  <button type="submit" class="primary" id="submit-draft-btn"><?cs var:L.council.submit ?></button>
</form>
<?cs /if ?>
<?cs if:App.status == "submitted" && Session.role.president ?>
<section class="card">
  <h2><?cs var:L.council.sole_title ?></h2>
  <p><?cs var:L.council.sole_note ?></p>
  <form method="post" action="/applications/decide" class="form" id="sole-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:App.id ?>">
    <input type="hidden" name="version" value="<?cs var:App.version ?>">
    <fieldset class="row"><legend><?cs var:L.council.decision ?></legend>
      <label><input type="radio" name="decision" value="approved"> <?cs var:L.council.decision_approved ?></label>
      <label><input type="radio" name="decision" value="rejected"> <?cs var:L.council.decision_rejected ?></label><?cs call:ferr("decision") ?></fieldset>
    <div class="row"><label for="sole_reason"><?cs var:L.council.sole_reason ?></label>
      <textarea id="sole_reason" name="sole_reason" rows="3" maxlength="1000"><?cs var:Form.sole_reason ?></textarea><?cs call:ferr("sole_reason") ?></div>
    <div class="row"><label for="reason"><?cs var:L.council.reason ?></label>
      <textarea id="reason" name="reason" rows="2" maxlength="1000"><?cs var:Form.reason ?></textarea></div>
    <button type="submit" class="primary" id="sole-submit"><?cs var:L.council.record ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:App.status == "submitted" && (Session.role.president || Session.role.operator) && subcount(Meetings) > 0 ?>
<section class="card">
  <h2><?cs var:L.council.meeting_title ?></h2>
  <form method="post" action="/applications/decide" class="form" id="meeting-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:App.id ?>">
    <input type="hidden" name="version" value="<?cs var:App.version ?>">
    <div class="row"><label for="meeting"><?cs var:L.council.meeting ?></label>
      <select id="meeting" name="meeting"><?cs each:m = Meetings ?><option value="<?cs var:m.id ?>"><?cs var:dja(m.held_on) ?></option><?cs /each ?></select></div>
    <fieldset class="row"><legend><?cs var:L.council.decision ?></legend>
      <label><input type="radio" name="decision" value="approved"> <?cs var:L.council.decision_approved ?></label>
      <label><input type="radio" name="decision" value="rejected"> <?cs var:L.council.decision_rejected ?></label></fieldset>
    <div class="row"><label for="m-reason"><?cs var:L.council.reason ?></label>
      <textarea id="m-reason" name="reason" rows="2" maxlength="1000"></textarea></div>
    <button type="submit" class="primary"><?cs var:L.council.record ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:App.status == "onboarding" && Session.role.operator ?>
<section class="card">
  <h2><?cs var:L.council.contract_title ?></h2>
  <form method="post" action="/applications/contract" class="form" id="contract-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:App.id ?>">
    <input type="hidden" name="version" value="<?cs var:App.version ?>">
    <div class="row"><label for="filed_on"><?cs var:L.council.filed_on ?></label>
      <input type="date" id="filed_on" name="filed_on"><?cs call:ferr("filed_on") ?></div>
    <button type="submit" class="primary"><?cs var:L.council.contract_record ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:App.kind == "user_withdraw" && App.ends_facility == "1" && App.facility_status == "cancelling" && Session.role.operator ?>
<section class="card" id="cancel-card">
  <h2><?cs var:L.forms.cancel_title ?></h2>
  <p><?cs var:L.forms.cancel_note ?></p>
  <form method="post" action="/applications/cancel" class="form" id="cancel-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:App.id ?>">
    <input type="hidden" name="version" value="<?cs var:App.version ?>">
    <div class="row"><label for="cancel_filed_on"><?cs var:L.forms.cancel_filed_on ?></label>
      <input type="date" id="cancel_filed_on" name="filed_on"><?cs call:ferr("cancel_filed_on") ?></div>
    <button type="submit" class="primary" id="cancel-submit"><?cs var:L.forms.cancel_record ?></button>
  </form>
</section>
<?cs /if ?>
<p><a class="button secondary" href="/applications/print?id=<?cs var:App.id ?>" id="app-print"><?cs var:L.forms.print ?></a> <a href="/applications"><?cs var:L.council.apps_title ?></a></p>
<?cs include:"_foot.cs" ?>
