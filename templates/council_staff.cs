<?cs include:"_head.cs" ?>
<h1><?cs var:L.council.staff_title ?></h1>
<p><?cs var:L.council.staff_lead ?></p>
<?cs if:Staff_unnotified > 0 ?><p class="warn" id="unnotified"><?cs var:L.council.unnotified_n ?> <?cs var:Staff_unnotified ?></p><?cs /if ?>
<?cs def:field(prefix, f, label, max, req) ?>
    <div class="row">
      <label for="<?cs var:prefix ?>-<?cs var:f ?>"><?cs var:label ?></label>
      <input type="text" id="<?cs var:prefix ?>-<?cs var:f ?>" name="<?cs var:f ?>" value="<?cs if:prefix == "add" ?><?cs var:Add[f] ?><?cs else ?><?cs var:Edit[f] ?><?cs /if ?>" maxlength="<?cs var:max ?>" <?cs if:req ?>required<?cs /if ?> <?cs if:(prefix == "add" && Add["err_" + f]) || (prefix == "edit" && Edit["err_" + f]) ?>class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:prefix == "add" && Add["err_" + f] ?><span class="field-error" id="err-add-<?cs var:f ?>"><?cs var:Add["err_" + f] ?></span><?cs /if ?>
      <?cs if:prefix == "edit" && Edit["err_" + f] ?><span class="field-error" id="err-edit-<?cs var:f ?>"><?cs var:Edit["err_" + f] ?></span><?cs /if ?>
    </div>
<?cs /def ?>
<?cs if:Staff_edit_allowed ?>
<?cs if:Edit.id ?>
<section class="card" id="edit-card">
  <h2><?cs var:L.council.edit ?></h2>
  <form method="post" action="/council/staff/edit" class="form" id="edit-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Edit.id ?>">
    <input type="hidden" name="version" value="<?cs var:Edit.version ?>">
    <?cs call:field("edit", "name", L.council.name, 100, 1) ?>
    <?cs call:field("edit", "title", L.council.title, 100, 1) ?>
    <?cs call:field("edit", "login", L.council.login_opt, 64, 0) ?>
    <?cs call:field("edit", "registered_on", L.council.registered_on, 10, 1) ?>
    <?cs call:field("edit", "ended_on", L.council.ended_on_opt, 10, 0) ?>
    <button type="submit" class="primary" id="edit-submit"><?cs var:L.council.save ?></button>
    <a href="/council/staff"><?cs var:L.council.cancel ?></a>
  </form>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.council.add ?></h2>
  <form method="post" action="/council/staff/add" class="form" id="add-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="token" value="<?cs var:Add.token ?>">
    <?cs call:field("add", "name", L.council.name, 100, 1) ?>
    <?cs call:field("add", "title", L.council.title, 100, 1) ?>
    <?cs call:field("add", "login", L.council.login_opt, 64, 0) ?>
    <?cs call:field("add", "registered_on", L.council.registered_on, 10, 1) ?>
    <button type="submit" class="primary" id="add-submit"><?cs var:L.council.register ?></button>
  </form>
</section>
<?cs /if ?>
<h2><?cs var:L.council.registry ?></h2>
<?cs if:Staff_n == 0 ?><p id="staff-none"><?cs var:L.council.staff_none ?></p><?cs else ?>
<table id="staff">
  <thead><tr><th><?cs var:L.council.name ?></th><th><?cs var:L.council.title ?></th><th><?cs var:L.council.login ?></th><th class="nowrap"><?cs var:L.council.registered_on ?></th><th class="nowrap"><?cs var:L.council.notified_on ?></th><th class="nowrap"><?cs var:L.council.ended_on ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:s = Staff ?>
  <tr<?cs if:s.unnotified ?> class="warn"<?cs /if ?> id="staff-<?cs var:s.id ?>">
    <td><?cs var:s.name ?></td><td><?cs var:s.title ?></td><td><?cs var:s.login ?></td>
    <td class="nowrap"><?cs var:dja(s.registered_on) ?></td>
    <td class="nowrap"><?cs if:s.notified_on ?><?cs var:dja(s.notified_on) ?><?cs elif:s.unnotified ?><?cs var:L.council.not_notified ?><?cs /if ?></td>
    <td class="nowrap"><?cs var:dja(s.ended_on) ?></td>
    <td><?cs if:Staff_edit_allowed && !s.ended_on ?>
      <a href="/council/staff?edit=<?cs var:url_escape(s.id) ?>"><?cs var:L.council.edit ?></a>
      <?cs if:!s.notified_on ?>
      <form method="post" action="/council/staff/notify" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
        <input type="hidden" name="id" value="<?cs var:s.id ?>">
        <input type="hidden" name="version" value="<?cs var:s.version ?>">
        <label class="sr" for="notified-<?cs var:s.id ?>"><?cs var:L.council.notified_on ?></label>
        <input type="text" id="notified-<?cs var:s.id ?>" name="notified_on" value="<?cs if:Notify.id == s.id ?><?cs var:Notify.value ?><?cs else ?><?cs var:Today ?><?cs /if ?>" maxlength="10" size="10" <?cs if:Notify.id == s.id ?>class="invalid" aria-invalid="true"<?cs /if ?>>
        <?cs if:Notify.id == s.id ?><span class="field-error"><?cs var:Notify.err ?></span><?cs /if ?>
        <button type="submit"><?cs var:L.council.notify ?></button>
      </form><?cs /if ?><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<h2><?cs var:L.council.history ?></h2>
<?cs if:Hist_n > 0 ?>
<table id="staff-history">
  <thead><tr><th class="nowrap"><?cs var:L.council.changed_at ?></th><th><?cs var:L.council.action ?></th><th><?cs var:L.council.name ?></th><th><?cs var:L.council.title ?></th><th><?cs var:L.council.login ?></th><th class="nowrap"><?cs var:L.council.registered_on ?></th><th class="nowrap"><?cs var:L.council.notified_on ?></th><th class="nowrap"><?cs var:L.council.ended_on ?></th><th><?cs var:L.council.changed_by ?></th></tr></thead>
  <tbody>
  <?cs each:h = Hist ?>
  <tr><td class="nowrap"><?cs var:dja(h.at) ?></td><td><?cs var:L.council["act_" + h.action] ?></td><td><?cs var:h.name ?></td><td><?cs var:h.title ?></td><td><?cs var:h.login ?></td><td class="nowrap"><?cs var:dja(h.registered_on) ?></td><td class="nowrap"><?cs var:dja(h.notified_on) ?></td><td class="nowrap"><?cs var:dja(h.ended_on) ?></td><td><?cs var:h.by ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
