"""test_browser_dashboard.py: in Chromium, the president opens the council dashboard (issue 8):
the charts load as images under the CSP, the period selector works, the monthly report
prints without the site's chrome; screenshots are kept under VAR for a person to look at."""
import pytest

from conftest import VAR, url, click_and_wait, assert_clean


@pytest.fixture(scope="module")
def president(browser):
    return browser("kaicho")


def displayed(drv, css):
    return drv.execute_script(
        "var e = document.querySelector(arguments[0]);"
        "return e ? getComputedStyle(e).display : null;", css)


def images_loaded(drv):
    """Every chart image decoded (an SVG the CSP or the server refused has no width)."""
    return drv.execute_script(
        "return Array.from(document.querySelectorAll('img.chart')).map("
        "function (i) { return [i.id, i.complete && i.naturalWidth > 0]; });")


def test_issue8_president_reads_the_dashboard(president):
    d = president
    d.get(url("/"))
    click_and_wait(d, d.find_element("id", "menu-dashboard"))
    assert "協議会ダッシュボード" in d.title
    # The facilities in little use come first, plainly.
    sections = [e.get_attribute("id") for e in d.find_elements("css selector", "main section")]
    assert sections.index("dash-use") < sections.index("dash-views")
    assert d.find_element("id", "k-low").text.isdigit()
    loaded = images_loaded(d)
    assert {i for i, _ in loaded} == {"chart-use", "chart-views", "chart-facilities",
                                      "chart-consents", "chart-emergency"}
    assert all(ok for _, ok in loaded), loaded
    assert_clean(d)
    # The year test_dashboard filled (when it ran first), for screenshots with figures.
    d.get(url("/dashboard?from=2011-01&to=2011-12"))
    assert all(ok for _, ok in images_loaded(d))
    d.save_screenshot(str(VAR / "dashboard.png"))
    d.execute_script("document.getElementById('dash-use').scrollIntoView()")
    d.save_screenshot(str(VAR / "dashboard_use.png"))
    d.execute_script("document.getElementById('dash-views').scrollIntoView()")
    d.save_screenshot(str(VAR / "dashboard_views.png"))
    d.execute_script("document.getElementById('dash-complaints').scrollIntoView()")
    d.save_screenshot(str(VAR / "dashboard_complaints.png"))
    assert_clean(d)


def test_issue8_period_selector(president):
    d = president
    d.get(url("/dashboard"))
    for field, value in (("from", "2010-01"), ("to", "2011-12")):
        # A month input takes keys in the browser's own format: set the value as a user's
        # pick would, then submit the form normally.
        d.execute_script("document.getElementById(arguments[0]).value = arguments[1];",
                         field, value)
    click_and_wait(d, d.find_element("id", "period-submit"))
    assert "from=2010-01" in d.current_url and "to=2011-12" in d.current_url
    heads = [h.text for h in d.find_elements("css selector", "#tab-views_facility thead th")]
    assert heads[1] == "2010-01" and heads[24] == "2011-12" and len(heads) == 26
    assert all(ok for _, ok in images_loaded(d))
    assert_clean(d)


def test_issue8_monthly_report_prints_cleanly(president):
    d = president
    d.get(url("/dashboard"))
    click_and_wait(d, d.find_element("id", "report-link"))
    assert "月次利用報告" in d.find_element("id", "report-title").text
    d.get(url("/dashboard/report?month=2011-11"))
    assert "月次利用報告" in d.find_element("id", "report-title").text
    btn = d.find_element("id", "print-btn")
    assert btn.get_attribute("data-print") == "1" and btn.is_displayed()
    assert all(ok for _, ok in images_loaded(d))
    d.save_screenshot(str(VAR / "dashboard_report.png"))
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # The print view: no header, navigation, buttons or CSV links; the tables stay.
        assert displayed(d, ".top") == "none"
        assert not d.find_element("id", "print-btn").is_displayed()
        assert displayed(d, "p.csv") == "none"
        assert displayed(d, "#tab-use") == "table"
        d.save_screenshot(str(VAR / "dashboard_report_print.png"))
        pdf = d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        assert len(pdf["data"]) > 1000
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert_clean(d)
