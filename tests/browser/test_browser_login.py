"""test_browser_login.py: Chromium with a demo certificate: the login page, login, home (A8.3, A8.4)."""
import pytest

from conftest import VAR, url, BASE
# The helpers live in tests/browser/conftest.py; these names stay importable from here.
from conftest import chromium, close, assert_clean, click_and_wait, form_login  # noqa: F401


@pytest.fixture(scope="module")
def operator_browser(browser):
    return browser("unei", log_in=False)


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
