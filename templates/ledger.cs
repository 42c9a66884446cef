<?cs include:"_head.cs" ?>
<h1><?cs var:L.ledger.title ?>（<?cs var:Ledger.facility_name ?>）</h1>
<?cs if:Ledger.readonly ?><p class="note" id="ledger-readonly"><?cs var:L.ledger.readonly ?> <a href="/admin/ledger"><?cs var:L.ledger.back_admin ?></a></p><?cs /if ?>
<section class="card">
  <h2><?cs var:L.ledger.terminals ?></h2>
  <p><?cs var:L.ledger.terminals_lead ?></p>
  <?cs if:Terminals_n == 0 ?><p id="terminals-none"><?cs var:L.ledger.no_terminals ?></p><?cs else ?>
  <table id="terminals">
    <thead><tr><th><?cs var:L.ledger.name ?></th><th><?cs var:L.ledger.av_product ?></th><th class="nowrap"><?cs var:L.ledger.av_paid ?></th><th class="nowrap"><?cs var:L.ledger.av_def_date ?></th><th><?cs var:L.ledger.software ?></th><?cs if:!Ledger.readonly ?><th></th><?cs /if ?></tr></thead>
    <tbody>
    <?cs each:t = Terminals ?>
    <tr<?cs if:t.stale == "1" || t.av_paid == "0" ?> class="warn"<?cs /if ?>>
      <td><?cs var:t.name ?></td>
      <td><?cs var:t.av_product ?></td>
      <td class="nowrap"><?cs if:t.av_paid == "1" ?><?cs var:L.ledger.paid ?><?cs else ?><strong class="warn-free"><?cs var:L.ledger.free_warn ?></strong><?cs /if ?></td>
      <td class="nowrap"><?cs var:dja(t.av_def_date) ?><?cs if:t.stale == "1" ?> <strong class="warn-stale"><?cs var:L.ledger.stale_warn ?></strong><?cs /if ?></td>
      <td><?cs each:s = t.sw ?><?cs var:s.name ?> <?cs var:s.version ?><?cs if:!last(s) ?>、<?cs /if ?><?cs /each ?></td>
      <?cs if:!Ledger.readonly ?><td><a href="/ledger/terminal?id=<?cs var:url_escape(t.id) ?>"><?cs var:L.ledger.edit ?></a></td><?cs /if ?>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs if:!Ledger.readonly ?>
<section class="card">
  <h2><?cs var:L.ledger.add_terminal ?></h2>
  <form method="post" action="/ledger/terminal/add" class="form" id="terminal-add">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="token" value="<?cs var:TermForm.token ?>">
    <div class="row">
      <label for="t-name"><?cs var:L.ledger.name ?></label>
      <input type="text" id="t-name" name="name" value="<?cs var:TermForm.name ?>" maxlength="100" required<?cs if:TermForm.err_name ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:TermForm.err_name ?><span class="field-error" id="err-name"><?cs var:TermForm.err_name ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="t-av"><?cs var:L.ledger.av_product ?></label>
      <input type="text" id="t-av" name="av_product" value="<?cs var:TermForm.av_product ?>" maxlength="100" required<?cs if:TermForm.err_av_product ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:TermForm.err_av_product ?><span class="field-error" id="err-av_product"><?cs var:TermForm.err_av_product ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="t-paid"><?cs var:L.ledger.av_paid ?></label>
      <select id="t-paid" name="av_paid"<?cs if:TermForm.err_av_paid ?> class="invalid" aria-invalid="true"<?cs /if ?>>
        <option value=""><?cs var:L.ledger.choose ?></option>
        <option value="1"<?cs if:TermForm.av_paid == "1" ?> selected<?cs /if ?>><?cs var:L.ledger.paid ?></option>
        <option value="0"<?cs if:TermForm.av_paid == "0" ?> selected<?cs /if ?>><?cs var:L.ledger.free ?></option>
      </select>
      <?cs if:TermForm.err_av_paid ?><span class="field-error" id="err-av_paid"><?cs var:TermForm.err_av_paid ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="t-date"><?cs var:L.ledger.av_def_date ?></label>
      <input type="date" id="t-date" name="av_def_date" value="<?cs var:TermForm.av_def_date ?>" maxlength="10" required<?cs if:TermForm.err_av_def_date ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:TermForm.err_av_def_date ?><span class="field-error" id="err-av_def_date"><?cs var:TermForm.err_av_def_date ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="terminal-add-submit"><?cs var:L.ledger.submit_add ?></button>
  </form>
</section>
<?cs /if ?>
<section class="card">
  <h2><?cs var:L.ledger.procedure ?></h2>
  <p><?cs var:L.ledger.procedure_lead ?></p>
  <?cs if:Proc.established ?>
  <p><?cs var:L.ledger.established ?>: <span id="proc-established"><?cs var:Proc.established ?></span></p>
  <pre class="procedure" id="proc-body"><?cs var:Proc.body ?></pre>
  <?cs else ?><p id="proc-none"><strong><?cs var:L.ledger.no_procedure ?></strong></p><?cs /if ?>
  <?cs if:!Ledger.readonly ?>
  <form method="post" action="/ledger/procedure" class="form" id="procedure-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="version" value="<?cs var:ProcForm.version ?>">
    <div class="row">
      <label for="p-body"><?cs var:L.ledger.procedure_body ?></label>
      <textarea id="p-body" name="body" rows="8" maxlength="4000"<?cs if:ProcForm.err_body ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs var:ProcForm.body ?></textarea>
      <?cs if:ProcForm.err_body ?><span class="field-error" id="err-body"><?cs var:ProcForm.err_body ?></span><?cs /if ?>
    </div>
    <div class="row">
      <label for="p-est"><?cs var:L.ledger.established ?></label>
      <input type="date" id="p-est" name="established" value="<?cs var:ProcForm.established ?>" maxlength="10"<?cs if:ProcForm.err_established ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs if:ProcForm.err_established ?><span class="field-error" id="err-established"><?cs var:ProcForm.err_established ?></span><?cs /if ?>
    </div>
    <button type="submit" class="primary" id="procedure-submit"><?cs var:L.ledger.submit_procedure ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
