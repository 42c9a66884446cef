<?cs include:"_head.cs" ?>
<h1><?cs var:L.misuse.title ?></h1>
<nav class="tabs" aria-label="<?cs var:L.misuse.filter ?>">
  <a href="/misuse"<?cs if:Filter.status == "" ?> aria-current="page"<?cs /if ?>><?cs var:L.misuse.all ?></a>
  <?cs each:s = L.misuse.status ?><a href="/misuse?status=<?cs name:s ?>"<?cs if:Filter.status == name(s) ?> aria-current="page"<?cs /if ?>><?cs var:s ?></a><?cs /each ?>
  <?cs if:Session.role.operator || Session.role.staff ?><a href="/misuse/rules"><?cs var:L.misuse.rules_title ?></a><?cs /if ?>
  <?cs if:Session.role.operator ?><a href="/misuse/reports"><?cs var:L.misuse.reports_title ?></a><?cs /if ?>
</nav>
<section class="card">
  <p class="hint"><?cs var:L.misuse.hint ?></p>
  <?cs if:Alerts_n == 0 ?><p id="alerts-none"><?cs var:L.misuse.none ?></p><?cs else ?>
  <table id="alerts">
    <thead><tr><th><?cs var:L.misuse.created ?></th><th><?cs var:L.misuse.rule ?></th><th><?cs var:L.misuse.user ?></th><th><?cs var:L.misuse.hits ?></th><th><?cs var:L.misuse.ladder ?></th><th><?cs var:L.misuse.outcome ?></th></tr></thead>
    <tbody>
    <?cs each:a = Alerts ?><tr id="alert-<?cs var:a.id ?>" class="rule-<?cs var:a.rule ?><?cs if:a.status == "open" ?> warn<?cs /if ?>">
      <td class="nowrap"><?cs var:dja(a.created) ?></td>
      <td><?cs var:L.misuse.rules[a.rule] ?></td>
      <td><?cs var:a.user ?><br><span class="muted mono"><?cs var:a.login ?></span><br><span class="muted"><?cs var:a.facility ?></span></td>
      <td><?cs var:a.hits ?></td>
      <td class="nowrap"><?cs var:L.misuse.guidance_n ?> <?cs var:a.guidance ?> / <?cs var:L.misuse.warning_n ?> <?cs var:a.warnings ?></td>
      <td class="outcome"><strong><?cs var:L.misuse.status[a.status] ?></strong><?cs if:a.note ?><br><span class="muted"><?cs var:a.note ?></span><?cs /if ?>
        <?cs if:Can.decide && a.status == "open" ?>
        <?cs if:a.propose ?><p class="error-box propose"><?cs var:L.misuse.propose_hint ?></p><?cs /if ?>
        <form method="post" action="/misuse/decide" class="inline-form decide-form">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:a.id ?>"><input type="hidden" name="version" value="<?cs var:a.version ?>">
          <select name="decision" aria-label="<?cs var:L.misuse.outcome ?>"><option value="dismissed"><?cs var:L.misuse.status.dismissed ?></option><option value="guidance"><?cs var:L.misuse.status.guidance ?></option><option value="warning"><?cs var:L.misuse.status.warning ?></option></select>
          <input type="text" name="note" maxlength="1000" required placeholder="<?cs var:L.misuse.note ?>" aria-label="<?cs var:L.misuse.note ?>">
          <button type="submit"><?cs var:L.misuse.do_decide ?></button>
        </form>
        <?cs if:a.propose ?>
        <form method="post" action="/misuse/report" class="inline-form report-form">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="user" value="<?cs var:a.user_id ?>"><input type="hidden" name="propose" value="1"><input type="hidden" name="idem" value="<?cs var:Form.idem ?>">
          <input type="text" name="summary" maxlength="2000" required placeholder="<?cs var:L.misuse.summary ?>" aria-label="<?cs var:L.misuse.summary ?>">
          <button type="submit" class="danger"><?cs var:L.misuse.do_report ?></button>
        </form>
        <?cs /if ?>
        <?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
