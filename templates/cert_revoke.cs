<?cs include:"_head.cs" ?>
<h1><?cs var:L.office.revoke_title ?></h1>
<section class="card">
  <dl class="kv" id="revoke-cert">
    <dt><?cs var:L.certs.name ?></dt><dd><?cs var:Revoke.name ?></dd>
    <dt><?cs var:L.certs.login ?></dt><dd><?cs var:Revoke.login ?></dd>
    <dt><?cs var:L.certs.facility ?></dt><dd><?cs var:Revoke.facility ?></dd>
    <dt><?cs var:L.certs.not_after ?></dt><dd><?cs var:Revoke.not_after ?></dd>
    <dt><?cs var:L.certs.serial ?></dt><dd class="mono"><?cs var:Revoke.serial ?></dd>
  </dl>
  <p class="notice" id="revoke-what"><?cs var:L.office.revoke_what ?></p>
  <form method="post" action="/admin/certs/revoke" class="form" id="revoke-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="serial" value="<?cs var:Revoke.serial ?>">
    <div class="row"><label for="reason"><?cs var:L.certs.reason ?></label>
      <select id="reason" name="reason"<?cs if:Form.err_reason ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.council.choose ?></option>
        <?cs each:k = L.office.revoke_reasons ?><option value="<?cs name:k ?>"<?cs if:Revoke.reason == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
      </select><?cs call:ferr("reason") ?></div>
    <div class="actions"><button type="submit" class="danger" id="revoke-submit"><?cs var:L.office.revoke_do ?></button>
      <a class="button secondary" href="/admin/certs"><?cs var:L.office.cancel ?></a></div>
  </form>
</section>
<?cs include:"_foot.cs" ?>
