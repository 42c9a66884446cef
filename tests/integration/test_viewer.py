"""test_viewer.py: the records viewer (A12.1, A12.2): one timeline across the disclosing facilities
the consent allows, sections, lab table and server-drawn trends, history, pagination, documents,
the anonymized print (A11.4), handles only in URLs (A8.4), purpose on every view (A8.1), consent
decided on every request and per disclosing facility (A12.2), every view audited (A11.2)."""
import csv
import io
import os
import random
import re

import pytest

from conftest import VAR, ctl, logged_in, make_user, page_csrf, sql, url
from test_import import VITAL, docdir, hl7, put, vitals
from test_patients import (PDF, fresh_identity, handle_in, register_consent, register_patient,
                           revoke_at_desk)

SECOND_LAB = re.compile(r"[> ]321[ <]")
SECTIONS = ["timeline", "visits", "problems", "meds", "labs", "imaging", "reports", "documents"]
_n = [0]


def one(q):
    return sql(q)[0][0]


def fac_id(code):
    return int(one(f"SELECT id FROM facility WHERE code = '{code}'"))


def new_facility():
    """A second disclosing facility of this test's own."""
    _n[0] += 1
    code = f"VW{os.getpid() % 10000}{_n[0]}"
    ctl("facility", "add", "--code", code, "--name", f"第二公開病院{_n[0]}", "--disclosing")
    return code, fac_id(code)


def lab_msg(pid, order, day, tp, tp_flag="", glu="130", glu_flag="H"):
    return hl7("OUL^R22^OUL_R22", pid, [
        f"SPM|1|||023^血清^JC10|||||||||||||{day}090000",
        f"OBR|1|{order}||E001^生化学^99O03|||{day}090000",
        f"ORC|SC|{order}||||||||",
        f"OBX|1|NM|3A010000002327101^総蛋白^JC10||{tp}|g/dl^g/dl^99XYZ|6.7-8.3|{tp_flag}|||F|||{day}090000",
        f"OBX|2|NM|3D010000001926101^グルコース^JC10||{glu}|mg/dl|70-109|{glu_flag}||||F|||{day}090000"])


def rx_msg(pid, order, drug, day="20240105", control="NW"):
    return hl7("RDE^O11^RDE_O11", pid, [
        f"ORC|{control}|{order}||1|||||{day}100000",
        f"RXE||620000001^{drug}^HOT9|1||TAB^錠^MR9P|||||15|TAB^錠^MR9P",
        "TQ1|1||1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01|||5^d",
        "RXR|PO^口^HL70162"])


def imp(code, root, ext=None):
    args = ["ssmix2", "import", "--facility", code] + (["--ext", str(ext)] if ext else [])
    ctl(*args, str(root))


class Patient:
    """A network patient with records at DEMO01 (and optionally at a second facility)."""


def make_patient(people, tmp_path, second=False):
    p = Patient()
    tag = os.urandom(3).hex()
    p.local = str(random.randrange(10 ** 9, 10 ** 10))
    ident = fresh_identity()
    ident["name"] = f"閲覧 試験{tag}"
    ident["address"] = f"山形県新庄市閲覧町{tag}番地"
    p.hosp = logged_in(people["hosp"])
    p.handle, p.ident, p.pid = register_patient(p.hosp, ident=ident, local_id=p.local)
    p.network_id = one(f"SELECT network_id FROM patient WHERE id = {p.pid}")
    p.drug, p.old_drug, p.gone_drug = f"新版錠{tag}", f"旧版錠{tag}", f"取消錠{tag}"
    # One tree for DEMO01 that grows: an import takes away what vanished from the tree.
    root, ext = VAR / "viewer-ssmix2" / "std", VAR / "viewer-ssmix2" / "ext"
    L = p.local
    put(root, L, "20240105", "OML-11", "000000000000101", "20240105120000000", 1,
        lab_msg(L, "000000000000101", "20240105", "7.2", glu="130", glu_flag="H"))
    put(root, L, "20240210", "OML-11", "000000000000102", "20240210120000000", 1,
        lab_msg(L, "000000000000102", "20240210", "6.1", "L", glu="95", glu_flag=""))
    # one order updated (the old version superseded), one cancelled
    put(root, L, "20240105", "OMP-01", "000000000000201", "20240105100000000", 0,
        rx_msg(L, "201", p.old_drug))
    put(root, L, "20240105", "OMP-01", "000000000000201", "20240106100000000", 1,
        rx_msg(L, "201", p.drug))
    put(root, L, "20240107", "OMP-01", "000000000000202", "20240107100000000", 0,
        rx_msg(L, "202", p.gone_drug, day="20240107"))
    put(root, L, "20240107", "OMP-01", "000000000000202", "20240107110000000", 1,
        rx_msg(L, "202", p.gone_drug, day="20240107", control="CA"))
    d = ext / L.rjust(7, "0")[:3] / L.rjust(7, "0")[3:6] / L / "20240105" / "退院時サマリ"
    d.mkdir(parents=True)
    (d / "summary.pdf").write_bytes(PDF)
    imp("DEMO01", root, ext)
    p.doc = int(one(f"SELECT d.id FROM document d JOIN patient_link l ON l.id = d.link_id "
                    f"WHERE l.patient_id = {p.pid}"))
    if second:
        p.code2, p.fac2 = new_facility()
        p.local2 = str(random.randrange(10 ** 9, 10 ** 10))
        p.drug2 = f"他院錠{tag}"
        root2, ext2 = tmp_path / f"std2{tag}", tmp_path / f"ext2{tag}"
        L2 = p.local2
        put(root2, L2, "20240301", "OMP-01", "000000000000301", "20240301100000000", 1,
            rx_msg(L2, "301", p.drug2, day="20240301"))
        put(root2, L2, "20240301", "OML-11", "000000000000302", "20240301120000000", 1,
            lab_msg(L2, "000000000000302", "20240301", "5.5", "L", glu="321", glu_flag="H"))
        d2 = ext2 / L2.rjust(7, "0")[:3] / L2.rjust(7, "0")[3:6] / L2 / "20240301" / "紹介状"
        d2.mkdir(parents=True)
        (d2 / "letter.pdf").write_bytes(PDF + b"%second\n")
        imp(p.code2, root2, ext2)
        sql(f"UPDATE patient_link SET patient_id = {p.pid}, linked_at = UTC_TIMESTAMP(6) "
            f"WHERE facility_id = {p.fac2} AND local_id = '{L2}'")
        p.doc2 = int(one(f"SELECT d.id FROM document d WHERE d.facility_id = {p.fac2}"))
    return p


