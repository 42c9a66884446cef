f"""The council dashboard (docs/rules.md): every figure checked against a known data set.

The data set lives in a past year that holds no data (2011, or earlier on a rerun): three facilities of this test
(one out of region), their users, record views (with Japan-time month and 90-day boundaries),
consents and revocations, emergency accesses, misuse alerts and complaints, inserted with SQL
at known moments. Facility and user counts (which are "as of today") are checked as deltas.
The same figures are checked on the page, in the CSV exports, in the charts, after the
aggregate refresh and in the monthly report. Only the president, the operator and staff see it.
"""
import csv
import html
import io
import os
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import VAR, ctl, ja_day, logged_in, session, sql, url

RUN = f"{os.getpid() % 100000:05d}"


def _free_year():
    """The latest year from 2011 back with nothing in it, so that a rerun starts clean."""
    for y in range(2011, 2000, -1):
        a, b = f"'{y}-01-01' - INTERVAL 9 HOUR", f"'{y + 1}-01-01' - INTERVAL 9 HOUR"
        n = sql(f"SELECT (SELECT COUNT(*) FROM audit WHERE action = 'record.view' AND ts >= {a}"
                f" AND ts < {b}) + (SELECT COUNT(*) FROM complaint WHERE received_at >= {a}"
                f" AND received_at < {b}) + (SELECT COUNT(*) FROM consent WHERE registered_at"
                f" >= {a} AND registered_at < {b}) + (SELECT COUNT(*) FROM misuse_alert WHERE"
                f" created_at >= {a} AND created_at < {b})")[0][0]
        if n == "0":
            return y
    raise AssertionError("no free year")


Y = _free_year()
PERIOD = {"from": f"{Y}-01", "to": f"{Y}-12"}


class Demo:
    """A demo account of the instance (scripts/demo.sh)."""
    def __init__(self, login):
        d = VAR / "demo"
        self.login = login
        self.password = (d / f"{login}.password").read_text().strip()
        self.cert = (str(d / f"{login}.pem"), str(d / f"{login}.key"))


def rows(page, table):
    """{row key: [cell texts]} of the page's table id="tab-<table>"."""
    m = re.search(rf'<table class="dash" id="tab-{table}">(.*?)</table>', page, re.S)
    assert m, table
    out = {}
    for key, body in re.findall(rf'<tr id="{table}-([^"]+)"[^>]*>(.*?)</tr>', m.group(1), re.S):
        out[key] = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    return out


def heads(page, table):
    m = re.search(rf'<table class="dash" id="tab-{table}">\s*<thead><tr>(.*?)</tr>', page, re.S)
    return [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", m.group(1))]


def kpi(page, name):
    return int(re.search(rf'id="k-{name}">(\d+)<', page).group(1))


def one(q):
    return sql(q)[0][0]


def dashboard(s, **params):
    r = s.get(url("/dashboard"), params=params or PERIOD)
    assert r.status_code == 200, r.text[:300]
    return r.text


def csv_rows(s, table, path="/dashboard", **params):
    r = s.get(url(path), params={**(params or PERIOD), "format": "csv", "table": table})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Content-Disposition"].startswith("attachment; filename=\"dashboard-")
    assert r.content.startswith(b"\xef\xbb\xbf")         # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(r.content[3:].decode("utf-8"))))


@pytest.fixture(scope="module")
def kaicho():
    return logged_in(Demo("kaicho"))


