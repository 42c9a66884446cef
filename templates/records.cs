<?cs include:"_head.cs" ?><?cs include:"_field_error.cs" ?>
<div class="records-screen">
<h1><?cs var:L.records.title ?></h1>
<section class="card">
  <p class="hint"><?cs var:L.records.search_hint ?></p>
  <form method="get" action="/records" class="form inline-form" id="records-search">
    <div class="row">
      <label for="q"><?cs var:L.records.q ?></label>
      <input type="text" id="q" name="q" value="<?cs var:Form.q ?>" maxlength="100" autocomplete="off" autofocus<?cs if:Form.err_q ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("q") ?>
    </div>
    <button type="submit" class="primary" id="records-search-submit"><?cs var:L.records.do_search ?></button>
  </form>
  <?cs if:Search.done ?>
    <?cs if:Patients_n == 0 ?><p id="records-none"><?cs var:L.records.none ?></p><?cs else ?>
    <?cs if:Search.more ?><p class="notice" id="records-more" role="status"><?cs var:L.records.more ?></p><?cs /if ?>
    <table id="records-patients">
      <thead><tr><th><?cs var:L.patients.name ?></th><th><?cs var:L.patients.kana ?></th><th><?cs var:L.patients.sex ?></th><th><?cs var:L.patients.birth_date ?></th><th></th></tr></thead>
      <tbody>
      <?cs each:p = Patients ?><tr><td><?cs var:p.name ?></td><td><?cs var:p.kana ?></td><td><?cs var:L.patients["sex_" + p.sex] ?></td><td><?cs var:p.birth_date ?></td><td><a class="button" href="/records/patient?p=<?cs var:p.handle ?>"><?cs var:L.records.open ?></a></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
  <?cs /if ?>
</section>
</div>
<p class="print-only"><?cs var:L.viewer.print_use_anon ?></p>
<?cs include:"_foot.cs" ?>
