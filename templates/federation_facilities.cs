<?cs include:"_head.cs" ?>
<h1><?cs var:L.fed.facilities_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.fed.facilities_hint ?></p>
  <p><?cs var:L.fed.facilities_count ?> <strong id="facilities-n"><?cs var:Facilities_n ?></strong> <?cs var:L.fed.of_which_out ?> <strong id="facilities-out"><?cs var:Facilities_out ?></strong></p>
  <table id="facilities">
    <thead><tr><th><?cs var:L.fed.code ?></th><th><?cs var:L.fed.facility ?></th><th><?cs var:L.fed.kind ?></th><th><?cs var:L.fed.users ?></th><th><?cs var:L.fed.region ?></th></tr></thead>
    <tbody>
    <?cs each:f = Facilities ?><tr id="facility-<?cs var:f.code ?>"<?cs if:f.in_region == "0" ?> class="out-of-region"<?cs /if ?>>
      <td class="mono"><?cs var:f.code ?></td>
      <td><?cs var:f.name ?><?cs if:f.in_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?><?cs if:f.status != "active" ?> <span class="muted">（<?cs var:f.status ?>）</span><?cs /if ?></td>
      <td><?cs var:f.kind ?></td>
      <td><?cs var:f.users ?></td>
      <td><?cs if:f.in_region == "0" ?><?cs var:L.fed.out_of_region ?><?cs else ?><?cs var:L.fed.in_region ?><?cs /if ?>
        <?cs if:Can.edit ?><form method="post" action="/facilities/region" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:f.id ?>"><input type="hidden" name="version" value="<?cs var:f.version ?>">
          <input type="hidden" name="in_region" value="<?cs if:f.in_region == "0" ?>1<?cs else ?>0<?cs /if ?>">
          <button type="submit" class="button secondary" id="region-<?cs var:f.code ?>"><?cs if:f.in_region == "0" ?><?cs var:L.fed.mark_in ?><?cs else ?><?cs var:L.fed.mark_out ?><?cs /if ?></button></form><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
</section>
<p><a href="/federation"><?cs var:L.fed.title ?></a></p>
<?cs include:"_foot.cs" ?>
