"""test_browser_year.py: a whole year of the rules, as one scenario in Chromium (issue 21).

A clinic joins (form 1 with its paper fields and the facility's pledge, A9), the council
decides at a meeting (A10.3) and the operator records the contract (A10.4); the office issues
the manager's certificate (A10.2), the manager logs in and acknowledges the rules (A11.1-A11.3)
and applies for a doctor (form 2, A10.2), decided by the president alone (A10.3 proviso); the
doctor logs in, acknowledges, registers a hospital patient's consent (form 4, A12.1, A12.4) and
views her records (A8.1); the patient revokes at the desk (form 5 with its confirm step, A12.2)
and the doctor's next request is refused; the council amends the rules at a meeting (an agenda
item of kind amendment, approved: a new version with its effective day, A19) and on that day
every user acknowledges again before any patient data (A11.1); the doctor withdraws (form 3,
A10.5) and can no longer log in; the manager, the last user, withdraws and the office records
the cancellation paperwork: the clinic is cancelled (A10.5 proviso). The minutes and every form
(1, 2, 3, 4, 5) are printed to PDF by Chromium and their text read back with pdf.js.

Every step of the year is a click in Chromium. Not clicks, because no user does them in the
year: the hospital's patient and her records (registered before the year; its EHR's SS-MIX2
storage imported by the machine, the one mogamictl call) are the fixture hospital_patient;
the test clock moves to the amendment's effective day (clock_set) and back. The certificates
are issued by the operator in the browser (test_browser_office.issue), not by mogamictl.
Reads of the database only confirm what the pages say.
"""
import base64
import datetime
import os
import pathlib
import re
import subprocess
import sys

import pytest
from selenium.webdriver.support.ui import Select

from conftest import VAR, User, url, sql, logged_in, clock_set, ack_everyone
from conftest import click_and_wait, assert_clean, form_login
from test_browser_office import issue  # the operator issues a certificate by clicks

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from test_import import put  # noqa: E402
from test_day import rx_msg, days_ago  # noqa: E402
from test_patients import PDF, fresh_identity, register_patient  # noqa: E402
from test_viewer import imp  # noqa: E402
from test_rulebook import next_day  # noqa: E402

JST = datetime.timezone(datetime.timedelta(hours=9))
PDFTEXT = pathlib.Path(__file__).resolve().parent / "pdftext.mjs"


# --- helpers ------------------------------------------------------------------------------

def jst_today(offset_secs=0):
    return (datetime.datetime.now(JST) + datetime.timedelta(seconds=offset_secs)).date()


def fill(drv, elem_id, text):
    e = drv.find_element("id", elem_id)
    e.clear()
    e.send_keys(text)


def date_in(drv, elem_id, day):
    """Chromium's date input takes the digits in the locale's order (en-US: MMDDYYYY)."""
    drv.find_element("id", elem_id).send_keys(day.strftime("%m%d%Y"))


def choose(drv, elem_id, value):
    Select(drv.find_element("id", elem_id)).select_by_value(value)


def radio(drv, scope, name, value):
    drv.find_element("css selector", f"{scope} input[name={name}][value={value}]").click()


def log_in(drv, login, password):
    """The login page of a browser holding login's certificate: the ID comes from it."""
    drv.get(url("/login"))
    assert drv.find_element("id", "login").get_attribute("value") == login
    drv.find_element("id", "password").send_keys(password)
    click_and_wait(drv, drv.find_element("id", "login-submit"))


def first_login(launch, login, initial, new_password):
    """Chromium with login's new certificate (launch: the browser fixture's, not logged
    in): the login, the forced password change."""
    b = launch(login)
    log_in(b, login, initial)
    assert "/password" in b.current_url
    b.find_element("id", "current").send_keys(initial)
    b.find_element("id", "new1").send_keys(new_password)
    b.find_element("id", "new2").send_keys(new_password)
    click_and_wait(b, b.find_element("id", "password-submit"))
    return b


