<?cs include:"_head.cs" ?>
<?cs set:base = "/records/patient?p=" + P + "&purpose=" + Purpose ?>
<div class="records-screen">
<h1><?cs var:L.records.patient_title ?></h1>
<section class="card" id="record-header">
  <p><strong id="record-name"><?cs var:Patient.name ?></strong>（<?cs var:Patient.kana ?>・<?cs var:L.patients["sex_" + Patient.sex] ?>・<?cs var:Patient.birth_date ?>）
  <span class="muted"><?cs var:L.records.purpose_now ?>：<?cs var:L.records["purpose_" + Purpose] ?></span>
  <a class="button secondary rec-print" id="print-anon" href="/records/print?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;section=<?cs var:url_escape(Section) ?><?cs if:History ?>&amp;history=1<?cs /if ?><?cs if:PageNo > 1 ?>&amp;page=<?cs var:PageNo ?><?cs /if ?>"><?cs var:L.viewer.print_anon ?></a>
  <a class="button secondary rec-print" id="export-csv" title="<?cs var:L.viewer.export_hint ?>" href="/records/export?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?><?cs if:History ?>&amp;history=1<?cs /if ?>"><?cs var:L.viewer.export ?></a>
  <a class="button secondary rec-print" id="export-fhir" title="<?cs var:L.viewer.fhir_hint ?>" href="/records/fhir?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>"><?cs var:L.viewer.fhir ?></a></p>
  <?cs if:Verdict == "emergency" ?><p class="error-box emergency" id="emergency-banner" role="alert"><strong><?cs var:L.emergency.banner ?></strong> <?cs var:L.emergency.banner_until ?> <?cs var:Emergency.until ?></p><?cs /if ?>
  <?cs if:P ?><p><a class="button secondary" id="message-about" href="/messages/new?p=<?cs var:url_escape(P) ?>"><?cs var:L.message.about_patient ?></a></p><?cs /if ?>
</section>
<nav class="tabs rec-tabs" id="rec-tabs" aria-label="<?cs var:L.viewer.tabs_label ?>">
  <?cs each:s = L.viewer.tab ?><a id="tab-<?cs name:s ?>" href="<?cs var:base ?>&amp;section=<?cs name:s ?><?cs if:History ?>&amp;history=1<?cs /if ?>"<?cs if:Section == name(s) ?> aria-current="page"<?cs /if ?>><?cs var:s ?></a><?cs /each ?>
</nav>
<section class="card" id="records">
  <p class="hint"><?cs var:L.viewer.sources ?>
  <?cs if:History ?><span id="history-on"><?cs var:L.viewer.history_on ?></span> <a id="history-toggle" href="<?cs var:base ?>&amp;section=<?cs var:Section ?>"><?cs var:L.viewer.history_hide ?></a>
  <?cs else ?><a id="history-toggle" href="<?cs var:base ?>&amp;section=<?cs var:Section ?>&amp;history=1"><?cs var:L.viewer.history_show ?></a><?cs /if ?></p>
  <?cs include:"_record_section.cs" ?>
  <?cs if:Pager.prev || Pager.next ?><nav class="pager" id="pager">
    <?cs if:Pager.prev ?><a id="page-prev" href="<?cs var:base ?>&amp;section=<?cs var:Section ?><?cs if:History ?>&amp;history=1<?cs /if ?>&amp;page=<?cs var:Pager.prev ?>"><?cs if:Section == "labs" ?><?cs var:L.viewer.lab_prev ?><?cs else ?><?cs var:L.viewer.prev ?><?cs /if ?></a><?cs /if ?>
    <span><?cs var:PageNo ?> <?cs var:L.viewer.page ?></span>
    <?cs if:Pager.next ?><a id="page-next" href="<?cs var:base ?>&amp;section=<?cs var:Section ?><?cs if:History ?>&amp;history=1<?cs /if ?>&amp;page=<?cs var:Pager.next ?>"><?cs if:Section == "labs" ?><?cs var:L.viewer.lab_next ?><?cs else ?><?cs var:L.viewer.next ?><?cs /if ?></a><?cs /if ?>
  </nav><?cs /if ?>
</section>
</div>
<p class="print-only"><?cs var:L.viewer.print_use_anon ?></p>
<?cs include:"_foot.cs" ?>
