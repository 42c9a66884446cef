"""What a patient's identity reveals (A12.1, A11.2, A4.2).

- /patients/view shows the address, the phone and other facilities' forms 4 and 5 only
  to a facility with an approved link (patient_link.patient_id set) or a form 4 in force
  that names it (explicitly, or through "every disclosing/viewing facility" when it is a
  member on that side), and to the desk, the operator and staff. Others see the name,
  kana, sex and birth date: enough to register a form 4.
- Searching by exact identifiers is throttled per user: more misses than
  search_miss_limit in search_miss_window_secs (mogami.conf) are answered 429 and raise
  one misuse alert a window; the misuse rule search_misses counts misses too.
- The access report lists every look at the patient's identity, and a search names the
  patients it listed.
"""
import re

import pytest

from conftest import VAR, ctl, figure, logged_in, make_user, page_csrf, sql, url
from test_patients import (facility_id, fresh_identity, lid, register_consent, register_patient,
                           revoke_at_desk)

ADDRESS, PHONE = "山形県新庄市識別町{}番地", "0233-17-{:04d}"
HOSP = "県立新庄病院"            # DEMO01's name starts so; DEMO02 is a clinic


def conf_int(key, default):
    """A setting of the running instance's mogami.conf, or its default in cgi/config.c."""
    for line in (VAR / "mogami.conf").read_text().splitlines():
        k, _, v = line.partition("=")
        if k.strip() == key:
            return int(v.strip())
    return default


LIMIT = conf_int("search_miss_limit", 10)


def uid(user):
    return int(sql(f"SELECT id FROM users WHERE login = '{user.login}'")[0][0])


def search(s, ident):
    return s.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})


def handle_of(s, ident):
    r = search(s, ident)
    assert r.status_code == 200, r.text[:500]
    return re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)


_k = [0]


def patient_with_contact(s, local_id=None):
    """A patient registered by session s with an address and a phone of its own."""
    _k[0] += 1
    ident = fresh_identity()
    ident["address"] = ADDRESS.format(_k[0])
    ident["phone"] = PHONE.format(_k[0])
    handle, ident, pid = register_patient(s, ident=ident, local_id=local_id)
    return handle, ident, pid


def section(html, sid):
    """The <section> holding the element with id sid (the consents' or revocations' card)."""
    m = re.search(r'<section class="card">(?:(?!</section>).)*?id="%s".*?</section>' % sid,
                  html, re.S)
    return m.group(0) if m else ""


def shows(html, ident):
    """What of the identity a /patients/view page shows beyond the registration."""
    return {"address": ident["address"] in html, "phone": ident["phone"] in html,
            "other_forms": HOSP in section(html, "consents") + section(html, "revocations")}


