<?cs include:"_head.cs" ?><?cs include:"_plist.cs" ?>
<h1><?cs var:L.day.mine_title ?></h1>
<section class="card" id="mine">
  <p class="hint"><?cs var:L.day.mine_hint ?></p>
  <?cs if:Pager.prev || Pager.next ?><nav class="pager" id="pager-top">
    <?cs if:Pager.prev ?><a href="/records/mine?page=<?cs var:Pager.prev ?>"><?cs var:L.viewer.prev ?></a><?cs /if ?>
    <span><?cs var:PageNo ?> <?cs var:L.viewer.page ?></span>
    <?cs if:Pager.next ?><a id="page-next" href="/records/mine?page=<?cs var:Pager.next ?>"><?cs var:L.viewer.next ?></a><?cs /if ?>
  </nav><?cs /if ?>
  <?cs if:Mine_n == 0 ?><p class="muted" id="mine-none"><?cs var:L.day.mine_none ?></p><?cs else ?><?cs call:plist(Mine, Mine_n, "mine-list", L.day.col_when) ?><?cs /if ?>
</section>
<?cs include:"_foot.cs" ?>
