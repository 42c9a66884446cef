<?cs include:"_head.cs" ?>
<h1><?cs var:L.emergency.title ?></h1>
<?cs if:Emergency.not_allowed ?>
<section class="card"><p class="error-box" id="not-allowed"><?cs var:L.emergency.not_allowed ?></p></section>
<?cs else ?>
<section class="card emergency-card">
  <p class="notice"><?cs var:L.emergency.intro ?></p>
  <ul class="hint">
    <li><?cs var:L.emergency.rule_exact ?></li>
    <li><?cs var:L.emergency.rule_time ?><?cs var:Emergency.hours ?><?cs var:L.emergency.rule_time2 ?></li>
    <li><?cs var:L.emergency.rule_notify ?></li>
    <li><?cs var:L.emergency.rule_consent ?><?cs var:Emergency.days ?><?cs var:L.emergency.rule_consent2 ?></li>
  </ul>
  <form method="post" action="/emergency/start" class="form" id="emergency-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <fieldset class="row">
      <legend><?cs var:L.emergency.by_identity ?></legend>
      <div class="row"><label for="e-kana"><?cs var:L.patients.kana ?></label>
        <input type="text" id="e-kana" name="kana" value="<?cs var:Form.kana ?>" maxlength="100" autocomplete="off"<?cs if:Form.err_kana ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <?cs call:ferr("kana") ?></div>
      <div class="row"><label for="e-birth"><?cs var:L.patients.birth_date ?></label>
        <input type="date" id="e-birth" name="birth_date" value="<?cs var:Form.birth_date ?>"<?cs if:Form.err_birth_date ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <?cs call:ferr("birth_date") ?></div>
      <div class="row"><label for="e-sex"><?cs var:L.patients.sex ?></label>
        <select id="e-sex" name="sex"<?cs if:Form.err_sex ?> class="invalid" aria-invalid="true"<?cs /if ?>>
          <option value=""><?cs var:L.patients.choose ?></option>
          <option value="M"<?cs if:Form.sex == "M" ?> selected<?cs /if ?>><?cs var:L.patients.sex_M ?></option>
          <option value="F"<?cs if:Form.sex == "F" ?> selected<?cs /if ?>><?cs var:L.patients.sex_F ?></option>
          <option value="O"<?cs if:Form.sex == "O" ?> selected<?cs /if ?>><?cs var:L.patients.sex_O ?></option>
          <option value="U"<?cs if:Form.sex == "U" ?> selected<?cs /if ?>><?cs var:L.patients.sex_U ?></option>
        </select>
        <?cs call:ferr("sex") ?></div>
    </fieldset>
    <fieldset class="row">
      <legend><?cs var:L.emergency.by_local ?></legend>
      <div class="row"><label for="e-fac"><?cs var:L.emergency.facility_code ?></label>
        <select id="e-fac" name="facility_code"<?cs if:Form.err_facility_code ?> class="invalid" aria-invalid="true"<?cs /if ?>>
          <option value=""><?cs var:L.patients.choose ?></option>
          <?cs each:f = Facilities ?><?cs if:f.disclosing == "1" ?><option value="<?cs var:f.code ?>"<?cs if:Form.facility_code == f.code ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /if ?><?cs /each ?>
        </select>
        <?cs call:ferr("facility_code") ?></div>
      <div class="row"><label for="e-local"><?cs var:L.emergency.local_id ?></label>
        <input type="text" id="e-local" name="local_id" value="<?cs var:Form.local_id ?>" maxlength="64" autocomplete="off"<?cs if:Form.err_local_id ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <?cs call:ferr("local_id") ?></div>
    </fieldset>
    <div class="row"><label for="e-cat"><?cs var:L.emergency.category ?></label>
      <select id="e-cat" name="category" required<?cs if:Form.err_category ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.patients.choose ?></option>
        <?cs each:c = L.emergency.cat ?><option value="<?cs name:c ?>"<?cs if:Form.category == name(c) ?> selected<?cs /if ?>><?cs var:c ?></option><?cs /each ?>
      </select>
      <?cs call:ferr("category") ?></div>
    <div class="row"><label for="e-reason"><?cs var:L.emergency.reason ?></label>
      <textarea id="e-reason" name="reason" rows="3" maxlength="1000" required<?cs if:Form.err_reason ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.reason ?></textarea>
      <?cs call:ferr("reason") ?></div>
    <div class="row"><label><input type="checkbox" name="confirm" value="1" id="e-confirm"> <?cs var:L.emergency.confirm ?></label>
      <?cs call:ferr("confirm") ?></div>
    <button type="submit" class="danger" id="emergency-submit"><?cs var:L.emergency.submit ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:EmergencyList_n > 0 ?>
<section class="card">
  <h2><?cs var:L.emergency.mine ?></h2>
  <?cs include:"_emergency_rows.cs" ?>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
