<?cs # The one date style (issue 19): dja() for dates and Japan times,
  born() for a birth date with its 和暦, years() for the age; ferr() a field's
  error beside it, on every page. ?><?cs include:"_field_error.cs" ?><?cs def:born(d) ?><?cs if:d ?><span class="born nowrap"><?cs var:dja(d) ?></span> <span class="wareki muted nowrap"><?cs var:wareki(d) ?></span><?cs /if ?><?cs /def ?><?cs def:years(d) ?><?cs if:age(d) != "" ?><span class="age nowrap"><?cs var:age(d) ?><?cs var:L.records.age ?></span><?cs /if ?><?cs /def ?><!DOCTYPE html>
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
  <?cs # On a phone the menu folds behind a button (a checkbox: no script needed). ?>
  <input type="checkbox" id="nav-toggle" class="nav-toggle">
  <label for="nav-toggle" class="nav-toggle-label" id="nav-toggle-label"><?cs var:L.nav.menu ?></label>
  <div class="top-menu">
  <nav aria-label="main">
    <?cs # The few pages each role opens every day; everything else is on the home page. ?>
    <a href="/"><?cs var:L.nav.home ?></a>
    <?cs if:Session.role.user || Session.role.facility_manager ?><a href="/records" id="nav-records"><?cs var:L.records.nav ?></a> <a href="/emergency" id="nav-emergency"><?cs var:L.emergency.nav ?></a><?cs /if ?>
    <?cs if:Session.role.user || Session.role.facility_manager || Session.role.desk || Session.role.operator || Session.role.staff ?><a href="/patients" id="nav-patients"><?cs var:L.patients.nav ?></a><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff ?><a href="/consents/queue" id="nav-consent-queue"><?cs var:L.consent.nav_queue ?></a><?cs /if ?>
    <?cs if:Session.role.desk || Session.role.operator || Session.role.staff ?><a href="/desk/complaints" id="nav-desk"><?cs var:L.desk.nav ?></a><?cs /if ?>
    <?cs if:Session.role.president ?><a href="/dashboard" id="nav-dashboard"><?cs var:L.dash.nav ?></a> <a href="/applications"><?cs var:L.council.nav_apps ?></a> <a href="/meetings"><?cs var:L.council.nav_meetings ?></a><?cs /if ?>
    <?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager || Session.role.user ?><a href="/notifications" id="nav-notify"><?cs var:L.notify.nav ?><?cs if:Notify.unread > 0 ?> <span class="badge"><?cs var:Notify.unread ?></span><?cs /if ?><?cs if:Notify.user > 0 ?> <span class="badge" id="nav-notify-user"><?cs var:Notify.user ?></span><?cs /if ?></a><?cs /if ?>
    <a href="/messages" id="nav-messages"><?cs var:L.message.nav ?><?cs if:Messages.unread > 0 ?> <span class="badge"><?cs var:Messages.unread ?></span><?cs /if ?></a>
  </nav>
  <span class="who" id="who"><?cs var:Session.name ?>（<?cs var:Session.facility ?>）</span>
  <form method="post" action="/logout" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <button type="submit" class="linkbtn" id="logout"><?cs var:L.nav.logout ?></button>
  </form>
  </div>
  <?cs /if ?>
  <button type="button" class="privacy-btn" id="privacy-btn" title="<?cs var:L.privacy.hint ?>"><?cs var:L.privacy.button ?></button>
</header>
<main id="main">
<?cs if:Maint.upcoming ?><p class="notice maint-banner" role="status" id="maint-banner"><?cs var:L.maint.banner ?><?cs var:Maint.title ?>（<?cs var:dja(Maint.starts) ?> <?cs var:L.maint.banner_from ?> <?cs var:dja(Maint.ends) ?> <?cs var:L.maint.banner_to ?>）<?cs var:L.maint.banner_stop ?></p><?cs /if ?>
<?cs if:Maint.active && Session.role.operator ?><p class="error-box" role="status" id="maint-active"><?cs var:L.maint.banner_active ?><?cs var:Maint.title ?></p><?cs /if ?>
<?cs if:Flash ?><p class="flash" role="status" id="flash"><?cs var:Flash ?></p><?cs /if ?>
