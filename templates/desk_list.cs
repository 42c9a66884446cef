<?cs include:"_head.cs" ?>
<h1><?cs if:Desk.mine ?><?cs var:L.desk.mine_title ?><?cs else ?><?cs var:L.desk.list_title ?><?cs /if ?></h1>
<p class="lead"><?cs if:Desk.mine ?><?cs var:L.desk.lead_user ?><?cs else ?><?cs var:L.desk.lead ?><?cs /if ?></p>
<?cs if:Desk.overdue > 0 ?><p class="error-box" role="alert" id="overdue-alert"><strong><?cs var:L.desk.overdue_alert ?></strong></p><?cs /if ?>
<div class="desk-counts" id="desk-counts">
  <a class="count" href="/desk/complaints?status=open"><span class="label"><?cs var:L.desk.count_open ?></span> <strong id="count-open"><?cs var:Desk.open ?></strong><?cs var:L.desk.count_unit ?></a>
  <a class="count<?cs if:Desk.overdue > 0 ?> bad<?cs /if ?>" href="/desk/complaints?status=overdue"><span class="label"><?cs var:L.desk.count_overdue ?></span> <strong id="count-overdue"><?cs var:Desk.overdue ?></strong><?cs var:L.desk.count_unit ?></a>
</div>
<p class="actions noprint">
  <a class="button" href="/desk/complaints/new" id="desk-new"><?cs if:Desk.mine ?><?cs var:L.desk.new_user ?><?cs else ?><?cs var:L.desk.new ?><?cs /if ?></a>
  <?cs if:!Desk.staff && !Desk.mine ?><span class="note" id="desk-readonly"><?cs var:L.desk.readonly ?></span><?cs /if ?>
</p>
<nav class="tabs noprint" aria-label="<?cs var:L.desk.filter ?>" id="desk-filter">
  <?cs each:f = Opt.filter ?><a href="/desk/complaints?status=<?cs var:url_escape(f) ?>" id="filter-<?cs var:f ?>"<?cs if:Desk.filter == f ?> aria-current="page"<?cs /if ?>><?cs var:L.desk.status_name[f] ?></a><?cs /each ?>
</nav>
<?cs if:Complaints_n == 0 ?><p class="card" id="complaints-none"><?cs var:L.desk.none ?></p><?cs else ?>
<table id="complaints">
  <thead><tr>
    <th class="nowrap"><?cs var:L.desk.receipt_no ?></th>
    <th class="nowrap"><?cs var:L.desk.received_at ?></th>
    <th><?cs var:L.desk.name ?></th>
    <th><?cs var:L.desk.category ?></th>
    <th class="nowrap"><?cs var:L.desk.status ?></th>
    <th class="nowrap"><?cs var:L.desk.due_on ?></th>
    <?cs if:!Desk.mine ?><th><?cs var:L.desk.assignee ?></th><?cs /if ?>
  </tr></thead>
  <tbody>
  <?cs each:c = Complaints ?>
  <tr<?cs if:c.overdue == "1" ?> class="overdue"<?cs /if ?> id="complaint-<?cs var:c.id ?>">
    <td class="nowrap"><a href="/desk/complaints/view?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.receipt_no ?></a></td>
    <td class="nowrap"><?cs var:dja(c.received_at) ?></td>
    <td><?cs var:c.name ?><br><small class="muted"><?cs var:L.desk.kind[c.kind] ?><?cs if:c.facility ?>・<?cs var:c.facility ?><?cs /if ?>／<?cs var:L.desk.channel_name[c.channel] ?></small></td>
    <td><?cs var:L.desk.cat[c.category] ?></td>
    <td class="nowrap"><span class="status status-<?cs var:c.status ?>"><?cs var:L.desk.status_name[c.status] ?></span></td>
    <td class="nowrap"><?cs var:dja(c.due_on) ?><?cs if:c.overdue == "1" ?> <strong class="overdue-flag"><?cs var:L.desk.overdue ?></strong><?cs /if ?></td>
    <?cs if:!Desk.mine ?><td><?cs if:c.assignee ?><?cs var:c.assignee ?><?cs else ?><span class="muted"><?cs var:L.desk.assignee_none ?></span><?cs /if ?></td><?cs /if ?>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs if:!Desk.mine ?><p class="noprint"><a href="/desk/complaints?status=<?cs var:url_escape(Desk.filter) ?>&amp;format=csv" id="desk-csv" download><?cs var:L.desk.csv ?></a></p><?cs /if ?>
<?cs include:"_foot.cs" ?>