def view(s, h, section="timeline", purpose="care", **kw):
    params = dict(p=h, purpose=purpose, section=section, **kw)
    return s.get(url("/records/patient"), params=params, allow_redirects=False)


def doc(s, h, i, purpose="care"):
    return s.get(url("/records/document"), params={"p": h, "purpose": purpose, "id": i},
                 allow_redirects=False)


def printed(s, h, section="timeline", purpose="care", **kw):
    return s.get(url("/records/print"), params=dict(p=h, purpose=purpose, section=section, **kw),
                 allow_redirects=False)


def exported(s, h, purpose="care", **kw):
    return s.get(url("/records/export"), params=dict(p=h, purpose=purpose, **kw),
                 allow_redirects=False)


def secrets(p):
    return [p.ident["name"], p.drug, "7.2", "グルコース"]


def assert_refused_everywhere(s, h, p, codes=(403,)):
    for sec in SECTIONS:
        for r in (view(s, h, sec), printed(s, h, sec)):
            assert r.status_code in codes, (sec, r.status_code)
            for x in secrets(p):
                assert x not in r.text, (sec, x)
    r = doc(s, h, p.doc)
    assert r.status_code in codes and b"%PDF" not in r.content
    r = exported(s, h)
    assert r.status_code in codes and p.drug not in r.text


@pytest.fixture(scope="module")
def people():
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "clinic": make_user("user", facility="DEMO02", profession="nurse"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
        "operator": make_user("operator", facility="DEMO01", profession="contract_employee"),
    }


def test_A12_2_consent_matrix_on_search_page_sections_print_and_documents(people, tmp_path):
    p = make_patient(people, tmp_path)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, p.ident)
    kana = p.ident["kana"].split()[0]
    # no consent: not in the search, every section, print and document refused
    assert p.ident["name"] not in clinic.get(url("/records"), params={"q": kana}).text
    assert_refused_everywhere(clinic, ch, p)
    # a consent that names only the hospital as viewer: the clinic is not named
    register_consent(p.hosp, p.handle, data={"viewing_all": "", "viewing": str(fac_id("DEMO01"))})
    assert p.ident["name"] not in clinic.get(url("/records"), params={"q": kana}).text
    assert_refused_everywhere(clinic, ch, p)
    # a consent for every member: search, every section, print and the document
    register_consent(clinic, ch)
    assert p.ident["name"] in clinic.get(url("/records"), params={"q": kana}).text
    for sec in SECTIONS:
        r = view(clinic, ch, sec)
        assert r.status_code == 200, (sec, r.text[:300])
        assert printed(clinic, ch, sec).status_code == 200
    assert p.drug in view(clinic, ch, "meds").text
    assert doc(clinic, ch, p.doc).status_code == 200
    # form 5: the very next request of the open page is refused, nothing leaked
    revoke_at_desk(logged_in(people["desk"]), p.ident)
    assert_refused_everywhere(clinic, ch, p)
    assert "撤回" in view(clinic, ch, "labs").text
    assert p.ident["name"] not in clinic.get(url("/records"), params={"q": kana}).text
    assert sql(f"SELECT outcome FROM audit WHERE action = 'document.view' AND patient_id = {p.pid}"
               " ORDER BY id DESC LIMIT 1") == [["denied"]]
    # a new form 4 signed after the form 5, then the registration cancelled by
    # death: refused for everyone
    register_consent(clinic, ch, data={"signed_on": "2026-11-21"})
    assert view(clinic, ch, "labs").status_code == 200
    op = logged_in(people["operator"])
    oh = handle_in(op, p.ident)
    ver = re.search(r'name="version" value="(\d+)"', op.get(url(f"/patients/view?p={oh}")).text).group(1)
    r = op.post(url("/patients/death"), data={"csrf": page_csrf(op), "p": oh, "version": ver,
                                               "deceased_on": "2026-11-20", "how": "死亡診断の連絡"},
                allow_redirects=False)
    assert r.status_code == 303
    assert_refused_everywhere(clinic, ch, p)
    assert_refused_everywhere(p.hosp, p.handle, p)


