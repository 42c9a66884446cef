"""test_federation.py: agreements with other regional networks and the points where the
rules differ; out-of-region clinics shown as such (A18, A18.3)."""
import os
import re

import pytest

from conftest import ctl, url, sql, make_user, logged_in, page_csrf


@pytest.fixture(scope="module")
def people():
    return {
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
        "pres": make_user("president", facility="DEMO01"),
        "staff": make_user("staff", facility="DEMO01", profession="contract_employee"),
        "user": make_user("user", facility="DEMO01"),
    }


def ver(aid):
    return sql(f"SELECT version FROM agreement WHERE id = {aid}")[0][0]


def post(s, path, aid=None, **data):
    data["csrf"] = page_csrf(s, "/federation")
    if aid is not None:
        data.setdefault("id", aid)
        data.setdefault("version", ver(aid))
    return s.post(url(path), data=data, allow_redirects=False)


def new_agreement(op, partner=None):
    partner = partner or f"庄内地域医療連携ネット {os.urandom(3).hex()}"
    r = post(op, "/federation/new", partner=partner, note="相互参照の試行")
    assert r.status_code == 303, r.text[:800]
    return re.search(r"id=(\d+)", r.headers["location"]).group(1), partner


def test_A18_agreement_points_and_status(people):
    op, pres = logged_in(people["op"]), logged_in(people["pres"])
    aid, partner = new_agreement(op)
    assert sql(f"SELECT status, signed_on FROM agreement WHERE id = {aid}") == [["draft", "NULL"]]
    # Activating needs a signed day and at least one point; the input stays.
    r = post(op, "/federation/edit", aid, partner=partner, signed_on="", status="active")
    assert r.status_code == 422
    assert 'id="err-signed_on"' in r.text and 'id="err-status"' in r.text
    r = post(op, "/federation/point/add", aid, topic="同意の取得", ours="様式第4号による書面同意",
             theirs="包括同意（院内掲示）を認める。当ネットワーク経由の閲覧は書面同意に限る。")
    assert r.status_code == 303, r.text[:800]
    r = post(op, "/federation/point/add", aid, topic="閲覧記録の保存期間", ours="5年", theirs="3年")
    assert r.status_code == 303
    r = post(op, "/federation/point/add", aid, topic="", ours="", theirs="残る")
    assert r.status_code == 422 and 'id="err-topic"' in r.text and "残る" in r.text
    p2 = sql(f"SELECT id FROM agreement_point WHERE agreement_id = {aid} AND topic = '閲覧記録の保存期間'")[0][0]
    r = post(op, "/federation/point/remove", aid, point=p2)
    assert r.status_code == 303
    # Removed points stay as a record.
    assert sql(f"SELECT removed_at IS NOT NULL FROM agreement_point WHERE id = {p2}") == [["1"]]
    assert sql(f"SELECT COUNT(*) FROM agreement_point WHERE agreement_id = {aid}") == [["2"]]
    # A stale version is 409 and changes nothing.
    stale = int(ver(aid)) - 1
    r = post(op, "/federation/edit", aid, version=stale, partner=partner, signed_on="2026-10-01",
             status="active")
    assert r.status_code == 409
    r = post(op, "/federation/edit", aid, partner=partner, signed_on="2026-10-01", status="active")
    assert r.status_code == 303, r.text[:800]
    assert sql(f"SELECT status, signed_on FROM agreement WHERE id = {aid}") == [["active", "2026-10-01"]]
    # The president reads; only the operator edits.
    r = pres.get(url(f"/federation/view?id={aid}"))
    assert r.status_code == 200 and partner in r.text and "同意の取得" in r.text
    assert "包括同意" in r.text and 'id="point-form"' not in r.text
    assert partner in pres.get(url("/federation")).text
    assert logged_in(people["staff"]).get(url(f"/federation/view?id={aid}")).status_code == 200
    assert post(pres, "/federation/point/add", aid, topic="x", ours="y",
                theirs="z").status_code == 403
    # Active -> ended; an ended agreement is not reopened.
    assert post(op, "/federation/edit", aid, partner=partner, signed_on="2026-10-01",
                status="ended").status_code == 303
    r = post(op, "/federation/edit", aid, partner=partner, signed_on="2026-10-01", status="active")
    assert r.status_code == 409 and "終了した協定書" in r.text
    assert post(op, "/federation/point/add", aid, topic="x", ours="y", theirs="z").status_code == 409
    assert sql(f"SELECT status FROM agreement WHERE id = {aid}") == [["ended"]]
    for action in ("agreement.create", "agreement.point_add", "agreement.point_remove",
                   "agreement.edit"):
        assert int(sql(f"SELECT COUNT(*) FROM audit WHERE action = '{action}'"
                       f" AND object_id = '{aid}'")[0][0]) >= 1, action
    with pytest.raises(Exception):
        sql(f"DELETE FROM agreement_point WHERE id = {p2}")


