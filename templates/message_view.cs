<?cs include:"_head.cs" ?>
<?cs with:m = Message ?>
<h1 id="message-subject"><?cs if:m.deleted ?><?cs var:L.message.deleted_subject ?><?cs else ?><?cs var:m.subject ?><?cs /if ?></h1>
<section class="card">
  <dl class="kv">
    <dt><?cs var:L.message.from ?></dt><dd id="message-from"><?cs var:m.sender ?>（<?cs var:m.sender_facility ?>）<?cs if:m.sender_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?></dd>
    <dt><?cs var:L.message.to ?></dt><dd id="message-to"><?cs if:m.to_facility ?><?cs var:m.to_facility ?> <?cs var:L.message.to_facility_mark ?><?cs if:m.to_facility_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs else ?><?cs var:m.to_user ?>（<?cs var:m.to_user_facility ?>）<?cs if:m.to_user_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs /if ?></dd>
    <dt><?cs var:L.message.sent ?></dt><dd><?cs var:dja(m.sent) ?></dd>
    <?cs if:m.has_patient ?><dt><?cs var:L.message.patient ?></dt><dd id="message-patient"><?cs if:m.patient_handle ?><a href="/records/patient?p=<?cs var:url_escape(m.patient_handle) ?>" id="patient-link"><?cs var:m.patient_name ?></a><?cs else ?><span class="warn-text" id="patient-hidden"><?cs var:L.message.patient_hidden ?></span><?cs /if ?></dd><?cs /if ?>
  </dl>
  <?cs if:m.deleted ?>
  <p class="error-box" id="message-deleted"><?cs var:L.message.deleted_by_operator ?><?cs var:m.delete_reason ?><br><span class="muted"><?cs var:m.deleted ?> <?cs var:m.deleter ?></span></p>
  <?cs else ?>
  <p class="prewrap" id="message-body"><?cs var:m.body ?></p>
  <?cs /if ?>
</section>
<?cs if:Can.report ?>
<section class="card">
  <h2><?cs var:L.message.report_title ?></h2>
  <p class="hint"><?cs var:L.message.report_hint ?></p>
  <form method="post" action="/messages/report" class="form" id="report-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:m.id ?>">
    <div class="row"><label for="reason"><?cs var:L.message.reason ?></label><textarea id="reason" name="reason" rows="2" maxlength="1000" required></textarea></div>
    <p class="actions"><button type="submit" class="primary" id="message-report"><?cs var:L.message.report ?></button></p>
  </form>
</section>
<?cs /if ?>
<?cs if:Session.role.operator && m.reports > 0 ?>
<section class="card" id="reports-of">
  <h2><?cs var:L.message.reports ?></h2>
  <ul><?cs each:x = ReportsOf ?><li><span class="muted"><?cs var:dja(x.at) ?> <?cs var:x.by ?>（<?cs var:x.facility ?>）</span> <span class="prewrap"><?cs var:x.reason ?></span></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs if:Can.delete ?>
<section class="card">
  <h2><?cs var:L.message.delete_title ?></h2>
  <p class="hint"><?cs var:L.message.delete_hint ?></p>
  <form method="post" action="/admin/messages/delete" class="form" id="delete-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:m.id ?>"><input type="hidden" name="version" value="<?cs var:m.version ?>">
    <div class="row"><label for="delete-reason"><?cs var:L.message.reason ?></label><textarea id="delete-reason" name="reason" rows="2" maxlength="1000" required></textarea></div>
    <p class="actions"><button type="submit" class="danger" id="message-delete"><?cs var:L.message.delete ?></button></p>
  </form>
</section>
<?cs /if ?>
<?cs /with ?>
<p><a href="/messages"><?cs var:L.message.back ?></a></p>
<?cs include:"_foot.cs" ?>
