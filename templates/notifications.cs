<?cs include:"_head.cs" ?>
<h1><?cs var:L.notify.title ?></h1>
<?cs if:Day.shown ?><section class="card" id="my-notes">
  <h2><?cs var:L.day.notes_title ?></h2>
  <?cs include:"_notes.cs" ?>
</section><?cs /if ?>
<?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager || Session.role.president ?>
<section class="card">
  <?cs if:Notes_n == 0 ?><p id="notes-none"><?cs var:L.notify.none ?></p><?cs else ?>
  <table id="notes">
    <thead><tr><th><?cs var:L.notify.when ?></th><th><?cs var:L.notify.what ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:n = Notes ?><tr<?cs if:!n.read ?> class="warn"<?cs /if ?>><td class="nowrap"><?cs var:dja(n.when) ?></td>
      <td><?cs var:L.notify.kind[n.kind] ?> <?cs if:n.kind == "facility.report" ?><a href="/facility/reports/view?id=<?cs var:url_escape(n.object_id) ?>"><?cs var:L.notify.open ?></a><?cs elif:n.kind == "incident.reported" || n.kind == "incident.forwarded" || n.kind == "incident.closed" ?><a href="/incidents/view?id=<?cs var:url_escape(n.object_id) ?>"><?cs var:L.notify.open ?></a><?cs elif:n.object_type == "misuse_alert" ?><a href="/misuse#alert-<?cs var:n.object_id ?>"><?cs var:L.notify.open ?></a><?cs elif:n.kind == "consent.registered" ?><a href="/consents/view?id=<?cs var:url_escape(n.object_id) ?>"><?cs var:L.notify.open ?></a><?cs elif:n.object_type == "application" ?><a href="/applications/view?id=<?cs var:url_escape(n.object_id) ?>"><?cs var:L.notify.open ?></a><?cs elif:n.kind == "cert.needed" ?><a href="/admin/certs?user=<?cs var:url_escape(n.object_id) ?>#issue-form"><?cs var:L.notify.open ?></a><?cs elif:n.kind == "misuse.report" ?><a href="/misuse/reports"><?cs var:L.notify.open ?></a><?cs elif:n.kind == "link.request" ?><a href="/links/requests"><?cs var:L.notify.open ?></a><?cs elif:n.object_type == "user_lockout" ?><?cs var:L.notify.account ?> <span class="mono"><?cs var:n.login ?></span><?cs elif:n.object_type == "emergency_access" ?><a href="/emergency/list#emergency-<?cs var:n.object_id ?>"><?cs var:L.notify.open ?></a><?cs else ?><a href="/notifications"><?cs var:L.notify.open ?></a><?cs /if ?></td>
      <td><?cs if:!n.read ?><form method="post" action="/notifications/read" class="inline"><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><button type="submit"><?cs var:L.notify.mark_read ?></button></form><?cs else ?><span class="muted"><?cs var:L.notify.read ?></span><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
