<?cs include:"_head.cs" ?>
<h1><?cs var:L.emergency.list_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.emergency.list_hint ?></p>
  <?cs if:EmergencyList_n == 0 ?><p id="emergency-none"><?cs var:L.emergency.none ?></p><?cs else ?>
  <?cs include:"_emergency_rows.cs" ?>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
