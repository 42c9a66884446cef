<?cs include:"_head.cs" ?>
<?cs with:a = Agreement ?>
<h1><?cs var:L.fed.view_title ?>：<span id="agreement-partner"><?cs var:a.partner ?></span></h1>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.fed.form_invalid ?></p><?cs /if ?>
<section class="card">
  <dl class="kv">
    <dt><?cs var:L.fed.status ?></dt><dd><span class="status status-<?cs var:a.status ?>" id="agreement-status"><?cs var:L.fed.status_name[a.status] ?></span></dd>
    <dt><?cs var:L.fed.signed_on ?></dt><dd id="agreement-signed"><?cs var:dja(a.signed_on) ?></dd>
    <?cs if:a.note ?><dt><?cs var:L.fed.note ?></dt><dd class="prewrap"><?cs var:a.note ?></dd><?cs /if ?>
    <dt><?cs var:L.fed.created ?></dt><dd><?cs var:dja(a.created) ?> <?cs var:a.creator ?></dd>
    <?cs if:a.updated ?><dt><?cs var:L.fed.updated ?></dt><dd><?cs var:dja(a.updated) ?> <?cs var:a.updater ?></dd><?cs /if ?>
    <?cs # Issue 21: the council decides the agreement (A19, A18): its agenda item. ?>
    <?cs if:Council.item ?><dt><?cs var:L.agenda.council ?></dt><dd id="agreement-council"><a href="/agenda/view?id=<?cs var:Council.item ?>"><?cs var:L.agenda.item_no ?><?cs var:Council.item ?></a>：<?cs var:L.agenda["status_" + Council.status] ?><?cs if:Council.decided_at ?>（<?cs if:Council.decision_kind == "sole" ?><?cs var:L.agenda.dk_sole ?><?cs else ?><?cs var:L.agenda.meeting_pre ?><?cs var:Council.meeting_number ?><?cs var:L.agenda.meeting_post ?><?cs /if ?>、<?cs var:dja(Council.decided_at) ?>）<?cs /if ?></dd><?cs /if ?>
  </dl>
</section>
<section class="card">
  <h2><?cs var:L.fed.points_title ?></h2>
  <p class="hint"><?cs var:L.fed.points_hint ?></p>
  <?cs if:a.points == "0" ?><p id="points-none"><?cs var:L.fed.points_none ?></p><?cs /if ?>
  <?cs if:Points_n > 0 ?>
  <table id="points">
    <thead><tr><th><?cs var:L.fed.topic ?></th><th><?cs var:L.fed.ours ?></th><th><?cs var:L.fed.theirs ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:p = Points ?><tr id="point-<?cs var:p.id ?>"<?cs if:p.removed ?> class="removed muted"<?cs /if ?>>
      <td><?cs if:p.removed ?><del><?cs var:p.topic ?></del><?cs else ?><?cs var:p.topic ?><?cs /if ?></td>
      <td class="prewrap"><?cs var:p.ours ?></td>
      <td class="prewrap"><?cs var:p.theirs ?></td>
      <td><?cs if:p.removed ?><?cs var:L.fed.removed ?> <?cs var:p.removed ?> <?cs var:p.removed_by ?>
        <?cs elif:Can.edit ?><form method="post" action="/federation/point/remove" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:a.id ?>"><input type="hidden" name="version" value="<?cs var:a.version ?>"><input type="hidden" name="point" value="<?cs var:p.id ?>">
          <button type="submit" class="button secondary" id="point-remove-<?cs var:p.id ?>"><?cs var:L.fed.remove ?></button></form><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:Can.edit ?>
  <form method="post" action="/federation/point/add" class="form" id="point-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:a.id ?>"><input type="hidden" name="version" value="<?cs var:a.version ?>">
    <div class="row"><label for="topic"><?cs var:L.fed.topic ?></label><input type="text" id="topic" name="topic" maxlength="200" value="<?cs var:Form.topic ?>"<?cs if:Form.err_topic ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("topic") ?></div>
    <div class="row"><label for="ours"><?cs var:L.fed.ours ?></label><textarea id="ours" name="ours" rows="2" maxlength="1000"<?cs if:Form.err_ours ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.ours ?></textarea><?cs call:ferr("ours") ?></div>
    <div class="row"><label for="theirs"><?cs var:L.fed.theirs ?></label><textarea id="theirs" name="theirs" rows="2" maxlength="1000"<?cs if:Form.err_theirs ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.theirs ?></textarea><?cs call:ferr("theirs") ?></div>
    <p class="actions"><button type="submit" class="primary" id="point-add"><?cs var:L.fed.add_point ?></button></p>
  </form>
  <?cs /if ?>
</section>
<?cs if:Can.edit ?>
<section class="card">
  <h2><?cs var:L.fed.edit_title ?></h2>
  <form method="post" action="/federation/edit" class="form" id="edit-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:a.id ?>"><input type="hidden" name="version" value="<?cs var:a.version ?>">
    <div class="row"><label for="partner"><?cs var:L.fed.partner ?></label><input type="text" id="partner" name="partner" maxlength="200" value="<?cs if:Form.kept ?><?cs var:Form.partner ?><?cs else ?><?cs var:a.partner ?><?cs /if ?>"<?cs if:Form.err_partner ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("partner") ?></div>
    <div class="row"><label for="signed_on"><?cs var:L.fed.signed_on ?></label><input type="date" id="signed_on" name="signed_on" value="<?cs if:Form.kept ?><?cs var:Form.signed_on ?><?cs else ?><?cs var:a.signed_on ?><?cs /if ?>"<?cs if:Form.err_signed_on ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("signed_on") ?></div>
    <div class="row"><label for="status"><?cs var:L.fed.status ?></label>
      <select id="status" name="status"<?cs if:Form.err_status ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.kept ?><?cs set:cur = Form.status ?><?cs else ?><?cs set:cur = a.status ?><?cs /if ?>
      <?cs each:s = L.fed.status_name ?><option value="<?cs name:s ?>"<?cs if:cur == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
      </select><?cs call:ferr("status") ?></div>
    <div class="row"><label for="enote"><?cs var:L.fed.note ?></label><textarea id="enote" name="note" rows="3" maxlength="2000"><?cs if:Form.kept ?><?cs var:Form.note ?><?cs else ?><?cs var:a.note ?><?cs /if ?></textarea></div>
    <p class="actions"><button type="submit" class="primary" id="agreement-save"><?cs var:L.fed.save ?></button></p>
  </form>
</section>
<?cs /if ?>
<?cs /with ?>
<p><a href="/federation"><?cs var:L.fed.back ?></a></p>
<?cs include:"_foot.cs" ?>
