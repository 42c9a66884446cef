<?cs include:"_head.cs" ?>
<h1><?cs var:L.links.requests_title ?></h1>
<p><a href="/links"><?cs var:L.links.title ?></a></p>
<section class="card">
  <p class="hint"><?cs var:L.links.requests_hint ?></p>
  <?cs if:Requests_n == 0 ?><p id="requests-none"><?cs var:L.links.requests_none ?></p><?cs else ?>
  <div class="tablewrap">
  <table id="link-requests">
    <thead><tr><th><?cs var:L.links.asked_at ?></th><th><?cs var:L.links.facility ?></th><th><?cs var:L.links.from_facility ?></th><th><?cs var:L.links.asked_patient ?></th><?cs if:Can.decide ?><th><?cs var:L.links.decision ?></th><?cs /if ?></tr></thead>
    <tbody>
    <?cs each:q = Requests ?><tr id="request-<?cs var:q.id ?>">
      <td class="nowrap"><?cs var:q.asked ?><br><span class="muted"><?cs var:L.links.asked_by ?>：<?cs var:q.by ?></span></td>
      <td><?cs var:q.facility ?><br><span class="mono"><?cs var:q.local_id ?></span></td>
      <td><?cs if:q.kana ?><?cs var:q.name ?>（<?cs var:q.kana ?>）<br><?cs var:L.patients["sex_" + q.sex] ?>・<?cs call:born(q.birth_date) ?> <?cs call:years(q.birth_date) ?><?cs else ?><span class="muted"><?cs var:L.patients["source_" + q.source] ?></span><?cs /if ?></td>
      <td><span class="mono"><?cs var:q.network_id ?></span> <?cs var:q.p_name ?>（<?cs var:q.p_kana ?>）<br><?cs var:L.patients["sex_" + q.p_sex] ?>・<?cs call:born(q.p_birth_date) ?> <?cs call:years(q.p_birth_date) ?></td>
      <?cs if:Can.decide ?><td>
        <form method="post" action="/links/decide" class="inline-form link-decide-form">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="link" value="<?cs var:q.id ?>"><input type="hidden" name="version" value="<?cs var:q.version ?>">
          <select name="decision" aria-label="<?cs var:L.links.decision ?>"><option value="approved"><?cs var:L.links.approve ?></option><option value="rejected"<?cs if:Form.link == q.id ?> selected<?cs /if ?>><?cs var:L.links.reject ?></option></select>
          <input type="text" name="note" maxlength="500" placeholder="<?cs var:L.links.note ?>" aria-label="<?cs var:L.links.note ?>"<?cs if:Form.link == q.id ?> value="<?cs var:Form.note ?>" class="invalid" aria-invalid="true"<?cs /if ?>>
          <?cs if:Form.link == q.id ?><?cs call:ferr("note") ?><?cs /if ?>
          <button type="submit"><?cs var:L.links.do_decide ?></button>
        </form></td><?cs /if ?>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
