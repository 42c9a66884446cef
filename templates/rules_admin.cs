<?cs # rules_admin.cs: the operator's rules page: versions, loading one, who has not acknowledged (A11.1, A19). ?>
<?cs include:"_head.cs" ?>
<h1><?cs var:L.rulebook.admin_title ?></h1>
<section class="card" id="rules-versions">
  <h2><?cs var:L.rulebook.versions ?></h2>
  <?cs if:subcount(Versions) == 0 ?><p id="rules-none"><?cs var:L.rulebook.none ?></p><?cs else ?>
  <div class="table-wrap"><table>
    <thead><tr><th scope="col"><?cs var:L.rulebook.seq ?></th><th scope="col"><?cs var:L.rulebook.vtitle ?></th><th scope="col"><?cs var:L.rulebook.effective_on ?></th><th scope="col"><?cs var:L.rulebook.source ?></th><th scope="col"><?cs var:L.rulebook.acked ?></th></tr></thead>
    <tbody>
    <?cs each:v = Versions ?><tr id="version-<?cs var:v.seq ?>"><td><a href="/admin/rules?v=<?cs var:v.id ?>"><?cs var:L.rulebook.seq_pre ?><?cs var:v.seq ?><?cs var:L.rulebook.seq_post ?></a><?cs if:v.in_force ?> <strong class="ok-text"><?cs var:L.rulebook.in_force ?></strong><?cs elif:v.future ?> <strong class="warn-text"><?cs var:L.rulebook.future ?></strong><?cs /if ?></td>
      <td><a href="/rules?v=<?cs var:v.id ?>"><?cs var:v.title ?></a></td><td><?cs var:v.effective_on ?></td>
      <td><?cs var:L.rulebook["src_" + v.source] ?><?cs if:v.agenda_item ?>（<a href="/agenda/view?id=<?cs var:v.agenda_item ?>"><?cs var:L.rulebook.item ?></a>）<?cs /if ?></td><td><?cs var:v.acked ?></td></tr><?cs /each ?>
    </tbody></table></div>
  <?cs /if ?>
</section>
<?cs if:Rules.id ?>
<section class="card" id="rules-not-acked">
  <h2><?cs var:L.rulebook.seq_pre ?><?cs var:Rules.seq ?><?cs var:L.rulebook.seq_post ?> <?cs var:L.rulebook.not_acked_title ?></h2>
  <p id="rules-count"><?cs var:L.rulebook.count_pre ?> <strong><?cs var:Count.users ?></strong><?cs var:L.rulebook.count_mid ?> <strong id="rules-acked-n"><?cs var:Count.acked ?></strong><?cs var:L.rulebook.count_post ?></p>
  <?cs if:NotAcked_n == 0 ?><p id="not-acked-none"><?cs var:L.rulebook.all_acked ?></p><?cs else ?>
  <div class="table-wrap"><table id="not-acked">
    <thead><tr><th scope="col"><?cs var:L.rulebook.facility ?></th><th scope="col"><?cs var:L.rulebook.login ?></th><th scope="col"><?cs var:L.rulebook.name ?></th><th scope="col"><?cs var:L.rulebook.roles ?></th><th scope="col"><?cs var:L.rulebook.last_login ?></th></tr></thead>
    <tbody>
    <?cs each:u = NotAcked ?><tr><td><?cs var:u.facility ?></td><td><?cs var:u.login ?></td><td><?cs var:u.name ?></td><td><?cs var:u.roles ?></td><td><?cs if:u.last_login ?><?cs var:u.last_login ?><?cs else ?><?cs var:L.rulebook.never ?><?cs /if ?></td></tr><?cs /each ?>
    </tbody></table></div>
  <?cs if:NotAcked_more ?><p class="hint"><?cs var:L.rulebook.more ?></p><?cs /if ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Session.role.operator ?>
<section class="card" id="rules-load">
  <h2><?cs var:L.rulebook.load_title ?></h2>
  <p class="hint"><?cs var:L.rulebook.load_note ?></p>
  <?cs if:Form.invalid ?><p class="error-box" role="alert"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
  <form method="post" action="/admin/rules/load" enctype="multipart/form-data" class="form" id="rules-load-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <div class="row wide"><label for="title"><?cs var:L.rulebook.vtitle ?></label>
      <input type="text" id="title" name="title" maxlength="200" value="<?cs var:Form.title ?>"><?cs call:ferr("title") ?></div>
    <div class="row"><label for="effective_on"><?cs var:L.rulebook.effective_on ?></label>
      <input type="date" id="effective_on" name="effective_on" value="<?cs var:Form.effective_on ?>"><?cs call:ferr("effective_on") ?></div>
    <div class="row wide"><label for="body"><?cs var:L.rulebook.body ?></label>
      <textarea id="body" name="body" rows="10"><?cs var:Form.body ?></textarea>
      <label for="body_file" class="hint"><?cs var:L.rulebook.or_file ?></label><input type="file" id="body_file" name="body_file" accept=".txt,text/plain"><?cs call:ferr("body") ?></div>
    <div class="row wide"><label for="handling"><?cs var:L.rulebook.handling ?></label>
      <textarea id="handling" name="handling" rows="6"><?cs var:Form.handling ?></textarea>
      <label for="handling_file" class="hint"><?cs var:L.rulebook.or_file ?></label><input type="file" id="handling_file" name="handling_file" accept=".txt,text/plain"><span class="hint"><?cs var:L.rulebook.handling_keep ?></span><?cs call:ferr("handling") ?></div>
    <button type="submit" class="primary" id="rules-load-submit"><?cs var:L.rulebook.load ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
