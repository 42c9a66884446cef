<?cs include:"_head.cs" ?>
<?cs def:fkind(k) ?><option value="<?cs var:k ?>"<?cs if:Form.kind == k ?> selected<?cs /if ?>><?cs var:L.council["fk_" + k] ?></option><?cs /def ?>
<h1><?cs if:Fac.id ?><?cs var:Fac.name ?><?cs else ?><?cs var:L.office.fac_new_title ?><?cs /if ?></h1>
<p><a href="/facilities"><?cs var:L.fed.facilities_title ?></a></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
<?cs if:Fac.id ?>
<section class="card" id="fac-state">
  <dl class="kv">
    <dt><?cs var:L.fed.code ?></dt><dd class="mono" id="fac-code"><?cs var:Fac.code ?></dd>
    <dt><?cs var:L.office.fac_status ?></dt><dd id="fac-status"><?cs var:L.office.fstatus[Fac.status] ?></dd>
    <dt><?cs var:L.fed.region ?></dt><dd id="fac-region"><?cs if:Fac.in_region == "0" ?><?cs var:L.fed.out_of_region ?><?cs else ?><?cs var:L.fed.in_region ?><?cs /if ?>
      <a class="button secondary" id="region-ask" href="/facilities/region?id=<?cs var:url_escape(Fac.id) ?>"><?cs if:Fac.in_region == "0" ?><?cs var:L.office.mark_in ?><?cs else ?><?cs var:L.office.mark_out ?><?cs /if ?></a></dd>
  </dl>
  <?cs if:Fac.status == "applying" ?><p class="notice" id="fac-next"><?cs var:L.office.next_applying ?> <a class="button" id="fac-form1" href="/applications/new?kind=facility_join&amp;facility=<?cs var:url_escape(Fac.id) ?>"><?cs var:L.office.enter_form1 ?></a></p>
  <?cs elif:Fac.status == "onboarding" ?><p class="notice" id="fac-next"><?cs var:L.office.next_onboarding ?> <a href="/applications"><?cs var:L.council.apps_title ?></a></p>
  <?cs elif:Fac.status == "active" ?><p class="hint" id="fac-next"><?cs var:L.office.next_active ?> <a href="/admin/users?facility=<?cs var:url_escape(Fac.id) ?>"><?cs var:L.office.users_title ?></a> ・ <a href="/admin/imports/sources?facility=<?cs var:url_escape(Fac.id) ?>"><?cs var:L.office.sources_title ?></a></p><?cs /if ?>
