"""Consent integrity against an insider with ordinary accounts (A12.2, A12.4, A12, A14):
old paperwork cannot undo a revocation, "every facility" names only members of that side,
a viewing facility's form 4 is told to the holders, hand-made links wait for the operator,
an emergency's reason and follow-up stay with those they concern."""
import os
import re

import pytest

from conftest import (PORT, VAR, ROOT, ctl, figure, logged_in, make_user, page_csrf, sh, sql,
                      url, wait_for)
from test_patients import PDF, consent_form, handle_in, lid, register_patient, revoke_at_desk

_n = [0]


def one(q):
    return sql(q)[0][0]


def fac_id(code):
    return int(one(f"SELECT id FROM facility WHERE code = '{code}'"))


def new_facility(*flags):
    _n[0] += 1
    code = f"CI{os.getpid() % 10000}{_n[0]}"
    ctl("facility", "add", "--code", code, "--name", f"同意試験施設{_n[0]}", *flags)
    return code, fac_id(code)


@pytest.fixture(scope="module")
def people():
    third, third_id = new_facility("--disclosing")
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "clinic": make_user("user", facility="DEMO02", profession="physician"),
        "clinic2": make_user("user", facility="DEMO02", profession="nurse"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
        "staff": make_user("staff", facility="DEMO01", profession="contract_employee"),
        "fm1": make_user("facility_manager", facility="DEMO01"),
        "fm2": make_user("facility_manager", facility="DEMO02"),
        "third": make_user("user", facility=third),
        "fm3": make_user("facility_manager", facility=third),
        "third_code": third, "third_id": third_id,
    }


def post_consent(s, h, **data):
    """Form 4 as a browser sends it; the response, not asserted."""
    _, idem = consent_form(s, h)
    d = {"csrf": page_csrf(s, f"/consents/new?p={h}"), "p": h, "idem": idem,
         "signed_on": "2026-11-01", "signer": "patient", "disclosing_all": "1", "viewing_all": "1"}
    d.update(data)
    return s.post(url("/consents/new"), data=d,
                  files={"scan": ("form4.pdf", PDF, "application/pdf")}, allow_redirects=False)


def view(s, h):
    return s.get(url(f"/records/patient?p={h}&purpose=care"), allow_redirects=False)


def field_error(html, name):
    m = re.search(rf'id="err-{name}">([^<]*)<', html)
    return m.group(1) if m else None


def consents_of(pid):
    return int(one(f"SELECT COUNT(*) FROM consent WHERE patient_id = {pid}"))


def shared_patient(people):
    """A hospital patient (own local ID) that the clinic can find."""
    hosp = logged_in(people["hosp"])
    h, ident, pid = register_patient(hosp, local_id=lid())
    return ident, pid


def test_A12_2_form4_signed_before_the_latest_form5_is_refused_beside_its_date(people):
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch).status_code == 303
    assert view(clinic, ch).status_code == 200
    revoke_at_desk(logged_in(people["desk"]), ident, "2026-11-20")
    assert view(clinic, ch).status_code == 403
    stale = 0
    # The patient's old paper form 4 (signed weeks before the form 5) arrives late.
    before = consents_of(pid)
    r = post_consent(clinic, ch, signed_on="2026-10-30")
    err = field_error(r.text, "signed_on")
    stale += r.status_code != 422
    assert r.status_code == 422 and err and "2026年11月20日（金）" in err and "撤回" in err
    assert consents_of(pid) == before, "nothing stored"
    # The form shows the revocation's date up front.
    assert "2026年11月20日（金）" in clinic.get(url(f"/consents/new?p={ch}")).text
    # Even with the "signed after" box ticked, an earlier day cannot pass.
    r = post_consent(clinic, ch, signed_on="2026-11-19", after_revocation="1")
    stale += r.status_code != 422
    assert consents_of(pid) == before
    assert view(clinic, ch).status_code == 403, "sharing stays off"
    # Only a consent signed after the revocation restores sharing.
    assert post_consent(clinic, ch, signed_on="2026-11-21").status_code == 303
    assert view(clinic, ch).status_code == 200
    figure("stale form 4 accepted", stale)
    assert stale == 0


def test_A12_2_same_day_form4_needs_the_stated_order(people):
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    revoke_at_desk(logged_in(people["desk"]), ident, "2026-11-25")
    r = post_consent(clinic, ch, signed_on="2026-11-25")
    assert r.status_code == 422
    assert "2026年11月25日（水）" in (field_error(r.text, "after_revocation") or "")
    assert consents_of(pid) == 0
    # the typed values are kept
    assert 'value="2026-11-25"' in r.text
    r = post_consent(clinic, ch, signed_on="2026-11-25", after_revocation="1")
    assert r.status_code == 303, r.text[:800]
    assert sql(f"SELECT after_revocation FROM consent WHERE patient_id = {pid}") == [["1"]]
    assert view(clinic, ch).status_code == 200


