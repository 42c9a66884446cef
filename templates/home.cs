<?cs include:"_head.cs" ?>
<h1><?cs var:L.home.welcome ?>、<?cs var:Session.name ?> さん</h1>
<section class="card">
  <h2><?cs var:L.home.roles ?></h2>
  <ul class="roles" id="roles">
    <?cs each:role = Session.role ?><li><?cs var:L.role[name(role)] ?></li><?cs /each ?>
  </ul>
</section>
<section class="card">
  <h2><?cs var:L.home.menu ?></h2>
  <ul class="menu">
    <?cs if:Session.role.operator ?><li><a href="/admin/certs" id="menu-certs"><?cs var:L.home.certs ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.president || Session.role.staff || Session.role.facility_manager ?><li><a href="/applications" id="menu-apps"><?cs var:L.home.apps ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.president || Session.role.staff ?><li><a href="/meetings" id="menu-meetings"><?cs var:L.home.meetings ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.president ?><li><a href="/council/operator" id="menu-operator"><?cs var:L.council.menu_operator ?></a></li>
    <li><a href="/council/staff" id="menu-staff"><?cs var:L.council.menu_staff ?></a></li><?cs /if ?>
    <?cs if:Session.role.facility_manager ?><li><a href="/ledger" id="menu-ledger"><?cs var:L.ledger.menu ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.president ?><li><a href="/admin/ledger" id="menu-ledger-admin"><?cs var:L.ledger.menu_admin ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff ?><li><a href="/admin/imports" id="menu-imports"><?cs var:L.imports.menu ?></a></li><?cs /if ?>
    <li><a href="/password"><?cs var:L.home.password ?></a></li>
  </ul>
</section>
<?cs include:"_foot.cs" ?>
