<?cs include:"_head.cs" ?><?cs include:"_office_user_row.cs" ?>
<h1><?cs var:L.office.roster_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.office.roster_hint ?></p>
  <p class="actions"><a class="button" href="/applications/new?kind=user_register" id="roster-new"><?cs var:L.council.new_user ?></a> <a class="button secondary" href="/applications"><?cs var:L.council.apps_title ?></a></p>
</section>
<?cs if:Users_n == 0 ?><p id="users-none"><?cs var:L.office.users_none ?></p><?cs else ?>
<div class="tablewrap"><table id="roster">
  <thead><tr><th><?cs var:L.certs.name ?></th><th><?cs var:L.certs.login ?></th><th><?cs var:L.council.profession ?></th><th><?cs var:L.office.roles ?></th><th class="nowrap"><?cs var:L.office.ustatus_h ?></th><th class="nowrap"><?cs var:L.office.cert_until ?></th><th class="nowrap"><?cs var:L.office.last_login ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:u = Users ?><tr id="user-<?cs var:u.login ?>"<?cs if:u.status != "active" ?> class="muted"<?cs /if ?>>
    <td class="nowrap"><?cs var:u.name ?></td><td><?cs var:u.login ?></td><td><?cs var:u.profession ?></td><td><?cs call:uroles(u) ?></td>
    <td class="nowrap"><?cs call:ustatus(u) ?></td><td class="nowrap"><?cs call:ucert(u) ?></td><td class="nowrap"><?cs call:ulogin(u) ?></td>
    <td><?cs if:u.status == "active" && !u.ends_on ?><a class="button secondary nowrap" href="/applications/new?kind=user_withdraw&amp;target=<?cs var:url_escape(u.id) ?>" id="withdraw-<?cs var:u.login ?>"><?cs var:L.office.withdraw ?></a><?cs /if ?></td></tr><?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
