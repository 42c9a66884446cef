<?cs include:"_head.cs" ?>
<article class="agenda">
<h1><?cs var:Net.name ?> <?cs if:Meeting.status == "held" ?><?cs var:L.council.minutes_title ?><?cs else ?><?cs var:L.council.agenda_title ?><?cs /if ?></h1>
<p><?cs var:L.council.held_on ?>: <strong id="meeting-date"><?cs var:dja(Meeting.held_on) ?></strong>（<?cs var:L.council[Meeting.status] ?>）</p>
<p><?cs var:L.council.attendees ?>: <?cs var:Meeting.attendees ?></p>
<?cs if:Meeting.status == "planned" ?>
<h2><?cs var:L.council.agenda_pending ?></h2>
<?cs if:subcount(Agenda.pending) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="agenda-pending"><?cs each:a = Agenda.pending ?><li><a href="/applications/view?id=<?cs var:url_escape(a.id) ?>"><?cs var:L.council["kind_" + a.kind] ?></a>: <?cs var:a.subject ?><?cs if:a.facility ?>（<?cs var:a.facility ?>）<?cs /if ?><?cs if:a.in_region == "0" ?> <strong class="warn-text"><?cs var:L.council.out_of_region ?></strong><?cs /if ?></li><?cs /each ?></ol>
<?cs /if ?>
<h2><?cs var:L.council.agenda_sole ?></h2>
<?cs if:subcount(Agenda.sole) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="agenda-sole"><?cs each:a = Agenda.sole ?><li><?cs var:L.council["kind_" + a.kind] ?>: <?cs var:a.subject ?> — <?cs var:L.council["decision_" + a.decision] ?>（<?cs var:dja(a.decided_at) ?>）<br><small><?cs var:L.council.sole_reason_short ?>: <?cs var:a.sole_reason ?></small></li><?cs /each ?></ol>
<?cs /if ?>
<h2><?cs var:L.council.agenda_revocations ?></h2>
<?cs if:subcount(Agenda.revocations) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="agenda-revocations"><?cs each:a = Agenda.revocations ?><li><?cs var:a.name ?>（<?cs var:a.login ?>）— <?cs var:L.council["rr_" + a.reason] ?>（<?cs var:dja(a.revoked_at) ?>）</li><?cs /each ?></ol>
<?cs /if ?>
<?cs else ?>
<h2><?cs var:L.council.minutes_decisions ?></h2>
<?cs if:subcount(Minutes.apps) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="minutes-apps"><?cs each:a = Minutes.apps ?><li><?cs var:L.council["kind_" + a.kind] ?>: <?cs var:a.subject ?> — <?cs var:L.council["decision_" + a.decision] ?>（<?cs var:L.council["dk_" + a.decision_kind] ?><?cs if:a.decision_kind == "sole" ?>・<?cs var:L.council.reported ?><?cs /if ?>）<?cs if:a.reason ?><br><small><?cs var:a.reason ?></small><?cs /if ?></li><?cs /each ?></ol>
<?cs /if ?>
<h2><?cs var:L.council.agenda_revocations ?></h2>
<?cs if:subcount(Minutes.revocations) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="minutes-revocations"><?cs each:a = Minutes.revocations ?><li><?cs var:a.name ?>（<?cs var:a.login ?>）— <?cs var:L.council["rr_" + a.reason] ?>（<?cs var:dja(a.revoked_at) ?>）</li><?cs /each ?></ol>
<?cs /if ?>
<?cs /if ?>
</article>
<p class="noprint"><button type="button" class="button" id="print-btn" data-print="1"><?cs var:L.council.print ?></button></p>
<?cs if:Meeting.status == "planned" && (Session.role.president || Session.role.operator) ?>
<p class="noprint"><a class="button" href="/meetings/held?id=<?cs var:url_escape(Meeting.id) ?>" id="mark-held"><?cs var:L.office.mark_held_ask ?></a></p>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
