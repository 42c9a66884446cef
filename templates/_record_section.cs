<?cs # _record_section.cs: the rows of one section, for the page and its anonymized print.
  Print = 1 leaves out links and document names (a file name may carry an ID). ?>
<?cs def:st(s) ?><?cs if:s != "current" ?> <span class="rec-status rec-<?cs var:s ?>"><?cs var:L.viewer.status[s] ?></span><?cs /if ?><?cs /def ?>
<?cs def:doctitle(d) ?><?cs if:Print ?><?cs if:d.category ?><?cs var:d.category ?><?cs else ?><?cs var:L.viewer.doc_kind_default ?><?cs /if ?>（<?cs var:dja(d.date) ?>）<?cs else ?><a class="doc-link" href="/records/document/view?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;id=<?cs var:d.id ?>"><?cs if:d.category ?><?cs var:d.category ?><?cs else ?><?cs var:L.viewer.doc_kind_default ?><?cs /if ?>（<?cs var:dja(d.date) ?>）</a><?cs /if ?><?cs /def ?>
<?cs def:rxrows(rx) ?><?cs each:g = rx ?><tbody class="rx-group<?cs if:g.first ?> rx-first<?cs /if ?><?cs if:g.status != "current" ?> old<?cs /if ?>"><?cs each:d = g.drugs ?><tr<?cs if:g.status != "current" ?> class="old"<?cs /if ?>><?cs if:first(d) ?><td class="nowrap" rowspan="<?cs var:subcount(g.drugs) ?>"><?cs if:g.first ?><?cs var:dja(g.when) ?><?cs if:g.kind != "prescription" ?><br><span class="muted"><?cs var:L.viewer.kind[g.kind] ?></span><?cs /if ?><?cs /if ?></td><td class="src" rowspan="<?cs var:subcount(g.drugs) ?>"><?cs if:g.first ?><?cs var:g.facility ?><?cs /if ?></td><td class="nowrap" rowspan="<?cs var:subcount(g.drugs) ?>"><?cs var:L.viewer.rp ?><?cs var:g.rp ?><?cs call:st(g.status) ?></td><?cs /if ?><td><strong><?cs var:d.drug ?></strong></td><td class="nowrap"><?cs var:d.dose ?> <?cs var:d.unit ?></td><?cs if:first(d) ?><td rowspan="<?cs var:subcount(g.drugs) ?>"><?cs var:g.frequency ?><?cs if:g.route && !g.frequency ?><?cs var:g.route ?><?cs /if ?></td><td class="nowrap" rowspan="<?cs var:subcount(g.drugs) ?>"><?cs if:g.days ?><?cs var:g.days ?> <?cs var:L.viewer.days_unit ?><?cs /if ?></td><?cs /if ?></tr><?cs /each ?></tbody><?cs /each ?><?cs /def ?>
<?cs def:pager(id) ?><?cs if:Pager.prev || Pager.next ?><nav class="pager" id="<?cs var:id ?>">
    <?cs if:Pager.prev ?><a class="page-prev" href="<?cs var:base ?>&amp;section=<?cs var:Section ?><?cs if:History ?>&amp;history=1<?cs /if ?>&amp;page=<?cs var:Pager.prev ?>"><?cs if:Section == "labs" ?><?cs var:L.viewer.lab_prev ?><?cs else ?><?cs var:L.viewer.prev ?><?cs /if ?></a><?cs /if ?>
    <span><?cs var:PageNo ?> <?cs var:L.viewer.page ?></span>
    <?cs if:Pager.next ?><a class="page-next" href="<?cs var:base ?>&amp;section=<?cs var:Section ?><?cs if:History ?>&amp;history=1<?cs /if ?>&amp;page=<?cs var:Pager.next ?>"><?cs if:Section == "labs" ?><?cs var:L.viewer.lab_next ?><?cs else ?><?cs var:L.viewer.next ?><?cs /if ?></a><?cs /if ?>
  </nav><?cs /if ?><?cs /def ?>

