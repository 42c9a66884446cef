<?cs def:dtable(t, tn) ?>
<div class="tablewrap">
<table class="dash" id="tab-<?cs var:tn ?>">
  <thead><tr><?cs each:h = t.h ?><th<?cs if:t.num[name(h)] ?> class="num"<?cs /if ?>><?cs var:h ?></th><?cs /each ?></tr></thead>
  <tbody><?cs each:row = t.r ?><tr id="<?cs var:tn ?>-<?cs var:row.key ?>"<?cs if:row.cls ?> class="<?cs var:row.cls ?>"<?cs /if ?>><?cs each:c = row.c ?><td<?cs if:t.num[name(c)] ?> class="num"<?cs /if ?>><?cs var:c ?></td><?cs /each ?></tr><?cs /each ?></tbody>
</table>
</div>
<p class="csv noprint"><a id="csv-<?cs var:tn ?>" href="<?cs var:Dash.path ?>?format=csv&amp;table=<?cs var:tn ?>&amp;<?cs var:Dash.q ?>"><?cs var:L.dash.csv ?></a></p>
<?cs /def ?>
<?cs def:dchart(cn, alt) ?><img class="chart" src="/dashboard/chart?name=<?cs var:cn ?>&amp;<?cs var:Dash.q ?>" alt="<?cs var:alt ?>" id="chart-<?cs var:cn ?>"><?cs /def ?>
<section class="card dash-summary" id="dash-summary">
  <h2><?cs var:L.dash.summary ?>（<?cs var:Dash.from ?><?cs if:Dash.from != Dash.to ?> 〜 <?cs var:Dash.to ?><?cs /if ?>）</h2>
  <div class="kpis">
    <div class="kpi"><span class="label"><?cs var:L.dash.k_views ?></span><strong id="k-views"><?cs var:Dash.k.views ?></strong><?cs var:L.dash.count_unit ?></div>
    <div class="kpi"><span class="label"><?cs var:L.dash.k_consents ?></span><strong id="k-consents"><?cs var:Dash.k.consents ?></strong><?cs var:L.dash.count_unit ?></div>
    <div class="kpi"><span class="label"><?cs var:L.dash.k_revoked ?></span><strong id="k-revoked"><?cs var:Dash.k.revoked ?></strong><?cs var:L.dash.count_unit ?></div>
    <div class="kpi"><span class="label"><?cs var:L.dash.k_emergency ?></span><strong id="k-emergency"><?cs var:Dash.k.emergency ?></strong><?cs var:L.dash.count_unit ?><span class="sub"><?cs var:L.dash.k_pending ?> <span id="k-pending"><?cs var:Dash.k.pending ?></span></span></div>
    <div class="kpi"><span class="label"><?cs var:L.dash.k_alerts ?></span><strong id="k-alerts"><?cs var:Dash.k.alerts ?></strong><?cs var:L.dash.count_unit ?><span class="sub"><?cs var:L.dash.k_alerts_open ?> <span id="k-alerts-open"><?cs var:Dash.k.alerts_open ?></span></span></div>
    <div class="kpi"><span class="label"><?cs var:L.dash.k_complaints ?></span><strong id="k-complaints"><?cs var:Dash.k.complaints ?></strong><?cs var:L.dash.count_unit ?><span class="sub"><?cs var:L.dash.k_complaints_open ?> <span id="k-complaints-open"><?cs var:Dash.k.complaints_open ?></span> / <?cs var:L.dash.k_overdue ?> <span id="k-overdue"><?cs var:Dash.k.overdue ?></span></span></div>
    <a class="kpi<?cs if:Dash.k.low > 0 ?> bad<?cs /if ?>" href="#dash-use"><span class="label"><?cs var:L.dash.k_low ?></span><strong id="k-low"><?cs var:Dash.k.low ?></strong><?cs var:L.dash.fac_unit ?><span class="sub"><?cs var:Dash.k.facilities ?> <?cs var:L.dash.k_of ?></span></a>
  </div>
  <p class="hint noprint"><?cs if:Dash.refreshed ?><?cs var:L.dash.refreshed ?>: <?cs var:dja(Dash.refreshed) ?>。<?cs /if ?><?cs var:L.dash.refreshed_hint ?></p>
</section>
<section class="card dash-use" id="dash-use">
  <h2><?cs var:L.dash.use_title ?></h2>
  <p class="lead"><?cs var:L.dash.use_lead ?></p>
  <p class="hint"><?cs var:L.dash.use_window ?>: <span id="use-window"><?cs var:dja(Dash.use_from) ?> 〜 <?cs var:dja(Dash.use_last) ?></span>。<?cs var:L.dash.use_rule ?> <strong><?cs var:Dash.low_views ?><?cs var:L.dash.count_unit ?></strong></p>
  <?cs call:dchart("use", L.dash.chart.use) ?>
  <?cs call:dtable(Tab.use, "use") ?>
</section>
<section class="card" id="dash-views">
  <h2><?cs var:L.dash.views_title ?></h2>
  <p class="hint"><?cs var:L.dash.views_hint ?></p>
  <div class="chart-table">
    <?cs if:!Dash.report ?><div><?cs call:dchart("views", L.dash.chart.views) ?></div><?cs /if ?>
    <div><?cs call:dtable(Tab.views_month, "views_month") ?></div>
  </div>
  <h3><?cs var:L.dash.views_facility ?></h3>
  <p class="hint"><?cs var:L.dash.out_hint ?></p>
  <?cs call:dchart("facilities", L.dash.chart.facilities) ?>
  <?cs call:dtable(Tab.views_facility, "views_facility") ?>
  <h3><?cs var:L.dash.views_profession ?></h3>
  <?cs call:dtable(Tab.views_profession, "views_profession") ?>
</section>
<section class="card" id="dash-consents">
  <h2><?cs var:L.dash.consents_title ?></h2>
  <p class="hint"><?cs var:L.dash.consents_hint ?></p>
  <?cs if:!Dash.report ?><?cs call:dchart("consents", L.dash.chart.consents) ?><?cs /if ?>
  <?cs call:dtable(Tab.consents, "consents") ?>
</section>
<section class="card" id="dash-people">
  <h2><?cs var:L.dash.people_title ?></h2>
  <p class="hint"><?cs var:L.dash.now_hint ?></p>
  <div class="cols">
    <div><h3><?cs var:L.dash.facilities_title ?></h3><?cs call:dtable(Tab.facilities, "facilities") ?></div>
    <div><h3><?cs var:L.dash.users_title ?></h3><?cs call:dtable(Tab.users, "users") ?></div>
  </div>
</section>
<section class="card" id="dash-emergency">
  <h2><?cs var:L.dash.emergency_title ?></h2>
  <p class="hint"><?cs var:L.dash.emergency_hint ?></p>
  <?cs if:!Dash.report ?><?cs call:dchart("emergency", L.dash.chart.emergency) ?><?cs /if ?>
  <?cs call:dtable(Tab.emergency, "emergency") ?>
</section>
<section class="card" id="dash-misuse">
  <h2><?cs var:L.dash.misuse_title ?></h2>
  <p class="hint"><?cs var:L.dash.misuse_hint ?></p>
  <?cs call:dtable(Tab.misuse, "misuse") ?>
</section>
<section class="card" id="dash-complaints">
  <h2><?cs var:L.dash.complaints_title ?></h2>
  <p class="hint"><?cs var:L.dash.complaints_hint ?></p>
  <?cs call:dtable(Tab.complaints, "complaints") ?>
</section>
