<?cs # agenda.cs: the council's agenda items (A19) and the form for a new one. ?>
<?cs include:"_head.cs" ?>
<h1><?cs var:L.agenda.title ?></h1>
<p class="hint"><?cs var:L.agenda.lead ?></p>
<section class="card" id="agenda-items">
  <?cs if:subcount(Items) == 0 ?><p id="items-none"><?cs var:L.agenda.none ?></p><?cs else ?>
  <div class="table-wrap"><table id="items">
    <thead><tr><th scope="col"><?cs var:L.agenda.item_no ?></th><th scope="col"><?cs var:L.agenda.kind ?></th><th scope="col"><?cs var:L.agenda.item_title ?></th><th scope="col"><?cs var:L.agenda.status ?></th><th scope="col"><?cs var:L.agenda.filed ?></th></tr></thead>
    <tbody>
    <?cs each:i = Items ?><tr id="item-<?cs var:i.id ?>"<?cs if:i.status == "pending" ?> class="warn"<?cs /if ?>><td><?cs var:i.id ?></td><td><?cs var:L.agenda["kind_" + i.kind] ?></td>
      <td><a href="/agenda/view?id=<?cs var:i.id ?>"><?cs var:i.title ?></a></td>
      <td><?cs var:L.agenda["status_" + i.status] ?><?cs if:i.decision_kind == "sole" ?>（<?cs var:L.agenda.dk_sole ?>）<?cs elif:i.meeting_number ?>（<?cs var:L.agenda.meeting_pre ?><?cs var:i.meeting_number ?><?cs var:L.agenda.meeting_post ?>）<?cs /if ?><?cs if:i.status == "pending" && i.continued > 0 ?>・<?cs var:L.agenda.continued_mark ?><?cs /if ?></td>
      <td class="nowrap"><?cs var:i.created ?></td></tr><?cs /each ?>
    </tbody></table></div>
  <?cs /if ?>
</section>
<?cs if:Session.role.president || Session.role.operator ?>
<section class="card" id="agenda-new">
  <h2><?cs var:L.agenda.new_title ?></h2>
  <?cs if:Form.invalid ?><p class="error-box" role="alert"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
  <form method="post" action="/agenda/new" enctype="multipart/form-data" class="form" id="agenda-new-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <fieldset class="row"><legend><?cs var:L.agenda.kind ?></legend>
      <label><input type="radio" name="kind" value="matter" id="kind-matter"<?cs if:Form.kind != "amendment" ?> checked<?cs /if ?>> <?cs var:L.agenda.kind_matter ?></label>
      <label><input type="radio" name="kind" value="amendment" id="kind-amendment"<?cs if:Form.kind == "amendment" ?> checked<?cs /if ?>> <?cs var:L.agenda.kind_amendment ?></label></fieldset>
    <div class="row wide"><label for="title"><?cs var:L.agenda.item_title ?></label>
      <input type="text" id="title" name="title" maxlength="200" value="<?cs var:Form.title ?>"><?cs call:ferr("title") ?></div>
    <div class="row wide"><label for="explanation"><?cs var:L.agenda.explanation ?></label>
      <textarea id="explanation" name="explanation" rows="5" maxlength="4000"><?cs var:Form.explanation ?></textarea><span class="hint"><?cs var:L.agenda.explanation_hint ?></span><?cs call:ferr("explanation") ?></div>
    <div class="row wide"><label for="attachment"><?cs var:L.agenda.attachment ?></label>
      <input type="file" id="attachment" name="attachment" accept="application/pdf,image/png,image/jpeg"><span class="hint"><?cs var:L.agenda.attachment_hint ?></span><?cs call:ferr("attachment") ?></div>
    <fieldset class="row wide amend-fields"><legend><?cs var:L.agenda.amend_legend ?></legend>
      <p class="hint"><?cs var:L.agenda.amend_hint ?></p>
      <div class="row"><label for="amend_effective_on"><?cs var:L.agenda.amend_effective_on ?></label>
        <input type="date" id="amend_effective_on" name="amend_effective_on" value="<?cs var:Form.amend_effective_on ?>"><?cs call:ferr("amend_effective_on") ?></div>
      <div class="row wide"><label for="amend_body"><?cs var:L.agenda.amend_body ?></label>
        <textarea id="amend_body" name="amend_body" rows="10"><?cs var:Form.amend_body ?></textarea>
        <label for="amend_file" class="hint"><?cs var:L.rulebook.or_file ?></label><input type="file" id="amend_file" name="amend_file" accept=".txt,text/plain"><?cs call:ferr("amend_body") ?></div>
      <div class="row wide"><label for="amend_handling"><?cs var:L.agenda.amend_handling ?></label>
        <textarea id="amend_handling" name="amend_handling" rows="4"><?cs var:Form.amend_handling ?></textarea><span class="hint"><?cs var:L.rulebook.handling_keep ?></span><?cs call:ferr("amend_handling") ?></div>
    </fieldset>
    <button type="submit" class="primary" id="agenda-submit"><?cs var:L.agenda.create ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
