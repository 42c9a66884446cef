<?cs include:"_head.cs" ?>
<h1><?cs var:L.dash.title ?></h1>
<section class="card noprint" id="dash-period">
  <form method="get" action="/dashboard" class="inline-form" id="period-form">
    <div class="row"><label for="from"><?cs var:L.dash.from ?></label><input type="month" id="from" name="from" value="<?cs var:Dash.from ?>" required></div>
    <div class="row"><label for="to"><?cs var:L.dash.to ?></label><input type="month" id="to" name="to" value="<?cs var:Dash.to ?>" required></div>
    <button type="submit" class="primary" id="period-submit"><?cs var:L.dash.show ?></button>
  </form>
  <p class="hint"><?cs var:L.dash.period_hint ?></p>
  <p class="actions"><a class="button secondary" id="report-link" href="/dashboard/report?month=<?cs var:url_escape(Dash.report_month) ?>"><?cs var:L.dash.report_menu ?>（<?cs var:Dash.report_month ?>）</a></p>
</section>
<?cs include:"_dash_sections.cs" ?>
<?cs include:"_foot.cs" ?>
