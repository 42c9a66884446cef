<?cs include:"_head.cs" ?>
<h1><?cs var:L.notice.mine_title ?></h1>
<?cs if:Session.role.operator || Session.role.president || Session.role.staff ?><p class="actions"><a class="button secondary" href="/admin/notices" id="notice-admin-link"><?cs var:L.notice.admin_title ?></a></p><?cs /if ?>
<?cs if:Notices_n == 0 ?><section class="card"><p id="notices-none"><?cs var:L.notice.none ?></p></section><?cs /if ?>
<?cs each:n = Notices ?>
<section class="card notice-card" id="notice-<?cs var:n.id ?>">
  <h2><span class="status"><?cs var:L.notice.kind[n.kind] ?></span> <?cs var:n.title ?><?cs if:n.emergency == "1" ?> <span class="overdue-flag"><?cs var:L.notice.emergency ?></span><?cs /if ?></h2>
  <dl class="kv">
    <dt><?cs var:L.notice.effective_on ?></dt><dd><?cs var:dja(n.effective_on) ?></dd>
    <dt><?cs var:L.notice.published ?></dt><dd><?cs var:dja(n.published) ?></dd>
    <dt><?cs var:L.notice.acked ?></dt><dd><?cs if:n.acked ?><?cs var:n.acked ?><?cs else ?><?cs var:L.notice.not_acked ?><?cs /if ?></dd>
  </dl>
  <p class="prewrap"><?cs var:n.body ?></p>
</section>
<?cs /each ?>
<?cs include:"_foot.cs" ?>