def acknowledge(drv, *expect, gate="/records"):
    """A11.1-A11.3: the rules page every login lands on until the version in force is
    acknowledged; no patient data (gate: a page of it) before it. Returns the page's text."""
    drv.get(url(gate))
    assert drv.current_url.endswith("/rules/acknowledge"), drv.current_url
    page = drv.find_element("tag name", "main").text if drv.find_elements(
        "tag name", "main") else drv.find_element("tag name", "body").text
    for text in ("著作権法", "個人情報の保護に関する法律", "山形県個人情報保護条例",
                 "閲覧した利用者及びその施設", "自施設が保有する個人情報と同様") + expect:
        assert text in page, text
    drv.find_element("id", "rules-confirm").click()
    click_and_wait(drv, drv.find_element("id", "rules-ack"))
    assert drv.current_url.endswith("/?m=rules"), drv.current_url
    return page


_t0 = [0.0]


def step(what):
    """Marks a step of the year (its rule) in VAR/year-steps.txt, with the seconds so far."""
    import time
    now = time.monotonic()
    if not _t0[0]:
        _t0[0] = now
    with open(VAR / "year-steps.txt", "a") as f:
        f.write(f"{now - _t0[0]:6.1f}s {what}\n")


def printed(drv, prints, name, *fields):
    """Prints the page on A4 as Chromium does (CDP Page.printToPDF) and keeps the PDF under
    VAR with the fields it must carry; read_prints reads them all back at the end."""
    pdf = drv.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": False, "preferCSSPageSize": True,
        "paperWidth": 8.27, "paperHeight": 11.69})
    data = base64.b64decode(pdf["data"])
    assert data[:5] == b"%PDF-", name
    out = VAR / f"year-{name}.pdf"
    out.write_bytes(data)
    prints.append((name, out, fields))


