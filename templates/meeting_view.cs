<?cs # meeting_view.cs: a meeting's papers as the council prints them (A19, A10.3, A13.2): 第N回, date, time, place, chair, who came and who did not, every item numbered with what it asks for, the discussion and resolution, the reports, the signatures. ?>
<?cs include:"_head.cs" ?>
<?cs def:app_asks(a) ?><?cs if:a.kind == "facility_join" ?>
  <span class="asks"><?cs var:L.agenda.p_facility ?>：<strong><?cs var:a.subject ?></strong>（<?cs var:L.council["fk_" + a.fac_kind] ?><?cs if:a.fac_code ?>・<?cs var:L.agenda.p_code ?> <?cs var:a.fac_code ?><?cs /if ?>）
  <?cs var:L.agenda.p_wants ?>：<?cs if:a.disclosing == "1" ?><?cs var:L.agenda.p_disclosing ?><?cs /if ?><?cs if:a.disclosing == "1" && a.viewing == "1" ?>・<?cs /if ?><?cs if:a.viewing == "1" ?><?cs var:L.agenda.p_viewing ?><?cs /if ?><?cs if:a.in_region == "0" ?> <strong class="warn-text"><?cs var:L.council.out_of_region ?></strong><?cs /if ?><br>
  <?cs var:L.agenda.p_manager ?>：<?cs var:a.manager_name ?><?cs if:a.kana ?>（<?cs var:a.kana ?>）<?cs /if ?><?cs if:a.login ?> <?cs var:L.agenda.p_login ?> <span class="mono"><?cs var:a.login ?></span><?cs /if ?><?cs if:a.profession ?>・<?cs var:a.profession ?><?cs /if ?></span>
<?cs elif:a.kind == "user_register" ?>
  <span class="asks"><?cs var:L.agenda.p_person ?>：<strong><?cs var:a.subject ?></strong><?cs if:a.kana ?>（<?cs var:a.kana ?>）<?cs /if ?> <?cs var:L.agenda.p_login ?> <span class="mono"><?cs var:a.login ?></span><br>
  <?cs var:L.agenda.p_facility ?>：<?cs var:a.facility ?><?cs if:a.department ?>・<?cs var:a.department ?><?cs /if ?><?cs if:a.job_title ?>・<?cs var:a.job_title ?><?cs /if ?>　<?cs var:L.agenda.p_profession ?>：<?cs var:a.profession ?>　<?cs var:L.agenda.p_role ?>：<?cs if:a.requested_role == "user,facility_manager" ?><?cs var:L.forms.role_both ?><?cs elif:a.requested_role ?><?cs var:L.forms["role_" + a.requested_role] ?><?cs else ?><?cs var:L.forms.role_user ?><?cs /if ?></span>
<?cs else ?>
  <span class="asks"><?cs var:L.agenda.p_person ?>：<strong><?cs var:a.subject ?></strong> <?cs var:L.agenda.p_login ?> <span class="mono"><?cs var:a.login ?></span>（<?cs var:a.facility ?>）<br>
  <?cs var:L.council.effective_date ?>：<?cs var:dja(a.effective_date) ?><?cs if:a.withdraw_reason ?>　<?cs var:L.forms.withdraw_reason ?>：<?cs var:a.withdraw_reason ?><?cs /if ?></span>
<?cs /if ?><?cs /def ?>
<article class="agenda paper" id="meeting-paper">
<p class="paper-council"><?cs var:L.agenda.council_name ?></p>
<?cs # 第N回協議会 議事録: "協議会" once (the numbered title carries it). ?>
<h1 id="paper-title"><?cs if:Paper.number ?><?cs var:L.agenda.meeting_pre ?><?cs var:Paper.number ?><?cs var:L.agenda.meeting_post ?> <?cs if:Meeting.status == "held" ?><?cs var:L.agenda.p_minutes ?><?cs else ?><?cs var:L.agenda.p_agenda ?><?cs /if ?><?cs elif:Meeting.status == "held" ?><?cs var:L.council.minutes_title ?><?cs else ?><?cs var:L.council.agenda_title ?><?cs /if ?></h1>
<dl class="kv paper-head">
  <dt><?cs var:L.agenda.p_when ?></dt><dd id="meeting-date"><?cs var:dja(Meeting.held_on) ?><?cs if:Paper.time_from ?> <span id="meeting-time"><?cs var:Paper.time_from ?><?cs if:Paper.time_to ?>〜<?cs var:Paper.time_to ?><?cs /if ?></span><?cs /if ?>（<?cs var:L.council[Meeting.status] ?>）</dd>
  <?cs if:Paper.place ?><dt><?cs var:L.agenda.place ?></dt><dd id="meeting-place"><?cs var:Paper.place ?></dd><?cs /if ?>
  <?cs if:Paper.chair ?><dt><?cs var:L.agenda.chair ?></dt><dd id="meeting-chair"><?cs var:Paper.chair ?></dd><?cs /if ?>
  <dt><?cs var:L.council.attendees ?></dt><dd class="prewrap" id="meeting-attendees"><?cs var:Meeting.attendees ?></dd>
  <?cs if:Paper.absentees ?><dt><?cs var:L.agenda.absentees ?></dt><dd class="prewrap" id="meeting-absentees"><?cs var:Paper.absentees ?></dd><?cs /if ?>
