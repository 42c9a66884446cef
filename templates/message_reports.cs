<?cs include:"_head.cs" ?>
<h1><?cs var:L.message.reports_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.message.reports_hint ?></p>
  <?cs if:Reported_n == 0 ?><p id="reported-none"><?cs var:L.message.reports_none ?></p><?cs else ?>
  <table id="reported">
    <thead><tr><th><?cs var:L.message.sent ?></th><th><?cs var:L.message.from ?></th><th><?cs var:L.message.subject ?></th><th><?cs var:L.message.reports ?></th></tr></thead>
    <tbody>
    <?cs each:m = Reported ?><tr id="reported-<?cs var:m.id ?>"<?cs if:m.deleted != "1" ?> class="warn"<?cs /if ?>>
      <td class="nowrap"><?cs var:dja(m.sent) ?></td>
      <td><?cs var:m.sender ?><br><span class="muted"><?cs var:m.sender_facility ?></span><?cs if:m.sender_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?></td>
      <td><a href="/messages/view?id=<?cs var:m.id ?>"><?cs if:m.deleted == "1" ?><?cs var:L.message.deleted_subject ?><?cs else ?><?cs var:m.subject ?><?cs /if ?></a></td>
      <td class="nowrap"><?cs var:m.reports ?><?cs var:L.message.count_unit ?><br><span class="muted"><?cs var:dja(m.last_report) ?></span></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
