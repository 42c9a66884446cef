<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?> - <?cs var:Net.name ?></title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
<script src="/static/lock.js" defer></script>
</head>
<body<?cs if:Session.login && !Page.locked ?> data-lock-in="<?cs var:Session.lock_in ?>"<?cs /if ?>>
<a class="skip" href="#main"><?cs var:L.skip ?></a>
<header class="top">
  <a class="brand" href="/"><?cs var:Net.name ?></a>
  <?cs if:Session.login && !Page.locked ?>
  <nav aria-label="main">
    <?cs # The few pages each role opens every day; everything else is on the home page. ?>
    <a href="/"><?cs var:L.nav.home ?></a>
    <?cs if:Session.role.user || Session.role.facility_manager ?><a href="/records" id="nav-records"><?cs var:L.records.nav ?></a> <a href="/emergency" id="nav-emergency"><?cs var:L.emergency.nav ?></a><?cs /if ?>
    <?cs if:Session.role.user || Session.role.facility_manager || Session.role.desk || Session.role.operator || Session.role.staff ?><a href="/patients" id="nav-patients"><?cs var:L.patients.nav ?></a><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff ?><a href="/consents/queue" id="nav-consent-queue"><?cs var:L.consent.nav_queue ?></a><?cs /if ?>
    <?cs if:Session.role.desk || Session.role.operator || Session.role.staff ?><a href="/desk/complaints" id="nav-desk"><?cs var:L.desk.nav ?></a><?cs /if ?>
    <?cs if:Session.role.president ?><a href="/dashboard" id="nav-dashboard"><?cs var:L.dash.nav ?></a> <a href="/applications"><?cs var:L.council.nav_apps ?></a> <a href="/meetings"><?cs var:L.council.nav_meetings ?></a><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager ?><a href="/notifications" id="nav-notify"><?cs var:L.notify.nav ?><?cs if:Notify.unread > 0 ?> <span class="badge"><?cs var:Notify.unread ?></span><?cs /if ?></a><?cs /if ?>
    <a href="/messages" id="nav-messages"><?cs var:L.message.nav ?><?cs if:Messages.unread > 0 ?> <span class="badge"><?cs var:Messages.unread ?></span><?cs /if ?></a>
  </nav>
  <span class="who" id="who"><?cs var:Session.name ?>（<?cs var:Session.facility ?>）</span>
  <form method="post" action="/logout" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <button type="submit" class="linkbtn" id="logout"><?cs var:L.nav.logout ?></button>
  </form>
  <?cs /if ?>
  <button type="button" class="privacy-btn" id="privacy-btn" title="<?cs var:L.privacy.hint ?>"><?cs var:L.privacy.button ?></button>
</header>
<main id="main">
<?cs if:Maint.upcoming ?><p class="notice maint-banner" role="status" id="maint-banner"><?cs var:L.maint.banner ?><?cs var:Maint.title ?>（<?cs var:Maint.starts ?> <?cs var:L.maint.banner_from ?> <?cs var:Maint.ends ?> <?cs var:L.maint.banner_to ?>）<?cs var:L.maint.banner_stop ?></p><?cs /if ?>
<?cs if:Maint.active && Session.role.operator ?><p class="error-box" role="status" id="maint-active"><?cs var:L.maint.banner_active ?><?cs var:Maint.title ?></p><?cs /if ?>
<?cs if:Flash ?><p class="flash" role="status" id="flash"><?cs var:Flash ?></p><?cs /if ?>
