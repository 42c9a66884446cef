<?cs include:"_head.cs" ?>
<h1><?cs var:L.certs.issued_title ?></h1>
<section class="card">
  <dl class="kv">
    <dt><?cs var:L.certs.login ?></dt><dd id="issued-login"><?cs var:Issued.login ?></dd>
    <dt><?cs var:L.certs.serial ?></dt><dd class="mono" id="issued-serial"><?cs var:Issued.serial ?></dd>
    <dt><?cs var:L.certs.not_after ?></dt><dd><?cs var:Issued.not_after ?>（<?cs var:L.office.jst ?>）</dd>
    <dt><?cs var:L.certs.password_once ?></dt><dd class="secret" id="issued-password"><?cs var:Issued.password ?></dd>
  </dl>
  <p class="notice"><?cs var:L.certs.password_note ?></p>
  <p><a class="button" id="issued-download" href="/admin/certs/download?id=<?cs var:url_escape(Issued.id) ?>"><?cs var:L.certs.download ?></a></p>
  <p><a href="/admin/certs"><?cs var:L.certs.back ?></a></p>
</section>
<?cs include:"_foot.cs" ?>
