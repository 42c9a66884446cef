"""test_dashboard_counts.py: the council dashboard (A19: the council decides on the use of the
network from its figures) reads counts kept ahead, never the tables that grow with the region
(issue 23).

The figures of consents, revocations, emergency accesses, misuse reports, complaints and users
are kept by their writers' own transactions (database triggers, db/migrations/0034), so each
write shows on the very next request whoever wrote it (a page, mogamictl, SQL); record views
are counted ahead from the audit log by `mogamictl dashboard refresh` and only the audit rows
after its last batch are counted live, read by the primary key. `mogamictl dashboard verify`
recomputes every kept count from its source tables.
"""
import json
import os
import re

import pytest

from conftest import ctl, logged_in, make_user, single_node, sql, url
from test_audit_chain import scheduler_paused
from test_dashboard import Demo, kpi, rows
from test_desk import receive
from test_emergency import start
from test_patients import register_consent, register_patient, revoke_at_desk
from test_plans import aliases, qraw, restart_workers

# The tables a dashboard statement may read: kept counts, code lists, member facilities.
KEPT = {"dash_view_month", "dash_view_day", "dash_view_cum", "dash_state", "dash_consent_month",
        "dash_consent_cum", "dash_emergency_month", "dash_misuse_month", "dash_complaint_value",
        "dash_user"}
FIXED = {"facility", "profession", "misuse_rule"}
# The sources of the figures: a dashboard statement names none of them.
SOURCES = {"consent", "consent_revocation", "emergency_access", "misuse_alert", "complaint",
           "user_role"}
# How a statement may read any other table that grows with the region (the request's
# session and user, a counted view's viewer): one row by a unique key.
BY_KEY = {"const", "eq_ref", "system"}


@pytest.fixture(scope="module")
def kaicho():
    return logged_in(Demo("kaicho"))


def page(s):
    """The default period (the 12 months up to this one): its figures as {table: rows}."""
    r = s.get(url("/dashboard"))
    assert r.status_code == 200, r.text[:300]
    t = r.text
    out = {n: rows(t, n) for n in ("consents", "emergency", "misuse", "complaints", "users",
                                   "use")}
    out["k"] = {k: kpi(t, k) for k in ("consents", "revoked", "emergency", "pending", "alerts",
                                       "alerts-open", "complaints", "complaints-open",
                                       "overdue")}
    return out


def total(p, table, col):
    return int(p[table]["total"][col])


def verify():
    return ctl("dashboard", "verify", check=False)


def fac(code):
    return int(sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0])


