"""test_browser_council.py: in Chromium, a facility applies, the president decides alone,
the decision shows on the next meeting's agenda (A9, A10.3); a withdrawn user cannot log in (A10.5)."""
import os

import pytest
from selenium.webdriver.support.ui import Select

from conftest import VAR, url, sql, click_and_wait, assert_clean


@pytest.fixture(scope="module")
def manager(browser):
    return browser("incho01")


@pytest.fixture(scope="module")
def president(browser):
    return browser("kaicho")


def test_A9_A10_3_facility_applies_president_decides_alone_agenda_reports(manager, president):
    # This run's own pharmacy and manager's login: the test passes again on the same instance,
    # and the agenda shows this run's decision, not an earlier run's.
    tag = os.urandom(3).hex()
    pharmacy, login = f"しんじょう薬局{tag}", f"yakkyoku.{tag}"
    m = manager
    m.get(url("/applications"))
    click_and_wait(m, m.find_element("id", "new-join"))
    # A required field left empty: the message stands beside it, the input stays.
    m.find_element("id", "fac_address").send_keys("山形県新庄市沖の町1-1")
    click_and_wait(m, m.find_element("id", "app-submit"))
    assert "入力してください" in m.find_element("id", "err-fac_name").text
    assert m.find_element("id", "fac_address").get_attribute("value") == "山形県新庄市沖の町1-1"
    m.find_element("id", "fac_name").send_keys(pharmacy)
    Select(m.find_element("id", "fac_kind")).select_by_value("pharmacy")
    m.find_element("name", "wants_viewing").click()
    m.find_element("id", "manager_name").send_keys("薬局 店主")
    # Form 1 as on paper (issue 21): code, contacts, the manager's details, the pledge.
    m.find_element("id", "fac_code").send_keys("0641234567")
    m.find_element("id", "fac_phone").send_keys("0233-22-3333")
    m.find_element("id", "fac_email").send_keys("yakkyoku@example.jp")
    m.find_element("id", "contact_name").send_keys("薬局 事務")
    m.find_element("id", "manager_kana").send_keys("ヤッキョク テンシュ")
    Select(m.find_element("id", "manager_profession")).select_by_value("pharmacist")
    m.find_element("id", "manager_license").send_keys("321321")
    m.find_element("id", "manager_login").send_keys(login)
    m.find_element("id", "pledge").click()
    m.save_screenshot(str(VAR / "app_new.png"))
    click_and_wait(m, m.find_element("id", "app-submit"))
    assert "申請を提出しました" in m.page_source
    app_url = m.current_url.split("&")[0]
    assert_clean(m)

    p = president
    p.get(app_url)
    p.find_element("css selector", "#sole-form input[value=approved]").click()
    p.find_element("id", "sole_reason").send_keys("年末で協議会を開催できないため")
    click_and_wait(p, p.find_element("id", "sole-submit"))
    assert "会長専決" in p.find_element("id", "app-status").text
    p.get(url("/meetings"))
    p.find_element("id", "held_on").send_keys("01152027")
    p.find_element("id", "attendees").send_keys("会長、委員")
    click_and_wait(p, p.find_element("id", "meeting-create"))
    assert pharmacy in p.find_element("id", "agenda-sole").text
    p.save_screenshot(str(VAR / "agenda.png"))
    assert_clean(p)

    m.get(app_url)
    assert "契約手続き中" in m.find_element("id", "app-status").text