@pytest.fixture(scope="module")
def known(kaicho):
    """Builds the data set; returns its ids. The page before it is kept for the deltas."""
    before = dashboard(kaicho)
    k = {"before": before}
    codes = {"A": f"DA{RUN}", "B": f"DB{RUN}", "C": f"DC{RUN}"}
    ctl("facility", "add", "--code", codes["A"], "--name", f"試験中央病院{RUN}", "--kind",
        "hospital", "--disclosing", "--viewing")
    ctl("facility", "add", "--code", codes["B"], "--name", f"試験診療所{RUN}", "--kind",
        "clinic", "--viewing")
    # Out of region, and a name a spreadsheet or a page must not run.
    ctl("facility", "add", "--code", codes["C"], "--name", f"=1+1 <b>試験薬局{RUN}</b>",
        "--kind", "pharmacy", "--viewing", "--out-of-region")
    for f, code in codes.items():
        k[f] = int(one(f"SELECT id FROM facility WHERE code = '{code}'"))
    for u, f, prof in (("a1", "A", "physician"), ("b1", "B", "nurse"), ("c1", "C", "pharmacist"),
                       ("d1", "B", "nurse")):
        login = f"dash{RUN}.{u}"
        ctl("user", "add", "--login", login, "--name", f"試験 {u}", "--facility", codes[f],
            "--role", "user", "--profession", prof)
        k[u] = int(one(f"SELECT id FROM users WHERE login = '{login}'"))
    ctl("user", "disable", f"dash{RUN}.d1")            # not counted as an active user
    op = int(one("SELECT id FROM users WHERE login = 'unei'"))

    def views(user, fac, *ts, outcome="allowed"):
        vals = ",".join(f"('{t}', {k[user]}, 'dash', {k[fac]}, 'user', 'record.view', 'patient',"
                        f" 'care', '{outcome}')" for t in ts)
        sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type,"
            f" purpose, outcome) VALUES {vals}")

    # Facility A: March 5 (the last at 23:30 Japan time on the 31st), April 2 (the first at
    # 00:30 on the 1st, still March in UTC), November 12; a refused view is not a view.
    views("a1", "A", f"{Y}-03-02 01:00:00", f"{Y}-03-03 01:00:00", f"{Y}-03-04 01:00:00",
          f"{Y}-03-05 01:00:00", f"{Y}-03-31 14:30:00")
    views("a1", "A", f"{Y}-03-31 15:30:00", f"{Y}-04-10 01:00:00")
    views("a1", "A", *[f"{Y}-11-{d:02d} 02:00:00" for d in range(1, 13)])
    views("a1", "A", f"{Y}-03-06 01:00:00", outcome="denied")
    # Facility B: October 2 at 23:00 Japan time (outside the 90 days that end with
    # December) and October 3 at 00:30 (inside), and 3 in December, the last on the 10th.
    views("b1", "B", f"{Y}-10-02 14:00:00", f"{Y}-10-02 15:30:00")
    views("b1", "B", f"{Y}-12-01 01:00:00", f"{Y}-12-05 01:00:00", f"{Y}-12-10 03:00:00")

    # Patients, consents (May 2, one found void; June 2, one registered 01:00 on June 1
    # Japan time; November 1 at facility B), revocations (June 1, July 1).
    pids = []
    for i in range(6):
        sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, created_at)"
            f" VALUES ('D{RUN}{i:04d}', '試験 {i}', 'シケン', 'しけん', 'F', '1950-01-01',"
            " UTC_TIMESTAMP(6))")
        pids.append(int(one(f"SELECT id FROM patient WHERE network_id = 'D{RUN}{i:04d}'")))
    for i, (at, fac, st) in enumerate(((f"{Y}-05-10 03:00:00", "A", "checked"),
                                       (f"{Y}-05-20 03:00:00", "A", "rejected"),
                                       (f"{Y}-05-31 16:00:00", "A", "submitted"),
                                       (f"{Y}-06-15 03:00:00", "A", "checked"),
                                       (f"{Y}-11-15 03:00:00", "B", "checked"))):
        sql("INSERT INTO consent (patient_id, signed_on, facility_id, registered_at,"
            f" registered_by, idem, status) VALUES ({pids[i]}, '{Y}-05-01', {k[fac]}, '{at}',"
            f" {op}, SHA2('dash{RUN}c{i}', 256), '{st}')")
    for i, at in enumerate((f"{Y}-06-20 03:00:00", f"{Y}-06-30 16:00:00")):
        sql("INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, via, received_at,"
            f" received_by, idem) VALUES ('R-{Y}-D{RUN}{i}', {pids[i]}, '{Y}-06-01', 'desk',"
            f" '{at}', {op}, SHA2('dash{RUN}r{i}', 256))")

    # Emergency accesses: August 3 (one of each review and follow-up state), September 1.
    for at, rev, fu in ((f"{Y}-08-03 01:00:00", "pending", "open"),
                        (f"{Y}-08-04 01:00:00", "appropriate", "consented"),
                        (f"{Y}-08-05 01:00:00", "improper", "cannot"),
                        (f"{Y}-09-05 01:00:00", "pending", "open")):
        # The follow-up is due far ahead, so no job escalates or flags these rows.
        sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
            " reason_text, started_at, expires_at, review_status, followup_status, followup_due)"
            f" VALUES ({pids[0]}, {k['a1']}, {k['A']}, 'unconscious', '試験', '{at}', '{at}',"
            f" '{rev}', '{fu}', '2099-01-01')")

    # Misuse alerts: many_patients 2 (open, warning), odd_hours 1 (dismissed),
    # print_volume 1 (guidance).
    for i, (rule, st) in enumerate((("many_patients", "open"), ("many_patients", "warning"),
                                    ("odd_hours", "dismissed"), ("print_volume", "guidance"))):
        sql("INSERT INTO misuse_alert (rule, user_id, facility_id, dedup_key, hits, created_at,"
            f" status) VALUES ('{rule}', {k['b1']}, {k['B']}, 'dash{RUN}-{i}', 1,"
            f" '{Y}-07-0{i + 1} 01:00:00', '{st}')")

    # Complaints: February 3 (answered after 2 and 4 days, one closed after 5 days, one
    # still investigating and overdue), March 1 (answered after 1 day, closed after 2).
    def complaint(i, received, answered, closed, status, due):
        def at(d):
            return f"'{received}' + INTERVAL {d} DAY" if d is not None else "NULL"
        sql("INSERT INTO complaint (receipt_no, complainant_kind, complainant_name, contact_kind,"
            " channel, category, contents, received_at, received_by, due_on, status,"
            f" answered_at, closed_at) VALUES ('C-{Y}-D{RUN}{i}', 'patient', '試験', 'none',"
            f" 'desk', 'other', '試験', '{received}', {op}, '{due}', '{status}', {at(answered)},"
            f" {at(closed)})")
    complaint(1, f"{Y}-02-01 00:00:00", 2, 5, "closed", f"{Y}-02-15")
    complaint(2, f"{Y}-02-10 00:00:00", 4, None, "answered", f"{Y}-02-24")
    complaint(3, f"{Y}-02-20 00:00:00", None, None, "investigating", f"{Y}-03-06")
    complaint(4, f"{Y}-03-05 00:00:00", 1, 2, "closed", f"{Y}-03-19")
    return k


