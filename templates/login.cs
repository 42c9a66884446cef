<?cs include:"_head.cs" ?>
<h1><?cs var:L.login.title ?></h1>
<?cs if:Login.notice ?><p class="notice" role="status"><?cs var:Login.notice ?></p><?cs /if ?>
<?cs if:Login.error ?><p class="error-box" role="alert" id="login-error"><?cs var:Login.error ?></p><?cs /if ?>
<section class="card">
  <p><?cs var:L.login.lead ?></p>
  <form method="post" action="/login" class="form" id="login-form">
    <input type="hidden" name="csrf" value="<?cs var:Login.csrf ?>">
    <?cs if:Login.next ?><input type="hidden" name="next" value="<?cs var:Login.next ?>"><?cs /if ?>
    <div class="row">
      <label for="login"><?cs var:L.login.id ?></label>
      <input type="text" id="login" name="login" value="<?cs if:Login.login ?><?cs var:Login.login ?><?cs else ?><?cs var:Cert.cn ?><?cs /if ?>" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" <?cs if:Login.err_login ?>class="invalid" aria-invalid="true"<?cs /if ?><?cs if:!Cert.cn ?> autofocus<?cs /if ?>>
      <?cs if:Login.err_login ?><span class="field-error"><?cs var:Login.err_login ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="password"><?cs var:L.login.password ?></label>
      <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024" <?cs if:Login.err_password ?>class="invalid" aria-invalid="true"<?cs /if ?><?cs if:Cert.cn ?> autofocus<?cs /if ?>>
      <?cs if:Login.err_password ?><span class="field-error"><?cs var:Login.err_password ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="login-submit"><?cs var:L.login.submit ?></button>
  </form>
</section>
<section class="card muted">
  <h2><?cs var:L.login.verified ?></h2>
  <dl class="kv">
    <dt><?cs var:L.login.subject ?></dt><dd id="cert-subject"><?cs var:Cert.subject ?></dd>
    <dt><?cs var:L.login.serial ?></dt><dd id="cert-serial"><?cs var:Cert.serial ?></dd>
  </dl>
  <p><?cs var:L.login.help ?></p>
</section>
<?cs include:"_foot.cs" ?>
