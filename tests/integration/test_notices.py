"""test_notices.py: notices of a change or stop of a function, announced in advance or
approved by the president as an emergency, acknowledged at the next login (A16).

Every notice here is addressed to a facility of this module's own, so that no other
suite's logins are sent to the acknowledgement page."""
import datetime
import os
import re

import pytest

from conftest import ctl, url, sql, clock_set, make_user, login, logged_in, page_csrf


@pytest.fixture(autouse=True)
def reset_clock():
    clock_set(0)
    yield
    clock_set(0)


def jst_day(days=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=9, days=days)
    return t.strftime("%Y-%m-%d")


def new_facility(tag):
    code = f"N{tag}{os.getpid() % 10000}{os.urandom(2).hex()}"
    ctl("facility", "add", "--code", code, "--name", f"お知らせ試験{tag} {code}", "--kind", "clinic")
    fid = sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]
    return code, fid


@pytest.fixture(scope="module")
def people():
    code, fid = new_facility("A")
    return {
        "code": code, "fid": fid,
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
        "pres": make_user("president", facility="DEMO01"),
        "u1": make_user("user", facility=code),
        "u2": make_user("user", facility=code),
        "other": make_user("user", facility="DEMO02"),
    }


def create(s, fid, **over):
    data = {"csrf": page_csrf(s, "/admin/notices/new"), "kind": "change",
            "title": f"紹介状機能の変更 {os.urandom(3).hex()}",
            "body": "紹介状の様式が変わります。\n旧様式は実施日以降使えません。",
            "effective_on": jst_day(14), "facility": fid}
    data.update(over)
    return s.post(url("/admin/notices/new"), data=data, allow_redirects=False)


def created_id(r):
    assert r.status_code == 303, r.text[:800]
    return re.search(r"id=(\d+)", r.headers["location"]).group(1)


def version(nid):
    return sql(f"SELECT version FROM notice WHERE id = {nid}")[0][0]


def step(s, what, nid, ver=None, **extra):
    data = {"csrf": page_csrf(s, f"/admin/notices/view?id={nid}"), "id": nid,
            "version": ver or version(nid)}
    data.update(extra)
    return s.post(url(f"/admin/notices/{what}"), data=data, allow_redirects=False)


