<?cs include:"_head.cs" ?>
<h1><?cs var:L.incident.new_title ?></h1>
<p class="lead"><?cs var:L.incident.new_lead ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.incident.form_invalid ?></p><?cs /if ?>
<section class="card">
<form method="post" action="/incidents/new" class="form" id="incident-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
  <dl class="kv self" id="reporter-self">
    <dt><?cs var:L.incident.reporter ?></dt><dd><?cs var:Form.name ?></dd>
    <dt><?cs var:L.incident.facility ?></dt><dd><?cs var:Form.facility ?></dd>
    <dt><?cs var:L.incident.to ?></dt><dd><?cs var:L.incident.to_manager ?></dd>
  </dl>
  <fieldset class="row"><legend><?cs var:L.incident.kind_label ?> <span class="req"><?cs var:L.incident.required ?></span></legend>
    <?cs each:o = Opt.kind ?><label class="check"><input type="radio" name="kind" value="<?cs var:o ?>" id="kind-<?cs var:o ?>"<?cs if:Form.kind == o ?> checked<?cs /if ?>> <?cs var:L.incident.kind[o] ?></label><?cs /each ?>
    <?cs call:ferr("kind") ?></fieldset>
  <div class="row"><label for="occurred"><?cs var:L.incident.occurred ?> <span class="req"><?cs var:L.incident.required ?></span></label>
    <input type="datetime-local" id="occurred" name="occurred" max="<?cs var:Incident.max ?>" value="<?cs var:Form.occurred ?>"<?cs if:Form.err_occurred ?> class="invalid" aria-invalid="true"<?cs /if ?>>
    <span class="hint"><?cs var:L.incident.occurred_hint ?></span><?cs call:ferr("occurred") ?></div>
  <div class="row"><label for="terminal"><?cs var:L.incident.terminal ?></label>
    <input type="text" id="terminal" name="terminal" maxlength="100" value="<?cs var:Form.terminal ?>">
    <span class="hint"><?cs var:L.incident.terminal_hint ?></span></div>
  <div class="row wide"><label for="what"><?cs var:L.incident.what ?> <span class="req"><?cs var:L.incident.required ?></span></label>
    <textarea id="what" name="what" rows="6" maxlength="4000"<?cs if:Form.err_what ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.what ?></textarea>
    <span class="hint"><?cs var:L.incident.what_hint ?></span><?cs call:ferr("what") ?></div>
  <div class="row wide"><label for="done"><?cs var:L.incident.done ?> <span class="req"><?cs var:L.incident.required ?></span></label>
    <textarea id="done" name="done" rows="4" maxlength="4000"<?cs if:Form.err_done ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.done ?></textarea>
    <span class="hint"><?cs var:L.incident.done_hint ?></span><?cs call:ferr("done") ?></div>
  <button type="submit" class="primary" id="incident-submit"><?cs var:L.incident.submit ?></button>
</form>
</section>
<p><a href="/incidents"><?cs var:L.incident.back_list ?></a></p>
<?cs include:"_foot.cs" ?>
