<table id="emergency-list">
  <thead><tr><th><?cs var:L.emergency.started ?></th><th><?cs var:L.emergency.who ?></th><th><?cs var:L.emergency.patient ?></th><th><?cs var:L.emergency.category ?></th><th><?cs var:L.emergency.reason ?></th><th><?cs var:L.emergency.review ?></th><th><?cs var:L.emergency.followup ?></th></tr></thead>
  <tbody>
  <?cs each:e = EmergencyList ?><tr id="emergency-<?cs var:e.id ?>"<?cs if:e.overdue ?> class="warn"<?cs /if ?>>
    <td class="nowrap"><?cs var:dja(e.started) ?><br><span class="muted"><?cs if:e.running ?><?cs var:L.emergency.until ?> <?cs var:dja(e.expires) ?><?cs else ?><?cs var:L.emergency.ended ?><?cs /if ?></span></td>
    <td><?cs var:e.user ?><br><span class="muted"><?cs var:e.profession ?>・<?cs var:e.facility ?></span></td>
    <td class="em-patient"><strong class="em-name"><?cs var:e.patient ?></strong><?cs if:e.patient_kana ?><br><span class="muted"><?cs var:e.patient_kana ?></span><?cs /if ?><br><span class="mono muted"><?cs var:e.network_id ?></span>
      <?cs if:e.handle ?><br><span class="em-links"><?cs if:Session.role.user || Session.role.facility_manager ?><a href="/records/patient?p=<?cs var:url_escape(e.handle) ?>" class="em-record"><?cs var:L.emergency.open_record ?></a> <?cs /if ?><?cs if:e.followup == "open" && (Session.role.user || Session.role.facility_manager || Session.role.operator) ?><a href="/consents/new?p=<?cs var:url_escape(e.handle) ?>" class="em-consent"><?cs var:L.emergency.open_consent ?></a> <?cs /if ?><?cs if:Session.role.operator || Session.role.staff || Session.role.facility_manager || Session.role.user ?><a href="/patients/view?p=<?cs var:url_escape(e.handle) ?>" class="em-patient-page"><?cs var:L.emergency.open_patient ?></a><?cs /if ?></span><?cs /if ?></td>
    <td><?cs var:L.emergency.cat[e.category] ?></td>
    <td><?cs if:e.reason_hidden ?><span class="muted reason-hidden"><?cs var:L.emergency.reason_hidden ?></span><?cs else ?><?cs var:e.reason ?><?cs /if ?></td>
    <td class="review"><?cs var:L.emergency["review_" + e.review] ?><?cs if:e.review_note ?><br><span class="muted"><?cs var:e.review_note ?></span><?cs /if ?>
      <?cs if:Can.review && e.review == "pending" ?>
      <form method="post" action="/emergency/review" class="inline-form review-form">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:e.id ?>"><input type="hidden" name="version" value="<?cs var:e.version ?>">
        <select name="decision" aria-label="<?cs var:L.emergency.review ?>"><option value="appropriate"><?cs var:L.emergency.review_appropriate ?></option><option value="improper"><?cs var:L.emergency.review_improper ?></option></select>
        <input type="text" name="note" maxlength="1000" placeholder="<?cs var:L.emergency.note ?>" aria-label="<?cs var:L.emergency.note ?>">
        <button type="submit"><?cs var:L.emergency.do_review ?></button>
      </form><?cs /if ?></td>
    <td class="followup"><?cs var:L.emergency["followup_" + e.followup] ?><?cs if:e.followup == "open" ?>（<?cs var:L.emergency.due ?> <?cs var:dja(e.due) ?>）<?cs if:e.overdue ?> <strong class="warn-text"><?cs var:L.emergency.overdue ?></strong><?cs /if ?><?cs /if ?><?cs if:e.followup_note ?><br><span class="muted"><?cs var:e.followup_note ?></span><?cs /if ?>
      <?cs if:e.can_close ?>
      <form method="post" action="/emergency/followup" class="inline-form followup-form">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><input type="hidden" name="id" value="<?cs var:e.id ?>"><input type="hidden" name="version" value="<?cs var:e.version ?>">
        <input type="text" name="note" maxlength="1000" required placeholder="<?cs var:L.emergency.cannot_hint ?>" aria-label="<?cs var:L.emergency.cannot_hint ?>">
        <button type="submit"><?cs var:L.emergency.do_cannot ?></button>
      </form><?cs /if ?></td>
  </tr><?cs /each ?>
  </tbody>
</table>
