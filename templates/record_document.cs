<?cs # record_document.cs: an original document inside the viewer page (issue 21, A11.4): drawn by static/docview.js under a watermark; never a download, never printed. ?>
<?cs include:"_head.cs" ?>
<div class="records-screen">
<h1><?cs var:L.docview.title ?></h1>
<section class="card" id="doc-head">
  <p><strong id="record-name"><?cs var:Patient.name ?></strong>（<?cs var:Patient.kana ?>）
  <span class="muted"><?cs var:L.records.purpose_now ?>：<?cs var:L.records["purpose_" + Purpose] ?></span></p>
  <dl class="kv">
    <dt><?cs var:L.viewer.doc_title ?></dt><dd id="doc-title"><?cs var:Doc.title ?></dd>
    <dt><?cs var:L.viewer.date ?></dt><dd><?cs var:dja(Doc.date) ?></dd>
    <dt><?cs var:L.viewer.facility ?></dt><dd><?cs var:Doc.facility ?></dd>
    <dt><?cs var:L.viewer.category ?></dt><dd><?cs var:Doc.category ?></dd>
  </dl>
  <p class="hint" id="doc-rule"><?cs var:L.docview.rule ?></p>
  <p><a href="/records/patient?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;section=documents" id="doc-back"><?cs var:L.docview.back ?></a></p>
</section>
<section class="card doc-view" id="doc-view" data-src="/records/document?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;id=<?cs var:url_escape(Doc.id) ?>" data-type="<?cs var:Doc.ctype ?>" data-lib="/static/vendor/pdfjs/" data-mark="<?cs var:Mark.facility ?>　<?cs var:Mark.who ?>　<?cs var:dja(Mark.when) ?>">
  <p class="doc-status" id="doc-status" role="status"><?cs var:L.docview.loading ?></p>
  <p class="doc-status" id="doc-failed" hidden><?cs var:L.docview.failed ?></p>
  <div class="doc-pages" id="doc-pages"></div>
  <div class="doc-mark" aria-hidden="true"><?cs loop:i = 1, 24, 1 ?><span><?cs var:Mark.facility ?>　<?cs var:Mark.who ?>　<?cs var:dja(Mark.when) ?></span><?cs /loop ?></div>
</section>
</div>
<p class="print-only" id="doc-noprint"><?cs var:L.docview.no_print ?></p>
<script type="module" src="/static/docview.js"></script>
<?cs include:"_foot.cs" ?>
