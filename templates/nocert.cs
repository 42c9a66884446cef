<?cs if:Cert.why ?><?cs set:Page.title = L.nocert.title_invalid ?><?cs else ?><?cs set:Page.title = L.nocert.title ?><?cs /if ?><?cs include:"_head.cs" ?>
<section class="error" role="alert">
  <h1><?cs var:Page.title ?></h1>
  <?cs if:Cert.why ?><p class="why" id="cert-why"><?cs var:Cert.why ?></p><?cs else ?><p><?cs var:L.nocert.lead ?></p><?cs /if ?>
  <p class="field muted"><?cs var:L.nocert.status ?>: <code id="cert-verify"><?cs var:Cert.verify ?></code></p>
  <h2><?cs if:Cert.why ?><?cs var:L.nocert.steps_new ?><?cs else ?><?cs var:L.nocert.steps ?><?cs /if ?></h2>
  <ol>
    <li><?cs var:L.nocert.step1 ?></li>
    <li><?cs var:L.nocert.step2 ?></li>
    <li><?cs var:L.nocert.step3 ?></li>
  </ol>
  <p><?cs var:L.nocert.help ?></p>
</section>
<?cs include:"_foot.cs" ?>
