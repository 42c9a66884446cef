<?cs include:"_head.cs" ?>
<h1><?cs var:L.misuse.reports_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.misuse.reports_hint ?></p>
  <?cs if:Reports_n == 0 ?><p id="reports-none"><?cs var:L.misuse.reports_none ?></p><?cs else ?>
  <table id="reports">
    <thead><tr><th><?cs var:L.misuse.created ?></th><th><?cs var:L.misuse.user ?></th><th><?cs var:L.misuse.summary ?></th><th><?cs var:L.misuse.ack ?></th></tr></thead>
    <tbody>
    <?cs each:p = Reports ?><tr id="report-<?cs var:p.id ?>"<?cs if:!p.acked ?> class="warn"<?cs /if ?>>
      <td class="nowrap"><?cs var:dja(p.created) ?><br><span class="muted"><?cs var:p.by ?></span></td>
      <td><?cs var:p.user ?><br><span class="muted mono"><?cs var:p.login ?></span><br><span class="muted"><?cs var:p.facility ?></span></td>
      <td><?cs if:p.propose == "1" ?><strong class="warn-text"><?cs var:L.misuse.proposes ?></strong><br><?cs /if ?><?cs var:p.summary ?></td>
      <td class="ack"><?cs if:p.acked ?><?cs var:L.misuse.acked ?> <?cs var:p.acked ?><?cs if:p.ack_note ?><br><span class="muted"><?cs var:p.ack_note ?></span><?cs /if ?>
        <?cs elif:Can.ack ?><form method="post" action="/misuse/reports/ack" class="inline-form ack-form">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:p.id ?>"><input type="hidden" name="version" value="<?cs var:p.version ?>">
          <input type="text" name="note" maxlength="1000" placeholder="<?cs var:L.misuse.ack_note ?>" aria-label="<?cs var:L.misuse.ack_note ?>">
          <button type="submit"><?cs var:L.misuse.do_ack ?></button></form>
          <?cs if:p.propose == "1" ?><p class="hint"><?cs var:L.misuse.revoke_hint ?></p><?cs /if ?>
        <?cs else ?><?cs var:L.misuse.not_acked ?><?cs /if ?>
        <?cs # Issue 21: the report is an item of the council's agenda (A19). ?>
        <?cs if:p.agenda_item ?><p class="hint council-item"><a href="/agenda/view?id=<?cs var:p.agenda_item ?>" id="report-item-<?cs var:p.id ?>"><?cs var:L.agenda.council ?>：<?cs if:p.council_decision ?><?cs var:L.agenda["status_" + p.council_decision] ?><?cs else ?><?cs var:L.agenda.status_pending ?><?cs /if ?></a></p><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
