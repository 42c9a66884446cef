<?cs include:"_head.cs" ?>
<h1><?cs var:L.home.welcome ?></h1>
<section class="card">
  <h2><?cs var:L.home.verified ?></h2>
  <dl class="kv">
    <dt><?cs var:L.home.subject ?></dt><dd id="cert-subject"><?cs var:Cert.subject ?></dd>
    <dt><?cs var:L.home.serial ?></dt><dd id="cert-serial"><?cs var:Cert.serial ?></dd>
    <dt><?cs var:L.home.db ?></dt><dd id="db-status"><?cs if:Db.ok == "1" ?><?cs var:L.home.db_ok ?><?cs /if ?></dd>
  </dl>
</section>
<?cs include:"_foot.cs" ?>