def test_A12_1_identity_address_phone_and_other_forms_only_with_link_or_consent():
    hosp = logged_in(make_user("user", facility="DEMO01"))
    clinic_user = make_user("user", facility="DEMO02", profession="nurse")
    clinic = logged_in(clinic_user)
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    op = logged_in(make_user("operator", facility="DEMO01", profession="contract_employee"))
    # The hospital holds the patient's records (an approved link) and registers a form 4
    # that every disclosing facility may show to the hospital alone: the clinic (a viewing
    # member only) is named on neither side.
    handle, ident, pid = patient_with_contact(hosp, local_id=lid())
    register_consent(hosp, handle, data={"viewing_all": "", "viewing": str(facility_id("DEMO01"))})
    page = hosp.get(url(f"/patients/view?p={handle}")).text
    assert shows(page, ident)["address"] and shows(page, ident)["phone"]
    # The clinic: enough to register a form 4, nothing more.
    ch = handle_of(clinic, ident)
    r = clinic.get(url(f"/patients/view?p={ch}"))
    assert r.status_code == 200
    for k in ("name", "kana", "birth_date"):
        assert ident[k] in r.text, k
    assert shows(r.text, ident) == {"address": False, "phone": False, "other_forms": False}
    assert 'id="identity-limited"' in r.text and 'id="consent-new"' in r.text
    # The desk and the operator see everything, the hospital's form 4 included.
    for s in (desk, op):
        page = s.get(url(f"/patients/view?p={handle_of(s, ident)}")).text
        assert shows(page, ident) == {"address": True, "phone": True, "other_forms": True}
    # The clinic registers a form 4 naming itself: from now on it is named.
    register_consent(clinic, ch, data={"viewing_all": "", "viewing": str(facility_id("DEMO02"))})
    page = clinic.get(url(f"/patients/view?p={ch}")).text
    assert shows(page, ident) == {"address": True, "phone": True, "other_forms": True}
    assert 'id="identity-limited"' not in page
    # A form 5 ends both forms 4: the clinic is back to the registration and its own form.
    revoke_at_desk(desk, ident)
    page = clinic.get(url(f"/patients/view?p={ch}")).text
    assert shows(page, ident) == {"address": False, "phone": False, "other_forms": False}
    assert "もがみ在宅クリニック" in section(page, "consents"), "its own form 4 stays listed"
    # The hospital's link still shows it everything.
    page = hosp.get(url(f"/patients/view?p={handle}")).text
    assert shows(page, ident)["address"] and shows(page, ident)["phone"]


def test_A12_1_identity_matrix_no_identity_without_link_or_consent():
    """Every patient-viewing role at the linked hospital and at an unlinked clinic x a
    patient without consent, with a form 4 naming only the hospital, one naming every
    facility, the same revoked, and the same found void: the address, the phone or another
    facility's form shown to a facility with neither link nor form 4 naming it is counted."""
    hosp = logged_in(make_user("user", facility="DEMO01"))
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    op = logged_in(make_user("operator", facility="DEMO01", profession="contract_employee"))
    hosp_only = {"viewing_all": "", "viewing": str(facility_id("DEMO01"))}
    patients = {}
    for state in ("none", "hosp_only", "all", "revoked", "void"):
        handle, ident, pid = patient_with_contact(hosp, local_id=lid())
        if state != "none":
            register_consent(hosp, handle, data=hosp_only if state == "hosp_only" else None)
        if state == "revoked":
            revoke_at_desk(desk, ident)
        if state == "void":
            cid, ver = sql(f"SELECT id, version FROM consent WHERE patient_id = {pid}")[0]
            r = op.post(url("/consents/check"), data={
                "csrf": page_csrf(op), "id": cid, "version": ver, "decision": "rejected",
                "note": "署名なし"}, allow_redirects=False)
            assert r.status_code == 303, r.text[:500]
        patients[state] = ident
    viewers = [(role, fac) for role in ("user", "facility_manager") for fac in ("DEMO01", "DEMO02")]
    viewers += [("desk", "DEMO02"), ("operator", "DEMO01"), ("staff", "DEMO01")]
    cases = leaked = hidden = 0
    for role, fac in viewers:
        prof = "physician" if role in ("user", "facility_manager") else "contract_employee"
        s = logged_in(make_user(role, facility=fac, profession=prof))
        for state, ident in patients.items():
            r = s.get(url(f"/patients/view?p={handle_of(s, ident)}"))
            assert r.status_code == 200, (role, fac, state, r.status_code)
            got = shows(r.text, ident)
            # The hospital holds the link; the clinic is named only by the form 4 in force
            # that names every viewing facility; desk, operator and staff see everything.
            full = role in ("desk", "operator", "staff") or fac == "DEMO01" or state == "all"
            cases += 1
            if not full and any(got.values()):
                leaked += 1
                print("SHOWN", role, fac, state, got)
            if full and not (got["address"] and got["phone"]):
                hidden += 1
                print("HIDDEN", role, fac, state, got)
    print(f"identity: {cases} cases, {leaked} shown without link or consent, {hidden} hidden")
    figure("identity cases", cases)
    figure("identity shown without link or consent", leaked)
    assert leaked == 0 and hidden == 0


