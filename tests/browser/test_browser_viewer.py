"""test_browser_viewer.py: in Chromium, a hospital doctor finds a patient, states the purpose,
switches sections, sees a lab trend drawn as SVG by the server, and opens the anonymized print
(A8.1, A8.4, A11.4, A12.2); no CSP violation anywhere."""
import pathlib
import sys

import pytest

from conftest import VAR, make_user, url, click_and_wait, assert_clean

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from test_viewer import make_patient  # noqa: E402  (the same patient and records)


@pytest.fixture(scope="module")
def doctor(browser):
    return browser("dr.sato")


def shot(drv, name):
    drv.save_screenshot(str(VAR / f"viewer-{name}.png"))


def test_A12_2_A8_1_open_patient_switch_sections_trend_and_print(doctor, tmp_path):
    p = make_patient({"hosp": make_user("user", facility="DEMO01")}, tmp_path, second=False)
    d = doctor
    d.get(url("/records"))
    d.find_element("id", "q").send_keys(p.ident["kana"].split()[0])
    click_and_wait(d, d.find_element("id", "records-search-submit"))
    row = [r for r in d.find_elements("css selector", "#records-patients tbody tr")
           if p.ident["name"] in r.text]
    assert len(row) == 1
    click_and_wait(d, row[0].find_element("css selector", "a.button"))
    # A8.1: the purpose first
    assert d.find_element("id", "purpose-form")
    click_and_wait(d, d.find_element("id", "purpose-care"))
    assert p.ident["name"] in d.find_element("id", "record-name").text
    assert p.ident["name"] not in d.title and p.ident["name"] not in d.current_url
    # issue 19: the summary comes first; the timeline is a tab
    assert d.find_element("id", "tab-summary").get_attribute("aria-current") == "page"
    click_and_wait(d, d.find_element("id", "tab-timeline"))
    rows = d.find_elements("css selector", "#rec-rows tbody tr")
    assert rows and all("県立新庄病院" in r.text for r in rows)
    shot(d, "timeline")
    # sections are plain links that keep the purpose
    click_and_wait(d, d.find_element("id", "tab-meds"))
    assert p.drug in d.find_element("id", "rec-meds").text
    assert "purpose=care" in d.current_url
    click_and_wait(d, d.find_element("id", "tab-labs"))
    assert d.find_element("id", "tab-labs").get_attribute("aria-current") == "page"
    svgs = d.find_elements("css selector", "svg.trend-chart")
    assert len(svgs) == 2
    for s in svgs:
        assert s.find_elements("css selector", "polyline.trend-line")
        assert s.find_elements("css selector", "rect.trend-range")
        assert s.size["width"] > 200 and s.size["height"] > 80
    abn = d.find_elements("css selector", "#rec-labs td.abn")
    assert len(abn) == 2
    shot(d, "labs")
    d.execute_script("arguments[0].scrollIntoView()", svgs[0])
    shot(d, "trend")
    click_and_wait(d, d.find_element("id", "tab-documents"))
    assert d.find_elements("css selector", "#rec-docs a.doc-link")
    # the anonymized print of the labs
    click_and_wait(d, d.find_element("id", "tab-labs"))
    # a browser print of the normal page shows nothing of the patient, only where to print
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not d.find_element("id", "record-name").is_displayed()
    assert not d.find_element("id", "rec-labs").is_displayed()
    assert "匿名化印刷" in d.find_element("css selector", ".print-only").text
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    click_and_wait(d, d.find_element("id", "print-anon"))
    body = d.find_element("tag name", "body").text
    assert p.ident["name"] not in body and p.ident["birth_date"] not in body
    mark = d.find_element("id", "watermark").text
    assert "佐藤 一郎" in mark and "県立新庄病院" in mark
    assert d.find_elements("css selector", "svg.trend-chart polyline")
    shot(d, "print")
    # printed, the watermark covers the page and the buttons are gone
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert d.find_element("css selector", "div.watermark").is_displayed()
    assert not d.find_element("id", "print-do").is_displayed()
    shot(d, "print-media")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert_clean(d)
    # tablet width: the tabs wrap, nothing needs a script
    d.set_window_size(800, 1100)
    d.get(url(d.find_element("id", "print-back").get_attribute("href").replace(url(""), "")))
    shot(d, "tablet")
    d.set_window_size(1280, 800)
    assert_clean(d)