def read_prints(prints):
    """The text of every printed PDF, read back with pdf.js (tests/browser/pdftext.mjs, one
    run for all: loading pdf.js is most of its time), each field found on its paper. Blanks
    are dropped on both sides: the paper spaces titles out and wraps long values."""
    out = subprocess.run(["node", str(PDFTEXT)] + [str(f) for _, f, _ in prints],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    (VAR / "year-prints.txt").write_text(out)
    texts = dict(re.findall(r"^==> (.*?) <==\n(.*?)(?=^==> |\Z)", out, re.M | re.S))
    for name, f, fields in prints:
        flat = re.sub(r"\s+", "", texts[str(f)])
        for field in fields:
            assert re.sub(r"\s+", "", field) in flat, (name, field)


def wareki(day):
    """A day as the paper forms write it (令和８年１２月８日, 昭和４９年４月１８日)."""
    z = str.maketrans("0123456789", "０１２３４５６７８９")
    for era, first, base in (("令和", datetime.date(2019, 5, 1), 2018),
                             ("平成", datetime.date(1989, 1, 8), 1988),
                             ("昭和", datetime.date(1926, 12, 25), 1925)):
        if day >= first:
            y = day.year - base
            ys = "元" if y == 1 else str(y).translate(z)
            return f"{era}{ys}年{str(day.month).translate(z)}月{str(day.day).translate(z)}日"
    raise ValueError(day)


def submitted(drv):
    """Sends the application form; it is taken. Returns the application's id."""
    click_and_wait(drv, drv.find_element("id", "app-submit"))
    assert "申請を提出しました" in drv.page_source
    assert_clean(drv)
    return app_id_of(drv)


def refused(drv, field, kept, value):
    """Sends a form with field wrong: the message stands beside it, what was typed stays."""
    click_and_wait(drv, drv.find_element("id", "app-submit"))
    assert drv.find_element("id", f"err-{field}").is_displayed()
    assert drv.find_element("id", kept).get_attribute("value") == value


def decide_alone(pres, app, reason):
    """A10.3 proviso: the president approves an application alone, with the reason."""
    pres.get(url(f"/applications/view?id={app}"))
    radio(pres, "#sole-form", "decision", "approved")
    fill(pres, "sole_reason", reason)
    click_and_wait(pres, pres.find_element("id", "sole-submit"))
    assert "会長専決" in pres.find_element("id", "app-status").text


def new_meeting(pres, day, time_from, place, attendees, signatories, time_to=None,
                absentees=None):
    """A19: the president calls a meeting (its paper as the council prints it)."""
    pres.get(url("/meetings"))
    date_in(pres, "held_on", day)
    pres.find_element("id", "time_from").send_keys(time_from)
    if time_to:
        pres.find_element("id", "time_to").send_keys(time_to)
    fill(pres, "place", place)
    fill(pres, "chair", "会長 最上太郎")
    fill(pres, "attendees", attendees)
    if absentees:
        fill(pres, "absentees", absentees)
    fill(pres, "signatories", signatories)
    click_and_wait(pres, pres.find_element("id", "meeting-create"))
    return app_id_of(pres)


def held(pres, meeting):
    """The meeting is marked held; its page becomes the minutes. Returns its number."""
    pres.get(url(f"/meetings/view?id={meeting}"))
    click_and_wait(pres, pres.find_element("id", "mark-held"))
    click_and_wait(pres, pres.find_element("id", "held-submit"))
    pres.get(url(f"/meetings/view?id={meeting}"))
    return sql(f"SELECT number FROM meeting WHERE id = {meeting}")[0][0]


def find_patient(drv, pt):
    """The patient search by her exact kana, birth date and sex; opens her page."""
    drv.get(url("/patients"))
    fill(drv, "s-kana", pt.ident["kana"])
    date_in(drv, "s-birth", datetime.date.fromisoformat(pt.ident["birth_date"]))
    choose(drv, "s-sex", pt.ident["sex"])
    click_and_wait(drv, drv.find_element("id", "search-submit"))
    click_and_wait(drv, drv.find_element("css selector", "#matches a.button"))


def dja(day):
    """A day as the pages write it (2027年1月5日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def app_id_of(drv):
    return re.search(r"id=(\d+)", drv.current_url).group(1)


# --- the fixture: what the hospital holds before the year begins -----------------------------

@pytest.fixture(scope="module")
def hospital_patient():
    """A patient of the hospital DEMO01, registered there by its doctor dr.sato with her
    chart number before the year, and a prescription in its SS-MIX2 storage, imported by
    the machine (mogamictl ssmix2 import, as the scheduler does every night). She has
    signed no form 4 yet: that happens at the new clinic, in the year."""
    step("the hospital's patient")

    class P:
        pass
    p = P()
    tag = os.urandom(3).hex()
    p.ident = fresh_identity()
    p.ident["name"] = f"年間 花子{tag}"
    p.local = "7" + str(int.from_bytes(os.urandom(4), "big") % 10 ** 8).rjust(8, "0")
    p.drug = f"年間錠{tag}"
    demo = VAR / "demo"
    sato = User("dr.sato", (demo / "dr.sato.password").read_text().strip(),
                (str(demo / "dr.sato.pem"), str(demo / "dr.sato.key")), None, None, None)
    hosp = logged_in(sato)
    p.handle, _, p.pid = register_patient(hosp, ident=p.ident, local_id=p.local)
    root = VAR / "year-ssmix2" / tag
    d = days_ago(3)
    put(root, p.local, d, "OMP-01", "000000000000701", d + "100000000", 1,
        rx_msg(p.local, "701", d, p.drug, f"年間散{tag}", f"年間液{tag}"))
    imp("DEMO01", root)
    return p


@pytest.fixture(scope="module")
def browsers(browser):
    """The office's, the president's and the desk's browsers, logged in with the demo
    accounts; the new clinic's people get theirs when their certificates are issued."""
    step("the office's browsers")
    return {who: browser(who) for who in ("unei", "kaicho", "madoguchi")}


# --- the year ----------------------------------------------------------------------------

def test_A9_A10_A11_A12_A19_issue21_a_whole_year_of_the_rules_in_chromium(
        browsers, browser, hospital_patient, tmp_path):
    tag = os.urandom(3).hex()
    code, manager, doctor = f"Y{tag.upper()}", f"incho.y{tag}", f"dr.y{tag}"
    clinic = f"最上年間クリニック{tag}"
    op, pres, desk = browsers["unei"], browsers["kaicho"], browsers["madoguchi"]
    pt = hospital_patient
    people = []            # the new clinic's browsers (the fixture closes them)

    def launch(login):
        drv = browser(login, log_in=False)
        people.append(drv)
        return drv
    offset = 0             # the test clock's offset once the amendment takes effect
    try:
        offset = year(op, pres, desk, pt, tag, code, manager, doctor, clinic, launch,
                      tmp_path)
    except Exception:
        # Where each browser stood, for the one who reads the failure.
        for i, drv in enumerate([op, pres, desk] + people):
            drv.save_screenshot(str(VAR / f"year-fail-{i}.png"))
            (VAR / f"year-fail-{i}.html").write_text(drv.current_url + "\n" + drv.page_source)
        raise
    finally:
        step("the year ends")
        clock_set(0)
        ack_everyone()     # the tests after this one are not sent to read the new version
    assert offset > 0


def year(op, pres, desk, pt, tag, code, manager, doctor, clinic, launch, tmp_path):
    step(f"the year begins ({code})")
    today = jst_today()
    prints = []            # (name, PDF, fields it must show), read at the end

    # ---- A9: the clinic joins. The office adds it and enters its paper form 1. ----------
    step("A9")
    op.get(url("/facilities"))
    click_and_wait(op, op.find_element("id", "facility-new"))
    fill(op, "code", code)
    fill(op, "name", clinic)
    fill(op, "medical_code", "0619876543")
    choose(op, "kind", "clinic")
    fill(op, "address", "山形県最上郡真室川町新町1-1")
    fill(op, "phone", "0233-62-0000")
    fill(op, "contact", "事務 年子")
    click_and_wait(op, op.find_element("id", "facility-save"))
    assert "加入申請中" in op.find_element("id", "fac-status").text
    fac_page = op.current_url
    click_and_wait(op, op.find_element("id", "fac-form1"))
    assert op.find_element("id", "fac_name").get_attribute("value") == clinic
    # Form 1 as on paper: code, contacts, the manager's details (his account), the pledge.
    # What the office typed for the facility is there already; the paper's phone differs.
    assert op.find_element("id", "fac_code").get_attribute("value") == "0619876543"
    assert op.find_element("id", "contact_name").get_attribute("value") == "事務 年子"
    assert op.find_element("id", "fac_phone").get_attribute("value") == "0233-62-0000"
    fill(op, "fac_phone", "0233-62-1234")
    fill(op, "fac_email", "nenkan@example.jp")
    fill(op, "contact_dept", "医事課")
    viewing = op.find_element("css selector", "input[name=wants_viewing]")
    if not viewing.is_selected():
        viewing.click()
    fill(op, "manager_name", "真室川 院長")
    fill(op, "manager_kana", "マムロガワ インチョウ")
    fill(op, "manager_title", "院長")
    choose(op, "manager_profession", "physician")
    fill(op, "manager_license", "654321")
    fill(op, "manager_login", manager)
    fill(op, "manager_email", "incho@example.jp")
    # A9/A11: without the pledge the form is not taken; what was typed stays.
    pledge = op.find_element("id", "pledge")
    if pledge.is_selected():
        pledge.click()
    refused(op, "pledge", "manager_kana", "マムロガワ インチョウ")
    op.find_element("id", "pledge").click()
    join_app = submitted(op)

    # ---- A10.3, A19: the council meets and decides form 1 (第N回, its paper). ------------
    step("A10.3, A19")
    # The president is told on /notifications; its link opens the application.
    pres.get(url("/notifications"))
    note = pres.find_element("css selector", f"#notes a[href='/applications/view?id={join_app}']")
    assert "申請が提出されました" in note.find_element("xpath", "..").text
    click_and_wait(pres, note)
    assert clinic in pres.find_element("id", "app").text
    meeting1 = new_meeting(pres, today, "0200P", "県立新庄病院 第一会議室",
                           "会長 最上太郎\n委員 新庄花子\n委員 金山一郎",
                           "委員 新庄花子\n委員 金山一郎", time_to="0330P",
                           absentees="委員 鮭川次郎")
    asks = pres.find_element("id", f"paper-app-{join_app}").text
    assert clinic in asks and "0619876543" in asks and manager in asks
    pres.get(url(f"/applications/view?id={join_app}"))
    choose(pres, "meeting", meeting1)
    radio(pres, "#meeting-form", "decision", "approved")
    fill(pres, "m-reason", "地域の在宅医療に必要な施設として承認。")
    click_and_wait(pres, pres.find_element("css selector", "#meeting-form button[type=submit]"))
    assert "協議会決定" in pres.find_element("id", "app-status").text
    assert "承認" in pres.find_element("id", "app-decision").text
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["onboarding"]]
    # The meeting is held: its minutes, signed by the chair and the signatories.
    number1 = held(pres, meeting1)
    printed(pres, prints, "minutes-1", f"第{number1}回協議会 議事録", dja(today),
            "14:00〜15:30", "県立新庄病院 第一会議室", "会長 最上太郎", "委員 鮭川次郎",
            "審議事項", "第1号議案", clinic, "0619876543", manager, "マムロガワ インチョウ",
            "地域の在宅医療に必要な施設として承認。", "議事録署名人", "委員 金山一郎")
    assert_clean(pres)

    # ---- A10.4: the contract is filed; the clinic is a member. --------------------------
    step("A10.4")
    op.get(url(f"/applications/view?id={join_app}"))
    date_in(op, "filed_on", today)
    click_and_wait(op, op.find_element("css selector", "#contract-form button[type=submit]"))
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["active"]]
    op.get(fac_page)
    assert "加入申請中" not in op.find_element("id", "fac-status").text
    # Form 1 as the council files it: every field from the stored data, the pledge, the
    # decision and the contract.
    op.get(url(f"/applications/print?id={join_app}"))
    printed(op, prints, "form1", "別記様式第１号", "もがみネット加入申請書", wareki(today),
            "提出日" + wareki(today), "申込日" + wareki(today), clinic, "0619876543",
            "山形県最上郡真室川町新町1-1", "0233-62-1234", "nenkan@example.jp", "事務 年子",
            "医事課", "☑ 閲覧施設", "真室川 院長", "マムロガワ インチョウ", "654321", manager,
            "incho@example.jp", "誓約", "著作権法", "☑ 施設として上記を誓約します", "承認")

    # ---- A10.2: the manager's certificate and first login; A11.1-A11.3 acknowledged. -----
    step("A10.2")
    initial = issue(op, manager, tmp_path)
    mpw = f"Mamuro-{tag}-Kanri"
    m = first_login(launch, manager, initial, mpw)
    seq1 = sql("SELECT seq FROM rules_version WHERE effective_on <= "
               f"'{today}' ORDER BY effective_on DESC, seq DESC LIMIT 1")[0][0]
    acknowledge(m, f"第{seq1}版")
    assert "真室川 院長" in m.find_element("tag name", "h1").text

    # ---- A10.2, A7.2: form 2 for a doctor, with the applicant's pledge. -----------------
    step("A10.2, A7.2")
    m.get(url("/facility/users"))
    click_and_wait(m, m.find_element("id", "roster-new"))
    fill(m, "user_name", "真室川 医師")
    fill(m, "user_kana", "マムロガワ イシ")
    fill(m, "department", "内科")
    fill(m, "job_title", "医長")
    choose(m, "profession", "physician")
    fill(m, "license_no", "")                     # A10.2: a physician gives the licence
    fill(m, "user_phone", "0233-62-5678")
    fill(m, "user_email", "ishi@example.jp")
    radio(m, "#app-form", "requested_role", "user")
    fill(m, "user_login", doctor)
    m.find_element("id", "pledge").click()
    refused(m, "license_no", "user_kana", "マムロガワ イシ")
    fill(m, "license_no", "123456")
    if not m.find_element("id", "pledge").is_selected():
        m.find_element("id", "pledge").click()
    reg_app = submitted(m)

    # ---- A10.3 proviso: the president decides form 2 alone; it is reported later. -------
    step("A10.3 proviso")
    decide_alone(pres, reg_app, "外来開始に間に合わせるため")
    m.get(url(f"/applications/print?id={reg_app}"))
    printed(m, prints, "form2", "別記様式第２号", "もがみネット利用者登録申請書", wareki(today),
            "真室川 医師",
            "マムロガワ イシ", clinic, "内科", "医長", "医師", "123456", "0233-62-5678",
            "ishi@example.jp", doctor, "誓約", "☑", "承認", "会長専決")

    # ---- A10.2: the doctor's certificate, first login, A11.1-A11.3 acknowledged. ---------
    step("A10.2")
    initial = issue(op, doctor, tmp_path)
    dpw = f"Mamuro-{tag}-Ishi"
    d = first_login(launch, doctor, initial, dpw)
    acknowledge(d, f"第{seq1}版")
    assert "利用者" in d.find_element("id", "roles").text

    # ---- A12.1, A12.4: the patient signs form 4 at the clinic; the doctor registers it. --
    step("A12.1, A12.4")
    kana, birth = pt.ident["kana"], datetime.date.fromisoformat(pt.ident["birth_date"])
    find_patient(d, pt)
    click_and_wait(d, d.find_element("id", "consent-new"))
    date_in(d, "c-signed", today)
    d.find_element("id", "c-signer-patient").click()
    for box in ("c-dall", "c-vall"):                 # every disclosing, every viewing member
        if not d.find_element("id", box).is_selected():
            d.find_element("id", box).click()
    scan = tmp_path / "form4.pdf"
    scan.write_bytes(PDF)
    d.find_element("id", "c-scan").send_keys(str(scan))
    click_and_wait(d, d.find_element("id", "consent-submit"))
    assert "同意書を登録しました" in d.find_element("id", "flash").text
    click_and_wait(d, d.find_element("css selector", "#consents a[href^='/consents/view']"))
    click_and_wait(d, d.find_element("id", "form4-print"))
    printed(d, prints, "form4", "別記様式第４号", pt.ident["name"], kana, wareki(today), wareki(birth),
            "☑ 本人", "もがみネットのすべての閲覧施設", clinic)

    # ---- A8.1: she is seen, for her care, with the hospital's prescription. ---------------
    step("A8.1")
    d.get(url("/records"))
    fill(d, "q", kana.split()[0])
    click_and_wait(d, d.find_element("id", "records-search-submit"))
    click_and_wait(d, d.find_element("css selector", "#records-patients a.button"))
    click_and_wait(d, d.find_element("id", "purpose-care"))
    assert pt.ident["name"] in d.find_element("id", "record-name").text
    assert pt.drug in d.find_element("id", "sum-rx").text
    record = d.current_url
    assert pt.ident["name"] not in record and pt.local not in record
    assert_clean(d)

    # ---- A12.2: she revokes at the desk (form 5): asked first, then taken with its scan. --
    step("A12.2")
    find_patient(desk, pt)
    click_and_wait(desk, desk.find_element("id", "revoke"))
    date_in(desk, "r-signed", today)
    click_and_wait(desk, desk.find_element("id", "revocation-submit"))
    assert "取り消すことはできません" in desk.find_element("id", "revocation-what").text
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pt.pid}") == [["0"]]
    scan5 = tmp_path / "form5.pdf"
    scan5.write_bytes(PDF)
    desk.find_element("id", "r-scan").send_keys(str(scan5))
    click_and_wait(desk, desk.find_element("id", "revocation-confirm-submit"))
    receipt = desk.find_element("id", "receipt-no").text
    assert receipt.startswith("R-")
    click_and_wait(desk, desk.find_element("id", "form5-print"))
    printed(desk, prints, "form5", "別記様式第５号", pt.ident["name"], kana, wareki(birth), receipt,
            "☑ 本人")
    assert_clean(desk)
    # A12.2: the operator is told (the notification names no patient).
    op.get(url("/notifications"))
    assert "撤回届（様式第5号）" in op.find_element("tag name", "body").text
    # The doctor's very next request for her is refused.
    d.get(record)
    assert "撤回" in d.page_source and pt.drug not in d.page_source

    # ---- A19: the rules amended at a meeting; a new version from its effective day. -------
    step("A19")
    effective = next_day(1)
    op.get(url("/agenda"))
    op.find_element("id", "kind-amendment").click()
    fill(op, "title", f"運用規程の一部改正（年間{tag}）")
    fill(op, "explanation", "閲覧の記録の保存期間を改める。")
    date_in(op, "amend_effective_on", effective)
    fill(op, "amend_body", f"もがみネット運用規程\n第１条　年間試験{tag}の改正後の規程。\n")
    click_and_wait(op, op.find_element("id", "agenda-submit"))
    item = app_id_of(op)
    meeting2 = new_meeting(pres, today, "0600P", "最上総合支庁 講堂",
                           "会長 最上太郎\n委員 新庄花子", "委員 新庄花子")
    assert f"運用規程の一部改正（年間{tag}）" in pres.find_element(
        "id", f"paper-item-{item}").text
    pres.get(url(f"/agenda/view?id={item}"))
    choose(pres, "meeting", meeting2)
    fill(pres, "discussion", "保存期間の根拠を確認し、全会一致で承認。")
    radio(pres, "#resolve-form", "resolution", "approved")
    click_and_wait(pres, pres.find_element("id", "resolve-submit"))
    version = sql(f"SELECT rules_version_id FROM agenda_item WHERE id = {item}")[0][0]
    seq2 = sql(f"SELECT seq FROM rules_version WHERE id = {version}")[0][0]
    assert f"第{seq2}版" in pres.find_element("id", "item-rules").text
    number2 = held(pres, meeting2)
    printed(pres, prints, "minutes-2", f"第{number2}回協議会 議事録", "18:00",
            "最上総合支庁 講堂", f"運用規程の一部改正（年間{tag}）", dja(effective),
            "閲覧の記録の保存期間を改める。", "保存期間の根拠を確認し、全会一致で承認。",
            "報告事項", "報告1．", "真室川 医師", doctor, "外来開始に間に合わせるため",
            "議事録署名人")
    assert_clean(pres)

    # ---- A11.1: on the effective day every user acknowledges again, before patient data. --
    step("A11.1")
    offset = (effective - today).days * 86400 + 60
    clock_set(offset)
    # A new day: new sessions. The office sees who has not acknowledged the new version.
    for drv, who in ((op, "unei"), (pres, "kaicho")):
        drv.get(url("/login"))
        form_login(drv, who)
    op.get(url(f"/admin/rules?v={version}"))
    waiting = op.find_element("id", "not-acked").text
    assert manager in waiting and doctor in waiting and "unei" in waiting
    for drv in (op, pres):                    # the office too, from its home page
        acknowledge(drv, f"第{seq2}版", gate="/")
    for drv, who, pw in ((m, manager, mpw), (d, doctor, dpw)):
        log_in(drv, who, pw)
        acknowledge(drv, f"第{seq2}版", f"年間試験{tag}の改正後の規程", wareki(effective))
    op.get(url(f"/admin/rules?v={version}"))
    waiting = op.find_element("id", "not-acked").text
    assert manager not in waiting and doctor not in waiting
    day = jst_today(offset)

    # ---- A10.5: the doctor withdraws (form 3); she can no longer log in. -----------------
    step("A10.5")
    m.get(url("/facility/users"))
    click_and_wait(m, m.find_element("id", f"withdraw-{doctor}"))
    date_in(m, "effective_date", day)
    fill(m, "withdraw_reason", "")
    refused(m, "withdraw_reason", "effective_date", str(day))
    fill(m, "withdraw_reason", "県外の病院へ転勤のため")
    doc_out = submitted(m)
    decide_alone(pres, doc_out, "転勤日が協議会より前のため")
    # Her session ended with her account, her certificate revoked: not even the login page.
    d.get(url("/login"))
    assert "cert_revoked" in d.find_element("tag name", "body").text
    assert not d.find_elements("id", "password")

    # ---- A10.5 proviso: the last user leaves; the cancellation paperwork; cancelled. -----
    step("A10.5 proviso")
    m.get(url("/facility/users"))
    click_and_wait(m, m.find_element("id", f"withdraw-{manager}"))
    date_in(m, "effective_date", day)
    fill(m, "withdraw_reason", "閉院のため")
    last = submitted(m)
    decide_alone(pres, last, "閉院日が協議会より前のため")
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelling"]]
    op.get(url(f"/applications/view?id={last}"))
    assert "閉院のため" in op.page_source
    date_in(op, "cancel_filed_on", day)
    click_and_wait(op, op.find_element("id", "cancel-submit"))
    assert sql(f"SELECT status, cancelled_on FROM facility WHERE code = '{code}'") == \
        [["cancelled", str(day)]]
    op.get(url(f"/applications/print?id={last}"))
    printed(op, prints, "form3", "別記様式第３号", "真室川 院長", manager, clinic, wareki(day),
            "閉院のため", "解約済み", "承認", "会長専決")
    op.get(url(f"/applications/print?id={doc_out}"))
    printed(op, prints, "form3-doctor", "別記様式第３号", "真室川 医師", doctor,
            "県外の病院へ転勤のため")
    op.get(fac_page)
    assert "解約" in op.find_element("id", "fac-status").text
    assert_clean(op)

    # ---- The minutes and forms 1-5 as printed: each field on its paper. ------------------
    step("prints")
    read_prints(prints)
    return offset
