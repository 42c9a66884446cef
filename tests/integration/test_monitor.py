"""test_monitor.py: monitoring inside a facility (A6.2) and reports of misuse to the
operator (A6.3): the manager sees every access by their own users and nobody else's."""
import datetime
import re

import pytest

from conftest import logged_in, make_user, page_csrf, sql, url
from test_patients import register_patient, register_consent, open_patient, lid


@pytest.fixture(scope="module")
def people():
    return {
        "dr1": make_user("user", facility="DEMO01"),
        "dr2": make_user("user", facility="DEMO02", profession="physician"),
        "fm1": make_user("facility_manager", facility="DEMO01"),
        "fm2": make_user("facility_manager", facility="DEMO02"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
    }


def uid(user):
    return sql(f"SELECT id FROM users WHERE login = '{user.login}'")[0][0]


def network_id(pid):
    return sql(f"SELECT network_id FROM patient WHERE id = {pid}")[0][0]


def audit_id(user, pid, action="record.view"):
    return sql(f"SELECT a.id FROM audit a JOIN users u ON u.id = a.user_id WHERE u.login = "
               f"'{user.login}' AND a.patient_id = {pid} AND a.action = '{action}'"
               " ORDER BY a.id DESC LIMIT 1")[0][0]


@pytest.fixture(scope="module")
def accesses(people):
    """dr1 (DEMO01) and dr2 (DEMO02) each view a patient of their own, through the app."""
    s1 = logged_in(people["dr1"])
    h1, ident1, p1 = register_patient(s1, local_id=lid())
    assert open_patient(s1, h1, "care").status_code == 200
    assert open_patient(s1, h1, "explanation").status_code == 200
    s2 = logged_in(people["dr2"])
    h2, ident2, p2 = register_patient(s2)
    register_consent(s2, h2)
    assert open_patient(s2, h2, "care").status_code == 200
    return {"p1": p1, "p2": p2, "ident1": ident1, "ident2": ident2}


def ids_on(html):
    return set(re.findall(r'<tr id="access-(\d+)"', html))


def idem(s, path):
    return re.search(r'name="idem" value="([0-9a-f]{64})"', s.get(url(path)).text).group(1)


def jst_today():
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=9)).date()


def test_A6_2_manager_sees_only_own_users_accesses(people, accesses):
    fm1, fm2 = logged_in(people["fm1"]), logged_in(people["fm2"])
    n1, n2 = network_id(accesses["p1"]), network_id(accesses["p2"])
    r = fm1.get(url("/facility/access"))
    assert r.status_code == 200
    assert people["dr1"].login in r.text and n1 in r.text
    assert people["dr2"].login not in r.text and n2 not in r.text
    assert audit_id(people["dr1"], accesses["p1"]) in ids_on(r.text)
    assert audit_id(people["dr2"], accesses["p2"]) not in ids_on(r.text)
    r = fm2.get(url("/facility/access"))
    assert people["dr2"].login in r.text and n2 in r.text
    assert people["dr1"].login not in r.text and n1 not in r.text
    # asking for the other facility's user or patient by name shows nothing of theirs
    r = fm1.get(url("/facility/access"), params={"user": uid(people["dr2"])})
    assert r.status_code == 200 and 'id="access-none"' in r.text
    r = fm1.get(url("/facility/access"), params={"network_id": n2})
    assert r.status_code == 200 and people["dr2"].login not in r.text and not ids_on(r.text)
    # a user (not a manager) and the operator have no such page: default deny
    assert logged_in(people["dr1"]).get(url("/facility/access")).status_code == 403
    assert logged_in(people["op"]).get(url("/facility/access")).status_code == 403
    # looking is itself audited
    assert sql("SELECT COUNT(*) FROM audit a JOIN users u ON u.id = a.user_id WHERE "
               f"a.action = 'monitor.access' AND u.login = '{people['fm1'].login}'")[0][0] != "0"


