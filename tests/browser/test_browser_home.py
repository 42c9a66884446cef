"""test_browser_home.py: the first page in Debian's Chromium with a client certificate."""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import VAR, url, BASE

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
    rule = {"pattern": BASE, "filter": {}}
    (d / "mogami-test.json").write_text(json.dumps(
        {"AutoSelectCertificateForUrls": [json.dumps(rule)]}))


@pytest.fixture(scope="module")
def browser():
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.fail("chromium and chromedriver must be installed (make deps)")
    home = pathlib.Path(tempfile.mkdtemp(prefix="mogami-chrome-"))
    demo = VAR / "demo"
    _nssdb(home, demo / "demo.p12", (demo / "demo.p12.pass").read_text().strip())
    _policy()
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--window-size=1280,800",
              f"--user-data-dir={home / 'profile'}"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    env = dict(os.environ, HOME=str(home))
    service = Service("/usr/bin/chromedriver", env=env)
    drv = webdriver.Chrome(service=service, options=opts)
    drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_HOOK})
    yield drv
    drv.quit()
    shutil.rmtree(home, ignore_errors=True)


def test_home_renders_without_console_errors_or_csp_violations(browser):
    browser.get(url("/"))
    assert "もがみネット" in browser.title
    assert browser.find_element("id", "cert-subject").text == "CN=demo,O=DEMO01"
    browser.save_screenshot(str(VAR / "home.png"))
    # The privacy screen (A8.4) hides the page at a click.
    browser.find_element("id", "privacy-btn").click()
    assert browser.find_element("id", "privacy-screen").is_displayed()
    assert browser.execute_script("return window.__csp") == []
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
