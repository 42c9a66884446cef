"""test_rulebook.py: the rules kept as versioned text (A11.1, A8.2, A19): the operator loads a
version (pasted or a UTF-8 file) with its effective day; every user reads the version in force
from every page's footer; at first login and after every amendment that takes effect a user
acknowledges it with the laws of A11.1, A11.2 and A11.3, and sees no patient data until then;
the acknowledgement is kept and audited; the operator sees who has not acknowledged."""
import datetime
import re

from conftest import (url, session, sql, make_user, login, logged_in, page_csrf, csrf_from,
                      clock_set, ack_everyone)
from test_council import submit, app_id
from test_patients import register_patient


def jst_day(days=0):
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=9, days=days)).date()


def next_day(min_days):
    """A day a new version may take effect: min_days ahead, and after the newest version's."""
    newest = sql("SELECT MAX(effective_on) FROM rules_version")[0][0]
    day = jst_day(min_days)
    if newest != "NULL" and datetime.date.fromisoformat(newest) >= day:
        day = datetime.date.fromisoformat(newest) + datetime.timedelta(days=1)
    return day


def in_force(days=0):
    """The version in force, days ahead (the test clock moved that far)."""
    return sql("SELECT id, seq FROM rules_version WHERE effective_on <= "
               f"'{jst_day(days)}' ORDER BY effective_on DESC, seq DESC LIMIT 1")[0]


def load(op, files=None, **fields):
    page = op.get(url("/admin/rules")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page).group(1)
    data = {"csrf": csrf_from(page), "idem": idem, "title": "試験の運用規程",
            "effective_on": "", "body": "", "handling": "", **fields}
    return op.post(url("/admin/rules/load"), data=data,
                   files=files or {"x": ("", b"")}, allow_redirects=False)


def days_from(day):
    return (day - jst_day()).days


def test_A11_1_A8_2_operator_loads_a_version_checked_and_dated():
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    # Nothing typed: each field says what it needs, nothing is stored.
    before = sql("SELECT COUNT(*) FROM rules_version")
    r = load(op, title="")
    assert r.status_code == 422
    for field in ("title", "effective_on", "body"):
        assert f'id="err-{field}"' in r.text, field
    # A file that is not UTF-8 (Shift_JIS) is refused beside its field.
    day = next_day(40)
    r = load(op, effective_on=str(day),
             files={"body_file": ("rules.txt", "運用規程".encode("shift_jis"), "text/plain")})
    assert r.status_code == 422 and "UTF-8" in re.search(r'id="err-body">([^<]*)<',
                                                           r.text).group(1)
    # Not before the newest version's day: versions take effect in order.
    r = load(op, effective_on="2020-01-01", body="第１条　古い日付")
    assert r.status_code == 422 and 'id="err-effective_on"' in r.text
    assert 'value="2020-01-01"' in r.text and "第１条　古い日付" in r.text
    assert sql("SELECT COUNT(*) FROM rules_version") == before
    # A UTF-8 file: stored as the next version, in force from its day, the handling kept.
    text = "試験の運用規程\n第１条　この規程は試験のためのものである。\n"
    r = load(op, effective_on=str(day),
             files={"body_file": ("rules.txt", text.encode(), "text/plain")})
    assert r.status_code == 303, r.text[:500]
    vid = re.search(r"v=(\d+)", r.headers["location"]).group(1)
    row = sql(f"SELECT v.body, v.handling = p.handling, v.source, v.effective_on "
              f"FROM rules_version v JOIN rules_version p ON p.seq = v.seq - 1 "
              f"WHERE v.id = {vid}")
    assert row == [[text.replace("\n", "\\n"), "1", "loaded", str(day)]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'rules.load' "
               f"AND object_id = '{vid}'") == [["1"]]
    # Not yet in force: /rules still shows the version in force; the new one says so.
    assert in_force()[0] != vid
    page = op.get(url(f"/rules?v={vid}")).text
    assert "施行予定" in page and "この規程は試験のためのもの" in page
    # The database keeps every version as it was loaded.
    try:
        sql(f"UPDATE rules_version SET body = 'x' WHERE id = {vid}")
        changed = True
    except Exception:
        changed = False
    assert not changed
    ack_everyone()


def test_A8_2_A11_1_every_page_links_the_rules_in_force_and_the_handling_document():
    s = session(make_user().cert)
    page = s.get(url("/login")).text          # before login, too
    assert 'id="foot-rules" href="/rules"' in page or 'href="/rules" id="foot-rules"' in page
    assert 'id="foot-handling"' in page
    r = s.get(url("/rules"))
    assert r.status_code == 200
    seq = in_force()[1]
    assert f"第{seq}版" in r.text and 'id="rules-in-force"' in r.text
    assert 'id="rules-handling"' in r.text and 'id="rules-body"' in r.text
    assert s.get(url("/rules?v=999999")).status_code == 404


