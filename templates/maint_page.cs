<?cs include:"_head.cs" ?>
<section class="error maint" role="alert" id="maint-page">
  <h1><?cs var:L.maint.page_heading ?></h1>
  <p id="maint-title"><?cs var:Maint.title ?></p>
  <p><?cs var:L.maint.page_since ?> <?cs var:dja(Maint.starts) ?></p>
  <?cs if:Maint.ends ?><p id="maint-ends"><?cs var:L.maint.page_until ?> <strong><?cs var:dja(Maint.ends) ?></strong></p><?cs else ?><p><?cs var:L.maint.page_unknown ?></p><?cs /if ?>
  <p><?cs var:L.maint.page_next ?></p>
</section>
<?cs include:"_foot.cs" ?>
