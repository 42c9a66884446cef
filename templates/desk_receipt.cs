<?cs include:"_head.cs" ?>
<?cs with:c = Complaint.0 ?>
<article class="receipt" id="receipt">
  <p class="receipt-net"><?cs var:Net.name ?></p>
  <h1><?cs var:L.desk.receipt_heading ?></h1>
  <p><?cs var:L.desk.receipt_lead ?></p>
  <dl class="kv receipt-kv">
    <dt><?cs var:L.desk.receipt_no ?></dt><dd><strong class="receipt-no" id="receipt-no"><?cs var:c.receipt_no ?></strong></dd>
    <dt><?cs var:L.desk.received_on ?></dt><dd id="receipt-date"><?cs var:dja(c.received_on) ?></dd>
    <dt><?cs var:L.desk.name ?></dt><dd><?cs var:c.name ?> 様</dd>
    <dt><?cs var:L.desk.category ?></dt><dd id="receipt-category"><?cs var:L.desk.cat[c.category] ?></dd>
    <dt><?cs var:L.desk.channel ?></dt><dd><?cs var:L.desk.channel_name[c.channel] ?></dd>
    <dt><?cs var:L.desk.contact_kind ?></dt><dd><?cs var:L.desk.contact_kinds[c.contact_kind] ?></dd>
    <dt><?cs var:L.desk.due_on ?></dt><dd id="receipt-due"><?cs var:dja(c.due_on) ?></dd>
  </dl>
  <h2><?cs var:L.desk.receipt_next ?></h2>
  <ol class="receipt-next">
    <li><?cs var:L.desk.receipt_step1 ?></li>
    <li><?cs var:L.desk.receipt_step2 ?></li>
    <li><?cs var:L.desk.receipt_step3 ?></li>
  </ol>
  <h2><?cs var:L.desk.receipt_contact ?></h2>
  <p class="receipt-contact"><?cs var:L.desk.contact_org ?><br><?cs var:L.desk.contact_hours ?><br><?cs var:L.desk.contact_phone ?></p>
</article>
<p class="actions noprint">
  <button type="button" class="primary" id="print-btn" data-print="1"><?cs var:L.desk.print ?></button>
  <a href="/desk/complaints/view?id=<?cs var:url_escape(c.id) ?>" id="back-view"><?cs var:L.desk.back_view ?></a>
</p>
<?cs /with ?>
<?cs include:"_foot.cs" ?>
