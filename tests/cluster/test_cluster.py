"""test_cluster.py: the Galera cluster (make test-cluster): one audit chain under two
sealers on two nodes; no acknowledged write lost when a database node and a worker pool
are killed under write load; the killed node rejoins by IST."""
import os
import re
import subprocess
import sys
import threading
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from conftest import (VAR, ROOT, CLUSTER, url, sql, ctl, make_user, logged_in,  # noqa: E402
                      page_csrf, wait_for, session)

pytestmark = pytest.mark.skipif(not CLUSTER, reason="needs make test-cluster")

CONF_B = str(VAR / "mogami-b.conf")     # pool b's settings: Galera node 2


def node_sock(n):
    return VAR / f"node{n}" / "mysqld.sock"


def cluster(*args):
    return subprocess.run([str(ROOT / "scripts" / "cluster.sh"), args[0], str(VAR), *args[1:]],
                          check=True, capture_output=True, text=True).stdout


def status(n, name):
    return sql(f"SHOW STATUS LIKE '{name}'", sock=node_sock(n))[0][1]


def seal(conf=None):
    cmd = [str(ROOT / "build" / "mogamictl"), "-c", conf or str(VAR / "mogami.conf"),
           "audit", "seal"]
    return subprocess.run(cmd, capture_output=True, text=True)


def verify():
    r = ctl("audit", "verify", check=False)
    return r.returncode, r.stdout + r.stderr


def conflicts():
    """Certification failures and brute-force aborts on nodes 1 and 2 so far."""
    return sum(int(status(n, v)) for n in (1, 2)
               for v in ("wsrep_local_cert_failures", "wsrep_local_bf_aborts"))


def test_cluster_is_three_synced_nodes():
    for n in (1, 2, 3):
        assert status(n, "wsrep_cluster_size") == "3"
        assert status(n, "wsrep_local_state_comment") == "Synced"


def test_every_table_is_innodb_with_a_primary_key():
    """Galera replicates rows by primary key, and only InnoDB tables."""
    bad = sql("SELECT t.table_name, t.engine FROM information_schema.tables t "
              "WHERE t.table_schema = 'mogami' AND t.table_type = 'BASE TABLE' AND "
              "(t.engine <> 'InnoDB' OR NOT EXISTS (SELECT 1 FROM "
              "information_schema.table_constraints c WHERE c.table_schema = t.table_schema "
              "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'))")
    assert bad == []


def test_two_sealers_on_two_nodes_make_one_chain():
    """Sealers on nodes 1 and 2 at once, while entries arrive on both: one valid chain.

    The head row's lock is node-local, so the two conflict at certification: the
    loser gets 1213 and seals its batch again from the start."""
    before = conflicts()
    stop = threading.Event()

    def writer(n):      # 20 x 100 entries on each node while the sealers run
        for _ in range(20):
            if stop.is_set():
                return
            sql("INSERT INTO audit (ts, action, outcome) SELECT UTC_TIMESTAMP(6), "
                "'test.cluster.seal', 'allowed' FROM seq_1_to_100", sock=node_sock(n))
            time.sleep(0.1)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    results = []
    try:
        while any(t.is_alive() for t in threads):
            procs = [subprocess.Popen([str(ROOT / "build" / "mogamictl"), "-c", c, "audit", "seal"],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                     for c in (str(VAR / "mogami.conf"), CONF_B)]
            results += [(p.wait(timeout=120), p.stdout.read()) for p in procs]
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert results and all(rc == 0 for rc, _ in results), results
    assert seal().returncode == 0
    rc, out = verify()
    assert rc == 0, out
    assert sql("SELECT COUNT(*) FROM audit WHERE seq IS NULL "
               "AND action = 'test.cluster.seal'") == [["0"]]
    # One chain on every node: the same head everywhere.
    heads = {tuple(sql("SELECT seq, hash FROM audit_chain", sock=node_sock(n))[0])
             for n in (1, 2, 3)}
    assert len(heads) == 1, heads
    print(f"conflicts while sealing on two nodes: {conflicts() - before}")


def test_kill_node_and_pool_under_write_load_loses_no_acknowledged_write():
    """kill -9 Galera node 2 and worker pool b (host 2 dies) while complaints are filed
    through nginx over both pools: every complaint acknowledged (303 to its page) is on
    nodes 1 and 3, and on node 2 after it rejoins by IST; the audit chain verifies."""
    users = [make_user(role="user") for _ in range(6)]
    sessions = [logged_in(u) for u in users]
    run = f"{os.getpid()}-{int(time.time())}"
    acked, failed, stop = [], [], threading.Event()
    killed_at = []

    def filer(i, s):
        k = 0
        while not stop.is_set():
            k += 1
            token = f"cluster-{run}-{i}-{k}"
            try:
                html = s.get(url("/desk/complaints/new"), timeout=30).text
                idem = re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)
                csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
                r = s.post(url("/desk/complaints/new"), timeout=30, allow_redirects=False,
                           data={"csrf": csrf, "idem": idem, "contact_kind": "none",
                                 "category": "privacy", "contents": token})
                ok = r.status_code == 303 and "id=" in r.headers.get("location", "")
            except Exception:
                ok = False
            (acked if ok else failed).append((token, time.time()))

    threads = [threading.Thread(target=filer, args=(i, s)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    try:
        time.sleep(4)
        log = VAR / "node2" / "mariadb.log"
        log_from = log.stat().st_size
        killed_at.append(time.time())
        cluster("kill-node", "2")
        cluster("kill-pool", "b")
        time.sleep(12)
    finally:
        stop.set()
        for t in threads:
            t.join()
    after = [t for t, at in acked if at > killed_at[0] + 1]
    print(f"acknowledged {len(acked)} ({len(after)} after the kill), failed {len(failed)}")
    assert len(acked) >= 20 and len(after) >= 5, (len(acked), len(after), len(failed))
    want = {t for t, _ in acked}

    def present(n):
        return {r[0] for r in sql(f"SELECT contents FROM complaint WHERE contents LIKE "
                                  f"'cluster-{run}-%'", sock=node_sock(n))}

    for n in (1, 3):
        assert status(n, "wsrep_cluster_size") == "2"
        missing = want - present(n)
        assert not missing, f"node {n} lost acknowledged writes: {sorted(missing)[:5]}"
    # Node 2 rejoins from its recovered position: an incremental transfer (IST).
    cluster("start-node", "2")
    assert status(2, "wsrep_cluster_size") == "3"
    assert not want - present(2)
    text = log.read_bytes()[log_from:].decode(errors="replace")
    # (the rsync script runs either way; with a recovered position it only does IST)
    assert "IST received" in text and "rsync IST completed on joiner" in text, text[-2000:]
    assert "rsync SST completed" not in text, "node 2 took a full copy (SST)"
    # Pool b comes back; every acknowledged write's audit entry is sealed into the chain.
    assert seal().returncode == 0
    rc, out = verify()
    assert rc == 0, out
    assert wait_for(lambda: session(users[0].cert).get(url("/login")).status_code == 200)