@pytest.mark.skipif(LIMIT > 100, reason="the search throttle is lifted on this instance"
                    " (scripts/attack.sh, for sqlmap)")
def test_A12_1_search_throttled_after_misses_with_one_misuse_alert():
    u = make_user("user", facility="DEMO02", profession="nurse")
    s = logged_in(u)
    other = logged_in(make_user("user", facility="DEMO02", profession="nurse"))
    hosp = logged_in(make_user("user", facility="DEMO01"))
    _, known, _ = register_patient(hosp)
    # A birth-date sweep: each date a miss, up to the limit answered as usual.
    sweep = dict(fresh_identity(), birth_date="1950-01-01")
    for day in range(LIMIT):
        r = search(s, dict(sweep, birth_date=f"1950-01-{day + 1:02d}"))
        assert r.status_code == 200 and 'id="none-found"' in r.text, day
    assert sql(f"SELECT COUNT(*) FROM audit WHERE user_id = {uid(u)} AND action = 'patient.search'"
               " AND detail = 'miss'") == [[str(LIMIT)]]
    # Over the limit: refused with a Japanese page, even a search that would find someone.
    r = search(s, known)
    assert r.status_code == 429, r.text[:500]
    assert "しばらく" in r.text and known["name"] not in r.text
    assert "/patients/view?p=" not in r.text and 'id="none-found"' not in r.text
    assert 'id="search-throttled"' in r.text and f'value="{known["kana"]}"' in r.text
    assert int(r.headers["Retry-After"]) > 0
    assert sql(f"SELECT outcome, detail FROM audit WHERE user_id = {uid(u)} AND action ="
               " 'patient.search' ORDER BY id DESC LIMIT 1") == [["denied", "throttled"]]
    # One misuse alert for the window, to the operator and the clinic's managers.
    assert search(s, sweep).status_code == 429
    rows = sql(f"SELECT id, facility_id FROM misuse_alert WHERE rule = 'search_misses'"
               f" AND user_id = {uid(u)}")
    assert len(rows) == 1 and int(rows[0][1]) == facility_id("DEMO02")
    assert sorted(a for (a,) in sql("SELECT audience FROM notification WHERE kind = 'misuse.alert'"
                                    f" AND object_id = {rows[0][0]}")) == \
        ["facility_manager", "operator"]
    # Another user of the same facility is not slowed.
    r = search(other, known)
    assert r.status_code == 200 and known["name"] in r.text


def test_A4_2_misuse_rule_search_misses_counts_patient_search_misses():
    """The scan's rule search_misses (operator-tunable in /misuse/rules) counts the misses
    of patient.search, not its hits."""
    op = logged_in(make_user("operator", facility="DEMO01", profession="contract_employee"))
    page = op.get(url("/misuse/rules")).text
    assert 'id="rule-search_misses"' in page and "該当なし" in page
    thr, win = sql("SELECT threshold, window_minutes FROM misuse_rule WHERE code = 'search_misses'")[0]
    u, quiet = make_user("user"), make_user("user")
    fid = facility_id("DEMO01")
    for who, detail in ((u, "miss"), (quiet, "listed 1")):
        sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type,"
            " outcome, detail) SELECT UTC_TIMESTAMP(6) - INTERVAL seq SECOND,"
            f" {uid(who)}, '{who.login}', {fid}, 'user', 'patient.search', 'patient', 'allowed',"
            f" '{detail}' FROM seq_1_to_{int(thr) + 1}")
    assert int(win) > 0
    assert ctl("misuse", "scan").returncode == 0
    assert sql(f"SELECT rule, hits FROM misuse_alert WHERE user_id = {uid(u)}") == \
        [["search_misses", str(int(thr) + 1)]]
    assert sql(f"SELECT COUNT(*) FROM misuse_alert WHERE user_id = {uid(quiet)}") == [["0"]]
    assert "患者検索で該当なしの繰り返し" in op.get(url("/misuse")).text


