"""The facts a request needs, kept by the writers (issue 23): every write of a fact rewrites
the kept rows in its own transaction (db/migrations/0031_facts.sql), so it bites on the very
next request; the viewer and the request's checks read the kept rows; `mogamictl facts verify`
recomputes them from the source tables; thousands of random writes keep every decision."""
import os
import random
import re
import subprocess
import time

import pytest

from conftest import VAR, ctl, logged_in, make_user, page_csrf, sql, url
from test_patients import handle_in, lid, register_patient, revoke_at_desk
from test_consent_integrity import emergency, fac_id, new_facility, one, post_consent, view


@pytest.fixture(scope="module")
def people():
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "clinic": make_user("user", facility="DEMO02", profession="physician"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
    }


def facts_of(pid):
    rows = sql(f"SELECT facts FROM patient_facts WHERE patient_id = {pid}")
    return rows[0][0].replace("\\n", "\n") if rows else None


def verify(*args):
    return ctl("facts", "verify", *args, check=False)


def decide(pid, facility, user=0):
    r = ctl("facts", "decide", str(pid), str(facility), str(user), check=False)
    kept, source = (line.split()[1] for line in r.stdout.splitlines())
    return kept, source, r.returncode


def uid(user):
    return int(one(f"SELECT id FROM users WHERE login = '{user.login}'"))


def forget(pids):
    """Removes what a test wrote about its patients beyond the patients themselves: the
    operator's queue, the follow-up lists and the notifications of the tests after this one
    stay theirs. (Deletes are writes too: the kept rows follow them.)"""
    ps = ",".join(map(str, pids))
    db_script(
        "DELETE n FROM notification n JOIN consent c ON n.object_type = 'consent'"
        f" AND n.object_id = c.id WHERE c.patient_id IN ({ps});\n"
        "DELETE n FROM notification n JOIN emergency_access e ON n.object_type = 'emergency'"
        f" AND n.object_id = e.id WHERE e.patient_id IN ({ps});\n"
        "DELETE cf FROM consent_facility cf JOIN consent c ON c.id = cf.consent_id"
        f" WHERE c.patient_id IN ({ps});\n"
        "DELETE s FROM consent_scan s JOIN consent c ON c.id = s.consent_id"
        f" WHERE c.patient_id IN ({ps});\n"
        f"DELETE FROM emergency_access WHERE patient_id IN ({ps});\n"
        f"DELETE FROM consent WHERE patient_id IN ({ps});\n"
        f"DELETE FROM consent_revocation WHERE patient_id IN ({ps});\n")


def consented(people):
    """A hospital patient the clinic sees by a form 4 naming every facility; the clinic's
    session, its handle, the patient's identifiers and id."""
    hosp = logged_in(people["hosp"])
    _, ident, pid = register_patient(hosp, local_id=lid())
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, ident)
    assert post_consent(clinic, ch).status_code == 303
    assert view(clinic, ch).status_code == 200
    return clinic, ch, ident, pid


def test_A12_2_viewer_reads_the_kept_facts_and_verify_reports_a_difference(people):
    """The viewer decides on the kept row, not on the source tables: a kept row that lost
    its consent line refuses the next view although the form 4 is there, and facts verify
    reports that patient (exit 1) until the row is kept again."""
    clinic, ch, ident, pid = consented(people)
    kept = facts_of(pid)
    assert re.search(r"^c \d+ ", kept, re.M) and re.search(r"^l \d+ ", kept, re.M)
    assert verify("--patient", str(pid)).returncode == 0
    try:
        stripped = "\\n".join(l for l in kept.split("\n") if not l.startswith("c "))
        sql(f"UPDATE patient_facts SET facts = '{stripped}' WHERE patient_id = {pid}")
        assert view(clinic, ch).status_code == 403, "the viewer read the kept row"
        r = verify("--patient", str(pid))
        assert r.returncode == 1 and f"patient {pid} differs" in r.stdout, r.stdout
        assert decide(pid, fac_id("DEMO02"))[:2] == ("no_consent", "consent")
    finally:
        sql(f"CALL patient_facts_keep({pid}, NULL)")
    assert facts_of(pid) == kept
    assert verify("--patient", str(pid)).returncode == 0
    assert view(clinic, ch).status_code == 200