def check_views(page, k):
    """Record views by month, facility and profession, and the 90 days of use."""
    vm = rows(page, "views_month")
    assert [vm[m][1] for m in (f"{Y}-01", f"{Y}-03", f"{Y}-04", f"{Y}-10", f"{Y}-11",
                               f"{Y}-12")] == ["0", "5", "2", "2", "12", "3"]
    assert vm["total"][1] == "24"
    assert kpi(page, "views") == 24
    # Columns: facility, 12 months, total.
    assert heads(page, "views_facility")[1] == f"{Y}-01" and heads(page, "views_facility")[13] == "合計"
    vf = rows(page, "views_facility")
    a, b, c = vf[f"f{k['A']}"], vf[f"f{k['B']}"], vf[f"f{k['C']}"]
    assert a[0] == f"試験中央病院{RUN}"
    assert a[1:] == ["0", "0", "5", "2", "0", "0", "0", "0", "0", "0", "12", "0", "19"]
    assert b[1:] == ["0"] * 9 + ["2", "0", "3", "5"]
    assert c[0] == f"=1+1 <b>試験薬局{RUN}</b>" and c[-1] == "0"      # listed with none
    assert re.search(rf'<tr id="views_facility-f{k["C"]}" class="out">', page)
    assert "<b>試験薬局" not in page                                   # escaped
    vp = rows(page, "views_profession")
    assert vp["pphysician"][-1] == "19" and vp["pnurse"][-1] == "5"
    assert vp["pphysician"][3] == "5" and vp["pnurse"][12] == "3"
    # The 90 days end with the period: Y-10-03 .. Y-12-31.
    assert re.search(rf'id="use-window">{ja_day(f"{Y}-10-03")}（.） 〜 {ja_day(f"{Y}-12-31")}（.）<', page)
    use = rows(page, "use")
    assert use[f"f{k['A']}"][3:] == ["1", "12", "0", f"{Y}-11-12", "利用あり"]
    assert use[f"f{k['B']}"][3:] == ["1", "4", "1", f"{Y}-12-10", "利用が少ない"]
    assert use[f"f{k['C']}"][1:] == ["薬局", "圏域外", "1", "0", "0", "期間中なし", "利用なし"]
    assert re.search(rf'<tr id="use-f{k["B"]}" class="low">', page)
    assert re.search(rf'<tr id="use-f{k["C"]}" class="none">', page)
    # The least used first; the count of facilities in little use is the red rows.
    keys = list(use)
    assert keys.index(f"f{k['C']}") < keys.index(f"f{k['B']}") < keys.index(f"f{k['A']}")
    low = sum(1 for r in use.values() if r[-1] != "利用あり")
    assert kpi(page, "low") == low and low >= 2


