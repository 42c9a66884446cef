<?cs include:"_head.cs" ?>
<h1><?cs var:L.council.revoke_title ?></h1>
<section class="card">
  <dl class="kv" id="revoke-who">
    <dt><?cs var:L.certs.name ?></dt><dd><?cs var:Revoke.name ?></dd>
    <dt><?cs var:L.council.revoke_login ?></dt><dd><?cs var:Revoke.login ?></dd>
    <dt><?cs var:L.certs.facility ?></dt><dd><?cs var:Revoke.facility ?></dd>
    <dt><?cs var:L.council.revoke_reason ?></dt><dd><?cs var:L.office.rr[Revoke.reason] ?></dd>
    <?cs if:Revoke.detail ?><dt><?cs var:L.council.revoke_detail ?></dt><dd class="prewrap"><?cs var:Revoke.detail ?></dd><?cs /if ?>
  </dl>
  <p class="notice" id="revoke-id-what"><?cs var:L.office.revoke_id_what ?></p>
  <form method="post" action="/users/revoke" class="form" id="revoke-id-confirm">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="login" value="<?cs var:Revoke.login ?>">
    <input type="hidden" name="reason" value="<?cs var:Revoke.reason ?>">
    <input type="hidden" name="detail" value="<?cs var:Revoke.detail ?>">
    <input type="hidden" name="confirm" value="1">
    <div class="actions"><button type="submit" class="danger" id="revoke-id-submit"><?cs var:L.council.revoke_submit ?></button>
      <a class="button secondary" href="/applications#revoke-id"><?cs var:L.office.cancel ?></a></div>
  </form>
</section>
<?cs include:"_foot.cs" ?>