def test_A19_each_writer_shows_on_the_dashboard_at_once(kaicho):
    """Form 4, its rejection, form 5, an emergency access and its review, a complaint and its
    answer, a misuse report and its decision, a user added and disabled: each moves its
    figure on the next request (no refresh run between)."""
    hosp_u = make_user("user", facility="DEMO01")
    hosp = logged_in(hosp_u)
    p0 = page(kaicho)
    use0 = int(p0["use"][f"f{fac('DEMO01')}"][5])

    # Form 4 at DEMO01 (the page writes it).
    h, ident, pid = register_patient(hosp)
    register_consent(hosp, h)
    p1 = page(kaicho)
    assert total(p1, "consents", 1) == total(p0, "consents", 1) + 1
    assert p1["k"]["consents"] == p0["k"]["consents"] + 1
    assert int(p1["use"][f"f{fac('DEMO01')}"][5]) == use0 + 1        # consents in 90 days
    # Found void by the office (any writer: here SQL).
    sql(f"UPDATE consent SET status = 'rejected' WHERE patient_id = {pid}")
    p2 = page(kaicho)
    assert total(p2, "consents", 2) == total(p1, "consents", 2) + 1
    assert total(p2, "consents", 1) == total(p1, "consents", 1)

    # Form 5 at the desk.
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    revoke_at_desk(desk, ident)
    p3 = page(kaicho)
    assert total(p3, "consents", 3) == total(p2, "consents", 3) + 1
    assert p3["k"]["revoked"] == p2["k"]["revoked"] + 1

    # An emergency access (A14) by a physician of DEMO02, then the operator's review.
    er = logged_in(make_user("user", facility="DEMO02", profession="physician"))
    _, ident2, pid2 = register_patient(hosp)
    r = start(er, kana=ident2["kana"], birth_date=ident2["birth_date"], sex=ident2["sex"])
    assert r.status_code == 303, r.text[:300]
    p4 = page(kaicho)
    assert total(p4, "emergency", 1) == total(p3, "emergency", 1) + 1
    assert total(p4, "emergency", 2) == total(p3, "emergency", 2) + 1       # pending
    assert total(p4, "emergency", 5) == total(p3, "emergency", 5) + 1       # follow-up open
    sql(f"UPDATE emergency_access SET review_status = 'appropriate', followup_status ="
        f" 'consented' WHERE patient_id = {pid2}")
    p5 = page(kaicho)
    assert total(p5, "emergency", 2) == total(p4, "emergency", 2) - 1
    assert total(p5, "emergency", 3) == total(p4, "emergency", 3) + 1
    assert total(p5, "emergency", 6) == total(p4, "emergency", 6) + 1
    assert total(p5, "emergency", 1) == total(p4, "emergency", 1)

    # A complaint received at the desk, then answered.
    r = receive(desk)
    assert r.status_code == 303, r.text[:300]
    cid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    p6 = page(kaicho)
    assert total(p6, "complaints", 1) == total(p5, "complaints", 1) + 1
    assert total(p6, "complaints", 4) == total(p5, "complaints", 4) + 1     # open
    sql(f"UPDATE complaint SET status = 'answered', answered_at = received_at + INTERVAL 1 DAY"
        f" WHERE id = {cid}")
    p7 = page(kaicho)
    assert total(p7, "complaints", 2) == total(p6, "complaints", 2) + 1     # answered
    assert total(p7, "complaints", 4) == total(p6, "complaints", 4) - 1

    # A misuse report as the scan writes it, then the operator's decision.
    uid = sql(f"SELECT id FROM users WHERE login = '{hosp_u.login}'")[0][0]
    sql("INSERT INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits, created_at)"
        f" VALUES ('odd_hours', {uid}, {fac('DEMO01')}, 'dashcount-{uid}', 1,"
        " UTC_TIMESTAMP(6))")
    p8 = page(kaicho)
    assert total(p8, "misuse", 1) == total(p7, "misuse", 1) + 1
    assert int(p8["misuse"]["odd_hours"][2]) == int(p7["misuse"]["odd_hours"][2]) + 1
    sql(f"UPDATE misuse_alert SET status = 'warning' WHERE dedup_key = 'dashcount-{uid}'")
    p9 = page(kaicho)
    assert total(p9, "misuse", 2) == total(p8, "misuse", 2) - 1
    assert total(p9, "misuse", 5) == total(p8, "misuse", 5) + 1

    # A user added, then disabled (mogamictl).
    login = f"dashcount{os.getpid()}"
    ctl("user", "add", "--login", login, "--name", "試験 集計", "--facility", "DEMO02",
        "--role", "user", "--profession", "pharmacist")
    p10 = page(kaicho)
    assert total(p10, "users", 3) == total(p9, "users", 3) + 1
    assert int(p10["users"]["pharmacist"][3]) == int(p9["users"].get(
        "pharmacist", ["", "0", "0", "0"])[3]) + 1
    ctl("user", "disable", login)
    assert total(page(kaicho), "users", 3) == total(p9, "users", 3)
    assert verify().returncode == 0


