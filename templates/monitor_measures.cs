<?cs include:"_head.cs" ?>
<h1><?cs var:L.monitor.measures_title ?></h1>
<p class="lead"><?cs var:L.monitor.measures_lead ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.monitor.form_invalid ?></p><?cs /if ?>
<section class="card noprint">
  <h2><?cs var:L.monitor.measure_new ?></h2>
  <form method="post" action="/facility/measures/new" class="form" id="measure-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <?cs include:"_monitor_subject.cs" ?>
    <div class="row wide"><label for="body"><?cs var:L.monitor.measure_body ?> <span class="req"><?cs var:L.monitor.required ?></span></label>
      <textarea id="body" name="body" rows="5" maxlength="4000"<?cs if:Form.err_body ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea>
      <span class="hint"><?cs var:L.monitor.measure_hint ?></span><?cs call:ferr("body") ?></div>
    <button type="submit" class="primary" id="measure-submit"><?cs var:L.monitor.measure_submit ?></button>
  </form>
</section>
<section class="card">
  <h2><?cs var:L.monitor.measures_list ?></h2>
  <?cs if:Measures_n == 0 ?><p id="measures-none"><?cs var:L.monitor.measures_none ?></p><?cs else ?>
  <table id="measures">
    <thead><tr><th class="nowrap"><?cs var:L.monitor.recorded_at ?></th><th><?cs var:L.monitor.user_concerned ?></th><th><?cs var:L.monitor.measure_body ?></th><th><?cs var:L.monitor.recorded_by ?></th></tr></thead>
    <tbody>
    <?cs each:m = Measures ?><tr id="measure-<?cs var:m.id ?>">
      <td class="nowrap"><?cs var:dja(m.at) ?></td>
      <td><?cs if:m.user ?><a href="/facility/access?user=<?cs var:url_escape(m.user_id) ?>"><?cs var:m.user ?></a><?cs else ?><span class="muted">—</span><?cs /if ?><?cs if:m.audit_id ?><br><small class="muted"><?cs var:L.monitor.subject ?>：<?cs var:dja(m.audit_at) ?> <?cs if:L.monitor.action[m.audit_action] ?><?cs var:L.monitor.action[m.audit_action] ?><?cs else ?><?cs var:m.audit_action ?><?cs /if ?><?cs if:m.audit_network_id ?>（<?cs var:L.monitor.network_id ?> <?cs var:m.audit_network_id ?>）<?cs /if ?></small><?cs /if ?></td>
      <td><div class="prewrap"><?cs var:m.body ?></div></td>
      <td><?cs var:m.by ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<p class="noprint"><a href="/facility/access"><?cs var:L.monitor.back_access ?></a></p>
<?cs include:"_foot.cs" ?>
