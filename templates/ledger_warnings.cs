<?cs include:"_head.cs" ?>
<h1><?cs var:L.ledger.warn_title ?></h1>
<p><a href="/admin/ledger"><?cs var:L.ledger.back_admin ?></a></p>
<section class="card" id="warn-stale">
  <h2><?cs var:L.ledger.warn_stale ?>（<?cs var:Ledger.stale_days ?> <?cs var:L.ledger.days_over ?>）</h2>
  <?cs if:Stale_n == 0 ?><p><?cs var:L.ledger.warn_none ?></p><?cs else ?>
  <table>
    <thead><tr><th><?cs var:L.ledger.facility ?></th><th><?cs var:L.ledger.name ?></th><th><?cs var:L.ledger.av_product ?></th><th class="nowrap"><?cs var:L.ledger.av_def_date ?></th></tr></thead>
    <tbody><?cs each:w = Stale ?><tr class="warn"><td><a href="/admin/ledger?facility=<?cs var:url_escape(w.fid) ?>"><?cs var:w.code ?> <?cs var:w.facility ?></a></td><td><?cs var:w.name ?></td><td><?cs var:w.av_product ?></td><td class="nowrap"><?cs var:dja(w.av_def_date) ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
</section>
<section class="card" id="warn-free">
  <h2><?cs var:L.ledger.warn_free ?></h2>
  <?cs if:Free_n == 0 ?><p><?cs var:L.ledger.warn_none ?></p><?cs else ?>
  <table>
    <thead><tr><th><?cs var:L.ledger.facility ?></th><th><?cs var:L.ledger.name ?></th><th><?cs var:L.ledger.av_product ?></th></tr></thead>
    <tbody><?cs each:w = Free ?><tr class="warn"><td><a href="/admin/ledger?facility=<?cs var:url_escape(w.fid) ?>"><?cs var:w.code ?> <?cs var:w.facility ?></a></td><td><?cs var:w.name ?></td><td><?cs var:w.av_product ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
</section>
<section class="card" id="warn-noproc">
  <h2><?cs var:L.ledger.warn_noproc ?></h2>
  <?cs if:NoProc_n == 0 ?><p><?cs var:L.ledger.warn_none ?></p><?cs else ?>
  <ul><?cs each:w = NoProc ?><li><a href="/admin/ledger?facility=<?cs var:url_escape(w.fid) ?>"><?cs var:w.code ?> <?cs var:w.facility ?></a></li><?cs /each ?></ul>
  <?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
