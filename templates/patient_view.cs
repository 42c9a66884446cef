<?cs include:"_head.cs" ?>
<h1><?cs var:L.patients.view_title ?></h1>
<p><a href="/patients"><?cs var:L.patients.title ?></a></p>
<?cs if:Patient.status == "merged" ?>
<p class="notice" id="merged-notice"><?cs var:L.patients.merged_notice ?> <?cs if:Patient.survivor ?><a href="/patients/view?p=<?cs var:Patient.survivor ?>"><?cs var:L.patients.open_survivor ?></a><?cs /if ?></p>
<?cs /if ?>
<?cs if:Patient.status == "cancelled" ?><p class="notice warn-text" id="cancelled-notice"><?cs var:L.patients.death_done ?>（<?cs var:L.patients.deceased_on ?>：<?cs var:Patient.deceased_on ?>）</p><?cs /if ?>
<?cs if:Identity.limited ?><p class="notice" id="identity-limited"><?cs var:L.patients.identity_limited ?></p><?cs /if ?>
<section class="card">
  <h2><?cs var:L.patients.basic ?></h2>
  <dl class="kv" id="patient-basic">
    <dt><?cs var:L.patients.network_id ?></dt><dd class="mono" id="network-id"><?cs var:Patient.network_id ?></dd>
    <dt><?cs var:L.patients.name ?></dt><dd id="patient-name"><?cs var:Patient.name ?></dd>
    <dt><?cs var:L.patients.kana ?></dt><dd><?cs var:Patient.kana ?></dd>
    <dt><?cs var:L.patients.sex ?></dt><dd><?cs var:L.patients["sex_" + Patient.sex] ?></dd>
    <dt><?cs var:L.patients.birth_date ?></dt><dd><?cs var:Patient.birth_date ?></dd>
    <?cs if:Can.contact ?>
    <dt><?cs var:L.patients.address ?></dt><dd><?cs var:Patient.address ?></dd>
    <dt><?cs var:L.patients.phone ?></dt><dd><?cs var:Patient.phone ?></dd>
    <?cs /if ?>
    <dt><?cs var:L.patients.status ?></dt><dd id="patient-status"><?cs var:L.patients["status_" + Patient.status] ?></dd>
  </dl>
</section>
<section class="card">
  <h2><?cs var:L.patients.consents ?></h2>
  <?cs if:Consents_n == 0 ?><p id="consents-none"><?cs if:Identity.limited ?><?cs var:L.patients.consents_none_own ?><?cs else ?><?cs var:L.patients.consents_none ?><?cs /if ?></p><?cs else ?>
  <table id="consents">
    <thead><tr><th><?cs var:L.patients.signed_on ?></th><th><?cs var:L.patients.registered ?></th><th><?cs var:L.patients.registered_at_facility ?></th><th><?cs var:L.patients.scope ?></th><th><?cs var:L.patients.state ?></th><th><?cs var:L.consent.status ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:c = Consents ?><tr class="consent-<?cs var:c.state ?>">
      <td><?cs var:c.signed_on ?></td><td><?cs var:c.registered ?></td><td><?cs var:c.facility ?></td>
      <td><?cs if:c.all_disclosing == "1" && c.all_viewing == "1" ?><?cs var:L.patients.scope_all ?><?cs else ?><?cs var:L.patients.scope_some ?><?cs /if ?></td>
      <td class="state"><strong><?cs var:L.patients["state_" + c.state] ?></strong></td>
      <td><?cs var:L.patients["check_" + c.status] ?></td>
      <td><?cs if:c.can_open ?><a href="/consents/view?id=<?cs var:c.id ?>"><?cs var:L.patients.detail ?></a><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:Can.consent && Patient.status == "active" ?><p><a class="button" id="consent-new" href="/consents/new?p=<?cs var:P ?>"><?cs var:L.patients.consent_new ?></a></p><?cs /if ?>
</section>
<section class="card">
  <h2><?cs var:L.patients.revocations ?></h2>
  <?cs if:Revocations_n == 0 ?><p id="revocations-none"><?cs if:Identity.limited ?><?cs var:L.patients.revocations_none_own ?><?cs else ?><?cs var:L.patients.revocations_none ?><?cs /if ?></p><?cs else ?>
  <table id="revocations">
    <thead><tr><th><?cs var:L.patients.receipt_no ?></th><th><?cs var:L.patients.signed_on ?></th><th><?cs var:L.patients.received ?></th><th><?cs var:L.patients.via ?></th></tr></thead>
    <tbody>
    <?cs each:v = Revocations ?><tr><td class="mono"><a href="/revocations/receipt?no=<?cs var:v.receipt_no ?>"><?cs var:v.receipt_no ?></a></td><td><?cs var:v.signed_on ?></td><td><?cs var:v.received ?></td><td><?cs var:L.patients["via_" + v.via] ?><?cs if:v.facility ?>（<?cs var:v.facility ?>）<?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:Patient.has_effective || (Identity.limited && Patient.status == "active") ?><p><a class="button" id="revoke" href="/revocations/new?p=<?cs var:P ?>"><?cs var:L.patients.revoke ?></a></p><?cs /if ?>
</section>
<?cs if:Can.report ?>
<section class="card">
  <p><a class="button" id="access-report" href="/patients/access-report?p=<?cs var:P ?>"><?cs var:L.patients.report ?></a></p>
