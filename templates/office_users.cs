<?cs include:"_head.cs" ?><?cs include:"_office_user_row.cs" ?>
<h1><?cs var:L.office.users_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.office.users_hint ?></p>
  <form method="get" action="/admin/users" class="form inline-form" id="users-filter">
    <div class="row"><label for="facility"><?cs var:L.fed.facility ?></label>
      <select id="facility" name="facility"><option value=""><?cs var:L.office.all_facilities ?></option>
      <?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"<?cs if:Filter.facility == f.id ?> selected<?cs /if ?>><?cs var:f.code ?> <?cs var:f.name ?></option><?cs /each ?></select></div>
    <div class="row"><label for="q"><?cs var:L.office.q ?></label>
      <input type="text" id="q" name="q" maxlength="64" value="<?cs var:Filter.q ?>"></div>
    <button type="submit" class="primary" id="users-search"><?cs var:L.office.search ?></button>
  </form>
</section>
<?cs if:Users_n == 0 ?><p id="users-none"><?cs var:L.office.users_none ?></p><?cs else ?>
<div class="tablewrap"><table id="users">
  <thead><tr><th><?cs var:L.certs.name ?></th><th><?cs var:L.certs.login ?></th><th><?cs var:L.certs.facility ?></th><th><?cs var:L.office.roles ?></th><th class="nowrap"><?cs var:L.office.ustatus_h ?></th><th class="nowrap"><?cs var:L.office.cert_until ?></th><th class="nowrap"><?cs var:L.office.last_login ?></th></tr></thead>
  <tbody>
  <?cs each:u = Users ?><tr id="user-<?cs var:u.login ?>"<?cs if:u.status != "active" ?> class="muted"<?cs /if ?>>
    <td class="nowrap"><a href="/admin/users/view?id=<?cs var:url_escape(u.id) ?>"><?cs var:u.name ?></a></td><td><?cs var:u.login ?></td><td><?cs var:u.facility ?></td>
    <td><?cs call:uroles(u) ?></td><td class="nowrap"><?cs call:ustatus(u) ?></td><td class="nowrap"><?cs call:ucert(u) ?></td><td class="nowrap"><?cs call:ulogin(u) ?></td></tr><?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
