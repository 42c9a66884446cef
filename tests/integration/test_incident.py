"""test_incident.py: incident reports (A8.5): a user reports a virus find, a security
problem or a malfunction to their facility manager, who forwards it to the operator or
closes it with a reason; the operator closes a forwarded one with the outcome."""
import re

import pytest

from conftest import logged_in, make_user, page_csrf, sql, url


@pytest.fixture(scope="module")
def people():
    return {
        "dr1": make_user("user", facility="DEMO01"),
        "dr1b": make_user("user", facility="DEMO01"),
        "dr2": make_user("user", facility="DEMO02"),
        "fm1": make_user("facility_manager", facility="DEMO01"),
        "fm2": make_user("facility_manager", facility="DEMO02"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
    }


def form_idem(s):
    html = s.get(url("/incidents/new")).text
    return re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)


def report(s, **over):
    d = {"csrf": page_csrf(s, "/incidents/new"), "idem": form_idem(s), "kind": "virus",
         "occurred": "2026-11-20T10:30", "terminal": "外来3番PC",
         "what": "ウイルス対策ソフトが USB メモリからの感染を検知した。",
         "done": "LAN ケーブルを抜き、電源を切った。"}
    d.update(over)
    return s.post(url("/incidents/new"), data=d, allow_redirects=False)


def iid_from(r):
    return re.search(r"id=(\d+)", r.headers["Location"]).group(1)


def row(iid):
    return sql(f"SELECT status, version, outcome, forwarded_at IS NOT NULL FROM incident WHERE id = {iid}")[0]


def steps(iid):
    return sql(f"SELECT from_status, to_status, note FROM incident_step WHERE incident_id = {iid} ORDER BY id")


def step(s, iid, to, version=None, note=""):
    if version is None:
        version = row(iid)[1]
    return s.post(url("/incidents/step"), data={"csrf": page_csrf(s, "/incidents"), "id": iid,
                                                "version": version, "to": to, "note": note},
                  allow_redirects=False)


def notes(kind, iid):
    return sql(f"SELECT audience, facility_id FROM notification WHERE kind = '{kind}' "
               f"AND object_type = 'incident' AND object_id = {iid}")


def fac(code):
    return sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]


def test_A8_5_incident_reported_forwarded_closed(people):
    dr1, fm1, op = (logged_in(people[k]) for k in ("dr1", "fm1", "op"))
    # left incomplete: a message beside each field, and what was typed stays
    r = report(dr1, kind="", what="", done="", terminal="受付PC")
    assert r.status_code == 422
    for f in ("kind", "what", "done"):
        assert f'id="err-{f}"' in r.text
    assert "種別を選んでください" in r.text and 'value="受付PC"' in r.text
    r = report(dr1, occurred="2099-01-01T00:00")
    assert r.status_code == 422 and "未来の日時" in r.text
    r = report(dr1)
    assert r.status_code == 303, r.text[:500]
    iid = iid_from(r)
    assert row(iid) == ["reported", "1", "NULL", "0"]
    assert sql(f"SELECT kind, occurred_at, terminal, facility_id FROM incident WHERE id = {iid}") == \
        [["virus", "2026-11-20 10:30:00", "外来3番PC", fac("DEMO01")]]
    # it goes to the reporter's facility manager, not to the operator yet
    assert notes("incident.reported", iid) == [["facility_manager", fac("DEMO01")]]
    assert f"/incidents/view?id={iid}" in fm1.get(url("/notifications")).text
    assert op.get(url(f"/incidents/view?id={iid}")).status_code == 404
    assert f"view?id={iid}\"" not in op.get(url("/incidents")).text
    page = dr1.get(url(f"/incidents/view?id={iid}&m=reported")).text
    assert "施設利用管理責任者へ報告しました" in page and 'id="step-form"' not in page
    # the manager forwards it with a note
    r = fm1.get(url(f"/incidents/view?id={iid}"))
    assert 'id="go-forwarded"' in r.text and 'id="go-closed"' in r.text
    assert step(fm1, iid, "note", note="").status_code == 422
    assert step(fm1, iid, "note", note="情報システム課が端末を回収した。").status_code == 303
    assert step(fm1, iid, "forwarded", note="USB 経由。同型の端末を確認中。").status_code == 303
    assert row(iid)[0] == "forwarded" and row(iid)[3] == "1"
    assert notes("incident.forwarded", iid) == [["operator", "0"]]
    assert f"/incidents/view?id={iid}" in op.get(url("/notifications")).text
    # the manager cannot close a forwarded one; the operator must give the outcome
    assert step(fm1, iid, "closed", note="終わり").status_code == 409
    r = step(op, iid, "closed", note="")
    assert r.status_code == 422 and "対応の結果を入力してください" in r.text
    assert step(op, iid, "closed", note="駆除を確認。全施設へ USB 利用の注意を通知した。").status_code == 303
    assert row(iid)[:3] == ["closed", row(iid)[1], "駆除を確認。全施設へ USB 利用の注意を通知した。"]
    assert notes("incident.closed", iid) == [["facility_manager", fac("DEMO01")]]
    assert steps(iid) == [
        ["NULL", "reported", "NULL"],
        ["reported", "reported", "情報システム課が端末を回収した。"],
        ["reported", "forwarded", "USB 経由。同型の端末を確認中。"],
        ["forwarded", "closed", "駆除を確認。全施設へ USB 利用の注意を通知した。"]]
    # closed is final
    assert step(op, iid, "note", note="追記").status_code == 409
    page = dr1.get(url(f"/incidents/view?id={iid}")).text
    assert "完了" in page and "駆除を確認" in page
    assert sql(f"SELECT action, outcome FROM audit WHERE object_type = 'incident' AND object_id = '{iid}'"
               " AND action IN ('incident.report', 'incident.step') ORDER BY id") == \
        [["incident.report", "allowed"], ["incident.step", "allowed"], ["incident.step", "allowed"],
         ["incident.step", "denied"], ["incident.step", "allowed"], ["incident.step", "denied"]]


