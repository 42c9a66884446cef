#!/usr/bin/python3
"""bench_dashboard.py: the council dashboard at scale (issue 8 / issue 9). Not a test: a
measurement. Starts its own instance (var/bench, port 8537 unless BENCH_PORT), generates ROWS
audit entries (default 2,000,000; 85% allowed record views) spread over the last 13 months
with SQL, with 60 facilities and 600 users, then times GET /dashboard (the default 12
months, server time as seen by the client, median of 7) in three states:

  live      the aggregate is empty: every view is counted from the audit log
  refresh   `mogamictl dashboard refresh` run twice (the scheduler's job)
  tail      after 20,000 more entries that the aggregate has not seen yet

and prints one line per figure. The region's other figures are generated too (issue 23):
BENCH_PATIENTS patients (default 50,000) each with a form 4 registered in the last 12 months,
a form 5 for one in twenty, an emergency access for one in fifty, a misuse report for one in
a hundred and a complaint for one in five hundred, written with SQL through the writers'
triggers. Then the dashboard at 8 connections (build/loadgen, BENCH_N requests, default 200)
after the refresh: req/s and mariadbd's CPU per request.

Usage: python3 tests/bench/bench_dashboard.py [ROWS] [--keep]
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PORT = os.environ.get("BENCH_PORT", "8537")
os.environ.update(MOGAMI_VAR=str(VAR), MOGAMI_PORT=PORT, MOGAMI_ROOT=str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ROWS = int(next((a for a in sys.argv[1:] if a.isdigit()), "2000000"))
PATIENTS = int(os.environ.get("BENCH_PATIENTS", "50000"))
N = int(os.environ.get("BENCH_N", "200"))
KEEP = "--keep" in sys.argv


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def instance(cmd):
    return run(str(ROOT / "scripts" / "instance.sh"), cmd, str(VAR), PORT)


def main():
    env = dict(os.environ)
    if not (VAR / "mogami.conf").exists():
        subprocess.run([str(ROOT / "scripts" / "instance.sh"), "up", str(VAR), PORT],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        # No sealing or refresh behind the benchmark's back: it times them itself.
        with open(VAR / "mogami.conf", "a") as f:
            f.write("jobs_audit_seal_secs = 0\njobs_dashboard_secs = 0\njobs_misuse_secs = 0\n")
    subprocess.run([str(ROOT / "scripts" / "instance.sh"), "up", str(VAR), PORT], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    import conftest as c

    have = int(c.sql("SELECT COUNT(*) FROM audit")[0][0])
    if have < ROWS:
        t0 = time.time()
        c.sql("INSERT IGNORE INTO facility (code, name, kind, in_region, disclosing, viewing)"
              " SELECT CONCAT('BF', seq), CONCAT('ベンチ施設', seq), ELT(1 + seq % 4, 'hospital',"
              " 'clinic', 'pharmacy', 'care_office'), seq % 10 <> 0, seq % 4 = 0, 1"
              " FROM seq_1_to_60")
        c.sql("INSERT IGNORE INTO users (login, name, facility_id, profession, password_hash)"
              " SELECT CONCAT('bench', seq), CONCAT('ベンチ ', seq), f.id, ELT(1 + seq % 4,"
              " 'physician', 'nurse', 'pharmacist', 'care_manager'), 'x' FROM seq_1_to_600"
              " JOIN facility f ON f.code = CONCAT('BF', IF(seq <= 500, 1 + seq % 50, 51 + seq % 10))")
        n = ROWS - have
        # One statement per 500,000 rows keeps the undo log small. Only the users of
        # facilities BF1-BF50 view: BF51-BF60 stay idle on purpose (the low-use list).
        for start in range(0, n, 500000):
            k = min(500000, n - start)
            c.sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type,"
                  " patient_id, purpose, outcome)"
                  f" SELECT UTC_TIMESTAMP(6) - INTERVAL ((seq * 7919) % (395 * 86400)) SECOND,"
                  f" u.id, u.login, u.facility_id, 'user',"
                  " IF(seq % 20 < 17, 'record.view', IF(seq % 20 < 19, 'patient.search', 'login')),"
                  " 'patient', 1 + seq % 100000, 'care', IF(seq % 50 = 0, 'denied', 'allowed')"
                  f" FROM seq_1_to_{k} s JOIN users u ON u.login = CONCAT('bench', 1 + (s.seq * 31) % 500)")
        c.sql("ANALYZE TABLE audit, facility, users")
        print(f"generated {n:,} audit entries in {time.time() - t0:.1f} s")
    have = int(c.sql("SELECT COUNT(*) FROM patient WHERE network_id LIKE 'B%'")[0][0])
    if have < PATIENTS:
        t0 = time.time()
        op = c.sql("SELECT id FROM users WHERE login = 'unei'")[0][0]
        for start in range(have, PATIENTS, 5000):
            k = min(5000, PATIENTS - start)
            seq = f"(SELECT seq + {start} AS seq FROM seq_1_to_{k}) s"
            c.sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date,"
                  " created_at) SELECT CONCAT('B', LPAD(seq, 9, '0')), 'ベンチ', 'ベンチ',"
                  f" 'べんち', 'F', '1950-01-01', UTC_TIMESTAMP(6) FROM {seq}")
            pat = (f"{seq} JOIN patient p ON p.network_id = CONCAT('B', LPAD(s.seq, 9, '0'))"
                   " JOIN facility f ON f.code = CONCAT('BF', 1 + s.seq % 50)")
            ago = "UTC_TIMESTAMP(6) - INTERVAL ((s.seq * 7919) % (360 * 86400)) SECOND"
            c.sql("INSERT INTO consent (patient_id, signed_on, facility_id, registered_at,"
                  f" registered_by, idem, status) SELECT p.id, CURDATE(), f.id, {ago}, {op},"
                  " SHA2(CONCAT('bench', s.seq), 256), ELT(1 + s.seq % 10, 'submitted',"
                  f" 'rejected', 'checked', 'checked', 'checked', 'checked', 'checked', 'checked',"
                  f" 'checked', 'checked') FROM {pat}")
            c.sql("INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, via,"
                  f" received_at, received_by, idem) SELECT CONCAT('RB', s.seq), p.id, CURDATE(),"
                  f" 'desk', {ago}, {op}, SHA2(CONCAT('benchr', s.seq), 256) FROM {pat}"
                  " WHERE s.seq % 20 = 0")
            c.sql("INSERT INTO emergency_access (patient_id, user_id, facility_id,"
                  " reason_category, reason_text, started_at, expires_at, review_status,"
                  f" followup_status, followup_due) SELECT p.id, {op}, f.id, 'unconscious',"
                  f" 'ベンチ', {ago}, {ago}, ELT(1 + s.seq % 3, 'pending', 'appropriate',"
                  " 'improper'), ELT(1 + s.seq % 3, 'open', 'consented', 'cannot'),"
                  f" '2099-01-01' FROM {pat} WHERE s.seq % 50 = 0")
            c.sql("INSERT INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits,"
                  f" created_at, status) SELECT 'odd_hours', {op}, f.id, CONCAT('bench', s.seq),"
                  f" 1, {ago}, ELT(1 + s.seq % 4, 'open', 'dismissed', 'guidance', 'warning')"
                  f" FROM {pat} WHERE s.seq % 100 = 0")
            c.sql("INSERT INTO complaint (receipt_no, complainant_kind, complainant_name,"
                  " contact_kind, channel, category, contents, received_at, received_by, due_on,"
                  " status, answered_at) SELECT CONCAT('CB', s.seq), 'patient', 'ベンチ', 'none',"
                  f" 'desk', 'other', 'ベンチ', {ago}, {op}, CURDATE(), IF(s.seq % 1000 = 0,"
                  f" 'answered', 'received'), IF(s.seq % 1000 = 0, {ago} + INTERVAL 2 DAY, NULL)"
                  f" FROM {pat} WHERE s.seq % 500 = 0")
        c.sql("ANALYZE TABLE patient, consent, consent_revocation, emergency_access,"
              " misuse_alert, complaint")
        print(f"generated {PATIENTS - have:,} patients and their consents etc. in"
              f" {time.time() - t0:.1f} s")
    c.sql("UPDATE dash_state SET done_id = 0, seen_id = 0 WHERE id = 1")
    c.sql("DELETE FROM dash_view_month")
    c.sql("DELETE FROM dash_view_day")
    c.sql("DELETE FROM dash_view_cum")      # issue 23: the running totals of dash_view_day
    total = int(c.sql("SELECT COUNT(*) FROM audit")[0][0])
    views = int(c.sql("SELECT COUNT(*) FROM audit WHERE action = 'record.view'")[0][0])

    class Demo:
        login = "kaicho"
        password = (VAR / "demo" / "kaicho.password").read_text().strip()
        cert = (str(VAR / "demo" / "kaicho.pem"), str(VAR / "demo" / "kaicho.key"))
    s = c.logged_in(Demo)

    def page(path="/dashboard", n=7):
        times = []
        for _ in range(n):
            t = time.perf_counter()
            r = s.get(c.url(path))
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.status_code
        return statistics.median(times), r

    def show(label, ms):
        print(f"{label:<58} {ms:9.1f} ms")

    def load(label, conns=8):
        """GET /dashboard at conns connections: req/s, p50/p99 and mariadbd's CPU a request."""
        lg = ROOT / "build" / "loadgen"
        if not lg.exists():
            run("make", "-C", str(ROOT), "build/loadgen")
        d = VAR / "demo"
        out = run(str(lg), "-p", PORT, "-C", str(d / "kaicho.pem"), "-K", str(d / "kaicho.key"),
                  "-c", str(conns), "-n", str(N), "-w", "2", "-l", "kaicho", "-P",
                  str(d / "kaicho.password"), "-j", "dashboard", "-u",
                  "mariadbd=" + (VAR / "run" / "mysqld.pid").read_text().strip(), "-u",
                  "workers=" + (VAR / "run" / "mogamid.pid").read_text().strip() + "+",
                  "/dashboard").stdout
        j = json.loads(out.strip().splitlines()[-1])
        print(f"{'GET /dashboard at %d connections, ' % conns + label:<58}"
              f" {j.get('rps', 0):9.1f} req/s  {json.dumps(j)}")

    print(f"audit entries: {total:,} ({views:,} record views); 12-month dashboard, median of 7")
    show("GET /dashboard, live (empty aggregate)", page(n=3)[0])
    t = time.perf_counter()
    ctl = [str(ROOT / "build" / "mogamictl"), "-c", str(VAR / "mogami.conf"), "dashboard",
           "refresh"]
    run(*ctl)
    run(*ctl)
    show(f"mogamictl dashboard refresh (first, {total:,} entries)", (time.perf_counter() - t) * 1000)
    ms, r = page()
    show("GET /dashboard, aggregate", ms)
    show("GET /dashboard/chart?name=views, aggregate", page("/dashboard/chart?name=views")[0])
    show("GET /dashboard?format=csv&table=views_facility",
         page("/dashboard?format=csv&table=views_facility")[0])
    show("GET /dashboard/report (last month)", page("/dashboard/report")[0])
    load("aggregate")
    c.sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, outcome)"
          " SELECT UTC_TIMESTAMP(6) - INTERVAL seq SECOND, 3, 'tail', 1, 'user', 'record.view',"
          " 'allowed' FROM seq_1_to_20000")
    show("GET /dashboard, aggregate + 20,000 entries not yet counted", page()[0])
    load("aggregate + 20,000 entries not yet counted")
    t = time.perf_counter()
    run(*ctl)
    show("mogamictl dashboard refresh (incremental, nothing new)", (time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    run(*ctl)
    show("mogamictl dashboard refresh (incremental, 20,000 entries)", (time.perf_counter() - t) * 1000)
    if not KEEP:
        instance("down")


if __name__ == "__main__":
    main()
