<?cs # _record_section.cs: the rows of one section, for the page and its anonymized print.
  Print = 1 leaves out links and document names (a file name may carry an ID). ?>
<?cs def:st(s) ?><?cs if:s != "current" ?> <span class="rec-status rec-<?cs var:s ?>"><?cs var:L.viewer.status[s] ?></span><?cs /if ?><?cs /def ?>
<?cs if:Section == "problems" ?>
  <h2><?cs var:L.viewer.allergies ?></h2>
  <?cs if:Allergies_n == 0 ?><p class="muted"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec" id="rec-allergies">
    <thead><tr><th><?cs var:L.viewer.onset ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.allergy_type ?></th><th><?cs var:L.viewer.content ?></th><th><?cs var:L.viewer.severity ?></th><th><?cs var:L.viewer.reaction ?></th></tr></thead>
    <tbody><?cs each:a = Allergies ?><tr<?cs if:a.status != "current" ?> class="old"<?cs /if ?>><td><?cs var:a.onset ?></td><td class="src"><?cs var:a.facility ?></td><td><?cs var:a.type ?></td><td><strong><?cs var:a.name ?></strong><?cs call:st(a.status) ?></td><td><?cs var:a.severity ?></td><td><?cs var:a.reaction ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
  <h2><?cs var:L.viewer.problems ?></h2>
  <?cs if:Problems_n == 0 ?><p class="muted"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec" id="rec-problems">
    <thead><tr><th><?cs var:L.viewer.onset ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.content ?></th><th><?cs var:L.viewer.code ?></th><th><?cs var:L.viewer.state ?></th><th><?cs var:L.viewer.resolved ?></th></tr></thead>
    <tbody><?cs each:a = Problems ?><tr<?cs if:a.status != "current" ?> class="old"<?cs /if ?>><td><?cs var:a.onset ?></td><td class="src"><?cs var:a.facility ?></td><td><?cs var:a.name ?><?cs call:st(a.status) ?></td><td class="mono"><?cs var:a.code ?></td><td><?cs var:a.state ?></td><td><?cs var:a.resolved ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs elif:Section == "meds" ?>
  <?cs if:Meds_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec" id="rec-meds">
    <thead><tr><th><?cs var:L.viewer.date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.kind_col ?></th><th><?cs var:L.viewer.drug ?></th><th><?cs var:L.viewer.dose ?></th><th><?cs var:L.viewer.route ?></th><th><?cs var:L.viewer.frequency ?></th><th><?cs var:L.viewer.days ?></th></tr></thead>
    <tbody><?cs each:m = Meds ?><tr<?cs if:m.status != "current" ?> class="old"<?cs /if ?>><td class="nowrap"><?cs var:m.when ?></td><td class="src"><?cs var:m.facility ?></td><td><?cs var:L.viewer.kind[m.kind] ?></td><td><strong><?cs var:m.drug ?></strong><?cs call:st(m.status) ?></td><td class="nowrap"><?cs var:m.dose ?> <?cs var:m.unit ?></td><td><?cs var:m.route ?></td><td><?cs var:m.frequency ?></td><td class="nowrap"><?cs if:m.days ?><?cs var:m.days ?> <?cs var:L.viewer.days_unit ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs elif:Section == "labs" ?>
  <?cs if:Labs.ndates == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <p class="hint"><?cs var:L.viewer.flags ?><?cs if:Labs.grouped ?> <?cs var:L.viewer.vital_hint ?><?cs /if ?></p>
  <div class="scroll-x"><table class="rec labs" id="rec-labs">
    <thead><tr><th><?cs var:L.viewer.test ?></th><th><?cs var:L.viewer.range ?></th><?cs each:d = Labs.dates ?><th class="num nowrap"><?cs var:d ?></th><?cs /each ?></tr></thead>
    <tbody><?cs each:t = Labs.tests ?><?cs if:t.group_start ?><tr class="lab-group" id="lab-group-<?cs var:t.group ?>"><th colspan="<?cs var:Labs.ncols ?>" scope="rowgroup"><?cs var:L.viewer.lab_group[t.group] ?></th></tr><?cs /if ?><tr<?cs if:t.group == "vital" ?> class="vital"<?cs /if ?>><th scope="row"><?cs var:t.name ?><?cs if:t.unit ?> <span class="muted">(<?cs var:t.unit ?>)</span><?cs /if ?><br><span class="src"><?cs var:t.facility ?></span></th><td class="nowrap"><?cs var:t.range ?></td><?cs each:c = t.cells ?><?cs if:c.n ?><td class="num readings"><?cs each:x = c.vals ?><span class="reading<?cs if:x.flag ?> abn<?cs /if ?>"><span class="muted"><?cs var:x.t ?></span> <?cs var:x.v ?><?cs if:x.flag ?> <span class="flag"><?cs var:x.flag ?></span><?cs /if ?></span><br><?cs /each ?></td><?cs else ?><td class="num<?cs if:c.flag ?> abn<?cs /if ?>"><?cs var:c.v ?><?cs if:c.flag ?> <span class="flag"><?cs var:c.flag ?></span><?cs /if ?></td><?cs /if ?><?cs /each ?></tr><?cs /each ?></tbody>
  </table></div>
  <h2><?cs var:L.viewer.trends ?></h2>
  <p class="hint"><span class="swatch"></span> <?cs var:L.viewer.trend_range ?></p>
  <div class="trends"><?cs each:t = Labs.tests ?><figure class="trend" id="trend-<?cs var:t.n ?>"><figcaption><?cs var:t.name ?><?cs if:t.unit ?> (<?cs var:t.unit ?>)<?cs /if ?> <span class="src"><?cs var:t.facility ?></span></figcaption>
  <?cs if:t.trend.points ?><svg class="trend-chart" viewBox="0 0 360 170" width="360" height="170" role="img" aria-label="<?cs var:t.name ?> <?cs var:t.trend.from ?> - <?cs var:t.trend.to ?>">
    <?cs if:t.trend.range ?><rect class="trend-range" x="<?cs var:t.trend.x0 ?>" y="<?cs var:t.trend.ry ?>" width="<?cs var:t.trend.rw ?>" height="<?cs var:t.trend.rh ?>"/><?cs /if ?>
    <?cs each:k = t.trend.ticks ?><line class="trend-grid" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x1 ?>" y1="<?cs var:k.y ?>" y2="<?cs var:k.y ?>"/><text class="trend-tick" x="<?cs var:t.trend.xl ?>" y="<?cs var:k.y ?>" text-anchor="end" dominant-baseline="middle"><?cs var:k.label ?></text><?cs /each ?>
    <line class="trend-axis" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x0 ?>" y1="<?cs var:t.trend.ytop ?>" y2="<?cs var:t.trend.ybot ?>"/>
    <line class="trend-axis" x1="<?cs var:t.trend.x0 ?>" x2="<?cs var:t.trend.x1 ?>" y1="<?cs var:t.trend.ybot ?>" y2="<?cs var:t.trend.ybot ?>"/>
    <text class="trend-tick" x="<?cs var:t.trend.x0 ?>" y="<?cs var:t.trend.ylabel ?>" text-anchor="start"><?cs var:t.trend.from ?></text>
    <text class="trend-tick" x="<?cs var:t.trend.x1 ?>" y="<?cs var:t.trend.ylabel ?>" text-anchor="end"><?cs var:t.trend.to ?></text>
    <polyline class="trend-line" points="<?cs var:t.trend.points ?>"/>
    <?cs each:q = t.trend.pts ?><circle class="trend-pt<?cs if:q.abn ?> abn<?cs /if ?>" cx="<?cs var:q.x ?>" cy="<?cs var:q.y ?>" r="3"><title><?cs var:q.date ?> <?cs var:q.value ?><?cs if:q.abn ?> <?cs var:q.abn ?><?cs /if ?></title></circle><?cs /each ?>
  </svg><?cs else ?><p class="muted"><?cs var:L.viewer.trend_none ?></p><?cs /if ?></figure><?cs /each ?></div>
  <?cs /if ?>
