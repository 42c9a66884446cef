<?cs include:"_head.cs" ?>
<?cs with:i = Incident.0 ?>
<h1><?cs var:L.incident.view_title ?> <span class="mono-id" id="incident-no">#<?cs var:i.id ?></span></h1>
<?cs if:Can.forward ?><p class="notice noprint" id="next-hint"><?cs var:L.incident.hint_manager ?> <a href="#step-form"><?cs var:L.incident.hint_go ?></a></p>
<?cs elif:Can.close && Can.close_as == "operator" ?><p class="notice noprint" id="next-hint"><?cs var:L.incident.hint_operator ?> <a href="#step-form"><?cs var:L.incident.hint_go ?></a></p><?cs /if ?>
<section class="card">
  <dl class="kv" id="incident">
    <dt><?cs var:L.incident.status ?></dt><dd><span class="status status-<?cs var:i.status ?>" id="incident-status"><?cs var:L.incident.status_name[i.status] ?></span></dd>
    <dt><?cs var:L.incident.kind_label ?></dt><dd id="incident-kind"><?cs var:L.incident.kind[i.kind] ?></dd>
    <dt><?cs var:L.incident.occurred ?></dt><dd><?cs var:i.occurred ?></dd>
    <dt><?cs var:L.incident.reported_at ?></dt><dd><?cs var:dja(i.reported_at) ?></dd>
    <dt><?cs var:L.incident.reporter ?></dt><dd><?cs var:i.reporter ?>（<?cs var:i.facility ?>）</dd>
    <dt><?cs var:L.incident.terminal ?></dt><dd><?cs if:i.terminal ?><?cs var:i.terminal ?><?cs else ?><span class="muted">—</span><?cs /if ?></dd>
    <dt><?cs var:L.incident.what ?></dt><dd><div class="prewrap" id="incident-what"><?cs var:i.what ?></div></dd>
    <dt><?cs var:L.incident.done ?></dt><dd><div class="prewrap" id="incident-done"><?cs var:i.done ?></div></dd>
  </dl>
</section>
<?cs if:i.outcome ?>
<section class="card answer">
  <h2><?cs var:L.incident.outcome ?></h2>
  <div class="prewrap" id="incident-outcome"><?cs var:i.outcome ?></div>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.incident.steps ?></h2>
  <ol class="steps" id="steps">
  <?cs each:s = Steps ?>
    <li class="step step-<?cs var:s.to ?>">
      <span class="step-at"><?cs var:dja(s.at) ?></span>
      <span class="step-change"><?cs if:s.from && s.from != s.to ?><?cs var:L.incident.status_name[s.from] ?> → <?cs /if ?><strong><?cs if:s.from == s.to ?><?cs var:L.incident.note_step ?><?cs else ?><?cs var:L.incident.status_name[s.to] ?><?cs /if ?></strong></span>
      <span class="step-by"><?cs var:L.incident.step_by ?>：<?cs var:s.by ?></span>
      <?cs if:s.note ?><div class="prewrap step-note"><?cs var:s.note ?></div><?cs /if ?>
    </li>
  <?cs /each ?>
  </ol>
</section>
<?cs if:Can.note ?>
<section class="card noprint">
  <h2><?cs var:L.incident.action_title ?></h2>
  <form method="post" action="/incidents/step" class="form" id="step-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:i.id ?>">
    <input type="hidden" name="version" value="<?cs var:i.version ?>">
    <div class="row wide"><label for="note"><?cs if:Can.close_as == "operator" ?><?cs var:L.incident.note_operator ?><?cs else ?><?cs var:L.incident.note_manager ?><?cs /if ?></label>
      <textarea id="note" name="note" rows="4" maxlength="2000"<?cs if:Form.err_note ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.note ?></textarea>
      <span class="hint"><?cs if:Can.close_as == "operator" ?><?cs var:L.incident.note_hint_operator ?><?cs else ?><?cs var:L.incident.note_hint_manager ?><?cs /if ?></span><?cs call:ferr("note") ?></div>
    <div class="actions">
      <?cs if:Can.forward ?><button type="submit" class="primary" name="to" value="forwarded" id="go-forwarded"><?cs var:L.incident.go_forwarded ?></button><?cs /if ?>
      <?cs if:Can.close ?><button type="submit" class="<?cs if:Can.close_as == "operator" ?>primary<?cs else ?>button secondary<?cs /if ?>" name="to" value="closed" id="go-closed"><?cs if:Can.close_as == "operator" ?><?cs var:L.incident.go_closed_operator ?><?cs else ?><?cs var:L.incident.go_closed_manager ?><?cs /if ?></button><?cs /if ?>
      <button type="submit" class="button secondary" name="to" value="note" id="go-note"><?cs var:L.incident.go_note ?></button>
    </div>
  </form>
</section>
<?cs elif:i.status == "closed" ?><p class="note" id="closed-note"><?cs var:L.incident.closed_note ?></p>
<?cs elif:i.status == "forwarded" ?><p class="note" id="forwarded-note"><?cs var:L.incident.forwarded_note ?></p>
<?cs else ?><p class="note" id="reported-note"><?cs var:L.incident.reported_note ?></p>
<?cs /if ?>
<?cs /with ?>
<p class="noprint"><a href="/incidents"><?cs var:L.incident.back_list ?></a></p>
<?cs include:"_foot.cs" ?>