def test_A12_2_form5_bites_next_request_via_kept_facts(people):
    clinic, ch, ident, pid = consented(people)
    assert "\nr " not in "\n" + facts_of(pid)
    revoke_at_desk(logged_in(people["desk"]), ident, "2026-11-20")
    # the desk's own transaction wrote the revocation into the kept row
    assert re.search(r"^r \d+ \d+ 0$", facts_of(pid), re.M)
    assert view(clinic, ch).status_code == 403
    assert decide(pid, fac_id("DEMO02"))[:2] == ("revoked", "revoked")


def test_A12_4_operator_void_bites_next_request_via_kept_facts(people):
    clinic, ch, ident, pid = consented(people)
    cid = one(f"SELECT id FROM consent WHERE patient_id = {pid}")
    op = logged_in(people["op"])
    ver = one(f"SELECT version FROM consent WHERE id = {cid}")
    r = op.post(url("/consents/check"), data={"csrf": page_csrf(op), "id": cid, "version": ver,
                                              "decision": "rejected", "note": "署名欄が空欄"},
                allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    line = re.search(rf"^c {cid} \d+ (\d+)$", facts_of(pid), re.M)
    assert int(line.group(1)) & 1, "the kept consent is void"
    assert view(clinic, ch).status_code == 403


def op_handle(op, ident, pid):
    r = op.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    for h in re.findall(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text):
        if one(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'") == str(pid):
            return h
    raise AssertionError("the operator does not find the patient")


def test_A12_3_death_bites_next_request_via_kept_facts(people):
    clinic, ch, ident, pid = consented(people)
    op = logged_in(people["op"])
    oh = op_handle(op, ident, pid)
    ver = one(f"SELECT version FROM patient WHERE id = {pid}")
    r = op.post(url("/patients/death"), data={"csrf": page_csrf(op), "p": oh, "version": ver,
                                              "deceased_on": "2026-11-20", "how": "病院からの連絡"},
                allow_redirects=False)
    assert r.status_code == 303
    assert re.search(r"^p 1 [1-9]\d* 0$", facts_of(pid), re.M), "cancelled, with its time"
    assert view(clinic, ch).status_code == 403
    assert decide(pid, fac_id("DEMO02"))[:2] == ("deceased", "deceased")


def test_A12_1_merge_and_undo_bite_next_request_via_kept_facts(people):
    """A form 4 signed under a duplicate counts for the survivor from the merge's own
    transaction, and no more from the undo's."""
    hosp = logged_in(people["hosp"])
    _, ident, p1 = register_patient(hosp, local_id=lid())
    r = hosp.post(url("/patients/new"), data=dict(ident, csrf=page_csrf(hosp, "/patients"),
                                                  confirm_new="1"), allow_redirects=False)
    h2 = re.search(r"p=([A-Za-z0-9]{22})", r.headers["Location"]).group(1)
    p2 = int(one(f"SELECT patient_id FROM patient_handle WHERE handle = '{h2}'"))
    clinic = logged_in(people["clinic"])
    r = clinic.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    hs = re.findall(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text)
    pids = {h: one(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'") for h in hs}
    c1 = [h for h in hs if pids[h] == str(p1)][0]
    c2 = [h for h in hs if pids[h] == str(p2)][0]
    assert post_consent(clinic, c2).status_code == 303
    assert view(clinic, c1).status_code == 403
    op = logged_in(people["op"])
    oh1 = op_handle(op, ident, p1)
    nid2 = one(f"SELECT network_id FROM patient WHERE id = {p2}")
    assert op.post(url("/patients/merge"), data={"csrf": page_csrf(op), "p": oh1, "other": nid2,
                                                 "reason": "同一人物"},
                   allow_redirects=False).status_code == 303
    assert re.search(r"^p 4 0 0$", facts_of(p1), re.M) and "\nc " in "\n" + facts_of(p1)
    assert view(clinic, c1).status_code == 200
    mid = one(f"SELECT id FROM patient_merge WHERE survivor_id = {p1} AND undone_at IS NULL")
    assert op.post(url("/patients/unmerge"), data={"csrf": page_csrf(op), "p": oh1, "merge": mid,
                                                   "reason": "別人と判明"},
                   allow_redirects=False).status_code == 303
    assert "\nc " not in "\n" + facts_of(p1)
    assert view(clinic, c1).status_code == 403


def test_A12_1_link_approval_and_end_bite_next_request_via_kept_facts(people):
    """A facility holding no records of a patient sees them as its own from the operator's
    approval of its link, and no more from the link's end."""
    code, fid = new_facility("--disclosing")
    third = logged_in(make_user("user", facility=code))
    hosp = logged_in(people["hosp"])
    _, ident, pid = register_patient(hosp, local_id=lid())
    th = handle_in(third, ident)
    made_up = lid()
    r = third.post(url("/patients/link"), data={"csrf": page_csrf(third, f"/patients/view?p={th}"),
                                                "p": th, "local_id": made_up},
                   allow_redirects=False)
    assert r.status_code == 303
    assert view(third, th).status_code == 403, "a request is not a link"
    link_id = one(f"SELECT id FROM patient_link WHERE local_id = '{made_up}'")
    op = logged_in(people["op"])
    ver = one(f"SELECT version FROM patient_link WHERE id = {link_id}")
    r = op.post(url("/links/decide"), data={"csrf": page_csrf(op, "/links/requests"),
                                            "link": link_id, "version": ver,
                                            "decision": "approved"}, allow_redirects=False)
    assert r.status_code == 303
    assert re.search(rf"^l {fid} {link_id} 0$", facts_of(pid), re.M)
    assert view(third, th).status_code == 200
    oh = op_handle(op, ident, pid)
    ver = one(f"SELECT version FROM patient_link WHERE id = {link_id}")
    r = op.post(url("/links/end"), data={"csrf": page_csrf(op, f"/patients/view?p={oh}"), "p": oh,
                                         "link": link_id, "version": ver,
                                         "reason": "誤って承認した"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert not re.search(rf"^l {fid} ", facts_of(pid), re.M)
    assert view(third, th).status_code == 403


def test_A5_facility_cancelled_bites_next_request_via_kept_facts(people):
    """The operator's facility page cancels a disclosing member: its records close on the
    next request (the members' states are one kept row)."""
    code, fid = new_facility("--disclosing")
    doc = logged_in(make_user("user", facility=code))
    hosp = logged_in(people["hosp"])
    _, ident, pid = register_patient(hosp, local_id=lid())
    sql(f"INSERT INTO patient_link (facility_id, local_id, patient_id, source, created_at)"
        f" VALUES ({fid}, '{lid()}', {pid}, 'import', UTC_TIMESTAMP(6))")
    dh = handle_in(doc, ident)
    assert view(doc, dh).status_code == 200, "its own records"
    op = logged_in(people["op"])
    ver = one(f"SELECT version FROM facility WHERE id = {fid}")
    name = one(f"SELECT name FROM facility WHERE id = {fid}")
    r = op.post(url("/admin/facilities/edit"), data={
        "csrf": page_csrf(op), "id": fid, "version": ver, "name": name, "kind": "hospital",
        "disclosing": "1", "viewing": "1", "status": "suspended"}, allow_redirects=False)
    if r.status_code != 303 or one(f"SELECT status FROM facility WHERE id = {fid}") == "active":
        # the page does not change a member's state: the council's decision does (SQL here)
        sql(f"UPDATE facility SET status = 'suspended' WHERE id = {fid}")
    assert re.search(rf"^{fid} 0 ", one("SELECT facilities FROM region_facts WHERE id = 1")
                     .replace("\\n", "\n"), re.M)
    assert view(doc, dh).status_code == 403
    sql(f"UPDATE facility SET status = 'active' WHERE id = {fid}")
    assert view(doc, dh).status_code == 200


def test_A14_grant_bites_next_request_and_thousands_of_grants_keep_one_row(people):
    hosp = logged_in(people["hosp"])
    _, ident, pid = register_patient(hosp, local_id=lid())
    er = logged_in(people["clinic"])
    eh = handle_in(er, ident)
    assert view(er, eh).status_code == 403
    emergency(er, ident)
    assert view(er, eh).status_code == 200
    u = uid(people["clinic"])
    assert one(f"SELECT COUNT(*) FROM emergency_facts WHERE patient_id = {pid}") == "1"
    # 3,000 more grants of the pair, all expired: still one kept expiry, the latest
    sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
        " reason_text, started_at, expires_at, followup_due, review_status, followup_status)"
        f" SELECT {pid}, {u}, {fac_id('DEMO02')}, 'unconscious', 'x',"
        " UTC_TIMESTAMP(6) - INTERVAL 2 DAY, UTC_TIMESTAMP(6) - INTERVAL 1 DAY,"
        " UTC_TIMESTAMP(6), 'appropriate', 'cannot' FROM seq_1_to_3000")
    assert one(f"SELECT COUNT(*) FROM emergency_facts WHERE patient_id = {pid}") == "1"
    assert one(f"SELECT expires_us = (SELECT MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01',"
               f" expires_at)) FROM emergency_access WHERE patient_id = {pid} AND user_id = {u})"
               f" FROM emergency_facts WHERE patient_id = {pid}") == "1"
    t0 = time.monotonic()
    for _ in range(5):
        assert view(er, eh).status_code == 200
    per = (time.monotonic() - t0) / 5
    assert decide(pid, fac_id("DEMO02"), u) == ("emergency", "emergency", 0)
    forget([pid])
    assert one(f"SELECT COUNT(*) FROM emergency_facts WHERE patient_id = {pid}") == "0"
    assert view(er, eh).status_code == 403
    assert per < 2.0, per


def test_A13_revoked_cert_bites_next_request(people):
    user = make_user("user", facility="DEMO01")
    s = logged_in(user)
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    # the certificate's row is read by its unique key on every request (not kept apart)
    sql(f"UPDATE cert SET status = 'revoked' WHERE serial = '{user.serial}'")
    try:
        assert s.get(url("/"), allow_redirects=False).status_code == 403
    finally:
        sql(f"UPDATE cert SET status = 'active' WHERE serial = '{user.serial}'")
    # and through mogamictl, which also ends the certificate's sessions
    ctl("cert", "revoke", user.serial, "--reason", "key_compromise")
    assert s.get(url("/"), allow_redirects=False).status_code == 403


def logged_out(r):
    return r.status_code in (302, 303) and "/login" in r.headers.get("Location", "")


def test_A13_disabled_user_bites_next_request_via_kept_context(people):
    """A write to the user alone (no session ended) reaches the session's kept context in
    its own transaction: the next request is no longer logged in."""
    user = make_user("user", facility="DEMO01")
    s = logged_in(user)
    assert s.get(url("/"), allow_redirects=False).status_code == 200
    assert one(f"SELECT ctx_user_status FROM session WHERE user_id = {uid(user)}"
               " AND ended_at IS NULL") == "active"
    sql(f"UPDATE users SET status = 'disabled' WHERE id = {uid(user)}")
    assert logged_out(s.get(url("/"), allow_redirects=False))
    sql(f"UPDATE users SET status = 'active' WHERE id = {uid(user)}")
    s = logged_in(user)
    ctl("user", "disable", user.login)
    assert logged_out(s.get(url("/"), allow_redirects=False))


def test_A7_role_change_bites_next_request_via_kept_context(people):
    user = make_user("operator", facility="DEMO01", profession="contract_employee")
    s = logged_in(user)
    assert s.get(url("/admin/certs"), allow_redirects=False).status_code == 200
    sql(f"DELETE FROM user_role WHERE user_id = {uid(user)} AND role = 'operator'")
    assert s.get(url("/admin/certs"), allow_redirects=False).status_code == 403
    sql(f"INSERT INTO user_role (user_id, role) VALUES ({uid(user)}, 'operator')")
    assert s.get(url("/admin/certs"), allow_redirects=False).status_code == 200
    # a renamed facility shows on the next page of its users' open sessions
    fid = fac_id("DEMO01")
    name = one(f"SELECT name FROM facility WHERE id = {fid}")
    try:
        sql(f"UPDATE facility SET name = '改称試験病院' WHERE id = {fid}")
        assert "改称試験病院" in s.get(url("/")).text
    finally:
        sql(f"UPDATE facility SET name = '{name}' WHERE id = {fid}")


# ---------------------------------------------------------------------------------------
# Thousands of random writes: after each, every kept row of the test's patients, users,
# grants and members equals the one recomputed from the sources; after each batch,
# facts verify (the statements the pages read before, every decision for every member)
# and the real viewer's answer for each patient against the sources' decision.

WRITES = int(os.environ.get("FACTS_WRITES", "2000"))
BATCH = 250
SEED = int(os.environ.get("FACTS_SEED", str(random.randrange(1 << 30))))


class Region:
    """The test's own patients, facilities, users and sessions."""


def db_script(script):
    """Runs one SQL script in one session as root; its output lines."""
    r = subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR / 'run' / 'mysqld.sock'}",
                        "-uroot", "-N", "-B", "mogami"], input=script, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.splitlines()


def test_A12_2_keeping_the_facts_makes_no_temporary_file_and_a_link_touch_keeps_nothing(people):
    """The writers pay for the kept facts (issue 23): a patient's rewrite must not make an
    on-disk temporary table (0031's did on every call, the importer's link touch included:
    a tenth of the import rate), and the importer's touch of a link that did not move calls
    nothing. Counted in one session by MariaDB's Created_tmp_disk_tables."""
    _, _, _, pid = consented(people)
    link = one(f"SELECT MIN(id) FROM patient_link WHERE patient_id = {pid}")
    before = facts_of(pid)
    out = db_script(
        "FLUSH STATUS;\n"
        f"UPDATE patient_link SET active_at = UTC_TIMESTAMP(6) WHERE id = {link};\n"
        f"CALL patient_facts_keep({pid}, NULL);\n"
        "CALL patient_facts_keep(NULL, NULL);\n"
        "SHOW SESSION STATUS LIKE 'Created_tmp_disk_tables';\n")
    assert out[-1].split() == ["Created_tmp_disk_tables", "0"], out
    assert facts_of(pid) == before
    assert verify().returncode == 0
    forget([pid])


def check_sql(g, step):
    """One row per kept row that differs from its recomputation: the patients the write
    touched, those merged with them either way (every patient of the test at the batch's
    end, by facts verify), the members, the test's grants and its users' open sessions."""
    ps = ",".join(map(str, g.patients))
    ts = ",".join(map(str, sorted(g.touched)))
    us = ",".join(map(str, g.users))
    return (
        f"SELECT {step}, 'patient', p.id FROM patient p LEFT JOIN patient_facts k"
        f" ON k.patient_id = p.id WHERE (p.id IN ({ts}) OR p.id IN (SELECT survivor_id FROM"
        f" patient_merge WHERE merged_id IN ({ts})) OR p.id IN (SELECT merged_id FROM"
        f" patient_merge WHERE survivor_id IN ({ts}))) AND NOT (k.facts <=> patient_facts_of(p.id))"
        f" UNION ALL SELECT {step}, 'region', 1 FROM DUAL WHERE NOT ((SELECT facilities"
        f" FROM region_facts WHERE id = 1) <=> region_facilities_of())"
        f" UNION ALL SELECT {step}, 'grant', g.patient_id FROM (SELECT patient_id, user_id,"
        f" MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', expires_at)) m FROM emergency_access"
        f" WHERE patient_id IN ({ps}) GROUP BY patient_id, user_id) g LEFT JOIN emergency_facts k"
        f" ON k.patient_id = g.patient_id AND k.user_id = g.user_id WHERE NOT (k.expires_us <=> g.m)"
        f" UNION ALL SELECT {step}, 'session', s.id FROM session s JOIN users u ON u.id = s.user_id"
        f" JOIN facility f ON f.id = u.facility_id WHERE s.user_id IN ({us})"
        f" AND s.ended_at IS NULL AND NOT (BINARY s.ctx_login <=> BINARY u.login"
        f" AND BINARY s.ctx_name <=> BINARY u.name"
        f" AND BINARY s.ctx_user_status <=> BINARY u.status"
        f" AND s.ctx_facility_id <=> u.facility_id AND BINARY s.ctx_facility_name <=> BINARY f.name"
        f" AND s.ctx_must_change_pw <=> u.must_change_pw AND s.ctx_ends_on <=> u.ends_on"
        f" AND BINARY s.ctx_profession <=> BINARY u.profession"
        f" AND s.ctx_roles <=> (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r"
        f" WHERE r.user_id = u.id));\n")


def random_write(g, rnd):
    """One write of a fact, as SQL in its own transaction (the triggers keep the rows
    whoever writes): form 4 and 5 in any order, checks and voids, deaths, merges and their
    undoing, links, members' states, A14 grants, certificates, users and roles."""
    p = rnd.choice(g.patients)
    g.touched = {p}
    f = rnd.choice(g.facilities)
    u = rnd.choice(g.users)
    day = f"2026-{rnd.randrange(9, 13):02d}-{rnd.randrange(1, 29):02d}"
    when = f"UTC_TIMESTAMP(6) {rnd.choice('+-')} INTERVAL {rnd.randrange(0, 3000)} MINUTE"
    tok = os.urandom(32).hex()
    k = rnd.randrange(4)
    pick_consent = (f"SET @c = (SELECT id FROM consent WHERE patient_id = {p}"
                    f" ORDER BY id LIMIT 1 OFFSET {k});\n")
    pick_link = (f"SET @l = (SELECT id FROM patient_link WHERE patient_id = {p}"
                 f" ORDER BY id LIMIT 1 OFFSET {k % 2});\n")
    kind = rnd.choices(
        ["form4", "form5", "check", "cf_delete", "death", "revive", "merge", "unmerge", "link",
         "link_end", "link_move", "link_touch", "facility", "facility_name", "grant", "cert",
         "user", "role", "session", "rollback", "cleanup"],
        [20, 10, 10, 3, 4, 2, 4, 3, 6, 3, 3, 3, 6, 2, 8, 2, 5, 4, 2, 2, 6])[0]
    if kind == "form4":
        names = [x for x in g.named if rnd.random() < 0.5]
        rows = ", ".join(f"(@c, '{side}', {x})" for x in names
                         for side in rnd.sample(["disclosing", "viewing"], rnd.randrange(1, 3)))
        return ("BEGIN;\nINSERT INTO consent (patient_id, signed_on, all_disclosing, all_viewing,"
                " facility_id, registered_at, registered_by, idem, status, after_revocation)"
                f" VALUES ({p}, '{day}', {int(rnd.random() < 0.5)}, {int(rnd.random() < 0.5)},"
                f" {f}, {when}, 1, '{tok}', '{rnd.choice(['submitted', 'checked'])}',"
                f" {int(rnd.random() < 0.3)});\nSET @c = LAST_INSERT_ID();\n"
                + (f"INSERT INTO consent_facility (consent_id, side, facility_id) VALUES {rows};\n"
                   if rows else "") + "COMMIT;\n")
    if kind == "form5":
        return ("INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, via,"
                f" received_at, received_by, idem) VALUES ('T{tok[:18]}', {p}, '{day}', 'desk',"
                f" {when}, 1, '{tok}');\n")
    if kind == "check":
        st = rnd.choice(["checked", "rejected", "submitted"])
        return pick_consent + f"UPDATE consent SET status = '{st}' WHERE id = @c;\n"
    if kind == "cf_delete":
        return pick_consent + "DELETE FROM consent_facility WHERE consent_id = @c LIMIT 1;\n"
    if kind == "death":
        return (f"UPDATE patient SET status = 'cancelled', deceased_on = '{day}',"
                f" cancelled_at = {when} WHERE id = {p} AND status = 'active';\n")
    if kind == "revive":
        return ("UPDATE patient SET status = 'active', deceased_on = NULL, cancelled_at = NULL"
                f" WHERE id = {p} AND status = 'cancelled';\n")
    if kind == "merge":
        m = rnd.choice([x for x in g.patients if x != p])
        g.touched.add(m)
        return (f"BEGIN;\nSET @ok = (SELECT status = 'active' FROM patient WHERE id = {m})"
                f" AND (SELECT status = 'active' FROM patient WHERE id = {p});\n"
                "INSERT INTO patient_merge (survivor_id, merged_id, reason, merged_at,"
                f" merged_by) SELECT {p}, {m}, 'random', UTC_TIMESTAMP(6), 1 FROM DUAL"
                " WHERE @ok;\n"
                f"UPDATE patient SET status = 'merged', merged_into = {p} WHERE id = {m}"
                " AND @ok;\n"
                f"UPDATE patient_link SET patient_id = {p} WHERE patient_id = {m} AND @ok;\n"
                "COMMIT;\n")
    if kind == "unmerge":
        return (f"BEGIN;\nSET @m = (SELECT id FROM patient_merge WHERE survivor_id = {p}"
                " AND undone_at IS NULL ORDER BY id LIMIT 1);\n"
                "UPDATE patient_merge SET undone_at = UTC_TIMESTAMP(6), undone_by = 1,"
                " undo_reason = 'random' WHERE id = @m;\n"
                "UPDATE patient SET status = 'active', merged_into = NULL WHERE id ="
                " (SELECT merged_id FROM patient_merge WHERE id = @m);\nCOMMIT;\n")
    if kind == "link":
        return ("INSERT INTO patient_link (facility_id, local_id, patient_id, source, created_at)"
                f" VALUES ({f}, 'R{tok[:20]}', {p}, 'import', UTC_TIMESTAMP(6));\n")
    if kind == "link_end":
        return pick_link + "UPDATE patient_link SET patient_id = NULL WHERE id = @l;\n"
    if kind == "link_move":
        q = rnd.choice(g.patients)
        g.touched.add(q)
        return pick_link + f"UPDATE patient_link SET patient_id = {q} WHERE id = @l;\n"
    if kind == "link_touch":
        return pick_link + "UPDATE patient_link SET version = version + 1 WHERE id = @l;\n"
    if kind == "facility":
        col, val = rnd.choice([("status", "'active'"), ("status", "'active'"),
                               ("status", "'suspended'"), ("status", "'cancelled'"),
                               ("disclosing", "0"), ("disclosing", "1"), ("viewing", "0"),
                               ("viewing", "1")])
        return f"UPDATE facility SET {col} = {val} WHERE id = {rnd.choice(g.own)};\n"
    if kind == "facility_name":
        return f"UPDATE facility SET name = '乱数施設{tok[:6]}' WHERE id = {rnd.choice(g.own)};\n"
    if kind == "grant":
        return ("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
                " reason_text, started_at, expires_at, followup_due, review_status,"
                f" followup_status) VALUES ({p}, {u}, {f}, 'unconscious', 'random',"
                f" UTC_TIMESTAMP(6), {when}, UTC_TIMESTAMP(6), 'appropriate', 'cannot');\n")
    if kind == "cert":
        st = rnd.choice(["revoked", "active"])
        return f"UPDATE cert SET status = '{st}' WHERE user_id = {u};\n"
    if kind == "user":
        col, val = rnd.choice([("status", "'disabled'"), ("status", "'active'"),
                               ("name", f"'乱数 {tok[:6]}'"), ("must_change_pw", "1"),
                               ("must_change_pw", "0"), ("ends_on", f"'{day}'"),
                               ("ends_on", "NULL"), ("failed_count", "failed_count + 1"),
                               ("facility_id", str(rnd.choice(g.own)))])
        return f"UPDATE users SET {col} = {val} WHERE id = {u};\n"
    if kind == "role":
        r = rnd.choice(["user", "desk", "staff", "facility_manager"])
        if rnd.random() < 0.5:
            return f"INSERT IGNORE INTO user_role (user_id, role) VALUES ({u}, '{r}');\n"
        return f"DELETE FROM user_role WHERE user_id = {u} AND role = '{r}';\n"
    if kind == "session":
        if rnd.random() < 0.7:
            return ("INSERT INTO session (token_hash, user_id, cert_serial, csrf, created_at,"
                    f" last_seen) VALUES (SHA2('{tok}', 256), {u}, 'none', '{tok}',"
                    " UNIX_TIMESTAMP(), UNIX_TIMESTAMP());\n")
        return (f"UPDATE session SET ended_at = UNIX_TIMESTAMP(), end_reason = 'logout'"
                f" WHERE user_id = {u} AND ended_at IS NULL ORDER BY id LIMIT 1;\n")
    if kind == "cleanup":
        return (f"BEGIN;\n{pick_consent}DELETE FROM consent_facility WHERE consent_id = @c;\n"
                "DELETE FROM consent_scan WHERE consent_id = @c;\n"
                "DELETE FROM consent WHERE id = @c AND NOT EXISTS (SELECT 1 FROM emergency_access"
                " WHERE consent_id = @c);\n"
                f"DELETE FROM consent_revocation WHERE patient_id = {p} ORDER BY id LIMIT 1;\n"
                "COMMIT;\n")
    # a writer whose transaction fails: nothing of it stays, in the kept rows either
    touched = g.touched
    inner = random_write(g, rnd).replace("BEGIN;\n", "").replace("COMMIT;\n", "")
    g.touched |= touched
    return "BEGIN;\n" + inner + "ROLLBACK;\n"


def page_write(g, rnd):
    """One write through a real page: a form 4 by the clinic or a form 5 at the desk (the
    grants through the page are test_A14_...'s). A page may refuse it (a form 4 older than the latest form 5, a
    registration cancelled): never with a server error."""
    i = rnd.randrange(len(g.patients))
    if g.status(i) != "active":
        return
    ident = g.idents[i]
    kind = rnd.choice(["form4", "form5"])
    if kind == "form4":
        r = post_consent(g.clinic, g.handles[i], signed_on="2026-12-01", after_revocation="1")
    else:
        dh = handle_in(g.desk, ident)
        page = g.desk.get(url(f"/revocations/new?p={dh}")).text
        idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page)
        if idem is None:
            return
        r = g.desk.post(url("/revocations/new"), data={
            "confirm": "1", "csrf": page_csrf(g.desk, f"/revocations/new?p={dh}"), "p": dh,
            "idem": idem.group(1), "signed_on": "2026-12-01", "signer": "patient"},
            allow_redirects=False)
    assert r.status_code < 500, (kind, r.status_code, r.text[:500])


def viewer_agrees(g):
    """The real viewer's answer for each patient (the clinic, DEMO02) against the decision on
    the sources (facts decide): records (200) exactly when the sources allow."""
    for i, pid in enumerate(g.patients):
        kept, source, rc = decide(pid, g.demo02, g.clinic_id)
        assert rc == 0, (SEED, pid, kept, source)
        code = view(g.clinic, g.handles[i]).status_code
        allowed = source in ("consent", "own", "emergency")
        assert code < 500 and (code == 200) == allowed, (SEED, pid, source, code)


def test_A12_1_A12_2_A14_random_writes_keep_every_decision(people):
    print(f"FACTS_SEED={SEED} FACTS_WRITES={WRITES}")
    rnd = random.Random(SEED)
    g = Region()
    t0 = time.monotonic()
    g.own = [new_facility("--disclosing")[1], new_facility("--disclosing")[1],
             new_facility()[1]]
    g.demo02 = fac_id("DEMO02")
    g.facilities = g.own + [fac_id("DEMO01")]
    g.named = g.own + [fac_id("DEMO01"), g.demo02]
    hosp = logged_in(people["hosp"])
    g.patients, g.idents = [], []
    for _ in range(10):
        _, ident, pid = register_patient(hosp, local_id=lid())
        g.patients.append(pid)
        g.idents.append(ident)
    g.clinic = logged_in(people["clinic"])
    g.clinic_id = uid(people["clinic"])
    g.handles = [handle_in(g.clinic, ident) for ident in g.idents]
    g.desk = logged_in(people["desk"])
    g.status = lambda i: one(f"SELECT status FROM patient WHERE id = {g.patients[i]}")
    # users of the test's own facilities with open sessions (their kept context)
    owners = [make_user("user", facility=one(f"SELECT code FROM facility WHERE id = {f}"))
              for f in g.own[:2]]
    for o in owners:
        logged_in(o)
    g.users = [uid(o) for o in owners]
    done = 0
    try:
        while done < WRITES:
            n = min(BATCH, WRITES - done)
            script = "".join(random_write(g, rnd) + check_sql(g, done + i) for i in range(n))
            bad = db_script(script)
            assert not bad, f"FACTS_SEED={SEED}: kept rows differ after writes {bad[:5]}"
            done += n
            page_write(g, rnd)
            r = verify()
            assert r.returncode == 0, f"FACTS_SEED={SEED} after {done} writes:\n{r.stdout[-3000:]}"
            viewer_agrees(g)
        elapsed = time.monotonic() - t0
        print(f"{WRITES} random writes checked in {elapsed:.1f} s")
        ps = ",".join(map(str, g.patients))
        kinds = sql(f"SELECT (SELECT COUNT(*) FROM consent WHERE patient_id IN ({ps})),"
                    f" (SELECT COUNT(*) FROM consent_revocation WHERE patient_id IN ({ps}))")
        assert int(kinds[0][0]) > WRITES // 20 and int(kinds[0][1]) > WRITES // 80, kinds
    finally:
        forget(g.patients)
    assert verify().returncode == 0
