<?cs include:"_head.cs" ?>
<h1><?cs var:L.home.welcome ?>、<?cs var:Session.name ?> さん</h1>
<?cs # Issue 20: what waits for this role, first; a count of zero folds away. ?>
<?cs if:Todo_shown ?>
<section class="card todo" id="home-todo">
  <h2><?cs var:L.todo.title ?></h2>
  <?cs if:Todo_n == 0 ?><p class="muted" id="todo-none"><?cs var:L.todo.none ?></p><?cs else ?>
  <ul class="todo-list">
    <?cs each:t = Todo ?><li><a href="<?cs var:t.href ?>" id="todo-<?cs var:t.key ?>"><span class="label"><?cs var:L.todo[t.key] ?></span> <strong><?cs var:t.n ?></strong><?cs var:L.todo.unit ?></a></li><?cs /each ?>
  </ul><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Session.role.user || Session.role.facility_manager ?>
<?cs include:"_plist.cs" ?>
<?cs # The common path for a clinician: their own hospital's patients, from the first page (issue 19). ?>
<section class="card" id="home-search">
  <h2><?cs var:L.records.title ?></h2>
  <form method="get" action="/records" class="form inline-form">
    <div class="row"><label for="home-q"><?cs var:L.records.q ?></label>
      <input type="text" id="home-q" name="q" maxlength="100" autocomplete="off" autofocus></div>
    <div class="row"><label for="home-birth"><?cs var:L.records.birth ?></label>
      <input type="date" id="home-birth" name="birth"></div>
    <button type="submit" class="primary" id="home-q-submit"><?cs var:L.records.do_search ?></button>
  </form>
</section>
<section class="card" id="home-notes">
  <h2><?cs var:L.day.notes_title ?></h2>
  <?cs include:"_notes.cs" ?>
</section>
<section class="card" id="home-fresh">
  <h2><?cs var:L.day.fresh_title ?></h2>
  <?cs if:Fresh_n == 0 ?><p class="muted" id="fresh-none"><?cs var:L.day.fresh_none ?></p><?cs else ?><?cs call:plist(Fresh, Fresh_n, "fresh-list", L.day.col_viewed) ?><?cs /if ?>
</section>
<section class="card" id="home-mine">
  <h2><?cs var:L.day.mine_title ?></h2>
  <p class="hint"><?cs var:L.day.mine_hint ?></p>
  <?cs if:Mine_n == 0 ?><p class="muted" id="mine-none"><?cs var:L.day.mine_none ?></p><?cs else ?><?cs call:plist(Mine, Mine_n, "mine-list", L.day.col_when) ?>
  <?cs if:Mine_more ?><p><a href="/records/mine" id="mine-all"><?cs var:L.day.mine_all ?></a></p><?cs /if ?><?cs /if ?>
</section>
<section class="card" id="home-recent">
  <h2><?cs var:L.day.recent_title ?></h2>
  <p class="hint"><?cs var:L.day.recent_hint ?></p>
  <?cs if:Recent_n == 0 ?><p class="muted" id="recent-none"><?cs var:L.day.recent_none ?></p><?cs else ?><?cs call:plist(Recent, Recent_n, "recent-list", L.day.col_viewed) ?><?cs /if ?>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.home.roles ?></h2>
  <ul class="roles" id="roles">
    <?cs each:role = Session.role ?><li><?cs var:L.role[name(role)] ?></li><?cs /each ?>
  </ul>
</section>
<?cs if:Session.role.desk || Session.role.operator || Session.role.staff ?>
<section class="card" id="home-desk">
  <h2><?cs var:L.desk.home_title ?></h2>
  <div class="desk-counts">
    <a class="count" href="/desk/complaints?status=open"><span class="label"><?cs var:L.desk.home_open ?></span> <strong id="home-open"><?cs var:Desk.open ?></strong><?cs var:L.desk.count_unit ?></a>
    <a class="count<?cs if:Desk.overdue > 0 ?> bad<?cs /if ?>" href="/desk/complaints?status=overdue"><span class="label"><?cs var:L.desk.home_overdue ?></span> <strong id="home-overdue"><?cs var:Desk.overdue ?></strong><?cs var:L.desk.count_unit ?></a>
  </div>
  <p class="actions"><a class="button" href="/desk/complaints/new" id="home-desk-new"><?cs var:L.desk.new ?></a> <a class="button secondary" href="/desk/complaints" id="home-desk-list"><?cs var:L.desk.list_title ?></a></p>
