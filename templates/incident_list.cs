<?cs include:"_head.cs" ?>
<h1><?cs var:L.incident.list_title ?></h1>
<p class="lead"><?cs if:Incident.operator ?><?cs var:L.incident.lead_operator ?><?cs elif:Incident.manager ?><?cs var:L.incident.lead_manager ?><?cs else ?><?cs var:L.incident.lead_user ?><?cs /if ?></p>
<?cs if:Can.report ?><p class="actions noprint"><a class="button" href="/incidents/new" id="incident-new"><?cs var:L.incident.new_title ?></a></p><?cs /if ?>
<?cs if:Incidents_n == 0 ?><p class="card" id="incidents-none"><?cs var:L.incident.none ?></p><?cs else ?>
<table id="incidents">
  <thead><tr>
    <th class="nowrap"><?cs var:L.incident.reported_at ?></th>
    <th><?cs var:L.incident.kind_label ?></th>
    <th><?cs var:L.incident.what ?></th>
    <th class="nowrap"><?cs var:L.incident.occurred ?></th>
    <th><?cs var:L.incident.reporter ?></th>
    <th class="nowrap"><?cs var:L.incident.status ?></th>
  </tr></thead>
  <tbody>
  <?cs each:i = Incidents ?>
  <tr id="incident-<?cs var:i.id ?>"<?cs if:(Incident.manager && i.status == "reported") || (Incident.operator && i.status == "forwarded") ?> class="warn"<?cs /if ?>>
    <td class="nowrap"><a href="/incidents/view?id=<?cs var:url_escape(i.id) ?>"><?cs var:dja(i.reported_at) ?></a></td>
    <td><?cs var:L.incident.kind[i.kind] ?><?cs if:i.terminal ?><br><small class="muted"><?cs var:L.incident.terminal ?>：<?cs var:i.terminal ?></small><?cs /if ?></td>
    <td class="incident-what"><?cs var:i.what ?><?cs if:i.more == "1" ?>…<?cs /if ?></td>
    <td class="nowrap"><?cs var:i.occurred ?></td>
    <td><?cs var:i.reporter ?><?cs if:Incident.operator ?><br><small class="muted"><?cs var:i.facility ?></small><?cs /if ?></td>
    <td class="nowrap"><span class="status status-<?cs var:i.status ?>"><?cs var:L.incident.status_name[i.status] ?></span></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
