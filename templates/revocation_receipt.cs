<?cs include:"_head.cs" ?>
<div class="receipt" id="receipt">
  <h1><?cs var:L.revocation.receipt_heading ?></h1>
  <dl class="kv">
    <dt><?cs var:L.revocation.receipt_no ?></dt><dd class="mono big" id="receipt-no"><?cs var:Receipt.receipt_no ?></dd>
    <dt><?cs var:L.revocation.received_at ?></dt><dd id="received-at"><?cs var:dja(Receipt.received_at) ?></dd>
    <dt><?cs var:L.revocation.patient ?></dt><dd><?cs var:Receipt.name ?> 様</dd>
    <dt><?cs var:L.revocation.signed_on ?></dt><dd><?cs var:dja(Receipt.signed_on) ?></dd>
    <dt><?cs var:L.revocation.signer ?></dt><dd><?cs var:L.consent["signer_" + Receipt.signer] ?><?cs if:Receipt.proxy_name ?>（<?cs var:Receipt.proxy_name ?>・<?cs var:Receipt.proxy_relation ?>）<?cs /if ?></dd>
    <dt><?cs var:L.revocation.where ?></dt><dd><?cs if:Receipt.via == "desk" ?><?cs var:L.revocation.where_desk ?><?cs else ?><?cs var:Receipt.facility ?><?cs /if ?></dd>
    <dt><?cs var:L.revocation.received_by ?></dt><dd><?cs var:Receipt.received_by ?></dd>
  </dl>
  <p id="effect"><?cs var:L.revocation.effect ?></p>
  <p><?cs var:L.revocation.keep ?></p>
  <p class="muted"><?cs var:L.revocation.contact ?>（<?cs var:Net.name ?>）</p>
</div>
<p class="actions noprint"><button type="button" class="primary" data-print="1" id="print"><?cs var:L.revocation.print ?></button> <a class="button secondary" href="/revocations/print?no=<?cs var:url_escape(Receipt.receipt_no) ?>" id="form5-print"><?cs var:L.form5.print ?></a></p>
<?cs # Issue 21: the signed paper, scanned and kept like form 4's (A12.2). ?>
<section class="card noprint" id="form5-scan">
  <h2><?cs var:L.form5.scan_title ?></h2>
  <?cs if:Receipt.scan_sha256 ?><p id="scan-stored"><?cs var:L.form5.stored ?> <a href="/revocations/scan?no=<?cs var:url_escape(Receipt.receipt_no) ?>" id="scan-open"><?cs var:L.form5.open ?></a>
    <span class="muted">（<?cs var:Receipt.scan_type ?>、<?cs var:Receipt.scan_size ?> <?cs var:L.agenda.bytes ?>、SHA-256 <span class="mono"><?cs var:Receipt.scan_sha256 ?></span>）</span></p>
  <?cs else ?><p class="warn-text" id="scan-missing"><?cs var:L.form5.missing ?></p>
  <form method="post" action="/revocations/scan" enctype="multipart/form-data" class="form" id="scan-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="no" value="<?cs var:Receipt.receipt_no ?>">
    <div class="row"><label for="scan"><?cs var:L.form5.scan ?></label>
      <input type="file" id="scan" name="scan" accept="application/pdf,image/png,image/jpeg"></div>
    <button type="submit" class="button" id="scan-submit"><?cs var:L.form5.store ?></button>
  </form><?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
