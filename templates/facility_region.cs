<?cs include:"_head.cs" ?>
<h1><?cs if:Fac.in_region == "0" ?><?cs var:L.office.mark_in_do ?><?cs else ?><?cs var:L.office.mark_out_do ?><?cs /if ?>：<?cs var:Fac.name ?></h1>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
<section class="card">
  <p class="notice" id="region-what"><?cs if:Fac.in_region == "0" ?><?cs var:L.office.region_in_what ?><?cs else ?><?cs var:L.office.region_out_what ?><?cs /if ?></p>
  <form method="post" action="/facilities/region" class="form" id="region-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Fac.id ?>">
    <input type="hidden" name="version" value="<?cs var:Fac.version ?>">
    <input type="hidden" name="in_region" value="<?cs if:Fac.in_region == "0" ?>1<?cs else ?>0<?cs /if ?>">
    <fieldset class="row"><legend><?cs var:L.office.decision ?></legend>
      <label><input type="radio" name="decision_kind" value="meeting" id="dk-meeting"<?cs if:Form.decision_kind == "meeting" ?> checked<?cs /if ?>> <?cs var:L.council.dk_meeting ?></label>
      <label><input type="radio" name="decision_kind" value="sole" id="dk-sole"<?cs if:Form.decision_kind == "sole" ?> checked<?cs /if ?>> <?cs var:L.council.dk_sole ?></label><?cs call:ferr("decision_kind") ?></fieldset>
    <div class="row"><label for="meeting"><?cs var:L.office.meeting ?></label>
      <select id="meeting" name="meeting"><option value=""><?cs var:L.council.choose ?></option>
      <?cs each:m = Meetings ?><option value="<?cs var:m.id ?>"<?cs if:Form.meeting == m.id ?> selected<?cs /if ?>><?cs var:m.held_on ?>（<?cs if:m.status == "held" ?><?cs var:L.council.held ?><?cs else ?><?cs var:L.council.planned ?><?cs /if ?>）</option><?cs /each ?>
      </select><?cs call:ferr("meeting") ?></div>
    <div class="row"><label for="decided_on"><?cs var:L.office.sole_on ?></label>
      <input type="date" id="decided_on" name="decided_on" value="<?cs var:Form.decided_on ?>"><?cs call:ferr("decided_on") ?></div>
    <div class="row"><label for="sole_reason"><?cs var:L.council.sole_reason ?></label>
      <textarea id="sole_reason" name="sole_reason" rows="2" maxlength="1000"><?cs var:Form.sole_reason ?></textarea><?cs call:ferr("sole_reason") ?></div>
    <div class="row"><label for="note"><?cs var:L.office.note ?></label>
      <textarea id="note" name="note" rows="2" maxlength="1000"><?cs var:Form.note ?></textarea></div>
    <div class="actions"><button type="submit" class="danger" id="region-submit"><?cs if:Fac.in_region == "0" ?><?cs var:L.office.mark_in_do ?><?cs else ?><?cs var:L.office.mark_out_do ?><?cs /if ?></button>
      <a class="button secondary" href="/admin/facilities/edit?id=<?cs var:url_escape(Fac.id) ?>"><?cs var:L.office.cancel ?></a></div>
  </form>
</section>
<?cs include:"_foot.cs" ?>
