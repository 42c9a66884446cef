<?cs include:"_head.cs" ?>
<h1><?cs var:L.consent.queue_title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.consent.queue_hint ?></p>
  <?cs if:Queue_total ?><p class="notice" id="queue-more"><?cs var:L.consent.queue_more_pre ?><?cs var:Queue_total ?><?cs var:L.consent.queue_more_mid ?><?cs var:Queue_n ?><?cs var:L.consent.queue_more_post ?></p><?cs /if ?>
  <?cs if:Queue_n == 0 ?><p id="queue-none"><?cs var:L.consent.queue_none ?></p><?cs else ?>
  <div class="tablewrap"><table id="queue">
    <thead><tr><th><?cs var:L.patients.name ?></th><th><?cs var:L.consent.registered_at ?></th><th class="nowrap"><?cs var:L.consent.waiting_days ?></th><th><?cs var:L.consent.facility ?></th><th><?cs var:L.consent.by ?></th><th><?cs var:L.consent.signed_on ?></th><th><?cs var:L.consent.signer ?></th><th><?cs var:L.consent.has_scan ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:q = Queue ?><tr id="queue-<?cs var:q.id ?>"<?cs if:q.days > 7 ?> class="warn"<?cs /if ?>><td class="nowrap"><?cs var:q.patient ?><?cs if:q.revoked ?><br><strong class="warn-text revoked-flag"><?cs var:L.office.queue_revoked ?></strong><?cs /if ?></td><td class="nowrap"><?cs var:dja(q.registered) ?></td><td><?cs var:q.days ?></td><td><?cs var:q.facility ?></td><td><?cs var:q.by ?></td><td class="nowrap"><?cs var:dja(q.signed_on) ?></td><td><?cs var:L.consent["signer_" + q.signer] ?></td><td class="nowrap"><?cs if:q.has_scan == "1" ?><?cs var:q.bytes ?> <?cs var:L.office.bytes ?><?cs else ?>－<?cs /if ?></td><td><a class="button nowrap" href="/consents/view?id=<?cs var:q.id ?>"><?cs var:L.patients.detail ?></a></td></tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