</section>
<?cs /if ?>
<?cs # The menu, grouped by the work it serves; a group shows only to the roles it has links for. ?>
<div class="menu-groups">
<?cs if:Session.role.user || Session.role.facility_manager || Session.role.desk || Session.role.operator || Session.role.staff ?>
<section class="card menu-group">
  <h2><?cs var:L.home.g_care ?></h2>
  <ul class="menu">
    <?cs if:Session.role.user || Session.role.facility_manager ?><li><a href="/records" id="menu-records"><?cs var:L.records.menu ?></a></li>
    <li><a href="/emergency" id="menu-emergency"><?cs var:L.emergency.menu ?></a></li><?cs /if ?>
    <li><a href="/patients" id="menu-patients"><?cs var:L.patients.menu ?></a></li>
    <?cs if:Session.role.operator || Session.role.staff ?><li><a href="/consents/queue" id="menu-consent-queue"><?cs var:L.consent.nav_queue ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager ?><li><a href="/links" id="menu-links"><?cs var:L.links.title ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff ?><li><a href="/links/requests" id="menu-link-requests"><?cs var:L.links.requests_nav ?></a></li><?cs /if ?>
  </ul>
</section>
<?cs /if ?>
<?cs if:Session.role.facility_manager ?>
<section class="card menu-group">
  <h2><?cs var:L.home.g_facility ?></h2>
  <ul class="menu">
    <li><a href="/facility/access" id="menu-monitor"><?cs var:L.monitor.menu_access ?></a></li>
    <li><a href="/facility/reports" id="menu-facility-reports"><?cs var:L.monitor.menu_reports ?></a></li>
    <li><a href="/emergency/list" id="menu-emergency-list"><?cs var:L.emergency.list_title ?></a></li>
    <li><a href="/misuse" id="menu-misuse"><?cs var:L.misuse.menu ?></a></li>
    <li><a href="/facility/users" id="menu-roster"><?cs var:L.office.roster_title ?></a></li>
    <li><a href="/ledger" id="menu-ledger"><?cs var:L.ledger.menu ?></a></li>
    <li><a href="/applications" id="menu-apps"><?cs var:L.home.apps ?></a></li>
  </ul>
</section>
<?cs /if ?>
<?cs if:Session.role.operator || Session.role.staff ?>
<section class="card menu-group">
  <h2><?cs var:L.home.g_operations ?></h2>
  <ul class="menu">
    <?cs if:Session.role.operator ?><li><a href="/admin/certs" id="menu-certs"><?cs var:L.home.certs ?></a></li><?cs /if ?>
    <?cs if:!Session.role.facility_manager ?><li><a href="/emergency/list" id="menu-emergency-list"><?cs var:L.emergency.list_title ?></a></li>
    <li><a href="/misuse" id="menu-misuse"><?cs var:L.misuse.menu ?></a></li><?cs /if ?>
    <?cs if:Session.role.operator && !Session.role.facility_manager ?><li><a href="/facility/reports" id="menu-facility-reports"><?cs var:L.monitor.menu_reports_op ?></a></li>
    <li><a href="/incidents" id="menu-incidents"><?cs var:L.incident.menu_list ?></a></li>
    <li><a href="/admin/messages" id="menu-message-reports"><?cs var:L.message.reports_title ?></a></li><?cs /if ?>
    <li><a href="/admin/users" id="menu-users"><?cs var:L.office.users_title ?></a></li>
    <li><a href="/admin/imports" id="menu-imports"><?cs var:L.imports.menu ?></a></li>
    <li><a href="/admin/maintenance" id="menu-maint"><?cs var:L.maint.title ?></a></li>
    <li><a href="/admin/notices" id="menu-notice-admin"><?cs var:L.notice.admin_title ?></a></li>
  </ul>
