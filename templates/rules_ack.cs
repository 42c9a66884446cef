<?cs # rules_ack.cs: reading and acknowledging the rules in force, with the laws of A11.1 and A11.2, A11.3 (no patient data until then). ?>
<?cs include:"_head.cs" ?>
<h1><?cs var:L.rulebook.ack_title ?></h1>
<?cs if:Ack.at ?>
<p class="flash" role="status" id="rules-acked"><?cs var:L.rulebook.acked_at ?> <?cs var:Ack.at ?></p>
<?cs else ?>
<p class="lead" id="rules-ack-lead"><?cs var:L.rulebook.ack_lead ?></p>
<?cs /if ?>
<section class="card rules-doc">
  <p class="rules-meta"><span class="status"><?cs var:L.rulebook.seq_pre ?><?cs var:Rules.seq ?><?cs var:L.rulebook.seq_post ?></span>
    <?cs var:Rules.effective_wareki ?>（<?cs var:Rules.effective_on ?>）<?cs var:L.rulebook.effective ?></p>
  <h2><?cs var:Rules.title ?></h2>
  <div class="rules-text rules-scroll" id="rules-body" tabindex="0"><?cs var:Rules.body ?></div>
  <h2><?cs var:L.rulebook.handling_title ?></h2>
  <div class="rules-text rules-scroll" id="rules-handling" tabindex="0"><?cs var:Rules.handling ?></div>
</section>
<section class="card" id="rules-pledge">
  <h2><?cs var:L.rulebook.pledge_title ?></h2>
  <ol class="pledge-items">
    <li id="ack-a11-1"><?cs var:L.rulebook.a11_1 ?>
      <ul class="laws"><li><?cs var:L.rulebook.law_copyright ?></li><li><?cs var:L.rulebook.law_privacy ?></li><li><?cs var:L.rulebook.law_yamagata ?></li><li><?cs var:L.rulebook.law_related ?></li></ul></li>
    <li id="ack-a11-2"><?cs var:L.rulebook.a11_2 ?></li>
    <li id="ack-a11-3"><?cs var:L.rulebook.a11_3 ?></li>
    <li id="ack-a11-4"><?cs var:L.rulebook.a11_4 ?></li>
  </ol>
<?cs if:!Ack.at ?>
  <form method="post" action="/rules/acknowledge" class="form" id="rules-ack-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="version" value="<?cs var:Rules.id ?>">
    <div class="row wide"><label><input type="checkbox" name="confirm" id="rules-confirm" value="1"> <?cs var:L.rulebook.confirm ?></label><?cs call:ferr("confirm") ?></div>
    <button type="submit" class="primary" id="rules-ack"><?cs var:L.rulebook.ack ?></button>
  </form>
<?cs else ?>
  <p><a href="/"><?cs var:L.nav.home ?></a></p>
<?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