def test_A6_2_filters_user_patient_purpose_outcome_emergency_dates(people, accesses):
    fm1 = logged_in(people["fm1"])
    p1 = accesses["p1"]
    care, expl = audit_id(people["dr1"], p1), None
    expl = sql(f"SELECT id FROM audit WHERE patient_id = {p1} AND action = 'record.view' "
               "AND purpose = 'explanation'")[0][0]
    # the patient's handle from a row's link filters by that patient only
    page = fm1.get(url("/facility/access"), params={"user": uid(people["dr1"])}).text
    row = re.search(rf'<tr id="access-{care}".*?</tr>', page, re.S).group(0)
    h = re.search(r'/facility/access\?p=([A-Za-z0-9]{22})', row).group(1)
    r = fm1.get(url("/facility/access"), params={"p": h})
    assert r.status_code == 200 and 'id="patient-filter"' in r.text
    rows = ids_on(r.text)
    assert care in rows and expl in rows
    assert all(sql(f"SELECT patient_id FROM audit WHERE id = {i}")[0][0] == str(p1) for i in rows)
    # the same by the network ID typed in
    assert ids_on(fm1.get(url("/facility/access"),
                          params={"network_id": network_id(p1)}).text) == rows
    # a handle from another session means nothing
    fm1b = logged_in(people["fm1"])
    assert fm1b.get(url("/facility/access"), params={"p": h}).status_code == 404
    r = fm1.get(url("/facility/access"), params={"p": h, "purpose": "explanation"})
    assert ids_on(r.text) == {expl}
    r = fm1.get(url("/facility/access"), params={"p": h, "outcome": "denied"})
    assert ids_on(r.text) == set()
    r = fm1.get(url("/facility/access"), params={"p": h, "emergency": "1"})
    assert ids_on(r.text) == set()
    today = jst_today()
    r = fm1.get(url("/facility/access"), params={"p": h, "from": str(today), "to": str(today)})
    assert rows == ids_on(r.text)
    r = fm1.get(url("/facility/access"), params={"p": h, "from": str(today + datetime.timedelta(days=1))})
    assert ids_on(r.text) == set()
    r = fm1.get(url("/facility/access"), params={"p": h, "to": str(today - datetime.timedelta(days=1))})
    assert ids_on(r.text) == set()
    # filters that cannot be: a message beside the field, nothing listed
    r = fm1.get(url("/facility/access"), params={"from": str(today), "to": str(today - datetime.timedelta(days=1))})
    assert r.status_code == 200 and 'id="err-to"' in r.text and not ids_on(r.text)
    r = fm1.get(url("/facility/access"), params={"network_id": "0000000000"})
    assert 'id="err-network_id"' in r.text and not ids_on(r.text)
    assert fm1.get(url("/facility/access"), params={"purpose": "spying"}).text.count('id="err-purpose"') == 1
    assert fm1.get(url("/facility/access"), params={"bogus": "1"}).status_code == 400


def test_A6_2_denied_access_is_listed(people, accesses):
    # dr2 (DEMO02) finds a DEMO01 patient without consent: a denied view
    _, ident, p3 = register_patient(logged_in(people["dr1"]), local_id=lid())
    s2 = logged_in(people["dr2"])
    r = s2.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    h = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    assert open_patient(s2, h).status_code == 403
    denied = sql(f"SELECT id FROM audit WHERE action = 'record.view' AND outcome = 'denied' "
                 f"AND patient_id = {p3} ORDER BY id DESC LIMIT 1")[0][0]
    fm2 = logged_in(people["fm2"])
    r = fm2.get(url("/facility/access"), params={"outcome": "denied"})
    assert denied in ids_on(r.text)
    row = re.search(rf'<tr id="access-{denied}".*?</tr>', r.text, re.S).group(0)
    assert "拒否" in row and "同意なし" in row
    assert all(sql(f"SELECT outcome FROM audit WHERE id = {i}")[0][0] == "denied" for i in ids_on(r.text))
    # DEMO01's manager does not see it, though the patient is theirs: it was not their user
    assert denied not in ids_on(logged_in(people["fm1"]).get(url("/facility/access")).text)


def test_A6_2_paginated_newest_first(people, accesses):
    fm1 = logged_in(people["fm1"])
    s1 = logged_in(people["dr1"])
    h1, _, p = register_patient(s1, local_id=lid())
    for _ in range(52):
        assert open_patient(s1, h1).status_code == 200
    r = fm1.get(url("/facility/access"), params={"network_id": network_id(p)})
    first = [int(i) for i in re.findall(r'<tr id="access-(\d+)"', r.text)]
    assert len(first) == 50 and first == sorted(first, reverse=True)
    assert 'id="page-next"' in r.text and 'id="page-prev"' not in r.text
    r = fm1.get(url("/facility/access"), params={"network_id": network_id(p), "page": 2})
    second = [int(i) for i in re.findall(r'<tr id="access-(\d+)"', r.text)]
    assert len(second) == 3 and max(second) < min(first)   # 52 views + the registration
    assert 'id="page-prev"' in r.text and 'id="page-next"' not in r.text


