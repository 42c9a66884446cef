"""test_browser_emergency.py: in Chromium, emergency access end to end (A14): the request,
the banner, the notification to the operator, the follow-up task, consent registered, the
task closed; then the operator reviews the access."""
import random

import pytest
from selenium.webdriver.support.ui import Select

from conftest import VAR, url, sql, ctl, click_and_wait, assert_clean

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(scope="module")
def doctor(browser):
    return browser("ns.suzuki")


@pytest.fixture(scope="module")
def operator(browser):
    return browser("unei")


def test_A14_emergency_access_end_to_end(doctor, operator, tmp_path):
    # A patient of the hospital (its records), unknown to the clinic and without consent.
    local = "E" + "".join(random.choice("0123456789") for _ in range(9))
    kana = "キュウキュウ " + "".join(random.choice("アイウエオ") for _ in range(3))
    fac1 = sql("SELECT id FROM facility WHERE code = 'DEMO01'")[0][0]
    sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, created_at)"
        f" VALUES (LPAD(FLOOR(RAND() * 1e10), 10, '0'), '救急 太郎', '{kana}', '{kana.replace(' ', '')}',"
        " 'M', '1950-02-03', UTC_TIMESTAMP(6))")
    pid = sql(f"SELECT id FROM patient WHERE kana = '{kana}'")[0][0]
    sql(f"INSERT INTO patient_link (facility_id, local_id, patient_id, source, created_at)"
        f" VALUES ({fac1}, '{local}', {pid}, 'manual', UTC_TIMESTAMP(6))")

    d = doctor
    d.get(url("/"))
    click_and_wait(d, d.find_element("id", "menu-emergency"))
    Select(d.find_element("id", "e-fac")).select_by_value("DEMO01")
    d.find_element("id", "e-local").send_keys(local)
    Select(d.find_element("id", "e-cat")).select_by_value("unconscious")
    d.find_element("id", "e-reason").send_keys("交通外傷で救急搬送、意識障害あり")
    # without the confirmation nothing is granted; what was typed stays
    click_and_wait(d, d.find_element("id", "emergency-submit"))
    assert d.find_element("id", "err-confirm").text
    assert d.find_element("id", "e-local").get_attribute("value") == local
    d.find_element("id", "e-confirm").click()
    d.save_screenshot(str(VAR / "emergency_form.png"))
    click_and_wait(d, d.find_element("id", "emergency-submit"))
    banner = d.find_element("id", "emergency-banner")
    assert "救急患者対応" in banner.text and "閲覧期限" in banner.text
    assert "救急 太郎" in d.find_element("id", "record-name").text
    d.save_screenshot(str(VAR / "emergency_banner.png"))
    assert_clean(d)
    gid = sql(f"SELECT id FROM emergency_access WHERE patient_id = {pid}")[0][0]

    # The operator is notified at once.
    o = operator
    o.get(url("/"))
    assert "未読の通知" in o.find_element("id", "menu-notify").text
    click_and_wait(o, o.find_element("id", "menu-notify"))
    assert "救急患者対応" in o.find_element("id", "notes").text
    assert_clean(o)

    # The follow-up task is open on the doctor's page until form 4 comes.
    d.get(url("/emergency"))
    row = d.find_element("id", f"emergency-{gid}")
    assert "未取得" in row.find_element("css selector", ".followup").text
    d.get(url("/patients"))
    d.find_element("id", "s-kana").send_keys(kana)
    d.find_element("id", "s-birth").send_keys("02031950")
    Select(d.find_element("id", "s-sex")).select_by_value("M")
    click_and_wait(d, d.find_element("id", "search-submit"))
    click_and_wait(d, d.find_element("css selector", "#matches a.button"))
    click_and_wait(d, d.find_element("id", "consent-new"))
    scan = tmp_path / "form4.pdf"
    scan.write_bytes(PDF)
    d.find_element("id", "c-scan").send_keys(str(scan))
    click_and_wait(d, d.find_element("id", "consent-submit"))
    assert "同意書を登録しました" in d.find_element("id", "flash").text
    d.get(url("/emergency"))
    assert "同意書登録済み" in d.find_element("id", f"emergency-{gid}").text

    # The operator reviews the access.
    o.get(url("/emergency/list"))
    form = o.find_element("css selector", f"#emergency-{gid} .review-form")
    Select(form.find_element("name", "decision")).select_by_value("appropriate")
    click_and_wait(o, form.find_element("css selector", "button"))
    assert "適切" in o.find_element("id", f"emergency-{gid}").find_element("css selector", ".review").text
    o.save_screenshot(str(VAR / "emergency_list.png"))
    assert_clean(o)