</dl>
<?cs set:no = #0 ?>
<h2><?cs var:L.agenda.p_deliberation ?></h2>
<ol class="paper-items" id="<?cs if:Meeting.status == "held" ?>minutes-apps<?cs else ?>agenda-pending<?cs /if ?>">
<?cs each:a = Paper.apps ?><?cs if:a.decision_kind != "sole" ?><?cs set:no = no + #1 ?>
  <li class="paper-item" id="paper-app-<?cs var:a.id ?>"><span class="item-no"><?cs var:L.agenda.no_pre ?><?cs var:no ?><?cs var:L.agenda.no_post ?></span>
    <a href="/applications/view?id=<?cs var:url_escape(a.id) ?>"><?cs var:L.council["kind_" + a.kind] ?></a><br><?cs call:app_asks(a) ?>
    <?cs if:a.decision ?><p class="resolution"><?cs var:L.agenda.p_resolution ?>：<strong><?cs var:L.council["decision_" + a.decision] ?></strong><?cs if:a.decision_reason ?><br><span class="prewrap"><?cs var:a.decision_reason ?></span><?cs /if ?></p><?cs /if ?></li>
<?cs /if ?><?cs /each ?>
<?cs each:i = Paper.items ?><?cs set:no = no + #1 ?>
  <li class="paper-item" id="paper-item-<?cs var:i.id ?>"><span class="item-no"><?cs var:L.agenda.no_pre ?><?cs var:no ?><?cs var:L.agenda.no_post ?></span>
    <a href="/agenda/view?id=<?cs var:i.id ?>"><?cs var:L.agenda["kind_" + i.kind] ?></a>：<strong><?cs var:i.title ?></strong><?cs if:i.continued > 0 ?> <span class="muted"><?cs var:L.agenda.continued_mark ?></span><?cs /if ?>
    <?cs if:i.kind == "amendment" ?><br><?cs var:L.agenda.amend_effective_on ?>：<?cs var:dja(i.amend_effective_on) ?><?cs /if ?>
    <?cs if:i.misuse_user ?><br><?cs var:L.agenda.misuse_report ?>：<?cs var:i.misuse_user ?>（<?cs var:i.misuse_login ?>）<?cs /if ?>
    <?cs if:i.explanation ?><div class="prewrap explanation"><?cs var:i.explanation ?></div><?cs /if ?>
    <?cs if:i.attachments > 0 ?><span class="muted"><?cs var:L.agenda.attachments ?> <?cs var:i.attachments ?></span><?cs /if ?>
    <?cs if:i.resolution ?><?cs if:i.discussion ?><p class="discussion"><?cs var:L.agenda.discussion ?>：<span class="prewrap"><?cs var:i.discussion ?></span></p><?cs /if ?>
    <p class="resolution"><?cs var:L.agenda.p_resolution ?>：<strong id="paper-resolution-<?cs var:i.id ?>"><?cs var:L.agenda["res_" + i.resolution] ?></strong></p><?cs /if ?></li>
<?cs /each ?>
</ol>
<?cs if:no == #0 ?><p><?cs var:L.council.agenda_none ?></p><?cs /if ?>
<h2><?cs var:L.agenda.p_reports ?></h2><?cs set:rep = #0 ?>
<ol class="paper-items" id="<?cs if:Meeting.status == "held" ?>minutes-sole<?cs else ?>agenda-sole<?cs /if ?>">
<?cs each:a = Paper.apps_sole ?><?cs set:rep = rep + #1 ?><li class="paper-item"><span class="item-no"><?cs var:L.agenda.rep_pre ?><?cs var:rep ?><?cs var:L.agenda.rep_post ?></span> <?cs var:L.agenda.report_sole ?>：<?cs var:L.council["kind_" + a.kind] ?><br><?cs call:app_asks(a) ?>
  <p class="resolution"><?cs var:L.council["decision_" + a.decision] ?>（<?cs var:dja(a.decided_on) ?>）<br><small><?cs var:L.council.sole_reason_short ?>: <?cs var:a.sole_reason ?></small></p></li><?cs /each ?>
