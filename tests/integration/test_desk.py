"""test_desk.py: the complaints desk: receive, track to an answer, never lose (A4.3)."""
import concurrent.futures
import datetime
import re
import subprocess

import pytest

from conftest import ROOT, url, sql, clock_set, make_user, logged_in, page_csrf


@pytest.fixture(autouse=True)
def reset_clock():
    clock_set(0)
    yield
    clock_set(0)


@pytest.fixture(scope="module")
def desk():
    return logged_in(make_user(role="desk"))


def uniq(tag):
    return f"{tag}-{datetime.datetime.now().strftime('%H%M%S%f')}"


def idem(s):
    html = s.get(url("/desk/complaints/new")).text
    return re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)


def receive(s, name=None, **over):
    data = {"csrf": page_csrf(s, "/desk/complaints/new"), "idem": idem(s),
            "from": "patient", "name": name or uniq("山田 花子"), "contact_kind": "phone",
            "contact": "0233-00-0000", "channel": "desk", "category": "privacy",
            "contents": "自分の記録を誰が見たのか知りたい。"}
    data.update(over)
    return s.post(url("/desk/complaints/new"), data=data, allow_redirects=False)


def cid_from(r):
    m = re.search(r"id=(\d+)", r.headers["location"])
    return m.group(1)


def row(cid):
    return sql(f"SELECT receipt_no, status, version, answer, complainant_user_id "
               f"FROM complaint WHERE id = {cid}")[0]


def steps(cid):
    return sql(f"SELECT from_status, to_status, note, answer FROM complaint_step "
               f"WHERE complaint_id = {cid} ORDER BY id")


def step(s, cid, to, version=None, **over):
    if version is None:
        version = row(cid)[2]
    data = {"csrf": page_csrf(s, "/desk/complaints"), "id": cid, "version": version, "to": to}
    data.update(over)
    return s.post(url("/desk/complaints/step"), data=data, allow_redirects=False)


def audits(action, cid):
    return sql(f"SELECT outcome FROM audit WHERE action = '{action}' AND object_id = '{cid}'")


def test_A4_3_complaint_lifecycle_received_to_closed(desk):
    name = uniq("最上 一郎")
    r = receive(desk, name=name)
    assert r.status_code == 303, r.text[:500]
    cid = cid_from(r)
    no, status, version, answer, _ = row(cid)
    year = (datetime.datetime.utcnow() + datetime.timedelta(hours=9)).year
    assert re.fullmatch(rf"C-{year}-\d{{6}}", no) and status == "received" and version == "1"
    assert audits("complaint.receive", cid) == [["allowed"]]
    r = desk.get(url(f"/desk/complaints/view?id={cid}&m=received"))
    assert r.status_code == 200 and no in r.text and name in r.text
    assert "受付票を印刷して" in r.text and 'id="go-investigating"' in r.text
    # The receipt: number, date, category, what happens next, the desk's contact; printable.
    r = desk.get(url(f"/desk/complaints/receipt?id={cid}"))
    assert r.status_code == 200 and no in r.text
    assert "個人情報・診療情報の取り扱い" in r.text and "これからの流れ" in r.text
    assert "窓口の連絡先" in r.text and 'data-print="1"' in r.text
    assert audits("complaint.receipt", cid) == [["allowed"]]
    # received -> investigating -> answered (the answer is required) -> closed
    r = step(desk, cid, "investigating", note="関係施設に閲覧記録を照会した。")
    assert r.status_code == 303
    r = step(desk, cid, "answered")
    assert r.status_code == 422 and "回答を入力してください" in r.text
    assert row(cid)[1] == "investigating"
    r = step(desk, cid, "answered", answer="閲覧は担当医のみで、診療目的でした。", note="電話で説明")
    assert r.status_code == 303
    r = step(desk, cid, "note", note="申出人から了解の電話があった。")
    assert r.status_code == 303 and row(cid)[1] == "answered"
    r = step(desk, cid, "closed")
    assert r.status_code == 303
    no2, status, version, answer, _ = row(cid)
    assert (no2, status, answer) == (no, "closed", "閲覧は担当医のみで、診療目的でした。")
    assert steps(cid) == [
        ["NULL", "received", "NULL", "NULL"],
        ["received", "investigating", "関係施設に閲覧記録を照会した。", "NULL"],
        ["investigating", "answered", "電話で説明", "閲覧は担当医のみで、診療目的でした。"],
        ["answered", "answered", "申出人から了解の電話があった。", "NULL"],
        ["answered", "closed", "NULL", "NULL"]]
    assert len(audits("complaint.step", cid)) == 4
    r = desk.get(url(f"/desk/complaints/view?id={cid}"))
    assert r.status_code == 200 and "閲覧は担当医のみ" in r.text and 'id="step-form"' not in r.text
    # Closed is final: no note, no transition.
    assert step(desk, cid, "note", note="追記").status_code == 409
    assert len(steps(cid)) == 5