def test_A12_2_consent_per_disclosing_facility(people, tmp_path):
    p = make_patient(people, tmp_path, second=True)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, p.ident)
    # the consent discloses the hospital's records only
    register_consent(clinic, ch, data={"disclosing_all": "", "disclosing": str(fac_id("DEMO01"))})
    meds = view(clinic, ch, "meds").text
    assert p.drug in meds and p.drug2 not in meds
    tl = view(clinic, ch, "timeline").text
    assert p.drug in tl and p.drug2 not in tl and "第二公開病院" not in tl
    labs = view(clinic, ch, "labs").text
    # the second facility's result (321, dated 2024-03-01) is absent; match the value as page
    # text, not as a substring of a random token or a chart coordinate
    assert "7.2" in labs and not SECOND_LAB.search(labs) and "2024-03-01" not in labs
    docs = view(clinic, ch, "documents").text
    assert f"id={p.doc}" in docs and f"id={p.doc2}" not in docs
    assert doc(clinic, ch, p.doc2).status_code == 404
    assert not SECOND_LAB.search(printed(clinic, ch, "labs").text)
    # the hospital sees its own records, not the other facility's (no consent names it as viewer
    # of those)... and with a consent for every facility the clinic sees both, source on each row
    register_consent(clinic, ch)
    tl = view(clinic, ch, "timeline").text
    assert p.drug in tl and p.drug2 in tl
    assert "県立新庄病院" in tl and "第二公開病院" in tl
    assert SECOND_LAB.search(view(clinic, ch, "labs").text)
    r = doc(clinic, ch, p.doc2)
    assert r.status_code == 200 and r.content.endswith(b"%second\n")


def test_A12_2_labs_table_and_server_drawn_trend(people, tmp_path):
    p = make_patient(people, tmp_path)
    r = view(p.hosp, p.handle, "labs")
    assert r.status_code == 200
    t = r.text
    # tests as rows, dates as columns (oldest left), abnormal results marked
    table = t[t.index('id="rec-labs"'):t.index("</table>", t.index('id="rec-labs"'))]
    assert table.index("2024-01-05") < table.index("2024-02-10")
    assert "総蛋白" in table and "グルコース" in table
    assert re.search(r'class="num abn">130 <span class="flag">H</span>', table)
    assert re.search(r'class="num abn">6.1 <span class="flag">L</span>', table)
    assert re.search(r'class="num">95</td>', table)
    # one SVG per test with its line, points and the shaded reference range; no script
    assert t.count("<svg") == 2 and "<polyline" in t and 'class="trend-range"' in t
    pts = re.findall(r'<polyline class="trend-line" points="([0-9., ]+)"', t)
    assert len(pts) == 2 and all(len(x.split()) == 2 for x in pts)
    assert "style=" not in t and "<script>" not in t


def test_A12_2_vital_signs_from_extended_storage_are_their_own_group_with_their_facility(
        people, tmp_path):
    """docs/import.md: vital signs (ORU^R30 in extended storage's document folders, twice on one
    day) show in the labs section as their own group after the lab results, every reading of
    a day with its time, each row naming its facility; the timeline lists them too."""
    p = make_patient(people, tmp_path)
    L = p.local
    root, ext = VAR / "viewer-ssmix2" / "std", VAR / "viewer-ssmix2" / "ext"
    for at, temp, flag in (("202401050800", "36.5", ""), ("202401052000", "37.8", "H")):
        d = docdir(ext, L, "20240105", VITAL, "999999999999999", at + "00000")
        (d / "vital.hl7").write_bytes(vitals(L, at, temp, "72", "128", "80", temp_flag=flag))
    d = docdir(ext, L, "20240105", "DSUM^退院時サマリ^LOCAL", "1", "20240105170000")
    (d / "summary.pdf").write_bytes(PDF + b"%dsum\n")
    imp("DEMO01", root, ext)
    fac = one("SELECT name FROM facility WHERE code = 'DEMO01'")
    t = view(p.hosp, p.handle, "labs").text
    table = t[t.index('id="rec-labs"'):t.index("</table>", t.index('id="rec-labs"'))]
    # the lab results first, then the vital signs under their own heading
    assert table.index('id="lab-group-lab"') < table.index("総蛋白") < \
        table.index('id="lab-group-vital"') < table.index("体温")
    assert "バイタルサイン" in table
    vital = table[table.index('id="lab-group-vital"'):]
    rows = re.findall(r'<tr class="vital"><th scope="row">([^<]*)<.*?<span class="src">([^<]*)'
                      r'</span>', vital)
    assert {r[0].strip() for r in rows} == {"体温", "脈拍", "収縮期血圧", "拡張期血圧"}
    assert all(r[1] == fac for r in rows)
    # both readings of the day, with their times; the abnormal one marked
    temp = vital[vital.index("体温"):]
    temp = temp[:temp.index("</tr>")]
    assert re.search(r'<span class="reading"><span class="muted">08:00</span> 36.5</span>', temp)
    assert re.search(r'<span class="reading abn"><span class="muted">20:00</span> 37.8 '
                     r'<span class="flag">H</span></span>', temp)
    # a trend per vital sign too; and the timeline lists the observations as vital signs
    assert t.count("<svg") == 6
    assert "バイタルサイン" in view(p.hosp, p.handle).text
    assert "バイタルサイン" in printed(p.hosp, p.handle, "labs").text
    # a keyword data type shows its name
    docs = view(p.hosp, p.handle, "documents").text
    assert "<td>退院時サマリ</td>" in docs and "DSUM^" not in docs