def test_A8_5_manager_closes_without_escalation_with_reason(people):
    dr1, fm1, op = (logged_in(people[k]) for k in ("dr1", "fm1", "op"))
    iid = iid_from(report(dr1, kind="malfunction", terminal="", what="印刷できない", done="再起動した"))
    assert sql(f"SELECT terminal FROM incident WHERE id = {iid}") == [["NULL"]]
    r = step(fm1, iid, "closed", note="")
    assert r.status_code == 422 and "完了にする理由" in r.text
    assert step(fm1, iid, "closed", note="プリンタの紙詰まりで、セキュリティ上の問題ではない。").status_code == 303
    assert row(iid)[0] == "closed" and row(iid)[3] == "0"
    assert notes("incident.forwarded", iid) == []
    # never forwarded: the operator does not see it
    assert op.get(url(f"/incidents/view?id={iid}")).status_code == 404


def test_A8_5_stale_version_is_409(people):
    dr1, fm1 = logged_in(people["dr1"]), logged_in(people["fm1"])
    iid = iid_from(report(dr1, kind="security"))
    assert step(fm1, iid, "note", version="1", note="一人目").status_code == 303
    r = step(fm1, iid, "forwarded", version="1", note="二人目")
    assert r.status_code == 409
    assert row(iid)[0] == "reported" and len(steps(iid)) == 2


def test_A8_5_double_submit_makes_one_report(people):
    dr1 = logged_in(people["dr1"])
    tok = form_idem(dr1)
    what = f"二重送信の確認 {tok[:8]}"
    a, b = report(dr1, idem=tok, what=what), report(dr1, idem=tok, what=what)
    assert a.status_code == b.status_code == 303 and iid_from(a) == iid_from(b)
    assert sql(f"SELECT COUNT(*) FROM incident WHERE what = '{what}'") == [["1"]]


def test_A8_5_who_sees_what(people):
    dr1, dr1b, dr2, fm1, fm2 = (logged_in(people[k]) for k in ("dr1", "dr1b", "dr2", "fm1", "fm2"))
    iid = iid_from(report(dr1, what="他の人には見えない報告"))
    link = f"/incidents/view?id={iid}\""
    assert link in dr1.get(url("/incidents")).text
    assert link in fm1.get(url("/incidents")).text
    # another user of the same facility, and the other facility, see nothing of it
    for s in (dr1b, dr2, fm2):
        assert link not in s.get(url("/incidents")).text
        r = s.get(url(f"/incidents/view?id={iid}"))
        assert r.status_code == 404 and "他の人には見えない報告" not in r.text
    # the other facility's manager cannot act on it; a user has no step at all
    assert step(fm2, iid, "forwarded").status_code == 404
    assert step(dr1, iid, "closed", note="自分で閉じる").status_code == 403
    assert row(iid)[0] == "reported"
    # the desk reports nothing here (default deny)
    desk = logged_in(people["desk"])
    assert desk.get(url("/incidents/new")).status_code == 403
    assert desk.get(url("/incidents")).status_code == 403
    # a manager may report too, to their own facility
    r = report(fm2, kind="security", what="不審なメールの添付を開いた")
    assert r.status_code == 303
    assert sql(f"SELECT facility_id FROM incident WHERE id = {iid_from(r)}") == [[fac("DEMO02")]]


def test_A8_5_nothing_is_deleted_or_rewritten(people):
    iid = iid_from(report(logged_in(people["dr1"])))
    for q in (f"DELETE FROM incident WHERE id = {iid}",
              f"DELETE FROM incident_step WHERE incident_id = {iid}",
              f"UPDATE incident_step SET note = 'x' WHERE incident_id = {iid}"):
        with pytest.raises(Exception):
            sql(q)
    assert row(iid)[0] == "reported" and len(steps(iid)) == 1
