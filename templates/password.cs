<?cs include:"_head.cs" ?>
<h1><?cs var:L.password.title ?></h1>
<?cs if:Password.forced ?><p class="notice" role="status" id="pw-forced"><?cs var:L.password.forced ?></p><?cs /if ?>
<section class="card">
  <form method="post" action="/password" class="form" id="password-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row">
      <label for="current"><?cs var:L.password.current ?></label>
      <input type="password" id="current" name="current" autocomplete="current-password" required <?cs if:Password.err_current ?>class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Password.err_current ?><span class="field-error" id="err-current"><?cs var:Password.err_current ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="new1"><?cs var:L.password.new1 ?></label>
      <input type="password" id="new1" name="new1" autocomplete="new-password" required minlength="<?cs var:Password.min ?>" <?cs if:Password.err_new1 ?>class="invalid" aria-invalid="true"<?cs /if ?> aria-describedby="pw-rule">
      <span class="hint" id="pw-rule"><?cs var:L.password.rule ?></span>
      <?cs if:Password.err_new1 ?><span class="field-error" id="err-new1"><?cs var:Password.err_new1 ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="new2"><?cs var:L.password.new2 ?></label>
      <input type="password" id="new2" name="new2" autocomplete="new-password" required <?cs if:Password.err_new2 ?>class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Password.err_new2 ?><span class="field-error" id="err-new2"><?cs var:Password.err_new2 ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="password-submit"><?cs var:L.password.submit ?></button>
  </form>
</section>
<?cs include:"_foot.cs" ?>
