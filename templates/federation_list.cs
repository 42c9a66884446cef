<?cs include:"_head.cs" ?>
<h1><?cs var:L.fed.title ?></h1>
<p class="lead"><?cs var:L.fed.lead ?></p>
<section class="card">
  <?cs if:Agreements_n == 0 ?><p id="agreements-none"><?cs var:L.fed.none ?></p><?cs else ?>
  <table id="agreements">
    <thead><tr><th><?cs var:L.fed.partner ?></th><th><?cs var:L.fed.signed_on ?></th><th><?cs var:L.fed.status ?></th><th><?cs var:L.fed.points ?></th></tr></thead>
    <tbody>
    <?cs each:a = Agreements ?><tr id="agreement-<?cs var:a.id ?>">
      <td><a href="/federation/view?id=<?cs var:a.id ?>"><?cs var:a.partner ?></a></td>
      <td class="nowrap"><?cs var:dja(a.signed_on) ?></td>
      <td><span class="status status-<?cs var:a.status ?>"><?cs var:L.fed.status_name[a.status] ?></span></td>
      <td><?cs var:a.points ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <p><a href="/facilities" id="facilities-link"><?cs var:L.fed.facilities_title ?></a></p>
</section>
<?cs if:Can.edit ?>
<section class="card">
  <h2><?cs var:L.fed.new_title ?></h2>
  <?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.fed.form_invalid ?></p><?cs /if ?>
  <form method="post" action="/federation/new" class="form" id="agreement-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row"><label for="partner"><?cs var:L.fed.partner ?></label>
      <input type="text" id="partner" name="partner" maxlength="200" value="<?cs var:Form.partner ?>"<?cs if:Form.err_partner ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("partner") ?></div>
    <div class="row"><label for="signed_on"><?cs var:L.fed.signed_on ?></label>
      <input type="date" id="signed_on" name="signed_on" value="<?cs var:Form.signed_on ?>"><span class="hint"><?cs var:L.fed.signed_hint ?></span></div>
    <div class="row"><label for="note"><?cs var:L.fed.note ?></label>
      <textarea id="note" name="note" rows="3" maxlength="2000"><?cs var:Form.note ?></textarea></div>
    <p class="actions"><button type="submit" class="primary" id="agreement-submit"><?cs var:L.fed.create ?></button></p>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
