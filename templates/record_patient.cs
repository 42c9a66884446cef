<?cs include:"_head.cs" ?>
<h1><?cs var:L.records.patient_title ?></h1>
<section class="card" id="record-header">
  <p><strong id="record-name"><?cs var:Patient.name ?></strong>（<?cs var:Patient.kana ?>・<?cs var:L.patients["sex_" + Patient.sex] ?>・<?cs var:Patient.birth_date ?>）
  <span class="muted"><?cs var:L.records.purpose_now ?>：<?cs var:L.records["purpose_" + Purpose] ?></span></p>
  <?cs if:Verdict == "emergency" ?><p class="error-box emergency" id="emergency-banner" role="alert"><strong><?cs var:L.emergency.banner ?></strong> <?cs var:L.emergency.banner_until ?> <?cs var:Emergency.until ?></p><?cs /if ?>
  <?cs if:P ?><p><a class="button secondary" id="message-about" href="/messages/new?p=<?cs var:url_escape(P) ?>"><?cs var:L.message.about_patient ?></a></p><?cs /if ?>
</section>
<section class="card" id="records">
  <p class="muted"><?cs var:L.records.records_pending ?></p>
</section>
<?cs include:"_foot.cs" ?>
