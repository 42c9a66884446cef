<?cs include:"_head.cs" ?>
<h1><?cs var:L.fed.facilities_title ?></h1>
<?cs if:Can.edit ?><p class="actions"><a class="button" href="/admin/facilities/new" id="facility-new"><?cs var:L.office.fac_new_title ?></a></p><?cs /if ?>
<section class="card">
  <p class="hint"><?cs var:L.fed.facilities_hint ?></p>
  <p><?cs var:L.fed.facilities_count ?> <strong id="facilities-n"><?cs var:Facilities_n ?></strong> <?cs var:L.fed.of_which_out ?> <strong id="facilities-out"><?cs var:Facilities_out ?></strong></p>
  <div class="tablewrap"><table id="facilities">
    <thead><tr><th><?cs var:L.fed.code ?></th><th><?cs var:L.fed.facility ?></th><th><?cs var:L.fed.kind ?></th><th><?cs var:L.office.fac_status ?></th><th><?cs var:L.fed.users ?></th><th><?cs var:L.fed.region ?></th></tr></thead>
    <tbody>
    <?cs each:f = Facilities ?><tr id="facility-<?cs var:f.code ?>"<?cs if:f.in_region == "0" ?> class="out-of-region"<?cs /if ?>>
      <td class="mono"><?cs var:f.code ?></td>
      <td><?cs if:Can.edit ?><a href="/admin/facilities/edit?id=<?cs var:url_escape(f.id) ?>" id="edit-<?cs var:f.code ?>"><?cs var:f.name ?></a><?cs else ?><?cs var:f.name ?><?cs /if ?><?cs if:f.in_region == "0" ?> <span class="badge-out"><?cs var:L.fed.out_of_region ?></span><?cs /if ?></td>
      <td class="nowrap"><?cs var:L.council["fk_" + f.kind] ?></td>
      <td class="nowrap fac-status"><?cs var:L.office.fstatus[f.status] ?></td>
      <td><?cs var:f.users ?></td>
      <td><?cs if:f.in_region == "0" ?><?cs var:L.fed.out_of_region ?><?cs else ?><?cs var:L.fed.in_region ?><?cs /if ?>
        <?cs if:Can.edit ?><a class="button secondary nowrap" href="/facilities/region?id=<?cs var:url_escape(f.id) ?>" id="region-<?cs var:f.code ?>"><?cs if:f.in_region == "0" ?><?cs var:L.office.mark_in ?><?cs else ?><?cs var:L.office.mark_out ?><?cs /if ?></a><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
</section>
<p><a href="/federation"><?cs var:L.fed.title ?></a></p>
<?cs include:"_foot.cs" ?>
