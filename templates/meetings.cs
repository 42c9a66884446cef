<?cs include:"_head.cs" ?>
<h1><?cs var:L.council.meetings_title ?></h1>
<p class="hint"><a href="/agenda" id="to-agenda"><?cs var:L.agenda.title ?></a>：<?cs var:L.agenda.lead ?></p>
<ul id="meetings">
<?cs each:m = Meetings ?><li><a href="/meetings/view?id=<?cs var:url_escape(m.id) ?>"><?cs var:dja(m.held_on) ?></a>（<?cs var:L.council[m.status] ?>）</li><?cs /each ?>
</ul>
<?cs if:Session.role.president || Session.role.operator ?>
<section class="card">
  <h2><?cs var:L.council.meetings_new ?></h2>
  <form method="post" action="/meetings/new" class="form" id="meeting-new">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
    <div class="row"><label for="held_on"><?cs var:L.council.held_on ?></label>
      <input type="date" id="held_on" name="held_on" value="<?cs var:Form.held_on ?>"><?cs call:ferr("held_on") ?></div>
    <?cs # Issue 21: the meeting as the council prints it (A19). ?>
    <div class="row"><label for="number"><?cs var:L.agenda.number ?></label>
      <input type="number" id="number" name="number" min="1" value="<?cs var:Form.number ?>" aria-describedby="hint-number"><span class="hint" id="hint-number"><?cs var:L.agenda.number_hint ?></span><?cs call:ferr("number") ?></div>
    <div class="row"><label for="time_from"><?cs var:L.agenda.time_from ?></label>
      <input type="time" id="time_from" name="time_from" value="<?cs var:Form.time_from ?>"><?cs call:ferr("time_from") ?></div>
    <div class="row"><label for="time_to"><?cs var:L.agenda.time_to ?></label>
      <input type="time" id="time_to" name="time_to" value="<?cs var:Form.time_to ?>"><?cs call:ferr("time_to") ?></div>
    <div class="row"><label for="place"><?cs var:L.agenda.place ?></label>
      <input type="text" id="place" name="place" maxlength="200" value="<?cs var:Form.place ?>"></div>
    <div class="row"><label for="chair"><?cs var:L.agenda.chair ?></label>
      <input type="text" id="chair" name="chair" maxlength="100" value="<?cs var:Form.chair ?>"></div>
    <div class="row"><label for="attendees"><?cs var:L.council.attendees ?></label>
      <textarea id="attendees" name="attendees" rows="3" maxlength="2000"><?cs var:Form.attendees ?></textarea><?cs call:ferr("attendees") ?></div>
    <div class="row"><label for="absentees"><?cs var:L.agenda.absentees ?></label>
      <textarea id="absentees" name="absentees" rows="2" maxlength="2000"><?cs var:Form.absentees ?></textarea></div>
    <div class="row"><label for="signatories"><?cs var:L.agenda.signatories ?></label>
      <textarea id="signatories" name="signatories" rows="2" maxlength="500" aria-describedby="hint-signatories"><?cs var:Form.signatories ?></textarea><span class="hint" id="hint-signatories"><?cs var:L.agenda.signatories_hint ?></span></div>
    <button type="submit" class="primary" id="meeting-create"><?cs var:L.council.create ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