def test_A12_4_every_disclosing_names_the_registering_facility_only_if_it_discloses(people):
    """The clinic (DEMO02) is a viewing member only: "every disclosing facility" does not
    name it, so with the hospital alone as viewer it is named on neither side."""
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    accepted = 0
    r = post_consent(clinic, ch, viewing_all="", viewing=str(fac_id("DEMO01")))
    accepted += r.status_code != 422
    assert r.status_code == 422 and field_error(r.text, "viewing")
    assert consents_of(pid) == 0
    # A facility that is only viewing, with "every viewing facility": named, accepted.
    assert post_consent(clinic, ch).status_code == 303
    # A disclosing-only facility cannot register through "every viewing facility".
    code, fid = new_facility("--disclosing")
    sql(f"UPDATE facility SET viewing = 0 WHERE id = {fid}")
    d_user = logged_in(make_user("user", facility=code))
    h2 = handle_in(d_user, ident)
    r = post_consent(d_user, h2, disclosing_all="", disclosing=str(fac_id("DEMO01")))
    accepted += r.status_code != 422
    assert r.status_code == 422
    figure("consent without a named own facility accepted", accepted)
    assert accepted == 0


def check(op, cid, decision, note=""):
    """The operator's check of form 4 cid (A12.4): checked, or rejected (void) with a note."""
    ver = one(f"SELECT version FROM consent WHERE id = {cid}")
    return op.post(url("/consents/check"), data={"csrf": page_csrf(op, f"/consents/view?id={cid}"),
                                                  "id": cid, "version": ver, "decision": decision,
                                                  "note": note}, allow_redirects=False)


def notifications(kind, audience, facility, cid):
    return int(one(f"SELECT COUNT(*) FROM notification WHERE kind = '{kind}' AND audience ="
                   f" '{audience}' AND facility_id = {facility} AND object_id = {cid}"))


def test_A12_4_viewing_facility_consent_notifies_holders_and_operator(people):
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch).status_code == 303
    cid = int(one(f"SELECT id FROM consent WHERE patient_id = {pid}"))
    assert notifications("consent.registered", "facility_manager", fac_id("DEMO01"), cid) == 1
    assert notifications("consent.registered", "operator", 0, cid) == 1
    page = logged_in(people["fm1"]).get(url("/notifications")).text
    assert f"/consents/view?id={cid}" in page and "閲覧施設" in page
    assert f"/consents/view?id={cid}" in logged_in(people["op"]).get(url("/notifications")).text
    # the clinic's own manager is not a holder: nothing for it
    assert notifications("consent.registered", "facility_manager", fac_id("DEMO02"), cid) == 0
    # The hospital registering its own patient's consent is the usual path: no notice.
    ident2, pid2 = shared_patient(people)
    hosp = logged_in(people["hosp"])
    assert post_consent(hosp, handle_in(hosp, ident2)).status_code == 303
    cid2 = int(one(f"SELECT id FROM consent WHERE patient_id = {pid2}"))
    assert int(one(f"SELECT COUNT(*) FROM notification WHERE kind = 'consent.registered'"
                   f" AND object_id = {cid2}")) == 0


def test_A4_2_A12_4_misuse_flags_views_right_after_own_consent(people):
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic2"])
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch).status_code == 303
    cid = one(f"SELECT id FROM consent WHERE patient_id = {pid}")
    assert view(clinic, ch).status_code == 200
    assert ctl("misuse", "scan").returncode == 0
    uid = one(f"SELECT id FROM users WHERE login = '{people['clinic2'].login}'")
    rows = sql(f"SELECT rule, facility_id FROM misuse_alert WHERE user_id = {uid}"
               f" AND dedup_key = 'consent_self_view:{uid}:{cid}'")
    assert rows == [["consent_self_view", str(fac_id("DEMO02"))]]
    # the hospital viewing its own records right after its own consent is not flagged
    ident2, pid2 = shared_patient(people)
    hosp = logged_in(people["hosp"])
    h2 = handle_in(hosp, ident2)
    assert post_consent(hosp, h2).status_code == 303
    assert view(hosp, h2).status_code == 200
    ctl("misuse", "scan")
    huid = one(f"SELECT id FROM users WHERE login = '{people['hosp'].login}'")
    cid2 = one(f"SELECT id FROM consent WHERE patient_id = {pid2}")
    assert sql(f"SELECT COUNT(*) FROM misuse_alert WHERE dedup_key ="
               f" 'consent_self_view:{huid}:{cid2}'") == [["0"]]