def test_A12_2_history_shows_superseded_and_cancelled_only_on_request(people, tmp_path):
    p = make_patient(people, tmp_path)
    now = view(p.hosp, p.handle, "meds").text
    assert p.drug in now and p.old_drug not in now and p.gone_drug not in now
    old = view(p.hosp, p.handle, "meds", history=1).text
    assert p.drug in old and p.old_drug in old and p.gone_drug in old
    assert "取消" in old and "更新前の版" in old
    tl = view(p.hosp, p.handle, "timeline").text
    assert p.old_drug not in tl and "history=1" in tl


def test_A12_2_long_history_is_paginated(people, tmp_path):
    p = make_patient(people, tmp_path)
    # 120 more current records, cloned from one imported lab record, a day apart
    sql("INSERT INTO record (facility_id, link_id, file_id, kind, data_type, msg_type, order_no,"
        " order_key, dept, flag, cancelled, care_date, occurred_at, message_ts, title, summary,"
        " status, source_path, file_sha256, raw_message, imported_at)"
        " SELECT r.facility_id, r.link_id, r.file_id, 'lab_order', 'OML-01', r.msg_type,"
        " CONCAT('P', s.seq), CONCAT('P', s.seq), r.dept, 1, 0, r.care_date,"
        " '2020-01-01' + INTERVAL s.seq DAY, r.message_ts, CONCAT('頁送り', s.seq), NULL,"
        " 'current', r.source_path, r.file_sha256, r.raw_message, r.imported_at"
        f" FROM record r JOIN seq_1_to_120 s WHERE r.id = (SELECT MIN(x.id) FROM record x"
        f" JOIN patient_link l ON l.id = x.link_id WHERE l.patient_id = {p.pid})")
    total = int(one(f"SELECT COUNT(*) FROM record r JOIN patient_link l ON l.id = r.link_id "
                    f"WHERE l.patient_id = {p.pid} AND r.status = 'current' AND r.kind <> 'patient'"))
    r1 = view(p.hosp, p.handle).text
    assert r1.count("<tr class=\"kind-") == 50 and 'id="page-next"' in r1 and 'id="page-prev"' not in r1
    assert "頁送り120" in r1 and "頁送り1<" not in r1
    last = (total + 49) // 50
    rl = view(p.hosp, p.handle, page=last).text
    assert rl.count("<tr class=\"kind-") == total - 50 * (last - 1)
    assert 'id="page-next"' not in rl and 'id="page-prev"' in rl
    assert "頁送り1<" in rl
    assert view(p.hosp, p.handle, page=last + 1).text.count("<tr class=\"kind-") == 0


def test_A11_4_print_is_anonymized_with_watermark_and_audited(people, tmp_path):
    p = make_patient(people, tmp_path)
    user = people["hosp"]
    bd = p.ident["birth_date"]
    ids = [p.ident["name"], p.ident["kana"], p.ident["address"], p.network_id, p.local, bd,
           bd.replace("-", ""), p.ident["kana"].split()[0], p.ident["name"].split()[1]]
    for sec in SECTIONS:
        r = printed(p.hosp, p.handle, sec, history=1)
        assert r.status_code == 200, sec
        for x in ids:
            assert x not in r.text, (sec, x)
        assert 'id="watermark"' in r.text and 'class="watermark"' in r.text
        assert f"試験 {user.login}" in r.text and "県立新庄病院" in r.text
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r.text)
        assert re.search(r"年齢：\d+ 歳", r.text)
    t = printed(p.hosp, p.handle, "labs").text
    assert "7.2" in t and "<polyline" in t
    assert p.drug in printed(p.hosp, p.handle, "meds").text
    assert sql(f"SELECT purpose, outcome, detail LIKE '% section=meds %' FROM audit WHERE "
               f"action = 'record.print' AND patient_id = {p.pid} ORDER BY id DESC LIMIT 1") == \
        [["care", "allowed", "1"]]
    assert one(f"SELECT COUNT(*) FROM audit WHERE action = 'record.print' AND patient_id = {p.pid}"
               f" AND detail LIKE '% section=labs %'") == "2"
    # the normal page prints nothing of the patient: print CSS hides it and says why
    page = view(p.hosp, p.handle).text
    assert 'class="records-screen"' in page and "印刷は匿名化印刷から" in page
    assert 'href="/records/print?p=' in page
    ask = p.hosp.get(url("/records/patient"), params={"p": p.handle}).text
    assert 'class="records-screen"' in ask and 'class="print-only"' in ask
    # print needs a purpose like every view
    assert printed(p.hosp, p.handle, purpose="").status_code == 400


