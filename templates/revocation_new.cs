<?cs include:"_head.cs" ?>
<h1><?cs var:L.revocation.new_title ?></h1>
<p><a href="/patients/view?p=<?cs var:P ?>"><?cs var:L.revocation.back ?></a></p>
<section class="card">
  <dl class="kv" id="revocation-patient">
    <dt><?cs var:L.patients.name ?></dt><dd><?cs var:Patient.name ?>（<?cs var:Patient.kana ?>）</dd>
    <dt><?cs var:L.patients.birth_date ?></dt><dd><?cs call:born(Patient.birth_date) ?> <?cs call:years(Patient.birth_date) ?></dd>
    <dt><?cs var:L.patients.network_id ?></dt><dd class="mono"><?cs var:Patient.network_id ?></dd>
  </dl>
<?cs if:Confirm ?>
  <p class="error-box" id="revocation-what"><?cs var:L.office.form5_what ?></p>
  <dl class="kv" id="revocation-summary">
    <dt><?cs var:L.revocation.signed_on ?></dt><dd><?cs var:Form.signed_on ?></dd>
    <dt><?cs var:L.revocation.signer ?></dt><dd><?cs if:Form.signer == "proxy" ?><?cs var:L.consent.signer_proxy ?>（<?cs var:Form.proxy_name ?>・<?cs var:Form.proxy_relation ?>）<?cs else ?><?cs var:L.consent.signer_patient ?><?cs /if ?></dd>
    <?cs if:Form.note ?><dt><?cs var:L.revocation.note ?></dt><dd><?cs var:Form.note ?></dd><?cs /if ?>
  </dl>
  <form method="post" action="/revocations/new" enctype="multipart/form-data" class="form" id="revocation-confirm">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <input type="hidden" name="signed_on" value="<?cs var:Form.signed_on ?>">
    <input type="hidden" name="signer" value="<?cs var:Form.signer ?>">
    <input type="hidden" name="proxy_name" value="<?cs var:Form.proxy_name ?>">
    <input type="hidden" name="proxy_relation" value="<?cs var:Form.proxy_relation ?>">
    <input type="hidden" name="note" value="<?cs var:Form.note ?>">
    <?cs # Issue 21: the signed paper, scanned like form 4's (optional here: the receipt takes it later). ?>
    <div class="row">
      <label for="r-scan"><?cs var:L.form5.scan ?></label>
      <input type="file" id="r-scan" name="scan" accept="application/pdf,image/png,image/jpeg" aria-describedby="hint-r-scan"><span class="hint" id="hint-r-scan"><?cs var:L.form5.scan_hint ?></span><?cs if:Form.err_scan ?><span class="field-error" id="err-scan"><?cs var:Form.err_scan ?></span><?cs /if ?>
    </div>
    <div class="actions"><button type="submit" class="danger" name="confirm" value="1" id="revocation-confirm-submit"><?cs var:L.office.form5_do ?></button>
      <button type="submit" class="button secondary" name="edit" value="1" id="revocation-edit"><?cs var:L.office.form5_edit ?></button></div>
  </form>
<?cs else ?>
  <p class="notice"><?cs var:L.revocation.intro ?></p>
  <form method="post" action="/revocations/new" class="form" id="revocation-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <div class="row">
      <label for="r-signed"><?cs var:L.revocation.signed_on ?></label>
      <input type="date" id="r-signed" name="signed_on" value="<?cs var:Form.signed_on ?>" required<?cs if:Form.err_signed_on ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("signed_on") ?>
    </div>
    <fieldset class="row">
      <legend><?cs var:L.revocation.signer ?></legend>
      <label><input type="radio" name="signer" value="patient"<?cs if:Form.signer != "proxy" ?> checked<?cs /if ?>> <?cs var:L.consent.signer_patient ?></label>
      <label><input type="radio" name="signer" value="proxy" id="r-signer-proxy"<?cs if:Form.signer == "proxy" ?> checked<?cs /if ?>> <?cs var:L.consent.signer_proxy ?></label>
      <?cs call:ferr("signer") ?>
    </fieldset>
    <div class="row">
      <label for="r-proxy"><?cs var:L.consent.proxy_name ?></label>
      <input type="text" id="r-proxy" name="proxy_name" value="<?cs var:Form.proxy_name ?>" maxlength="100"<?cs if:Form.err_proxy_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("proxy_name") ?>
    </div>
    <div class="row">
      <label for="r-rel"><?cs var:L.consent.proxy_relation ?></label>
      <input type="text" id="r-rel" name="proxy_relation" value="<?cs var:Form.proxy_relation ?>" maxlength="50">
    </div>
    <div class="row">
      <label for="r-note"><?cs var:L.revocation.note ?></label>
      <input type="text" id="r-note" name="note" value="<?cs var:Form.note ?>" maxlength="500">
    </div>
    <button type="submit" class="button" id="revocation-submit"><?cs var:L.office.form5_next ?></button>
  </form>
<?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