def set_needs_check(on):
    conf = VAR / "mogami.conf"
    lines = [l for l in conf.read_text().splitlines() if not l.startswith("consent_needs_check")]
    if on:
        lines.append("consent_needs_check = 1")
    conf.write_text("\n".join(lines) + "\n")
    # "up" restarts the workers, which read the configuration when they start.
    sh(str(ROOT / "scripts" / "instance.sh"), "up", str(VAR), str(PORT))


def test_A12_4_consent_needs_check_counts_a_form4_once_checked(people):
    # Default (off): a form 4 opens the records at once, before the operator's check.
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch).status_code == 303
    assert one(f"SELECT status FROM consent WHERE patient_id = {pid}") == "submitted"
    assert view(clinic, ch).status_code == 200
    set_needs_check(True)
    try:
        ident2, pid2 = shared_patient(people)
        ch2 = handle_in(clinic, ident2)
        r = post_consent(clinic, ch2)
        assert r.status_code == 303 and "consent_wait" in r.headers["Location"]
        assert "運営管理者が確認すると有効" in clinic.get(url(r.headers["Location"])).text
        assert view(clinic, ch2).status_code == 403
        # the already submitted form 4 of the first patient waits too now
        assert view(clinic, ch).status_code == 403
        op = logged_in(people["op"])
        cid = one(f"SELECT id FROM consent WHERE patient_id = {pid2}")
        assert check(op, cid, "checked").status_code == 303
        assert view(clinic, ch2).status_code == 200
    finally:
        set_needs_check(False)
    clinic = logged_in(people["clinic"])
    assert view(clinic, handle_in(clinic, ident)).status_code == 200