def test_A8_1_purpose_kept_across_sections_and_audited_with_section(people, tmp_path):
    p = make_patient(people, tmp_path)
    before = int(one(f"SELECT COUNT(*) FROM audit WHERE action = 'record.view' AND patient_id = {p.pid}"))
    # a section without a purpose asks first, keeps the section, logs nothing as seen
    r = p.hosp.get(url("/records/patient"), params={"p": p.handle, "section": "labs"})
    assert 'name="purpose"' in r.text and 'name="section" value="labs"' in r.text
    assert int(one(f"SELECT COUNT(*) FROM audit WHERE action = 'record.view' "
                   f"AND patient_id = {p.pid}")) == before
    r = view(p.hosp, p.handle, "timeline", purpose="explanation")
    tabs = dict(re.findall(r'id="tab-(\w+)" href="([^"]+)"', r.text))
    assert sorted(tabs) == sorted(SECTIONS)
    for sec, href in tabs.items():
        assert "purpose=explanation" in href
        r = p.hosp.get(url(href.replace("&amp;", "&")))
        assert r.status_code == 200 and 'name="purpose"' not in r.text
        assert f'id="tab-{sec}" href="' in r.text and 'aria-current="page"' in r.text
    rows = sql(f"SELECT purpose, outcome, detail FROM audit WHERE action = 'record.view' "
               f"AND patient_id = {p.pid} AND id > 0 ORDER BY id DESC LIMIT {len(SECTIONS)}")
    assert {r[0] for r in rows} == {"explanation"} and {r[1] for r in rows} == {"allowed"}
    assert {re.search(r" section=(\w+)", r[2]).group(1) for r in rows} == set(SECTIONS)
    who = sql(f"SELECT login, facility_id FROM audit WHERE action = 'record.view' "
              f"AND patient_id = {p.pid} ORDER BY id DESC LIMIT 1")
    assert who == [[people["hosp"].login, str(fac_id("DEMO01"))]]
    # an unknown section or purpose is refused before anything is shown
    assert view(p.hosp, p.handle, "nosuch").status_code == 400
    assert 'name="purpose"' in view(p.hosp, p.handle, "labs", purpose="curiosity").text


def test_A8_4_urls_and_titles_carry_handles_only(people, tmp_path):
    p = make_patient(people, tmp_path)
    ids = [p.ident["name"], p.ident["kana"], p.network_id, p.local, p.ident["birth_date"]]
    for sec in SECTIONS:
        for r in (view(p.hosp, p.handle, sec), printed(p.hosp, p.handle, sec)):
            title = re.search(r"<title>(.*?)</title>", r.text).group(1)
            hrefs = re.findall(r'(?:href|src|action)="([^"]*)"', r.text)
            for x in ids:
                assert x not in title and x not in r.url
                assert not any(x in h for h in hrefs), (sec, x)
    # another session's handle names nobody
    other = logged_in(people["hosp"])
    assert view(other, p.handle, "labs").status_code == 404
    assert doc(other, p.handle, p.doc).status_code == 404


def test_A12_2_document_served_with_its_type_inline_and_audited(people, tmp_path):
    p = make_patient(people, tmp_path)
    r = doc(p.hosp, p.handle, p.doc)
    assert r.status_code == 200 and r.content == PDF
    assert r.headers["Content-Type"].startswith("application/pdf")
    assert r.headers["Content-Disposition"].startswith("inline")
    assert "no-store" in r.headers["Cache-Control"]
    assert sql(f"SELECT purpose, outcome, object_id FROM audit WHERE action = 'document.view' "
               f"AND patient_id = {p.pid} ORDER BY id DESC LIMIT 1") == [["care", "allowed", str(p.doc)]]
    # another patient's document through this patient's handle: nothing
    q = make_patient(people, tmp_path)
    assert doc(p.hosp, p.handle, q.doc).status_code == 404
    assert doc(p.hosp, p.handle, p.doc, purpose="").status_code == 400


