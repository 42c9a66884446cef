"""test_foundation.py: the request pipeline end to end through nginx, the workers and MariaDB."""
import os
import signal
import subprocess

import requests

from conftest import (VAR, ROOT, url, session, instance, worker_pids, wait_for, sh, single_node)

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "strict-transport-security": "max-age=",
    "x-frame-options": "DENY",
}


def assert_security_headers(r, no_store=True):
    for name, part in SECURITY_HEADERS.items():
        assert part in r.headers.get(name, ""), f"{name} missing on {r.url}"
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    if no_store:
        assert "no-store" in r.headers.get("cache-control", "")


def test_first_page_shows_verified_identity(demo_cert):
    # The login page is the first page a certificate reaches: nginx verified
    # it, the worker read it, MariaDB knows it.
    r = session(demo_cert).get(url("/login"))
    assert r.status_code == 200
    assert "もがみネット" in r.text
    serial = sh("openssl", "x509", "-in", demo_cert[0], "-noout", "-serial").stdout
    serial = serial.strip().split("=")[1].upper()
    assert f'id="cert-serial">{serial}<' in r.text
    assert "CN=dr.sato" in r.text
    assert_security_headers(r)


def test_static_served_by_nginx_with_headers(demo_cert):
    r = session().get(url("/static/app.css"))
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]
    assert_security_headers(r, no_store=False)


def _refused(r):
    assert r.status_code == 403
    assert "電子証明書が必要です" in r.text
    assert "cert-subject" not in r.text and "cert-serial" not in r.text
    assert_security_headers(r)


def test_no_certificate_refused_with_japanese_page():
    _refused(session().get(url("/")))


def test_self_signed_certificate_refused(self_signed_cert):
    r = session(self_signed_cert).get(url("/"))
    _refused(r)
    assert "FAILED" in r.text


def test_other_ca_certificate_refused(other_ca_cert):
    r = session(other_ca_cert).get(url("/"))
    _refused(r)
    assert "FAILED" in r.text


SPOOF = {
    "X-SSL-Client-Verify": "SUCCESS",
    "SSL-Client-Verify": "SUCCESS",
    "X-SSL-Client-S-DN": "CN=admin,O=DEMO01",
    "X-SSL-Client-Serial": "01",
    "X-Client-Verify": "SUCCESS",
    "SSL_CLIENT_VERIFY": "SUCCESS",
}


def test_spoofed_identity_headers_change_nothing_on_any_location(demo_cert):
    # Without a certificate every location still refuses or serves only static.
    for path in ["/", "/nope", "/static/app.css", "/static/../", "/?a=1"]:
        r = session().get(url(path), headers=SPOOF)
        assert r.status_code != 200 or path.startswith("/static/app"), path
        assert "cert-subject" not in r.text
    # With a certificate the identity shown is the verified one, never a header's.
    r = session(demo_cert).get(url("/login"), headers=SPOOF)
    assert r.status_code == 200
    assert "CN=admin" not in r.text and 'id="cert-serial">01<' not in r.text


def test_404_page_is_japanese(demo_cert):
    r = session(demo_cert).get(url("/no/such/page"))
    assert r.status_code == 404
    assert "ページが見つかりません" in r.text
    assert_security_headers(r)


def test_405_wrong_method(demo_cert):
    r = session(demo_cert).put(url("/login"), data={"a": "1"})
    assert r.status_code == 405
    assert "GET" in r.headers.get("allow", "") and "POST" in r.headers.get("allow", "")
    assert "この方法では利用できません" in r.text


