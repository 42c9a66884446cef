"""test_browser_office.py: a network office's weekday in Chromium, no step on mogamictl
(issue 20; A9, A10.2, A10.3, A4.2): the operator adds a facility and enters its form 1, the
president approves it, the operator issues the new manager's certificate and initial
password, the manager logs in and applies (form 2) for a doctor, the president approves,
the operator issues the doctor's, and the doctor logs in."""
import os
import re
import time

import pytest
from selenium.webdriver.support.ui import Select

from conftest import VAR, url, sql
from conftest import click_and_wait, assert_clean


@pytest.fixture(scope="module")
def operator(browser):
    return browser("unei")


@pytest.fixture(scope="module")
def president(browser):
    return browser("kaicho")


def downloads_to(drv, where):
    """Chromium saves what a link downloads into where (headless: asked through CDP)."""
    where.mkdir(parents=True, exist_ok=True)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior",
                        {"behavior": "allow", "downloadPath": str(where)})


def wait_file(path, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        if path.exists() and path.stat().st_size > 0:
            return True
        time.sleep(0.2)
    return False


def issue(op, login, tmp_path):
    """The operator issues login's certificate from the waiting list and an initial
    password; both land in var/demo as the demo accounts' do (chromium() reads them)."""
    op.get(url("/admin/certs"))
    row = op.find_element("id", f"waiting-{login}")
    click_and_wait(op, row.find_element("css selector", "button[type=submit]"))
    assert "日本時間" in op.page_source
    p12pw = op.find_element("id", "issued-password").text.strip()
    serial = op.find_element("id", "issued-serial").text.strip()
    d = tmp_path / f"dl-{login}"
    downloads_to(op, d)
    op.find_element("id", "issued-download").click()
    assert wait_file(d / f"{serial}.p12"), "the certificate file was not downloaded"
    demo = VAR / "demo"
    (demo / f"{login}.p12").write_bytes((d / f"{serial}.p12").read_bytes())
    (demo / f"{login}.p12.pass").write_text(p12pw)
    op.get(url("/admin/certs"))
    op.find_element("id", "issue-login").send_keys(login)
    click_and_wait(op, op.find_element("id", "initpw-submit"))
    initial = op.find_element("id", "initial-password").text.strip()
    (demo / f"{login}.password").write_text(initial)
    assert_clean(op)
    return initial


def first_login(browser, login, initial, new_password):
    """Chromium with login's new certificate (browser: the fixture): the login page, the
    forced password change, the rules acknowledged."""
    b = browser(login)
    assert "/password" in b.current_url
    b.find_element("id", "current").send_keys(initial)
    b.find_element("id", "new1").send_keys(new_password)
    b.find_element("id", "new2").send_keys(new_password)
    click_and_wait(b, b.find_element("id", "password-submit"))
    # A11.1: at first login the rules in force are read and acknowledged first.
    assert "/rules/acknowledge" in b.current_url
    b.find_element("id", "rules-confirm").click()
    click_and_wait(b, b.find_element("id", "rules-ack"))
    return b


def approve_alone(p, app_url, reason):
    p.get(app_url)
    p.find_element("css selector", "#sole-form input[value=approved]").click()
    p.find_element("id", "sole_reason").send_keys(reason)
    click_and_wait(p, p.find_element("id", "sole-submit"))
    assert "会長専決" in p.find_element("id", "app-status").text
    assert_clean(p)


def test_A9_A10_2_A4_2_office_day_facility_to_doctor_without_mogamictl(operator, president, browser,
                                                                        tmp_path):
    tag = os.urandom(3).hex()
    code, manager, doctor = f"B{tag.upper()}", f"incho.{tag}", f"dr.{tag}"
    op, p = operator, president

    # 1. The operator adds the facility (a field error first: what was typed stays).
    op.get(url("/facilities"))
    click_and_wait(op, op.find_element("id", "facility-new"))
    op.find_element("id", "code").send_keys(code)
    op.find_element("id", "name").send_keys(f"ブラウザ診療所 {tag}")
    op.find_element("id", "medical_code").send_keys("12345")
    click_and_wait(op, op.find_element("id", "facility-save"))
    assert op.find_element("id", "err-medical_code").is_displayed()
    assert op.find_element("id", "err-kind").is_displayed()
    assert op.find_element("id", "code").get_attribute("value") == code
    op.find_element("id", "medical_code").clear()
    op.find_element("id", "medical_code").send_keys("0612345678")
    Select(op.find_element("id", "kind")).select_by_value("clinic")
    op.find_element("id", "address").send_keys("山形県最上郡舟形町")
    op.find_element("id", "phone").send_keys("0233-32-0000")
    op.find_element("id", "contact").send_keys("事務 花子")
    click_and_wait(op, op.find_element("id", "facility-save"))
    assert "加入申請中" in op.find_element("id", "fac-status").text
    op.save_screenshot(str(VAR / "office_facility.png"))
    assert_clean(op)

    # 2. Its paper form 1, entered by the office, names the manager's account.
    click_and_wait(op, op.find_element("id", "fac-form1"))
    assert op.find_element("id", "fac_name").get_attribute("value") == f"ブラウザ診療所 {tag}"
    # What the office knows of the facility is filled in (issue 21's paper fields too).
    assert op.find_element("id", "fac_code").get_attribute("value") == "0612345678"
    assert op.find_element("id", "fac_phone").get_attribute("value") == "0233-32-0000"
    op.find_element("id", "fac_email").send_keys("funagata@example.jp")
    op.find_element("id", "manager_name").send_keys("舟形 院長")
    op.find_element("id", "manager_kana").send_keys("フナガタ インチョウ")
    op.find_element("id", "manager_login").send_keys(manager)
    Select(op.find_element("id", "manager_profession")).select_by_value("physician")
    op.find_element("id", "manager_license").send_keys("765432")
    op.find_element("id", "pledge").click()
    click_and_wait(op, op.find_element("id", "app-submit"))
    assert "申請を提出しました" in op.page_source
    app_url = op.current_url.split("&")[0]
    assert_clean(op)

    # 3. The president sees it waiting on the home page and approves it alone.
    p.get(url("/"))
    assert p.find_element("id", "todo-to_decide").is_displayed()
    approve_alone(p, app_url, "年度末で協議会を開催できないため")
    assert sql(f"SELECT f.status FROM facility f WHERE f.code = '{code}'") == [["onboarding"]]

    # 4. The operator's home says a certificate waits; it is issued from the list.
    op.get(url("/"))
    assert op.find_element("id", "todo-certs").is_displayed()
    initial = issue(op, manager, tmp_path)

    # 5. The manager logs in with the new certificate and applies for a doctor.
    m = first_login(browser, manager, initial, f"Funagata-{tag}-Kanri")
    assert "舟形 院長" in m.find_element("tag name", "h1").text
    m.get(url("/facility/users"))
    click_and_wait(m, m.find_element("id", "roster-new"))
    m.find_element("id", "user_name").send_keys("舟形 医師")
    m.find_element("id", "user_login").send_keys("山田")          # a field error, kept
    Select(m.find_element("id", "profession")).select_by_value("physician")
    click_and_wait(m, m.find_element("id", "app-submit"))
    assert m.find_element("id", "err-user_login").is_displayed()
    assert m.find_element("id", "user_name").get_attribute("value") == "舟形 医師"
    m.find_element("id", "user_login").clear()
    m.find_element("id", "user_login").send_keys(doctor)
    # Form 2 as on paper (issue 21): kana, licence, a contact, the pledge.
    m.find_element("id", "user_kana").send_keys("フナガタ イシ")
    m.find_element("id", "license_no").send_keys("543210")
    m.find_element("id", "user_phone").send_keys("0233-32-0001")
    if not m.find_element("id", "pledge").is_selected():
        m.find_element("id", "pledge").click()
    click_and_wait(m, m.find_element("id", "app-submit"))
    assert "申請を提出しました" in m.page_source
    doctor_app = m.current_url.split("&")[0]
    m.save_screenshot(str(VAR / "office_form2.png"))
    assert_clean(m)

    # 6. The president approves; the manager is told; the operator issues the doctor's.
    approve_alone(p, doctor_app, "至急の登録のため")
    m.get(url("/notifications"))
    assert "申請が決定されました" in m.page_source
    initial = issue(op, doctor, tmp_path)

    # 7. The doctor logs in.
    d = first_login(browser, doctor, initial, f"Funagata-{tag}-Ishi")
    assert "舟形 医師" in d.find_element("tag name", "h1").text
    assert "利用者" in d.find_element("id", "roles").text
    d.save_screenshot(str(VAR / "office_doctor.png"))
    assert_clean(d)
    m.get(url("/facility/users"))
    assert m.find_element("id", f"user-{doctor}").is_displayed()