def test_A11_4_history_export_is_whole_anonymous_audited_and_consent_bound(people, tmp_path):
    """docs/benchmarks.md: the full history as one CSV (the 5,000-record patient reads it in one
    statement); like a printout it carries no name, ID, address or birth date (A11.4),
    needs a purpose (A8.1), is audited, and follows consent per disclosing facility."""
    p = make_patient(people, tmp_path, second=True)
    r = exported(p.hosp, p.handle)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "no-store" in r.headers.get("Cache-Control", "")
    disp = r.headers.get("Content-Disposition", "")
    assert "records" in disp and p.network_id not in disp
    text = r.content.decode("utf-8-sig")
    for x in (p.ident["name"], p.ident["kana"], p.network_id, p.local, p.ident["birth_date"],
              p.ident["address"]):
        assert x not in text, x
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:3] == ["日時", "施設", "種別"]
    # every current record of the facilities this viewer may see, newest first
    n = one(f"SELECT COUNT(*) FROM record r JOIN patient_link l ON l.id = r.link_id "
            f"WHERE l.patient_id = {p.pid} AND r.status = 'current' AND r.kind <> 'patient' "
            f"AND l.facility_id = {fac_id('DEMO01')}")
    assert len(lines) - 1 == int(n) and int(n) >= 3
    when = [ln[0] for ln in lines[1:]]
    assert when == sorted(when, reverse=True)
    assert p.drug in text and p.drug2 not in text      # the hospital's own records only
    assert sql(f"SELECT purpose, outcome, detail LIKE '% section=export %' FROM audit "
               f"WHERE action = 'record.export' AND patient_id = {p.pid}") == [["care", "allowed", "1"]]
    assert exported(p.hosp, p.handle, purpose="").status_code == 400
    assert int(one(f"SELECT COUNT(*) FROM audit WHERE action = 'record.export' "
                   f"AND patient_id = {p.pid}")) == 1
    # history=1 adds the superseded and cancelled versions
    older = list(csv.reader(io.StringIO(exported(p.hosp, p.handle, history=1).content.decode("utf-8-sig"))))
    assert len(older) > len(lines) and p.old_drug in str(older) and p.old_drug not in text
    # the viewer offers it
    assert re.search(r'id="export-csv"[^>]* href="/records/export\?p=', view(p.hosp, p.handle).text)


def test_A12_2_timeline_read_per_link_equals_the_whole_history_in_order(people, tmp_path):
    """docs/benchmarks.md: the current timeline is read per link (each link's page along its index) and
    merged; across two facilities' links and every page it must list exactly the current
    records of the facilities allowed, newest first, as one query over all of them would."""
    p = make_patient(people, tmp_path, second=True)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, p.ident)
    register_consent(clinic, ch)
    # 70 more records on each link, their days interleaved, so the first page (read per
    # link and merged in the worker) and the next ones (one statement) meet mid-history.
    links = sql(f"SELECT l.id FROM patient_link l WHERE l.patient_id = {p.pid} ORDER BY l.id")
    assert len(links) == 2
    for k, (lid,) in enumerate(links):
        sql("INSERT INTO record (facility_id, link_id, file_id, kind, data_type, msg_type,"
            " order_no, order_key, dept, flag, cancelled, care_date, occurred_at, message_ts,"
            " title, summary, status, source_path, file_sha256, raw_message, imported_at)"
            " SELECT r.facility_id, r.link_id, r.file_id, 'lab_order', 'OML-01', r.msg_type,"
            f" CONCAT('M{k}', s.seq), CONCAT('M{k}', s.seq), r.dept, 1, 0, r.care_date,"
            f" '2021-01-01' + INTERVAL (2 * s.seq + {k}) DAY, r.message_ts,"
            f" CONCAT('併合{k}-', s.seq), NULL, 'current', r.source_path, r.file_sha256,"
            " r.raw_message, r.imported_at"
            f" FROM record r JOIN seq_1_to_70 s WHERE r.id = (SELECT MIN(x.id) FROM record x"
            f" WHERE x.link_id = {lid} AND x.kind <> 'patient')")
    # the time as the source gave it (docs/import.md: seconds here), else as before (minutes)
    want = sql(f"SELECT COALESCE(REPLACE(r.occurred_given, 'T', ' '), "
               f"DATE_FORMAT(COALESCE(r.occurred_at, r.care_date, r.message_ts), "
               f"'%Y-%m-%d %H:%i')), f.name, r.title FROM record r "
               f"JOIN patient_link l ON l.id = r.link_id JOIN facility f ON f.id = r.facility_id "
               f"WHERE l.patient_id = {p.pid} AND r.status = 'current' AND r.kind <> 'patient' "
               f"ORDER BY r.occurred_at DESC, r.id DESC")
    assert len({w[1] for w in want}) == 2 and len(want) > 140
    got, page = [], 1
    while True:
        html = view(clinic, ch, page=page).text
        got += re.findall(r'<tr class="kind-[^"]*"><td class="nowrap">([^<]*)</td>'
                          r'<td class="src">([^<]*)</td>', html)
        if 'id="page-next"' not in html:
            break
        page += 1
    assert page == (len(want) + 49) // 50
    assert got == [(w[0], w[1]) for w in want]


