#!/usr/bin/python3
"""viewer.py: how fast a patient's page stays with 5,000 records (issue 6), and each
section over a pool of patients (issue 23). Not a test: it prints figures. Against a
running instance (make run, a test instance, or make bench's var/bench-instance):

    MOGAMI_VAR=var MOGAMI_PORT=8443 tests/bench/viewer.py [REQUESTS]
    MOGAMI_VAR=var/bench-instance MOGAMI_PORT=8560 tests/bench/viewer.py --pool [REQUESTS]

It makes a patient with a small imported tree, clones 5,000 records (and as many lab
results and prescriptions) into it with SQL, then times REQUESTS GETs per section over one
keep-alive TLS connection and prints p50/p95 in milliseconds.

With --pool it takes up to POOL (1,000) consented patients with records from the region
instead (those with lab results first), finds each one's handle through the records search
and times REQUESTS GETs per section, each request's patient drawn from the pool at random:
one patient asked again and again keeps its rows in every cache, a region's users do not."""
import os
import pathlib
import random
import re
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "integration")]
os.environ.setdefault("MOGAMI_ROOT", str(HERE.parents[1]))

from conftest import make_user, sql, url   # noqa: E402
from test_viewer import make_patient, SECTIONS   # noqa: E402

ARGS = [a for a in sys.argv[1:] if a != "--pool"]
N = int(ARGS[0]) if ARGS else 200
RECORDS = 5000
POOL = 1000


def seed(pid):
    """RECORDS more current records cloned from the patient's first lab message."""
    base = sql(f"SELECT MIN(r.id) FROM record r JOIN patient_link l ON l.id = r.link_id "
               f"WHERE l.patient_id = {pid} AND r.kind = 'lab'")[0][0]
    sql("INSERT INTO record (facility_id, link_id, file_id, kind, data_type, msg_type, order_no,"
        " order_key, dept, flag, cancelled, care_date, occurred_at, message_ts, title, summary,"
        " status, source_path, file_sha256, raw_message, imported_at)"
        " SELECT r.facility_id, r.link_id, r.file_id, IF(s.seq % 2, 'lab', 'prescription'),"
        " r.data_type, r.msg_type, CONCAT('B', s.seq), CONCAT('B', s.seq), r.dept, 1, 0,"
        " r.care_date, '2010-01-01' + INTERVAL s.seq HOUR, r.message_ts,"
        " CONCAT('ベンチ', s.seq), r.summary, 'current', r.source_path, r.file_sha256,"
        " r.raw_message, r.imported_at"
        f" FROM record r JOIN seq_1_to_{RECORDS} s WHERE r.id = {base}")
    sql("INSERT INTO record_lab (record_id, link_id, seq, code, name, value, value_num, unit,"
        " range_low, range_high, range_text, flag, observed_at)"
        " SELECT r.id, r.link_id, 1, '3A010000002327101', '総蛋白', ROUND(6 + RAND() * 3, 1),"
        " NULL, 'g/dl', 6.7, 8.3, '6.7-8.3', NULL, r.occurred_at FROM record r"
        " JOIN patient_link l ON l.id = r.link_id"
        f" WHERE l.patient_id = {pid} AND r.order_no LIKE 'B%' AND r.kind = 'lab'")
    sql("UPDATE record_lab x JOIN patient_link l ON l.id = x.link_id SET x.value_num = x.value"
        f" WHERE l.patient_id = {pid} AND x.value_num IS NULL")
    sql("INSERT INTO record_med (record_id, link_id, seq, drug_name, dose, unit, route, days)"
        " SELECT r.id, r.link_id, 1, 'ベンチ錠5mg', '1', '錠', '経口', 7 FROM record r"
        " JOIN patient_link l ON l.id = r.link_id"
        f" WHERE l.patient_id = {pid} AND r.order_no LIKE 'B%' AND r.kind = 'prescription'")
    return int(sql(f"SELECT COUNT(*) FROM record r JOIN patient_link l ON l.id = r.link_id "
                   f"WHERE l.patient_id = {pid}")[0][0])


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def pool():
    """Each section over up to POOL consented patients, one drawn at random per request."""
    from conftest import logged_in
    nids = [r[0] for r in sql(
        "SELECT p.network_id FROM patient p WHERE p.status = 'active'"
        " AND EXISTS (SELECT 1 FROM consent c WHERE c.patient_id = p.id AND c.status = 'checked'"
        "  AND c.all_viewing = 1)"
        " AND EXISTS (SELECT 1 FROM patient_link l JOIN record r ON r.link_id = l.id"
        "  WHERE l.patient_id = p.id)"
        " ORDER BY EXISTS (SELECT 1 FROM patient_link l JOIN record_lab x ON x.link_id = l.id"
        f"  WHERE l.patient_id = p.id) DESC, RAND(42) LIMIT {POOL}")]
    s = logged_in(make_user("user", facility="DEMO01"))
    handles = []
    for nid in nids:
        m = re.search(r"\?p=([A-Za-z0-9]{22})", s.get(url("/records"), params={"q": nid}).text)
        if m:
            handles.append(m.group(1))
    print(f"viewer bench: a pool of {len(handles)} consented patients, {N} requests per section")
    rnd = random.Random(42)
    for sec in SECTIONS:
        times = []
        for _ in range(N):
            q = f"/records/patient?p={rnd.choice(handles)}&purpose=care&section={sec}"
            t = time.perf_counter()
            r = s.get(url(q))
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (sec, r.status_code)
        print(f"  {sec:18s} p50 {pct(times, 50):6.2f} ms  p95 {pct(times, 95):6.2f} ms  "
              f"p99 {pct(times, 99):6.2f} ms")


def main():
    if "--pool" in sys.argv[1:]:
        return pool()
    user = make_user("user", facility="DEMO01")
    with tempfile.TemporaryDirectory() as tmp:
        p = make_patient({"hosp": user}, pathlib.Path(tmp))
    n = seed(p.pid)
    print(f"viewer bench: patient with {n} records, {N} requests per section")
    s = p.hosp
    for sec in SECTIONS + ["timeline&page=50"]:
        name, extra = (sec.split("&") + [""])[:2]
        q = f"/records/patient?p={p.handle}&purpose=care&section={name}" + (f"&{extra}" if extra else "")
        r = s.get(url(q))
        assert r.status_code == 200, r.status_code
        times = []
        for _ in range(N):
            t = time.perf_counter()
            r = s.get(url(q))
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
        print(f"  {sec:18s} {len(r.content):7d} B  p50 {pct(times, 50):6.2f} ms  "
              f"p95 {pct(times, 95):6.2f} ms")


if __name__ == "__main__":
    main()
