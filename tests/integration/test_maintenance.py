"""Maintenance (A15): planned windows announced ahead and closing the service while they run,
the unplanned switch, and MariaDB stopped and started while requests run."""
import datetime as dt
import re
import threading
import time

import pytest

from conftest import (ctl, clock_set, instance, logged_in, make_user, page_csrf, session, sql, url,
                      wait_for, single_node)


@pytest.fixture(scope="module")
def people():
    return {"op": make_user("operator", profession="contract_employee"), "user": make_user("user")}


@pytest.fixture(autouse=True)
def tidy():
    yield
    clock_set(0)
    # Never leave a window behind for the suites that move the clock after this one.
    sql("UPDATE maintenance SET cancelled_at = UTC_TIMESTAMP(6) WHERE cancelled_at IS NULL")
    sql("UPDATE maintenance SET ends_at = UTC_TIMESTAMP() WHERE ends_at IS NULL")


def jst(minutes_from_now):
    t = dt.datetime.utcnow() + dt.timedelta(hours=9, minutes=minutes_from_now)
    return t.strftime("%Y-%m-%dT%H:%M")


def test_A15_planned_window_announced_then_closes_service_except_operator(people):
    op = logged_in(people["op"])
    r = op.post(url("/admin/maintenance/new"), data={
        "csrf": page_csrf(op), "title": "サーバ機器の交換", "starts": jst(120), "ends": jst(180),
        "announce_days": "7"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    # before: every page announces it, and works
    u = logged_in(people["user"])
    home = u.get(url("/"))
    assert home.status_code == 200 and 'id="maint-banner"' in home.text and "サーバ機器の交換" in home.text
    # during: the user sees the Japanese maintenance page with its expected end
    clock_set(121 * 60)
    u = logged_in(people["user"])
    for path in ("/", "/records", "/patients"):
        r = u.get(url(path), allow_redirects=False)
        assert r.status_code == 503, path
        assert "メンテナンス中" in r.text and 'id="maint-ends"' in r.text
        assert 0 < int(r.headers["Retry-After"]) <= 3600
    # the operator goes on working
    op = logged_in(people["op"])
    r = op.get(url("/admin/maintenance"))
    assert r.status_code == 200 and 'id="maint-active"' in r.text
    # after: service again, no banner
    clock_set(181 * 60)
    u = logged_in(people["user"])
    r = u.get(url("/"))
    assert r.status_code == 200 and 'id="maint-banner"' not in r.text


def test_A15_planned_window_not_announced_before_its_time(people):
    op = logged_in(people["op"])
    r = op.post(url("/admin/maintenance/new"), data={
        "csrf": page_csrf(op), "title": "来月の作業", "starts": jst(20 * 24 * 60), "ends": jst(20 * 24 * 60 + 60),
        "announce_days": "7"}, allow_redirects=False)
    assert r.status_code == 303
    u = logged_in(people["user"])
    assert 'id="maint-banner"' not in u.get(url("/")).text
    clock_set(14 * 86400)
    u = logged_in(people["user"])
    assert "来月の作業" in u.get(url("/")).text
    # cancelled: the banner goes
    wid, ver = sql("SELECT id, version FROM maintenance WHERE title = '来月の作業'")[-1]
    op = logged_in(people["op"])
    assert op.post(url("/admin/maintenance/cancel"), data={"csrf": page_csrf(op), "id": wid, "version": ver},
                   allow_redirects=False).status_code == 303
    assert "来月の作業" not in u.get(url("/")).text


def test_A15_bad_window_gets_field_errors_and_nothing_written(people):
    op = logged_in(people["op"])
    before = sql("SELECT COUNT(*) FROM maintenance")[0][0]
    r = op.post(url("/admin/maintenance/new"), data={
        "csrf": page_csrf(op), "title": "過去", "starts": jst(-60), "ends": jst(-120), "announce_days": "7"})
    assert r.status_code == 422
    assert 'id="err-starts"' in r.text and 'id="err-ends"' in r.text and "過去" in r.text
    assert sql("SELECT COUNT(*) FROM maintenance")[0][0] == before
    u = logged_in(people["user"])
    assert u.post(url("/admin/maintenance/switch"), data={"csrf": page_csrf(u), "on": "1"},
                  allow_redirects=False).status_code == 403


def test_A15_unplanned_switch_at_once(people):
    u = logged_in(people["user"])
    assert u.get(url("/")).status_code == 200
    assert "maintenance on" in ctl("maintenance", "on", "ネットワーク障害").stdout
    r = u.get(url("/"), allow_redirects=False)
    assert r.status_code == 503 and "ネットワーク障害" in r.text and r.headers.get("Retry-After")
    # the login page still answers, so the operator can come in
    assert session(people["op"].cert).get(url("/login")).status_code == 200
    op = logged_in(people["op"])
    assert op.get(url("/")).status_code == 200
    # the operator switches it off from the page
    r = op.post(url("/admin/maintenance/switch"), data={"csrf": page_csrf(op), "on": "0"},
                allow_redirects=False)
    assert r.status_code == 303
    assert u.get(url("/")).status_code == 200
    acts = [a for (a,) in sql("SELECT action FROM audit WHERE action LIKE 'maintenance.%' ORDER BY id DESC LIMIT 2")]
    assert acts == ["maintenance.off", "maintenance.on"]


@single_node("stops the one MariaDB; tests/cluster kills a Galera node under load instead")
def test_A15_mariadb_stopped_and_started_while_requests_run(people):
    s = session(people["user"].cert)
    seen, stop = [], threading.Event()

    def hammer():
        c = session(people["user"].cert)
        while not stop.is_set():
            try:
                r = c.get(url("/login"), timeout=10)
                seen.append((r.status_code, r.text))
            except Exception as e:          # a refused connection would be a finding too
                seen.append((0, repr(e)))
            time.sleep(0.02)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    instance("db-stop")
    time.sleep(1.0)
    instance("db-restart")
    assert wait_for(lambda: s.get(url("/login")).status_code == 200, timeout=30)
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    codes = [c for c, _ in seen]
    assert set(codes) <= {200, 503}, sorted(set(codes))
    assert 503 in codes and codes[-1] == 200
    for c, text in seen:
        if c == 503:
            assert "データベースに接続できません" in text or "ただいま利用できません" in text
