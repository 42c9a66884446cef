"""test_ledger.py: the security ledger per facility: terminals, antivirus, software, media procedure (A6.4)."""
import datetime
import re

import pytest

from conftest import url, sql, clock_set, make_user, logged_in, page_csrf


@pytest.fixture(autouse=True)
def reset_clock():
    clock_set(0)
    yield
    clock_set(0)


def today(days=0):
    # Japan time, as the server counts the days.
    t = datetime.datetime.utcnow() + datetime.timedelta(hours=9, days=days)
    return t.date().isoformat()


def fid(code):
    return sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]


def token(html, form_id):
    form = html.split(f'id="{form_id}"')[1].split("</form>")[0]
    m = re.search(r'name="token" value="([0-9a-f]{32})"', form)
    return m.group(1)


def terminals(name):
    return sql(f"SELECT id, facility_id, av_product, av_paid, version FROM ledger_terminal "
               f"WHERE name = '{name}'")


def audits(action, obj):
    return sql(f"SELECT outcome FROM audit WHERE action = '{action}' AND object_id = '{obj}'")


def add_terminal(s, name, product="ESET Endpoint", paid="1", date=None, tok=None):
    html = s.get(url("/ledger")).text
    data = {"csrf": page_csrf(s, "/ledger"), "name": name, "av_product": product,
            "av_paid": paid, "av_def_date": date or today(),
            "token": tok or token(html, "terminal-add")}
    return s.post(url("/ledger/terminal/add"), data=data, allow_redirects=False)


def uniq(tag):
    return f"{tag}-{datetime.datetime.now().strftime('%H%M%S%f')}"


