<?cs include:"_head.cs" ?>
<h1><?cs var:L.notice.admin_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.notice.admin_hint ?></p>
  <?cs if:Can.edit ?><p class="actions"><a class="button" href="/admin/notices/new" id="notice-new"><?cs var:L.notice.new_title ?></a></p><?cs /if ?>
  <?cs if:Notices_n == 0 ?><p id="notices-none"><?cs var:L.notice.none ?></p><?cs else ?>
  <table id="notices">
    <thead><tr><th><?cs var:L.notice.title ?></th><th><?cs var:L.notice.effective_on ?></th><th><?cs var:L.notice.audience ?></th><th><?cs var:L.notice.status ?></th><th><?cs var:L.notice.ack_counts ?></th></tr></thead>
    <tbody>
    <?cs each:n = Notices ?><tr id="notice-<?cs var:n.id ?>">
      <td><span class="status"><?cs var:L.notice.kind[n.kind] ?></span> <a href="/admin/notices/view?id=<?cs var:n.id ?>"><?cs var:n.title ?></a></td>
      <td class="nowrap"><?cs var:dja(n.effective_on) ?></td>
      <td><?cs if:n.facility ?><?cs var:n.facility ?><?cs if:n.in_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs else ?><?cs var:L.notice.audience_all ?><?cs /if ?></td>
      <td><?cs if:n.status == "published" ?><?cs var:L.notice.status_name.published ?> <?cs var:dja(n.published) ?><?cs if:n.emergency == "1" ?> <span class="overdue-flag"><?cs var:L.notice.emergency ?></span><?cs /if ?>
        <?cs else ?><?cs var:L.notice.status_name.draft ?><?cs if:n.not_ahead == "1" ?> <span class="overdue-flag"><?cs var:L.notice.emergency ?></span><?cs if:n.approved ?> <?cs var:L.notice.approved ?><?cs else ?> <?cs var:L.notice.awaiting_approval ?><?cs /if ?><?cs /if ?><?cs /if ?></td>
      <td class="nowrap"><?cs if:n.status == "published" ?><span class="ack-count"><?cs var:n.acked ?> / <?cs var:n.audience ?></span><?cs if:n.missing > 0 ?> <span class="warn-text">（<?cs var:L.notice.missing ?> <?cs var:n.missing ?>）</span><?cs /if ?><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
