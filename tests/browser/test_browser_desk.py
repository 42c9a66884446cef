"""test_browser_desk.py: in Chromium, the desk receives a complaint, prints the receipt and
takes it through investigating and answered to closed (A4.3)."""
import base64
import datetime

import pytest
from selenium.webdriver.support.ui import Select

from conftest import VAR, url, sql, click_and_wait, assert_clean


@pytest.fixture(scope="module")
def clerk(browser):
    return browser("madoguchi")


def displayed(drv, css):
    return drv.execute_script(
        "var e = document.querySelector(arguments[0]);"
        "return e ? getComputedStyle(e).display : null;", css)


def test_A4_3_desk_receives_prints_receipt_and_closes(clerk):
    d = clerk
    name = f"最上 春子-{datetime.datetime.now().strftime('%H%M%S%f')}"
    d.get(url("/"))
    assert d.find_element("id", "home-overdue").text.isdigit()
    click_and_wait(d, d.find_element("id", "home-desk-new"))
    # Left incomplete: the message stands beside the field, what was typed stays.
    Select(d.find_element("id", "from")).select_by_value("patient")
    d.find_element("id", "name").send_keys(name)
    d.find_element("id", "contents").send_keys("検査結果を他院の誰が見たのか知りたい。")
    click_and_wait(d, d.find_element("id", "complaint-submit"))
    assert "分類を選んでください" in d.find_element("id", "err-category").text
    assert d.find_element("id", "name").get_attribute("value") == name
    assert "他院の誰が" in d.find_element("id", "contents").get_attribute("value")
    Select(d.find_element("id", "category")).select_by_value("privacy")
    Select(d.find_element("id", "channel")).select_by_value("desk")
    Select(d.find_element("id", "contact_kind")).select_by_value("phone")
    d.find_element("id", "contact").send_keys("0233-00-1234")
    click_and_wait(d, d.find_element("id", "complaint-submit"))
    assert "受け付けました" in d.find_element("id", "flash").text
    no = d.find_element("id", "receipt-no").text
    assert no.startswith("C-") and d.find_element("id", "complaint-status").text == "受付"
    view = d.current_url.split("&")[0]

    # The receipt: printable, with the print button; the print view hides the site's chrome.
    click_and_wait(d, d.find_element("id", "receipt-link"))
    assert d.find_element("id", "receipt-no").text == no
    assert d.find_element("id", "receipt-category").text == "個人情報・診療情報の取り扱い"
    btn = d.find_element("id", "print-btn")
    assert btn.get_attribute("data-print") == "1" and btn.is_displayed()
    d.save_screenshot(str(VAR / "desk_receipt.png"))
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert displayed(d, ".top") == "none" and displayed(d, "#print-btn") is not None
    assert displayed(d, ".actions.noprint") == "none"
    assert displayed(d, "#receipt") == "block"
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert base64.b64decode(pdf["data"])[:4] == b"%PDF"
    assert_clean(d)

    # received -> investigating -> answered (the answer is required) -> closed
    d.get(view)
    d.find_element("id", "note").send_keys("閲覧した施設に照会する。")
    click_and_wait(d, d.find_element("id", "go-investigating"))
    assert d.find_element("id", "complaint-status").text == "調査中"
    click_and_wait(d, d.find_element("id", "go-answered"))
    assert "回答を入力してください" in d.find_element("id", "err-answer").text
    d.find_element("id", "answer").send_keys("閲覧したのは紹介先の主治医で、診療のためでした。")
    click_and_wait(d, d.find_element("id", "go-answered"))
    assert d.find_element("id", "complaint-status").text == "回答済み"
    assert "紹介先の主治医" in d.find_element("id", "complaint-answer").text
    d.save_screenshot(str(VAR / "desk_view.png"))
    click_and_wait(d, d.find_element("id", "go-closed"))
    assert d.find_element("id", "complaint-status").text == "完了"
    assert len(d.find_elements("css selector", "#steps li")) == 4
    assert d.find_elements("id", "step-form") == []
    assert_clean(d)

    d.get(url("/desk/complaints"))
    row = d.find_element("xpath", f"//tr[td/a[text()='{no}']]")
    assert "完了" in row.text
    d.save_screenshot(str(VAR / "desk_list.png"))
    assert_clean(d)
    cid = sql(f"SELECT id FROM complaint WHERE receipt_no = '{no}'")[0][0]
    assert sql(f"SELECT to_status FROM complaint_step WHERE complaint_id = {cid} ORDER BY id") \
        == [["received"], ["investigating"], ["answered"], ["closed"]]
