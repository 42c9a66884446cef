"""test_browser_lock.py: in Chromium, the 15-minute idle lock hides the page at the moment it
falls due, without waiting for the next request, and only the password brings it back (A8.4);
printing is offered only for direct care (A11.4)."""
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import VAR, url, clock_set, click_and_wait, assert_clean


@pytest.fixture(scope="module")
def doctor(browser):
    return browser("dr.sato")


# A fake clock for the page's timers (as Playwright's page.clock): setTimeout records, and
# __tick(ms) runs what falls due in those ms at once. The page's own scripts are unchanged.
FAKE_TIMERS = """
(function () {
  var now = 0, seq = 0, timers = [];
  window.setTimeout = function (fn, ms) {
    timers.push({ id: ++seq, at: now + (ms || 0), fn: fn }); return seq;
  };
  window.clearTimeout = function (id) {
    timers = timers.filter(function (t) { return t.id !== id; });
  };
  window.__tick = function (ms) {
    var end = now + ms;
    for (;;) {
      timers.sort(function (a, b) { return a.at - b.at; });
      if (!timers.length || timers[0].at > end) break;
      var t = timers.shift(); now = t.at; t.fn();
    }
    now = end;
  };
})();
"""


def advance(drv, ms):
    """Runs the page's timers that fall due in the next ms milliseconds."""
    drv.execute_script(f"window.__tick({int(ms)})")


def open_demo_patient(d, purpose):
    d.get(url("/records?q=カンジャ"))
    click_and_wait(d, d.find_element("css selector", "#records-patients tbody tr a.button"))
    click_and_wait(d, d.find_element("id", f"purpose-{purpose}"))


def test_A11_4_print_button_only_for_direct_care(doctor):
    d = doctor
    open_demo_patient(d, "explanation")
    assert not d.find_elements("id", "print-anon")
    assert "第11条第4号" in d.find_element("id", "print-not-care").text
    d.get(d.current_url.replace("/records/patient", "/records/print"))
    assert "直接診療に関わる場合に限られます" in d.page_source
    open_demo_patient(d, "care")
    assert d.find_element("id", "print-anon").is_displayed()
    assert_clean(d)


def test_A8_4_idle_lock_hides_the_page_when_due_and_only_the_password_returns(doctor):
    d = doctor
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_TIMERS})
    open_demo_patient(d, "care")
    where = d.current_url
    name = d.find_element("id", "record-name").text
    left = int(d.find_element("tag name", "body").get_attribute("data-lock-in"))
    assert 880 <= left <= 900
    try:
        # The server's clock passes the deadline; the page learns it only from its timer.
        clock_set(left + 5)
        advance(d, (left + 1) * 1000 + 200)      # the lock falls due, the reload not yet
        WebDriverWait(d, 10).until(lambda x: "idle-locked" in
                                   x.find_element("tag name", "body").get_attribute("class"))
        screen = d.find_element("id", "privacy-screen")
        assert screen.is_displayed()
        assert d.find_element("id", "privacy-locked").is_displayed()
        assert name not in d.find_element("tag name", "body").text
        assert d.find_element("id", "main").text == ""
        d.save_screenshot(str(VAR / "lock-due.png"))
        # A click or a key does not bring it back (the manual screen would go).
        screen.click()
        assert d.find_element("id", "privacy-screen").is_displayed()
        advance(d, 3000)                           # the page goes to the lock screen
        WebDriverWait(d, 10).until(lambda x: "/unlock" in x.current_url)
        assert name not in d.page_source
        password = (VAR / "demo" / "dr.sato.password").read_text().strip()
        d.find_element("id", "password").send_keys(password)
        click_and_wait(d, d.find_element("id", "unlock-submit"))
        assert d.current_url == where
        assert name in d.find_element("id", "record-name").text
    finally:
        clock_set(0)
