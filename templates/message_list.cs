<?cs include:"_head.cs" ?>
<h1><?cs if:Box == "in" ?><?cs var:L.message.inbox_title ?><?cs else ?><?cs var:L.message.outbox_title ?><?cs /if ?></h1>
<nav class="tabs" aria-label="<?cs var:L.message.menu ?>">
  <a href="/messages" id="tab-inbox"<?cs if:Box == "in" ?> aria-current="page"<?cs /if ?>><?cs var:L.message.inbox_title ?></a>
  <a href="/messages/sent" id="tab-outbox"<?cs if:Box == "out" ?> aria-current="page"<?cs /if ?>><?cs var:L.message.outbox_title ?></a>
  <a href="/messages/new" id="message-new"><?cs var:L.message.new_title ?></a>
</nav>
<section class="card">
  <?cs if:Messages_n == 0 ?><p id="messages-none"><?cs var:L.message.none ?></p><?cs else ?>
  <table id="messages">
    <thead><tr><th><?cs var:L.message.sent ?></th><th><?cs if:Box == "in" ?><?cs var:L.message.from ?><?cs else ?><?cs var:L.message.to ?><?cs /if ?></th><th><?cs var:L.message.subject ?></th></tr></thead>
    <tbody>
    <?cs each:m = Messages ?><tr id="message-<?cs var:m.id ?>"<?cs if:Box == "in" && m.read != "1" ?> class="unread"<?cs /if ?>>
      <td class="nowrap"><?cs var:dja(m.sent) ?></td>
      <?cs if:Box == "in" ?><td><?cs var:m.sender ?><br><span class="muted"><?cs var:m.sender_facility ?></span><?cs if:m.sender_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs if:m.to_facility == "1" ?><br><span class="muted"><?cs var:L.message.to_facility_mark ?></span><?cs /if ?></td>
      <?cs else ?><td><?cs var:m.recipient ?><?cs if:m.recipient_facility ?><br><span class="muted"><?cs var:m.recipient_facility ?></span><?cs /if ?><?cs if:m.recipient_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs if:m.to_facility == "1" ?><br><span class="muted"><?cs var:L.message.to_facility_mark ?></span><?cs /if ?></td><?cs /if ?>
      <td><?cs if:Box == "in" && m.read != "1" ?><span class="status"><?cs var:L.message.unread ?></span> <?cs /if ?><a href="/messages/view?id=<?cs var:m.id ?>"><?cs if:m.deleted == "1" ?><?cs var:L.message.deleted_subject ?><?cs else ?><?cs var:m.subject ?><?cs /if ?></a><?cs if:m.patient == "1" ?> <span class="muted"><?cs var:L.message.has_patient ?></span><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
