<?cs include:"_head.cs" ?>
<?cs # Forms 1-3 as on paper (issue 21): the fields beyond the first version's. ?>
<?cs def:ftext(name, max, type) ?><div class="row"><label for="<?cs var:name ?>"><?cs var:L.forms[name] ?></label>
    <input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:max ?>" value="<?cs var:Form[name] ?>"<?cs if:L.forms[name + "_hint"] ?> aria-describedby="hint-<?cs var:name ?>"<?cs /if ?>><?cs if:L.forms[name + "_hint"] ?><span class="hint" id="hint-<?cs var:name ?>"><?cs var:L.forms[name + "_hint"] ?></span><?cs /if ?><?cs call:ferr(name) ?></div>
<?cs /def ?>
<?cs def:fprofession(name, lic) ?><div class="row"><label for="<?cs var:name ?>"><?cs var:L.forms[name] ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"><option value=""><?cs var:L.council.choose ?></option>
    <?cs each:p = Professions ?><option value="<?cs var:p.code ?>"<?cs if:Form[name] == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
    </select><?cs call:ferr(name) ?></div>
  <div class="row"><label for="<?cs var:lic ?>"><?cs var:L.forms[lic] ?></label>
    <input type="text" id="<?cs var:lic ?>" name="<?cs var:lic ?>" maxlength="32" value="<?cs var:Form[lic] ?>" aria-describedby="hint-<?cs var:lic ?>"><span class="hint" id="hint-<?cs var:lic ?>"><?cs var:L.forms.license_hint ?></span><?cs call:ferr(lic) ?></div>
<?cs /def ?>
<?cs def:pledge(who) ?><fieldset class="row wide pledge" id="pledge-box"><legend><?cs var:L.forms.pledge_title ?></legend>
    <p><?cs var:L.forms["pledge_" + who] ?></p>
    <ol class="pledge-items">
      <li><?cs var:L.forms.pledge_a11_1 ?></li>
      <li><?cs var:L.forms.pledge_a11_2 ?></li>
      <li><?cs var:L.forms.pledge_a11_3 ?></li>
      <li><?cs var:L.forms.pledge_a11_4 ?></li>
    </ol>
    <p class="hint"><a href="/rules" target="_blank" rel="noopener"><?cs var:L.forms.pledge_read ?></a></p>
    <label><input type="checkbox" name="pledge" id="pledge" value="1"<?cs if:Form.pledge == "1" ?> checked<?cs /if ?>> <?cs var:L.forms["pledge_check_" + who] ?></label><?cs call:ferr("pledge") ?></fieldset>
<?cs /def ?>
<h1><?cs var:L.council["kind_" + Form.kind] ?></h1>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
<section class="card">
<form method="post" action="/applications/new" class="form" id="app-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="kind" value="<?cs var:Form.kind ?>">
  <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
<?cs if:Form.kind == "facility_join" ?>
<?cs if:Form.facility ?><input type="hidden" name="facility" value="<?cs var:Form.facility ?>"><?cs /if ?>
  <div class="row"><label for="fac_name"><?cs var:L.council.fac_name ?></label>
    <input type="text" id="fac_name" name="fac_name" maxlength="200" value="<?cs var:Form.fac_name ?>"><?cs call:ferr("fac_name") ?></div>
  <?cs call:ftext("fac_code", 20, "text") ?>
  <div class="row"><label for="fac_kind"><?cs var:L.council.fac_kind ?></label>
    <select id="fac_kind" name="fac_kind"><option value=""><?cs var:L.council.choose ?></option>
    <option value="hospital"<?cs if:Form.fac_kind == "hospital" ?> selected<?cs /if ?>><?cs var:L.council.fk_hospital ?></option>
    <option value="clinic"<?cs if:Form.fac_kind == "clinic" ?> selected<?cs /if ?>><?cs var:L.council.fk_clinic ?></option>
    <option value="dental"<?cs if:Form.fac_kind == "dental" ?> selected<?cs /if ?>><?cs var:L.council.fk_dental ?></option>
    <option value="pharmacy"<?cs if:Form.fac_kind == "pharmacy" ?> selected<?cs /if ?>><?cs var:L.council.fk_pharmacy ?></option>
    <option value="care_office"<?cs if:Form.fac_kind == "care_office" ?> selected<?cs /if ?>><?cs var:L.council.fk_care_office ?></option>
    <option value="visiting_nursing"<?cs if:Form.fac_kind == "visiting_nursing" ?> selected<?cs /if ?>><?cs var:L.council.fk_visiting_nursing ?></option>
    <option value="other"<?cs if:Form.fac_kind == "other" ?> selected<?cs /if ?>><?cs var:L.council.fk_other ?></option>
    </select><?cs call:ferr("fac_kind") ?></div>
  <div class="row"><label for="fac_address"><?cs var:L.council.fac_address ?></label>
    <input type="text" id="fac_address" name="fac_address" maxlength="300" value="<?cs var:Form.fac_address ?>"><?cs call:ferr("fac_address") ?></div>
  <?cs call:ftext("fac_phone", 20, "tel") ?>
  <?cs call:ftext("fac_email", 254, "email") ?>
  <?cs call:ftext("contact_name", 100, "text") ?>
  <?cs call:ftext("contact_dept", 100, "text") ?>
  <fieldset class="row"><legend><?cs var:L.council.in_region ?></legend>
    <label><input type="radio" name="in_region" value="1"<?cs if:Form.in_region != "0" ?> checked<?cs /if ?>> <?cs var:L.council.in_region_yes ?></label>
    <label><input type="radio" name="in_region" value="0"<?cs if:Form.in_region == "0" ?> checked<?cs /if ?>> <?cs var:L.council.in_region_no ?></label></fieldset>
  <fieldset class="row"><legend><?cs var:L.council.wants ?></legend>
    <label><input type="checkbox" name="wants_disclosing" value="1"<?cs if:Form.wants_disclosing == "1" ?> checked<?cs /if ?>> <?cs var:L.council.wants_disclosing ?></label>
    <label><input type="checkbox" name="wants_viewing" value="1"<?cs if:Form.wants_viewing == "1" ?> checked<?cs /if ?>> <?cs var:L.council.wants_viewing ?></label><?cs call:ferr("wants_viewing") ?></fieldset>
  <div class="row"><label for="manager_name"><?cs var:L.council.manager_name ?></label>
    <input type="text" id="manager_name" name="manager_name" maxlength="100" value="<?cs var:Form.manager_name ?>"><?cs call:ferr("manager_name") ?></div>
  <?cs call:ftext("manager_kana", 100, "text") ?>
  <?cs call:ftext("manager_title", 100, "text") ?>
  <?cs call:fprofession("manager_profession", "manager_license") ?>
  <?cs call:ftext("manager_login", 64, "text") ?>
  <?cs call:ftext("manager_email", 254, "email") ?>
  <?cs call:pledge("facility") ?>
