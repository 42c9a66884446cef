<?cs # _plist.cs: a list of patients (issue 19) from the node plist and its count plist_n; name, kana, sex, age, where records come from, and a time (plist_when: its column's label). ?>
<?cs def:plist(rows, n, id, when_label) ?>
<div class="table-scroll"><table class="plist" id="<?cs var:id ?>">
  <thead><tr><th><?cs var:L.day.col_name ?></th><th><?cs var:L.day.col_kana ?></th><th><?cs var:L.day.col_sex ?></th><th><?cs var:L.day.col_age ?></th><th class="wide-only"><?cs var:L.day.col_birth ?></th><th><?cs var:L.day.col_sources ?></th><?cs if:when_label ?><th><?cs var:when_label ?></th><?cs /if ?><th></th></tr></thead>
  <tbody><?cs each:p = rows ?><tr>
    <td><a href="/records/patient?p=<?cs var:url_escape(p.handle) ?>" class="pname"><?cs var:p.name ?></a></td>
    <td><?cs var:p.kana ?></td>
    <td><?cs var:L.patients["sex_" + p.sex] ?></td>
    <td><?cs if:age(p.birth_date) != "" ?><span class="age nowrap"><?cs var:age(p.birth_date) ?><?cs var:L.records.age ?></span><?cs /if ?></td>
    <td class="wide-only"><span class="born nowrap"><?cs var:dja(p.birth_date) ?></span> <span class="wareki muted nowrap"><?cs var:wareki(p.birth_date) ?></span></td>
    <td class="src"><?cs var:p.sources ?></td>
    <?cs if:when_label ?><td class="nowrap"><?cs var:dja(p.when) ?></td><?cs /if ?>
    <td><a class="button" href="/records/patient?p=<?cs var:url_escape(p.handle) ?>"><?cs var:L.day.open ?></a></td>
  </tr><?cs /each ?></tbody>
</table></div>
<?cs /def ?>
