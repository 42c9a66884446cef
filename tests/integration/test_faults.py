"""test_faults.py: the fast faults of the security suite (docs/security.md) against the real stack: a worker SIGKILLed
mid-request, mariadbd SIGKILLed under write load, slow clients holding connections.
Figures: acknowledged writes lost (0), requests answered 500 (0), time to recover.
The full disk is in scripts/attack.sh (it needs an instance of its own)."""
import os
import re
import signal
import socket
import ssl
import subprocess
import threading
import time

import pytest

from conftest import (VAR, figure, url, session, sql, instance, logged_in, make_user,
                      page_csrf, worker_pids, wait_for, single_node)


def fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def hold_lock(table, secs):
    """A root client holding a write lock on table for secs: requests that read it wait."""
    p = subprocess.Popen(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-uroot",
                          "mogami", "-e",
                          f"LOCK TABLES `{table}` WRITE; SELECT SLEEP({secs}); UNLOCK TABLES;"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    return p


@single_node("finds the worker of the one pool by its descriptors; tests/cluster kills pool b under load")
def test_worker_sigkill_mid_request_japanese_503_and_pool_respawns(demo_cert):
    before = worker_pids()
    assert len(before) >= 2
    base = {pid: fds(pid) for pid in before}
    lock = hold_lock("cert", 4)
    result = {}

    def slow():
        result["r"] = session(demo_cert).get(url("/login"), timeout=30)
    t = threading.Thread(target=slow)
    t.start()
    # the worker serving it holds one more descriptor (the FastCGI connection)
    busy = None
    end = time.time() + 3
    while busy is None and time.time() < end:
        for pid in before:
            if fds(pid) > base[pid]:
                busy = pid
        time.sleep(0.05)
    assert busy, "no worker took the request"
    t0 = time.time()
    os.kill(busy, signal.SIGKILL)
    t.join(20)
    r = result["r"]
    assert r.status_code == 503, r.status_code
    assert "ただいま利用できません" in r.text and r.headers.get("retry-after")
    lock.wait(10)
    assert wait_for(lambda: len(worker_pids()) == len(before) and busy not in worker_pids())
    s = session(demo_cert)
    assert wait_for(lambda: s.get(url("/login")).status_code == 200)
    recover = time.time() - t0
    for _ in range(2 * len(before)):
        assert s.get(url("/login")).status_code == 200
    figure("worker SIGKILL mid-request: answer", r.status_code)
    figure("worker SIGKILL: seconds to recover", f"{recover:.1f}")


@single_node("kills the one MariaDB; tests/cluster kills a Galera node under write load")
def test_mariadbd_sigkill_under_write_load_no_acknowledged_write_lost():
    desk = make_user("desk", profession="contract_employee")
    sessions = [logged_in(desk) for _ in range(3)]
    acked, statuses, lock = [], [], threading.Lock()
    stop = threading.Event()
    tag = f"fault-{os.getpid()}-{int(time.time())}"

    def writer(s, k):
        n = 0
        while not stop.is_set():
            n += 1
            name = f"{tag}-{k}-{n}"
            try:
                page = s.get(url("/desk/complaints/new"), timeout=20)
                statuses.append(page.status_code)
                m = re.search(r'name="idem" value="([0-9a-f]{64})"', page.text)
                tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
                if not m or not tok:
                    time.sleep(0.1)
                    continue
                r = s.post(url("/desk/complaints/new"), data={
                    "csrf": tok.group(1), "idem": m.group(1), "from": "patient", "name": name,
                    "contact_kind": "none", "channel": "desk", "category": "other",
                    "contents": "障害試験"}, allow_redirects=False, timeout=20)
                statuses.append(r.status_code)
                if r.status_code == 303:
                    with lock:
                        acked.append(name)
            except Exception as e:      # a connection reset is not an answer
                statuses.append(type(e).__name__)
                time.sleep(0.1)
    threads = [threading.Thread(target=writer, args=(s, k)) for k, s in enumerate(sessions)]
    for t in threads:
        t.start()
    time.sleep(2)
    mysqld = int((VAR / "run" / "mysqld.pid").read_text())
    os.kill(mysqld, signal.SIGKILL)
    t0 = time.time()
    time.sleep(1)
    instance("db-restart")
    n0 = len(acked)
    assert wait_for(lambda: len(acked) > n0 + 3, timeout=60), "writes did not resume"
    recover = time.time() - t0
    stop.set()
    for t in threads:
        t.join(30)
    names = {row[0] for row in sql(f"SELECT complainant_name FROM complaint WHERE complainant_name LIKE '{tag}-%'")}
    lost = [n for n in acked if n not in names]
    five = sum(1 for x in statuses if x == 500)
    print(f"faults: {len(acked)} acknowledged writes, {len(lost)} lost, "
          f"{five} answered 500, recovered in {recover:.1f} s; statuses "
          f"{sorted(set(map(str, statuses)))}")
    figure("mariadbd SIGKILL: acknowledged writes", len(acked))
    figure("mariadbd SIGKILL: acknowledged writes lost", len(lost))
    figure("mariadbd SIGKILL: requests answered 500", five)
    figure("mariadbd SIGKILL: seconds to recover", f"{recover:.1f}")
    assert not lost and five == 0


def test_slow_clients_holding_connections_do_not_starve_others(demo_cert):
    """200 clients that open TLS and send half a request header, a byte now and then:
    nginx (event-driven, client_header_timeout 15 s) keeps serving everyone else."""
    ctx = ssl.create_default_context(cafile=str(VAR / "pki" / "ca.pem"))
    port = int(url("").rsplit(":", 1)[1])
    slow = []
    for _ in range(200):
        try:
            raw = socket.create_connection(("127.0.0.1", port), timeout=5)
            c = ctx.wrap_socket(raw, server_hostname="localhost")
            c.sendall(b"GET /login HTTP/1.1\r\nHost: localhost\r\n")
            slow.append(c)
        except OSError:
            break
    try:
        s = session(demo_cert)
        worst = 0.0
        for _ in range(10):
            for c in slow[:50]:
                try:
                    c.sendall(b"X-a: b\r\n")
                except OSError:
                    pass
            t = time.time()
            r = s.get(url("/login"), timeout=10)
            worst = max(worst, time.time() - t)
            assert r.status_code == 200
    finally:
        for c in slow:
            c.close()
    print(f"slow clients: {len(slow)} held, 10 others served, slowest {worst:.2f} s")
    figure("slow clients held", len(slow))
    figure("slow clients: slowest other request (s)", f"{worst:.2f}")
    assert len(slow) >= 150 and worst < 3
