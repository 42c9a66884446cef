<?cs include:"_head.cs" ?>
<h1><?cs var:L.notice.new_title ?></h1>
<p class="lead"><?cs var:L.notice.new_lead ?></p>
<?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.notice.form_invalid ?></p><?cs /if ?>
<section class="card">
<form method="post" action="/admin/notices/new" class="form" id="notice-form">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <div class="row"><label for="kind"><?cs var:L.notice.kind_label ?></label>
    <select id="kind" name="kind"<?cs if:Form.err_kind ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.notice.choose ?></option>
    <option value="change"<?cs if:Form.kind == "change" ?> selected<?cs /if ?>><?cs var:L.notice.kind.change ?></option>
    <option value="stop"<?cs if:Form.kind == "stop" ?> selected<?cs /if ?>><?cs var:L.notice.kind.stop ?></option>
    </select><?cs call:ferr("kind") ?></div>
  <div class="row"><label for="title"><?cs var:L.notice.title ?></label>
    <input type="text" id="title" name="title" maxlength="200" value="<?cs var:Form.title ?>"<?cs if:Form.err_title ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("title") ?></div>
  <div class="row"><label for="body"><?cs var:L.notice.body ?></label>
    <textarea id="body" name="body" rows="6" maxlength="4000"<?cs if:Form.err_body ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea><?cs call:ferr("body") ?></div>
  <div class="row"><label for="effective_on"><?cs var:L.notice.effective_on ?></label>
    <input type="date" id="effective_on" name="effective_on" value="<?cs var:Form.effective_on ?>"<?cs if:Form.err_effective_on ?> class="invalid" aria-invalid="true"<?cs /if ?>>
    <span class="hint"><?cs var:L.notice.effective_hint ?>（<?cs var:L.notice.today ?> <?cs var:dja(Notice.today) ?>）</span><?cs call:ferr("effective_on") ?></div>
  <div class="row"><label for="facility"><?cs var:L.notice.audience ?></label>
    <select id="facility" name="facility"<?cs if:Form.err_facility ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.notice.audience_all ?></option>
    <?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"<?cs if:Form.facility == f.id ?> selected<?cs /if ?>><?cs var:f.name ?><?cs if:f.in_region == "0" ?>（<?cs var:L.fed.out_of_region ?>）<?cs /if ?></option><?cs /each ?>
    </select><?cs call:ferr("facility") ?></div>
  <p class="actions"><button type="submit" class="primary" id="notice-submit"><?cs var:L.notice.save_draft ?></button> <a class="button secondary" href="/admin/notices"><?cs var:L.notice.cancel ?></a></p>
</form>
</section>
<?cs include:"_foot.cs" ?>