def test_issue8_every_dashboard_figure_against_known_data(kaicho, known):
    k = known
    page = dashboard(kaicho)
    check_views(page, k)
    # Consents: registered by Japan month, found void, revoked.
    co = rows(page, "consents")
    assert co[f"{Y}-05"][1:] == ["2", "1", "0"]
    assert co[f"{Y}-06"][1:] == ["2", "0", "1"]
    assert co[f"{Y}-07"][1:] == ["0", "0", "1"]
    assert co[f"{Y}-11"][1:] == ["1", "0", "0"]
    assert co["total"][1:] == ["5", "1", "2"]
    assert (kpi(page, "consents"), kpi(page, "revoked")) == (5, 2)
    # Emergency accesses and their review and follow-up.
    em = rows(page, "emergency")
    assert em[f"{Y}-08"][1:] == ["3", "1", "1", "1", "1", "1", "1"]
    assert em[f"{Y}-09"][1:] == ["1", "1", "0", "0", "1", "0", "0"]
    assert em["total"][1:] == ["4", "2", "1", "1", "2", "1", "1"]
    assert (kpi(page, "emergency"), kpi(page, "pending")) == (4, 2)
    # Misuse alerts and outcomes, every rule listed.
    mi = rows(page, "misuse")
    assert mi["many_patients"][1:] == ["2", "1", "0", "0", "1"]
    assert mi["odd_hours"][1:] == ["1", "0", "1", "0", "0"]
    assert mi["print_volume"][1:] == ["1", "0", "0", "1", "0"]
    assert mi["repeated_refusals"][1:] == ["0"] * 5
    assert mi["total"][1:] == ["4", "1", "1", "1", "1"]
    assert (kpi(page, "alerts"), kpi(page, "alerts-open")) == (4, 1)
    # Complaints: received, answered, closed, open, overdue, mean and median days.
    cp = rows(page, "complaints")
    assert cp[f"{Y}-02"][1:] == ["3", "2", "1", "1", "1", "3.0", "3.0", "5.0", "5.0"]
    assert cp[f"{Y}-03"][1:] == ["1", "1", "1", "0", "0", "1.0", "1.0", "2.0", "2.0"]
    assert cp[f"{Y}-04"][1:] == ["0", "0", "0", "0", "0", "—", "—", "—", "—"]
    assert cp["total"][1:] == ["4", "3", "2", "1", "1", "2.3", "2.0", "3.5", "3.5"]
    assert re.search(rf'<tr id="complaints-{Y}-02" class="overdue">', page)
    assert (kpi(page, "complaints"), kpi(page, "complaints-open"), kpi(page, "overdue")) == (4, 1, 1)


