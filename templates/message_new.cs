<?cs include:"_head.cs" ?>
<h1><?cs var:L.message.new_title ?></h1>
<p class="lead"><?cs var:L.message.new_lead ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.message.form_invalid ?></p><?cs /if ?>
<section class="card">
<form method="post" action="/messages/new" class="form" id="message-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
  <fieldset class="row"><legend><?cs var:L.message.to ?></legend>
    <label><input type="radio" name="to_kind" value="user" id="to-kind-user"<?cs if:Form.to_kind == "user" ?> checked<?cs /if ?>> <?cs var:L.message.to_user ?></label>
    <label><input type="radio" name="to_kind" value="facility" id="to-kind-facility"<?cs if:Form.to_kind == "facility" ?> checked<?cs /if ?>> <?cs var:L.message.to_facility ?></label>
    <?cs call:ferr("to_kind") ?></fieldset>
  <div class="row"><label for="to"><?cs var:L.message.to_login ?></label>
    <input type="text" id="to" name="to" maxlength="64" value="<?cs var:Form.to ?>"<?cs if:Form.err_to ?> class="invalid" aria-invalid="true"<?cs /if ?>>
    <span class="hint"><?cs var:L.message.to_login_hint ?></span><?cs call:ferr("to") ?></div>
  <div class="row"><label for="facility"><?cs var:L.message.facility ?></label>
    <select id="facility" name="facility"<?cs if:Form.err_facility ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.message.choose ?></option>
    <?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"<?cs if:Form.facility == f.id ?> selected<?cs /if ?>><?cs var:f.name ?><?cs if:f.in_region == "0" ?>（<?cs var:L.fed.out_of_region ?>）<?cs /if ?></option><?cs /each ?>
    </select><?cs call:ferr("facility") ?></div>
  <div class="row"><label for="subject"><?cs var:L.message.subject ?></label>
    <input type="text" id="subject" name="subject" maxlength="200" value="<?cs var:Form.subject ?>"<?cs if:Form.err_subject ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("subject") ?></div>
  <div class="row"><label for="body"><?cs var:L.message.body ?></label>
    <textarea id="body" name="body" rows="8" maxlength="4000"<?cs if:Form.err_body ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea><?cs call:ferr("body") ?></div>
  <?cs if:Form.p ?><div class="row"><span class="label"><?cs var:L.message.patient ?></span>
    <input type="hidden" name="p" value="<?cs var:Form.p ?>">
    <?cs if:Form.patient_name ?><span id="patient-ref"><?cs var:Form.patient_name ?></span><?cs else ?><span id="patient-ref" class="warn-text"><?cs var:L.message.patient_hidden ?></span><?cs /if ?>
    <span class="hint"><?cs var:L.message.patient_hint ?></span><?cs call:ferr("p") ?></div><?cs /if ?>
  <p class="actions"><button type="submit" class="primary" id="message-submit"><?cs var:L.message.send ?></button> <a class="button secondary" href="/messages"><?cs var:L.message.cancel ?></a></p>
</form>
</section>
<?cs include:"_foot.cs" ?>
