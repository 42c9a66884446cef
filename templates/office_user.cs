<?cs include:"_head.cs" ?><?cs include:"_office_user_row.cs" ?>
<h1><?cs var:User.name ?></h1>
<p><a href="/admin/users?facility=<?cs var:url_escape(User.facility_id) ?>"><?cs var:L.office.users_title ?></a></p>
<section class="card">
  <dl class="kv" id="user">
    <dt><?cs var:L.certs.login ?></dt><dd><?cs var:User.login ?></dd>
    <dt><?cs var:L.certs.facility ?></dt><dd><?cs var:User.facility ?></dd>
    <dt><?cs var:L.council.profession ?></dt><dd><?cs var:User.profession ?></dd>
    <dt><?cs var:L.office.roles ?></dt><dd><?cs call:uroles(User) ?></dd>
    <dt><?cs var:L.office.ustatus_h ?></dt><dd id="user-status"><?cs call:ustatus(User) ?></dd>
    <dt><?cs var:L.office.cert_until ?></dt><dd><?cs call:ucert(User) ?></dd>
    <dt><?cs var:L.office.last_login ?></dt><dd><?cs call:ulogin(User) ?></dd>
  </dl>
  <?cs if:Session.role.operator && User.status == "active" && !User.cert_until ?><p><a class="button" href="/admin/certs?user=<?cs var:url_escape(User.id) ?>#issue-form"><?cs var:L.office.to_issue ?></a></p><?cs /if ?>
</section>
<?cs if:Session.role.operator && (User.status == "active" || User.status == "disabled") ?>
<section class="card">
  <h2><?cs if:User.status == "active" ?><?cs var:L.office.disable_title ?><?cs else ?><?cs var:L.office.enable_title ?><?cs /if ?></h2>
  <p class="hint"><?cs if:User.status == "active" ?><?cs var:L.office.disable_hint ?><?cs else ?><?cs var:L.office.enable_hint ?><?cs /if ?></p>
  <form method="post" action="/admin/users/status" class="form" id="status-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:User.id ?>">
    <input type="hidden" name="version" value="<?cs var:User.version ?>">
    <input type="hidden" name="status" value="<?cs if:User.status == "active" ?>disabled<?cs else ?>active<?cs /if ?>">
    <div class="row wide"><label for="reason"><?cs var:L.office.reason ?></label>
      <textarea id="reason" name="reason" rows="2" maxlength="1000"><?cs var:Form.reason ?></textarea><?cs call:ferr("reason") ?></div>
    <button type="submit" class="<?cs if:User.status == "active" ?>danger<?cs else ?>primary<?cs /if ?>" id="status-submit"><?cs if:User.status == "active" ?><?cs var:L.office.disable ?><?cs else ?><?cs var:L.office.enable ?><?cs /if ?></button>
  </form>
  <?cs if:User.status == "active" ?><p class="hint"><?cs var:L.office.a13_hint ?> <a href="/applications?revoke=<?cs var:url_escape(User.login) ?>#revoke-id" id="to-revoke-id"><?cs var:L.council.revoke_title ?></a></p><?cs /if ?>
</section>
<section class="card">
  <h2><?cs var:L.office.address_title ?></h2>
  <p class="hint"><?cs var:L.office.address_hint ?></p>
  <form method="post" action="/admin/users/address" class="form" id="address-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:User.id ?>">
    <input type="hidden" name="version" value="<?cs var:User.version ?>">
    <div class="row wide"><label for="address"><?cs var:L.council.fac_address ?></label>
      <input type="text" id="address" name="address" maxlength="300" value="<?cs var:Form.address ?>"></div>
    <button type="submit" class="primary" id="address-submit"><?cs var:L.office.save ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:subcount(History) > 0 ?>
<section class="card">
  <h2><?cs var:L.office.status_history ?></h2>
  <div class="tablewrap"><table id="status-history">
    <thead><tr><th class="nowrap"><?cs var:L.office.at ?></th><th><?cs var:L.office.ustatus_h ?></th><th><?cs var:L.office.reason ?></th><th><?cs var:L.office.by ?></th></tr></thead>
    <tbody><?cs each:h = History ?><tr><td class="nowrap"><?cs var:h.at ?></td><td class="nowrap"><?cs var:L.office.ustatus[h.status] ?></td><td class="prewrap"><?cs var:h.reason ?></td><td class="nowrap"><?cs var:h.by ?></td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
