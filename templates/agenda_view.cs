<?cs # agenda_view.cs: one agenda item (A19): what it asks, what each meeting said and resolved, the decision. ?>
<?cs include:"_head.cs" ?>
<?cs with:i = Item ?>
<h1><?cs var:L.agenda.item_no ?><?cs var:i.id ?>：<span id="item-title"><?cs var:i.title ?></span></h1>
<section class="card">
  <dl class="kv" id="item">
    <dt><?cs var:L.agenda.kind ?></dt><dd><?cs var:L.agenda["kind_" + i.kind] ?></dd>
    <dt><?cs var:L.agenda.status ?></dt><dd id="item-status"><?cs var:L.agenda["status_" + i.status] ?><?cs if:i.decision_kind == "sole" ?>（<?cs var:L.agenda.dk_sole ?><?cs if:i.reported == "1" ?>・<?cs var:L.agenda.reported ?><?cs var:L.agenda.meeting_pre ?><?cs var:i.meeting_number ?><?cs var:L.agenda.meeting_post ?><?cs /if ?>）<?cs elif:i.decision_kind == "meeting" ?>（<?cs var:L.agenda.meeting_pre ?><?cs var:i.meeting_number ?><?cs var:L.agenda.meeting_post ?>、<?cs var:i.meeting_held_on ?>）<?cs /if ?></dd>
    <?cs if:i.explanation ?><dt><?cs var:L.agenda.explanation ?></dt><dd class="prewrap" id="item-explanation"><?cs var:i.explanation ?></dd><?cs /if ?>
    <?cs if:i.partner ?><dt><?cs var:L.agenda.agreement ?></dt><dd><a href="/federation/view?id=<?cs var:i.agreement ?>"><?cs var:i.partner ?></a></dd><?cs /if ?>
    <?cs if:i.misuse_report ?><dt><?cs var:L.agenda.misuse_report ?></dt><dd><a href="/misuse/reports#report-<?cs var:i.misuse_report ?>"><?cs var:i.misuse_user ?>（<?cs var:i.misuse_login ?>）</a></dd><?cs /if ?>
    <?cs if:i.kind == "amendment" ?><dt><?cs var:L.agenda.amend_effective_on ?></dt><dd id="item-effective"><?cs var:i.amend_effective_on ?></dd>
    <?cs if:i.rules_version ?><dt><?cs var:L.agenda.rules_made ?></dt><dd id="item-rules"><a href="/rules?v=<?cs var:i.rules_version ?>"><?cs var:L.rulebook.seq_pre ?><?cs var:i.rules_seq ?><?cs var:L.rulebook.seq_post ?></a></dd><?cs /if ?><?cs /if ?>
    <?cs if:i.decided_at ?><dt><?cs var:L.agenda.decided ?></dt><dd><?cs var:i.decider ?>（<?cs var:i.decided_at ?>）</dd><?cs /if ?>
    <?cs if:i.sole_reason ?><dt><?cs var:L.agenda.sole_reason ?></dt><dd class="prewrap"><?cs var:i.sole_reason ?></dd><?cs /if ?>
    <?cs if:i.decision_note ?><dt><?cs var:L.agenda.note ?></dt><dd class="prewrap"><?cs var:i.decision_note ?></dd><?cs /if ?>
    <dt><?cs var:L.agenda.filed ?></dt><dd><?cs var:i.creator ?>（<?cs var:i.created_at ?>）</dd>
  </dl>
  <?cs if:i.kind == "amendment" ?><h2><?cs var:L.agenda.amend_body ?></h2><div class="rules-text rules-scroll" id="item-amend-body"><?cs var:i.amend_body ?></div>
  <?cs if:i.amend_handling ?><h2><?cs var:L.agenda.amend_handling ?></h2><div class="rules-text rules-scroll"><?cs var:i.amend_handling ?></div><?cs /if ?><?cs /if ?>
</section>
<?cs if:subcount(Attachments) > 0 ?>
<section class="card"><h2><?cs var:L.agenda.attachments ?></h2>
  <ul id="attachments"><?cs each:a = Attachments ?><li><a href="/agenda/attachment?id=<?cs var:a.id ?>"><?cs var:a.filename ?></a> <span class="muted">（<?cs var:a.ctype ?>、<?cs var:a.size ?> <?cs var:L.agenda.bytes ?>、SHA-256 <span class="mono"><?cs var:a.sha256 ?></span>）</span></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="card"><h2><?cs var:L.agenda.hearings ?></h2>
  <?cs if:subcount(Hearings) == 0 ?><p id="hearings-none"><?cs var:L.agenda.hearings_none ?></p><?cs else ?>
  <ol id="hearings"><?cs each:h = Hearings ?><li><a href="/meetings/view?id=<?cs var:h.meeting ?>"><?cs var:L.agenda.meeting_pre ?><?cs var:h.number ?><?cs var:L.agenda.meeting_post ?>（<?cs var:h.held_on ?>）</a>：<strong><?cs var:L.agenda["res_" + h.resolution] ?></strong><?cs if:h.discussion ?><div class="prewrap"><?cs var:h.discussion ?></div><?cs /if ?></li><?cs /each ?></ol>
  <?cs /if ?>
