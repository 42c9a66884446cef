<?cs include:"_head.cs" ?>
<h1><?cs var:L.misuse.rules_title ?></h1>
<p><a href="/misuse"><?cs var:L.misuse.title ?></a></p>
<section class="card">
  <p class="hint"><?cs var:L.misuse.rules_hint ?></p>
  <table id="rules">
    <thead><tr><th><?cs var:L.misuse.rule ?></th><th><?cs var:L.misuse.enabled ?></th><th><?cs var:L.misuse.threshold ?></th><th><?cs var:L.misuse.window ?></th><th><?cs var:L.misuse.params ?></th><?cs if:Can.edit ?><th></th><?cs /if ?></tr></thead>
    <tbody>
    <?cs each:u = Rules ?><tr id="rule-<?cs var:u.code ?>">
      <?cs if:Can.edit ?>
      <td><?cs var:L.misuse.rules[u.code] ?><br><span class="muted"><?cs var:L.misuse.explain[u.code] ?></span></td>
      <td colspan="5"><form method="post" action="/misuse/rules" class="inline-form">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="code" value="<?cs var:u.code ?>"><input type="hidden" name="version" value="<?cs var:u.version ?>">
        <label><input type="checkbox" name="enabled" value="1"<?cs if:u.enabled == "1" ?> checked<?cs /if ?>> <?cs var:L.misuse.enabled ?></label>
        <label><?cs var:L.misuse.threshold ?> <input type="number" name="threshold" value="<?cs var:u.threshold ?>" min="1" max="99999"></label>
        <label><?cs var:L.misuse.window ?> <input type="number" name="window_minutes" value="<?cs var:u.window ?>" min="0" max="99999"></label>
        <?cs if:u.code == "odd_hours" ?><label><?cs var:L.misuse.night_from ?> <input type="number" name="param1" value="<?cs var:u.param1 ?>" min="0" max="23"></label>
        <label><?cs var:L.misuse.night_to ?> <input type="number" name="param2" value="<?cs var:u.param2 ?>" min="0" max="24"></label><?cs else ?><input type="hidden" name="param1" value="<?cs var:u.param1 ?>"><input type="hidden" name="param2" value="<?cs var:u.param2 ?>"><?cs /if ?>
        <button type="submit"><?cs var:L.misuse.save ?></button></form></td>
      <?cs else ?>
      <td><?cs var:L.misuse.rules[u.code] ?></td><td><?cs if:u.enabled == "1" ?>✓<?cs else ?>－<?cs /if ?></td><td><?cs var:u.threshold ?></td><td><?cs var:u.window ?></td><td><?cs var:u.param1 ?>–<?cs var:u.param2 ?></td>
      <?cs /if ?>
    </tr><?cs /each ?>
    </tbody>
  </table>
</section>
<?cs include:"_foot.cs" ?>