def test_A16_notice_acknowledged_at_next_login(people):
    op = logged_in(people["op"])
    before = logged_in(people["u1"])          # a session from before the notice
    nid = created_id(create(op, people["fid"]))
    assert sql(f"SELECT status, emergency FROM notice WHERE id = {nid}") == [["draft", "0"]]
    # A draft asks nothing of anyone.
    s, r = login(people["u2"])
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    clock_set(60)        # published a minute after that session began
    r = step(op, "publish", nid)
    assert r.status_code == 303, r.text[:800]
    assert sql(f"SELECT status, emergency, published_at IS NOT NULL FROM notice WHERE id = {nid}") \
        == [["published", "0", "1"]]
    # The session opened before publication goes on: the notice waits for the next login.
    assert before.get(url("/"), allow_redirects=False).status_code == 200
    # At the next login, nothing but the notice (and logging out) until it is acknowledged.
    s = logged_in(people["u1"])
    for path in ("/", "/records", "/messages", "/password"):
        r = s.get(url(path), allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/notices/pending", path
    r = s.get(url("/notices/pending"))
    assert r.status_code == 200 and "確認しました" in r.text
    title = sql(f"SELECT title FROM notice WHERE id = {nid}")[0][0]
    y, m, d = (int(x) for x in jst_day(14).split("-"))
    assert title in r.text and f"{y}年{m}月{d}日" in r.text       # issue 19: the one date style
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text).group(1)
    # Another user's notice, or one that does not exist, is not recorded.
    r = s.post(url("/notices/ack"), data={"csrf": csrf, "id": [nid, "99999999"]},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/?m=noticeack")
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    uid1 = sql(f"SELECT id FROM users WHERE login = '{people['u1'].login}'")[0][0]
    assert sql(f"SELECT notice_id FROM notice_ack WHERE user_id = {uid1}") == [[nid]]
    assert sql(f"SELECT outcome FROM audit WHERE action = 'notice.ack' AND object_id = '{nid}'"
               f" AND user_id = {uid1}") == [["allowed"]]
    # Acknowledged once is enough: the next login goes straight home.
    s = logged_in(people["u1"])
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    # A user of another facility is not asked.
    s = logged_in(people["other"])
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    # The operator sees who has and who has not acknowledged, as a page and as CSV.
    r = op.get(url(f"/admin/notices/view?id={nid}"))
    assert r.status_code == 200
    assert re.search(r'id="acks-done">1<', r.text) and re.search(r'id="acks-missing">1<', r.text)
    assert people["u1"].login in r.text and people["u2"].login in r.text
    r = op.get(url("/admin/notices"))
    assert re.search(rf'id="notice-{nid}".*?1 / 2', r.text, re.S)
    r = op.get(url(f"/admin/notices/view?id={nid}&format=csv"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    line1 = [ln for ln in text.splitlines() if people["u1"].login in ln][0]
    line2 = [ln for ln in text.splitlines() if people["u2"].login in ln][0]
    assert "未確認" not in line1 and "未確認" in line2
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'notice.export' AND object_id = '{nid}'") \
        == [["1"]]
    # u2 acknowledges too: everything done, nothing missing.
    s = logged_in(people["u2"])
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', s.get(url("/notices/pending")).text).group(1)
    assert s.post(url("/notices/ack"), data={"csrf": csrf, "id": nid},
                  allow_redirects=False).status_code == 303
    r = op.get(url(f"/admin/notices/view?id={nid}"))
    assert re.search(r'id="acks-missing">0<', r.text)


def test_A16_issue9_session_remembers_that_no_notice_is_left(people):
    """Requests stop counting notices once a session has none left to acknowledge
    (docs/benchmarks.md: the count ran on every request); until then it is asked on every page."""
    u = make_user("user", facility=people["code"])
    op = logged_in(people["op"])
    nid = created_id(create(op, people["fid"]))
    assert step(op, "publish", nid).status_code == 303
    clock_set(120)       # the login comes after the publication
    s = logged_in(u)
    token = s.cookies.get("__Host-mogami")
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]

    def clear():
        return sql(f"SELECT notices_clear FROM session WHERE user_id = {uid} AND ended_at IS NULL")

    for _ in range(2):
        r = s.get(url("/"), allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/notices/pending"
    assert clear() == [["0"]]
    html = s.get(url("/notices/pending")).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
    ids = re.findall(r'name="id" value="(\d+)"', html)
    assert str(nid) in ids
    assert s.post(url("/notices/ack"), data={"csrf": csrf, "id": ids},
                  allow_redirects=False).status_code == 303
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    assert clear() == [["1"]]
    assert s.cookies.get("__Host-mogami") == token
    # A notice published during the session waits for the next login, as before.
    clock_set(240)
    nid2 = created_id(create(op, people["fid"]))
    assert step(op, "publish", nid2).status_code == 303
    assert s.get(url("/records"), allow_redirects=False).status_code == 200
    clock_set(360)
    s2 = logged_in(u)
    r = s2.get(url("/"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/notices/pending"
    html = s2.get(url("/notices/pending")).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
    assert s2.post(url("/notices/ack"), data={"csrf": csrf, "id": nid2},
                   allow_redirects=False).status_code == 303


def test_A16_logout_allowed_while_notice_pending(people):
    op = logged_in(people["op"])
    u = make_user("user", facility=people["code"])
    nid = created_id(create(op, people["fid"]))
    assert step(op, "publish", nid).status_code == 303
    s = logged_in(u)
    r = s.get(url("/notices/pending"))
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text).group(1)
    # CSRF still guards the acknowledgement.
    assert s.post(url("/notices/ack"), data={"csrf": "0" * 64, "id": nid},
                  allow_redirects=False).status_code == 403
    r = s.post(url("/logout"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 303 and "/login" in r.headers["location"]
    # Acknowledge both pending notices so this user is clean.
    s = logged_in(u)
    html = s.get(url("/notices/pending")).text
    ids = re.findall(r'name="id" value="(\d+)"', html)
    assert nid in ids
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
    s.post(url("/notices/ack"), data={"csrf": csrf, "id": ids}, allow_redirects=False)
    assert s.get(url("/"), allow_redirects=False).status_code == 200


def test_A16_emergency_change_needs_president_approval(people):
    op, pres = logged_in(people["op"]), logged_in(people["pres"])
    # Effective today: not after its publication, so an emergency change.
    nid = created_id(create(op, people["fid"], kind="stop", effective_on=jst_day(0)))
    r = op.get(url(f"/admin/notices/view?id={nid}"))
    assert 'id="needs-approval"' in r.text and "緊急の変更" in r.text
    r = step(op, "publish", nid)
    assert r.status_code == 409 and "会長の承認" in r.text
    assert sql(f"SELECT status FROM notice WHERE id = {nid}") == [["draft"]]
    assert sql(f"SELECT outcome FROM audit WHERE action = 'notice.publish' AND object_id = '{nid}'") \
        == [["denied"]]
    # Only the president approves.
    assert step(op, "approve", nid).status_code == 403
    r = pres.get(url(f"/admin/notices/view?id={nid}"))
    assert 'id="notice-approve"' in r.text
    r = step(pres, "approve", nid, note="システム障害のため")
    assert r.status_code == 303, r.text[:800]
    pid = sql(f"SELECT id FROM users WHERE login = '{people['pres'].login}'")[0][0]
    assert sql(f"SELECT approved_by, approved_at IS NOT NULL, approval_note FROM notice"
               f" WHERE id = {nid}") == [[pid, "1", "システム障害のため"]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'notice.approve' AND object_id = '{nid}'"
               f" AND user_id = {pid}") == [["1"]]
    # Approved twice: the version is stale.
    assert step(pres, "approve", nid, ver=1).status_code == 409
    r = step(op, "publish", nid)
    assert r.status_code == 303, r.text[:800]
    assert sql(f"SELECT status, emergency FROM notice WHERE id = {nid}") == [["published", "1"]]
    r = op.get(url(f"/admin/notices/view?id={nid}"))
    assert 'id="notice-approval"' in r.text and 'id="notice-emergency"' in r.text
    # A notice announced in advance needs no approval.
    adv = created_id(create(op, people["fid"]))
    assert step(pres, "approve", adv).status_code == 409
    # A draft published late becomes an emergency: the day is decided at publication.
    late = created_id(create(op, people["fid"], effective_on=jst_day(2)))
    clock_set(3 * 86400)
    assert step(logged_in(people["op"]), "publish", late).status_code == 409
    clock_set(0)
    op = logged_in(people["op"])
    assert step(op, "publish", adv).status_code == 303
    # Acknowledge what this test published, so later logins of these users are clean.
    for u in (people["u1"], people["u2"]):
        s = logged_in(u)
        html = s.get(url("/notices/pending")).text
        ids = re.findall(r'name="id" value="(\d+)"', html)
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
        s.post(url("/notices/ack"), data={"csrf": csrf, "id": ids}, allow_redirects=False)
        assert s.get(url("/"), allow_redirects=False).status_code == 200


def test_A16_form_errors_keep_input_and_stale_publish_is_409(people):
    op = logged_in(people["op"])
    n = sql("SELECT COUNT(*) FROM notice")[0][0]
    r = create(op, people["fid"], title="", kind="", body="本文は残る")
    assert r.status_code == 422
    assert 'id="err-title"' in r.text and 'id="err-kind"' in r.text and "本文は残る" in r.text
    r = create(op, "99999999")
    assert r.status_code == 422 and 'id="err-facility"' in r.text
    assert sql("SELECT COUNT(*) FROM notice")[0][0] == n
    nid = created_id(create(op, people["fid"]))
    assert step(op, "publish", nid, ver=int(version(nid)) + 5).status_code == 409
    assert sql(f"SELECT status FROM notice WHERE id = {nid}") == [["draft"]]


def test_A16_who_may_do_what(people):
    u = logged_in(people["other"])
    assert u.get(url("/admin/notices"), allow_redirects=False).status_code == 403
    assert u.get(url("/admin/notices/new"), allow_redirects=False).status_code == 403
    assert u.get(url("/notices")).status_code == 200
    pres = logged_in(people["pres"])
    assert pres.get(url("/admin/notices")).status_code == 200
    assert pres.get(url("/admin/notices/new"), allow_redirects=False).status_code == 403
    # Notices are never deleted.
    with pytest.raises(Exception):
        sql("DELETE FROM notice ORDER BY id LIMIT 1")


def test_A16_forced_password_change_comes_first_then_the_notice(people):
    op = logged_in(people["op"])
    nid = created_id(create(op, people["fid"]))
    assert step(op, "publish", nid).status_code == 303
    u = make_user("user", facility=people["code"], keep=False)
    s, r = login(u)
    assert r.status_code == 303 and r.headers["location"] == "/password"
    r = s.get(url("/notices/pending"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/password"
    r = s.get(url("/password"), allow_redirects=False)
    assert r.status_code == 200
    new = f"Np-{os.urandom(5).hex()}-q7Wz!"
    r = s.post(url("/password"), data={"csrf": page_csrf(s, "/password"), "current": u.password,
               "new1": new, "new2": new}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    r = s.get(url("/"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/notices/pending"
    html = s.get(url("/notices/pending")).text
    assert f'name="id" value="{nid}"' in html


def test_A16_notice_for_every_user_counts_every_active_user(people):
    """A notice without a facility is for every active user. Published here only in the far
    future (by SQL), so that no login of any suite is sent to it, then put back to a draft."""
    op = logged_in(people["op"])
    nid = created_id(create(op, ""))
    assert sql(f"SELECT facility_id FROM notice WHERE id = {nid}") == [["NULL"]]
    assert "すべての利用者" in op.get(url(f"/admin/notices/view?id={nid}")).text
    try:
        sql(f"UPDATE notice SET status = 'published', published_at = '2099-01-01'"
            f" WHERE id = {nid}")
        active = sql("SELECT COUNT(*) FROM users WHERE status = 'active'")[0][0]
        r = op.get(url("/admin/notices"))
        assert re.search(rf'id="notice-{nid}".*?0 / {active}<', r.text, re.S)
        r = op.get(url(f"/admin/notices/view?id={nid}"))
        assert re.search(rf'id="acks-total">{active}<', r.text)
        assert people["other"].login in r.text and people["u1"].login in r.text
        # Published after every session here began: nobody is sent to it yet.
        assert logged_in(people["other"]).get(url("/"), allow_redirects=False).status_code == 200
    finally:
        sql(f"UPDATE notice SET status = 'draft', published_at = NULL WHERE id = {nid}")
