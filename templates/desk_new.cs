<?cs include:"_head.cs" ?>
<h1><?cs if:Desk.staff ?><?cs var:L.desk.new_title ?><?cs else ?><?cs var:L.desk.new_title_user ?><?cs /if ?></h1>
<p class="lead"><?cs if:Desk.staff ?><?cs var:L.desk.lead ?><?cs else ?><?cs var:L.desk.lead_user ?><?cs /if ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.desk.form_invalid ?></p><?cs /if ?>
<section class="card">
<form method="post" action="/desk/complaints/new" class="form" id="complaint-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
<?cs if:Desk.staff ?>
  <div class="row"><label for="from"><?cs var:L.desk.from ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <select id="from" name="from"<?cs if:Form.err_from ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.choose ?></option>
    <?cs each:o = Opt.kind ?><option value="<?cs var:o ?>"<?cs if:Form.from == o ?> selected<?cs /if ?>><?cs var:L.desk.kind[o] ?></option><?cs /each ?>
    </select><?cs call:ferr("from") ?></div>
  <div class="row"><label for="name"><?cs var:L.desk.name ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <input type="text" id="name" name="name" maxlength="100" value="<?cs var:Form.name ?>"<?cs if:Form.err_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
    <span class="hint"><?cs var:L.desk.name_hint ?></span><?cs call:ferr("name") ?></div>
  <div class="row"><label for="facility"><?cs var:L.desk.facility ?></label>
    <select id="facility" name="facility"<?cs if:Form.err_facility ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.facility_none ?></option>
    <?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"<?cs if:Form.facility == f.id ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?>
    </select><?cs call:ferr("facility") ?></div>
  <div class="row"><label for="channel"><?cs var:L.desk.channel ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <select id="channel" name="channel"<?cs if:Form.err_channel ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.choose ?></option>
    <?cs each:o = Opt.channel ?><option value="<?cs var:o ?>"<?cs if:Form.channel == o ?> selected<?cs /if ?>><?cs var:L.desk.channel_name[o] ?></option><?cs /each ?>
    </select><?cs call:ferr("channel") ?></div>
<?cs else ?>
  <dl class="kv self" id="complainant-self">
    <dt><?cs var:L.desk.name ?></dt><dd id="self-name"><?cs var:Form.name ?></dd>
    <dt><?cs var:L.desk.facility_self ?></dt><dd id="self-facility"><?cs var:Form.facility_name ?></dd>
    <dt><?cs var:L.desk.channel ?></dt><dd><?cs var:L.desk.channel_name.user ?></dd>
  </dl>
<?cs /if ?>
  <div class="row"><label for="contact_kind"><?cs var:L.desk.contact_kind ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <select id="contact_kind" name="contact_kind"<?cs if:Form.err_contact_kind ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.choose ?></option>
    <?cs each:o = Opt.contact ?><option value="<?cs var:o ?>"<?cs if:Form.contact_kind == o ?> selected<?cs /if ?>><?cs var:L.desk.contact_kinds[o] ?></option><?cs /each ?>
    </select><?cs call:ferr("contact_kind") ?></div>
  <div class="row"><label for="contact"><?cs var:L.desk.contact ?></label>
    <input type="text" id="contact" name="contact" maxlength="300" value="<?cs var:Form.contact ?>"<?cs if:Form.err_contact ?> class="invalid" aria-invalid="true"<?cs /if ?>>
    <span class="hint"><?cs var:L.desk.contact_hint ?></span><?cs call:ferr("contact") ?></div>
  <div class="row"><label for="category"><?cs var:L.desk.category ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <select id="category" name="category"<?cs if:Form.err_category ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.choose ?></option>
    <?cs each:o = Opt.cat ?><option value="<?cs var:o ?>"<?cs if:Form.category == o ?> selected<?cs /if ?>><?cs var:L.desk.cat[o] ?></option><?cs /each ?>
    </select><?cs call:ferr("category") ?></div>
  <div class="row wide"><label for="contents"><?cs var:L.desk.contents ?> <span class="req"><?cs var:L.desk.required ?></span></label>
    <textarea id="contents" name="contents" rows="8" maxlength="4000"<?cs if:Form.err_contents ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.contents ?></textarea>
    <?cs if:Desk.staff ?><span class="hint"><?cs var:L.desk.contents_hint ?></span><?cs /if ?><?cs call:ferr("contents") ?></div>
<?cs if:Desk.staff ?>
  <div class="row"><label for="assignee"><?cs var:L.desk.assignee ?></label>
    <select id="assignee" name="assignee"<?cs if:Form.err_assignee ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.desk.assignee_none ?></option>
    <?cs each:a = Assignees ?><option value="<?cs var:a.id ?>"<?cs if:Form.assignee == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
    </select><?cs call:ferr("assignee") ?></div>
<?cs /if ?>
  <p class="hint"><?cs var:L.desk.due_note_a ?> <?cs var:Desk.due_days ?> <?cs var:L.desk.due_note_b ?></p>
  <button type="submit" class="primary" id="complaint-submit"><?cs if:Desk.staff ?><?cs var:L.desk.submit ?><?cs else ?><?cs var:L.desk.submit_user ?><?cs /if ?></button>
</form>
</section>
<p><a href="/desk/complaints"><?cs var:L.desk.back_list ?></a></p>
<?cs include:"_foot.cs" ?>
