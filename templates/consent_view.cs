<?cs include:"_head.cs" ?>
<h1><?cs var:L.consent.view_title ?></h1>
<p><?cs if:Consent.p ?><a href="/patients/view?p=<?cs var:Consent.p ?>"><?cs var:L.consent.patient ?></a><?cs /if ?>
<?cs if:Can.check ?> ・ <a href="/consents/queue"><?cs var:L.consent.queue_title ?></a><?cs /if ?></p>
<?cs if:Consent.revoked_at ?><p class="error-box" role="alert" id="consent-revoked-flag"><?cs var:L.office.consent_revoked ?>（<?cs var:dja(Consent.revoked_at) ?>）</p><?cs /if ?>
<section class="card">
  <dl class="kv" id="consent">
    <dt><?cs var:L.patients.name ?></dt><dd id="consent-patient"><?cs var:Patient.name ?><?cs if:Patient.kana ?>（<?cs var:Patient.kana ?>）<?cs /if ?><?cs if:Patient.birth_date ?> <span class="muted"><?cs call:born(Patient.birth_date) ?></span><?cs /if ?></dd>
    <dt><?cs var:L.consent.signed_on ?></dt><dd><?cs var:dja(Consent.signed_on) ?></dd>
    <dt><?cs var:L.consent.signer ?></dt><dd><?cs var:L.consent["signer_" + Consent.signer] ?><?cs if:Consent.proxy_name ?>（<?cs var:Consent.proxy_name ?>・<?cs var:Consent.proxy_relation ?>）<?cs /if ?></dd>
    <dt><?cs var:L.consent.facility ?></dt><dd><?cs var:Consent.facility ?></dd>
    <dt><?cs var:L.consent.registered_at ?></dt><dd><?cs var:dja(Consent.registered_at) ?>（<?cs var:Consent.registered_by ?>）</dd>
    <dt><?cs var:L.consent.disclosing ?></dt><dd id="disclosing"><?cs if:Consent.all_disclosing == "1" ?><?cs var:L.consent.all_disclosing ?><?cs else ?><?cs each:f = Disclosing ?><?cs var:f.name ?><?cs if:!last(f) ?>、<?cs /if ?><?cs /each ?><?cs /if ?></dd>
    <dt><?cs var:L.consent.viewing ?></dt><dd id="viewing"><?cs if:Consent.all_viewing == "1" ?><?cs var:L.consent.all_viewing ?><?cs else ?><?cs each:f = Viewing ?><?cs var:f.name ?><?cs if:!last(f) ?>、<?cs /if ?><?cs /each ?><?cs /if ?></dd>
    <dt><?cs var:L.consent.status ?></dt><dd id="check-status"><?cs var:L.patients["check_" + Consent.status] ?><?cs if:Consent.checked_at ?>（<?cs var:dja(Consent.checked_at) ?>）<?cs /if ?><?cs if:Consent.check_note ?>：<?cs var:Consent.check_note ?><?cs /if ?></dd>
    <?cs if:Consent.revoked_at ?><dt><?cs var:L.consent.revoked_at ?></dt><dd id="revoked-at"><?cs var:dja(Consent.revoked_at) ?></dd><?cs /if ?>
    <dt><?cs var:L.consent.scan ?></dt><dd><?cs if:Consent.scan_type ?><a href="/consents/scan?id=<?cs var:Consent.id ?>" id="scan-link"><?cs var:L.consent.scan_view ?></a>（<?cs var:L.office.ctype[Consent.scan_kind] ?>、<span id="scan-bytes"><?cs var:Consent.scan_bytes ?> <?cs var:L.office.bytes ?></span>）<br><span class="mono muted"><?cs var:L.consent.sha256 ?> <?cs var:Consent.scan_sha256 ?></span><?cs else ?><?cs var:L.consent.scan_none ?><?cs /if ?>
      <?cs # Issue 21: form 4 as the paper form, for the file ?><br><a href="/consents/print?id=<?cs var:Consent.id ?>" id="form4-print"><?cs var:L.form5.print ?></a></dd>
  </dl>
  <p><a href="/consents/fhir?id=<?cs var:Consent.id ?>" id="fhir-link"><?cs var:L.consent.fhir ?></a></p>
</section>
<?cs if:Consent.scan_type ?>
<section class="card scan-inline" id="scan-inline">
  <h2><?cs var:L.consent.scan ?></h2>
  <?cs if:Consent.scan_type == "application/pdf" ?><iframe src="/consents/scan?id=<?cs var:url_escape(Consent.id) ?>" title="<?cs var:L.consent.scan ?>" id="scan-frame"></iframe>
  <?cs else ?><img src="/consents/scan?id=<?cs var:url_escape(Consent.id) ?>" alt="<?cs var:L.consent.scan ?>" id="scan-image"><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Can.check && Consent.status == "submitted" ?>
<section class="card">
  <h2><?cs var:L.consent.check ?></h2>
  <p class="hint"><?cs var:L.consent.check_hint ?></p>
  <form method="post" action="/consents/check" class="form" id="check-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Consent.id ?>">
    <input type="hidden" name="version" value="<?cs var:Consent.version ?>">
    <fieldset class="row">
      <label><input type="radio" name="decision" value="checked" id="dec-checked"<?cs if:Form.decision != "rejected" ?> checked<?cs /if ?>> <?cs var:L.consent.decision_checked ?></label>
      <label><input type="radio" name="decision" value="rejected" id="dec-rejected"<?cs if:Form.decision == "rejected" ?> checked<?cs /if ?>> <?cs var:L.consent.decision_rejected ?></label>
    </fieldset>
    <div class="row"><label for="c-note"><?cs var:L.consent.note ?></label><input type="text" id="c-note" name="note" maxlength="500" value="<?cs var:Form.note ?>"><?cs call:ferr("note") ?></div>
    <button type="submit" class="primary" id="check-submit"><?cs var:L.consent.do_check ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
