<?cs # _notes.cs: what a user is told (issue 19): access that ended (the patient not named), the certificate, unread messages, emergency follow-ups overdue. ?>
<?cs if:Day.shown ?>
<?cs if:Notify.user > 0 || Messages.unread > 0 ?>
<ul class="notes" id="user-notes">
  <?cs each:e = Ended ?><li class="note ended"><?cs var:L.day.ended ?>（<?cs var:L.day["ended_" + e.why] ?>、<?cs var:dja(e.when) ?>）</li><?cs /each ?>
  <?cs if:Cert.ends ?><li class="note cert" id="note-cert"><?cs var:L.day.cert_ending ?> <?cs var:L.day.cert_until ?>：<?cs var:dja(Cert.ends) ?>（<?cs var:L.day.cert_days ?> <?cs var:Cert.days ?>）<?cs var:L.day.cert_next ?></li><?cs /if ?>
  <?cs if:Messages.unread > 0 ?><li class="note msg" id="note-messages"><?cs var:L.day.messages ?>（<?cs var:Messages.unread ?>）<a href="/messages"><?cs var:L.day.messages_open ?></a></li><?cs /if ?>
  <?cs each:o = Overdue ?><li class="note overdue warn"><?cs var:L.day.overdue ?> <strong><?cs var:o.name ?></strong>（<?cs var:o.kana ?>・<?cs var:L.patients["sex_" + o.sex] ?>・<?cs var:age(o.birth_date) ?><?cs var:L.records.age ?>） <?cs var:L.day.overdue_due ?>：<?cs var:dja(o.due) ?>
    <a href="/records/patient?p=<?cs var:url_escape(o.handle) ?>" class="overdue-record"><?cs var:L.day.overdue_record ?></a> <a href="/consents/new?p=<?cs var:url_escape(o.handle) ?>" class="overdue-consent"><?cs var:L.day.overdue_consent ?></a></li><?cs /each ?>
</ul>
<?cs else ?><p class="muted" id="notes-none-user"><?cs var:L.day.notes_none ?></p><?cs /if ?>
<?cs /if ?>
