"""Emergency access without consent (A14): exact identifiers, reason, time limit, banner,
notification, follow-up until consent, the operator's review."""
import re

import pytest

from conftest import ctl, logged_in, make_user, page_csrf, sql, url, clock_set
from test_patients import register_patient, register_consent, fresh_identity, lid


@pytest.fixture(scope="module")
def people():
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "er_doc": make_user("user", facility="DEMO02", profession="physician"),
        "cm": make_user("user", facility="DEMO02", profession="care_manager"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
        "fm1": make_user("facility_manager", facility="DEMO01"),
        "fm2": make_user("facility_manager", facility="DEMO02"),
    }


@pytest.fixture(autouse=True)
def clock_back():
    yield
    clock_set(0)


def start(s, **fields):
    d = {"csrf": page_csrf(s, "/emergency"), "category": "unconscious",
         "reason": "救急搬送、意識レベル JCS 300", "confirm": "1"}
    d.update(fields)
    return s.post(url("/emergency/start"), data=d, allow_redirects=False)


def patient_with_records(people):
    hosp = logged_in(people["hosp"])
    local = lid()
    handle, ident, pid = register_patient(hosp, local_id=local)
    return ident, pid, local


def test_A14_profession_must_allow_it(people):
    ident, pid, local = patient_with_records(people)
    cm = logged_in(people["cm"])
    assert "救急患者対応を利用できません" in cm.get(url("/emergency")).text
    r = start(cm, facility_code="DEMO01", local_id=local)
    assert r.status_code == 403
    assert sql(f"SELECT COUNT(*) FROM emergency_access WHERE patient_id = {pid}") == [["0"]]


