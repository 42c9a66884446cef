<?cs include:"_head.cs" ?>
<h1><?cs var:L.ledger.terminal_title ?>: <?cs var:Term.name ?></h1>
<p><a href="/ledger"><?cs var:L.ledger.back ?></a></p>
<section class="card">
  <h2><?cs var:L.ledger.edit_terminal ?></h2>
  <form method="post" action="/ledger/terminal/edit" class="form" id="terminal-edit">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Term.id ?>">
    <input type="hidden" name="version" value="<?cs var:EditForm.version ?>">
    <div class="row">
      <label for="e-name"><?cs var:L.ledger.name ?></label>
      <input type="text" id="e-name" name="name" value="<?cs var:EditForm.name ?>" maxlength="100" required<?cs if:EditForm.err_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:EditForm.err_name ?><span class="field-error" id="err-name"><?cs var:EditForm.err_name ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="e-av"><?cs var:L.ledger.av_product ?></label>
      <input type="text" id="e-av" name="av_product" value="<?cs var:EditForm.av_product ?>" maxlength="100" required<?cs if:EditForm.err_av_product ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:EditForm.err_av_product ?><span class="field-error" id="err-av_product"><?cs var:EditForm.err_av_product ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="e-paid"><?cs var:L.ledger.av_paid ?></label>
      <select id="e-paid" name="av_paid"<?cs if:EditForm.err_av_paid ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.ledger.choose ?></option>
        <option value="1"<?cs if:EditForm.av_paid == "1" ?> selected<?cs /if ?>><?cs var:L.ledger.paid ?></option>
        <option value="0"<?cs if:EditForm.av_paid == "0" ?> selected<?cs /if ?>><?cs var:L.ledger.free ?></option>
      </select>
      <?cs if:EditForm.err_av_paid ?><span class="field-error" id="err-av_paid"><?cs var:EditForm.err_av_paid ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="e-date"><?cs var:L.ledger.av_def_date ?></label>
      <input type="date" id="e-date" name="av_def_date" value="<?cs var:EditForm.av_def_date ?>" maxlength="10" required<?cs if:EditForm.err_av_def_date ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:EditForm.err_av_def_date ?><span class="field-error" id="err-av_def_date"><?cs var:EditForm.err_av_def_date ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="terminal-edit-submit"><?cs var:L.ledger.submit_save ?></button>
  </form>
</section>
<section class="card">
  <h2><?cs var:L.ledger.software ?></h2>
  <?cs if:Software_n == 0 ?><p id="software-none"><?cs var:L.ledger.no_software ?></p><?cs else ?>
  <table id="software">
    <thead><tr><th><?cs var:L.ledger.sw_name ?></th><th><?cs var:L.ledger.sw_version ?></th></tr></thead>
    <tbody>
    <?cs each:s = Software ?><tr><td><?cs var:s.name ?></td><td><?cs var:s.version ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <h3><?cs var:L.ledger.add_software ?></h3>
  <form method="post" action="/ledger/software/add" class="form" id="software-add">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="terminal_id" value="<?cs var:Term.id ?>">
    <input type="hidden" name="token" value="<?cs var:SwForm.token ?>">
    <div class="row">
      <label for="s-name"><?cs var:L.ledger.sw_name ?></label>
      <input type="text" id="s-name" name="name" value="<?cs var:SwForm.name ?>" maxlength="100" required<?cs if:SwForm.err_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:SwForm.err_name ?><span class="field-error" id="err-sw-name"><?cs var:SwForm.err_name ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="s-version"><?cs var:L.ledger.sw_version ?></label>
      <input type="text" id="s-version" name="sw_version" value="<?cs var:SwForm.sw_version ?>" maxlength="50">
    </div>
    <button type="submit" class="primary" id="software-add-submit"><?cs var:L.ledger.submit_add_sw ?></button>
  </form>
</section>
<?cs include:"_foot.cs" ?>