<?cs if:Section == "problems" ?>
  <h2><?cs var:L.viewer.allergies ?></h2>
  <?cs if:Allergies_n == 0 ?><p class="muted"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec stack" id="rec-allergies">
    <thead><tr><th><?cs var:L.viewer.onset ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.allergy_type ?></th><th><?cs var:L.viewer.content ?></th><th><?cs var:L.viewer.severity ?></th><th><?cs var:L.viewer.reaction ?></th></tr></thead>
    <tbody><?cs each:a = Allergies ?><tr<?cs if:a.status != "current" ?> class="old"<?cs /if ?>><td class="nowrap"><?cs var:dja(a.onset) ?></td><td class="src"><?cs var:a.facility ?></td><td><?cs var:a.type ?></td><td><strong><?cs var:a.name ?></strong><?cs call:st(a.status) ?></td><td><?cs var:a.severity ?></td><td><?cs var:a.reaction ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
  <h2><?cs var:L.viewer.problems ?></h2>
  <?cs if:Problems_n == 0 ?><p class="muted"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec stack" id="rec-problems">
    <thead><tr><th><?cs var:L.viewer.onset ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.content ?></th><th><?cs var:L.viewer.code ?></th><th><?cs var:L.viewer.state ?></th><th><?cs var:L.viewer.resolved ?></th></tr></thead>
    <tbody><?cs each:a = Problems ?><tr<?cs if:a.status != "current" ?> class="old"<?cs /if ?>><td class="nowrap"><?cs var:dja(a.onset) ?></td><td class="src"><?cs var:a.facility ?></td><td><?cs var:a.name ?><?cs call:st(a.status) ?></td><td class="mono"><?cs var:a.code ?></td><td><?cs var:a.state ?></td><td class="nowrap"><?cs var:dja(a.resolved) ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs elif:Section == "meds" ?>
  <?cs if:Rx_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <div class="table-scroll"><table class="rec rx" id="rec-meds">
    <thead><tr><th><?cs var:L.viewer.rx_date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.rp ?></th><th><?cs var:L.viewer.drug ?></th><th><?cs var:L.viewer.dose ?></th><th><?cs var:L.viewer.frequency ?></th><th><?cs var:L.viewer.days ?></th></tr></thead>
    <?cs call:rxrows(Rx) ?>
  </table></div><?cs /if ?>
<?cs elif:Section == "labs" ?>
  <?cs if:Labs.ndates == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <p class="hint"><?cs var:L.viewer.flags ?> <?cs var:L.viewer.lab_newest ?><?cs if:Labs.grouped ?> <?cs var:L.viewer.vital_hint ?><?cs /if ?></p>
  <?cs if:!Print ?><?cs call:pager("pager-labs") ?><?cs /if ?>
  <div class="scroll-x lab-box"><table class="rec labs" id="rec-labs">
    <thead><tr><th class="sticky"><?cs var:L.viewer.test ?></th><?cs each:d = Labs.dates ?><th class="num labdate"><?cs var:dja(d) ?></th><?cs /each ?><th><?cs var:L.viewer.range ?></th></tr></thead>
    <tbody><?cs each:t = Labs.tests ?><?cs if:t.group_start ?><tr class="lab-group" id="lab-group-<?cs var:t.group ?>"><th colspan="<?cs var:Labs.ncols ?>" scope="rowgroup" class="sticky-group"><?cs var:L.viewer.lab_group[t.group] ?></th></tr><?cs /if ?><tr<?cs if:t.group == "vital" ?> class="vital"<?cs /if ?>><th scope="row" class="sticky"><?cs var:t.name ?><?cs if:t.unit ?> <span class="muted unit">(<?cs var:t.unit ?>)</span><?cs /if ?><br><span class="src"><?cs var:t.facility ?></span></th><?cs each:c = t.cells ?><?cs if:c.n ?><td class="num readings"><?cs each:x = c.vals ?><span class="reading<?cs if:x.flag ?> abn<?cs /if ?>"><span class="muted"><?cs var:x.t ?></span> <?cs var:x.v ?><?cs if:x.flag ?> <span class="flag"><?cs var:x.flag ?></span><?cs /if ?></span><br><?cs /each ?></td><?cs else ?><td class="num<?cs if:c.flag ?> abn<?cs /if ?>"><?cs var:c.v ?><?cs if:c.flag ?> <span class="flag"><?cs var:c.flag ?></span><?cs /if ?></td><?cs /if ?><?cs /each ?><td class="nowrap"><?cs var:t.range ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <h2><?cs var:L.viewer.trends ?></h2>
  <p class="hint"><span class="swatch"></span> <?cs var:L.viewer.trend_range ?></p>
  <div class="trends"><?cs each:t = Labs.tests ?><figure class="trend" id="trend-<?cs var:t.n ?>"><figcaption><?cs var:t.name ?><?cs if:t.unit ?> (<?cs var:t.unit ?>)<?cs /if ?> <span class="src"><?cs var:t.facility ?></span></figcaption>
  <?cs if:t.trend.points ?><svg class="trend-chart" viewBox="0 0 360 170" width="360" height="170" role="img" aria-label="<?cs var:t.name ?> <?cs var:t.trend.from ?> - <?cs var:t.trend.to ?>">
    <?cs if:t.trend.range ?><rect class="trend-range" x="<?cs var:t.trend.x0 ?>" y="<?cs var:t.trend.ry ?>" width="<?cs var:t.trend.rw ?>" height="<?cs var:t.trend.rh ?>"/><?cs /if ?>
    <?cs each:k = t.trend.ticks ?><line class="trend-grid" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x1 ?>" y1="<?cs var:k.y ?>" y2="<?cs var:k.y ?>"/><text class="trend-tick" x="<?cs var:t.trend.xl ?>" y="<?cs var:k.y ?>" text-anchor="end" dominant-baseline="middle"><?cs var:k.label ?></text><?cs /each ?>
    <line class="trend-axis" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x0 ?>" y1="<?cs var:t.trend.ytop ?>" y2="<?cs var:t.trend.ybot ?>"/>
    <line class="trend-axis" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x1 ?>" y1="<?cs var:t.trend.ybot ?>" y2="<?cs var:t.trend.ybot ?>"/>
    <text class="trend-tick" x="<?cs var:t.trend.x0 ?>" y="<?cs var:t.trend.ylabel ?>" text-anchor="start"><?cs var:dja(t.trend.from) ?></text>
    <text class="trend-tick" x="<?cs var:t.trend.x1 ?>" y="<?cs var:t.trend.ylabel ?>" text-anchor="end"><?cs var:dja(t.trend.to) ?></text>
    <polyline class="trend-line" points="<?cs var:t.trend.points ?>"/>
    <?cs each:q = t.trend.pts ?><circle class="trend-pt<?cs if:q.abn ?> abn<?cs /if ?>" cx="<?cs var:q.x ?>" cy="<?cs var:q.y ?>" r="3"><title><?cs var:dja(q.date) ?> <?cs var:q.value ?><?cs if:q.abn ?> <?cs var:q.abn ?><?cs /if ?></title></circle><?cs /each ?>
  </svg><?cs else ?><p class="muted"><?cs var:L.viewer.trend_none ?></p><?cs /if ?></figure><?cs /each ?></div>
  <?cs /if ?>
