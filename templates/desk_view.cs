<?cs include:"_head.cs" ?>
<?cs with:c = Complaint.0 ?>
<h1><?cs var:L.desk.view_title ?> <span class="mono-id" id="receipt-no"><?cs var:c.receipt_no ?></span></h1>
<?cs if:c.overdue == "1" ?><p class="error-box" role="alert" id="overdue-flag"><strong><?cs var:L.desk.overdue ?></strong>：<?cs var:L.desk.due_on ?> <?cs var:dja(c.due_on) ?></p><?cs /if ?>
<?cs if:Desk.staff && Desk.next ?><p class="notice noprint" id="next-hint"><?cs var:L.desk["hint_" + c.status] ?><?cs if:c.status != "answered" ?>（<?cs var:L.desk.due_on ?> <?cs var:dja(c.due_on) ?>）<?cs /if ?> <a href="#step-form"><?cs var:L.desk.hint_go ?></a></p><?cs /if ?>
<section class="card">
  <dl class="kv" id="complaint">
    <dt><?cs var:L.desk.status ?></dt><dd><span class="status status-<?cs var:c.status ?>" id="complaint-status"><?cs var:L.desk.status_name[c.status] ?></span></dd>
    <dt><?cs var:L.desk.received_at ?></dt><dd><?cs var:dja(c.received_at) ?><?cs if:Desk.staff ?>（<?cs var:L.desk.received_by ?>：<?cs var:c.received_by ?>）<?cs /if ?></dd>
    <dt><?cs var:L.desk.due_on ?></dt><dd id="complaint-due"><?cs var:dja(c.due_on) ?><?cs if:c.overdue == "1" ?> <strong class="overdue-flag"><?cs var:L.desk.overdue ?></strong><?cs /if ?></dd>
    <dt><?cs var:L.desk.from ?></dt><dd><?cs var:L.desk.kind[c.kind] ?></dd>
    <dt><?cs var:L.desk.name ?></dt><dd id="complaint-name"><?cs var:c.name ?></dd>
    <?cs if:c.facility ?><dt><?cs var:L.desk.facility ?></dt><dd><?cs var:c.facility ?></dd><?cs /if ?>
    <dt><?cs var:L.desk.contact_kind ?></dt><dd><?cs var:L.desk.contact_kinds[c.contact_kind] ?><?cs if:c.contact ?>：<?cs var:c.contact ?><?cs /if ?></dd>
    <dt><?cs var:L.desk.channel ?></dt><dd><?cs var:L.desk.channel_name[c.channel] ?></dd>
    <dt><?cs var:L.desk.category ?></dt><dd id="complaint-category"><?cs var:L.desk.cat[c.category] ?></dd>
    <dt><?cs var:L.desk.assignee ?></dt><dd id="complaint-assignee"><?cs if:c.assignee ?><?cs var:c.assignee ?><?cs else ?><span class="muted"><?cs var:L.desk.assignee_none ?></span><?cs /if ?></dd>
    <dt><?cs var:L.desk.contents ?></dt><dd><div class="prewrap" id="complaint-contents"><?cs var:c.contents ?></div></dd>
  </dl>
  <p class="actions noprint"><a class="button secondary" href="/desk/complaints/receipt?id=<?cs var:url_escape(c.id) ?>" id="receipt-link"><?cs var:L.desk.receipt_open ?></a></p>
</section>
<?cs if:c.answer ?>
<section class="card answer">
  <h2><?cs var:L.desk.answer ?><?cs if:c.answered_at ?> <small class="muted">（<?cs var:dja(c.answered_at) ?>）</small><?cs /if ?></h2>
  <div class="prewrap" id="complaint-answer"><?cs var:c.answer ?></div>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.desk.steps ?></h2>
  <?cs if:Steps_n == 0 ?><p><?cs var:L.desk.none_yet ?></p><?cs else ?>
  <ol class="steps" id="steps">
  <?cs each:s = Steps ?>
    <li class="step step-<?cs var:s.to ?>">
      <span class="step-at"><?cs var:dja(s.at) ?></span>
      <span class="step-change"><?cs if:s.from && s.from != s.to ?><?cs var:L.desk.status_name[s.from] ?> → <?cs /if ?><strong><?cs var:L.desk.status_name[s.to] ?></strong></span>
      <?cs if:Desk.staff || Session.role.president ?><span class="step-by"><?cs var:L.desk.step_by ?>：<?cs var:s.by ?></span><?cs /if ?>
      <?cs if:s.assignee ?><span class="step-assignee"><?cs var:L.desk.assignee ?>：<?cs var:s.assignee ?></span><?cs /if ?>
      <?cs if:s.note && (Desk.staff || Session.role.president) ?><div class="prewrap step-note"><?cs var:s.note ?></div><?cs /if ?>
      <?cs if:s.answer ?><div class="prewrap step-answer"><strong><?cs var:L.desk.answer ?>：</strong><?cs var:s.answer ?></div><?cs /if ?>
    </li>
  <?cs /each ?>
  </ol>
  <?cs /if ?>
</section>
<?cs if:Desk.staff ?>
<?cs if:c.status == "closed" ?><p class="note" id="closed-note"><?cs var:L.desk.closed_note ?></p><?cs else ?>
<section class="card noprint">
  <h2><?cs var:L.desk.action_title ?></h2>
  <form method="post" action="/desk/complaints/step" class="form" id="step-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:c.id ?>">
    <input type="hidden" name="version" value="<?cs var:c.version ?>">
    <?cs if:Desk.next == "answered" ?>
    <div class="row wide"><label for="answer"><?cs var:L.desk.answer_label ?></label>
      <textarea id="answer" name="answer" rows="6" maxlength="4000"<?cs if:Form.err_answer ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.answer ?></textarea><?cs call:ferr("answer") ?></div>
    <?cs /if ?>
    <div class="row wide"><label for="note"><?cs var:L.desk.note ?></label>
      <textarea id="note" name="note" rows="3" maxlength="2000"<?cs if:Form.err_note ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.note ?></textarea><?cs call:ferr("note") ?></div>
    <div class="row"><label for="assignee"><?cs var:L.desk.assignee ?></label>
      <select id="assignee" name="assignee"<?cs if:Form.err_assignee ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.assignee_none ?></option>
      <?cs each:a = Assignees ?><option value="<?cs var:a.id ?>"<?cs if:Form.assignee == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
      </select><?cs call:ferr("assignee") ?></div>
    <div class="actions">
      <?cs if:Desk.next ?><button type="submit" class="primary" name="to" value="<?cs var:Desk.next ?>" id="go-<?cs var:Desk.next ?>"><?cs var:L.desk["go_" + Desk.next] ?></button><?cs /if ?>
      <button type="submit" class="button secondary" name="to" value="note" id="go-note"><?cs var:L.desk.action_note_only ?></button>
    </div>
  </form>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs /with ?>
<p class="noprint"><a href="/desk/complaints"><?cs var:L.desk.back_list ?></a></p>
<?cs include:"_foot.cs" ?>