def test_A11_2_access_report_lists_every_look_at_the_identity():
    hosp = logged_in(make_user("user", facility="DEMO01"))
    clinic = logged_in(make_user("user", facility="DEMO02", profession="nurse"))
    handle, ident, pid = patient_with_contact(hosp, local_id=lid())
    register_consent(hosp, handle)
    cid = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    before = int(sql(f"SELECT COALESCE(MAX(id), 0) FROM audit WHERE patient_id = {pid}")[0][0])
    # The clinic finds the patient (listed), opens its page and the forms 4 and 5.
    ch = handle_of(clinic, ident)
    clinic.get(url(f"/patients/view?p={ch}"))
    clinic.get(url(f"/consents/new?p={ch}"))
    clinic.get(url(f"/revocations/new?p={ch}"))
    # The hospital opens its form 4 and the scan.
    assert hosp.get(url(f"/consents/view?id={cid}")).status_code == 200
    assert hosp.get(url(f"/consents/scan?id={cid}")).status_code == 200
    got = sql(f"SELECT action FROM audit WHERE patient_id = {pid} AND id > {before} ORDER BY id")
    assert [a for (a,) in got] == ["patient.search_listed", "patient.view", "consent.form_view",
                                   "consent.revoke_form_view", "consent.view", "consent.scan_view"]
    # The search's own entry names whom it listed.
    last = sql("SELECT detail FROM audit WHERE action = 'patient.search' AND facility_id ="
               f" {facility_id('DEMO02')} AND detail LIKE 'listed %{pid}%' ORDER BY id DESC LIMIT 1")
    assert last and str(pid) in last[0][0].split(" ", 1)[1].split(",")
    # The desk's report shows each, with the facility that looked.
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    rep = desk.get(url(f"/patients/access-report?p={handle_of(desk, ident)}"))
    assert rep.status_code == 200
    rows = re.findall(r"<tr[^>]*><td class=\"nowrap\">.*?</tr>", rep.text, re.S)
    text = "\n".join(rows)
    for label in ("患者検索の結果に表示", "登録情報（氏名・住所など）の閲覧", "同意書の登録画面の表示",
                  "撤回届の受付画面の表示", "同意書の閲覧", "同意書の画像の閲覧"):
        assert label in text, label
    assert "もがみ在宅クリニック" in text and HOSP in text
    # the desk's own search is a look too, and the newest
    assert "患者検索の結果に表示" in rows[0]


def test_A11_2_records_search_names_whom_it_listed():
    """The records search (/records) lists up to 50 patients the facility may see: its
    entry names them, and each one's access report shows the listing."""
    hosp_user = make_user("user", facility="DEMO01")
    hosp = logged_in(hosp_user)
    handle, ident, pid = register_patient(hosp, local_id=lid())
    r = hosp.get(url("/records"), params={"q": ident["kana"]})
    assert r.status_code == 200 and ident["name"] in r.text
    detail = sql(f"SELECT detail FROM audit WHERE action = 'records.search' AND user_id ="
                 f" {uid(hosp_user)} ORDER BY id DESC LIMIT 1")[0][0]
    assert detail.startswith("listed ") and str(pid) in detail[7:].split(",")
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'records.search_listed' AND"
               f" patient_id = {pid} AND user_id = {uid(hosp_user)}") == [["1"]]
    r = hosp.get(url("/records"), params={"q": "ヌヌヌヌヌヌ"})
    assert sql(f"SELECT detail FROM audit WHERE action = 'records.search' AND user_id ="
               f" {uid(hosp_user)} ORDER BY id DESC LIMIT 1") == [["miss"]]
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    rep = desk.get(url(f"/patients/access-report?p={handle_of(desk, ident)}")).text
    assert "閲覧できる患者の検索結果に表示" in rep