def test_issue8_facilities_and_users_counted_as_deltas(kaicho, known):
    k = known
    before, after = known["before"], dashboard(kaicho)

    def delta(table, key, n):
        b = rows(before, table).get(key, ["", *["0"] * n])
        a = rows(after, table)[key]
        return [int(x) - int(y) for x, y in zip(a[1:], b[1:])]
    # kind: in region, out of region, disclosing, viewing, all
    assert delta("facilities", "hospital", 5) == [1, 0, 1, 1, 1]
    assert delta("facilities", "clinic", 5) == [1, 0, 0, 1, 1]
    assert delta("facilities", "pharmacy", 5) == [0, 1, 0, 1, 1]
    assert delta("facilities", "total", 5) == [2, 1, 1, 3, 3]
    assert rows(after, "facilities")["pharmacy"][0] == "薬局"
    # profession: in region, out of region, all; the disabled nurse is not counted
    assert delta("users", "physician", 3) == [1, 0, 1]
    assert delta("users", "nurse", 3) == [1, 0, 1]
    assert delta("users", "pharmacist", 3) == [0, 1, 1]
    assert delta("users", "total", 3) == [2, 1, 3]


def test_issue8_every_table_exports_as_csv_with_the_page_figures(kaicho, known):
    k = known
    page = dashboard(kaicho)
    for table in ("use", "views_month", "views_facility", "views_profession", "consents",
                  "facilities", "users", "emergency", "misuse", "complaints"):
        got = csv_rows(kaicho, table)
        assert got[0] == heads(page, table), table
        shown = rows(page, table)
        assert len(got) - 1 == len(shown), table
        for r, key in zip(got[1:], shown):
            if shown[key][0].startswith("="):
                assert r[0] == "'" + shown[key][0]           # a formula is defused
                assert r[1:] == shown[key][1:]
            else:
                assert r == shown[key], (table, key)
    vf = {r[0]: r for r in csv_rows(kaicho, "views_facility")}
    assert vf[f"試験中央病院{RUN}"][-1] == "19"
    assert vf[f"'=1+1 <b>試験薬局{RUN}</b>"][-1] == "0"
    assert one("SELECT COUNT(*) FROM audit WHERE action = 'dashboard.export' AND object_id ="
               f" 'views_facility' AND detail = '{Y}-01'") != "0"


def test_issue8_charts_are_svg_with_the_same_figures(kaicho, known):
    for name in ("views", "consents", "emergency", "facilities", "use"):
        r = kaicho.get(url("/dashboard/chart"), params={**PERIOD, "name": name})
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("image/svg+xml")
        root = ET.fromstring(r.content)                  # well-formed XML
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "style=" not in r.text and "<script" not in r.text
    v = kaicho.get(url("/dashboard/chart"), params={**PERIOD, "name": "views"}).text
    assert f"<title>{Y}-11 閲覧件数 12</title>" in v and f"<title>{Y}-03 閲覧件数 5</title>" in v
    u = kaicho.get(url("/dashboard/chart"), params={**PERIOD, "name": "use"}).text
    assert f"=1+1 &lt;b&gt;試験薬局{RUN}&lt;/b&gt; 0</title>" in u
    assert f"試験診療所{RUN} 4</title>" in u
    assert 'class="bar flag"' in u
    assert kaicho.get(url("/dashboard/chart"), params={"name": "nope"}).status_code == 400


