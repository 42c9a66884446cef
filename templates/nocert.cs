<?cs set:Page.title = L.nocert.title ?><?cs include:"_head.cs" ?>
<section class="error" role="alert">
  <h1><?cs var:L.nocert.title ?></h1>
  <?cs if:Cert.why ?><p class="why" id="cert-why"><?cs var:Cert.why ?></p><?cs else ?><p><?cs var:L.nocert.lead ?></p><?cs /if ?>
  <p class="field"><?cs var:L.nocert.status ?>: <code id="cert-verify"><?cs var:Cert.verify ?></code></p>
  <h2><?cs var:L.nocert.steps ?></h2>
  <ol>
    <li><?cs var:L.nocert.step1 ?></li>
    <li><?cs var:L.nocert.step2 ?></li>
    <li><?cs var:L.nocert.step3 ?></li>
  </ol>
  <p><?cs var:L.nocert.help ?></p>
</section>
<?cs include:"_foot.cs" ?>