def test_A6_4_own_facility_crud_software_and_procedure():
    fm = make_user(role="facility_manager", facility="DEMO01")
    s = logged_in(fm)
    r = s.get(url("/"))
    assert 'href="/ledger"' in r.text
    name = uniq("受付PC")
    r = add_terminal(s, name)
    assert r.status_code == 303 and r.headers["location"] == "/ledger?m=added"
    rows = terminals(name)
    assert len(rows) == 1 and rows[0][1] == fid("DEMO01") and rows[0][3] == "1"
    tid = rows[0][0]
    assert audits("ledger.terminal.add", tid) == [["allowed"]]
    r = s.get(url("/ledger?m=added"))
    assert r.status_code == 200 and name in r.text and "端末を追加しました" in r.text
    # Edit with the current version.
    r = s.get(url(f"/ledger/terminal?id={tid}"))
    assert r.status_code == 200 and name in r.text
    ver = re.search(r'name="version" value="(\d+)"', r.text).group(1)
    r = s.post(url("/ledger/terminal/edit"), data={
        "csrf": page_csrf(s, "/ledger"), "id": tid, "version": ver, "name": name,
        "av_product": "ウイルスバスター Corp.", "av_paid": "1", "av_def_date": today(-1)},
        allow_redirects=False)
    assert r.status_code == 303
    assert terminals(name)[0][2] == "ウイルスバスター Corp." and terminals(name)[0][4] == "2"
    assert audits("ledger.terminal.edit", tid) == [["allowed"]]
    # A software entry.
    html = s.get(url(f"/ledger/terminal?id={tid}")).text
    r = s.post(url("/ledger/software/add"), data={
        "csrf": page_csrf(s, "/ledger"), "terminal_id": tid, "name": "電子カルテビューア",
        "sw_version": "3.2.1", "token": token(html, "software-add")}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT name, sw_version FROM ledger_software WHERE terminal_id = {tid}") == \
        [["電子カルテビューア", "3.2.1"]]
    r = s.get(url("/ledger"))
    assert "電子カルテビューア" in r.text and "3.2.1" in r.text
    # The media procedure: set, then change with its version.
    r = s.get(url("/ledger"))
    ver = re.search(r'id="procedure-form".*?name="version" value="(\d+)"', r.text, re.S).group(1)
    r = s.post(url("/ledger/procedure"), data={
        "csrf": page_csrf(s, "/ledger"), "version": ver,
        "body": "USB メモリは施設が貸与した暗号化媒体のみ使用する。\n持ち出しは台帳に記録する。",
        "established": today(-30)}, allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    r = s.get(url("/ledger"))
    assert "暗号化媒体" in r.text and today(-30) in r.text
    ver2 = re.search(r'id="procedure-form".*?name="version" value="(\d+)"', r.text, re.S).group(1)
    assert int(ver2) >= 1
    r = s.post(url("/ledger/procedure"), data={
        "csrf": page_csrf(s, "/ledger"), "version": ver2, "body": "改訂版の手順",
        "established": today()}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT body FROM ledger_media_procedure WHERE facility_id = {fid('DEMO01')}") \
        == [["改訂版の手順"]]


def test_A6_4_other_facility_is_403_and_nothing_changes():
    owner = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    name = uniq("診察室PC")
    assert add_terminal(owner, name).status_code == 303
    tid = terminals(name)[0][0]
    other = logged_in(make_user(role="facility_manager", facility="DEMO02"))
    # Their own ledger does not show it.
    r = other.get(url("/ledger"))
    assert r.status_code == 200 and name not in r.text
    r = other.get(url(f"/ledger/terminal?id={tid}"))
    assert r.status_code == 403 and name not in r.text
    tok = page_csrf(other, "/ledger")
    r = other.post(url("/ledger/terminal/edit"), data={
        "csrf": tok, "id": tid, "version": "1", "name": "乗っ取り", "av_product": "x",
        "av_paid": "1", "av_def_date": today()}, allow_redirects=False)
    assert r.status_code == 403
    r = other.post(url("/ledger/software/add"), data={
        "csrf": tok, "terminal_id": tid, "name": "不正ソフト", "sw_version": "1"},
        allow_redirects=False)
    assert r.status_code == 403
    assert terminals(name)[0][4] == "1"
    assert sql(f"SELECT COUNT(*) FROM ledger_software WHERE terminal_id = {tid}") == [["0"]]
    assert len(audits("ledger.denied", tid)) == 3
    # The all-facility pages are not theirs either.
    assert other.get(url("/admin/ledger")).status_code == 403
    assert other.get(url(f"/admin/ledger?facility={fid('DEMO01')}")).status_code == 403
    assert other.get(url("/admin/ledger/warnings")).status_code == 403


def test_A6_4_operator_sees_warnings_stale_free_and_missing_procedure():
    code = uniq("F")[:20].replace("-", "")
    from conftest import ctl
    ctl("facility", "add", "--code", code, "--name", f"警告試験施設 {code}", "--kind", "clinic",
        "--viewing")
    fm = logged_in(make_user(role="facility_manager", facility=code))
    stale, free, ok = uniq("古い定義PC"), uniq("無償AV-PC"), uniq("正常PC")
    assert add_terminal(fm, stale, date=today(-8)).status_code == 303
    assert add_terminal(fm, free, product="無料アンチウイルス", paid="0").status_code == 303
    assert add_terminal(fm, ok, date=today(-7)).status_code == 303
    r = fm.get(url("/ledger"))
    assert "古い定義ファイル" in r.text and "無償：使用できません" in r.text
    for role in ("operator", "president"):
        s = logged_in(make_user(role=role))
        assert 'href="/admin/ledger"' in s.get(url("/")).text
        r = s.get(url("/admin/ledger/warnings"))
        assert r.status_code == 200
        sec = {k: r.text.split(f'id="warn-{k}"')[1].split("</section>")[0]
               for k in ("stale", "free", "noproc")}
        assert stale in sec["stale"] and ok not in sec["stale"] and free not in sec["stale"]
        assert free in sec["free"] and ok not in sec["free"]
        assert code in sec["noproc"]
        r = s.get(url("/admin/ledger"))
        assert r.status_code == 200 and code in r.text
        r = s.get(url(f"/admin/ledger?facility={fid(code)}"))
        assert r.status_code == 200 and stale in r.text and "閲覧のみ" in r.text
        assert 'action="/ledger/terminal/add"' not in r.text
    # Once the procedure is set the facility leaves the list.
    fm.post(url("/ledger/procedure"), data={"csrf": page_csrf(fm, "/ledger"), "version": "0",
            "body": "外部媒体は使用しない。", "established": today()})
    s = logged_in(make_user(role="operator"))
    r = s.get(url("/admin/ledger/warnings"))
    assert code not in r.text.split('id="warn-noproc"')[1].split("</section>")[0]
    # Two days on (a fresh session: the old one would be idle-locked), 'ok' is stale too.
    clock_set(2 * 86400)
    s = logged_in(make_user(role="operator"))
    r = s.get(url("/admin/ledger/warnings"))
    assert ok in r.text.split('id="warn-stale"')[1].split("</section>")[0]


def test_A6_4_stale_version_gets_409_not_overwrite():
    s = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    name = uniq("共有PC")
    assert add_terminal(s, name).status_code == 303
    tid = terminals(name)[0][0]
    form = {"csrf": page_csrf(s, "/ledger"), "id": tid, "version": "1", "name": name,
            "av_paid": "1", "av_def_date": today()}
    r = s.post(url("/ledger/terminal/edit"), data={**form, "av_product": "先の更新"},
               allow_redirects=False)
    assert r.status_code == 303
    r = s.post(url("/ledger/terminal/edit"), data={**form, "av_product": "後の更新"},
               allow_redirects=False)
    assert r.status_code == 409 and "他の方が先に更新しました" in r.text
    assert terminals(name)[0][2] == "先の更新" and terminals(name)[0][4] == "2"
    # The procedure too: two editors from version 0.
    fm2 = logged_in(make_user(role="facility_manager", facility="DEMO02"))
    v = re.search(r'id="procedure-form".*?name="version" value="(\d+)"',
                  fm2.get(url("/ledger")).text, re.S).group(1)
    tok = page_csrf(fm2, "/ledger")
    r1 = fm2.post(url("/ledger/procedure"), data={"csrf": tok, "version": v, "body": "A 案",
                  "established": today()}, allow_redirects=False)
    r2 = fm2.post(url("/ledger/procedure"), data={"csrf": tok, "version": v, "body": "B 案",
                  "established": today()}, allow_redirects=False)
    assert r1.status_code == 303 and r2.status_code == 409
    assert sql(f"SELECT body FROM ledger_media_procedure WHERE facility_id = {fid('DEMO02')}") \
        == [["A 案"]]


def test_A6_4_double_submit_creates_one_record():
    s = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    name = uniq("二重送信PC")
    html = s.get(url("/ledger")).text
    tok = token(html, "terminal-add")
    r1 = add_terminal(s, name, tok=tok)
    r2 = add_terminal(s, name, tok=tok)
    assert r1.status_code == 303 and r2.status_code == 303
    assert len(terminals(name)) == 1
    tid = terminals(name)[0][0]
    assert len(audits("ledger.terminal.add", tid)) == 1
    html = s.get(url(f"/ledger/terminal?id={tid}")).text
    data = {"csrf": page_csrf(s, "/ledger"), "terminal_id": tid, "name": "Office",
            "sw_version": "2021", "token": token(html, "software-add")}
    for _ in range(2):
        assert s.post(url("/ledger/software/add"), data=data,
                      allow_redirects=False).status_code == 303
    assert sql(f"SELECT COUNT(*) FROM ledger_software WHERE terminal_id = {tid}") == [["1"]]


def test_A6_4_csrf_missing_is_403_and_nothing_written():
    s = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    name = uniq("CSRF-PC")
    html = s.get(url("/ledger")).text
    for extra in ({}, {"csrf": "0" * 64}):
        r = s.post(url("/ledger/terminal/add"), data={
            **extra, "name": name, "av_product": "x", "av_paid": "1", "av_def_date": today(),
            "token": token(html, "terminal-add")}, allow_redirects=False)
        assert r.status_code == 403
        r = s.post(url("/ledger/procedure"), data={
            **extra, "version": "0", "body": name, "established": today()},
            allow_redirects=False)
        assert r.status_code == 403
    assert terminals(name) == []
    assert sql(f"SELECT COUNT(*) FROM ledger_media_procedure WHERE body = '{name}'") == [["0"]]


def test_A6_4_bad_input_field_message_keeps_input_nothing_written():
    s = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    name = uniq("入力PC")
    before = sql("SELECT COUNT(*) FROM ledger_terminal")[0][0]
    r = add_terminal(s, name, product="カスペルスキー", date="2026-02-30")
    assert r.status_code == 422
    assert 'id="err-av_def_date"' in r.text and "実在する年月日" in r.text
    assert f'value="{name}"' in r.text and 'value="カスペルスキー"' in r.text
    assert 'value="2026-02-30"' in r.text
    r = add_terminal(s, "　 ", date="20260101")
    assert r.status_code == 422
    assert 'id="err-name"' in r.text and "名前を入力してください" in r.text
    assert 'id="err-av_def_date"' in r.text
    r = add_terminal(s, name, paid="")
    assert r.status_code == 422 and 'id="err-av_paid"' in r.text
    assert sql("SELECT COUNT(*) FROM ledger_terminal")[0][0] == before
    # The procedure: empty text, bad date.
    r = s.post(url("/ledger/procedure"), data={"csrf": page_csrf(s, "/ledger"), "version": "0",
               "body": "", "established": "昨日"}, allow_redirects=False)
    assert r.status_code == 422
    assert 'id="err-body"' in r.text and 'id="err-established"' in r.text
    assert 'value="昨日"' in r.text
    # The edit form keeps what was typed.
    assert add_terminal(s, name).status_code == 303
    tid = terminals(name)[0][0]
    r = s.post(url("/ledger/terminal/edit"), data={
        "csrf": page_csrf(s, "/ledger"), "id": tid, "version": "1", "name": "",
        "av_product": "新しい製品", "av_paid": "1", "av_def_date": "2026-13-01"},
        allow_redirects=False)
    assert r.status_code == 422 and 'value="新しい製品"' in r.text and 'id="err-name"' in r.text
    assert terminals(name)[0][2] == "ESET Endpoint" and terminals(name)[0][4] == "1"
    # An empty software name.
    r = s.post(url("/ledger/software/add"), data={
        "csrf": page_csrf(s, "/ledger"), "terminal_id": tid, "name": " ", "sw_version": "9"},
        allow_redirects=False)
    assert r.status_code == 422 and 'id="err-sw-name"' in r.text and 'value="9"' in r.text
    assert sql(f"SELECT COUNT(*) FROM ledger_software WHERE terminal_id = {tid}") == [["0"]]
