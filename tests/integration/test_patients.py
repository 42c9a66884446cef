"""Patients, consent (form 4), revocation (form 5), death, links and merges (A11, A12)."""
import json
import re
import struct
import zlib

import pytest

from conftest import ctl, logged_in, make_user, page_csrf, sql, url, clock_set

PDF = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
       b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")


def png():
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


_n = [0]


def fresh_identity():
    """A kana name no other test uses, so exact matches are this test's only."""
    import random
    _n[0] += 1
    kata = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"
    rnd = random.Random()
    kana = "".join(rnd.choice(kata) for _ in range(4)) + " " + "".join(rnd.choice(kata) for _ in range(4))
    return {"name": "試験 患者" + str(_n[0]), "kana": kana, "sex": "F",
            "birth_date": f"19{40 + rnd.randrange(50):02d}-0{1 + rnd.randrange(9)}-1{rnd.randrange(9)}"}


def lid():
    import os
    return "L" + os.urandom(6).hex()


def facility_id(code):
    return int(sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0])


def register_patient(s, ident=None, local_id=None, expect=303):
    ident = ident or fresh_identity()
    data = dict(ident, csrf=page_csrf(s, "/patients"))
    if local_id:
        data["local_id"] = local_id
    r = s.post(url("/patients/new"), data=data, allow_redirects=False)
    assert r.status_code == expect, r.text[:800]
    if expect != 303:
        return None, ident, r
    handle = re.search(r"p=([A-Za-z0-9]{22})", r.headers["Location"]).group(1)
    pid = int(sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{handle}'")[0][0])
    return handle, ident, pid


def consent_form(s, handle):
    r = s.get(url(f"/consents/new?p={handle}"))
    assert r.status_code == 200, r.text[:500]
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    return r, idem


def register_consent(s, handle, files=None, data=None, expect=303):
    r, idem = consent_form(s, handle)
    d = {"csrf": page_csrf(s, f"/consents/new?p={handle}"), "p": handle, "idem": idem,
         "signed_on": "2026-11-01", "signer": "patient", "disclosing_all": "1", "viewing_all": "1"}
    d.update(data or {})
    files = files if files is not None else {"scan": ("form4.pdf", PDF, "application/pdf")}
    r = s.post(url("/consents/new"), data=d, files=files, allow_redirects=False)
    assert r.status_code == expect, r.text[:1500]
    return r


def handle_in(s, ident):
    """The handle this session gets for a patient found by exact identifiers."""
    r = s.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    assert r.status_code == 200, r.text[:500]
    return re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)


