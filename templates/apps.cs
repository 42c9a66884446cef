<?cs include:"_head.cs" ?>
<h1><?cs var:L.council.apps_title ?></h1>
<?cs if:!Session.role.facility_manager && (Session.role.operator || Session.role.staff) ?>
<p class="actions"><a class="button" href="/applications/new?kind=facility_join" id="new-join"><?cs var:L.council.new_join_paper ?></a></p>
<?cs /if ?>
<?cs if:Session.role.facility_manager ?>
<p class="actions">
  <a class="button" href="/applications/new?kind=user_register" id="new-user"><?cs var:L.council.new_user ?></a>
  <a class="button" href="/applications/new?kind=user_withdraw" id="new-withdraw"><?cs var:L.council.new_withdraw ?></a>
  <a class="button" href="/applications/new?kind=facility_join" id="new-join"><?cs var:L.council.new_join ?></a>
</p>
<?cs /if ?>
<?cs if:Apps_n == 0 ?><p><?cs var:L.council.none ?></p><?cs else ?>
<table id="apps">
  <thead><tr><th><?cs var:L.council.kind ?></th><th><?cs var:L.council.subject ?></th><th><?cs var:L.council.facility ?></th><th class="nowrap"><?cs var:L.council.submitted ?></th><th><?cs var:L.council.status ?></th></tr></thead>
  <tbody>
  <?cs each:a = Apps ?>
  <tr>
    <td><a href="/applications/view?id=<?cs var:url_escape(a.id) ?>"><?cs var:L.council["kind_" + a.kind] ?></a></td>
    <td><?cs var:a.subject ?></td><td><?cs var:a.facility ?></td>
    <td class="nowrap"><?cs var:a.submitted ?></td>
    <td class="nowrap"><?cs var:L.council["status_" + a.status] ?><?cs if:a.decision_kind ?>（<?cs var:L.council["dk_" + a.decision_kind] ?>）<?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs if:Session.role.operator || Session.role.president ?>
<section class="card" id="revoke-id">
  <h2><?cs var:L.council.revoke_title ?></h2>
  <p><?cs var:L.council.revoke_note ?></p>
  <?cs if:Form.invalid ?><p class="error-box" role="alert" id="form-invalid"><?cs var:L.council.form_invalid ?></p><?cs /if ?>
  <form method="post" action="/users/revoke" class="form" id="revoke-id-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row"><label for="rv-login"><?cs var:L.council.revoke_login ?></label>
      <input type="text" id="rv-login" name="login" maxlength="64" value="<?cs var:Revoke.login ?>"><?cs call:ferr("rv_login") ?></div>
    <div class="row"><label for="rv-reason"><?cs var:L.council.revoke_reason ?></label>
      <select id="rv-reason" name="reason"><option value=""><?cs var:L.council.choose ?></option>
        <?cs each:k = L.office.rr ?><option value="<?cs name:k ?>"<?cs if:Revoke.reason == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
      </select><?cs call:ferr("rv_reason") ?></div>
    <div class="row"><label for="rv-detail"><?cs var:L.council.revoke_detail ?></label>
      <textarea id="rv-detail" name="detail" rows="3" maxlength="1000"><?cs var:Revoke.detail ?></textarea></div>
    <button type="submit" class="button secondary" id="revoke-next"><?cs var:L.office.revoke_id_next ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
