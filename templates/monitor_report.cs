<?cs include:"_head.cs" ?>
<?cs with:x = Report.0 ?>
<h1><?cs var:L.monitor.report_title ?></h1>
<section class="card">
  <dl class="kv" id="report">
    <dt><?cs var:L.monitor.status ?></dt><dd><span class="status status-<?cs var:x.status ?>" id="report-status"><?cs var:L.monitor.report_status[x.status] ?></span></dd>
    <dt><?cs var:L.monitor.kind ?></dt><dd><?cs var:L.monitor.report_kind[x.kind] ?></dd>
    <dt><?cs var:L.monitor.facility ?></dt><dd id="report-facility"><?cs var:x.facility ?></dd>
    <dt><?cs var:L.monitor.sent_at ?></dt><dd><?cs var:dja(x.at) ?>（<?cs var:x.by ?>）</dd>
    <dt><?cs var:L.monitor.user_concerned ?></dt><dd id="report-user"><?cs if:x.user ?><?cs var:x.user ?>（<?cs var:x.login ?>）<?cs else ?><span class="muted">—</span><?cs /if ?></dd>
    <?cs if:x.audit_id ?><dt><?cs var:L.monitor.subject ?></dt><dd id="report-subject"><?cs var:dja(x.audit_at) ?> <?cs var:x.audit_user ?> <?cs if:L.monitor.action[x.audit_action] ?><?cs var:L.monitor.action[x.audit_action] ?><?cs else ?><?cs var:x.audit_action ?><?cs /if ?><?cs if:x.audit_purpose ?>（<?cs var:L.monitor.purpose_label ?>：<?cs var:L.monitor.purpose[x.audit_purpose] ?>）<?cs /if ?><?cs if:x.audit_network_id ?> <?cs var:L.monitor.network_id ?> <?cs var:x.audit_network_id ?><?cs /if ?> <small class="muted">（<?cs var:L.monitor.audit_no ?> <?cs var:x.audit_id ?>）</small></dd><?cs /if ?>
    <dt><?cs var:L.monitor.report_body ?></dt><dd><div class="prewrap" id="report-body"><?cs var:x.body ?></div></dd>
  </dl>
</section>
<?cs if:x.status == "acknowledged" ?>
<section class="card answer">
  <h2><?cs var:L.monitor.ack_title ?> <small class="muted">（<?cs var:dja(x.ack_at) ?> <?cs var:x.ack_by ?>）</small></h2>
  <div class="prewrap" id="report-ack-note"><?cs var:x.ack_note ?></div>
</section>
<?cs elif:Can.ack ?>
<section class="card noprint">
  <h2><?cs var:L.monitor.ack_title ?></h2>
  <form method="post" action="/facility/reports/ack" class="form" id="ack-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:x.id ?>">
    <input type="hidden" name="version" value="<?cs var:x.version ?>">
    <div class="row wide"><label for="note"><?cs var:L.monitor.ack_note ?> <span class="req"><?cs var:L.monitor.required ?></span></label>
      <textarea id="note" name="note" rows="4" maxlength="2000"<?cs if:Form.err_note ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.note ?></textarea><?cs call:ferr("note") ?></div>
    <button type="submit" class="primary" id="ack-submit"><?cs var:L.monitor.ack_submit ?></button>
  </form>
</section>
<?cs else ?><p class="notice" id="report-waiting"><?cs var:L.monitor.report_waiting ?></p>
<?cs /if ?>
<?cs /with ?>
<p class="noprint"><a href="/facility/reports"><?cs var:L.monitor.back_reports ?></a></p>
<?cs include:"_foot.cs" ?>
