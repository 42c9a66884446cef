<?cs # One account's cells (office_users.cs, office_roster.cs): status, roles, certificate, last login. ?>
<?cs def:ustatus(u) ?><span class="status status-<?cs var:u.status ?>"><?cs var:L.office.ustatus[u.status] ?></span><?cs if:u.ends_on ?><br><span class="hint"><?cs var:L.office.ends_on ?> <?cs var:dja(u.ends_on) ?></span><?cs /if ?><?cs /def ?>
<?cs def:uroles(u) ?><?cs each:x = u.roles ?><?cs var:L.role[x] ?><?cs if:!last(x) ?>、<?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:ucert(u) ?><?cs if:u.cert_until ?><span<?cs if:u.cert_soon ?> class="warn-text"<?cs /if ?>><?cs var:dja(u.cert_until) ?></span><?cs else ?><span class="warn-text"><?cs var:L.office.no_cert ?></span><?cs /if ?><?cs /def ?>
<?cs def:ulogin(u) ?><?cs if:u.last_login ?><?cs var:dja(u.last_login) ?><?cs else ?><span class="muted"><?cs var:L.office.never ?></span><?cs /if ?><?cs /def ?>
