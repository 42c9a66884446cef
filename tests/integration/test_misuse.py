"""Misuse detection and the warning ladder (A4.2, A6.2, A13.1(3)): every rule fires on a crafted
history and stays quiet on a normal one; the operator decides; the president is told."""
import datetime as dt
import re

import pytest

from conftest import ctl, logged_in, make_user, page_csrf, sql, url


def uid(user):
    return int(sql(f"SELECT id FROM users WHERE login = '{user.login}'")[0][0])


def fac(code="DEMO01"):
    return int(sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0])


def utc_now():
    return dt.datetime.strptime(sql("SELECT UTC_TIMESTAMP()")[0][0], "%Y-%m-%d %H:%M:%S")


def last_jst_hour(hour):
    """The latest moment at most 23 hours ago whose Japan-time hour is hour (UTC)."""
    t = utc_now().replace(minute=5, second=0)
    for back in range(0, 24):
        c = t - dt.timedelta(hours=back)
        if (c + dt.timedelta(hours=9)).hour == hour and c <= utc_now():
            return c
    raise AssertionError


def view(user_id, facility, patient, ts, action="record.view", outcome="allowed"):
    sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type, patient_id,"
        f" purpose, outcome) VALUES ('{ts:%Y-%m-%d %H:%M:%S}', {user_id}, 'crafted', {facility}, 'user',"
        f" '{action}', 'patient', {patient}, 'care', '{outcome}')")


def alerts(user_id):
    return sorted(r for (r,) in sql(f"SELECT rule FROM misuse_alert WHERE user_id = {user_id}"))


@pytest.fixture(scope="module")
def op():
    return make_user("operator", facility="DEMO01", profession="contract_employee")


def scan():
    assert ctl("misuse", "scan").returncode == 0


def test_A4_2_normal_history_raises_nothing():
    u = make_user("user")
    i, f = uid(u), fac()
    t = last_jst_hour(14)
    for p in range(5):
        view(i, f, 900000 + p, t)
    view(i, f, 900010, t, outcome="denied")
    view(i, f, 900011, t, action="record.print")
    view(i, f, 900011, t, action="record.print")
    scan()
    assert alerts(i) == []


def daytime(rules):
    """The alerts apart from odd_hours, which recent views raise only at night."""
    return [r for r in rules if r != "odd_hours"]


def test_A4_2_many_patients_in_short_time():
    u = make_user("user")
    i, f = uid(u), fac()
    t = utc_now() - dt.timedelta(minutes=2)
    for p in range(31):
        view(i, f, 910000 + p, t)
    scan()
    # the views are recent, so at night in Japan they are odd hours too (a rule of its
    # own, tested below): CI failed at 23:07 JST on an exact list
    assert daytime(alerts(i)) == ["many_patients"]
    scan()                                   # a rescan raises nothing new
    assert daytime(alerts(i)) == ["many_patients"]


def test_A4_2_views_at_unusual_hours():
    u = make_user("user")
    i, f = uid(u), fac()
    view(i, f, 920000, last_jst_hour(2))
    scan()
    assert "odd_hours" in alerts(i)


def test_A4_2_patient_sharing_surname_and_address():
    u = make_user("user")
    i, f = uid(u), fac()
    ctl("user", "address", u.login, "山形県新庄市沖の町 1-1")
    sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, address, created_at)"
        f" VALUES (LPAD({i}, 10, '7'), '試験　花子', 'シケン ハナコ', 'シケンハナコ', 'F', '1950-01-01',"
        " '山形県新庄市沖の町1-1', UTC_TIMESTAMP(6))")
    pid = sql(f"SELECT id FROM patient WHERE network_id = LPAD({i}, 10, '7')")[0][0]
    # an unrelated patient with the same surname elsewhere does not count
    view(i, f, 930000, last_jst_hour(14))
    scan()
    assert "same_surname_address" not in alerts(i)
    view(i, f, pid, last_jst_hour(14))
    scan()
    assert "same_surname_address" in alerts(i)


