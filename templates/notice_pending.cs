<?cs include:"_head.cs" ?>
<h1><?cs var:L.notice.pending_title ?></h1>
<p class="lead"><?cs var:L.notice.pending_lead ?></p>
<form method="post" action="/notices/ack" id="notice-ack-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <?cs each:n = Pending ?>
  <section class="card notice-card<?cs if:n.emergency == "1" ?> notice-emergency<?cs /if ?>" id="pending-<?cs var:n.id ?>">
    <input type="hidden" name="id" value="<?cs var:n.id ?>">
    <h2><span class="status"><?cs var:L.notice.kind[n.kind] ?></span> <?cs var:n.title ?></h2>
    <dl class="kv">
      <dt><?cs var:L.notice.effective_on ?></dt><dd class="notice-effective"><?cs var:dja(n.effective_on) ?></dd>
      <dt><?cs var:L.notice.published ?></dt><dd><?cs var:dja(n.published) ?></dd>
    </dl>
    <?cs if:n.emergency == "1" ?><p class="warn-text"><?cs var:L.notice.emergency_hint ?></p><?cs /if ?>
    <p class="prewrap"><?cs var:n.body ?></p>
  </section>
  <?cs /each ?>
  <p class="actions"><button type="submit" class="primary" id="notice-ack"><?cs var:L.notice.ack ?></button></p>
</form>
<?cs include:"_foot.cs" ?>