def test_A19_dashboard_verify_finds_a_tampered_count_and_rebuild_repairs_it(kaicho):
    """verify exits 0 after a mixed sequence of writes (inserts, updates, deletes, a consent
    moved to another month) and 1 after a kept count is tampered with; the page shows what is
    kept (it does not count the source); refresh --rebuild puts it right."""
    hosp = logged_in(make_user("user", facility="DEMO01"))
    h, ident, pid = register_patient(hosp)
    register_consent(hosp, h)
    op = sql("SELECT id FROM users WHERE login = 'unei'")[0][0]
    # a role given and taken back
    ctl("user", "add", "--login", f"dashverify{pid}", "--name", "試験 検証", "--facility",
        "DEMO01", "--role", "desk", "--profession", "nurse")
    vid = sql(f"SELECT id FROM users WHERE login = 'dashverify{pid}'")[0][0]
    sql(f"INSERT INTO user_role (user_id, role) VALUES ({vid}, 'user')")
    sql(f"UPDATE users SET facility_id = {fac('DEMO02')} WHERE id = {vid}")
    sql(f"DELETE FROM user_role WHERE user_id = {vid} AND role = 'user'")
    sql("INSERT INTO consent (patient_id, signed_on, facility_id, registered_at, registered_by,"
        f" idem, status) VALUES ({pid}, '2010-01-01', {fac('DEMO02')}, '2010-01-31 15:30:00',"
        f" {op}, SHA2('dashcount-{pid}', 256), 'checked')")
    # moved across a Japan month boundary, then found void, then removed
    sql(f"UPDATE consent SET registered_at = '2010-02-28 14:00:00' WHERE idem ="
        f" SHA2('dashcount-{pid}', 256)")
    sql(f"UPDATE consent SET status = 'rejected' WHERE idem = SHA2('dashcount-{pid}', 256)")
    sql(f"DELETE FROM consent_facility WHERE consent_id IN (SELECT id FROM consent WHERE idem ="
        f" SHA2('dashcount-{pid}', 256))")
    sql(f"DELETE FROM consent WHERE idem = SHA2('dashcount-{pid}', 256)")
    # a complaint received, answered, closed, and one moved to another month (never deleted)
    for i in (1, 2):
        sql("INSERT INTO complaint (receipt_no, complainant_kind, complainant_name, contact_kind,"
            " channel, category, contents, received_at, received_by, due_on) VALUES"
            f" ('C-DC{pid}-{i}', 'patient', '試験', 'none', 'desk', 'other', '試験',"
            f" '2010-03-31 15:10:00', {op}, '2010-04-14')")
    sql("UPDATE complaint SET status = 'answered', answered_at = received_at + INTERVAL 2 DAY"
        f" WHERE receipt_no = 'C-DC{pid}-1'")
    sql("UPDATE complaint SET status = 'closed', closed_at = received_at + INTERVAL 3 DAY"
        f" WHERE receipt_no = 'C-DC{pid}-1'")
    sql("UPDATE complaint SET received_at = received_at + INTERVAL 1 HOUR, due_on = '2010-04-15'"
        f" WHERE receipt_no = 'C-DC{pid}-2'")
    # an emergency access and a misuse report, decided, then removed
    uid = sql("SELECT id FROM users WHERE login = 'unei'")[0][0]
    sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
        " reason_text, started_at, expires_at, followup_due) VALUES"
        f" ({pid}, {uid}, {fac('DEMO02')}, 'unconscious', '試験', '2010-05-31 15:00:00',"
        " '2010-05-31 16:00:00', '2099-01-01')")
    sql(f"UPDATE emergency_access SET review_status = 'improper' WHERE patient_id = {pid}")
    sql(f"DELETE FROM emergency_access WHERE patient_id = {pid}")
    sql("INSERT INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits, created_at)"
        f" VALUES ('print_volume', {uid}, {fac('DEMO02')}, 'dashverify-{pid}', 1,"
        " '2010-06-30 15:00:00')")
    sql(f"UPDATE misuse_alert SET status = 'dismissed' WHERE dedup_key = 'dashverify-{pid}'")
    sql(f"UPDATE misuse_alert SET created_at = created_at + INTERVAL 1 HOUR"
        f" WHERE dedup_key = 'dashverify-{pid}'")
    ctl("dashboard", "refresh")
    ctl("dashboard", "refresh")
    v = verify()
    assert v.returncode == 0, v.stdout + v.stderr
    assert "0 differences" in v.stdout

    before = page(kaicho)
    month = [m for m in before["consents"] if m != "total"][-1]
    sql(f"INSERT INTO dash_consent_month (month, registered, voided, revoked) VALUES"
        f" ('{month}', 7, 0, 0) ON DUPLICATE KEY UPDATE registered = registered + 7")
    after = page(kaicho)
    assert int(after["consents"][month][1]) == int(before["consents"][month][1]) + 7
    v = verify()
    assert v.returncode == 1, v.stdout + v.stderr
    assert "dash_consent_month" in v.stdout and month in v.stdout
    # a view counted twice is found too
    sql("INSERT INTO dash_view_day (day, facility_id, views) VALUES ('2001-01-02', 1, 1)")
    assert "dash_view_day" in verify().stdout
    r = ctl("dashboard", "refresh", "--rebuild", check=False)
    assert r.returncode == 0, r.stderr
    v = verify()
    assert v.returncode == 0, v.stdout + v.stderr
    assert page(kaicho)["consents"][month] == before["consents"][month]