</section>
<?cs /if ?>
<?cs if:Session.role.operator || Session.role.president || Session.role.staff ?>
<section class="card menu-group">
  <h2><?cs var:L.home.g_council ?></h2>
  <ul class="menu">
    <li><a href="/dashboard" id="menu-dashboard"><?cs var:L.dash.menu ?></a></li>
    <?cs if:!Session.role.facility_manager ?><li><a href="/applications" id="menu-apps"><?cs var:L.home.apps ?></a></li><?cs /if ?>
    <li><a href="/meetings" id="menu-meetings"><?cs var:L.home.meetings ?></a></li>
    <?cs if:Session.role.president || Session.role.operator ?><li><a href="/misuse/reports" id="menu-misuse-reports"><?cs var:L.misuse.reports_title ?></a></li>
    <li><a href="/council/operator" id="menu-operator"><?cs var:L.council.menu_operator ?></a></li>
    <li><a href="/council/staff" id="menu-staff"><?cs var:L.council.menu_staff ?></a></li>
    <li><a href="/admin/ledger" id="menu-ledger-admin"><?cs var:L.ledger.menu_admin ?></a></li><?cs /if ?>
    <li><a href="/facilities" id="menu-facilities"><?cs var:L.fed.facilities_title ?></a></li>
    <li><a href="/federation" id="menu-federation"><?cs var:L.fed.menu ?></a></li>
    <?cs if:Session.role.president && !Session.role.operator && !Session.role.staff ?><li><a href="/admin/notices" id="menu-notice-admin"><?cs var:L.notice.admin_title ?></a></li><?cs /if ?>
    <?cs # Issue 21: the rules' versions and who has not acknowledged (A11.1, A19) ?>
    <li><a href="/admin/rules" id="menu-rules-admin"><?cs var:L.rulebook.admin_title ?></a></li>
    <li><a href="/agenda" id="menu-agenda"><?cs var:L.agenda.menu ?></a></li>
  </ul>
</section>
<?cs /if ?>
<section class="card menu-group">
  <h2><?cs var:L.home.g_mine ?></h2>
  <ul class="menu">
    <li><a href="/messages" id="menu-messages"><?cs var:L.message.menu ?><?cs if:Messages.unread > 0 ?>（<?cs var:L.message.unread ?> <?cs var:Messages.unread ?>）<?cs /if ?></a></li>
    <?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager || Session.role.president ?><li><a href="/notifications" id="menu-notify"><?cs var:L.notify.title ?><?cs if:Notify.unread > 0 ?>（<?cs var:L.notify.unread ?> <?cs var:Notify.unread ?>）<?cs /if ?></a></li><?cs /if ?>
    <li><a href="/notices" id="menu-notices"><?cs var:L.notice.menu ?></a></li>
    <?cs if:Session.role.desk || Session.role.operator || Session.role.staff || Session.role.president ?><li><a href="/desk/complaints" id="menu-desk"><?cs var:L.desk.menu ?></a></li>
    <?cs elif:Session.role.user || Session.role.facility_manager ?><li><a href="/desk/complaints/new" id="menu-complain"><?cs var:L.desk.menu_user ?></a></li>
    <li><a href="/desk/complaints" id="menu-complaints-mine"><?cs var:L.desk.menu_mine ?></a></li><?cs /if ?>
    <?cs if:Session.role.user || Session.role.facility_manager ?><li><a href="/incidents/new" id="menu-incident-new"><?cs var:L.incident.menu ?></a></li>
    <li><a href="/incidents" id="menu-incidents"><?cs var:L.incident.menu_list ?></a></li><?cs /if ?>
    <li><a href="/rules" id="menu-rules"><?cs var:L.rulebook.menu ?></a></li>
    <li><a href="/password"><?cs var:L.home.password ?></a></li>
  </ul>
</section>
</div>
<?cs include:"_foot.cs" ?>
