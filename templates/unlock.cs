<?cs set:Page.locked = "1" ?><?cs include:"_head.cs" ?>
<h1><?cs var:L.unlock.title ?></h1>
<section class="card">
  <p><?cs var:L.unlock.lead ?></p>
  <p><?cs var:L.unlock.user ?>: <strong><?cs var:Session.name ?></strong>（<?cs var:Session.login ?>）</p>
  <?cs if:Unlock.error ?><p class="error-box" role="alert" id="unlock-error"><?cs var:Unlock.error ?></p><?cs /if ?>
  <form method="post" action="/unlock" class="form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row">
      <label for="password"><?cs var:L.unlock.password ?></label>
      <input type="password" id="password" name="password" autocomplete="current-password" required autofocus>
    </div>
    <button type="submit" class="primary" id="unlock-submit"><?cs var:L.unlock.submit ?></button>
  </form>
  <form method="post" action="/logout" class="form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <p><?cs var:L.unlock.other ?> <button type="submit" class="linkbtn dark"><?cs var:L.nav.logout ?></button></p>
  </form>
</section>
<?cs include:"_foot.cs" ?>