def test_A4_2_repeated_refused_access():
    u = make_user("user")
    i, f = uid(u), fac()
    t = utc_now() - dt.timedelta(minutes=3)
    for p in range(2):
        view(i, f, 940000 + p, t, outcome="denied")
    scan()
    assert "repeated_refusals" not in alerts(i)
    view(i, f, 940009, t, outcome="denied")
    scan()
    assert "repeated_refusals" in alerts(i)


def test_A4_2_A14_emergency_without_followup_in_time():
    u = make_user("user")
    i, f = uid(u), fac()
    sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, created_at)"
        f" VALUES (LPAD({i}, 10, '8'), '救急 試験', 'キュウキュウ', 'キュウキュウ', 'M', '1950-01-01', UTC_TIMESTAMP(6))")
    pid = sql(f"SELECT id FROM patient WHERE network_id = LPAD({i}, 10, '8')")[0][0]
    sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category, reason_text,"
        f" started_at, expires_at, followup_due) VALUES ({pid}, {i}, {f}, 'critical', 'x',"
        " UTC_TIMESTAMP() - INTERVAL 9 DAY, UTC_TIMESTAMP() - INTERVAL 8 DAY, UTC_TIMESTAMP() + INTERVAL 1 DAY)")
    scan()
    assert "emergency_no_followup" not in alerts(i)
    sql(f"UPDATE emergency_access SET followup_due = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE user_id = {i}")
    scan()
    assert "emergency_no_followup" in alerts(i)


def test_A4_2_printing_in_volume():
    u = make_user("user")
    i, f = uid(u), fac()
    t = utc_now() - dt.timedelta(minutes=5)
    for p in range(21):
        view(i, f, 950000 + p, t, action="record.print")
    scan()
    assert "print_volume" in alerts(i)


def test_A4_2_disabled_rule_stays_quiet(op):
    s = logged_in(op)
    page = s.get(url("/misuse/rules")).text
    ver = re.search(r'id="rule-print_volume".*?name="version" value="(\d+)"', page, re.S).group(1)
    r = s.post(url("/misuse/rules"), data={"csrf": page_csrf(s), "code": "print_volume", "version": ver,
                                            "threshold": "20", "window_minutes": "1440", "param1": "0",
                                            "param2": "0"}, allow_redirects=False)
    assert r.status_code == 303
    u = make_user("user")
    i, f = uid(u), fac()
    t = utc_now() - dt.timedelta(minutes=5)
    for p in range(25):
        view(i, f, 960000 + p, t, action="record.print")
    scan()
    assert "print_volume" not in alerts(i)
    page = s.get(url("/misuse/rules")).text
    ver = re.search(r'id="rule-print_volume".*?name="version" value="(\d+)"', page, re.S).group(1)
    assert s.post(url("/misuse/rules"), data={"csrf": page_csrf(s), "code": "print_volume", "version": ver,
                                               "enabled": "1", "threshold": "20", "window_minutes": "1440",
                                               "param1": "0", "param2": "0"},
                  allow_redirects=False).status_code == 303
    assert sql("SELECT COUNT(*) FROM audit WHERE action = 'misuse.rule'")[0][0] != "0"