</section>
<?cs /if ?>
<section class="card">
<h2><?cs var:L.office.fac_particulars ?></h2>
<form method="post" action="<?cs if:Fac.id ?>/admin/facilities/edit<?cs else ?>/admin/facilities/new<?cs /if ?>" class="form" id="facility-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <?cs if:Fac.id ?><input type="hidden" name="id" value="<?cs var:Fac.id ?>"><input type="hidden" name="version" value="<?cs var:Fac.version ?>"><?cs /if ?>
  <?cs if:!Fac.id ?>
  <div class="row"><label for="code"><?cs var:L.fed.code ?></label>
    <input type="text" id="code" name="code" maxlength="32" autocomplete="off" value="<?cs var:Form.code ?>"><span class="hint"><?cs var:L.office.code_hint ?></span><?cs call:ferr("code") ?></div>
  <?cs /if ?>
  <div class="row"><label for="name"><?cs var:L.fed.facility ?></label>
    <input type="text" id="name" name="name" maxlength="200" value="<?cs var:Form.name ?>"><?cs call:ferr("name") ?></div>
  <div class="row"><label for="kind"><?cs var:L.fed.kind ?></label>
    <select id="kind" name="kind"><option value=""><?cs var:L.council.choose ?></option>
    <?cs call:fkind("hospital") ?><?cs call:fkind("clinic") ?><?cs call:fkind("dental") ?><?cs call:fkind("pharmacy") ?><?cs call:fkind("care_office") ?><?cs call:fkind("visiting_nursing") ?><?cs call:fkind("other") ?>
    </select><?cs call:ferr("kind") ?></div>
  <div class="row"><label for="medical_code"><?cs var:L.office.medical_code ?></label>
    <input type="text" id="medical_code" name="medical_code" maxlength="10" inputmode="numeric" value="<?cs var:Form.medical_code ?>"><span class="hint"><?cs var:L.office.medical_code_hint ?></span><?cs call:ferr("medical_code") ?></div>
  <div class="row"><label for="address"><?cs var:L.council.fac_address ?></label>
    <input type="text" id="address" name="address" maxlength="300" value="<?cs var:Form.address ?>"><?cs call:ferr("address") ?></div>
  <div class="row"><label for="phone"><?cs var:L.office.phone ?></label>
    <input type="tel" id="phone" name="phone" maxlength="30" value="<?cs var:Form.phone ?>"><?cs call:ferr("phone") ?></div>
  <div class="row"><label for="contact"><?cs var:L.office.contact ?></label>
    <input type="text" id="contact" name="contact" maxlength="100" value="<?cs var:Form.contact ?>"><?cs call:ferr("contact") ?></div>
  <fieldset class="row"><legend><?cs var:L.council.wants ?></legend>
    <label><input type="checkbox" name="disclosing" value="1" id="disclosing"<?cs if:Form.disclosing == "1" ?> checked<?cs /if ?>> <?cs var:L.council.wants_disclosing ?></label>
    <label><input type="checkbox" name="viewing" value="1" id="viewing"<?cs if:Form.viewing == "1" ?> checked<?cs /if ?>> <?cs var:L.council.wants_viewing ?></label><?cs call:ferr("viewing") ?></fieldset>
  <?cs if:!Fac.id ?>
  <fieldset class="row"><legend><?cs var:L.office.fac_status ?></legend>
    <label><input type="radio" name="status" value="applying" id="status-applying"<?cs if:Form.status != "active" ?> checked<?cs /if ?>> <?cs var:L.office.start_applying ?></label>
    <label><input type="radio" name="status" value="active" id="status-active"<?cs if:Form.status == "active" ?> checked<?cs /if ?>> <?cs var:L.office.start_active ?></label><?cs call:ferr("status") ?></fieldset>
  <p class="hint"><?cs var:L.office.new_in_region ?></p>
  <?cs /if ?>
  <div class="actions"><button type="submit" class="primary" id="facility-save"><?cs if:Fac.id ?><?cs var:L.office.save ?><?cs else ?><?cs var:L.office.add ?><?cs /if ?></button>
    <a class="button secondary" href="/facilities"><?cs var:L.office.cancel ?></a></div>
</form>
</section>
<?cs if:subcount(Region) > 0 ?>
<section class="card">
  <h2><?cs var:L.office.region_history ?></h2>
  <div class="tablewrap"><table id="region-history">
    <thead><tr><th><?cs var:L.office.decided_on ?></th><th><?cs var:L.fed.region ?></th><th><?cs var:L.office.decision ?></th><th><?cs var:L.office.by ?></th></tr></thead>
    <tbody><?cs each:h = Region ?><tr><td class="nowrap"><?cs var:h.decided_on ?></td><td class="nowrap"><?cs if:h.in_region == "0" ?><?cs var:L.fed.out_of_region ?><?cs else ?><?cs var:L.fed.in_region ?><?cs /if ?></td>
      <td><?cs var:L.council["dk_" + h.decision_kind] ?><?cs if:h.sole_reason ?>：<?cs var:h.sole_reason ?><?cs /if ?><?cs if:h.note ?><br><span class="hint"><?cs var:h.note ?></span><?cs /if ?></td><td class="nowrap"><?cs var:h.by ?>（<?cs var:h.at ?>）</td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