def test_A18_users_do_not_see_agreements(people):
    u = logged_in(people["user"])
    assert u.get(url("/federation"), allow_redirects=False).status_code == 403
    assert u.get(url("/facilities"), allow_redirects=False).status_code == 403


def test_A18_3_out_of_region_clinic_marked_everywhere(people):
    code = f"OUT{os.getpid() % 10000}{os.urandom(2).hex()}"
    name = f"県外クリニック {code}"
    ctl("facility", "add", "--code", code, "--name", name, "--kind", "clinic", "--out-of-region")
    fid = sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]
    assert sql(f"SELECT in_region FROM facility WHERE id = {fid}") == [["0"]]
    op, pres = logged_in(people["op"]), logged_in(people["pres"])
    r = pres.get(url("/facilities"))
    row = re.search(rf'<tr id="facility-{code}" class="out-of-region">(.*?)</tr>', r.text, re.S)
    assert row and "域外" in row.group(1)
    assert 'class="out-of-region"' not in re.search(r'<tr id="facility-DEMO01"[^>]*>', r.text).group(0)
    # The message form and the notice form say so beside the name.
    assert f"{name}（域外）" in logged_in(people["user"]).get(url("/messages/new")).text
    assert f"{name}（域外）" in op.get(url("/admin/notices/new")).text
    # A message from a user there carries the mark in the recipient's inbox.
    clinic_user = make_user("user", facility=code)
    s = logged_in(clinic_user)
    html = s.get(url("/messages/new")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)
    r = s.post(url("/messages/new"), data={"csrf": page_csrf(s, "/messages/new"), "idem": idem,
               "to_kind": "user", "to": people["user"].login, "subject": "県外からの連絡",
               "body": "よろしくお願いします。"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    inbox = logged_in(people["user"]).get(url("/messages")).text
    row = re.search(r'<tr id="message-\d+"[^>]*>((?:(?!</tr>).)*県外からの連絡.*?)</tr>', inbox, re.S)
    assert row and "域外" in row.group(1)
    # The operator marks it in the region again (and the version guards it), on the
    # council decision it rests on (issue 20).
    v = sql(f"SELECT version FROM facility WHERE id = {fid}")[0][0]
    csrf = page_csrf(op, "/facilities")
    why = {"decision_kind": "sole", "decided_on": "2026-11-30", "sole_reason": "協議会を開けないため"}
    r = op.post(url("/facilities/region"), data={"csrf": csrf, "id": fid, "version": v,
                "in_region": "1", **why}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT in_region FROM facility WHERE id = {fid}") == [["1"]]
    r = op.post(url("/facilities/region"), data={"csrf": csrf, "id": fid, "version": v,
                "in_region": "0", **why}, allow_redirects=False)
    assert r.status_code == 409
    assert pres.post(url("/facilities/region"), data={"csrf": page_csrf(pres, "/facilities"),
                     "id": fid, "version": int(v) + 1, "in_region": "0"},
                     allow_redirects=False).status_code == 403
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'facility.region'"
               f" AND object_id = '{fid}'") == [["1"]]