def test_A4_2_A13_1_3_warning_ladder_to_president(op):
    u = make_user("user")
    i, f = uid(u), fac()
    s = logged_in(op)

    def raise_one(n):
        t = utc_now() - dt.timedelta(minutes=1)
        for p in range(3):
            view(i, f, 970000 + n * 10 + p, t, outcome="denied")
        # each round in a new bucket: a distinct alert, as on a later day
        sql(f"UPDATE misuse_alert SET dedup_key = CONCAT(dedup_key, ':old{n}') WHERE user_id = {i}"
            " AND dedup_key NOT LIKE '%:old%'")
        scan()
        return sql(f"SELECT id, version FROM misuse_alert WHERE user_id = {i} AND status = 'open'")[0]

    def decide(aid, ver, decision, note="内容を確認"):
        return s.post(url("/misuse/decide"), data={"csrf": page_csrf(s), "id": aid, "version": ver,
                                                    "decision": decision, "note": note},
                      allow_redirects=False)

    aid, ver = raise_one(1)
    # the manager of the user's facility is told, and sees it read-only
    fm = logged_in(make_user("facility_manager"))
    assert f'id="alert-{aid}"' in fm.get(url("/misuse")).text
    assert 'class="inline-form decide-form"' not in fm.get(url("/misuse")).text
    assert decide(aid, ver, "guidance", note="").status_code == 400
    assert decide(aid, ver, "guidance").status_code == 303
    assert decide(aid, ver, "warning").status_code == 409          # stale
    page = s.get(url("/misuse")).text
    aid, ver = raise_one(2)
    assert decide(aid, ver, "warning").status_code == 303
    aid, ver = raise_one(3)
    row = s.get(url("/misuse")).text.split(f'id="alert-{aid}"')[1].split("</tr>")[0]
    assert 'class="inline-form report-form"' in row, "guidance and a warning, then again: propose revocation"
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', row).group(1)
    r = s.post(url("/misuse/report"), data={"csrf": page_csrf(s), "user": i, "propose": "1", "idem": idem,
                                             "summary": "指導・警告後も撤回後の閲覧を繰り返す"},
               allow_redirects=False)
    assert r.status_code == 303
    s.post(url("/misuse/report"), data={"csrf": page_csrf(s), "user": i, "propose": "1", "idem": idem,
                                         "summary": "二重送信"}, allow_redirects=False)
    assert sql(f"SELECT COUNT(*) FROM misuse_report WHERE user_id = {i}") == [["1"]]
    rid, rver = sql(f"SELECT id, version FROM misuse_report WHERE user_id = {i}")[0]
    # the president acknowledges (A4.2); the operator cannot
    assert s.post(url("/misuse/reports/ack"), data={"csrf": page_csrf(s), "id": rid, "version": rver},
                  allow_redirects=False).status_code == 403
    pres = logged_in(make_user("president"))
    page = pres.get(url("/misuse/reports")).text
    assert "ID 取り消しの提案" in page and f'id="report-{rid}"' in page
    assert pres.post(url("/misuse/reports/ack"), data={"csrf": page_csrf(pres), "id": rid, "version": rver,
                                                        "note": "次回協議会で審議"},
                     allow_redirects=False).status_code == 303
    assert sql(f"SELECT acknowledged_at IS NOT NULL FROM misuse_report WHERE id = {rid}") == [["1"]]
    acts = {a for (a,) in sql("SELECT DISTINCT action FROM audit WHERE action LIKE 'misuse.%'")}
    assert {"misuse.decide", "misuse.report", "misuse.report_ack"} <= acts


def test_A4_2_A14_improper_emergency_joins_the_ladder(op):
    from test_emergency import start
    from test_patients import register_patient, lid
    hosp = logged_in(make_user("user", facility="DEMO01"))
    local = lid()
    register_patient(hosp, local_id=local)
    er_user = make_user("user", facility="DEMO02", profession="physician")
    er = logged_in(er_user)
    assert start(er, facility_code="DEMO01", local_id=local, category="other",
                 reason="確認のため").status_code == 303
    gid, ver = sql(f"SELECT id, version FROM emergency_access WHERE user_id = {uid(er_user)}")[0]
    s = logged_in(op)
    assert s.post(url("/emergency/review"), data={"csrf": page_csrf(s), "id": gid, "version": ver,
                                                   "decision": "improper", "note": "救急性なし"},
                  allow_redirects=False).status_code == 303
    assert sql(f"SELECT rule, user_id, facility_id FROM misuse_alert WHERE dedup_key = 'emergency_improper:{gid}'") == \
        [["emergency_improper", str(uid(er_user)), str(fac("DEMO02"))]]
    assert f'id="alert-' in s.get(url("/misuse?status=open")).text