def test_A12_2_search_decides_every_candidate_in_one_statement_like_apart(people):
    """docs/benchmarks.md: a search decides all its candidates with one statement of facts; each
    verdict must equal the one-patient decision: of three patients sharing a kana, the
    consented one is listed, the revoked one and the one without consent are not."""
    hosp = logged_in(people["hosp"])
    family = "".join(random.choice("アイウエオカキクケコサシスセソ") for _ in range(5))
    names = {}
    for tag in ("consented", "revoked", "none"):
        ident = fresh_identity()
        ident["kana"] = family + " " + ident["kana"].split()[1]
        ident["name"] = f"一括 {tag}{random.randrange(10 ** 6)}"
        h, ident, pid = register_patient(hosp, ident=ident, local_id=str(random.randrange(10 ** 9)))
        if tag != "none":
            register_consent(hosp, h)
        names[tag] = ident
    revoke_at_desk(logged_in(people["desk"]), names["revoked"])
    clinic = logged_in(people["clinic"])
    page = clinic.get(url("/records"), params={"q": family}).text
    assert names["consented"]["name"] in page
    assert names["revoked"]["name"] not in page and names["none"]["name"] not in page
    # and the one-patient decision agrees: the listed one opens, the others are refused
    assert view(clinic, handle_in(clinic, names["consented"])).status_code == 200
    for tag in ("revoked", "none"):
        assert view(clinic, handle_in(clinic, names[tag])).status_code == 403


def family_patient(people, label):
    """A patient of a fresh kana family, registered by the hospital with its consent."""
    hosp = logged_in(people["hosp"])
    family = "".join(random.choice("アイウエオカキクケコサシスセソ") for _ in range(6))
    ident = fresh_identity()
    ident["kana"] = family + " " + ident["kana"].split()[1]
    ident["name"] = f"{label} {random.randrange(10 ** 6)}"
    h, ident, pid = register_patient(hosp, ident=ident, local_id=str(random.randrange(10 ** 9)))
    register_consent(hosp, h)
    return family, ident, pid


def family_clones(pid, tag, first, last, name_sql):
    """Patients {tag}{pid}X{first..last} of pid's family (named by the SQL expression
    name_sql over p and s.seq), each with a copy of pid's consent and its facilities."""
    like = f"{tag}{pid}X%"
    sql("INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, status,"
        " created_at, created_by)"
        f" SELECT CONCAT('{tag}', {pid}, 'X', s.seq), {name_sql}, p.kana,"
        " p.kana_key, p.sex, p.birth_date, 'active', p.created_at, p.created_by"
        f" FROM patient p JOIN seq_{first}_to_{last} s WHERE p.id = {pid}")
    sql("INSERT INTO consent (patient_id, signed_on, signer, all_disclosing, all_viewing,"
        " facility_id, registered_at, registered_by, idem, status, version)"
        " SELECT q.id, c.signed_on, c.signer, c.all_disclosing, c.all_viewing,"
        " c.facility_id, c.registered_at, c.registered_by, SHA2(CONCAT(c.idem, q.id), 256),"
        " c.status, 1"
        f" FROM consent c JOIN patient q ON q.network_id LIKE '{like}'"
        f" AND q.id NOT IN (SELECT patient_id FROM consent) WHERE c.patient_id = {pid}")
    sql("INSERT INTO consent_facility (consent_id, side, facility_id)"
        " SELECT c2.id, cf.side, cf.facility_id FROM consent c"
        " JOIN consent_facility cf ON cf.consent_id = c.id"
        f" JOIN patient q ON q.network_id LIKE '{like}'"
        " JOIN consent c2 ON c2.patient_id = q.id"
        " AND c2.id NOT IN (SELECT consent_id FROM consent_facility)"
        f" WHERE c.patient_id = {pid}")


def test_A12_2_search_says_when_more_patients_match_than_it_lists(people):
    """A search lists at most 50 patients; when more may be seen it says so (and how to
    narrow it), and only then."""
    family, ident, pid = family_patient(people, "多数")
    clinic = logged_in(people["clinic"])
    page = clinic.get(url("/records"), params={"q": family}).text
    assert ident["name"] in page and 'id="records-more"' not in page
    name = "CONCAT(p.name, '-', s.seq)"
    family_clones(pid, "T", 1, 49, name)      # 50 in all: every one listed, nothing more to say
    page = clinic.get(url("/records"), params={"q": family}).text
    assert page.count('href="/records/patient?p=') == 50 and 'id="records-more"' not in page
    family_clones(pid, "T", 50, 50, name)     # 51: the list stops at 50 and says there are more
    page = clinic.get(url("/records"), params={"q": family}).text
    assert page.count('href="/records/patient?p=') == 50 and 'id="records-more"' in page
    assert "50 人" in page


