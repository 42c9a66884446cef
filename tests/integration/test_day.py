"""test_day.py: a clinician's day (issue 19). Finding the patient by the facility's own
local ID (leading zeros either way), the kanji name with the birth date, the kana and the
network ID, and a search that finds nothing naming the ways and never consent; the EHR's
deep link /records/local (own facility's IDs only, after the login, to a handle URL, the ID
in no title, audit entry or log); the login's return only to this site's pages; my
patients, recently viewed and new since I last looked, a form 5 dropping a patient from
every list at once (A12.2) and telling only that access ended; the summary against known
imported data; prescriptions by Rp, places in words, labs newest first with HL7 units,
documents by kind and date; users' notes (certificate ending, follow-up overdue, A14)."""
import datetime
import os
import random
import re
import urllib.parse

import pytest

from conftest import VAR, issue_cert, logged_in, login, make_user, page_csrf, session, sql, url
from test_import import hl7, put
from test_patients import PDF, fresh_identity, register_consent, register_patient, revoke_at_desk
from test_viewer import imp

JST = datetime.timezone(datetime.timedelta(hours=9))
ROOT_STD, ROOT_EXT = VAR / "viewer-ssmix2" / "std", VAR / "viewer-ssmix2" / "ext"


def one(q):
    return sql(q)[0][0]


def days_ago(n, fmt="%Y%m%d"):
    return (datetime.datetime.now(JST) - datetime.timedelta(days=n)).strftime(fmt)


