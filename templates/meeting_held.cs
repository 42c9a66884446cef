<?cs include:"_head.cs" ?>
<h1><?cs var:L.office.held_title ?>（<?cs var:dja(Meeting.held_on) ?>）</h1>
<section class="card">
  <p class="notice" id="held-what"><?cs var:L.office.held_what ?></p>
  <h2><?cs var:L.council.agenda_sole ?></h2>
  <?cs if:subcount(Agenda.sole) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
  <ul id="held-sole"><?cs each:a = Agenda.sole ?><li><?cs var:L.council["kind_" + a.kind] ?>: <?cs var:a.subject ?></li><?cs /each ?></ul><?cs /if ?>
  <h2><?cs var:L.council.agenda_revocations ?></h2>
  <?cs if:subcount(Agenda.revocations) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
  <ul id="held-revocations"><?cs each:a = Agenda.revocations ?><li><?cs var:a.name ?>（<?cs var:a.login ?>）</li><?cs /each ?></ul><?cs /if ?>
  <?cs if:Meeting.status == "planned" ?>
  <form method="post" action="/meetings/held" class="form" id="held-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Meeting.id ?>">
    <input type="hidden" name="version" value="<?cs var:Meeting.version ?>">
    <div class="actions"><button type="submit" class="primary" id="held-submit"><?cs var:L.council.mark_held ?></button>
      <a class="button secondary" href="/meetings/view?id=<?cs var:url_escape(Meeting.id) ?>"><?cs var:L.office.cancel ?></a></div>
  </form>
  <?cs else ?><p><?cs var:L.council.held ?></p><?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