def test_A6_2_csv_export_own_facility_only(people, accesses):
    fm1 = logged_in(people["fm1"])
    r = fm1.get(url("/facility/access"), params={"format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert "no-store" in r.headers["Cache-Control"]
    assert "attachment" in r.headers["Content-Disposition"]
    body = r.content.decode("utf-8")
    assert body.startswith("\ufeff\"記録番号\"")
    assert people["dr1"].login in body and network_id(accesses["p1"]) in body
    assert people["dr2"].login not in body and network_id(accesses["p2"]) not in body
    # every cell is quoted, so a cell can never start a formula
    for line in body.lstrip("\ufeff").splitlines():
        assert line.startswith('"')
    assert sql("SELECT COUNT(*) FROM audit a JOIN users u ON u.id = a.user_id WHERE "
               f"a.action = 'monitor.export' AND u.login = '{people['fm1'].login}'")[0][0] != "0"
    assert fm1.get(url("/facility/access"), params={"format": "xls"}).status_code == 400


def measure(s, **over):
    d = {"csrf": page_csrf(s, "/facility/measures"), "idem": idem(s, "/facility/measures"),
         "body": "本人に閲覧目的の確認と指導を行った。"}
    d.update(over)
    return s.post(url("/facility/measures/new"), data=d, allow_redirects=False)


def test_A6_2_corrective_measure_recorded_for_own_users_only(people, accesses):
    fm1 = logged_in(people["fm1"])
    mine = audit_id(people["dr1"], accesses["p1"])
    theirs = audit_id(people["dr2"], accesses["p2"])
    # the row's link opens the form about that entry
    r = fm1.get(url(f"/facility/measures?audit={mine}"))
    assert r.status_code == 200 and 'id="subject"' in r.text and f'value="{mine}"' in r.text
    body = f"閲覧目的の確認 {lid()}"
    r = measure(fm1, audit=mine, body=body)
    assert r.status_code == 303, r.text[:500]
    assert sql(f"SELECT user_id, audit_id, facility_id FROM corrective_measure WHERE body = '{body}'") == \
        [[uid(people["dr1"]), mine, sql("SELECT id FROM facility WHERE code = 'DEMO01'")[0][0]]]
    assert body in fm1.get(url("/facility/measures")).text
    # another facility's access or user: a message beside the field, nothing written
    before = sql("SELECT COUNT(*) FROM corrective_measure")[0][0]
    r = measure(fm1, audit=theirs, body="他施設の記録")
    assert r.status_code == 422 and 'id="err-audit"' in r.text and "他施設の記録" in r.text
    r = measure(fm1, user=uid(people["dr2"]), body="他施設の利用者")
    assert r.status_code == 422 and 'id="err-user"' in r.text
    r = measure(fm1, body="　")
    assert r.status_code == 422 and 'id="err-body"' in r.text and "内容を入力してください" in r.text
    assert sql("SELECT COUNT(*) FROM corrective_measure")[0][0] == before
    # the other manager does not see DEMO01's measures
    assert body not in logged_in(people["fm2"]).get(url("/facility/measures")).text
    # a double submit records one measure
    tok = idem(fm1, "/facility/measures")
    body2 = f"二重送信 {lid()}"
    assert measure(fm1, idem=tok, body=body2).status_code == 303
    assert measure(fm1, idem=tok, body=body2).status_code == 303
    assert sql(f"SELECT COUNT(*) FROM corrective_measure WHERE body = '{body2}'") == [["1"]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'monitor.measure'")[0][0] != "0"
    # a user may not record one; nothing is ever deleted
    dr1 = logged_in(people["dr1"])
    assert dr1.get(url("/facility/measures")).status_code == 403
    r = dr1.post(url("/facility/measures/new"), data={"csrf": page_csrf(dr1), "idem": "a" * 64,
                                                      "body": "x"}, allow_redirects=False)
    assert r.status_code == 403
    with pytest.raises(Exception):
        sql("DELETE FROM corrective_measure")


def report(s, **over):
    d = {"csrf": page_csrf(s, "/facility/reports"), "idem": idem(s, "/facility/reports"),
         "body": "夜間に担当外の患者を繰り返し閲覧していた。本人に指導済み。"}
    d.update(over)
    return s.post(url("/facility/reports/new"), data=d, allow_redirects=False)


def test_A6_3_report_forwarded_to_operator(people, accesses):
    fm1 = logged_in(people["fm1"])
    mine = audit_id(people["dr1"], accesses["p1"])
    r = report(fm1, body="")
    assert r.status_code == 422 and 'id="err-body"' in r.text
    body = f"不適正利用の報告 {lid()}"
    r = report(fm1, audit=mine, body=body)
    assert r.status_code == 303 and "/facility/reports/view?id=" in r.headers["Location"]
    rid = re.search(r"id=(\d+)", r.headers["Location"]).group(1)
    assert sql(f"SELECT kind, status, user_id, audit_id FROM facility_report WHERE id = {rid}") == \
        [["misuse", "sent", uid(people["dr1"]), mine]]
    # it lands in the operator's notification queue
    assert sql(f"SELECT audience, facility_id, kind FROM notification WHERE object_type = "
               f"'facility_report' AND object_id = {rid}") == [["operator", "0", "facility.report"]]
    op = logged_in(people["op"])
    notes = op.get(url("/notifications")).text
    assert f"/facility/reports/view?id={rid}" in notes
    assert body in op.get(url(f"/facility/reports/view?id={rid}")).text
    assert f"/facility/reports/view?id={rid}" in op.get(url("/facility/reports")).text
    # the other facility's manager can neither list nor open it
    fm2 = logged_in(people["fm2"])
    assert f"view?id={rid}\"" not in fm2.get(url("/facility/reports")).text
    r = fm2.get(url(f"/facility/reports/view?id={rid}"))
    assert r.status_code == 404 and body not in r.text
    # the operator acknowledges with a note; a stale page is refused
    ack = {"csrf": page_csrf(op, "/facility/reports"), "id": rid, "version": "1", "note": ""}
    r = op.post(url("/facility/reports/ack"), data=ack, allow_redirects=False)
    assert r.status_code == 422 and 'id="err-note"' in r.text
    r = op.post(url("/facility/reports/ack"), data=dict(ack, version="7", note="確認"),
                allow_redirects=False)
    assert r.status_code == 409
    r = op.post(url("/facility/reports/ack"), data=dict(ack, note="当該利用者に警告を行う。"),
                allow_redirects=False)
    assert r.status_code == 303
    r = op.post(url("/facility/reports/ack"), data=dict(ack, note="二度目"), allow_redirects=False)
    assert r.status_code == 409
    assert sql(f"SELECT status, ack_note FROM facility_report WHERE id = {rid}") == \
        [["acknowledged", "当該利用者に警告を行う。"]]
    page = fm1.get(url(f"/facility/reports/view?id={rid}")).text
    assert "当該利用者に警告を行う。" in page and "確認済み" in page
    # only the operator acknowledges; a user reaches none of it
    assert fm1.post(url("/facility/reports/ack"), data=dict(ack, note="x"),
                    allow_redirects=False).status_code == 403
    assert logged_in(people["dr1"]).get(url("/facility/reports")).status_code == 403
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action IN ('monitor.report', 'monitor.report_ack') "
               f"AND object_id = '{rid}'") == [["2"]]


def test_A6_2_emergency_only_filter(people, accesses):
    """An emergency access (A14) by DEMO02's doctor to a DEMO01 patient: DEMO02's manager
    finds it under "emergency only"; DEMO01's manager does not see it as their users'."""
    local = lid()
    register_patient(logged_in(people["dr1"]), local_id=local)
    s2 = logged_in(people["dr2"])
    r = s2.post(url("/emergency/start"), data={
        "csrf": page_csrf(s2, "/emergency"), "category": "unconscious", "reason": "救急搬送",
        "confirm": "1", "facility_code": "DEMO01", "local_id": local}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert s2.get(url(r.headers["Location"])).status_code == 200
    pid = sql(f"SELECT patient_id FROM patient_link WHERE local_id = '{local}'")[0][0]
    grant, view = (audit_id(people["dr2"], pid, a) for a in ("emergency.grant", "record.view"))
    fm2 = logged_in(people["fm2"])
    r = fm2.get(url("/facility/access"), params={"emergency": "1"})
    rows = ids_on(r.text)
    assert {grant, view} <= rows
    assert all(sql(f"SELECT purpose = 'emergency' OR action LIKE 'emergency.%' FROM audit "
                   f"WHERE id = {i}")[0][0] == "1" for i in rows)
    assert "救急" in re.search(rf'<tr id="access-{view}".*?</tr>', r.text, re.S).group(0)
    assert ids_on(fm2.get(url("/facility/access"), params={"purpose": "emergency"}).text) >= {view}
    assert not {grant, view} & ids_on(logged_in(people["fm1"]).get(
        url("/facility/access"), params={"emergency": "1"}).text)


def test_A6_3_double_submit_sends_one_report(people, accesses):
    fm1 = logged_in(people["fm1"])
    tok = idem(fm1, "/facility/reports")
    body = f"二重送信の報告 {lid()}"
    a, b = report(fm1, idem=tok, body=body), report(fm1, idem=tok, body=body)
    assert a.status_code == b.status_code == 303
    assert a.headers["Location"] == b.headers["Location"]
    rid = sql(f"SELECT id FROM facility_report WHERE body = '{body}'")
    assert len(rid) == 1
    assert sql(f"SELECT COUNT(*) FROM notification WHERE kind = 'facility.report' "
               f"AND object_id = {rid[0][0]}") == [["1"]]
    with pytest.raises(Exception):
        sql(f"DELETE FROM facility_report WHERE id = {rid[0][0]}")
