<?cs include:"_head.cs" ?>
<h1><?cs var:L.links.title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.links.hint ?></p>
  <?cs if:Facilities.0.id ?>
  <form method="get" action="/links" class="inline-form" id="links-filter">
    <div class="row"><label for="lf"><?cs var:L.links.facility ?></label>
      <select id="lf" name="facility"><option value="0"><?cs var:L.links.all ?></option>
      <?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"<?cs if:Filter.facility == f.id ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?></select></div>
    <button type="submit"><?cs var:L.links.filter ?></button>
  </form>
  <?cs /if ?>
  <?cs if:Unlinked_n == 0 ?><p id="links-none"><?cs var:L.links.none ?></p><?cs else ?>
  <table id="unlinked">
    <thead><tr><th><?cs var:L.links.facility ?></th><th><?cs var:L.links.local_id ?></th><th><?cs var:L.links.from_facility ?></th><th><?cs var:L.links.candidates ?></th></tr></thead>
    <tbody>
    <?cs each:u = Unlinked ?><tr id="unlinked-<?cs var:u.id ?>">
      <td><?cs var:u.facility ?></td><td class="mono"><?cs var:u.local_id ?></td>
      <td><?cs var:u.name ?>（<?cs var:u.kana ?>）<br><?cs var:L.patients["sex_" + u.sex] ?>・<?cs call:born(u.birth_date) ?> <?cs call:years(u.birth_date) ?></td>
      <td><?cs if:u.asked ?><span class="link-asked"><?cs var:L.links.asked ?></span><?cs else ?>
        <?cs each:c = u.cand ?><form method="post" action="/links/link" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="link" value="<?cs var:u.id ?>"><input type="hidden" name="version" value="<?cs var:u.version ?>"><input type="hidden" name="p" value="<?cs var:c.handle ?>">
          <span class="mono"><?cs var:c.network_id ?></span> <?cs var:c.name ?> <button type="submit" class="link-to"><?cs var:L.links.link_to ?></button></form><br><?cs /each ?>
        <?cs if:subcount(u.cand) == 0 ?><span class="muted"><?cs var:L.links.no_candidates ?></span><br><?cs /if ?>
        <form method="post" action="/links/link" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="link" value="<?cs var:u.id ?>"><input type="hidden" name="version" value="<?cs var:u.version ?>"><input type="hidden" name="new_patient" value="1">
          <button type="submit" class="new-patient"><?cs var:L.links.new_patient ?></button></form><?cs /if ?>
      </td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