def test_413_body_over_limit(demo_cert):
    r = session(demo_cert).post(url("/login"), data="a=" + "x" * (1024 * 1024 + 10),
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert "大きすぎます" in r.text


def test_413_body_over_nginx_limit_is_japanese(demo_cert):
    r = session(demo_cert).post(url("/login"), data=b"x" * (17 * 1024 * 1024))
    assert r.status_code == 413
    assert "大きすぎます" in r.text


def test_400_unknown_parameter_named(demo_cert):
    r = session(demo_cert).get(url("/login?surprise=1"))
    assert r.status_code == 400
    assert 'id="error-field">surprise<' in r.text
    assert "受け付けない項目" in r.text


def test_400_invalid_utf8_named(demo_cert):
    r = session(demo_cert).get(url("/login?name=%FF%FE"))
    assert r.status_code == 400
    assert 'id="error-field">name<' in r.text
    assert "文字コード" in r.text


def test_400_nul_byte_named(demo_cert):
    r = session(demo_cert).get(url("/login?name=a%00b"))
    assert r.status_code == 400
    assert 'id="error-field">name<' in r.text


def test_400_bad_escape(demo_cert):
    r = session(demo_cert).get(url("/login?name=%zz"))
    assert r.status_code == 400


def test_A8_3_400_malformed_own_cookie(demo_cert):
    # Only the network's own cookies are checked (a foreign one is ignored: test_attack_login).
    r = session(demo_cert).get(url("/login"), headers={"Cookie": "a=1;b=2; __Host-csrf=a b"})
    assert r.status_code == 400
    assert "Cookie" in r.text


def test_field_name_is_escaped_on_error_page(demo_cert):
    r = session(demo_cert).get(url("/login?%3Cscript%3E=1"))
    assert r.status_code == 400
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text


def test_worker_killed_is_replaced(demo_cert):
    before = worker_pids()
    assert len(before) >= 2
    os.kill(before[0], signal.SIGKILL)
    assert wait_for(lambda: len(worker_pids()) == len(before) and worker_pids() != before)
    s = session(demo_cert)
    for _ in range(6):
        assert s.get(url("/login")).status_code == 200


@single_node("restarts the one MariaDB; tests/cluster kills and rejoins a Galera node instead")
def test_mariadb_restart_while_workers_run(demo_cert):
    s = session(demo_cert)
    assert s.get(url("/login")).status_code == 200
    instance("db-restart")
    # Every worker's old connection is dead; each reconnects at its next request.
    for _ in range(8):
        r = s.get(url("/login"))
        assert r.status_code == 200, r.text[:200]
        assert 'id="cert-serial">' in r.text  # the certificate was checked in MariaDB


@single_node("stops the one MariaDB; in a cluster the other nodes answer")
def test_mariadb_down_gives_japanese_503_then_recovers(demo_cert):
    s = session(demo_cert)
    instance("db-stop")
    try:
        r = s.get(url("/login"))
        assert r.status_code == 503
        assert "データベースに接続できません" in r.text
        assert r.headers.get("retry-after")
    finally:
        instance("db-restart")
    assert wait_for(lambda: s.get(url("/login")).status_code == 200)


@single_node("stops the one worker pool; in a cluster nginx passes to the other pool")
def test_workers_down_gives_japanese_503_not_502(demo_cert):
    pidfile = VAR / "run" / "mogamid.pid"
    master = int(pidfile.read_text())
    os.kill(master, signal.SIGTERM)
    assert wait_for(lambda: subprocess.run(["kill", "-0", str(master)],
                                           capture_output=True).returncode != 0)
    try:
        r = session(demo_cert).get(url("/"))
        assert r.status_code in (502, 503)
        assert "ただいま利用できません" in r.text
    finally:
        pidfile.unlink()
        sh(str(ROOT / "scripts" / "instance.sh"), "up", str(VAR), str(os.environ.get("MOGAMI_PORT", "8444")))
    assert wait_for(lambda: session(demo_cert).get(url("/login")).status_code == 200)


def test_migrations_rerun_is_noop():
    out = sh(str(ROOT / "build" / "mogamictl"), "-c", str(VAR / "mogami.conf"), "db", "migrate").stdout
    assert "0 applied" in out
