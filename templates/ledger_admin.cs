<?cs include:"_head.cs" ?>
<h1><?cs var:L.ledger.admin_title ?></h1>
<p><a href="/admin/ledger/warnings" id="link-warnings"><?cs var:L.ledger.warn_title ?></a></p>
<?cs if:Facilities_n == 0 ?><p><?cs var:L.ledger.no_facilities ?></p><?cs else ?>
<table id="facilities">
  <thead><tr><th><?cs var:L.ledger.facility ?></th><th class="nowrap"><?cs var:L.ledger.n_terminals ?></th><th class="nowrap"><?cs var:L.ledger.n_stale ?></th><th class="nowrap"><?cs var:L.ledger.n_free ?></th><th class="nowrap"><?cs var:L.ledger.procedure ?></th></tr></thead>
  <tbody>
  <?cs each:f = Facilities ?>
  <tr<?cs if:f.stale != "0" || f.free != "0" || !f.proc ?> class="warn"<?cs /if ?>>
    <td><a href="/admin/ledger?facility=<?cs var:url_escape(f.id) ?>"><?cs var:f.code ?> <?cs var:f.name ?></a></td>
    <td><?cs var:f.terminals ?></td><td><?cs var:f.stale ?></td><td><?cs var:f.free ?></td>
    <td class="nowrap"><?cs if:f.proc ?><?cs var:f.proc ?><?cs else ?><?cs var:L.ledger.none ?><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
