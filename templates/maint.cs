<?cs include:"_head.cs" ?>
<h1><?cs var:L.maint.title ?></h1>
<?cs if:Can.edit ?>
<section class="card">
  <h2><?cs var:L.maint.unplanned ?></h2>
  <p class="hint"><?cs var:L.maint.unplanned_hint ?></p>
  <form method="post" action="/admin/maintenance/switch" class="inline-form" id="maint-on">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="on" value="1">
    <div class="row"><label for="u-title"><?cs var:L.maint.what ?></label><input type="text" id="u-title" name="title" maxlength="200" placeholder="<?cs var:L.maint.unplanned_default ?>"></div>
    <button type="submit" class="danger" id="maint-on-submit"><?cs var:L.maint.switch_on ?></button>
  </form>
  <form method="post" action="/admin/maintenance/switch" class="inline-form" id="maint-off">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="on" value="0">
    <button type="submit" class="primary" id="maint-off-submit"><?cs var:L.maint.switch_off ?></button>
  </form>
</section>
<section class="card">
  <h2><?cs var:L.maint.plan ?></h2>
  <form method="post" action="/admin/maintenance/new" class="form" id="maint-new">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row"><label for="m-title"><?cs var:L.maint.what ?></label>
      <input type="text" id="m-title" name="title" value="<?cs var:Form.title ?>" maxlength="200" required<?cs if:Form.err_title ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("title") ?></div>
    <div class="row"><label for="m-starts"><?cs var:L.maint.starts ?></label>
      <input type="datetime-local" id="m-starts" name="starts" value="<?cs var:Form.starts ?>" required<?cs if:Form.err_starts ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("starts") ?></div>
    <div class="row"><label for="m-ends"><?cs var:L.maint.ends ?></label>
      <input type="datetime-local" id="m-ends" name="ends" value="<?cs var:Form.ends ?>" required<?cs if:Form.err_ends ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("ends") ?></div>
    <div class="row"><label for="m-days"><?cs var:L.maint.announce_days ?></label>
      <input type="number" id="m-days" name="announce_days" value="<?cs var:Form.announce_days ?>" min="0" max="90" required<?cs if:Form.err_announce_days ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("announce_days") ?></div>
    <button type="submit" class="primary" id="maint-new-submit"><?cs var:L.maint.do_plan ?></button>
  </form>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.maint.list ?></h2>
  <?cs if:Windows_n == 0 ?><p><?cs var:L.maint.none ?></p><?cs else ?>
  <table id="windows">
    <thead><tr><th><?cs var:L.maint.what ?></th><th><?cs var:L.maint.kind ?></th><th><?cs var:L.maint.starts ?></th><th><?cs var:L.maint.ends ?></th><th><?cs var:L.maint.announce ?></th><th><?cs var:L.maint.state ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:w = Windows ?><tr id="window-<?cs var:w.id ?>"<?cs if:w.state == "running" ?> class="warn"<?cs /if ?>><td><?cs var:w.title ?></td><td><?cs var:L.maint.kinds[w.kind] ?></td><td class="nowrap"><?cs var:dja(w.starts) ?></td><td class="nowrap"><?cs if:w.ends ?><?cs var:dja(w.ends) ?><?cs else ?><?cs var:L.maint.until_off ?><?cs /if ?></td><td class="nowrap"><?cs var:w.announce ?></td><td><?cs var:L.maint.states[w.state] ?></td>
      <td><?cs if:Can.edit && w.kind == "planned" && w.state == "planned" ?><form method="post" action="/admin/maintenance/cancel" class="inline"><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:w.id ?>"><input type="hidden" name="version" value="<?cs var:w.version ?>"><button type="submit"><?cs var:L.maint.cancel ?></button></form><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