# ---------------------------------------------------------------- the plans

def accesses(node, out):
    """(table alias, access type, key) of every table access in an EXPLAIN FORMAT=JSON tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "table" and isinstance(v, dict) and "table_name" in v:
                out.append((v["table_name"], v.get("access_type"), v.get("key")))
            accesses(v, out)
    elif isinstance(node, list):
        for v in node:
            accesses(v, out)
    return out


def dashboard_statements():
    """The SELECTs the dashboard pages run, with their values, from MariaDB's general log."""
    sql("TRUNCATE mysql.general_log")
    sql("SET GLOBAL log_output = 'TABLE', GLOBAL general_log = 1")
    try:
        restart_workers()
        s = logged_in(Demo("kaicho"))
        sql("TRUNCATE mysql.general_log")     # the login's own statements are not the page's
        assert s.get(url("/dashboard")).status_code == 200
        past = {"from": "2010-01", "to": "2010-12"}
        assert s.get(url("/dashboard"), params=past).status_code == 200
        assert s.get(url("/dashboard/report")).status_code == 200
        for t in ("use", "views_month", "consents", "users", "emergency", "misuse",
                  "complaints"):
            assert s.get(url("/dashboard"), params={"format": "csv", "table": t}).status_code == 200
        for n in ("views", "consents", "emergency", "facilities", "use"):
            assert s.get(url("/dashboard/chart"), params={"name": n}).status_code == 200
    finally:
        sql("SET GLOBAL general_log = 0")
    stmts = sorted({r[0] for r in sql(
        "SELECT argument FROM mysql.general_log WHERE command_type = 'Execute'"
        " AND argument RLIKE '^[[:space:]]*[(]?(SELECT|WITH)'")})
    # The dashboard's own (not the frame's: the session, the notices, the maintenance window).
    return [x for x in stmts if re.search(r"\b(dash_|misuse_rule\b|facility f\b)", x)
            or re.search(r"\b(FROM|JOIN) (%s)\b" % "|".join(SOURCES), x)]


@single_node("the plans are one server's; the cluster's nodes plan alike")
def test_A19_dashboard_statements_read_no_table_that_grows_with_the_region(kaicho):
    """Every SELECT the dashboard, its report, charts and CSV exports run (taken from MariaDB's
    general log with its values, as test_plans.py does) names only kept counts, code lists and
    member facilities, and the audit log only along its primary key after the last refresh
    (EXPLAIN: a range on PRIMARY, never the whole log or a time range of it)."""
    ctl("dashboard", "refresh")
    ctl("dashboard", "refresh")
    # The scheduler's jobs (a misuse scan, an escalation) would log their statements too.
    with scheduler_paused():
        stmts = dashboard_statements()
    assert len(stmts) >= 7, f"dashboard statements not seen: {stmts}"
    tables = {r[0] for r in sql("SELECT table_name FROM information_schema.tables"
                                " WHERE table_schema = 'mogami'")}
    bad = []
    for x in stmts:
        names = aliases(x, tables)
        named = set().union(*names.values()) if names else set()
        src = named & SOURCES
        if src:
            bad.append(f"reads {sorted(src)}: {x[:200]}")
        plan = json.loads(qraw("EXPLAIN FORMAT=JSON " + x, db="mogami"))
        for alias, access, key in accesses(plan, []):
            for base in names.get(alias, set()):
                if base == "audit" and (access != "range" or key != "PRIMARY"):
                    bad.append(f"audit read {access} along {key}: {x[:200]}")
                elif base not in KEPT | FIXED | {"audit"} and access not in BY_KEY:
                    bad.append(f"reads {base} ({access}): {x[:200]}")
    assert not bad, "\n".join(bad)
