<?cs include:"_head.cs" ?>
<h1><?cs var:L.certs.title ?></h1>
<section class="card">
  <h2><?cs var:L.certs.issue ?></h2>
  <p><?cs var:L.certs.issue_lead ?></p>
  <form method="post" action="/admin/certs/issue" class="form inline-form" id="issue-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row">
      <label for="issue-login"><?cs var:L.certs.login ?></label>
      <input type="text" id="issue-login" name="login" value="<?cs var:Issue.login ?>" maxlength="64" required <?cs if:Issue.err_login ?>class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Issue.err_login ?><span class="field-error" id="err-login"><?cs var:Issue.err_login ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="issue-days"><?cs var:L.certs.days ?></label>
      <input type="text" inputmode="numeric" id="issue-days" name="days" value="<?cs if:Issue.days ?><?cs var:Issue.days ?><?cs else ?>365<?cs /if ?>" maxlength="4" <?cs if:Issue.err_days ?>class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Issue.err_days ?><span class="field-error"><?cs var:Issue.err_days ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="issue-submit"><?cs var:L.certs.submit_issue ?></button>
    <button type="submit" class="button" id="initpw-submit" formaction="/admin/users/password"><?cs var:L.certs.initpw_submit ?></button>
  </form>
  <p class="hint"><?cs var:L.certs.initpw_note ?></p>
</section>
<?cs if:Waiting_n > 0 ?>
<section class="card" id="cert-waiting">
  <h2><?cs var:L.office.waiting_title ?>（<?cs var:Waiting_n ?>）</h2>
  <p class="hint"><?cs var:L.office.waiting_hint ?></p>
  <div class="tablewrap"><table id="waiting">
    <thead><tr><th><?cs var:L.certs.name ?></th><th><?cs var:L.certs.login ?></th><th><?cs var:L.certs.facility ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:w = Waiting ?><tr id="waiting-<?cs var:w.login ?>"><td class="nowrap"><?cs var:w.name ?></td><td><?cs var:w.login ?></td><td><?cs var:w.facility ?></td>
      <td><form method="post" action="/admin/certs/issue" class="inline"><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="login" value="<?cs var:w.login ?>"><button type="submit" class="primary"><?cs var:L.certs.submit_issue ?></button></form></td></tr><?cs /each ?>
    </tbody>
  </table></div>
</section>
<?cs /if ?>
<nav class="tabs" aria-label="filter">
  <a href="/admin/certs" <?cs if:Certs_view == "all" ?>aria-current="page"<?cs /if ?>><?cs var:L.certs.all ?></a>
  <a href="/admin/certs?view=expiring" id="tab-expiring" <?cs if:Certs_view == "expiring" ?>aria-current="page"<?cs /if ?>><?cs var:L.certs.expiring ?></a>
</nav>
<?cs if:Certs_n == 0 ?><p id="certs-none"><?cs var:L.certs.none ?></p><?cs else ?>
<div class="tablewrap"><table id="certs">
  <thead><tr><th><?cs var:L.certs.name ?></th><th><?cs var:L.certs.login ?></th><th><?cs var:L.certs.facility ?></th><th class="nowrap"><?cs var:L.certs.not_after ?></th><th class="nowrap"><?cs var:L.certs.status ?></th><th><?cs var:L.certs.serial ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:c = Certs ?>
  <tr<?cs if:c.expiring ?> class="warn"<?cs /if ?>>
    <td class="nowrap"><?cs var:c.name ?></td><td><?cs var:c.login ?></td><td><?cs var:c.facility ?></td>
    <td class="nowrap"><?cs var:dja(c.not_after) ?><?cs if:c.expiring ?><br>（<?cs if:c.days_left < 0 ?><?cs var:L.office.expired ?><?cs else ?><?cs var:L.certs.days_left ?> <?cs var:c.days_left ?><?cs /if ?>）<?cs /if ?></td>
    <td class="nowrap"><?cs if:c.status == "active" ?><?cs var:L.certs.active ?><?cs if:c.pending_download == "1" ?><br><?cs var:L.certs.pending ?><?cs /if ?><?cs else ?><?cs var:L.certs.revoked ?><?cs if:c.reason ?><br><span class="hint"><?cs var:L.certs["reason_" + c.reason] ?></span><?cs /if ?><?cs /if ?></td>
    <td class="mono serial" title="<?cs var:c.serial ?>"><?cs var:c.serial ?></td>
    <td><?cs if:c.status == "active" ?><a class="button secondary nowrap" href="/admin/certs/revoke?serial=<?cs var:url_escape(c.serial) ?>" id="revoke-<?cs var:c.id ?>"><?cs var:L.office.revoke_ask ?></a><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