def revoke_at_desk(desk, ident, signed_on="2026-11-20"):
    """Form 5 signed on signed_on, received at the desk now (A12.2)."""
    dh = handle_in(desk, ident)
    r = desk.get(url(f"/revocations/new?p={dh}"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    r = desk.post(url("/revocations/new"), data={
        "csrf": page_csrf(desk, f"/revocations/new?p={dh}"), "p": dh, "idem": idem,
        "signed_on": signed_on, "signer": "patient"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]


def open_patient(s, handle, purpose="care"):
    return s.get(url(f"/records/patient?p={handle}&purpose={purpose}"), allow_redirects=False)


@pytest.fixture(scope="module")
def people():
    return {
        "nurse_clinic": make_user("user", facility="DEMO02", profession="nurse"),
        "dr_hosp": make_user("user", facility="DEMO01"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
        "operator": make_user("operator", facility="DEMO01", profession="contract_employee"),
    }


def test_A12_1_A12_4_consent_at_viewing_facility_makes_patient_visible(people):
    """A consent registered at a viewing facility (a clinic) lets that clinic see the
    hospital's records of the patient; before it, the clinic sees nothing."""
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    clinic = logged_in(people["nurse_clinic"])
    # The clinic finds the patient by exact identifiers, but may not open records yet.
    r = clinic.get(url("/patients"), params={"kana": ident["kana"], "birth_date": ident["birth_date"],
                                              "sex": ident["sex"]})
    ch = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    assert ch != handle, "handles are per session"
    kana_part = ident["kana"].split()[0]
    r = clinic.get(url("/records"), params={"q": kana_part})
    assert ident["name"] not in r.text
    assert open_patient(clinic, ch).status_code == 403
    register_consent(clinic, ch, data={"viewing_all": "", "viewing": str(facility_id("DEMO02"))})
    assert sql(f"SELECT status, facility_id FROM consent WHERE patient_id = {pid}") == \
        [["submitted", str(facility_id("DEMO02"))]]
    r = clinic.get(url("/records"), params={"q": kana_part})
    assert ident["name"] in r.text
    r = open_patient(clinic, ch)
    assert r.status_code == 200 and ident["name"] in r.text
    # the view is audited with its purpose
    assert sql(f"SELECT purpose, outcome FROM audit WHERE action = 'record.view' AND patient_id = {pid}"
               " ORDER BY id DESC LIMIT 1") == [["care", "allowed"]]
    # no patient data in the URL or the page title
    assert ident["name"] not in r.url and ident["kana"] not in r.url
    title = re.search(r"<title>(.*?)</title>", r.text).group(1)
    assert ident["name"] not in title


def test_A8_1_purpose_asked_before_records(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    r = hosp.get(url(f"/records/patient?p={handle}"))
    assert r.status_code == 200 and 'name="purpose"' in r.text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'record.view' AND patient_id = {pid}") == [["0"]]
    r = open_patient(hosp, handle, "explanation")
    assert r.status_code == 200
    assert sql(f"SELECT purpose FROM audit WHERE action = 'record.view' AND patient_id = {pid}") == \
        [["explanation"]]


def test_A12_2_revocation_at_desk_refuses_open_viewer_next_request(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    clinic = logged_in(people["nurse_clinic"])
    r = clinic.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    ch = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    register_consent(clinic, ch)
    assert open_patient(clinic, ch).status_code == 200
    # The patient goes to the desk with form 5.
    desk = logged_in(people["desk"])
    r = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    page = desk.get(url(f"/patients/view?p={dh}")).text
    assert ident["name"] in page
    assert "施設の患者 ID" not in page, "the desk does not see local IDs"
    r = desk.get(url(f"/revocations/new?p={dh}"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    r = desk.post(url("/revocations/new"), data={
        "csrf": page_csrf(desk, f"/revocations/new?p={dh}"), "p": dh, "idem": idem,
        "signed_on": "2026-11-20", "signer": "patient"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    no = re.search(r"no=(R-\d{4}-\d{6})", r.headers["Location"]).group(1)
    receipt = desk.get(url(r.headers["Location"]))
    assert receipt.status_code == 200 and no in receipt.text and ident["name"] in receipt.text
    assert "data-print" in receipt.text
    # the very next request of the viewer who had the patient open is refused
    r = open_patient(clinic, ch)
    assert r.status_code == 403 and "撤回" in r.text
    assert ident["name"] not in r.text
    assert sql(f"SELECT outcome, SUBSTRING_INDEX(detail, ' ', 1) FROM audit WHERE action = 'record.view'"
               f" AND patient_id = {pid} ORDER BY id DESC LIMIT 1") == [["denied", "revoked"]]
    # and the patient no longer appears in the clinic's list
    r = clinic.get(url("/records"), params={"q": ident["kana"].split()[0]})
    assert ident["name"] not in r.text
    # the same form 5 sent again makes no second revocation
    r = desk.post(url("/revocations/new"), data={
        "csrf": page_csrf(desk, f"/revocations/new?p={dh}"), "p": dh, "idem": idem,
        "signed_on": "2026-11-20", "signer": "patient"}, allow_redirects=False)
    assert r.status_code == 303 and no in r.headers["Location"]
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pid}") == [["1"]]
    # a form 4 signed before the revocation does not switch sharing back on
    register_consent(clinic, ch, expect=422)
    # a new form 4 signed after the revocation allows again
    register_consent(clinic, ch, data={"signed_on": "2026-11-21"})
    assert open_patient(clinic, ch).status_code == 200


def test_A12_2_revocation_receipt_numbers_are_unique_and_sequential(people):
    desk = logged_in(people["desk"])
    hosp = logged_in(people["dr_hosp"])
    nos = []
    for _ in range(2):
        handle, ident, pid = register_patient(hosp)
        r = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
        dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
        r = desk.get(url(f"/revocations/new?p={dh}"))
        idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
        r = desk.post(url("/revocations/new"), data={
            "csrf": page_csrf(desk), "p": dh, "idem": idem, "signed_on": "2026-11-20",
            "signer": "proxy", "proxy_name": "代理 花子", "proxy_relation": "長女"},
            allow_redirects=False)
        assert r.status_code == 303
        nos.append(int(r.headers["Location"].rsplit("-", 1)[1]))
    assert nos[1] == nos[0] + 1


def test_A12_2_revocation_form_errors_keep_input_and_write_nothing(people):
    desk = logged_in(people["desk"])
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    r = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    r = desk.get(url(f"/revocations/new?p={dh}"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    r = desk.post(url("/revocations/new"), data={
        "csrf": page_csrf(desk), "p": dh, "idem": idem, "signed_on": "2999-01-01",
        "signer": "proxy", "proxy_name": "", "note": "本人来所"}, allow_redirects=False)
    assert r.status_code == 422
    assert 'id="err-signed_on"' in r.text and 'id="err-proxy_name"' in r.text
    assert "本人来所" in r.text
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pid}") == [["0"]]


@pytest.mark.parametrize("case", ["missing", "wrong_type", "truncated_pdf", "truncated_png", "too_large"])
def test_A12_1_bad_scan_upload_stores_nothing(people, case):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    files = {
        "missing": {},
        "wrong_type": {"scan": ("form4.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")},
        "truncated_pdf": {"scan": ("form4.pdf", PDF[:60], "application/pdf")},
        "truncated_png": {"scan": ("form4.png", png()[:30], "image/png")},
        "too_large": {"scan": ("form4.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n",
                               "application/pdf")},
    }[case]
    r = register_consent(hosp, handle, files=files, data={"proxy_name": "keep-me"}, expect=422)
    assert 'id="err-scan"' in r.text
    assert "keep-me" in r.text
    assert sql(f"SELECT COUNT(*) FROM consent WHERE patient_id = {pid}") == [["0"]]
    assert sql(f"SELECT COUNT(*) FROM consent_scan s JOIN consent c ON c.id = s.consent_id"
               f" WHERE c.patient_id = {pid}") == [["0"]]


def test_A12_1_scan_stored_with_sha256_and_type_by_content(people):
    import hashlib
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    img = png()
    # the browser claims PDF; the content says PNG, and PNG is what is kept
    register_consent(hosp, handle, files={"scan": ("scan.pdf", img, "application/pdf")})
    cid, ct, size, sha = sql(f"SELECT c.id, s.content_type, s.size, s.sha256 FROM consent c"
                             f" JOIN consent_scan s ON s.consent_id = c.id WHERE c.patient_id = {pid}")[0]
    assert (ct, int(size), sha) == ("image/png", len(img), hashlib.sha256(img).hexdigest())
    r = hosp.get(url(f"/consents/scan?id={cid}"))
    assert r.status_code == 200 and r.content == img and r.headers["Content-Type"] == "image/png"
    assert "no-store" in r.headers["Cache-Control"]


def test_A12_1_double_submit_registers_one_consent(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    r, idem = consent_form(hosp, handle)
    d = {"csrf": page_csrf(hosp), "p": handle, "idem": idem, "signed_on": "2026-11-01",
         "signer": "patient", "disclosing_all": "1", "viewing_all": "1"}
    for _ in range(2):
        r = hosp.post(url("/consents/new"), data=d,
                      files={"scan": ("f.pdf", PDF, "application/pdf")}, allow_redirects=False)
        assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM consent WHERE patient_id = {pid}") == [["1"]]


def test_A12_4_operator_queue_says_how_many_wait_beyond_its_page(people):
    """More than 500 waiting: the oldest 500 are listed and the page says how many wait."""
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    uid, fid = sql(f"SELECT id, facility_id FROM users WHERE login = '{people['dr_hosp'].login}'")[0]
    # 501 forms registered long ago (first in the queue), removed afterwards.
    sql("INSERT INTO consent (patient_id, signed_on, facility_id, registered_at, registered_by,"
        f" idem, status) SELECT {pid}, '2001-01-01', {fid}, '2001-01-01' + INTERVAL seq SECOND,"
        f" {uid}, SHA2(CONCAT('queue-{pid}-', seq), 256), 'submitted' FROM seq_1_to_501")
    try:
        total = sql("SELECT COUNT(*) FROM consent WHERE status = 'submitted'")[0][0]
        op = logged_in(people["operator"])
        q = op.get(url("/consents/queue"))
        assert q.status_code == 200
        assert len(re.findall(r'href="/consents/view\?id=\d+"', q.text)) == 500
        more = re.search(r'id="queue-more">([^<]*)<', q.text).group(1)
        assert f"確認待ちは{total}件" in more and "古いものから500件" in more
    finally:
        sql(f"DELETE FROM consent WHERE patient_id = {pid} AND signed_on = '2001-01-01'")
    assert sql(f"SELECT COUNT(*) FROM consent WHERE patient_id = {pid}") == [["0"]]


def test_A12_4_consent_must_name_the_registering_facility(people):
    clinic = logged_in(people["nurse_clinic"])
    handle, ident, pid = register_patient(clinic)
    r = register_consent(clinic, handle, data={"viewing_all": "", "viewing": str(facility_id("DEMO01")),
                                               "disclosing_all": "", "disclosing": str(facility_id("DEMO01"))},
                         expect=422)
    assert 'id="err-viewing"' in r.text
    assert sql(f"SELECT COUNT(*) FROM consent WHERE patient_id = {pid}") == [["0"]]


def test_A12_4_operator_queue_check_and_reject(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    register_consent(hosp, handle)
    cid = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    op = logged_in(people["operator"])
    q = op.get(url("/consents/queue"))
    assert q.status_code == 200 and f"/consents/view?id={cid}" in q.text
    v = op.get(url(f"/consents/view?id={cid}"))
    ver = re.search(r'name="version" value="(\d+)"', v.text).group(1)
    # rejecting needs a reason
    r = op.post(url("/consents/check"), data={"csrf": page_csrf(op), "id": cid, "version": ver,
                                               "decision": "rejected"}, allow_redirects=False)
    assert r.status_code == 400
    r = op.post(url("/consents/check"), data={"csrf": page_csrf(op), "id": cid, "version": ver,
                                               "decision": "rejected", "note": "署名なし"},
                allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status, check_note FROM consent WHERE id = {cid}") == [["rejected", "署名なし"]]
    # the same (stale) version again: 409, nothing changes
    r = op.post(url("/consents/check"), data={"csrf": page_csrf(op), "id": cid, "version": ver,
                                               "decision": "checked"}, allow_redirects=False)
    assert r.status_code == 409
    assert f"/consents/view?id={cid}" not in op.get(url("/consents/queue")).text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'consent.rejected' AND patient_id = {pid}") == [["1"]]


def test_A12_4_facility_sees_only_its_own_consents(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    register_consent(hosp, handle)
    cid = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    clinic = logged_in(people["nurse_clinic"])
    for path in ("/consents/view", "/consents/scan", "/consents/fhir"):
        assert clinic.get(url(f"{path}?id={cid}")).status_code == 404
        assert hosp.get(url(f"{path}?id={cid}")).status_code == 200
    desk = logged_in(people["desk"])
    assert desk.get(url(f"/consents/view?id={cid}")).status_code == 403


def test_A8_4_handle_of_another_session_is_refused(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    other = logged_in(people["dr_hosp"])          # same user, another session
    r = other.get(url(f"/patients/view?p={handle}"))
    assert r.status_code == 404 and ident["name"] not in r.text
    assert other.get(url(f"/records/patient?p={handle}&purpose=care")).status_code == 404


def test_A12_3_death_cancellation_closes_everything(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    clinic = logged_in(people["nurse_clinic"])
    r = clinic.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    ch = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    register_consent(clinic, ch)
    assert open_patient(clinic, ch).status_code == 200
    op = logged_in(people["operator"])
    r = op.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    oh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    page = op.get(url(f"/patients/view?p={oh}")).text
    ver = re.search(r'name="version" value="(\d+)"', page).group(1)
    # a death date in the future is refused, nothing written
    r = op.post(url("/patients/death"), data={"csrf": page_csrf(op), "p": oh, "version": ver,
                                               "deceased_on": "2999-01-01", "how": "x"},
                allow_redirects=False)
    assert r.status_code == 400
    r = op.post(url("/patients/death"), data={"csrf": page_csrf(op), "p": oh, "version": ver,
                                               "deceased_on": "2026-11-20",
                                               "how": "新庄病院からの死亡診断の連絡"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status, deceased_on FROM patient WHERE id = {pid}") == [["cancelled", "2026-11-20"]]
    r = open_patient(clinic, ch)
    assert r.status_code == 403
    # the hospital's own records are closed too
    assert open_patient(hosp, handle).status_code == 403
    # a user may not cancel
    assert clinic.post(url("/patients/death"), data={"csrf": page_csrf(clinic), "p": ch, "version": ver,
                                                      "deceased_on": "2026-11-20", "how": "x"},
                       allow_redirects=False).status_code == 403


def test_A12_1_kana_matching_finds_half_width_and_hiragana(people):
    hosp = logged_in(people["dr_hosp"])
    ident = fresh_identity()
    ident["kana"] = "ヤマダ　タロウ" + ident["kana"][-2:]
    handle, ident, pid = register_patient(hosp, ident)
    import unicodedata
    half = unicodedata.normalize("NFKC", "x")  # noqa: F841 (keeps the import obvious)
    table = str.maketrans({"ヤ": "ﾔ", "マ": "ﾏ", "ダ": "ﾀﾞ", "タ": "ﾀ", "ロ": "ﾛ", "ウ": "ｳ", "ハ": "ﾊ",
                           "ヒ": "ﾋ", "フ": "ﾌ", "ヘ": "ﾍ", "ホ": "ﾎ", "ミ": "ﾐ", "ム": "ﾑ", "メ": "ﾒ",
                           "モ": "ﾓ", "　": " "})
    for q in (ident["kana"].translate(table),
              "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in ident["kana"])):
        r = hosp.get(url("/patients"), params={"kana": q, "birth_date": ident["birth_date"],
                                               "sex": ident["sex"]})
        assert "/patients/view?p=" in r.text, q
    # a different birth date finds nobody (exact identifiers only)
    r = hosp.get(url("/patients"), params={"kana": ident["kana"], "birth_date": "1901-01-01",
                                           "sex": ident["sex"]})
    assert "/patients/view?p=" not in r.text
    # registering the same identifiers again warns first and creates nothing
    before = sql("SELECT COUNT(*) FROM patient")[0][0]
    register_patient(hosp, dict(ident), expect=409)
    assert sql("SELECT COUNT(*) FROM patient")[0][0] == before


def test_A12_1_link_unlinked_local_id_and_merge_then_undo(people):
    hosp = logged_in(people["dr_hosp"])
    h1, ident, p1 = register_patient(hosp, local_id=lid())
    # a second registration of the same person (confirmed as new by mistake)
    data = dict(ident, csrf=page_csrf(hosp, "/patients"), confirm_new="1")
    r = hosp.post(url("/patients/new"), data=data, allow_redirects=False)
    assert r.status_code == 303
    h2 = re.search(r"p=([A-Za-z0-9]{22})", r.headers["Location"]).group(1)
    p2 = int(sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h2}'")[0][0])
    # an imported local ID at the clinic, unlinked, with the same person's demographics in half-width
    fac2 = facility_id("DEMO02")
    sql("INSERT INTO patient_link (facility_id, local_id, name, kana, kana_key, sex, birth_date, source,"
        f" created_at) SELECT {fac2}, 'IMP{p2}', name, 'ﾃｽﾄ', kana_key, sex, birth_date, 'import',"
        f" UTC_TIMESTAMP(6) FROM patient WHERE id = {p2}")
    link = sql(f"SELECT id, version FROM patient_link WHERE local_id = 'IMP{p2}'")[0]
    op = logged_in(people["operator"])
    page = op.get(url("/links")).text
    assert f'id="unlinked-{link[0]}"' in page
    row = page.split(f'id="unlinked-{link[0]}"')[1].split("</tr>")[0]
    cands = re.findall(r'name="p" value="([A-Za-z0-9]{22})"', row)
    assert len(cands) == 2, "both registrations are candidates"
    r = op.post(url("/links/link"), data={"csrf": page_csrf(op), "link": link[0], "version": link[1],
                                           "p": cands[1]}, allow_redirects=False)
    assert r.status_code == 303
    linked_to = sql(f"SELECT patient_id FROM patient_link WHERE id = {link[0]}")[0][0]
    assert linked_to in (str(p1), str(p2))
    # stale link attempt
    assert op.post(url("/links/link"), data={"csrf": page_csrf(op), "link": link[0], "version": link[1],
                                              "p": cands[0]}, allow_redirects=False).status_code == 409
    # merge p2 into p1
    nid2 = sql(f"SELECT network_id FROM patient WHERE id = {p2}")[0][0]
    r = op.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    oh1 = None
    for h in re.findall(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text):
        if sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'")[0][0] == str(p1):
            oh1 = h
    r = op.post(url("/patients/merge"), data={"csrf": page_csrf(op), "p": oh1, "other": nid2,
                                               "reason": "同一人物（保険証で確認）"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert sql(f"SELECT status, merged_into FROM patient WHERE id = {p2}") == [["merged", str(p1)]]
    assert sql(f"SELECT COUNT(*) FROM patient_link WHERE patient_id = {p2}") == [["0"]]
    # a consent signed under the duplicate now counts for the survivor
    op_view = op.get(url(f"/patients/view?p={oh1}")).text
    mid = re.search(r'name="merge" value="(\d+)"', op_view).group(1)
    # undo: exactly the moved links go back
    moved = sql(f"SELECT link_id FROM patient_merge_link WHERE merge_id = {mid}")
    r = op.post(url("/patients/unmerge"), data={"csrf": page_csrf(op), "p": oh1, "merge": mid,
                                                 "reason": "別人と判明"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status FROM patient WHERE id = {p2}") == [["active"]]
    for (lk,) in moved:
        assert sql(f"SELECT patient_id FROM patient_link WHERE id = {lk}") == [[str(p2)]]
    acts = [a for (a,) in sql(f"SELECT action FROM audit WHERE patient_id = {p1} AND action LIKE 'patient.%merge%'")]
    assert acts == ["patient.merge", "patient.unmerge"]
    # undoing twice is a conflict
    assert op.post(url("/patients/unmerge"), data={"csrf": page_csrf(op), "p": oh1, "merge": mid,
                                                    "reason": "x"}, allow_redirects=False).status_code == 409


def test_A12_1_merged_consent_counts_for_survivor(people):
    hosp = logged_in(people["dr_hosp"])
    h1, ident, p1 = register_patient(hosp, local_id=lid())
    data = dict(ident, csrf=page_csrf(hosp, "/patients"), confirm_new="1")
    r = hosp.post(url("/patients/new"), data=data, allow_redirects=False)
    h2 = re.search(r"p=([A-Za-z0-9]{22})", r.headers["Location"]).group(1)
    p2 = int(sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h2}'")[0][0])
    clinic = logged_in(people["nurse_clinic"])
    r = clinic.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    hs = re.findall(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text)
    c2 = [h for h in hs if sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'")[0][0] == str(p2)][0]
    c1 = [h for h in hs if h != c2][0]
    register_consent(clinic, c2)       # consent signed under the duplicate
    assert open_patient(clinic, c1).status_code == 403
    op = logged_in(people["operator"])
    r = op.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    oh1 = [h for h in re.findall(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text)
           if sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'")[0][0] == str(p1)][0]
    nid2 = sql(f"SELECT network_id FROM patient WHERE id = {p2}")[0][0]
    assert op.post(url("/patients/merge"), data={"csrf": page_csrf(op), "p": oh1, "other": nid2,
                                                  "reason": "同一人物"}, allow_redirects=False).status_code == 303
    assert open_patient(clinic, c1).status_code == 200
    assert open_patient(clinic, c2).status_code == 403, "the merged registration opens nothing"
    # The records search decides its candidates together (docs/benchmarks.md): the duplicate's
    # consent counts there too, and lists the survivor alone.
    page = clinic.get(url("/records"), params={"q": ident["kana"]}).text
    listed = re.findall(r'/records/patient\?p=([A-Za-z0-9]{22})', page)
    assert [sql(f"SELECT patient_id FROM patient_handle WHERE handle = '{h}'")[0][0]
            for h in listed] == [str(p1)]


def test_A4_3_A11_2_access_report_lists_every_view(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    clinic = logged_in(people["nurse_clinic"])
    r = clinic.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    ch = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    register_consent(clinic, ch)
    open_patient(clinic, ch, "patient_care")
    open_patient(hosp, handle, "care")
    desk = logged_in(people["desk"])
    r = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    rep = desk.get(url(f"/patients/access-report?p={dh}"))
    assert rep.status_code == 200
    # The two record views, and (A11.2) the looks at the identity: the clinic's and
    # the desk's searches that listed the patient, the clinic's form 4 page (twice: the
    # form and its token).
    assert rep.text.count("<td>診療情報の閲覧</td>") == 2
    assert rep.text.count("<td>患者検索の結果に表示</td>") == 2
    assert re.search(r'id="access-count">6<', rep.text)
    assert "看護師" in rep.text and "医師" in rep.text
    assert "患者ケア（介護等）" in rep.text and "診療" in rep.text
    assert "県立新庄病院" in rep.text
    assert "data-print" in rep.text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'patient.access_report' AND patient_id = {pid}") == [["1"]]
    # users may not print another patient's access report
    assert clinic.get(url(f"/patients/access-report?p={ch}")).status_code == 403


def test_A11_2_access_report_newest_first_by_period_at_most_1000(people):
    """docs/benchmarks.md: a patient seen for years gets the newest 1,000 views and a note, or a period."""
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    uid, fid = sql(f"SELECT id, facility_id FROM users WHERE login = '{people['dr_hosp'].login}'")[0]
    # 1,001 views an hour apart, the newest an hour ago (written as the viewer would).
    sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type,"
        " object_id, patient_id, purpose, outcome) SELECT UTC_TIMESTAMP(6) - INTERVAL seq HOUR,"
        f" {uid}, 'x', {fid}, 'user', 'record.view', 'patient', '{pid}', {pid}, 'care',"
        " 'allowed' FROM seq_1_to_1001")
    # An anonymous export half an hour ago is a look at the data; an emergency's
    # judgement ten minutes ago is not, and stays out.
    for mins, action in ((30, "record.export"), (10, "emergency.appropriate")):
        sql("INSERT INTO audit (ts, user_id, login, facility_id, role, action, object_type,"
            f" object_id, patient_id, purpose, outcome) VALUES (UTC_TIMESTAMP(6) - INTERVAL {mins}"
            f" MINUTE, {uid}, 'x', {fid}, 'user', '{action}', 'patient', '{pid}', {pid}, 'care',"
            " 'allowed')")
    desk = logged_in(people["desk"])
    r = desk.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    dh = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    rep = desk.get(url("/patients/access-report"), params={"p": dh})
    assert rep.status_code == 200
    assert re.search(r'id="access-count">1000<', rep.text)
    first, second = re.findall(r'<tr[^>]*>(<td class="nowrap">.*?)</tr>', rep.text, re.S)[:2]
    assert "患者検索の結果に表示" in first, "the newest look is the desk's own search (A11.2)"
    assert "診療情報の書き出し（匿名化）" in second, "then the export"
    assert 'id="access-more"' in rep.text and "1000件だけ" in rep.text
    when = re.findall(r'<td class="nowrap">(\d{4})年(\d\d)月(\d\d)日 (\d\d):(\d\d)</td>', rep.text)
    assert len(when) == 1000 and when == sorted(when, reverse=True), "newest first"
    newest = sql("SELECT DATE_FORMAT(MAX(ts) + INTERVAL 9 HOUR, '%Y %m %d %H %i') FROM audit"
                 f" WHERE patient_id = {pid} AND action = 'record.export'")[0][0].split()
    assert list(when[1]) == newest
    # One Japan day: exactly that day's views, no note, the period said in the log.
    day = sql("SELECT DATE(UTC_TIMESTAMP() + INTERVAL 9 HOUR - INTERVAL 10 DAY)")[0][0]
    n = sql(f"SELECT COUNT(*) FROM audit WHERE patient_id = {pid} AND action = 'record.view'"
            f" AND ts >= '{day}' - INTERVAL 9 HOUR AND ts < '{day}' + INTERVAL 15 HOUR")[0][0]
    rep = desk.get(url("/patients/access-report"), params={"p": dh, "from": day, "to": day})
    assert rep.status_code == 200 and re.search(rf'id="access-count">{n}<', rep.text)
    assert int(n) >= 23 and 'id="access-more"' not in rep.text
    assert f'value="{day}"' in rep.text, "the period stays in the form"
    assert sql(f"SELECT detail FROM audit WHERE action = 'patient.access_report'"
               f" AND patient_id = {pid} ORDER BY id DESC LIMIT 1") == [[f"{day}..{day}"]]
    # A period ending before it starts: said beside the field, nothing shown or logged.
    before = sql(f"SELECT COUNT(*) FROM audit WHERE action = 'patient.access_report' AND patient_id = {pid}")
    rep = desk.get(url("/patients/access-report"), params={"p": dh, "from": "2026-03-02", "to": "2026-03-01"})
    assert rep.status_code == 400 and 'id="err-to"' in rep.text
    assert 'id="accesses"' not in rep.text and ident["name"] not in rep.text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'patient.access_report' AND patient_id = {pid}") == before
    assert desk.get(url("/patients/access-report"), params={"p": dh, "from": "2026-13-01"}).status_code == 400


def test_A12_1_fhir_consent_export_has_r4_structure(people):
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp)
    register_consent(hosp, handle, data={"viewing_all": "", "viewing": str(facility_id("DEMO02"))})
    cid = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    r = hosp.get(url(f"/consents/fhir?id={cid}"))
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/fhir+json")
    c = json.loads(r.text)
    check_fhir_consent(c)
    assert c["status"] == "active"
    assert c["provision"]["type"] == "permit"
    roles = sorted(a["role"]["coding"][0]["code"] for a in c["provision"]["actor"])
    assert roles == ["CST", "PRCP"]
    assert ident["name"] not in r.text, "the export names the patient only by network ID"
    # after form 5 the exported consent is inactive with an end
    sql(f"INSERT INTO consent_revocation (receipt_no, patient_id, signed_on, via, received_at, received_by,"
        f" idem) VALUES ('R-TEST-{pid}', {pid}, '2026-11-26', 'desk', UTC_TIMESTAMP(6) + INTERVAL 1 SECOND,"
        f" 1, SHA2('{pid}', 256))")
    import time
    time.sleep(1.2)
    c = json.loads(hosp.get(url(f"/consents/fhir?id={cid}")).text)
    check_fhir_consent(c)
    assert c["status"] == "inactive" and "end" in c["provision"]["period"]


def check_fhir_consent(c):
    """The FHIR R4 Consent definition: required elements, value sets, invariants."""
    assert c["resourceType"] == "Consent"
    assert c["status"] in ("draft", "proposed", "active", "rejected", "inactive", "entered-in-error")
    assert c["scope"]["coding"][0]["system"] == "http://terminology.hl7.org/CodeSystem/consentscope"
    assert c["scope"]["coding"][0]["code"] in ("adr", "research", "patient-privacy", "treatment")
    assert isinstance(c["category"], list) and len(c["category"]) >= 1
    assert c["category"][0]["coding"][0]["code"]
    # ppc-1: either a policy or a policyRule
    assert "policy" in c or "policyRule" in c
    # ppc-2: patient-privacy scope needs a policy or policyRule
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", c["dateTime"])
    assert c["patient"]["identifier"]["value"]
    p = c["provision"]
    assert p["type"] in ("deny", "permit")
    for a in p["actor"]:
        assert a["role"]["coding"][0]["system"] and a["role"]["coding"][0]["code"]
        assert "reference" in a
    for pur in p.get("purpose", []):
        assert pur["system"] and pur["code"]
    if "sourceAttachment" in c:
        assert c["sourceAttachment"]["contentType"] in ("application/pdf", "image/png", "image/jpeg")


def test_A12_1_records_search_by_any_part_of_the_kana_through_its_bigrams(people):
    """docs/benchmarks.md: the search reads candidates from the bigram index (migration 0017), kept by
    triggers; it still finds any part of two characters or more, in any width or script,
    and a single character as the start of the kana."""
    hosp = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(hosp, local_id=lid())
    register_consent(hosp, handle)
    family, given = ident["kana"].split()
    key = family + given
    # the trigger wrote one row per distinct bigram of the normalized key
    grams = {key[i:i + 2] for i in range(len(key) - 1)}
    assert {r[0] for r in sql(f"SELECT gram FROM patient_kana_gram WHERE patient_id = {pid}")} == grams

    def found(q):
        r = hosp.get(url("/records"), params={"q": q})
        assert r.status_code == 200
        return ident["name"] in r.text

    assert found(key[2:6])                      # across the family/given boundary
    assert found(given[1:3])                    # two characters inside the given name
    assert found(ident["kana"])                 # with the space
    hira = "".join(chr(ord(c) - 0x60) for c in key[3:7])
    assert found(hira)                          # hiragana for katakana
    assert found(family[0])                     # one character: the start
    assert not found(key[3:6] + "ン")           # bigrams present, the string absent
    # kana_key changes keep the index equal to it (the update triggers)
    sql(f"UPDATE patient SET kana_key = 'ンンンヲ' WHERE id = {pid}")
    assert {r[0] for r in sql(f"SELECT gram FROM patient_kana_gram WHERE patient_id = {pid}")} == \
        {"ンン", "ンヲ"}
    sql(f"UPDATE patient SET kana_key = '{key}' WHERE id = {pid}")
    assert found(key[1:4])


def test_A11_2_failed_audit_write_on_a_patient_route_answers_503(people):
    """A view of patient data that cannot be recorded is not shown: the dispatcher
    answers 503 on every F_PATIENT route whose audit write failed (A11.2), even where
    the page itself does not look at audit()'s result (the patient page)."""
    s = logged_in(people["dr_hosp"])
    handle, ident, pid = register_patient(s)
    assert s.get(url(f"/patients/view?p={handle}")).status_code == 200
    # One statement (the client splits on ';'): a NULL action breaks the NOT NULL column.
    sql("CREATE TRIGGER test_audit_refuses_patient_view BEFORE INSERT ON audit FOR EACH ROW"
        " SET NEW.action = IF(NEW.action = 'patient.view', NULL, NEW.action)")
    try:
        r = s.get(url(f"/patients/view?p={handle}"))
        assert r.status_code == 503, r.status_code
        assert ident["kana"] not in r.text and ident["name"] not in r.text
    finally:
        sql("DROP TRIGGER IF EXISTS test_audit_refuses_patient_view")
    assert s.get(url(f"/patients/view?p={handle}")).status_code == 200