def test_issue8_aggregate_refresh_keeps_every_figure(kaicho, known):
    """The scheduler's refresh moves the rows into the aggregate; the page says the same."""
    k = known
    # Twice: a row is counted ahead only one interval after it was first seen.
    ctl("dashboard", "refresh")
    out = ctl("dashboard", "refresh").stdout
    assert "counted ahead" in out
    assert one(f"SELECT views FROM dash_view_month WHERE month = '{Y}-03' AND facility_id ="
               f" {k['A']} AND profession = 'physician'") == "5"
    assert one(f"SELECT views FROM dash_view_day WHERE day = '{Y}-10-03' AND facility_id ="
               f" {k['B']}") == "1"
    check_views(dashboard(kaicho), k)
    # A rebuild empties the aggregate; until it is refilled the page counts live.
    ctl("dashboard", "refresh", "--rebuild")
    check_views(dashboard(kaicho), k)
    ctl("dashboard", "refresh")
    check_views(dashboard(kaicho), k)


def test_issue8_monthly_report_prints_one_month(kaicho, known):
    k = known
    r = kaicho.get(url("/dashboard/report"), params={"month": f"{Y}-02"})
    assert r.status_code == 200
    page = r.text
    assert f"月次利用報告 {Y}年2月" in page
    assert re.search(r'id="print-btn" data-print="1"', page)
    assert rows(page, "complaints")[f"{Y}-02"][1:] == ["3", "2", "1", "1", "1", "3.0", "3.0",
                                                       "5.0", "5.0"]
    assert list(rows(page, "complaints")) == [f"{Y}-02", "total"]
    assert kpi(page, "complaints") == 3 and kpi(page, "views") == 0
    # November: the 90 days end with it; facility A's 12 views are all there.
    page = kaicho.get(url("/dashboard/report"), params={"month": f"{Y}-11"}).text
    assert re.search(rf'id="use-window">{ja_day(f"{Y}-09-02")}（.） 〜 {ja_day(f"{Y}-11-30")}（.）<', page)
    assert rows(page, "use")[f"f{k['A']}"][4] == "12"
    assert rows(page, "views_facility")[f"f{k['A']}"][1:] == ["12", "12"]
    got = csv_rows(kaicho, "consents", path="/dashboard/report", month=f"{Y}-11")
    assert got[1:] == [[f"{Y}-11", "1", "0", "0"], ["合計", "1", "0", "0"]]
    # The charts of a month
    svg = kaicho.get(url("/dashboard/chart"), params={"month": f"{Y}-11", "name": "facilities"})
    assert f"試験中央病院{RUN} 12</title>" in svg.text


def test_issue8_period_is_validated(kaicho):
    for params in ({"from": f"{Y}-13", "to": f"{Y}-12"}, {"from": "2012-01", "to": "2011-12"},
                   {"from": "2008-01", "to": "2011-01"}, {"from": "11-01", "to": f"{Y}-12"},
                   {**PERIOD, "format": "pdf"}, {**PERIOD, "format": "csv", "table": "nope"},
                   {**PERIOD, "format": "csv"}):
        assert kaicho.get(url("/dashboard"), params=params).status_code == 400, params
    assert kaicho.get(url("/dashboard/report"), params={"month": f"{Y}-1"}).status_code == 400
    # The default: the 12 months up to this one.
    page = kaicho.get(url("/dashboard")).text
    assert len(heads(page, "views_facility")) == 14
    assert kaicho.get(url("/dashboard/report")).status_code == 200


@pytest.mark.parametrize("login,status", [("kaicho", 200), ("unei", 200), ("tanto", 200),
                                          ("madoguchi", 403), ("incho01", 403),
                                          ("dr.sato", 403)])
def test_issue8_only_the_council_sees_the_dashboard(login, status):
    s = logged_in(Demo(login))
    for path in ("/dashboard", "/dashboard/report", "/dashboard/chart?name=views",
                 "/dashboard?format=csv&table=use"):
        assert s.get(url(path)).status_code == status, path
    home = s.get(url("/")).text
    assert ('id="menu-dashboard"' in home) == (status == 200)


def test_issue8_dashboard_needs_a_login():
    s = session(Demo("kaicho").cert)
    r = s.get(url("/dashboard"), allow_redirects=False)
    # issue 19: the login returns to the page asked for
    assert r.status_code == 303 and r.headers["Location"] == "/login?next=/dashboard"
