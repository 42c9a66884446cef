<?cs include:"_head.cs" ?>
<h1><?cs var:L.certs.initpw_title ?></h1>
<section class="card">
  <dl class="kv">
    <dt><?cs var:L.certs.login ?></dt><dd><?cs var:Issued.login ?></dd>
    <dt><?cs var:L.certs.initpw ?></dt><dd class="secret" id="initial-password"><?cs var:Issued.initial ?></dd>
  </dl>
  <p class="notice"><?cs var:L.certs.initpw_hand ?></p>
  <p><a href="/admin/certs"><?cs var:L.certs.back ?></a></p>
</section>
<?cs include:"_foot.cs" ?>