def test_A11_1_A11_2_A11_3_first_login_acknowledges_before_any_patient_data():
    u = make_user(ack=False)
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    vid, seq = in_force()
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    assert u.login in op.get(url(f"/admin/rules?v={vid}")).text.split('id="not-acked"')[1]
    s, r = login(u)
    assert r.status_code == 303
    # The page a login lands on leads to the rules; so does every patient page.
    assert s.get(url("/"), allow_redirects=False).headers["location"] == "/rules/acknowledge"
    for path in ("/records?q=カンジャ", "/patients?kana=ヤマダ", "/records/patient?p=x"):
        r = s.get(url(path), allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/rules/acknowledge", path
    r = s.post(url("/patients/new"), data={"csrf": page_csrf(s, "/rules/acknowledge"),
               "name": "規程 未確認", "kana": "キテイ ミカクニン", "sex": "F",
               "birth_date": "1950-01-01"}, allow_redirects=False)
    assert r.status_code == 403 and "運用規程を確認" in r.text
    assert sql(f"SELECT COUNT(*) FROM patient WHERE name = '規程 未確認'") == [["0"]]
    assert int(sql(f"SELECT COUNT(*) FROM audit WHERE action = 'rules.gate' "
                   f"AND user_id = {uid} AND outcome = 'denied'")[0][0]) >= 4
    # Pages without patient data stay open (messages, the rules themselves).
    assert s.get(url("/messages"), allow_redirects=False).status_code == 200
    page = s.get(url("/rules/acknowledge")).text
    for text in ("著作権法", "個人情報の保護に関する法律", "山形県個人情報保護条例",
                 "関係法令", "閲覧した利用者及びその施設", "自施設が保有する個人情報と同様",
                 f"第{seq}版", 'id="rules-body"', 'id="rules-handling"'):
        assert text in page, text
    tok = csrf_from(page)
    r = s.post(url("/rules/acknowledge"), data={"csrf": tok, "version": vid})
    assert r.status_code == 422 and 'id="err-confirm"' in r.text
    r = s.post(url("/rules/acknowledge"), data={"csrf": tok, "version": int(vid) + 1000,
                                                "confirm": "1"})
    assert r.status_code == 409
    assert sql(f"SELECT COUNT(*) FROM rules_ack WHERE user_id = {uid}") == [["0"]]
    r = s.post(url("/rules/acknowledge"), data={"csrf": tok, "version": vid, "confirm": "1"},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?m=rules"
    assert sql(f"SELECT version_id, cert_serial FROM rules_ack WHERE user_id = {uid}") == \
        [[vid, u.serial]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'rules.acknowledge' "
               f"AND user_id = {uid} AND object_id = '{vid}'") == [["1"]]
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    assert s.get(url("/records?q=カンジャ"), allow_redirects=False).status_code == 200
    assert "確認済み" in s.get(url("/rules/acknowledge")).text
    assert u.login not in op.get(url(f"/admin/rules?v={vid}")).text


def test_A11_1_A19_a_version_that_takes_effect_is_acknowledged_again():
    op_user = make_user(role="operator", profession="contract_employee")
    op = logged_in(op_user)
    u = make_user()
    s = logged_in(u)
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    handle, _, _ = register_patient(s)
    day = next_day(45)
    r = load(op, effective_on=str(day), body="改正後の規程\n第１条　改正した。\n",
             handling="改正後の取扱い\n")
    assert r.status_code == 303
    vid = re.search(r"v=(\d+)", r.headers["location"]).group(1)
    # make_user acknowledged every version there was; the new one came after.
    assert sql(f"SELECT COUNT(*) FROM rules_ack WHERE user_id = {uid} "
               f"AND version_id = {vid}") == [["0"]]
    try:
        assert s.get(url("/"), allow_redirects=False).status_code == 200   # not yet in force
        clock_set(days_from(day) * 86400 + 60)
        s = logged_in(u)          # a session of the amended day (the old one is past 12 h)
        assert in_force(days_from(day))[0] == vid
        r = s.get(url(f"/patients/view?p={handle}"), allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/rules/acknowledge"
        page = s.get(url("/rules/acknowledge")).text
        assert "改正した" in page and "改正後の取扱い" in page
        op = logged_in(op_user)
        assert u.login in op.get(url("/admin/rules")).text
        r = s.post(url("/rules/acknowledge"), data={"csrf": csrf_from(page), "version": vid,
                   "confirm": "1"}, allow_redirects=False)
        assert r.status_code == 303
        assert s.get(url("/"), allow_redirects=False).status_code == 200
    finally:
        clock_set(0)
        ack_everyone()


def test_A11_1_pledge_on_forms_names_the_version_in_force():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login=f"pl{fm.login[:6]}".replace(".", ""),
                  user_name="誓約 確認", profession="nurse")
    app = app_id(r)
    vid, seq = in_force()
    assert sql(f"SELECT pledge, pledge_version_id FROM application WHERE id = {app}") == \
        [["1", vid]]
    assert f"運用規程 第{seq}版に対して" in s.get(url(f"/applications/view?id={app}")).text
