<?cs include:"_head.cs" ?>
<h1><?cs var:L.consent.new_title ?></h1>
<p><a href="/patients/view?p=<?cs var:P ?>"><?cs var:L.consent.patient ?></a></p>
<section class="card">
  <dl class="kv" id="consent-patient">
    <dt><?cs var:L.patients.name ?></dt><dd><?cs var:Patient.name ?>（<?cs var:Patient.kana ?>）</dd>
    <dt><?cs var:L.patients.birth_date ?></dt><dd><?cs call:born(Patient.birth_date) ?> <?cs call:years(Patient.birth_date) ?></dd>
    <dt><?cs var:L.patients.network_id ?></dt><dd class="mono"><?cs var:Patient.network_id ?></dd>
  </dl>
  <p class="hint"><?cs var:L.consent.intro ?></p>
  <?cs if:Form.invalid ?><p class="error-box" role="alert" id="scan-again"><?cs var:L.consent.scan_again ?></p><?cs /if ?>
  <form method="post" action="/consents/new" class="form" enctype="multipart/form-data" id="consent-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <div class="row">
      <label for="c-signed"><?cs var:L.consent.signed_on ?></label>
      <input type="date" id="c-signed" name="signed_on" value="<?cs var:Form.signed_on ?>" required<?cs if:Form.err_signed_on ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("signed_on") ?>
    </div>
    <?cs if:Revoked.on ?>
    <div class="row" id="c-revoked">
      <p class="warn-text" id="revoked-notice"><?cs var:L.consent.revoked_notice_pre ?><?cs var:dja(Revoked.on) ?><?cs var:L.consent.revoked_notice_post ?></p>
      <label class="check"><input type="checkbox" name="after_revocation" value="1" id="c-after"<?cs if:Form.after_revocation == "1" ?> checked<?cs /if ?><?cs if:Form.err_after_revocation ?> class="invalid" aria-invalid="true"<?cs /if ?>> <?cs var:L.consent.after_revocation ?></label>
      <?cs call:ferr("after_revocation") ?>
    </div>
    <?cs /if ?>
    <fieldset class="row">
      <legend><?cs var:L.consent.signer ?></legend>
      <label><input type="radio" name="signer" value="patient" id="c-signer-patient"<?cs if:Form.signer != "proxy" ?> checked<?cs /if ?>> <?cs var:L.consent.signer_patient ?></label>
      <label><input type="radio" name="signer" value="proxy" id="c-signer-proxy"<?cs if:Form.signer == "proxy" ?> checked<?cs /if ?>> <?cs var:L.consent.signer_proxy ?></label>
      <?cs call:ferr("signer") ?>
    </fieldset>
    <div class="row">
      <label for="c-proxy"><?cs var:L.consent.proxy_name ?></label>
      <input type="text" id="c-proxy" name="proxy_name" value="<?cs var:Form.proxy_name ?>" maxlength="100"<?cs if:Form.err_proxy_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("proxy_name") ?>
    </div>
    <div class="row">
      <label for="c-rel"><?cs var:L.consent.proxy_relation ?></label>
      <input type="text" id="c-rel" name="proxy_relation" value="<?cs var:Form.proxy_relation ?>" maxlength="50">
    </div>
    <fieldset class="row" id="c-disclosing">
      <legend><?cs var:L.consent.disclosing ?></legend>
      <label><input type="checkbox" name="disclosing_all" value="1" id="c-dall"<?cs if:Form.disclosing_all == "1" ?> checked<?cs /if ?>> <?cs var:L.consent.all_disclosing ?></label>
      <p class="hint"><?cs var:L.consent.some ?></p>
      <?cs each:f = Facilities ?><?cs if:f.disclosing == "1" ?><label class="check"><input type="checkbox" name="disclosing" value="<?cs var:f.id ?>"<?cs if:f.d_checked ?> checked<?cs /if ?>> <?cs var:f.name ?></label><?cs /if ?><?cs /each ?>
      <?cs call:ferr("disclosing") ?>
    </fieldset>
    <fieldset class="row" id="c-viewing">
      <legend><?cs var:L.consent.viewing ?></legend>
      <label><input type="checkbox" name="viewing_all" value="1" id="c-vall"<?cs if:Form.viewing_all == "1" ?> checked<?cs /if ?>> <?cs var:L.consent.all_viewing ?></label>
      <p class="hint"><?cs var:L.consent.some ?></p>
      <?cs each:f = Facilities ?><?cs if:f.viewing == "1" ?><label class="check"><input type="checkbox" name="viewing" value="<?cs var:f.id ?>"<?cs if:f.v_checked ?> checked<?cs /if ?>> <?cs var:f.name ?></label><?cs /if ?><?cs /each ?>
      <?cs call:ferr("viewing") ?>
    </fieldset>
    <div class="row">
      <label for="c-scan"><?cs var:L.consent.scan ?></label>
      <input type="file" id="c-scan" name="scan" accept="application/pdf,image/png,image/jpeg" required aria-describedby="c-scan-hint"<?cs if:Form.err_scan ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <span class="hint" id="c-scan-hint"><?cs var:L.consent.scan_hint ?></span>
      <?cs call:ferr("scan") ?>
    </div>
    <button type="submit" class="primary" id="consent-submit"><?cs var:L.consent.submit ?></button>
  </form>
</section>
<?cs include:"_foot.cs" ?>
