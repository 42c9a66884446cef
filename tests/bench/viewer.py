#!/usr/bin/python3
"""viewer.py: how fast a patient's page stays with 5,000 records (issue 6). Not a test: it
prints figures. Against a running instance (make run, or a test instance):

    MOGAMI_VAR=var MOGAMI_PORT=8443 tests/bench/viewer.py [REQUESTS]

It makes a patient with a small imported tree, clones 5,000 records (and as many lab
results and prescriptions) into it with SQL, then times REQUESTS GETs per section over one
keep-alive TLS connection and prints p50/p95 in milliseconds."""
import os
import pathlib
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "integration")]
os.environ.setdefault("MOGAMI_ROOT", str(HERE.parents[1]))

from conftest import make_user, sql, url   # noqa: E402
from test_viewer import make_patient, SECTIONS   # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
RECORDS = 5000


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


def main():
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