<?cs each:a = Paper.apps ?><?cs if:a.decision_kind == "sole" ?><?cs set:rep = rep + #1 ?><li class="paper-item"><span class="item-no"><?cs var:L.agenda.rep_pre ?><?cs var:rep ?><?cs var:L.agenda.rep_post ?></span> <?cs var:L.agenda.report_sole ?>：<?cs var:L.council["kind_" + a.kind] ?><br><?cs call:app_asks(a) ?>
  <p class="resolution"><?cs var:L.council["decision_" + a.decision] ?>（<?cs var:dja(a.decided_on) ?>・<?cs var:L.council.reported ?>）<br><small><?cs var:L.council.sole_reason_short ?>: <?cs var:a.sole_reason ?></small></p></li><?cs /if ?><?cs /each ?>
<?cs each:i = Paper.items_sole ?><?cs set:rep = rep + #1 ?><li class="paper-item" id="paper-sole-<?cs var:i.id ?>"><span class="item-no"><?cs var:L.agenda.rep_pre ?><?cs var:rep ?><?cs var:L.agenda.rep_post ?></span> <?cs var:L.agenda.report_sole_item ?>：<a href="/agenda/view?id=<?cs var:i.id ?>"><?cs var:i.title ?></a>
  <p class="resolution"><?cs var:L.agenda["status_" + i.status] ?>（<?cs var:dja(i.decided_on) ?>）<br><small><?cs var:L.agenda.sole_reason ?>: <?cs var:i.sole_reason ?></small></p></li><?cs /each ?>
</ol>
<h2><?cs var:L.agenda.p_revocations ?></h2>
<?cs if:Meeting.status == "held" ?>
<?cs if:subcount(Minutes.revocations) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="minutes-revocations"><?cs each:a = Minutes.revocations ?><li><?cs var:a.name ?>（<?cs var:a.login ?>）— <?cs var:L.council["rr_" + a.reason] ?>（<?cs var:dja(a.revoked_at) ?>）</li><?cs /each ?></ol>
<?cs /if ?>
<?cs else ?>
<?cs if:subcount(Agenda.revocations) == 0 ?><p><?cs var:L.council.agenda_none ?></p><?cs else ?>
<ol id="agenda-revocations"><?cs each:a = Agenda.revocations ?><li><?cs var:a.name ?>（<?cs var:a.login ?>）— <?cs var:L.council["rr_" + a.reason] ?>（<?cs var:dja(a.revoked_at) ?>）</li><?cs /each ?></ol>
<?cs /if ?>
<?cs /if ?>
<?cs if:Meeting.status == "held" ?>
<section class="signatures" id="signatures">
  <p><?cs var:L.agenda.sign_lead ?></p>
  <p class="sign-line"><span class="sign-role"><?cs var:L.agenda.chair ?></span> <span class="sign-name"><?cs var:Paper.chair ?></span> <span class="sign-blank"></span> <span class="seal"><?cs var:L.agenda.seal ?></span></p>
  <?cs each:s = Paper.signatories ?><p class="sign-line"><span class="sign-role"><?cs var:L.agenda.signatory ?></span> <span class="sign-name"><?cs var:s ?></span> <span class="sign-blank"></span> <span class="seal"><?cs var:L.agenda.seal ?></span></p><?cs /each ?>
</section>
<?cs /if ?>
</article>
<p class="noprint"><button type="button" class="button" id="print-btn" data-print="1"><?cs var:L.council.print ?></button> <a href="/agenda"><?cs var:L.agenda.title ?></a></p>
<?cs if:Meeting.status == "planned" && (Session.role.president || Session.role.operator) ?>
<p class="noprint"><a class="button" href="/meetings/held?id=<?cs var:url_escape(Meeting.id) ?>" id="mark-held"><?cs var:L.office.mark_held_ask ?></a></p>
<?cs /if ?>
<?cs include:"_foot.cs" ?>
