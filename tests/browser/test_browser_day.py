"""test_browser_day.py: a clinician's day in Chromium at 1366, 1024 and 390 px (issue 19):
the EHR's deep link before the login lands on the patient after it, the summary and the
labs read as they should, and no table is wider than the window: wide tables scroll
inside their box; on a phone the header folds behind a menu button. No CSP violation."""
import pathlib
import sys

import pytest

from conftest import VAR, make_user, url, click_and_wait, assert_clean

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from test_day import make_pt  # noqa: E402  (the same patient and records)

WIDTHS = (1366, 1024, 390)

# Every table's visible box (its scrolling container when it has one) within the window,
# and the page itself no wider than the window.
OVERFLOW = """
var w = window.innerWidth, bad = [];
if (document.documentElement.scrollWidth > w + 1) bad.push('page ' + document.documentElement.scrollWidth);
document.querySelectorAll('table').forEach(function (t) {
  var box = t, e = t.parentElement;
  while (e && e !== document.body) {
    var o = getComputedStyle(e).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') { box = e; break; }
    e = e.parentElement;
  }
  var r = box.getBoundingClientRect();
  if (r.width > 0 && (r.right > w + 1 || r.left < -1)) bad.push((t.id || 'table') + ' ' + Math.round(r.right));
});
return bad;
"""


@pytest.fixture(scope="module")
def patient():
    return make_pt({"hosp": make_user("user", facility="DEMO01")})


@pytest.fixture(scope="module")
def doctor(browser):
    return browser("dr.sato", log_in=False)


def shot(drv, name, w):
    drv.save_screenshot(str(VAR / f"day-{name}-{w}.png"))


def no_overflow(drv, where):
    bad = drv.execute_script(OVERFLOW)
    assert bad == [], (where, bad)


def test_A8_1_A8_4_deep_link_summary_labs_at_three_widths(doctor, patient):
    d = doctor
    password = (VAR / "demo" / "dr.sato.password").read_text().strip()
    # Before any login: the deep link asks for the login and returns to the patient.
    d.set_window_size(1366, 900)
    d.get(url(f"/records/local?id={patient.local.lstrip('0')}"))
    assert "/login" in d.current_url and d.find_element("name", "next")
    d.find_element("id", "password").send_keys(password)
    click_and_wait(d, d.find_element("id", "login-submit"))
    assert d.find_element("id", "purpose-form")
    assert patient.local.lstrip("0") not in d.current_url and patient.name not in d.title
    assert patient.name in d.find_element("id", "purpose-name").text
    for w in WIDTHS:
        d.set_window_size(w, 900)
        d.get(url(f"/records/local?id={patient.local}"))
        click_and_wait(d, d.find_element("id", "purpose-care"))
        # the summary first
        assert d.find_element("id", "tab-summary").get_attribute("aria-current") == "page"
        assert patient.allergy in d.find_element("id", "sum-allergies").text
        rx = d.find_element("id", "sum-rx").text
        assert all(x in rx for x in patient.drugs) and "Rp2" in rx
        assert "白血球数" in d.find_element("id", "sum-lab-table").text
        assert "循環器内科" in d.find_element("id", "sum-visits").text
        assert "退院時サマリ" in d.find_element("id", "sum-docs").text
        assert "歳" in d.find_element("id", "record-age").text
        no_overflow(d, f"summary {w}")
        shot(d, "summary", w)
        # the labs: newest date first, the item column stays in view when the sheet scrolls
        click_and_wait(d, d.find_element("id", "tab-labs"))
        table = d.find_element("id", "rec-labs")
        heads = [th.text for th in table.find_elements("css selector", "thead th.labdate")]
        y, m, dd = int(patient.d5[:4]), int(patient.d5[4:6]), int(patient.d5[6:])
        assert heads and f"{y}年{m}月{dd}日" in heads[0]
        assert "(10^3/μL)" in table.text
        box = d.find_element("css selector", ".lab-box")
        d.execute_script("arguments[0].scrollLeft = 10000", box)
        first = table.find_element("css selector", "tbody th.sticky")
        assert first.location["x"] >= box.location["x"] - 1
        assert first.is_displayed()
        no_overflow(d, f"labs {w}")
        shot(d, "labs", w)
        click_and_wait(d, d.find_element("id", "tab-meds"))
        no_overflow(d, f"meds {w}")
        click_and_wait(d, d.find_element("id", "tab-timeline"))
        no_overflow(d, f"timeline {w}")
        d.get(url("/"))
        no_overflow(d, f"home {w}")
        shot(d, "home", w)
        nav = d.find_element("css selector", "header nav")
        if w <= 800:
            # the header folds: the menu opens behind its button
            assert not nav.is_displayed()
            d.find_element("id", "nav-toggle-label").click()
            assert nav.is_displayed() and d.find_element("id", "nav-records").is_displayed()
        else:
            assert nav.is_displayed() and not d.find_element("id", "nav-toggle-label").is_displayed()
    assert_clean(d)
