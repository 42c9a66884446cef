<?cs include:"_head.cs" ?>
<?cs with:n = Notice ?>
<h1><span class="status"><?cs var:L.notice.kind[n.kind] ?></span> <span id="notice-title"><?cs var:n.title ?></span></h1>
<section class="card">
  <dl class="kv">
    <dt><?cs var:L.notice.status ?></dt><dd id="notice-status"><?cs var:L.notice.status_name[n.status] ?><?cs if:n.emergency == "1" || (n.status == "draft" && n.not_ahead == "1") ?> <span class="overdue-flag" id="notice-emergency"><?cs var:L.notice.emergency ?></span><?cs /if ?></dd>
    <dt><?cs var:L.notice.effective_on ?></dt><dd id="notice-effective"><?cs var:dja(n.effective_on) ?></dd>
    <dt><?cs var:L.notice.audience ?></dt><dd><?cs if:n.facility ?><?cs var:n.facility ?><?cs if:n.in_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs else ?><?cs var:L.notice.audience_all ?><?cs /if ?></dd>
    <dt><?cs var:L.notice.created ?></dt><dd><?cs var:dja(n.created) ?> <?cs var:n.creator ?></dd>
    <?cs if:n.approved ?><dt><?cs var:L.notice.approval ?></dt><dd id="notice-approval"><?cs var:n.approved ?> <?cs var:n.approver ?><?cs if:n.approval_note ?>（<?cs var:n.approval_note ?>）<?cs /if ?></dd><?cs /if ?>
    <?cs if:n.published ?><dt><?cs var:L.notice.published ?></dt><dd id="notice-published"><?cs var:dja(n.published) ?> <?cs var:n.publisher ?></dd><?cs /if ?>
  </dl>
  <p class="prewrap"><?cs var:n.body ?></p>
</section>
<?cs if:n.status == "draft" ?>
<section class="card" id="notice-steps">
  <?cs if:Notice.needs_approval ?><p class="notice" id="needs-approval"><?cs var:L.notice.needs_approval ?></p><?cs /if ?>
  <?cs if:Can.approve ?>
  <form method="post" action="/admin/notices/approve" class="form" id="approve-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><input type="hidden" name="version" value="<?cs var:n.version ?>">
    <div class="row"><label for="note"><?cs var:L.notice.approval_note ?></label><input type="text" id="note" name="note" maxlength="1000"></div>
    <p class="actions"><button type="submit" class="primary" id="notice-approve"><?cs var:L.notice.approve ?></button></p>
  </form>
  <?cs /if ?>
  <?cs if:Can.publish ?>
  <form method="post" action="/admin/notices/publish" id="publish-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><input type="hidden" name="version" value="<?cs var:n.version ?>">
    <p class="hint"><?cs var:L.notice.publish_hint ?></p>
    <p class="actions"><button type="submit" class="primary" id="notice-publish"><?cs var:L.notice.publish ?></button></p>
  </form>
  <?cs /if ?>
</section>
<?cs else ?>
<section class="card" id="notice-acks">
  <h2><?cs var:L.notice.ack_title ?></h2>
  <div class="desk-counts">
    <span class="count"><span class="label"><?cs var:L.notice.acked ?></span> <strong id="acks-done"><?cs var:Acks_done ?></strong></span>
    <span class="count<?cs if:Acks_missing > 0 ?> bad<?cs /if ?>"><span class="label"><?cs var:L.notice.not_acked ?></span> <strong id="acks-missing"><?cs var:Acks_missing ?></strong></span>
    <span class="count"><span class="label"><?cs var:L.notice.audience_n ?></span> <strong id="acks-total"><?cs var:Acks_n ?></strong></span>
  </div>
  <p class="actions"><a class="button secondary" href="/admin/notices/view?id=<?cs var:n.id ?>&amp;format=csv" id="acks-csv"><?cs var:L.notice.csv_link ?></a></p>
  <table id="acks">
    <thead><tr><th><?cs var:L.notice.csv.name ?></th><th><?cs var:L.notice.csv.facility ?></th><th><?cs var:L.notice.csv.acked_at ?></th></tr></thead>
    <tbody>
    <?cs each:a = Acks ?><tr class="<?cs if:a.acked ?>acked<?cs else ?>warn<?cs /if ?>" id="ack-<?cs var:a.login ?>">
      <td><?cs var:a.name ?> <span class="muted mono"><?cs var:a.login ?></span></td>
      <td><?cs var:a.facility ?><?cs if:a.in_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?></td>
      <td><?cs if:a.acked ?><?cs var:a.acked ?><?cs else ?><?cs var:L.notice.not_acked ?><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
</section>
<?cs /if ?>
<?cs /with ?>
<p><a href="/admin/notices"><?cs var:L.notice.back ?></a></p>
<?cs include:"_foot.cs" ?>
