<?cs include:"_head.cs" ?><?cs include:"_field_error.cs" ?>
<h1><?cs var:L.council.meetings_title ?></h1>
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
    <div class="row"><label for="attendees"><?cs var:L.council.attendees ?></label>
      <textarea id="attendees" name="attendees" rows="3" maxlength="2000"><?cs var:Form.attendees ?></textarea><?cs call:ferr("attendees") ?></div>
    <button type="submit" class="primary" id="meeting-create"><?cs var:L.council.create ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
