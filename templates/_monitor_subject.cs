<?cs # the subject of a measure or a report; stands alone (test_render renders every file) ?>
<?cs if:Subject.id ?><dl class="kv" id="subject">
  <dt><?cs var:L.monitor.subject ?></dt><dd>#<?cs var:Subject.id ?> <?cs var:dja(Subject.at) ?> <?cs var:Subject.user ?> <?cs if:L.monitor.action[Subject.action] ?><?cs var:L.monitor.action[Subject.action] ?><?cs else ?><?cs var:Subject.action ?><?cs /if ?><?cs if:Subject.network_id ?>（<?cs var:L.monitor.network_id ?> <?cs var:Subject.network_id ?>）<?cs /if ?></dd>
</dl><input type="hidden" name="audit" value="<?cs var:Subject.id ?>"><?cs elif:Form.audit ?><input type="hidden" name="audit" value="<?cs var:Form.audit ?>"><?cs if:Form.err_audit ?><span class="field-error" id="err-audit"><?cs var:Form.err_audit ?></span><?cs /if ?><?cs /if ?>
<div class="row"><label for="user"><?cs var:L.monitor.user_concerned ?></label>
  <select id="user" name="user"<?cs if:Form.err_user ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.monitor.user_none ?></option>
  <?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:Form.user == u.id ?> selected<?cs /if ?>><?cs var:u.name ?>（<?cs var:u.login ?>）</option><?cs /each ?>
  </select><?cs if:Form.err_user ?><span class="field-error" id="err-user"><?cs var:Form.err_user ?></span><?cs /if ?></div>
