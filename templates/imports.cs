<?cs include:"_head.cs" ?>
<h1><?cs var:L.imports.title ?></h1>
<p><?cs var:L.imports.lead ?></p>
<section class="card">
<h2><?cs var:L.imports.facilities ?></h2>
<?cs if:Facilities_n == 0 ?><p id="no-facilities"><?cs var:L.imports.no_facilities ?></p><?cs else ?>
<table id="import-facilities">
  <thead><tr><th><?cs var:L.imports.facility ?></th><th><?cs var:L.imports.root_dir ?></th><th class="nowrap"><?cs var:L.imports.arrived ?></th><th class="nowrap"><?cs var:L.imports.last_run ?></th><th class="nowrap"><?cs var:L.imports.n_files ?></th><th class="nowrap"><?cs var:L.imports.n_imported ?></th><th class="nowrap"><?cs var:L.imports.n_warned ?></th><th class="nowrap"><?cs var:L.imports.n_unchanged ?></th><th class="nowrap"><?cs var:L.imports.n_quarantined ?></th><th class="nowrap"><?cs var:L.imports.n_removed ?></th><th class="nowrap"><?cs var:L.imports.n_failed ?></th><th class="nowrap"><?cs var:L.imports.q_total ?></th><th class="nowrap"><?cs var:L.imports.w_total ?></th></tr></thead>
  <tbody>
  <?cs each:f = Facilities ?>
  <tr id="facility-<?cs var:f.code ?>"<?cs if:f.failed != "0" && f.failed != "" || f.status == "failed" ?> class="warn"<?cs /if ?>>
    <td><a href="/admin/imports?facility=<?cs var:url_escape(f.id) ?>"><?cs var:f.code ?> <?cs var:f.name ?></a></td>
    <td><?cs if:f.root_dir ?><code><?cs var:f.root_dir ?></code><?cs if:f.enabled == "0" ?> <?cs var:L.imports.disabled ?><?cs /if ?><?cs else ?><?cs var:L.imports.manual ?><?cs /if ?></td>
    <td class="nowrap"><?cs if:f.arrived ?><?cs var:f.arrived ?><?cs else ?><?cs var:L.imports.never ?><?cs /if ?></td>
    <td class="nowrap"><?cs if:f.started ?><?cs var:f.started ?><br><?cs if:f.status == "running" ?><?cs var:L.imports.running ?><?cs elif:f.status == "failed" ?><?cs var:L.imports.run_failed ?><?cs elif:f.status == "interrupted" ?><?cs var:L.imports.run_interrupted ?><?cs else ?><?cs var:L.imports.run_done ?><?cs /if ?><?cs else ?><?cs var:L.imports.never ?><?cs /if ?></td>
    <td><?cs var:f.done ?> / <?cs var:f.total ?></td><td><?cs var:f.imported ?></td><td class="n-warned"><?cs var:f.warned ?></td><td><?cs var:f.unchanged ?></td><td><?cs var:f.quarantined ?></td><td><?cs var:f.removed ?></td><td><?cs var:f.failed ?></td><td><?cs var:f.q_count ?></td><td class="w-count"><?cs var:f.w_count ?></td>
  </tr>
  <?cs if:f.last_error ?><tr class="warn"><td colspan="13"><?cs var:L.imports.last_error ?>: <?cs var:f.last_error ?></td></tr><?cs /if ?>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
</section>
<?cs if:Imports.facility ?>
<section class="card">
<h2><?cs var:L.imports.runs ?></h2>
<?cs if:Runs_n == 0 ?><p id="no-runs"><?cs var:L.imports.no_runs ?></p><?cs else ?>
<table id="import-runs">
  <thead><tr><th class="nowrap"><?cs var:L.imports.run_started ?></th><th class="nowrap"><?cs var:L.imports.run_finished ?></th><th class="nowrap"><?cs var:L.imports.run_status ?></th><th class="nowrap"><?cs var:L.imports.run_files ?></th><th class="nowrap"><?cs var:L.imports.n_imported ?></th><th class="nowrap"><?cs var:L.imports.n_warned ?></th><th class="nowrap"><?cs var:L.imports.n_unchanged ?></th><th class="nowrap"><?cs var:L.imports.n_quarantined ?></th><th class="nowrap"><?cs var:L.imports.n_removed ?></th><th class="nowrap"><?cs var:L.imports.n_failed ?></th></tr></thead>
  <tbody>
  <?cs each:u = Runs ?>
  <tr class="run<?cs if:u.failed != "0" || u.status == "failed" ?> warn<?cs /if ?>"><td class="nowrap"><?cs var:u.started ?></td><td class="nowrap"><?cs var:u.finished ?></td><td class="nowrap"><?cs if:u.status == "running" ?><?cs var:L.imports.running ?><?cs elif:u.status == "failed" ?><?cs var:L.imports.run_failed ?><?cs elif:u.status == "interrupted" ?><?cs var:L.imports.run_interrupted ?><?cs else ?><?cs var:L.imports.run_done ?><?cs /if ?></td><td class="r-total"><?cs var:u.total ?></td><td class="r-imported"><?cs var:u.imported ?></td><td class="r-warned"><?cs var:u.warned ?></td><td class="r-unchanged"><?cs var:u.unchanged ?></td><td class="r-quarantined"><?cs var:u.quarantined ?></td><td class="r-removed"><?cs var:u.removed ?></td><td class="r-failed"><?cs var:u.failed ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
</section>
<?cs /if ?>
<section class="card">
<h2><?cs var:L.imports.quarantine ?></h2>
<p><?cs var:L.imports.quarantine_lead ?></p>
<?cs if:Imports.facility ?><p><a href="/admin/imports"><?cs var:L.imports.all_facilities ?></a></p><?cs /if ?>
<?cs if:Quarantine_n == 0 ?><p id="no-quarantine"><?cs var:L.imports.no_quarantine ?></p><?cs else ?>
<table id="quarantine">
  <thead><tr><th class="nowrap"><?cs var:L.imports.facility ?></th><th><?cs var:L.imports.path ?></th><th class="nowrap"><?cs var:L.imports.state_h ?></th><th><?cs var:L.imports.reason_h ?></th><th class="nowrap"><?cs var:L.imports.at ?></th></tr></thead>
  <tbody>
  <?cs each:q = Quarantine ?>
  <tr<?cs if:q.warned ?> class="warned"<?cs /if ?>><td class="nowrap"><?cs var:q.code ?></td><td><code><?cs if:q.tree == "ext" ?><?cs var:L.imports.ext_prefix ?> <?cs /if ?><?cs var:q.path ?></code></td><td class="nowrap"><?cs if:q.warned ?><?cs var:L.imports.state_warned ?><?cs else ?><?cs var:L.imports.state_quarantined ?><?cs /if ?></td><td><?cs var:q.reason ?><?cs if:q.detail ?> (<?cs var:q.detail ?>)<?cs /if ?></td><td class="nowrap"><?cs var:q.at ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