def test_A14_exact_identifiers_only_no_browsing(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    # part of the kana name finds nobody, and says nothing of who exists
    r = start(er, kana=ident["kana"].split()[0], birth_date=ident["birth_date"], sex=ident["sex"])
    assert r.status_code == 404 and ident["name"] not in r.text
    r = start(er, facility_code="DEMO01", local_id=local[:-1])
    assert r.status_code == 404
    # a missing reason or confirmation: field errors, nothing granted
    r = start(er, facility_code="DEMO01", local_id=local, reason="", confirm="")
    assert r.status_code == 422 and 'id="err-reason"' in r.text and 'id="err-confirm"' in r.text
    assert sql(f"SELECT COUNT(*) FROM emergency_access WHERE patient_id = {pid}") == [["0"]]
    assert int(sql("SELECT COUNT(*) FROM audit WHERE action = 'emergency.search' AND outcome = 'denied'")[0][0]) >= 2


def test_A14_grant_banner_audit_notify_followup_closed_by_consent(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    # without consent the clinic cannot open the patient
    assert er.get(url("/records"), params={"q": ident["kana"]}).text.count("/records/patient?p=") == 0
    r = start(er, kana=ident["kana"].replace(" ", "　"), birth_date=ident["birth_date"], sex=ident["sex"])
    assert r.status_code == 303, r.text[:500]
    assert "purpose=emergency" in r.headers["Location"]
    page = er.get(url(r.headers["Location"]))
    assert page.status_code == 200 and 'id="emergency-banner"' in page.text
    assert ident["name"] in page.text
    # every view is flagged as an emergency in the audit log
    assert sql(f"SELECT purpose, SUBSTRING_INDEX(detail, ' ', 1) FROM audit WHERE action = 'record.view'"
               f" AND patient_id = {pid} ORDER BY id DESC LIMIT 1") == [["emergency", "emergency"]]
    # even a request asking another purpose is recorded as the emergency
    handle = re.search(r"p=([A-Za-z0-9]{22})", r.headers["Location"]).group(1)
    er.get(url(f"/records/patient?p={handle}&purpose=care"))
    assert sql(f"SELECT purpose FROM audit WHERE action = 'record.view' AND patient_id = {pid}"
               " ORDER BY id DESC LIMIT 1") == [["emergency"]]
    gid = sql(f"SELECT id FROM emergency_access WHERE patient_id = {pid}")[0][0]
    # the operator and the manager of the facility holding the records are told at once
    op = logged_in(people["op"])
    notes = op.get(url("/notifications")).text
    assert f"#emergency-{gid}" in notes and "救急患者対応（同意なしの閲覧）がありました" in notes
    fm1 = logged_in(people["fm1"])
    assert f"#emergency-{gid}" in fm1.get(url("/notifications")).text
    assert f'id="emergency-{gid}"' in fm1.get(url("/emergency/list")).text
    # the clinic's manager sees its own user's grant in the list
    fm2 = logged_in(people["fm2"])
    assert f'id="emergency-{gid}"' in fm2.get(url("/emergency/list")).text
    # the follow-up task is open until form 4 is registered
    assert sql(f"SELECT followup_status FROM emergency_access WHERE id = {gid}") == [["open"]]
    assert f'id="emergency-{gid}"' in er.get(url("/emergency")).text
    register_consent(er, handle)
    assert sql(f"SELECT followup_status FROM emergency_access WHERE id = {gid}") == [["consented"]]


def test_A14_time_limit_ends_access(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    r = start(er, facility_code="DEMO01", local_id=local)
    assert r.status_code == 303
    assert er.get(url(r.headers["Location"])).status_code == 200

    def open_fresh():
        """A new login at the moved clock (sessions end after 12 hours), then the patient."""
        s = logged_in(people["er_doc"])
        listed = "/records/patient?p=" in s.get(url("/records"), params={"q": ident["kana"]}).text
        q = s.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
        h = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", q.text).group(1)
        return listed, s.get(url(f"/records/patient?p={h}&purpose=care"), allow_redirects=False)

    clock_set(23 * 3600)
    listed, page = open_fresh()
    assert listed and page.status_code == 200 and 'id="emergency-banner"' in page.text
    clock_set(24 * 3600 + 60)
    listed, page = open_fresh()
    assert not listed
    assert page.status_code == 403 and ident["name"] not in page.text
    # another user of the same clinic never had the grant
    clock_set(0)
    other = logged_in(make_user("user", facility="DEMO02", profession="physician"))
    q = other.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    h = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", q.text).group(1)
    assert other.get(url(f"/records/patient?p={h}&purpose=care")).status_code == 403


def test_A14_A4_2_operator_reviews_each_grant(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    assert start(er, facility_code="DEMO01", local_id=local, category="other",
                 reason="興味本位").status_code == 303
    gid, ver = sql(f"SELECT id, version FROM emergency_access WHERE patient_id = {pid}")[0]
    op = logged_in(people["op"])
    # improper needs a note
    assert op.post(url("/emergency/review"), data={"csrf": page_csrf(op), "id": gid, "version": ver,
                                                    "decision": "improper"},
                   allow_redirects=False).status_code == 400
    r = op.post(url("/emergency/review"), data={"csrf": page_csrf(op), "id": gid, "version": ver,
                                                 "decision": "improper", "note": "救急性なし"},
                allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT review_status, review_note FROM emergency_access WHERE id = {gid}") == \
        [["improper", "救急性なし"]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'emergency.improper' AND patient_id = {pid}") == [["1"]]
    # a second review with the old version: 409
    assert op.post(url("/emergency/review"), data={"csrf": page_csrf(op), "id": gid, "version": ver,
                                                    "decision": "appropriate"},
                   allow_redirects=False).status_code == 409
    # users and managers cannot review
    fm1 = logged_in(people["fm1"])
    assert fm1.post(url("/emergency/review"), data={"csrf": page_csrf(fm1), "id": gid, "version": ver,
                                                     "decision": "appropriate"},
                    allow_redirects=False).status_code == 403


def test_A14_overdue_followup_escalates_then_closed_with_reason(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    assert start(er, facility_code="DEMO01", local_id=local).status_code == 303
    gid, ver = sql(f"SELECT id, version FROM emergency_access WHERE patient_id = {pid}")[0]
    assert "escalated: 0" in ctl("emergency", "escalate").stdout or \
        sql(f"SELECT COUNT(*) FROM notification WHERE kind = 'emergency.overdue' AND object_id = {gid}") == [["0"]]
    clock_set(8 * 86400)
    er = logged_in(people["er_doc"])      # the day-old session has ended
    ctl("emergency", "escalate")
    ctl("emergency", "escalate")        # once only
    assert sql(f"SELECT COUNT(*) FROM notification WHERE kind = 'emergency.overdue' AND object_id = {gid}") == [["1"]]
    op = logged_in(people["op"])
    page = op.get(url("/emergency/list")).text
    row = page.split(f'id="emergency-{gid}"')[1].split("</tr>")[0]
    assert "期限超過" in row
    # another clinic user cannot close it; the requester can, with a reason
    other = logged_in(make_user("user", facility="DEMO02", profession="physician"))
    assert other.post(url("/emergency/followup"), data={"csrf": page_csrf(other), "id": gid, "version": ver,
                                                          "note": "x"}, allow_redirects=False).status_code == 404
    assert er.post(url("/emergency/followup"), data={"csrf": page_csrf(er), "id": gid, "version": ver,
                                                       "note": ""}, allow_redirects=False).status_code == 400
    r = er.post(url("/emergency/followup"), data={"csrf": page_csrf(er), "id": gid, "version": ver,
                                                   "note": "死亡退院のため取得不能"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT followup_status, followup_note FROM emergency_access WHERE id = {gid}") == \
        [["cannot", "死亡退院のため取得不能"]]


def test_A14_emergency_views_in_patient_access_report(people):
    ident, pid, local = patient_with_records(people)
    er = logged_in(people["er_doc"])
    r = start(er, facility_code="DEMO01", local_id=local)
    er.get(url(r.headers["Location"]))
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    s = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", s.text).group(1)
    rep = desk.get(url(f"/patients/access-report?p={dh}")).text
    assert "救急時の閲覧" in rep and "救急対応" in rep


def test_A8_1_A14_emergency_purpose_is_not_a_choice(people):
    """With consent, asking purpose=emergency is asked again, not logged as an emergency."""
    from test_patients import register_consent
    hosp = logged_in(people["hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    register_consent(hosp, handle)
    r = hosp.get(url(f"/records/patient?p={handle}&purpose=emergency"))
    assert r.status_code == 200 and 'name="purpose"' in r.text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'record.view' AND patient_id = {pid}"
               " AND purpose = 'emergency'") == [["0"]]
