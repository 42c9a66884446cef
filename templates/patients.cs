<?cs include:"_head.cs" ?>
<h1><?cs var:L.patients.title ?></h1>
<section class="card">
  <h2><?cs var:L.patients.search ?></h2>
  <p class="hint"><?cs var:L.patients.search_hint ?></p>
  <?cs if:Search.throttled ?><div class="error-box" role="alert" id="search-throttled"><p><?cs var:L.patients.throttled_pre ?><?cs var:Search.wait_minutes ?><?cs var:L.patients.throttled_post ?></p></div><?cs /if ?>
  <form method="get" action="/patients" class="form inline-form" id="patient-search">
    <div class="row">
      <label for="s-kana"><?cs var:L.patients.kana ?></label>
      <input type="text" id="s-kana" name="kana" value="<?cs var:Form.kana ?>" maxlength="100" autocomplete="off" required<?cs if:Form.err_kana ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Search.done ?><?cs call:ferr("kana") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="s-birth"><?cs var:L.patients.birth_date ?></label>
      <input type="date" id="s-birth" name="birth_date" value="<?cs var:Form.birth_date ?>" required<?cs if:Form.err_birth_date ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Search.done ?><?cs call:ferr("birth_date") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="s-sex"><?cs var:L.patients.sex ?></label>
      <select id="s-sex" name="sex" required<?cs if:Form.err_sex ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.patients.choose ?></option>
        <option value="M"<?cs if:Form.sex == "M" ?> selected<?cs /if ?>><?cs var:L.patients.sex_M ?></option>
        <option value="F"<?cs if:Form.sex == "F" ?> selected<?cs /if ?>><?cs var:L.patients.sex_F ?></option>
        <option value="O"<?cs if:Form.sex == "O" ?> selected<?cs /if ?>><?cs var:L.patients.sex_O ?></option>
        <option value="U"<?cs if:Form.sex == "U" ?> selected<?cs /if ?>><?cs var:L.patients.sex_U ?></option>
      </select>
      <?cs if:Search.done ?><?cs call:ferr("sex") ?><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="search-submit"><?cs var:L.patients.do_search ?></button>
  </form>
  <?cs if:Search.done && !Form.invalid ?>
    <?cs if:Matches_n > 0 ?>
    <h3><?cs var:L.patients.found ?></h3>
    <table id="matches">
      <thead><tr><th><?cs var:L.patients.network_id ?></th><th><?cs var:L.patients.name ?></th><th><?cs var:L.patients.kana ?></th><th><?cs var:L.patients.birth_date ?></th><th><?cs var:L.patients.status ?></th><th></th></tr></thead>
      <tbody>
      <?cs each:m = Matches ?><tr><td class="mono"><?cs var:m.network_id ?></td><td><?cs var:m.name ?></td><td><?cs var:m.kana ?></td><td><?cs call:born(m.birth_date) ?> <?cs call:years(m.birth_date) ?></td><td><?cs var:L.patients["status_" + m.status] ?></td><td><a class="button" href="/patients/view?p=<?cs var:m.handle ?>"><?cs var:L.patients.open ?></a></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs else ?><p id="none-found"><?cs var:L.patients.none_found ?></p><?cs /if ?>
  <?cs /if ?>
</section>
<?cs if:Can.register ?>
<section class="card" id="new-patient">
  <h2><?cs var:L.patients.new ?></h2>
  <p class="hint"><?cs var:L.patients.new_hint ?></p>
  <?cs if:Form.duplicates ?>
  <div class="error-box" role="alert" id="dup-warning"><p><?cs var:L.patients.dup_warning ?></p>
    <ul><?cs each:m = Matches ?><li><a href="/patients/view?p=<?cs var:m.handle ?>"><?cs var:m.network_id ?> <?cs var:m.name ?>（<?cs call:born(m.birth_date) ?> <?cs call:years(m.birth_date) ?>）</a></li><?cs /each ?></ul>
  </div>
  <?cs /if ?>
  <form method="post" action="/patients/new" class="form" id="patient-new">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <div class="row">
      <label for="n-name"><?cs var:L.patients.name ?></label>
      <input type="text" id="n-name" name="name" value="<?cs var:Form.name ?>" maxlength="100" autocomplete="off" required<?cs if:Form.err_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.open ?><?cs call:ferr("name") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="n-kana"><?cs var:L.patients.kana ?></label>
      <input type="text" id="n-kana" name="kana" value="<?cs var:Form.kana ?>" maxlength="100" autocomplete="off" required aria-describedby="n-kana-hint"<?cs if:Form.err_kana ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <span class="hint" id="n-kana-hint"><?cs var:L.patients.kana_hint ?></span>
      <?cs if:Form.open ?><?cs call:ferr("kana") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="n-sex"><?cs var:L.patients.sex ?></label>
      <select id="n-sex" name="sex" required<?cs if:Form.err_sex ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.patients.choose ?></option>
        <option value="M"<?cs if:Form.sex == "M" ?> selected<?cs /if ?>><?cs var:L.patients.sex_M ?></option>
        <option value="F"<?cs if:Form.sex == "F" ?> selected<?cs /if ?>><?cs var:L.patients.sex_F ?></option>
        <option value="O"<?cs if:Form.sex == "O" ?> selected<?cs /if ?>><?cs var:L.patients.sex_O ?></option>
        <option value="U"<?cs if:Form.sex == "U" ?> selected<?cs /if ?>><?cs var:L.patients.sex_U ?></option>
      </select>
      <?cs if:Form.open ?><?cs call:ferr("sex") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="n-birth"><?cs var:L.patients.birth_date ?></label>
      <input type="date" id="n-birth" name="birth_date" value="<?cs var:Form.birth_date ?>" required<?cs if:Form.err_birth_date ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.open ?><?cs call:ferr("birth_date") ?><?cs /if ?>
    </div>
    <div class="row">
      <label for="n-address"><?cs var:L.patients.address ?></label>
      <input type="text" id="n-address" name="address" value="<?cs var:Form.address ?>" maxlength="300" autocomplete="off">
    </div>
    <div class="row">
      <label for="n-phone"><?cs var:L.patients.phone ?></label>
      <input type="text" id="n-phone" name="phone" value="<?cs var:Form.phone ?>" maxlength="40" autocomplete="off">
    </div>
    <div class="row">
      <label for="n-local"><?cs var:L.patients.local_id ?></label>
      <input type="text" id="n-local" name="local_id" value="<?cs var:Form.local_id ?>" maxlength="64" autocomplete="off" aria-describedby="n-local-hint"<?cs if:Form.err_local_id ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <span class="hint" id="n-local-hint"><?cs var:L.patients.local_id_hint ?></span>
      <?cs call:ferr("local_id") ?>
    </div>
    <?cs if:Form.duplicates ?>
    <div class="row"><label><input type="checkbox" name="confirm_new" value="1" id="n-confirm"> <?cs var:L.patients.confirm_new ?></label></div>
    <?cs /if ?>
    <button type="submit" class="primary" id="patient-new-submit"><?cs var:L.patients.do_new ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