def test_A12_2_search_decides_candidates_a_chunk_at_a_time_past_refused_ones(people):
    """docs/benchmarks.md: a search decides its candidates 64 at a time and stops once its page is
    full; refused candidates must not stop it early. One family: the registered patient,
    then 64 whose consent was revoked (form 5: candidates by their consent, refused by the
    decision), then 6 consented: the first and the last 6 are listed, nothing more."""
    family, ident, pid = family_patient(people, "分割")
    for tag, n in (("R", 64), ("A", 6)):     # ids ascending: the revoked sort first
        family_clones(pid, tag, 1, n, f"CONCAT('{tag}名', s.seq)")
    sql("INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, via, received_at,"
        " received_by, idem)"
        " SELECT CONCAT('T', q.id), q.id, c.signed_on, 'desk', c.registered_at + INTERVAL 1 MICROSECOND,"
        " c.registered_by, SHA2(CONCAT('rev', q.id), 256) FROM patient q"
        f" JOIN consent c ON c.patient_id = q.id WHERE q.network_id LIKE 'R{pid}X%'")
    clinic = logged_in(people["clinic"])
    page = clinic.get(url("/records"), params={"q": family}).text
    listed = re.findall(r"<td>([^<]*)</td>", page)
    assert ident["name"] in listed
    assert sorted(x for x in listed if x.startswith(("R名", "A名"))) == \
        sorted(f"A名{i}" for i in range(1, 7))
    assert 'id="records-more"' not in page


def test_A8_4_a_list_page_names_a_patient_by_the_handle_the_session_has(people, tmp_path):
    """docs/benchmarks.md: list pages read the session's existing handles in one statement; a patient
    the session already opened keeps its handle, one it has not gets a new one, once."""
    p = make_patient(people, tmp_path)
    q = p.ident["kana"].split()[0]
    first = re.findall(r'/records/patient\?p=([A-Za-z0-9]{22})', p.hosp.get(url("/records"), params={"q": q}).text)
    assert p.handle in first
    again = re.findall(r'/records/patient\?p=([A-Za-z0-9]{22})', p.hosp.get(url("/records"), params={"q": q}).text)
    assert again == first
    assert int(one(f"SELECT COUNT(*) FROM patient_handle WHERE patient_id = {p.pid} AND session_id = "
                   f"(SELECT session_id FROM patient_handle WHERE handle = '{p.handle}')")) == 1


def test_A12_2_facility_states_of_the_linked_facilities_and_the_viewer_decide(people, tmp_path):
    """docs/benchmarks.md: a decision reads the state of the facilities holding the patient's records
    (from the links) and of the viewer, not every member's. Each still bites at once: a
    disclosing facility that is cancelling or stops disclosing drops out of the timeline,
    a viewer that stops viewing is refused, and a patient no facility has sent records of
    is seen under a consent naming every member (decided over every disclosing member)."""
    p = make_patient(people, tmp_path, second=True)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, p.ident)
    register_consent(clinic, ch)
    viewer = fac_id("DEMO02")
    tl = view(clinic, ch).text
    assert p.drug in tl and p.drug2 in tl
    # the header comes from the same one statement as the facts: the patient named by the handle
    for page in (tl, clinic.get(url("/records/patient"), params={"p": ch}).text):
        header = re.search(r"<main.*?</p>", page, re.S).group(0)
        assert p.ident["name"] in header and p.ident["birth_date"] in header
    try:
        for change in ("status = 'cancelling'", "disclosing = 0"):
            sql(f"UPDATE facility SET {change} WHERE id = {p.fac2}")
            r = view(clinic, ch)
            assert r.status_code == 200 and p.drug in r.text and p.drug2 not in r.text, change
            sql(f"UPDATE facility SET status = 'active', disclosing = 1 WHERE id = {p.fac2}")
            assert p.drug2 in view(clinic, ch).text
        sql(f"UPDATE facility SET viewing = 0 WHERE id = {viewer}")
        r = view(clinic, ch)
        assert r.status_code == 403 and p.drug not in r.text
    finally:
        sql(f"UPDATE facility SET status = 'active', disclosing = 1 WHERE id = {p.fac2}")
        sql(f"UPDATE facility SET viewing = 1 WHERE id = {viewer}")
    assert view(clinic, ch).status_code == 200
    # no link anywhere: seen (an empty record) under the consent, found by the search
    hosp = logged_in(people["hosp"])
    family = "".join(random.choice("アイウエオカキクケコサシスセソ") for _ in range(6))
    ident = fresh_identity()
    ident["kana"] = family + " " + ident["kana"].split()[1]
    ident["name"] = f"未連携 {random.randrange(10 ** 6)}"
    h, ident, pid = register_patient(hosp, ident=ident)
    assert one(f"SELECT COUNT(*) FROM patient_link WHERE patient_id = {pid}") == "0"
    uh = handle_in(clinic, ident)
    assert view(clinic, uh).status_code == 403
    register_consent(hosp, h)
    assert ident["name"] in clinic.get(url("/records"), params={"q": family}).text
    assert view(clinic, uh).status_code == 200
