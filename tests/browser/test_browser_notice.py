"""test_browser_notice.py: in Chromium, a user who logs in after a notice was published sees
the notice before anything else and acknowledges it with 「確認しました」 (A16); the operator
sees who has acknowledged. The notice is for a facility of this test's own."""
import datetime
import os
import re
import shutil

import pytest

from conftest import VAR, url, sql, ctl, make_user, logged_in, page_csrf, BASE, ja_day
from conftest import click_and_wait, assert_clean


def as_demo(user):
    """Puts a test user's certificate where chromium() and form_login() look for demo ones."""
    d = VAR / "demo"
    shutil.copy(user.p12, d / f"{user.login}.p12")
    (d / f"{user.login}.p12.pass").write_text(user.p12_password + "\n")
    (d / f"{user.login}.password").write_text(user.password + "\n")


@pytest.fixture(scope="module")
def setup():
    code = f"NB{os.getpid() % 10000}{os.urandom(2).hex()}"
    ctl("facility", "add", "--code", code, "--name", f"ブラウザ試験診療所 {code}", "--kind", "clinic")
    fid = sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]
    user = make_user("user", facility=code)
    as_demo(user)
    op = logged_in(make_user("operator", facility="DEMO01", profession="contract_employee"))
    day = (datetime.datetime.now(datetime.timezone.utc) +
           datetime.timedelta(hours=9, days=10)).strftime("%Y-%m-%d")
    r = op.post(url("/admin/notices/new"), data={
        "csrf": page_csrf(op, "/admin/notices/new"), "kind": "stop",
        "title": "旧画像ビューアの停止", "effective_on": day, "facility": fid,
        "body": "旧画像ビューアを停止します。\n新しいビューアは画面右上の「画像」から開けます。"},
        allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    nid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    ver = sql(f"SELECT version FROM notice WHERE id = {nid}")[0][0]
    r = op.post(url("/admin/notices/publish"), data={
        "csrf": page_csrf(op, f"/admin/notices/view?id={nid}"), "id": nid, "version": ver},
        allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    return {"user": user, "op": op, "nid": nid, "day": day}


def test_A16_browser_notice_acknowledged_at_login(setup, browser):
    u = setup["user"]
    drv = browser(u.login)
    # Straight from the login to the notice: no other page first.
    assert drv.current_url == url("/notices/pending")
    assert "確認していただくお知らせ" in drv.title
    card = drv.find_element("id", f"pending-{setup['nid']}")
    assert "旧画像ビューアの停止" in card.text and ja_day(setup["day"]) in card.text
    assert "機能の停止" in card.text
    drv.save_screenshot(str(VAR / "notice_pending.png"))
    assert_clean(drv)
    # Another page is not reachable until the notice is acknowledged.
    drv.get(url("/messages"))
    assert drv.current_url == url("/notices/pending")
    btn = drv.find_element("id", "notice-ack")
    assert btn.text == "確認しました"
    click_and_wait(drv, btn)
    assert drv.current_url.startswith(BASE + "/?m=noticeack")
    assert "お知らせを確認しました" in drv.find_element("id", "flash").text
    drv.get(url("/messages"))
    assert drv.current_url == url("/messages")
    drv.get(url("/notices"))
    assert "旧画像ビューアの停止" in drv.page_source
    drv.save_screenshot(str(VAR / "notice_mine.png"))
    assert_clean(drv)
    browser.close(drv)
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    assert sql(f"SELECT COUNT(*) FROM notice_ack WHERE notice_id = {setup['nid']}"
               f" AND user_id = {uid}") == [["1"]]


def test_A16_browser_operator_sees_acknowledgements(setup, browser):
    drv = browser("unei")
    drv.get(url("/admin/notices"))
    assert "お知らせの管理" in drv.title
    drv.save_screenshot(str(VAR / "notice_admin.png"))
    link = drv.find_element("link text", "旧画像ビューアの停止")
    click_and_wait(drv, link)
    assert drv.find_element("id", "acks-done").text == "1"
    assert drv.find_element("id", "acks-missing").text == "0"
    drv.save_screenshot(str(VAR / "notice_view.png"))
    assert_clean(drv)
    browser.close(drv)


def test_A17_A18_browser_pages_render_clean(setup, browser):
    """The operator's message, agreement and facility pages in Chromium: no console or
    CSP errors; screenshots for a look."""
    op = setup["op"]
    r = op.post(url("/federation/new"), data={"csrf": page_csrf(op, "/federation"),
                "partner": "置賜地域医療ネット（試験）", "signed_on": "2026-10-01"},
                allow_redirects=False)
    aid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    ver = sql(f"SELECT version FROM agreement WHERE id = {aid}")[0][0]
    op.post(url("/federation/point/add"), data={"csrf": page_csrf(op, "/federation"), "id": aid,
            "version": ver, "topic": "同意の取得", "ours": "様式第4号による書面同意",
            "theirs": "包括同意を認める。相互参照は書面同意の患者に限る。"}, allow_redirects=False)
    drv = browser("unei")
    for path, shot in (("/federation", "federation_list"),
                       (f"/federation/view?id={aid}", "federation_view"),
                       ("/facilities", "federation_facilities"),
                       ("/messages/new", "message_new"),
                       ("/messages", "message_list"),
                       ("/admin/messages", "message_reports")):
        drv.get(url(path))
        assert drv.current_url == url(path), path
        drv.save_screenshot(str(VAR / f"{shot}.png"))
        assert_clean(drv)
    browser.close(drv)
