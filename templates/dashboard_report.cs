<?cs include:"_head.cs" ?>
<div class="report dash-report">
  <p class="receipt-net"><?cs var:Net.name ?>（<?cs var:L.dash.net ?>）</p>
  <h1 id="report-title"><?cs var:Page.title ?></h1>
  <p><?cs var:L.dash.period ?>: <span id="report-month"><?cs var:Dash.month ?></span>　<?cs var:L.dash.made ?>: <?cs var:dja(Dash.today) ?></p>
  <p class="actions noprint"><button type="button" class="primary" id="print-btn" data-print="1"><?cs var:L.dash.print ?></button> <a class="button secondary" href="/dashboard"><?cs var:L.dash.back ?></a></p>
  <p class="hint noprint"><?cs var:L.dash.report_hint ?></p>
  <?cs include:"_dash_sections.cs" ?>
</div>
<?cs include:"_foot.cs" ?>
