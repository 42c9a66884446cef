"""test_browser_login.py: Chromium with a demo certificate: the login page, login, home (A8.3, A8.4)."""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from conftest import VAR, url, BASE

# Records CSP violations in the page, so a test can assert there were none.
CSP_HOOK = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def _nssdb(home, p12, password):
    db = home / ".pki" / "nssdb"
    db.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "mogami-ca", "-t", "C,,",
                    "-i", str(VAR / "pki" / "ca.pem")], check=True)
    subprocess.run(["pk12util", "-i", str(p12), "-d", f"sql:{db}", "-W", password],
                   check=True, capture_output=True)


def _policy():
    """Chromium picks the client certificate for our origin without asking."""
    d = pathlib.Path("/etc/chromium/policies/managed")
    d.mkdir(parents=True, exist_ok=True)
    # Any port: parallel test instances write the same file.
    rule = {"pattern": "https://localhost:*", "filter": {}}
    (d / "mogami-test.json").write_text(json.dumps(
        {"AutoSelectCertificateForUrls": [json.dumps(rule)]}))


def chromium(login):
    """A headless Chromium whose NSS database holds <login>'s demo certificate."""
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.fail("chromium and chromedriver must be installed (make deps)")
    home = pathlib.Path(tempfile.mkdtemp(prefix="mogami-chrome-"))
    demo = VAR / "demo"
    _nssdb(home, demo / f"{login}.p12", (demo / f"{login}.p12.pass").read_text().strip())
    _policy()
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--window-size=1280,800",
              f"--user-data-dir={home / 'profile'}"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service("/usr/bin/chromedriver", env=dict(os.environ, HOME=str(home)))
    drv = webdriver.Chrome(service=service, options=opts)
    drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_HOOK})
    drv._mogami_home = home
    return drv


def close(drv):
    drv.quit()
    shutil.rmtree(drv._mogami_home, ignore_errors=True)


def assert_clean(drv):
    assert drv.execute_script("return window.__csp") == []
    # A 4xx status a test provoked (a 422 form) is logged as a network error: not a fault.
    errors = [e for e in drv.get_log("browser")
              if e["level"] == "SEVERE" and e.get("source") != "network"]
    assert errors == []


def click_and_wait(drv, elem):
    """Clicks and waits until the next page has replaced this one."""
    elem.click()

    def gone(_):
        try:
            elem.is_enabled()
            return False
        except WebDriverException:      # stale, or its document is gone mid-navigation
            return True
    WebDriverWait(drv, 10).until(gone)
    WebDriverWait(drv, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def form_login(drv, login):
    password = (VAR / "demo" / f"{login}.password").read_text().strip()
    drv.get(url("/login"))
    field = drv.find_element("id", "login")
    # The ID is filled in from the certificate: the common path is the password alone.
    assert field.get_attribute("value") == login
    field.clear()
    field.send_keys(login)
    drv.find_element("id", "password").send_keys(password)
    click_and_wait(drv, drv.find_element("id", "login-submit"))


@pytest.fixture(scope="module")
def operator_browser():
    drv = chromium("unei")
    yield drv
    close(drv)


def test_A8_3_login_page_shows_verified_certificate(operator_browser):
    b = operator_browser
    b.get(url("/login"))
    assert "ログイン" in b.title and "もがみネット" in b.title
    assert "CN=unei" in b.find_element("id", "cert-subject").text
    b.save_screenshot(str(VAR / "login.png"))
    assert_clean(b)


def test_A8_3_login_in_chromium_sees_home_for_role(operator_browser):
    b = operator_browser
    form_login(b, "unei")
    assert b.current_url.rstrip("/") == BASE
    assert "運営 花子" in b.find_element("tag name", "h1").text
    assert "運営管理者" in b.find_element("id", "roles").text
    # The operator's menu leads to the certificate pages.
    click_and_wait(b, b.find_element("id", "menu-certs"))
    assert "電子証明書" in b.title
    assert b.find_element("id", "certs").is_displayed()
    b.save_screenshot(str(VAR / "certs.png"))
    assert_clean(b)


def test_A8_4_privacy_screen_blanks_at_once(operator_browser):
    b = operator_browser
    b.get(url("/"))
    b.save_screenshot(str(VAR / "home.png"))
    b.find_element("id", "privacy-btn").click()
    assert b.find_element("id", "privacy-screen").is_displayed()
    b.find_element("id", "privacy-screen").click()
    assert not b.find_element("id", "privacy-screen").is_displayed()
    assert_clean(b)


def test_A8_4_logout_in_chromium(operator_browser):
    b = operator_browser
    b.get(url("/"))
    click_and_wait(b, b.find_element("id", "logout"))
    assert "/login" in b.current_url
    assert "ログアウトしました" in b.page_source
    b.get(url("/"))
    assert "/login" in b.current_url
    assert_clean(b)
