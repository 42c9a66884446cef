<?cs include:"_head.cs" ?>
<h1><?cs var:L.sources.title ?></h1>
<p><a href="/admin/imports"><?cs var:L.imports.title ?></a></p>
<?cs if:Src.id && Session.role.operator ?>
<section class="card" id="source-edit">
  <h2><?cs var:Src.code ?> <?cs var:Src.name ?></h2>
  <?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
  <form method="post" action="/admin/imports/sources" class="form" id="source-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="facility" value="<?cs var:Src.id ?>">
    <input type="hidden" name="version" value="<?cs if:Src.version ?><?cs var:Src.version ?><?cs else ?>0<?cs /if ?>">
    <div class="row wide"><label for="root_dir"><?cs var:L.sources.root_dir ?></label>
      <input type="text" id="root_dir" name="root_dir" maxlength="499" class="mono" value="<?cs var:Form.root_dir ?>"><span class="hint"><?cs var:L.sources.dir_hint ?></span><?cs call:ferr("root_dir") ?></div>
    <div class="row wide"><label for="ext_dir"><?cs var:L.sources.ext_dir ?></label>
      <input type="text" id="ext_dir" name="ext_dir" maxlength="499" class="mono" value="<?cs var:Form.ext_dir ?>"><?cs call:ferr("ext_dir") ?></div>
    <div class="row"><label><input type="checkbox" name="enabled" value="1" id="enabled"<?cs if:Form.enabled == "1" ?> checked<?cs /if ?>> <?cs var:L.sources.enabled ?></label></div>
    <div class="row"><label for="stale_days"><?cs var:L.sources.stale_days ?></label>
      <input type="text" id="stale_days" name="stale_days" maxlength="2" inputmode="numeric" value="<?cs var:Form.stale_days ?>"><?cs call:ferr("stale_days") ?></div>
    <div class="actions"><button type="submit" class="primary" id="source-save"><?cs var:L.office.save ?></button>
      <a class="button secondary" href="/admin/imports/sources"><?cs var:L.office.cancel ?></a></div>
  </form>
</section>
<?cs /if ?>
<section class="card">
  <p class="hint"><?cs var:L.sources.lead ?></p>
  <?cs if:Sources_n == 0 ?><p id="sources-none"><?cs var:L.sources.none ?></p><?cs else ?>
  <div class="tablewrap"><table id="sources">
    <thead><tr><th><?cs var:L.imports.facility ?></th><th><?cs var:L.sources.folders ?></th><th class="nowrap"><?cs var:L.sources.last_run ?></th><th class="nowrap"><?cs var:L.sources.counts ?></th><th class="nowrap"><?cs var:L.imports.arrived ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:s = Sources ?><tr id="source-<?cs var:s.code ?>"<?cs if:s.stale ?> class="warn"<?cs /if ?>>
      <td><?cs var:s.code ?> <?cs var:s.name ?><br><?cs if:!s.root_dir ?><span class="muted"><?cs var:L.sources.unset ?></span><?cs elif:s.enabled == "1" ?><span class="status status-answered"><?cs var:L.sources.on ?></span><?cs else ?><span class="status status-closed"><?cs var:L.sources.off ?></span><?cs /if ?></td>
      <td><?cs if:s.root_dir ?><code><?cs var:s.root_dir ?></code><?cs if:s.ext_dir ?><br><?cs var:L.imports.ext_prefix ?> <code><?cs var:s.ext_dir ?></code><?cs /if ?><?cs else ?>－<?cs /if ?></td>
      <td class="nowrap"><?cs if:s.started ?><?cs var:s.started ?><br><?cs if:s.status == "running" ?><?cs var:L.imports.running ?><?cs elif:s.status == "failed" ?><?cs var:L.imports.run_failed ?><?cs elif:s.status == "interrupted" ?><?cs var:L.imports.run_interrupted ?><?cs else ?><?cs var:L.imports.run_done ?><?cs /if ?><?cs else ?><?cs var:L.imports.never ?><?cs /if ?></td>
      <td class="nowrap"><?cs if:s.started ?><?cs var:L.sources.imported ?> <?cs var:s.imported ?><br><?cs var:L.sources.quarantined ?> <?cs var:s.quarantined ?><?cs /if ?><?cs if:s.q_count > 0 ?><br><a href="/admin/imports?facility=<?cs var:url_escape(s.id) ?>#quarantine"><?cs var:L.sources.q_open ?> <?cs var:s.q_count ?></a><?cs /if ?></td>
      <td class="nowrap"><?cs if:s.arrived ?><?cs var:s.arrived ?><?cs else ?><?cs var:L.imports.never ?><?cs /if ?><?cs if:s.stale ?><br><strong class="warn-text" id="stale-<?cs var:s.code ?>"><?cs if:s.arrived ?><?cs var:s.days_since ?><?cs var:L.sources.stale_days_suffix ?><?cs else ?><?cs var:L.sources.stale_never ?><?cs /if ?></strong><?cs /if ?></td>
      <td class="row-actions"><?cs if:Session.role.operator ?><a href="/admin/imports/sources?facility=<?cs var:url_escape(s.id) ?>#source-edit" id="edit-source-<?cs var:s.code ?>"><?cs if:s.root_dir ?><?cs var:L.sources.edit ?><?cs else ?><?cs var:L.sources.set ?><?cs /if ?></a>
        <?cs if:s.root_dir ?><?cs if:s.requested ?><br><span class="muted"><?cs var:L.sources.requested_at ?> <?cs var:s.requested ?></span><?cs else ?><form method="post" action="/admin/imports/run" class="inline"><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="facility" value="<?cs var:s.id ?>"><button type="submit" class="button secondary" id="run-<?cs var:s.code ?>"><?cs var:L.sources.run_now ?></button></form><?cs /if ?><?cs /if ?><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