<?cs elif:Section == "documents" ?>
  <?cs if:Docs_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec" id="rec-docs">
    <thead><tr><th><?cs var:L.viewer.date ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.category ?></th><?cs if:!Print ?><th><?cs var:L.viewer.doc_title ?></th><?cs /if ?><th><?cs var:L.viewer.size ?></th></tr></thead>
    <tbody><?cs each:d = Docs ?><tr><td class="nowrap"><?cs var:d.date ?></td><td class="src"><?cs var:d.facility ?></td><td><?cs var:d.category ?></td><?cs if:!Print ?><td><a class="doc-link" href="/records/document/view?p=<?cs var:url_escape(P) ?>&amp;purpose=<?cs var:url_escape(Purpose) ?>&amp;id=<?cs var:d.id ?>"><?cs var:d.title ?></a> <span class="muted">(<?cs var:d.ctype ?>)</span></td><?cs /if ?><td class="num nowrap"><?cs var:d.size ?> <?cs var:L.viewer.bytes ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs else ?>
  <?cs if:Rows_n == 0 ?><p class="muted" id="rec-empty"><?cs var:L.viewer.empty ?></p><?cs else ?>
  <table class="rec" id="rec-rows">
    <thead><tr><th><?cs var:L.viewer.when ?></th><th><?cs var:L.viewer.facility ?></th><th><?cs var:L.viewer.kind_col ?></th><th><?cs var:L.viewer.content ?></th></tr></thead>
    <tbody><?cs each:e = Rows ?><tr class="kind-<?cs var:e.kind ?><?cs if:e.status != "current" ?> old<?cs /if ?>"><td class="nowrap"><?cs var:e.when ?></td><td class="src"><?cs var:e.facility ?></td><td class="nowrap"><?cs var:L.viewer.kind[e.kind] ?></td><td><?cs if:e.title ?><strong><?cs var:e.title ?></strong><?cs /if ?><?cs call:st(e.status) ?><?cs if:e.summary && e.summary != e.title ?><div class="summary"><?cs var:e.summary ?></div><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table><?cs /if ?>
<?cs /if ?>
