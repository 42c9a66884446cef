<?cs include:"_head.cs" ?>
<?cs def:ways() ?><ul class="ways" id="search-ways">
  <li><?cs var:L.records.way_local ?></li>
  <li><?cs var:L.records.way_name ?></li>
  <li><?cs var:L.records.way_kana ?></li>
  <li><?cs var:L.records.way_network ?></li>
</ul><?cs /def ?>
<div class="records-screen">
<h1><?cs var:L.records.title ?></h1>
<section class="card">
  <form method="get" action="/records" class="form inline-form" id="records-search">
    <div class="row">
      <label for="q"><?cs var:L.records.q ?></label>
      <input type="text" id="q" name="q" value="<?cs var:Form.q ?>" maxlength="100" autocomplete="off" autofocus<?cs if:Form.err_q ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("q") ?>
    </div>
    <div class="row">
      <label for="birth"><?cs var:L.records.birth ?></label>
      <input type="date" id="birth" name="birth" value="<?cs var:Form.birth ?>"<?cs if:Form.err_birth ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("birth") ?>
    </div>
    <button type="submit" class="primary" id="records-search-submit"><?cs var:L.records.do_search ?></button>
  </form>
  <p class="hint"><?cs var:L.records.search_hint ?></p>
  <?cs if:Search.done ?>
    <?cs if:Patients_n == 0 ?>
    <div class="notice" id="records-none" role="status"><p><?cs if:Search.local_none ?><?cs var:L.records.local_none ?><?cs else ?><?cs var:L.records.none ?><?cs /if ?></p>
    <?cs call:ways() ?></div>
    <?cs else ?>
    <?cs if:Search.more ?><p class="notice" id="records-more" role="status"><?cs var:L.records.more ?></p><?cs /if ?>
    <div class="table-scroll"><table id="records-patients" class="plist">
      <thead><tr><th><?cs var:L.day.col_name ?></th><th><?cs var:L.day.col_kana ?></th><th><?cs var:L.day.col_sex ?></th><th><?cs var:L.day.col_birth ?></th><th><?cs var:L.day.col_age ?></th><th></th></tr></thead>
      <tbody>
      <?cs each:p = Patients ?><tr><td><?cs var:p.name ?></td><td><?cs var:p.kana ?></td><td><?cs var:L.patients["sex_" + p.sex] ?></td><td><?cs call:born(p.birth_date) ?></td><td><?cs call:years(p.birth_date) ?></td><td><a class="button" href="/records/patient?p=<?cs var:p.handle ?>"><?cs var:L.records.open ?></a></td></tr><?cs /each ?>
      </tbody>
    </table></div>
    <?cs /if ?>
  <?cs else ?>
  <details class="ways-box"><summary><?cs var:L.records.ways_title ?></summary><?cs call:ways() ?></details>
  <?cs /if ?>
</section>
</div>
<p class="print-only"><?cs var:L.viewer.print_use_anon ?></p>
<?cs include:"_foot.cs" ?>
