<?cs set:Page.title = Error.title ?><?cs include:"_head.cs" ?>
<section class="error" role="alert">
  <h1><?cs var:Error.title ?></h1>
  <?cs if:Error.why ?><p class="why"><?cs var:Error.why ?></p><?cs /if ?>
  <?cs if:Error.field ?><p class="field"><?cs var:L.err.field ?>: <code id="error-field"><?cs var:Error.field ?></code></p><?cs /if ?>
  <p class="next"><?cs var:Error.next ?></p>
  <p class="code"><?cs var:L.err.code ?>: <?cs var:Error.status ?></p>
  <p><a href="/"><?cs var:L.err.home ?></a></p>
</section>
<?cs include:"_foot.cs" ?>
