"""conftest.py (browser): Chromium with a user's client certificate, logged in, for every
browser test: chromium() and the fixture browser() that launches, logs in and closes.

pytest imports this file as a second module named conftest (it drops tests/conftest.py
from sys.modules first), so `from conftest import VAR, url, sql` in a browser test lands
here: every name this file does not define is tests/conftest.py's, the same object (one
make_user counter, one VAR), through the module's __getattr__."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

_top = sys.modules["mogami_tests_conftest"]     # tests/conftest.py, registered by itself
VAR, url = _top.VAR, _top.url


def __getattr__(name):
    return getattr(_top, name)


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


def _scripts_kept(drv):
    """Wraps drv.execute_cdp_cmd so that the scripts a test adds for every page (hooks,
    fake timers) are known and can be removed before the browser serves another test."""
    cdp = drv.execute_cdp_cmd
    drv._mogami_scripts = []

    def execute_cdp_cmd(cmd, args):
        r = cdp(cmd, args)
        if cmd == "Page.addScriptToEvaluateOnNewDocument":
            drv._mogami_scripts.append(r["identifier"])
        return r
    drv.execute_cdp_cmd = execute_cdp_cmd


def chromium(login):
    """A headless Chromium whose NSS database holds <login>'s demo certificate (the .p12,
    its password and the login password under VAR/demo); not logged in. close() it."""
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
    _scripts_kept(drv)
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
    """Logs in through the login form: the ID comes from the certificate, the password
    is typed (VAR/demo/<login>.password)."""
    password = (VAR / "demo" / f"{login}.password").read_text().strip()
    drv.get(url("/login"))
    field = drv.find_element("id", "login")
    # The ID is filled in from the certificate: the common path is the password alone.
    assert field.get_attribute("value") == login
    field.clear()
    field.send_keys(login)
    drv.find_element("id", "password").send_keys(password)
    click_and_wait(drv, drv.find_element("id", "login-submit"))


# Launching Chromium is most of a browser test's set-up (4-5 s a browser under load, against
# 2 s for a login), so a module's browsers are not quit when it ends but kept, at most
# IDLE_MAX of them, for the next module that asks for the same login with the same
# certificate file. What a kept browser brings along is removed first (_reset): its cookies,
# storage and cache for our origin (so a new login, a new session, as a new browser's),
# the scripts a test added, the emulated media, the window size, the download behaviour, the
# console messages not read yet; any doubt, and it is quit instead.
# Only the accounts there before the session began (the demo ones, whose browsers the
# modules ask for again and again) are kept; a test's own users' browsers are quit.
IDLE_MAX = 6          # ~250 MB each when idle; 6 leave 9 launches of the 34 (8 logins)
_idle = []          # [(key, drv)], the least recently used first
_session_began = time.time()


def _key(login):
    p12 = VAR / "demo" / f"{login}.p12"
    return (login, p12.stat().st_mtime_ns, p12.stat().st_size)


def _reset(drv):
    for ident in drv._mogami_scripts:
        drv.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": ident})
    drv._mogami_scripts.clear()
    handles = drv.window_handles
    for h in handles[1:]:
        drv.switch_to.window(h)
        drv.close()
    drv.switch_to.window(handles[0])
    drv.get("about:blank")
    drv.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": _top.BASE, "storageTypes": "all"})
    drv.execute_cdp_cmd("Network.clearBrowserCookies", {})
    drv.execute_cdp_cmd("Network.clearBrowserCache", {})
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "default"})
    drv.set_window_size(1280, 800)
    drv.get_log("browser")


def _launch(login):
    """A browser with login's certificate at no page: a kept one if there is, else new."""
    key = _key(login)
    for i, (k, drv) in enumerate(_idle):
        if k == key:
            del _idle[i]
            return drv
    drv = chromium(login)
    drv._mogami_key = key
    return drv


def _release(drv):
    """Keeps drv for another module (reset), or quits it."""
    if drv._mogami_key[1] / 1e9 >= _session_began:
        close(drv)
        return
    try:
        _reset(drv)
        _idle.append((drv._mogami_key, drv))
    except Exception:       # noqa: BLE001 - a browser in doubt serves no other test
        close(drv)
    while len(_idle) > IDLE_MAX:
        close(_idle.pop(0)[1])


@pytest.fixture(scope="session", autouse=True)
def _quit_kept_browsers():
    yield
    while _idle:
        close(_idle.pop()[1])


@pytest.fixture(scope="module")
def browser():
    """browser(login): a Chromium with login's certificate, logged in through the form (a
    new session), handed back when the module's tests are done. hook: a script every page
    runs first (added before the login); log_in=False: the browser stays at no page.
    browser.close(drv) hands one back before the module ends (a test that opens many)."""
    made = []

    def make(login, hook=None, log_in=True):
        drv = _launch(login)
        made.append(drv)
        if hook:
            drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": hook})
        if log_in:
            form_login(drv, login)
        return drv

    def close_one(drv):
        if drv in made:
            made.remove(drv)
            _release(drv)

    make.close = close_one
    yield make
    for drv in made:
        _release(drv)
