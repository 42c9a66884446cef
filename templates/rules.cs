<?cs # rules.cs: the rules (運用規程) and the information-handling document (A8.2), a version as it stands (A11.1, A19). ?>
<?cs include:"_head.cs" ?>
<h1><?cs var:L.rulebook.title ?></h1>
<?cs if:!Rules.id ?>
<p class="notice" id="rules-none"><?cs var:L.rulebook.none ?></p>
<?cs else ?>
<section class="card rules-doc" id="rules-doc">
  <p class="rules-meta" id="rules-meta"><span class="status"><?cs var:L.rulebook.seq_pre ?><?cs var:Rules.seq ?><?cs var:L.rulebook.seq_post ?></span>
    <?cs var:dja(Rules.effective_on) ?>（<?cs var:Rules.effective_wareki ?>）<?cs var:L.rulebook.effective ?>
    <?cs if:Rules.in_force ?><strong class="ok-text" id="rules-in-force"><?cs var:L.rulebook.in_force ?></strong><?cs elif:Rules.future ?><strong class="warn-text"><?cs var:L.rulebook.future ?></strong><?cs else ?><span class="hint"><?cs var:L.rulebook.superseded ?></span><?cs /if ?></p>
  <h2 id="rules-title"><?cs var:Rules.title ?></h2>
  <div class="rules-text" id="rules-body"><?cs var:Rules.body ?></div>
</section>
<section class="card rules-doc" id="handling-doc">
  <h2><?cs var:L.rulebook.handling_title ?></h2>
  <p class="hint"><?cs var:L.rulebook.handling_note ?></p>
  <div class="rules-text" id="rules-handling"><?cs var:Rules.handling ?></div>
</section>
<?cs if:Session.login ?><p class="actions"><a class="button" href="/rules/acknowledge" id="rules-to-ack"><?cs var:L.rulebook.to_ack ?></a></p><?cs /if ?>
<?cs /if ?>
<?cs if:subcount(Versions) > 1 ?>
<section class="card" id="rules-versions">
  <h2><?cs var:L.rulebook.versions ?></h2>
  <ul>
  <?cs each:v = Versions ?><li><a href="/rules?v=<?cs var:v.id ?>"><?cs var:L.rulebook.seq_pre ?><?cs var:v.seq ?><?cs var:L.rulebook.seq_post ?></a>
    <?cs var:v.title ?>（<?cs var:dja(v.effective_on) ?> <?cs var:L.rulebook.effective ?>）<?cs if:v.in_force ?> <strong class="ok-text"><?cs var:L.rulebook.in_force ?></strong><?cs elif:v.future ?> <strong class="warn-text"><?cs var:L.rulebook.future ?></strong><?cs /if ?></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
