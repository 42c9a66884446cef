<?cs include:"_head.cs" ?>
<?cs set:Print = 1 ?>
<div class="watermark" aria-hidden="true"><?cs loop:i = 1, 12, 1 ?><span><?cs var:Mark.who ?>・<?cs var:Mark.facility ?>・<?cs var:dja(Mark.when) ?></span><?cs /loop ?></div>
<article class="report anon-print" id="anon-print">
  <p class="noprint"><button type="button" class="primary" data-print id="print-do"><?cs var:L.viewer.print_do ?></button>
  <a class="button secondary" id="print-back" href="/records/patient?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;section=<?cs var:url_escape(Section) ?>"><?cs var:L.viewer.print_back ?></a>
  <span class="hint"><?cs var:L.viewer.print_hint ?></span></p>
  <p class="mark" id="watermark"><?cs var:L.viewer.mark ?>：<?cs var:Mark.who ?>　<?cs var:L.viewer.mark_facility ?>：<?cs var:Mark.facility ?>　<?cs var:L.viewer.mark_when ?>：<?cs var:dja(Mark.when) ?><br><?cs var:L.viewer.mark_note ?></p>
  <h1><?cs var:L.viewer.print_title ?>：<?cs var:L.viewer.tab[Section] ?></h1>
  <p id="anon-patient"><?cs var:L.viewer.anon_patient ?>　<?cs var:L.viewer.sex ?>：<?cs var:L.patients["sex_" + Anon.sex] ?>　<?cs var:L.viewer.age ?>：<?cs var:Anon.age ?> <?cs var:L.viewer.age_unit ?>
  <?cs if:Verdict == "emergency" ?>　<strong><?cs var:L.records.purpose_emergency ?></strong><?cs /if ?></p>
  <?cs include:"_record_section.cs" ?>
</article>
<?cs include:"_foot.cs" ?>
