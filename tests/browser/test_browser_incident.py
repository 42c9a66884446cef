"""test_browser_incident.py: in Chromium, a user reports an incident to their facility
manager, the manager forwards it to the operator, the operator closes it (A8.5); the
manager's monitoring pages render cleanly (A6.2, A6.3)."""
import base64
import datetime

import pytest

from conftest import VAR, url, sql, click_and_wait, assert_clean


def shot(drv, name):
    """The whole page, not only the window, for a person to look at."""
    png = drv.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True,
                                                         "format": "png"})
    (VAR / name).write_bytes(base64.b64decode(png["data"]))


@pytest.fixture(scope="module")
def browsers(browser):
    return {login: browser(login) for login in ("dr.sato", "incho01", "unei")}


def test_A8_5_user_reports_manager_forwards_operator_closes(browsers):
    user, fm, op = browsers["dr.sato"], browsers["incho01"], browsers["unei"]
    what = f"ウイルス対策ソフトが警告を表示した-{datetime.datetime.now().strftime('%H%M%S%f')}"

    # The user reports from the home page; left incomplete, the message stands beside the field.
    user.get(url("/"))
    click_and_wait(user, user.find_element("id", "menu-incident-new"))
    assert user.find_element("id", "occurred").get_attribute("value")   # now, prefilled
    user.find_element("id", "kind-virus").click()
    user.find_element("id", "terminal").send_keys("外来3番PC")
    user.find_element("id", "what").send_keys(what)
    click_and_wait(user, user.find_element("id", "incident-submit"))
    assert "行ったこと" in user.find_element("id", "err-done").text
    assert user.find_element("id", "what").get_attribute("value") == what
    assert user.find_element("id", "kind-virus").is_selected()
    user.find_element("id", "done").send_keys("LAN ケーブルを抜いた。")
    click_and_wait(user, user.find_element("id", "incident-submit"))
    assert "施設利用管理責任者へ報告しました" in user.find_element("id", "flash").text
    assert user.find_element("id", "incident-status").text.startswith("報告済み")
    shot(user, "incident_reported.png")
    assert_clean(user)
    iid = user.current_url.split("id=")[1].split("&")[0]

    # The manager sees it in the notifications and forwards it with a note.
    fm.get(url("/notifications"))
    link = fm.find_element("css selector", f'a[href="/incidents/view?id={iid}"]')
    click_and_wait(fm, link)
    assert fm.find_element("id", "incident-what").text == what
    assert fm.find_element("id", "next-hint").is_displayed()
    shot(fm, "incident_manager.png")
    fm.find_element("id", "note").send_keys("同型端末を確認中。運営管理者の判断を仰ぎたい。")
    click_and_wait(fm, fm.find_element("id", "go-forwarded"))
    assert "転送しました" in fm.find_element("id", "flash").text
    assert fm.find_element("id", "incident-status").text == "運営管理者へ転送済み"
    assert fm.find_elements("id", "step-form") != []       # notes still possible
    assert fm.find_elements("id", "go-closed") == []        # but closing is the operator's
    assert_clean(fm)

    # The operator opens it from the notifications; closing needs the outcome.
    op.get(url("/notifications"))
    click_and_wait(op, op.find_element("css selector", f'a[href="/incidents/view?id={iid}"]'))
    click_and_wait(op, op.find_element("id", "go-closed"))
    assert "対応の結果を入力してください" in op.find_element("id", "err-note").text
    op.find_element("id", "note").send_keys("駆除を確認した。全施設に注意を通知した。")
    click_and_wait(op, op.find_element("id", "go-closed"))
    assert op.find_element("id", "incident-status").text == "完了"
    assert "駆除を確認した" in op.find_element("id", "incident-outcome").text
    assert len(op.find_elements("css selector", "#steps li")) == 3
    shot(op, "incident_closed.png")
    assert_clean(op)
    assert sql(f"SELECT to_status FROM incident_step WHERE incident_id = {iid} ORDER BY id") == \
        [["reported"], ["forwarded"], ["closed"]]

    # The reporter sees the outcome.
    user.get(url("/incidents"))
    assert "完了" in user.find_element("id", f"incident-{iid}").text
    assert_clean(user)


def test_A6_2_A6_3_manager_monitors_records_measure_and_reports(browsers):
    user, fm, op = browsers["dr.sato"], browsers["incho01"], browsers["unei"]
    # dr.sato looks a patient up: an access of DEMO01 to monitor.
    user.get(url("/patients?kana=%E3%82%A2&birth_date=1900-01-01&sex=F"))
    fm.get(url("/"))
    click_and_wait(fm, fm.find_element("id", "menu-monitor"))
    assert fm.find_element("id", "access-filter").is_displayed()
    rows = fm.find_elements("css selector", "#access tbody tr")
    assert rows, "DEMO01's users have accesses"
    shot(fm, "monitor_access.png")
    assert_clean(fm)
    # From a row: record a corrective measure about that access.
    click_and_wait(fm, rows[0].find_element("css selector", "a.measure-link"))
    assert fm.find_element("id", "subject").is_displayed()
    click_and_wait(fm, fm.find_element("id", "measure-submit"))
    assert "内容を入力してください" in fm.find_element("id", "err-body").text
    fm.find_element("id", "body").send_keys("閲覧目的を本人に確認し、指導した。")
    click_and_wait(fm, fm.find_element("id", "measure-submit"))
    assert "是正措置を記録しました" in fm.find_element("id", "flash").text
    shot(fm, "monitor_measures.png")
    assert_clean(fm)
    # Report it to the operator, who acknowledges it.
    fm.get(url("/facility/access"))
    click_and_wait(fm, fm.find_elements("css selector", "#access tbody tr a.report-link")[0])
    fm.find_element("id", "body").send_keys("担当外の患者の閲覧が続いたため報告します。")
    click_and_wait(fm, fm.find_element("id", "report-submit"))
    assert "報告しました" in fm.find_element("id", "flash").text
    rid = fm.current_url.split("id=")[1].split("&")[0]
    assert_clean(fm)
    op.get(url("/notifications"))
    click_and_wait(op, op.find_element("css selector", f'a[href="/facility/reports/view?id={rid}"]'))
    op.find_element("id", "note").send_keys("当該利用者に警告を行う。")
    click_and_wait(op, op.find_element("id", "ack-submit"))
    assert op.find_element("id", "report-status").text == "確認済み"
    shot(op, "monitor_report.png")
    assert_clean(op)
