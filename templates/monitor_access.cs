<?cs include:"_head.cs" ?>
<h1><?cs var:L.monitor.access_title ?></h1>
<p class="lead"><?cs var:L.monitor.access_lead ?></p>
<p class="actions noprint"><a class="button secondary" href="/facility/measures" id="to-measures"><?cs var:L.monitor.measures_title ?></a> <a class="button secondary" href="/facility/reports" id="to-reports"><?cs var:L.monitor.reports_title ?></a></p>
<section class="card noprint">
  <h2><?cs var:L.monitor.filter ?></h2>
  <form method="get" action="/facility/access" class="inline-form" id="access-filter">
    <?cs if:Form.p ?><input type="hidden" name="p" value="<?cs var:Form.p ?>"><?cs /if ?>
    <div class="row"><label for="f-user"><?cs var:L.monitor.user ?></label>
      <select id="f-user" name="user"><option value=""><?cs var:L.monitor.all_users ?></option>
      <?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:Form.user == u.id ?> selected<?cs /if ?>><?cs var:u.name ?>（<?cs var:u.login ?>）</option><?cs /each ?>
      </select></div>
    <?cs if:!Form.p ?><div class="row"><label for="f-network"><?cs var:L.monitor.network_id ?></label>
      <input type="text" id="f-network" name="network_id" maxlength="16" inputmode="numeric" value="<?cs var:Form.network_id ?>"<?cs if:Form.err_network_id ?> class="invalid" aria-invalid="true"<?cs /if ?>>
      <?cs call:ferr("network_id") ?></div><?cs /if ?>
    <div class="row"><label for="f-from"><?cs var:L.monitor.from ?></label>
      <input type="date" id="f-from" name="from" value="<?cs var:Form.from ?>"></div>
    <div class="row"><label for="f-to"><?cs var:L.monitor.to ?></label>
      <input type="date" id="f-to" name="to" value="<?cs var:Form.to ?>"<?cs if:Form.err_to ?> class="invalid" aria-invalid="true"<?cs /if ?>><?cs call:ferr("to") ?></div>
    <div class="row"><label for="f-purpose"><?cs var:L.monitor.purpose_label ?></label>
      <select id="f-purpose" name="purpose"<?cs if:Form.err_purpose ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.monitor.all ?></option>
      <?cs each:o = Opt.purpose ?><option value="<?cs var:o ?>"<?cs if:Form.purpose == o ?> selected<?cs /if ?>><?cs var:L.monitor.purpose[o] ?></option><?cs /each ?>
      </select><?cs call:ferr("purpose") ?></div>
    <div class="row"><label for="f-outcome"><?cs var:L.monitor.outcome_label ?></label>
      <select id="f-outcome" name="outcome"<?cs if:Form.err_outcome ?> class="invalid" aria-invalid="true"<?cs /if ?>><option value=""><?cs var:L.monitor.all ?></option>
      <option value="allowed"<?cs if:Form.outcome == "allowed" ?> selected<?cs /if ?>><?cs var:L.monitor.outcome.allowed ?></option>
      <option value="denied"<?cs if:Form.outcome == "denied" ?> selected<?cs /if ?>><?cs var:L.monitor.outcome.denied ?></option>
      </select><?cs call:ferr("outcome") ?></div>
    <div class="row check-row"><label class="check"><input type="checkbox" name="emergency" value="1" id="f-emergency"<?cs if:Form.emergency == "1" ?> checked<?cs /if ?>> <?cs var:L.monitor.emergency_only ?></label></div>
    <button type="submit" class="primary" id="filter-go"><?cs var:L.monitor.filter_go ?></button>
  </form>
  <?cs if:Form.p ?><p class="notice" id="patient-filter"><?cs var:L.monitor.patient_filter ?>：<strong><?cs var:Filter.patient_network_id ?></strong> <?cs var:Filter.patient_name ?> <a href="/facility/access" id="patient-filter-clear"><?cs var:L.monitor.clear ?></a></p><?cs /if ?>
  <p><a href="/facility/access" id="filter-clear"><?cs var:L.monitor.clear_all ?></a></p>
