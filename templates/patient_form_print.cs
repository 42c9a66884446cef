<?cs # patient_form_print.cs: forms 4 and 5 as an A4 page laid out like the paper form, from the stored data (issue 21). ?>
<?cs include:"_head.cs" ?>
<?cs with:p = Print ?>
<article class="form-paper" id="form-paper">
<p class="fp-form-no"><?cs var:L.form5["fp_no_" + p.form] ?></p>
<p class="fp-date" id="fp-date"><?cs if:p.signed_on_wareki ?><?cs var:p.signed_on_wareki ?><?cs else ?><?cs var:L.forms.fp_blank_date ?><?cs /if ?></p>
<p class="fp-to"><?cs var:L.forms.fp_to ?></p>
<h1 class="fp-title" id="fp-title"><?cs var:L.form5["fp_title_" + p.form] ?></h1>
<p class="fp-lead"><?cs var:L.form5["fp_lead_" + p.form] ?></p>
<table class="fp-table" id="fp-table">
  <tr><th scope="row"><?cs var:L.forms.fp_name ?></th><td id="fp-name"><?cs var:p.name ?></td><th scope="row"><?cs var:L.forms.user_kana ?></th><td><?cs var:p.kana ?></td></tr>
  <tr><th scope="row"><?cs var:L.patients.birth_date ?></th><td><?cs if:p.birth_date_wareki ?><?cs var:p.birth_date_wareki ?><?cs else ?><?cs var:dja(p.birth_date) ?><?cs /if ?></td><th scope="row"><?cs var:L.patients.sex ?></th><td><?cs var:L.patients["sex_" + p.sex] ?></td></tr>
  <tr><th scope="row"><?cs var:L.patients.address ?></th><td colspan="3"><?cs var:p.address ?></td></tr>
  <tr><th scope="row"><?cs var:L.patients.network_id ?></th><td colspan="3" class="mono"><?cs var:p.network_id ?></td></tr>
<?cs if:p.form == "4" ?>
  <tr><th scope="row"><?cs var:L.form5.fp_disclosing ?></th><td colspan="3" id="fp-disclosing"><?cs if:p.all_disclosing == "1" ?><?cs var:L.form5.fp_all_disclosing ?><?cs else ?><?cs each:f = p.facilities ?><?cs if:f.side == "disclosing" ?><?cs var:f.name ?>　<?cs /if ?><?cs /each ?><?cs /if ?></td></tr>
  <tr><th scope="row"><?cs var:L.form5.fp_viewing ?></th><td colspan="3" id="fp-viewing"><?cs if:p.all_viewing == "1" ?><?cs var:L.form5.fp_all_viewing ?><?cs else ?><?cs each:f = p.facilities ?><?cs if:f.side == "viewing" ?><?cs var:f.name ?>　<?cs /if ?><?cs /each ?><?cs /if ?></td></tr>
<?cs /if ?>
  <tr><th scope="row"><?cs var:L.form5.fp_signer ?></th><td colspan="3" id="fp-signer"><?cs if:p.signer == "proxy" ?>☐ <?cs var:L.form5.fp_self ?>　☑ <?cs var:L.form5.fp_proxy ?>（<?cs var:p.proxy_name ?>・<?cs var:p.proxy_relation ?>）<?cs else ?>☑ <?cs var:L.form5.fp_self ?>　☐ <?cs var:L.form5.fp_proxy ?><?cs /if ?></td></tr>
</table>
<p class="fp-seal-line"><?cs var:L.form5.fp_sign ?>　<span class="fp-sign"><?cs if:p.signer == "proxy" ?><?cs var:p.proxy_name ?><?cs else ?><?cs var:p.name ?><?cs /if ?></span><span class="fp-seal"><?cs var:L.agenda.seal ?></span></p>
<table class="fp-table fp-office" id="fp-office">
  <caption><?cs var:L.forms.fp_office ?></caption>
  <?cs if:p.receipt_no ?><tr><th scope="row"><?cs var:L.revocation.receipt_no ?></th><td colspan="3" class="mono" id="fp-receipt"><?cs var:p.receipt_no ?></td></tr><?cs /if ?>
  <tr><th scope="row"><?cs var:L.form5.fp_received_where ?></th><td><?cs if:p.via == "desk" ?><?cs var:L.revocation.where_desk ?><?cs else ?><?cs var:p.facility ?><?cs /if ?></td><th scope="row"><?cs var:L.form5.fp_received_at ?></th><td><?cs var:dja(p.received_at) ?></td></tr>
  <tr><th scope="row"><?cs var:L.form5.fp_receiver ?></th><td colspan="3"><?cs var:p.receiver ?></td></tr>
</table>
</article>
<?cs /with ?>
<p class="noprint"><button type="button" class="button" id="print-btn" data-print="1"><?cs var:L.council.print ?></button></p>
<?cs include:"_foot.cs" ?>