<?cs elif:Section == "documents" ?>
  <?cs if:Docs_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <div class="table-scroll"><table class="rec stack" id="rec-docs">
    <thead><tr><th><?cs var:L.viewer.date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.doc_title ?></th><th><?cs var:L.viewer.size ?></th></tr></thead>
    <tbody><?cs each:d = Docs ?><tr><td class="nowrap"><?cs var:dja(d.date) ?></td><td class="src"><?cs var:d.facility ?></td><td><?cs call:doctitle(d) ?></td><td class="num nowrap"><?cs var:L.viewer.doc_type[d.type] ?> <?cs var:d.kb ?> <?cs var:L.viewer.kb ?></td></tr><?cs /each ?></tbody>
  </table></div><?cs /if ?>
<?cs elif:Section == "summary" ?>
  <?cs def:sumhead(title, sec, id) ?><h2 class="sum-head" id="<?cs var:id ?>"><?cs var:title ?><?cs if:!Print ?> <a class="sum-more" href="<?cs var:base ?>&amp;section=<?cs var:sec ?>"><?cs var:L.viewer.sum_more ?> →</a><?cs /if ?></h2><?cs /def ?>
  <p class="hint"><?cs var:L.viewer.sum_hint ?></p>
  <div class="summary-grid">
  <section class="sum-part" id="sum-allergies">
    <?cs call:sumhead(L.viewer.sum_allergies, "problems", "sum-h-allergies") ?>
    <?cs if:SumAllergies_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?><ul class="sum-list">
    <?cs each:a = SumAllergies ?><li><strong class="allergy"><?cs var:a.name ?></strong><?cs if:a.reaction ?>（<?cs var:a.reaction ?><?cs if:a.severity ?>・<?cs var:a.severity ?><?cs /if ?>）<?cs /if ?> <span class="src"><?cs var:a.facility ?><?cs if:a.onset ?>・<?cs var:dja(a.onset) ?><?cs /if ?></span></li><?cs /each ?></ul><?cs /if ?>
  </section>
  <section class="sum-part" id="sum-problems">
    <?cs call:sumhead(L.viewer.sum_problems, "problems", "sum-h-problems") ?>
    <?cs if:SumProblems_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?><ul class="sum-list">
    <?cs each:a = SumProblems ?><li<?cs if:a.resolved ?> class="resolved"<?cs /if ?>><?cs if:!a.resolved ?><strong><?cs var:a.name ?></strong> <span class="tag"><?cs var:L.viewer.active ?></span><?cs else ?><?cs var:a.name ?> <span class="muted"><?cs var:L.viewer.resolved ?> <?cs var:dja(a.resolved) ?></span><?cs /if ?> <span class="src"><?cs var:a.facility ?><?cs if:a.onset ?>・<?cs var:L.viewer.onset ?> <?cs var:dja(a.onset) ?><?cs /if ?></span></li><?cs /each ?></ul>
    <?cs if:SumProblems_more ?><p class="more"><a href="<?cs var:base ?>&amp;section=problems"><?cs var:L.viewer.sum_more ?></a></p><?cs /if ?><?cs /if ?>
  </section>
  <section class="sum-part wide" id="sum-meds">
    <?cs call:sumhead(L.viewer.sum_meds, "meds", "sum-h-meds") ?>
    <?cs if:SumRx_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?>
    <div class="table-scroll"><table class="rec rx" id="sum-rx">
      <thead><tr><th><?cs var:L.viewer.rx_date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.rp ?></th><th><?cs var:L.viewer.drug ?></th><th><?cs var:L.viewer.dose ?></th><th><?cs var:L.viewer.frequency ?></th><th><?cs var:L.viewer.days ?></th></tr></thead>
      <?cs call:rxrows(SumRx) ?>
    </table></div><?cs /if ?>
  </section>
  <section class="sum-part wide" id="sum-labs">
    <?cs call:sumhead(L.viewer.sum_labs, "labs", "sum-h-labs") ?>
    <?cs if:SumLabs_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?>
    <div class="table-scroll"><table class="rec" id="sum-lab-table">
      <thead><tr><th><?cs var:L.viewer.date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.test ?></th><th class="num"><?cs var:L.viewer.value ?></th><th><?cs var:L.viewer.range ?></th></tr></thead>
      <tbody><?cs each:x = SumLabs ?><tr><td class="nowrap"><?cs var:dja(x.date) ?></td><td class="src"><?cs var:x.facility ?></td><td><?cs var:x.name ?></td><td class="num abn nowrap"><?cs var:x.value ?><?cs if:x.unit ?> <span class="unit"><?cs var:x.unit ?></span><?cs /if ?> <span class="flag"><?cs var:x.flag ?></span></td><td class="nowrap"><?cs var:x.range ?></td></tr><?cs /each ?></tbody>
    </table></div>
    <?cs if:SumLabs_more ?><p class="more"><a href="<?cs var:base ?>&amp;section=labs"><?cs var:L.viewer.sum_more ?></a></p><?cs /if ?><?cs /if ?>
  </section>
  <section class="sum-part" id="sum-visits">
    <?cs call:sumhead(L.viewer.sum_visits, "visits", "sum-h-visits") ?>
    <?cs if:SumVisits_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?><ul class="sum-list">
    <?cs each:e = SumVisits ?><li><span class="nowrap"><?cs var:dja(e.when) ?></span> <strong><?cs var:L.viewer.kind[e.kind] ?></strong><?cs if:e.summary ?> <?cs var:e.summary ?><?cs /if ?> <span class="src"><?cs var:e.facility ?></span></li><?cs /each ?></ul><?cs /if ?>
  </section>
  <section class="sum-part" id="sum-docs">
    <?cs call:sumhead(L.viewer.sum_docs, "documents", "sum-h-docs") ?>
    <?cs if:SumDocs_n == 0 ?><p class="muted"><?cs var:L.viewer.sum_none ?></p><?cs else ?><ul class="sum-list">
    <?cs each:d = SumDocs ?><li><?cs call:doctitle(d) ?> <span class="src"><?cs var:d.facility ?></span></li><?cs /each ?></ul><?cs /if ?>
  </section>
  </div>
<?cs else ?>
  <?cs if:Rows_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec stack" id="rec-rows">
    <thead><tr><th><?cs var:L.viewer.when ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.kind_col ?></th><th><?cs var:L.viewer.content ?></th></tr></thead>
    <tbody><?cs each:e = Rows ?><tr class="kind-<?cs var:e.kind ?><?cs if:e.status != "current" ?> old<?cs /if ?>"><td class="nowrap"><?cs var:dja(e.when) ?></td><td class="src"><?cs var:e.facility ?></td><td class="nowrap"><?cs var:L.viewer.kind[e.kind] ?></td><td><?cs if:e.title ?><strong><?cs var:e.title ?></strong><?cs /if ?><?cs call:st(e.status) ?><?cs if:e.summary && e.summary != e.title ?><div class="summary"><?cs var:e.summary ?></div><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs /if ?>