</section>
<?cs if:Access_n == 0 ?><p class="card" id="access-none"><?cs var:L.monitor.none ?></p><?cs else ?>
<table id="access">
  <thead><tr>
    <th class="nowrap"><?cs var:L.monitor.at ?></th>
    <th><?cs var:L.monitor.user ?></th>
    <th><?cs var:L.monitor.action_label ?></th>
    <th><?cs var:L.monitor.patient ?></th>
    <th class="nowrap"><?cs var:L.monitor.purpose_label ?></th>
    <th class="nowrap"><?cs var:L.monitor.outcome_label ?></th>
    <th class="noprint"><?cs var:L.monitor.respond ?></th>
  </tr></thead>
  <tbody>
  <?cs each:a = Access ?>
  <tr id="access-<?cs var:a.id ?>"<?cs if:a.outcome == "denied" ?> class="warn"<?cs /if ?>>
    <td class="nowrap"><?cs var:dja(a.at) ?></td>
    <td><a href="/facility/access?user=<?cs var:url_escape(a.user_id) ?>" class="user-link"><?cs var:a.user ?></a><br><small class="muted"><?cs var:a.login ?></small></td>
    <td><?cs if:L.monitor.action[a.action] ?><?cs var:L.monitor.action[a.action] ?><?cs else ?><?cs var:a.action ?><?cs /if ?><?cs if:a.emergency ?> <strong class="overdue-flag"><?cs var:L.monitor.emergency ?></strong><?cs /if ?></td>
    <td><?cs if:a.handle ?><a href="/facility/access?p=<?cs var:url_escape(a.handle) ?>" class="patient-link" title="<?cs var:L.monitor.patient_link ?>"><?cs var:a.network_id ?></a> <?cs var:a.patient ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
    <td class="nowrap"><?cs if:a.purpose ?><?cs var:L.monitor.purpose[a.purpose] ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
    <td class="nowrap"><?cs var:L.monitor.outcome[a.outcome] ?><?cs if:a.outcome == "denied" && a.detail ?><br><small class="muted deny-why"><?cs if:L.monitor.why[a.why] ?><?cs var:L.monitor.why[a.why] ?><?cs else ?><?cs var:a.detail ?><?cs /if ?></small><?cs /if ?></td>
    <td class="noprint nowrap row-actions"><a href="/facility/measures?audit=<?cs var:url_escape(a.id) ?>#measure-form" class="measure-link"><?cs var:L.monitor.to_measure ?></a><br><a href="/facility/reports?audit=<?cs var:url_escape(a.id) ?>#report-form" class="report-link"><?cs var:L.monitor.to_report ?></a></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<nav class="actions noprint pager" aria-label="<?cs var:L.monitor.pages ?>">
  <?cs if:Pager.prev ?><a class="button secondary" href="/facility/access?<?cs var:Filter.qs ?>&amp;page=<?cs var:Pager.prev ?>" id="page-prev"><?cs var:L.monitor.prev ?></a><?cs /if ?>
  <span class="muted"><?cs var:Pager.page ?> <?cs var:L.monitor.page_unit ?></span>
  <?cs if:Pager.next ?><a class="button secondary" href="/facility/access?<?cs var:Filter.qs ?>&amp;page=<?cs var:Pager.next ?>" id="page-next"><?cs var:L.monitor.next ?></a><?cs /if ?>
</nav>
<p class="noprint"><a href="/facility/access?<?cs var:Filter.qs ?>&amp;format=csv" id="access-csv" download><?cs var:L.monitor.csv ?></a> <span class="hint"><?cs var:L.monitor.csv_hint ?></span></p>
<?cs include:"_foot.cs" ?>
