<?cs include:"_head.cs" ?>
<h1><?cs var:L.council.op_title ?></h1>
<p><?cs var:L.council.op_lead ?></p>
<?cs if:Appoint.allowed ?>
<section class="card">
  <h2><?cs var:L.council.appoint ?></h2>
  <form method="post" action="/council/operator/appoint" class="form inline-form" id="appoint-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row">
      <label for="appoint-login"><?cs var:L.council.login ?></label>
      <input type="text" id="appoint-login" name="login" value="<?cs var:Appoint.login ?>" maxlength="64" required <?cs if:Appoint.err_login ?>class="invalid" aria-invalid="true" aria-describedby="err-login"<?cs /if ?>>
      <?cs if:Appoint.err_login ?><span class="field-error" id="err-login"><?cs var:Appoint.err_login ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="appoint-submit" title="<?cs var:L.council.appoint_confirm ?>"><?cs var:L.council.appoint_submit ?></button>
  </form>
</section>
<?cs /if ?>
<h2><?cs var:L.council.op_history ?></h2>
<?cs if:Appts_n == 0 ?><p id="appts-none"><?cs var:L.council.op_none ?></p><?cs else ?>
<table id="appts">
  <thead><tr><th><?cs var:L.council.operator ?></th><th class="nowrap"><?cs var:L.council.from ?></th><th class="nowrap"><?cs var:L.council.to ?></th><th><?cs var:L.council.appointed_by ?></th></tr></thead>
  <tbody>
  <?cs each:a = Appts ?>
  <tr<?cs if:a.current ?> class="current"<?cs /if ?>>
    <td><?cs var:a.name ?>（<?cs var:a.login ?>）</td>
    <td class="nowrap"><?cs var:a.from ?></td>
    <td class="nowrap"><?cs if:a.current ?><?cs var:L.council.current ?><?cs else ?><?cs var:a.to ?><?cs /if ?></td>
    <td><?cs var:a.by_name ?>（<?cs var:a.by_login ?>）</td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
