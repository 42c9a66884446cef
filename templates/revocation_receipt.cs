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
<p class="actions noprint"><button type="button" class="primary" data-print="1" id="print"><?cs var:L.revocation.print ?></button></p>
<?cs include:"_foot.cs" ?>