</section>
<?cs /if ?>
<?cs if:Can.link ?>
<section class="card">
  <h2><?cs var:L.patients.links ?></h2>
  <?cs if:Links_n == 0 ?><p id="links-none"><?cs var:L.patients.links_none ?></p><?cs else ?>
  <table id="links">
    <thead><tr><th><?cs var:L.patients.link_facility ?></th><th><?cs var:L.patients.local_id ?></th><th><?cs var:L.patients.source ?></th><?cs if:Can.end_link ?><th><?cs var:L.patients.end_link ?></th><?cs /if ?></tr></thead>
    <tbody><?cs each:l = Links ?><tr id="link-<?cs var:l.id ?>"<?cs if:l.asked ?> class="asked"<?cs /if ?>><td><?cs var:l.facility ?></td><td class="mono"><?cs var:l.local_id ?></td><td><?cs var:L.patients["source_" + l.source] ?><?cs if:l.asked ?><br><strong class="link-asked"><?cs var:L.patients.link_asked ?></strong><?cs /if ?></td>
      <?cs if:Can.end_link ?><td><?cs if:!l.asked ?><form method="post" action="/links/end" class="inline-form link-end-form">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="p" value="<?cs var:P ?>"><input type="hidden" name="link" value="<?cs var:l.id ?>"><input type="hidden" name="version" value="<?cs var:l.version ?>">
        <input type="text" name="reason" maxlength="500" required placeholder="<?cs var:L.patients.end_reason ?>" aria-label="<?cs var:L.patients.end_reason ?>">
        <button type="submit"><?cs var:L.patients.end_link ?></button></form><?cs else ?><a href="/links/requests"><?cs var:L.links.requests_nav ?></a><?cs /if ?></td><?cs /if ?></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
  <?cs if:Patient.status == "active" ?>
  <h3><?cs var:L.patients.add_link ?></h3>
  <form method="post" action="/patients/link" class="form inline-form" id="link-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <?cs if:Can.operate ?>
    <div class="row"><label for="l-fac"><?cs var:L.patients.link_facility ?></label>
      <select id="l-fac" name="facility"><?cs each:f = Facilities ?><option value="<?cs var:f.id ?>"><?cs var:f.code ?> <?cs var:f.name ?></option><?cs /each ?></select></div>
    <?cs /if ?>
    <div class="row"><label for="l-local"><?cs var:L.patients.local_id ?></label>
      <input type="text" id="l-local" name="local_id" maxlength="64" required autocomplete="off"></div>
    <button type="submit" id="link-submit"><?cs var:L.patients.do_link ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Can.operate ?>
<section class="card" id="operate">
  <h2><?cs var:L.patients.operate ?></h2>
  <?cs if:Patient.status == "active" ?>
  <h3><?cs var:L.patients.death ?></h3>
  <form method="post" action="/patients/death" class="form" id="death-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <input type="hidden" name="version" value="<?cs var:Patient.version ?>">
    <div class="row"><label for="d-on"><?cs var:L.patients.deceased_on ?></label><input type="date" id="d-on" name="deceased_on" required></div>
    <div class="row"><label for="d-how"><?cs var:L.patients.how ?></label><input type="text" id="d-how" name="how" maxlength="300" required placeholder="<?cs var:L.patients.how_hint ?>"></div>
    <button type="submit" class="danger" id="death-submit"><?cs var:L.patients.do_death ?></button>
  </form>
  <h3><?cs var:L.patients.merge ?></h3>
  <p class="hint"><?cs var:L.patients.merge_hint ?></p>
  <form method="post" action="/patients/merge" class="form" id="merge-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <div class="row"><label for="m-other"><?cs var:L.patients.merge_other ?></label><input type="text" id="m-other" name="other" maxlength="10" required inputmode="numeric" autocomplete="off"></div>
    <div class="row"><label for="m-reason"><?cs var:L.patients.reason ?></label><input type="text" id="m-reason" name="reason" maxlength="500" required></div>
    <button type="submit" id="merge-submit"><?cs var:L.patients.do_merge ?></button>
  </form>
  <?cs /if ?>
  <?cs if:Merges_n > 0 ?>
  <h3><?cs var:L.patients.merges ?></h3>
  <table id="merges">
    <thead><tr><th><?cs var:L.patients.network_id ?></th><th><?cs var:L.patients.name ?></th><th><?cs var:L.patients.reason ?></th><th><?cs var:L.patients.registered ?></th><th><?cs var:L.patients.undone ?></th><th></th></tr></thead>
    <tbody><?cs each:m = Merges ?><tr><td class="mono"><?cs var:m.network_id ?></td><td><?cs var:m.name ?></td><td><?cs var:m.reason ?></td><td><?cs var:m.merged ?></td><td><?cs var:m.undone ?></td>
      <td><?cs if:!m.undone ?><form method="post" action="/patients/unmerge" class="inline" id="unmerge-<?cs var:m.id ?>">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="p" value="<?cs var:P ?>"><input type="hidden" name="merge" value="<?cs var:m.id ?>">
        <input type="text" name="reason" maxlength="500" required placeholder="<?cs var:L.patients.reason ?>" aria-label="<?cs var:L.patients.reason ?>">
        <button type="submit"><?cs var:L.patients.unmerge ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