def test_A4_3_receipt_numbers_are_sequential(desk):
    a = row(cid_from(receive(desk)))[0]
    b = row(cid_from(receive(desk)))[0]
    assert a[:7] == b[:7] and int(b[7:]) == int(a[7:]) + 1


def test_A4_3_receipt_numbers_unique_under_concurrent_submits():
    users = [logged_in(make_user(role="desk")) for _ in range(4)]
    tokens = [(s, idem(s)) for s in users for _ in range(3)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as ex:
        got = list(ex.map(lambda st: receive(st[0], idem=st[1]), tokens))
    assert all(r.status_code == 303 for r in got), [r.status_code for r in got]
    nos = [row(cid_from(r))[0] for r in got]
    assert len(set(nos)) == len(nos) == 12
    seq = sorted(int(n[7:]) for n in nos)
    assert seq == list(range(seq[0], seq[0] + 12))


def test_A4_3_invalid_transitions_409_and_nothing_written(desk):
    cid = cid_from(receive(desk))
    r = step(desk, cid, "answered", answer="早すぎる回答")
    assert r.status_code == 409 and "受付 → 調査中 → 回答済み → 完了" in r.text
    r = step(desk, cid, "closed")
    assert r.status_code == 409 and "完了にできるのは「回答済み」" in r.text
    r = step(desk, cid, "reopened")
    assert r.status_code == 400
    assert row(cid)[1:3] == ["received", "1"] and len(steps(cid)) == 1
    assert audits("complaint.step", cid) == [["denied"], ["denied"]]


def test_A4_3_stale_version_409_no_overwrite(desk):
    cid = cid_from(receive(desk))
    other = logged_in(make_user(role="operator"))
    assert step(other, cid, "investigating", version="1").status_code == 303
    r = step(desk, cid, "investigating", version="1", note="古い画面から")
    assert r.status_code == 409 and "他の方がこの苦情・相談を更新しました" in r.text
    r = step(desk, cid, "note", version="1", note="古い画面から")
    assert r.status_code == 409
    assert row(cid)[2] == "2" and len(steps(cid)) == 2


def test_A4_3_overdue_flagged(desk):
    name = uniq("期限 太郎")
    cid = cid_from(receive(desk, name=name))
    r = desk.get(url("/desk/complaints?status=overdue"))
    assert name not in r.text
    clock_set(15 * 86400)       # past the 14 days the desk has
    s = logged_in(make_user(role="desk"))   # sessions end after 12 hours
    r = s.get(url("/desk/complaints"))
    assert re.search(rf'<tr class="overdue" id="complaint-{cid}">', r.text)
    assert 'id="overdue-alert"' in r.text
    n = int(re.search(r'id="count-overdue">(\d+)<', r.text).group(1))
    assert n >= 1
    r = s.get(url("/desk/complaints?status=overdue"))
    assert name in r.text
    r = s.get(url(f"/desk/complaints/view?id={cid}"))
    assert 'id="overdue-flag"' in r.text
    home = s.get(url("/")).text
    assert int(re.search(r'id="home-overdue">(\d+)<', home).group(1)) == n
    # Answered late, it is no longer overdue.
    assert step(s, cid, "investigating").status_code == 303
    assert step(s, cid, "answered", answer="回答しました").status_code == 303
    r = s.get(url("/desk/complaints?status=overdue"))
    assert name not in r.text


def test_A4_3_nothing_deleted():
    # No statement anywhere in the code removes a complaint or a step.
    for f in (ROOT / "cgi").rglob("*.c"):
        src = f.read_text()
        assert not re.search(r"(DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+complaint", src, re.I), f
    # Rows and every step survive a whole lifecycle.
    s = logged_in(make_user(role="desk"))
    cid = cid_from(receive(s))
    for to, extra in (("investigating", {}), ("answered", {"answer": "回答"}), ("closed", {})):
        assert step(s, cid, to, **extra).status_code == 303
    assert sql(f"SELECT COUNT(*) FROM complaint WHERE id = {cid}") == [["1"]]
    assert len(steps(cid)) == 4
    assert row(cid)[1] == "closed"
    # Even the database's root cannot delete them or rewrite a step.
    for q in (f"DELETE FROM complaint_step WHERE complaint_id = {cid}",
              f"DELETE FROM complaint WHERE id = {cid}",
              f"UPDATE complaint_step SET note = 'x' WHERE complaint_id = {cid}"):
        with pytest.raises(subprocess.CalledProcessError) as e:
            sql(q)
        assert "A4.3" in e.value.stderr
    assert sql(f"SELECT COUNT(*) FROM complaint WHERE id = {cid}") == [["1"]]
    assert len(steps(cid)) == 4 and steps(cid)[1][2] == "NULL"


def test_A4_3_user_files_own_and_sees_only_own(desk):
    u = make_user(role="user", facility="DEMO02")
    s = logged_in(u)
    home = s.get(url("/")).text
    assert 'href="/desk/complaints/new"' in home
    form = s.get(url("/desk/complaints/new")).text
    assert 'id="self-name"' in form and 'name="channel"' not in form
    # A user cannot pick another name or channel: the server takes them from the session.
    r = receive(s, name="他人の名前", channel="desk", **{"from": "patient"})
    assert r.status_code == 303, r.text[:400]
    mine = cid_from(r)
    got = sql(f"SELECT complainant_kind, complainant_name, channel, complainant_user_id, "
              f"complainant_facility_id FROM complaint WHERE id = {mine}")[0]
    uid = sql(f"SELECT id, facility_id FROM users WHERE login = '{u.login}'")[0]
    assert got == ["user", f"試験 {u.login}", "user", uid[0], uid[1]]
    others = cid_from(receive(desk, name=uniq("別の患者")))
    lst = s.get(url("/desk/complaints")).text
    assert f'id="complaint-{mine}"' in lst and f'id="complaint-{others}"' not in lst
    assert s.get(url(f"/desk/complaints/view?id={mine}")).status_code == 200
    assert s.get(url(f"/desk/complaints/receipt?id={mine}")).status_code == 200
    r = s.get(url(f"/desk/complaints/view?id={others}"))
    assert r.status_code == 403 and "別の患者" not in r.text
    assert s.get(url(f"/desk/complaints/receipt?id={others}")).status_code == 403
    assert audits("complaint.denied", others) == [["denied"], ["denied"]]
    # Users follow their complaint; only the desk moves it.
    r = s.post(url("/desk/complaints/step"), data={
        "csrf": page_csrf(s), "id": mine, "version": "1", "to": "investigating"},
        allow_redirects=False)
    assert r.status_code == 403 and row(mine)[1] == "received"
    # Another user does not see the first user's complaint.
    t = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    assert f'id="complaint-{mine}"' not in t.get(url("/desk/complaints")).text
    assert t.get(url(f"/desk/complaints/view?id={mine}")).status_code == 403


def test_A4_3_roles_desk_sees_only_what_it_needs(desk):
    # The desk has no business in applications, ledgers or certificates.
    for path in ("/applications", "/ledger", "/admin/ledger", "/admin/certs", "/meetings"):
        assert desk.get(url(path), allow_redirects=False).status_code == 403, path
    # The president reads the list and a complaint, but does not act on it.
    cid = cid_from(receive(desk))
    p = logged_in(make_user(role="president"))
    r = p.get(url("/desk/complaints"))
    assert r.status_code == 200 and f'id="complaint-{cid}"' in r.text
    r = p.get(url(f"/desk/complaints/view?id={cid}"))
    assert r.status_code == 200 and 'id="step-form"' not in r.text
    assert p.get(url("/desk/complaints/new"), allow_redirects=False).status_code == 403
    r = p.post(url("/desk/complaints/step"), data={
        "csrf": page_csrf(p), "id": cid, "version": "1", "to": "investigating"},
        allow_redirects=False)
    assert r.status_code == 403 and row(cid)[1] == "received"
    # Operator and staff run the desk too.
    for role in ("operator", "staff"):
        s = logged_in(make_user(role=role))
        assert s.get(url("/desk/complaints/new")).status_code == 200
    # View pages without an id: a clear 400, not 403; unknown id: 404.
    r = desk.get(url("/desk/complaints/view"))
    assert r.status_code == 400 and "一覧から選んでください" in r.text
    assert desk.get(url("/desk/complaints/receipt")).status_code == 400
    assert desk.get(url("/desk/complaints/view?id=999999999")).status_code == 404


def test_A4_3_bad_input_field_errors_keep_input_nothing_written(desk):
    before = sql("SELECT COUNT(*) FROM complaint")[0][0]
    r = receive(desk, name="　", category="", contents="", contact_kind="phone", contact="",
                **{"from": "patient"})
    assert r.status_code == 422
    assert 'id="err-name"' in r.text and 'id="err-category"' in r.text
    assert 'id="err-contents"' in r.text and 'id="err-contact"' in r.text
    assert "0233-00-0000" not in r.text     # contact was sent empty
    r = receive(desk, contents="保持されるべき本文", category="nosuch")
    assert r.status_code == 422 and "保持されるべき本文" in r.text and 'id="err-category"' in r.text
    # Malformed: 400, before any SQL runs.
    assert receive(desk, facility="abc").status_code == 400
    assert receive(desk, idem="zz").status_code == 400
    assert receive(desk, contents="x" * 4001).status_code == 400
    assert desk.get(url("/desk/complaints?status=deleted")).status_code == 400
    assert desk.get(url("/desk/complaints?format=xls")).status_code == 400
    cid = cid_from(receive(desk))
    assert step(desk, cid, "investigating", version="abc").status_code == 400
    assert step(desk, cid, "investigating", assignee="999999999").status_code == 422
    assert sql("SELECT COUNT(*) FROM complaint")[0][0] == str(int(before) + 1)
    assert row(cid)[1:3] == ["received", "1"]


def test_A4_3_double_submit_creates_one(desk):
    tok = idem(desk)
    name = uniq("二重 送信")
    r1 = receive(desk, name=name, idem=tok)
    r2 = receive(desk, name=name, idem=tok)
    assert r1.status_code == r2.status_code == 303
    assert r1.headers["location"].split("&")[0] == r2.headers["location"].split("&")[0]
    assert sql(f"SELECT COUNT(*) FROM complaint WHERE complainant_name = '{name}'") == [["1"]]


def test_A4_3_csv_export_no_store_and_defused(desk):
    name = "=HYPERLINK(\"x\")"
    receive(desk, name=name)
    r = desk.get(url("/desk/complaints?format=csv"))
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "no-store" in r.headers["cache-control"]
    assert r.headers["content-disposition"].startswith("attachment")
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"受付番号"')
    assert "\"'=HYPERLINK(\"\"x\"\")\"" in text
    assert len(sql("SELECT id FROM audit WHERE action = 'complaint.export'")) >= 1


def test_A4_3_user_complainant_with_facility_and_assignee(desk):
    fid = sql("SELECT id FROM facility WHERE code = 'DEMO02'")[0][0]
    aid = sql("SELECT u.id FROM users u JOIN user_role r ON r.user_id = u.id "
              "WHERE r.role = 'desk' AND u.status = 'active' LIMIT 1")[0][0]
    r = receive(desk, **{"from": "user", "facility": fid, "channel": "phone",
                         "category": "conduct", "assignee": aid})
    assert r.status_code == 303
    cid = cid_from(r)
    assert sql(f"SELECT complainant_facility_id, assignee_id FROM complaint WHERE id = {cid}") \
        == [[fid, aid]]
    # A user may not be made the assignee.
    uid = sql("SELECT id FROM users WHERE login = 'dr.sato'")[0][0]
    r = receive(desk, assignee=uid)
    assert r.status_code == 422 and 'id="err-assignee"' in r.text


def test_A4_3_user_sees_answer_not_internal_notes(desk):
    u = logged_in(make_user(role="user"))
    cid = cid_from(receive(u))
    assert step(desk, cid, "investigating", note="内部メモ：施設Aに照会中").status_code == 303
    assert step(desk, cid, "answered", answer="ご指摘の閲覧は診療目的でした。").status_code == 303
    r = u.get(url(f"/desk/complaints/view?id={cid}"))
    assert r.status_code == 200 and "ご指摘の閲覧は診療目的でした。" in r.text
    assert "内部メモ" not in r.text and 'id="step-form"' not in r.text
    assert "内部メモ" in desk.get(url(f"/desk/complaints/view?id={cid}")).text


def test_A4_3_markup_in_fields_is_shown_as_text(desk):
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    cid = cid_from(receive(desk, name=evil, contents=evil, contact=evil))
    for path in (f"/desk/complaints/view?id={cid}", f"/desk/complaints/receipt?id={cid}",
                 "/desk/complaints"):
        html = desk.get(url(path)).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path