</section>
<?cs if:i.status == "pending" && (Session.role.president || Session.role.operator) ?>
<section class="card" id="resolve-card">
  <h2><?cs var:L.agenda.resolve_title ?></h2>
  <?cs if:subcount(Planned) == 0 ?><p><?cs var:L.agenda.no_planned ?> <a href="/meetings"><?cs var:L.council.meetings_new ?></a></p><?cs else ?>
  <form method="post" action="/agenda/resolve" class="form" id="resolve-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:i.id ?>">
    <input type="hidden" name="version" value="<?cs var:i.version ?>">
    <div class="row"><label for="meeting"><?cs var:L.council.meeting ?></label>
      <select id="meeting" name="meeting"><?cs each:m = Planned ?><option value="<?cs var:m.id ?>"<?cs if:Form.meeting == m.id ?> selected<?cs /if ?>><?cs var:L.agenda.meeting_pre ?><?cs var:m.number ?><?cs var:L.agenda.meeting_post ?>（<?cs var:m.held_on ?>）</option><?cs /each ?></select><?cs call:ferr("meeting") ?></div>
    <div class="row wide"><label for="discussion"><?cs var:L.agenda.discussion ?></label>
      <textarea id="discussion" name="discussion" rows="4" maxlength="4000"><?cs var:Form.discussion ?></textarea></div>
    <fieldset class="row"><legend><?cs var:L.agenda.resolution ?></legend>
      <label><input type="radio" name="resolution" value="approved"> <?cs var:L.agenda.res_approved ?></label>
      <label><input type="radio" name="resolution" value="rejected"> <?cs var:L.agenda.res_rejected ?></label>
      <label><input type="radio" name="resolution" value="continued"> <?cs var:L.agenda.res_continued ?></label><?cs call:ferr("resolution") ?></fieldset>
    <?cs if:i.kind == "amendment" ?><p class="hint"><?cs var:L.agenda.amend_on_approval ?></p><?cs /if ?>
    <button type="submit" class="primary" id="resolve-submit"><?cs var:L.council.record ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:i.status == "pending" && Session.role.president ?>
<section class="card" id="sole-card">
  <h2><?cs var:L.agenda.sole_title ?></h2>
  <p><?cs var:L.agenda.sole_note ?></p>
  <form method="post" action="/agenda/sole" class="form" id="agenda-sole-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:i.id ?>">
    <input type="hidden" name="version" value="<?cs var:i.version ?>">
    <fieldset class="row"><legend><?cs var:L.council.decision ?></legend>
      <label><input type="radio" name="decision" value="approved"> <?cs var:L.agenda.res_approved ?></label>
      <label><input type="radio" name="decision" value="rejected"> <?cs var:L.agenda.res_rejected ?></label><?cs call:ferr("decision") ?></fieldset>
    <div class="row wide"><label for="sole_reason"><?cs var:L.agenda.sole_reason ?></label>
      <textarea id="sole_reason" name="sole_reason" rows="3" maxlength="1000"><?cs var:Form.sole_reason ?></textarea><?cs call:ferr("sole_reason") ?></div>
    <div class="row wide"><label for="note"><?cs var:L.agenda.note ?></label>
      <textarea id="note" name="note" rows="2" maxlength="2000"><?cs var:Form.note ?></textarea></div>
    <button type="submit" class="primary" id="agenda-sole-submit"><?cs var:L.council.record ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:i.status == "pending" && (Session.role.president || Session.role.operator) ?>
<section class="card" id="attach-card">
  <h2><?cs var:L.agenda.attach_title ?></h2>
  <form method="post" action="/agenda/attach" enctype="multipart/form-data" class="form" id="attach-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:i.id ?>">
    <div class="row"><label for="attachment"><?cs var:L.agenda.attachment ?></label>
      <input type="file" id="attachment" name="attachment" accept="application/pdf,image/png,image/jpeg"><?cs call:ferr("attachment") ?></div>
    <button type="submit" class="button secondary" id="attach-submit"><?cs var:L.agenda.attach ?></button>
  </form>
</section>
<?cs /if ?>
<?cs /with ?>
<p><a href="/agenda"><?cs var:L.agenda.title ?></a></p>
<?cs include:"_foot.cs" ?>
