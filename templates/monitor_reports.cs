<?cs include:"_head.cs" ?>
<h1><?cs var:L.monitor.reports_title ?></h1>
<p class="lead"><?cs if:Can.send ?><?cs var:L.monitor.reports_lead ?><?cs else ?><?cs var:L.monitor.reports_lead_op ?><?cs /if ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.monitor.form_invalid ?></p><?cs /if ?>
<?cs if:Can.send ?>
<section class="card noprint">
  <h2><?cs var:L.monitor.report_new ?></h2>
  <form method="post" action="/facility/reports/new" class="form" id="report-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <?cs include:"_monitor_subject.cs" ?>
    <div class="row wide"><label for="body"><?cs var:L.monitor.report_body ?> <span class="req"><?cs var:L.monitor.required ?></span></label>
      <textarea id="body" name="body" rows="6" maxlength="4000"<?cs if:Form.err_body ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea>
      <span class="hint"><?cs var:L.monitor.report_hint ?></span><?cs call:ferr("body") ?></div>
    <button type="submit" class="primary" id="report-submit"><?cs var:L.monitor.report_submit ?></button>
  </form>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.monitor.reports_list ?></h2>
  <?cs if:Reports_n == 0 ?><p id="reports-none"><?cs var:L.monitor.reports_none ?></p><?cs else ?>
  <table id="reports">
    <thead><tr><th class="nowrap"><?cs var:L.monitor.sent_at ?></th><?cs if:Can.ack ?><th><?cs var:L.monitor.facility ?></th><?cs /if ?><th><?cs var:L.monitor.user_concerned ?></th><th class="nowrap"><?cs var:L.monitor.status ?></th><th><?cs var:L.monitor.sent_by ?></th></tr></thead>
    <tbody>
    <?cs each:x = Reports ?><tr id="report-<?cs var:x.id ?>"<?cs if:x.status == "sent" && Can.ack ?> class="warn"<?cs /if ?>>
      <td class="nowrap"><a href="/facility/reports/view?id=<?cs var:url_escape(x.id) ?>"><?cs var:dja(x.at) ?></a></td>
      <?cs if:Can.ack ?><td><?cs var:x.facility ?></td><?cs /if ?>
      <td><?cs if:x.user ?><?cs var:x.user ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      <td class="nowrap"><span class="status status-<?cs var:x.status ?>"><?cs var:L.monitor.report_status[x.status] ?></span></td>
      <td><?cs var:x.by ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs if:Can.send ?><p class="noprint"><a href="/facility/access"><?cs var:L.monitor.back_access ?></a></p><?cs /if ?>
<?cs include:"_foot.cs" ?>