<?cs elif:Form.kind == "user_register" ?>
  <div class="row"><label for="user_name"><?cs var:L.council.user_name ?></label>
    <input type="text" id="user_name" name="user_name" maxlength="100" value="<?cs var:Form.user_name ?>"><?cs call:ferr("user_name") ?></div>
  <?cs call:ftext("user_kana", 100, "text") ?>
  <?cs call:ftext("department", 100, "text") ?>
  <?cs call:ftext("job_title", 100, "text") ?>
  <div class="row"><label for="user_login"><?cs var:L.council.user_login ?></label>
    <input type="text" id="user_login" name="user_login" maxlength="64" value="<?cs var:Form.user_login ?>"><?cs call:ferr("user_login") ?></div>
  <div class="row"><label for="profession"><?cs var:L.council.profession ?></label>
    <select id="profession" name="profession"><option value=""><?cs var:L.council.choose ?></option>
    <?cs each:p = Professions ?><option value="<?cs var:p.code ?>"<?cs if:Form.profession == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
    </select><span class="hint"><?cs var:L.council.profession_note ?></span><?cs call:ferr("profession") ?></div>
  <div class="row"><label for="license_no"><?cs var:L.forms.license_no ?></label>
    <input type="text" id="license_no" name="license_no" maxlength="32" value="<?cs var:Form.license_no ?>" aria-describedby="hint-license_no"><span class="hint" id="hint-license_no"><?cs var:L.forms.license_hint ?></span><?cs call:ferr("license_no") ?></div>
  <div class="row"><label><input type="checkbox" name="attestation" value="1"<?cs if:Form.attestation == "1" ?> checked<?cs /if ?>> <?cs var:L.council.attestation ?></label><?cs call:ferr("attestation") ?></div>
  <?cs call:ftext("user_phone", 20, "tel") ?>
  <?cs call:ftext("user_email", 254, "email") ?>
  <fieldset class="row"><legend><?cs var:L.forms.requested_role ?></legend>
    <label><input type="radio" name="requested_role" value="user"<?cs if:!Form.requested_role || Form.requested_role == "user" ?> checked<?cs /if ?>> <?cs var:L.forms.role_user ?></label>
    <label><input type="radio" name="requested_role" value="facility_manager"<?cs if:Form.requested_role == "facility_manager" ?> checked<?cs /if ?>> <?cs var:L.forms.role_facility_manager ?></label>
    <label><input type="radio" name="requested_role" value="both"<?cs if:Form.requested_role == "both" ?> checked<?cs /if ?>> <?cs var:L.forms.role_both ?></label><?cs call:ferr("requested_role") ?></fieldset>
  <?cs call:pledge("user") ?>
<?cs else ?>
  <div class="row"><label for="target"><?cs var:L.council.target ?></label>
    <select id="target" name="target"><option value=""><?cs var:L.council.choose ?></option>
    <?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:Form.target == u.id ?> selected<?cs /if ?>><?cs var:u.name ?>（<?cs var:u.login ?>）</option><?cs /each ?>
    </select><?cs call:ferr("target") ?></div>
  <div class="row"><label for="effective_date"><?cs var:L.council.effective_date ?></label>
    <input type="date" id="effective_date" name="effective_date" value="<?cs var:Form.effective_date ?>"><?cs call:ferr("effective_date") ?></div>
  <div class="row wide"><label for="withdraw_reason"><?cs var:L.forms.withdraw_reason ?></label>
    <textarea id="withdraw_reason" name="withdraw_reason" rows="3" maxlength="1000"><?cs var:Form.withdraw_reason ?></textarea><?cs call:ferr("withdraw_reason") ?></div>
  <p class="hint"><?cs var:L.forms.withdraw_last_note ?></p>
<?cs /if ?>
  <button type="submit" class="primary" id="app-submit"><?cs var:L.council.submit ?></button>
  <button type="submit" class="button secondary" name="action" value="draft" id="app-draft"><?cs var:L.council.save_draft ?></button>
</form>
</section>
<?cs include:"_foot.cs" ?>
