<?cs include:"_head.cs" ?>
<?cs if:Form.invalid ?><h1><?cs var:L.report.title ?></h1><?cs else ?>
<div class="report" id="report">
  <h1><?cs var:L.report.heading ?></h1>
  <dl class="kv">
    <dt><?cs var:L.report.patient ?></dt><dd><?cs var:Patient.name ?> 様（<?cs call:born(Patient.birth_date) ?>生）</dd>
    <dt><?cs var:L.report.printed ?></dt><dd><?cs var:dja(Report.printed) ?></dd>
    <dt><?cs var:L.report.period ?></dt><dd id="report-period-text"><?cs if:Form.from || Form.to ?><?cs var:Form.from ?> ～ <?cs var:Form.to ?><?cs else ?><?cs var:L.report.period_all ?><?cs /if ?></dd>
    <dt><?cs var:L.report.count ?></dt><dd id="access-count"><?cs var:Access_n ?></dd>
  </dl>
  <p><?cs var:L.report.intro ?></p>
  <?cs if:Access_more ?><p class="notice" id="access-more"><?cs var:L.report.more_pre ?><?cs var:Access_more ?><?cs var:L.report.more_post ?></p><?cs /if ?>
  <?cs if:Access_n == 0 ?><p id="access-none"><?cs var:L.report.none ?></p><?cs else ?>
  <table id="accesses">
    <thead><tr><th><?cs var:L.report.when ?></th><th><?cs var:L.report.facility ?></th><th><?cs var:L.report.profession ?></th><th><?cs var:L.report.purpose ?></th><th><?cs var:L.report.what ?></th><th><?cs var:L.report.emergency ?></th></tr></thead>
    <tbody>
    <?cs each:a = Access ?><tr<?cs if:a.emergency ?> class="warn"<?cs /if ?>><td class="nowrap"><?cs var:dja(a.when) ?></td><td><?cs var:a.facility ?></td><td class="nowrap"><?cs var:a.profession ?></td><td><?cs var:a.purpose ?></td><td><?cs var:a.what ?></td><td><?cs if:a.emergency ?><strong><?cs var:L.report.emergency_yes ?></strong><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <p><?cs var:L.report.questions ?></p>
  <p class="muted"><?cs var:L.revocation.contact ?>（<?cs var:Net.name ?>）</p>
</div>
<p class="actions noprint"><button type="button" class="primary" data-print="1" id="print"><?cs var:L.report.print ?></button></p>
<?cs /if ?>
<section class="card noprint">
  <h2><?cs var:L.report.period ?></h2>
  <form method="get" action="/patients/access-report" class="inline-form" id="report-period">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <div class="row"><label for="r-from"><?cs var:L.report.from ?></label>
      <input type="date" id="r-from" name="from" value="<?cs var:Form.from ?>"></div>
    <div class="row"><label for="r-to"><?cs var:L.report.to ?></label>
      <input type="date" id="r-to" name="to" value="<?cs var:Form.to ?>"<?cs if:Form.err_to ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("to") ?></div>
    <button type="submit" class="primary" id="period-go"><?cs var:L.report.period_go ?></button>
  </form>
  <p class="muted"><?cs var:L.report.period_hint ?></p>
</section>
<?cs include:"_foot.cs" ?>