def emergency(s, ident, reason="救急搬送、意識レベル JCS 300"):
    d = {"csrf": page_csrf(s, "/emergency"), "category": "unconscious", "reason": reason,
         "confirm": "1", "kana": ident["kana"], "birth_date": ident["birth_date"],
         "sex": ident["sex"]}
    r = s.post(url("/emergency/start"), data=d, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return int(one("SELECT MAX(id) FROM emergency_access"))


def test_A12_hand_made_link_counts_only_once_the_operator_approves(people):
    """A user of a third facility links a made-up local ID to a patient: nothing follows
    from it (records held, notifications, the emergency list) until the operator approves;
    the operator may reject it, or end an approved link with a reason."""
    ident, pid = shared_patient(people)
    secret = f"秘密の臨床情報{os.getpid()}"
    gid = emergency(logged_in(people["clinic"]), ident, reason=secret)
    third = logged_in(people["third"])
    th = handle_in(third, ident)
    made_up = lid()
    r = third.post(url("/patients/link"), data={"csrf": page_csrf(third, f"/patients/view?p={th}"),
                                                "p": th, "local_id": made_up},
                   allow_redirects=False)
    assert r.status_code == 303 and "link_requested" in r.headers["Location"]
    assert "承認すると有効" in third.get(url(r.headers["Location"])).text
    row = sql(f"SELECT patient_id, requested_patient_id FROM patient_link WHERE local_id = '{made_up}'")
    assert row == [["NULL", str(pid)]]
    assert int(one(f"SELECT COUNT(*) FROM patient_link WHERE patient_id = {pid}")) == 1
    # the third facility's manager does not see the emergency grant or its reason
    fm3 = logged_in(people["fm3"])
    page = fm3.get(url("/emergency/list")).text
    assert f'id="emergency-{gid}"' not in page and secret not in page
    # the operator is told and decides
    link_id = one(f"SELECT id FROM patient_link WHERE local_id = '{made_up}'")
    op = logged_in(people["op"])
    assert "/links/requests" in op.get(url("/notifications")).text
    q = op.get(url("/links/requests")).text
    assert f'id="request-{link_id}"' in q and made_up in q
    ver = one(f"SELECT version FROM patient_link WHERE id = {link_id}")
    # a rejection needs its reason beside the field; nothing changes without it
    r = op.post(url("/links/decide"), data={"csrf": page_csrf(op, "/links/requests"), "link": link_id,
                                             "version": ver, "decision": "rejected", "note": ""})
    assert r.status_code == 422 and field_error(r.text, "note")
    r = op.post(url("/links/decide"), data={"csrf": page_csrf(op, "/links/requests"), "link": link_id,
                                             "version": ver, "decision": "rejected",
                                             "note": "施設に該当する患者 ID がない"},
                allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT patient_id, requested_patient_id FROM patient_link WHERE id = {link_id}") == \
        [["NULL", "NULL"]]
    assert sql(f"SELECT kind FROM patient_link_event WHERE link_id = {link_id} ORDER BY id") == \
        [["requested"], ["rejected"]]
    assert one(f"SELECT COUNT(*) FROM audit WHERE action = 'patient.link_rejected'"
               f" AND object_id = '{link_id}' AND patient_id = {pid}") == "1"
    # asked again and approved: now the facility holds the patient's records
    r = third.post(url("/patients/link"), data={"csrf": page_csrf(third, f"/patients/view?p={th}"),
                                                "p": th, "local_id": made_up},
                   allow_redirects=False)
    assert r.status_code == 303
    ver = one(f"SELECT version FROM patient_link WHERE id = {link_id}")
    r = op.post(url("/links/decide"), data={"csrf": page_csrf(op, "/links/requests"), "link": link_id,
                                             "version": ver, "decision": "approved"},
                allow_redirects=False)
    assert r.status_code == 303
    assert one(f"SELECT patient_id FROM patient_link WHERE id = {link_id}") == str(pid)
    assert f'id="emergency-{gid}"' in fm3.get(url("/emergency/list")).text
    # the operator ends it with a reason; audited; it counts for nothing again
    oh = handle_in(op, ident)
    page = op.get(url(f"/patients/view?p={oh}")).text
    assert f'id="link-{link_id}"' in page and 'action="/links/end"' in page
    ver = one(f"SELECT version FROM patient_link WHERE id = {link_id}")
    r = op.post(url("/links/end"), data={"csrf": page_csrf(op, f"/patients/view?p={oh}"), "p": oh,
                                          "link": link_id, "version": ver, "reason": ""})
    assert r.status_code == 400
    r = op.post(url("/links/end"), data={"csrf": page_csrf(op, f"/patients/view?p={oh}"), "p": oh,
                                          "link": link_id, "version": ver, "reason": "別人と判明"},
                allow_redirects=False)
    assert r.status_code == 303
    assert one(f"SELECT patient_id FROM patient_link WHERE id = {link_id}") == "NULL"
    assert one(f"SELECT detail FROM audit WHERE action = 'patient.link_ended'"
               f" AND object_id = '{link_id}'") == "別人と判明"
    assert f'id="emergency-{gid}"' not in fm3.get(url("/emergency/list")).text
    # a user cannot decide or end links
    r = third.post(url("/links/decide"), data={"csrf": page_csrf(third, "/"), "link": link_id,
                                                "version": ver, "decision": "approved"})
    assert r.status_code == 403


def test_A14_emergency_reason_only_to_granting_holding_and_operator(people):
    ident, pid = shared_patient(people)
    secret = f"理由{os.getpid()}救急"
    gid = emergency(logged_in(people["clinic"]), ident, reason=secret)
    shown = 0
    # granting facility's manager, holding disclosing facility's manager, operator: shown
    for who in ("fm2", "fm1", "op"):
        page = logged_in(people[who]).get(url("/emergency/list")).text
        assert f'id="emergency-{gid}"' in page and secret in page, who
    assert secret in logged_in(people["clinic"]).get(url("/emergency")).text
    # management staff review lists but are none of those: the row without the reason
    page = logged_in(people["staff"]).get(url("/emergency/list")).text
    assert f'id="emergency-{gid}"' in page
    shown += secret in page
    # a viewing-only facility with an approved link holds no disclosed records: hidden
    code, fid = new_facility()
    local = lid()
    sql(f"INSERT INTO patient_link (facility_id, local_id, patient_id, source, linked_at, created_at)"
        f" VALUES ({fid}, '{local}', {pid}, 'manual', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")
    fmv = logged_in(make_user("facility_manager", facility=code))
    page = fmv.get(url("/emergency/list")).text
    assert f'id="emergency-{gid}"' in page
    shown += secret in page
    figure("emergency reason shown to others", shown)
    assert shown == 0


def test_A14_followup_closed_only_by_a_consent_covering_the_grant_and_reopened_when_voided(people):
    ident, pid = shared_patient(people)
    clinic = logged_in(people["clinic"])
    gid = emergency(clinic, ident)
    # the hospital registers a form 4 naming only itself as viewer: not the clinic's
    hosp = logged_in(people["hosp"])
    hh = handle_in(hosp, ident)
    assert post_consent(hosp, hh, viewing_all="", viewing=str(fac_id("DEMO01"))).status_code == 303
    assert one(f"SELECT followup_status FROM emergency_access WHERE id = {gid}") == "open"
    # a form 4 that lets the clinic view closes it and is kept on the grant
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch, viewing_all="", viewing=str(fac_id("DEMO02"))).status_code == 303
    cid = one(f"SELECT MAX(id) FROM consent WHERE patient_id = {pid}")
    assert sql(f"SELECT followup_status, consent_id FROM emergency_access WHERE id = {gid}") == \
        [["consented", cid]]
    # the operator finds that form void: the follow-up is open again
    op = logged_in(people["op"])
    assert check(op, cid, "rejected", "署名欄が空白").status_code == 303
    assert sql(f"SELECT followup_status, consent_id FROM emergency_access WHERE id = {gid}") == \
        [["open", "NULL"]]