def text(html):
    """The visible text of a page, tags and runs of space gone."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def block(html, elem_id):
    """The HTML of the element with this id up to its closing tag of the same name."""
    m = re.search(r'<(\w+)[^>]*\bid="%s"' % re.escape(elem_id), html)
    if not m:
        return ""
    tag, start = m.group(1), m.start()
    depth, i = 0, start
    for t in re.finditer(r"<(/?)%s\b[^>]*>" % tag, html[start:]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return html[start:start + t.end()]
    return html[start:]


class Pt:
    """A patient of DEMO01 with recent records of every kind the summary reads."""


def lab_msg(L, order, day, wbc="12.3"):
    # OBX-6 "10^3/μL" unescaped: HL7 reads it as the components "10" and "3/μL".
    return hl7("OUL^R22^OUL_R22", L, [
        f"SPM|1|||023^血清^JC10|||||||||||||{day}090000",
        f"OBR|1|{order}||E001^血液学^99O03|||{day}090000",
        f"ORC|SC|{order}||||||||",
        f"OBX|1|NM|2A990000001930952^白血球数^JC10||{wbc}|10^3/μL|3.3-8.6|H|||F|||{day}090000",
        f"OBX|2|NM|3A010000002327101^総蛋白^JC10||7.0|g/dl^g/dl^99XYZ|6.7-8.3||||F|||{day}090000"])


def rx_msg(L, order, day, drug1, drug2, drug3):
    return hl7("RDE^O11^RDE_O11", L, [
        f"ORC|NW|{order}||1|||||{day}100000",
        f"RXE||620000001^{drug1}^HOT9|1||TAB^錠^MR9P|||||15|TAB^錠^MR9P",
        "TQ1|1||1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01|||7^d",
        "RXR|PO^口^HL70162",
        f"ORC|NW|{order}||1|||||{day}100000",
        f"RXE||620000002^{drug2}^HOT9|2||TAB^錠^MR9P|||||30|TAB^錠^MR9P",
        "TQ1|1||1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01|||7^d",
        "RXR|PO^口^HL70162",
        f"ORC|NW|{order}||2|||||{day}100000",
        f"RXE||620000003^{drug3}^HOT9|1||TAB^錠^MR9P|||||14|TAB^錠^MR9P",
        "TQ1|1||1022000100000000&内服・経口・１日１回寝る前&JAMISDP01|||14^d",
        "RXR|PO^口^HL70162"])


def adt(L, msh9, day, hh, pv1):
    return hl7(msh9, L, [f"EVN||{day}{hh}0000", pv1])


def make_pt(people, tag=None):
    """Registers a patient at DEMO01 with a chart number of leading zeros, a consent for
    every member, and imports recent records of every kind the summary shows."""
    p = Pt()
    p.tag = tag or os.urandom(3).hex()
    p.local = "00" + str(random.randrange(10 ** 7, 10 ** 8))
    ident = fresh_identity()
    p.name = f"閲覧 日常{random.randrange(10 ** 6)}"
    ident["name"] = p.name
    p.ident = ident
    p.hosp = logged_in(people["hosp"])
    p.handle, _, p.pid = register_patient(p.hosp, ident=ident, local_id=p.local)
    register_consent(p.hosp, p.handle)
    p.network_id = one(f"SELECT network_id FROM patient WHERE id = {p.pid}")
    p.allergy, p.problem, p.old_problem = f"卵{p.tag}", f"高血圧症{p.tag}", f"骨折{p.tag}"
    p.drugs = [f"日常錠A{p.tag}", f"日常錠B{p.tag}", f"日常錠C{p.tag}"]
    L, d10, d5, d200 = p.local, days_ago(10), days_ago(5), days_ago(200)
    p.d10, p.d5 = d10, d5
    put(ROOT_STD, L, d10, "OML-11", "000000000000901", d10 + "120000000", 1,
        lab_msg(L, "000000000000901", d10, "12.3"))
    put(ROOT_STD, L, d5, "OML-11", "000000000000902", d5 + "120000000", 1,
        lab_msg(L, "000000000000902", d5, "11.0"))
    put(ROOT_STD, L, d10, "OMP-01", "000000000000903", d10 + "100000000", 1,
        rx_msg(L, "903", d10, *p.drugs))
    put(ROOT_STD, L, d10, "ADT-12", "999999999999999", d10 + "083000000", 1,
        adt(L, "ADT^A04^ADT_A01", d10, "08", "PV1|1|O|02^循環器内科"), dept="02")
    put(ROOT_STD, L, d5, "ADT-22", "999999999999999", d5 + "140000000", 1,
        adt(L, "ADT^A01^ADT_A01", d5, "14", "PV1|1|I|32^302^1"), dept="02")
    put(ROOT_STD, L, "-", "ADT-61", "999999999999999", d10 + "080000000", 1,
        hl7("ADT^A60^ADT_A60", L, [f"EVN||{d10}080000",
            f"IAM|1|FA^食物アレルギー^HL70127|9001^{p.allergy}^99XYZ|SV^重症^HL70128|じんましん|A"]),
        dept="-")
    put(ROOT_STD, L, "-", "PPR-01", "999999999999999", d10 + "080000000", 1,
        hl7("PPR^ZD1^PPR_ZD1", L, [
            f"PRB|AD|{d200}|I10^{p.problem}^I10|1||||||||||||{d200}",
            # PRB-9: resolved (the importer's "resolved")
            "|".join(["PRB", "AD", d200, f"S82^{p.old_problem}^I10", "2", "", "", d200, "",
                      d10] + [""] * 6 + [d200])]),
        dept="01")
    d = ROOT_EXT / L.rjust(7, "0")[:3] / L.rjust(7, "0")[3:6] / L / d5 / "退院時サマリ"
    d.mkdir(parents=True)
    p.docfile = f"{L}_{d5}_17.pdf"
    (d / p.docfile).write_bytes(PDF)
    imp("DEMO01", ROOT_STD, ROOT_EXT)
    return p


@pytest.fixture(scope="module")
def people():
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "hosp2": make_user("user", facility="DEMO01"),
        "clinic": make_user("user", facility="DEMO02", profession="nurse"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
    }


@pytest.fixture(scope="module")
def pt(people):
    return make_pt(people)


def search(s, q, birth=None):
    params = {"q": q}
    if birth:
        params["birth"] = birth
    return s.get(url("/records"), params=params, allow_redirects=False)


def found(r, p):
    return p.name in block(r.text, "records-patients")


WAYS = ["自施設の患者 ID", "漢字氏名", "カナ氏名", "ネットワーク ID"]


def assert_none_names_the_ways(r):
    none = text(block(r.text, "records-none"))
    assert none, r.text[:500]
    for w in WAYS:
        assert w in none, w
    # Never a hint that a consent is missing: that would tell the patient exists.
    assert "同意" not in none and "様式" not in none


def test_A8_1_search_by_own_local_id_leading_zeros_either_way(people, pt):
    hosp = logged_in(people["hosp"])
    for q in (pt.local, pt.local.lstrip("0"), "000" + pt.local.lstrip("0"), f" {pt.local} "):
        r = search(hosp, q)
        assert r.status_code == 200 and found(r, pt), q
    # full-width digits as an IME types them
    wide = "".join(chr(ord(c) + 0xFEE0) for c in pt.local)
    assert found(search(hosp, wide), pt)
    # Another facility's local ID finds nothing there, though its consent names that facility.
    clinic = logged_in(people["clinic"])
    r = search(clinic, pt.local)
    assert r.status_code == 200 and not found(r, pt) and pt.name not in r.text
    assert_none_names_the_ways(r)
    # ... while the network ID finds the patient for the clinic (the consent allows it).
    assert found(search(clinic, pt.network_id), pt)


def test_A8_1_A12_1_search_by_kanji_name_with_birth_date_kana_and_network_id(people, pt):
    hosp = logged_in(people["hosp"])
    bd = pt.ident["birth_date"]
    assert found(search(hosp, pt.name), pt)
    assert found(search(hosp, pt.name.replace(" ", "")), pt)
    assert found(search(hosp, pt.name.replace(" ", "　")), pt)
    assert found(search(hosp, pt.name, bd), pt)
    other = "1901-01-01"
    r = search(hosp, pt.name, other)
    assert not found(r, pt)
    assert_none_names_the_ways(r)
    assert found(search(hosp, pt.ident["kana"].split()[0]), pt)
    assert found(search(hosp, pt.ident["kana"], bd), pt)
    assert not found(search(hosp, pt.ident["kana"], other), pt)
    assert found(search(hosp, pt.network_id), pt)
    # a bad birth date: a field error that keeps what was typed
    r = search(hosp, pt.name, "1950-13-45")
    assert r.status_code == 200 and 'id="err-birth"' in r.text and "1950-13-45" in r.text
    # a name the network does not hold: the ways, no consent
    assert_none_names_the_ways(search(hosp, "存在 しない" + pt.tag))


def test_A8_1_list_rows_show_age_and_wareki(people, pt):
    hosp = logged_in(people["hosp"])
    r = search(hosp, pt.local)
    row = text(block(r.text, "records-patients"))
    y, m, d = (int(x) for x in pt.ident["birth_date"].split("-"))
    today = datetime.datetime.now(JST).date()
    age = today.year - y - ((today.month, today.day) < (m, d))
    assert f"{age}歳" in row
    assert f"{y}年{m}月{d}日" in row and "昭和" in row
    assert pt.ident["birth_date"] not in row        # no ISO date on the page


def test_A8_1_A8_3_deep_link_after_login_returns_and_opens_by_handle(people, pt):
    u = people["hosp"]
    s = session(u.cert)
    target = f"/records/local?id={pt.local.lstrip('0')}"
    r = s.get(url(target), allow_redirects=False)
    assert r.status_code == 303
    loc = r.headers["Location"]
    assert loc.startswith("/login?next=")
    r = s.get(url(loc))
    assert r.status_code == 200 and 'name="next"' in r.text
    nxt = re.search(r'name="next" value="([^"]*)"', r.text).group(1)
    assert nxt == target
    tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text).group(1)
    r = s.post(url("/login"), data={"login": u.login, "password": u.password, "csrf": tok,
                                    "next": nxt}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == target
    r = s.get(url(target), allow_redirects=False)
    assert r.status_code == 303
    loc = r.headers["Location"]
    assert re.fullmatch(r"/records/patient\?p=[A-Za-z0-9]{22}", loc), loc
    assert pt.local.lstrip("0") not in loc
    r = s.get(url(loc))
    assert r.status_code == 200 and 'id="purpose-form"' in r.text and pt.name in r.text
    title = re.search(r"<title>(.*?)</title>", r.text).group(1)
    assert pt.local.lstrip("0") not in title and pt.name not in title
    # The ID is in no audit entry and no log line.
    lid = pt.local.lstrip("0")
    assert one(f"SELECT COUNT(*) FROM audit WHERE CONCAT_WS(' ', object_id, detail) "
               f"LIKE '%{lid}%'") == "0"
    assert lid not in (VAR / "log" / "nginx-access.log").read_text(errors="replace")
    assert one("SELECT COUNT(*) FROM audit WHERE action = 'records.local' AND outcome = "
               f"'allowed' AND patient_id = {pt.pid}") != "0"


def test_A12_1_deep_link_another_facilitys_id_finds_nothing(people, pt):
    clinic = logged_in(people["clinic"])
    r = clinic.get(url(f"/records/local?id={pt.local}"), allow_redirects=False)
    assert r.status_code == 404 and pt.name not in r.text
    assert "自施設" in text(block(r.text, "records-none"))
    for bad in ("", "a b", "x" * 65, "../1", "1;DROP"):
        r = clinic.get(url("/records/local"), params={"id": bad}, allow_redirects=False)
        assert r.status_code == 400, bad


@pytest.mark.parametrize("nxt", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                 "/%2F%2Fevil.example", "javascript:alert(1)", "/login",
                                 "/healthz", "/nowhere", "/records\r\nX-A: b", "http:/x"])
def test_A8_3_login_returns_only_to_this_sites_pages(people, nxt):
    u = people["hosp2"]
    s = session(u.cert)
    r = s.get(url("/login"), params={"next": nxt})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert 'name="next"' not in r.text
    tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', s.get(url("/login")).text).group(1)
    r = s.post(url("/login"), data={"login": u.login, "password": u.password, "csrf": tok,
                                    "next": nxt}, allow_redirects=False)
    assert r.status_code in (303, 400)
    if r.status_code == 303:
        assert r.headers["Location"] == "/"


def test_A8_3_login_returns_to_a_page_of_this_site(people):
    u = people["hosp2"]
    s = session(u.cert)
    r = s.get(url("/records?q=%E3%82%AB"), allow_redirects=False)
    assert r.headers["Location"] == "/login?next=/records%3Fq%3D%25E3%2582%25AB"
    tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', s.get(url(r.headers["Location"])).text).group(1)
    r = s.post(url("/login"), data={"login": u.login, "password": u.password, "csrf": tok,
                                    "next": "/records?q=%E3%82%AB"}, allow_redirects=False)
    assert r.headers["Location"] == "/records?q=%E3%82%AB"


def home(s):
    r = s.get(url("/"))
    assert r.status_code == 200, r.text[:300]
    return r.text


def in_list(html, elem_id, name):
    return name in block(html, elem_id)


def view(s, h, section="summary"):
    return s.get(url("/records/patient"), params={"p": h, "purpose": "care",
                                                  "section": section}, allow_redirects=False)


def handle_of(s, p):
    r = s.get(url(f"/records/local?id={p.local}"), allow_redirects=False)
    return r.headers["Location"].split("p=")[1]


def test_A12_2_my_patients_recent_new_since_and_a_form5_drops_at_once(people, tmp_path):
    p = make_pt(people)
    s = logged_in(people["hosp2"])
    html = home(s)
    # my patients: a link at this facility and a consent naming it
    assert in_list(html, "mine-list", p.name)
    assert not in_list(html, "recent-list", p.name) and not in_list(html, "fresh-list", p.name)
    assert re.search(r"/records/patient\?p=[A-Za-z0-9]{22}", block(html, "mine-list"))
    # A11.2: the home page is audited with whom it named, each in their own log
    uid = one(f"SELECT id FROM users WHERE login = '{people['hosp2'].login}'")
    assert one(f"SELECT COUNT(*) FROM audit WHERE action = 'records.home_listed' "
               f"AND patient_id = {p.pid} AND user_id = {uid}") != "0"
    h = handle_of(s, p)
    assert view(s, h).status_code == 200
    html = home(s)
    assert in_list(html, "recent-list", p.name) and not in_list(html, "fresh-list", p.name)
    # a record arrives after the view: new since I last looked
    d = days_ago(1)
    put(ROOT_STD, p.local, d, "OML-11", "000000000000909", d + "120000000", 1,
        lab_msg(p.local, "000000000000909", d, "9.9"))
    imp("DEMO01", ROOT_STD, ROOT_EXT)
    html = home(s)
    assert in_list(html, "fresh-list", p.name)
    assert view(s, h, "labs").status_code == 200
    assert not in_list(home(s), "fresh-list", p.name)
    # the whole list, paged
    r = s.get(url("/records/mine"))
    assert r.status_code == 200 and in_list(r.text, "mine-list", p.name)
    # A patient another facility registered with an "every facility" consent is not mine.
    clinic = logged_in(people["clinic"])
    ident = fresh_identity()
    ident["name"] = f"他院 登録{random.randrange(10 ** 6)}"
    ch, _, cpid = register_patient(clinic, ident=ident)
    register_consent(clinic, ch)
    assert ident["name"] not in home(s)
    assert in_list(home(clinic), "mine-list", ident["name"])
    # Form 5: gone from every list at once; only that access ended is told.
    revoke_at_desk(logged_in(people["desk"]), p.ident)
    html = home(s)
    for lst in ("mine-list", "recent-list", "fresh-list"):
        assert not in_list(html, lst, p.name), lst
    assert p.name not in html
    notes = text(block(html, "user-notes"))
    assert "閲覧できなくなりました" in notes and "同意の撤回" in notes
    r = s.get(url("/notifications"))
    assert r.status_code == 200 and "閲覧できなくなりました" in r.text and p.name not in r.text
    assert p.name not in s.get(url("/records/mine")).text


def test_A8_1_summary_against_known_imported_data(people, pt):
    s = logged_in(people["hosp"])
    h = handle_of(s, pt)
    r = s.get(url("/records/patient"), params={"p": h, "purpose": "care"})
    assert r.status_code == 200
    assert 'id="tab-summary"' in r.text and 'aria-current="page"' in block(r.text, "tab-summary")
    tabs = re.findall(r'id="tab-(\w+)"', r.text)
    assert tabs[0] == "summary"
    html = r.text
    allergies = text(block(html, "sum-allergies"))
    assert pt.allergy in allergies and "県立新庄病院" in allergies
    problems = block(html, "sum-problems")
    assert pt.problem in problems and pt.old_problem in problems
    assert problems.index(pt.problem) < problems.index(pt.old_problem)    # active first
    meds = block(html, "sum-rx")
    for drug in pt.drugs:
        assert drug in meds
    assert len(re.findall(r'<tbody class="rx-group', meds)) == 2            # two Rp
    assert "Rp1" in text(meds) and "Rp2" in text(meds)
    assert "7 日分" in text(meds) and "14 日分" in text(meds)
    labs = text(block(html, "sum-lab-table"))
    assert "白血球数" in labs and "12.3" in labs and "11.0" in labs and "10^3/μL" in labs
    assert "総蛋白" not in labs                                              # in range
    visits = text(block(html, "sum-visits"))
    assert "循環器内科" in visits and "32病棟 302号室 1床" in visits
    assert "02、" not in visits and "32、302" not in visits
    docs = text(block(html, "sum-docs"))
    y, m, d = int(pt.d5[:4]), int(pt.d5[4:6]), int(pt.d5[6:])
    assert f"退院時サマリ（{y}年{m}月{d}日" in docs and pt.docfile not in html
    # every part links to its section
    for sec in ("problems", "meds", "labs", "visits", "documents"):
        assert f"section={sec}" in html, sec
    # the one date style: no ISO date in the summary
    assert not re.search(r"\d{4}-\d\d-\d\d", text(block(html, "records")))


def test_A8_1_sections_in_words_rp_labs_newest_first_documents_by_kind(people, pt):
    s = logged_in(people["hosp"])
    h = handle_of(s, pt)
    tl = text(block(view(s, h, "timeline").text, "rec-rows"))
    assert "循環器内科" in tl and "32病棟 302号室 1床" in tl and "32、302、1" not in tl
    meds = view(s, h, "meds").text
    assert len(re.findall(r'<tbody class="rx-group', block(meds, "rec-meds"))) >= 2
    labs = view(s, h, "labs").text
    table = block(labs, "rec-labs")
    heads = re.findall(r'<th class="num labdate">([^<]*)</th>', table)
    y10, y5 = (f"{int(x[:4])}年{int(x[4:6])}月{int(x[6:])}日" for x in (pt.d10, pt.d5))
    assert heads and y5 in heads[0] and any(y10 in x for x in heads)        # newest left
    assert "(10^3/μL)" in table and "(10)" not in table
    assert 'class="sticky"' in table
    docs = text(block(view(s, h, "documents").text, "rec-docs"))
    assert "退院時サマリ（" in docs and pt.docfile not in docs and "application/pdf" not in docs
    # the anonymized print of the summary names no patient and no file
    r = s.get(url("/records/print"), params={"p": h, "purpose": "care", "section": "summary"})
    assert r.status_code == 200 and pt.name not in r.text and pt.docfile not in r.text


def test_A4_2_A14_notes_certificate_ending_and_followup_overdue(people, pt):
    u = make_user("user", facility="DEMO01")
    cert, serial, _, _ = issue_cert(u.login, days=10, tag="short")
    # only the short certificate: revoke the long one so it is the latest active
    sql(f"UPDATE cert SET status = 'revoked' WHERE serial = '{u.serial}'")
    s, r = login(u, cert=cert)
    assert r.status_code == 303, r.text[:300]
    uid = one(f"SELECT id FROM users WHERE login = '{u.login}'")
    fac = one("SELECT id FROM facility WHERE code = 'DEMO01'")
    sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
        " reason_text, started_at, expires_at, followup_due) VALUES"
        f" ({pt.pid}, {uid}, {fac}, 'critical', '試験', UTC_TIMESTAMP(6) - INTERVAL 10 DAY,"
        " UTC_TIMESTAMP(6) - INTERVAL 10 DAY + INTERVAL 1 HOUR,"
        " UTC_TIMESTAMP(6) - INTERVAL 3 DAY)")
    html = home(s)
    notes = block(html, "user-notes")
    assert 'id="note-cert"' in notes and "有効期限" in text(notes)
    assert pt.name in notes and "期限を過ぎています" in text(notes)
    links = re.findall(r'href="(/(?:records/patient|consents/new)\?p=[A-Za-z0-9]{22})"', notes)
    assert len(links) == 2
    r = s.get(url(links[1]))
    assert r.status_code == 200
    r = s.get(url("/notifications"))
    assert r.status_code == 200 and pt.name in block(r.text, "user-notes")
    assert 'id="nav-notify-user"' in r.text


def test_A14_followup_list_names_the_patient_and_links_back(people, pt):
    """A14: the follow-up list says whose consent is to be obtained and links to the
    patient (by handle), the record and form 4."""
    u = make_user("user", facility="DEMO01")
    uid = one(f"SELECT id FROM users WHERE login = '{u.login}'")
    fac = one("SELECT id FROM facility WHERE code = 'DEMO01'")
    sql("INSERT INTO emergency_access (patient_id, user_id, facility_id, reason_category,"
        " reason_text, started_at, expires_at, followup_due) VALUES"
        f" ({pt.pid}, {uid}, {fac}, 'critical', '試験', UTC_TIMESTAMP(6) - INTERVAL 5 DAY,"
        " UTC_TIMESTAMP(6) - INTERVAL 5 DAY + INTERVAL 1 HOUR, UTC_TIMESTAMP(6) - INTERVAL 1 DAY)")
    gid = one(f"SELECT MAX(id) FROM emergency_access WHERE user_id = {uid}")
    op = logged_in(make_user("operator", facility="DEMO01", profession="contract_employee"))
    row = block(op.get(url("/emergency/list")).text, f"emergency-{gid}")
    assert pt.name in row and pt.network_id in row
    h = re.search(r'/patients/view\?p=([A-Za-z0-9]{22})', row).group(1)
    assert f"/consents/new?p={h}" in row
    r = op.get(url(f"/patients/view?p={h}"))
    assert r.status_code == 200 and pt.name in r.text
    mine = logged_in(u).get(url("/emergency")).text
    row = block(mine, f"emergency-{gid}")
    assert pt.name in row and "/records/patient?p=" in row
