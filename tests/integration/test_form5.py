"""test_form5.py: form 5 as on paper (A12.2): the signed paper scanned and stored like form 4's
(typed by its bytes, a size limit, its SHA-256), sent with the form or added from the receipt
afterwards (the revocation bites at once either way); the managers of the disclosing facilities
holding the patient's records and the operator are notified."""
import hashlib
import re

from conftest import url, sql, make_user, logged_in, page_csrf
from test_patients import PDF, png, register_patient, register_consent, lid


def revoke(s, handle, files=None, expect=303):
    page = s.get(url(f"/revocations/new?p={handle}")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page).group(1)
    r = s.post(url("/revocations/new"), data={
        "csrf": page_csrf(s, f"/revocations/new?p={handle}"), "p": handle, "idem": idem,
        "signed_on": "2026-11-20", "signer": "patient", "confirm": "1"},
        files=files or {"x": ("", b"")}, allow_redirects=False)
    assert r.status_code == expect, r.text[:500]
    return r


def test_A12_2_form5_scan_stored_like_form4_and_disclosing_managers_and_operator_told():
    s = logged_in(make_user())
    handle, ident, pid = register_patient(s, local_id=lid())
    register_consent(s, handle)
    # A file that is not a scan is refused beside its field, and nothing is received.
    r = revoke(s, handle, {"scan": ("form5.pdf", b"hello", "application/pdf")}, expect=422)
    assert 'id="err-scan"' in r.text
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pid}") == [["0"]]
    r = revoke(s, handle, {"scan": ("form5.pdf", PDF, "application/pdf")})
    no = re.search(r"no=([A-Z0-9-]+)", r.headers["location"]).group(1)
    rid = sql(f"SELECT id FROM consent_revocation WHERE receipt_no = '{no}'")[0][0]
    assert sql(f"SELECT content_type, size, sha256 FROM consent_revocation_scan "
               f"WHERE revocation_id = {rid}") == \
        [["application/pdf", str(len(PDF)), hashlib.sha256(PDF).hexdigest()]]
    page = s.get(url(f"/revocations/receipt?no={no}")).text
    assert 'id="scan-stored"' in page and hashlib.sha256(PDF).hexdigest() in page
    r = s.get(url(f"/revocations/scan?no={no}"))
    assert r.status_code == 200 and r.content == PDF
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'consent.revoke_scan_view' "
               f"AND object_id = '{rid}' AND patient_id = {pid}") == [["1"]]
    # Told: the managers of DEMO01 (disclosing, holding the records) and the operator.
    assert sql(f"SELECT audience, f.code FROM notification n LEFT JOIN facility f "
               f"ON f.id = n.facility_id WHERE n.kind = 'consent.revoked' "
               f"AND n.object_id = {rid} ORDER BY audience") == \
        [["facility_manager", "DEMO01"], ["operator", "NULL"]]
    fm = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    assert "撤回届（様式第5号）が提出され" in fm.get(url("/notifications")).text
    # Another facility's user cannot reach the scan.
    other = logged_in(make_user(facility="DEMO02", profession="nurse"))
    assert other.get(url(f"/revocations/scan?no={no}")).status_code == 404


def test_A12_2_form5_without_scan_bites_at_once_the_scan_follows_from_the_receipt():
    s = logged_in(make_user())
    handle, ident, pid = register_patient(s, local_id=lid())
    register_consent(s, handle)
    r = revoke(s, handle)
    no = re.search(r"no=([A-Z0-9-]+)", r.headers["location"]).group(1)
    page = s.get(url(f"/revocations/receipt?no={no}")).text
    assert 'id="scan-missing"' in page and 'id="scan-form"' in page
    tok = page_csrf(s, f"/revocations/receipt?no={no}")
    r = s.post(url("/revocations/scan"), data={"csrf": tok, "no": no},
               files={"scan": ("x.txt", b"plain text", "text/plain")})
    assert r.status_code == 400
    image = png()
    r = s.post(url("/revocations/scan"), data={"csrf": tok, "no": no},
               files={"scan": ("form5.png", image, "image/png")}, allow_redirects=False)
    assert r.status_code == 303
    rid = sql(f"SELECT id FROM consent_revocation WHERE receipt_no = '{no}'")[0][0]
    assert sql(f"SELECT content_type, sha256 FROM consent_revocation_scan "
               f"WHERE revocation_id = {rid}") == [["image/png", hashlib.sha256(image).hexdigest()]]
    r = s.post(url("/revocations/scan"), data={"csrf": tok, "no": no},
               files={"scan": ("form5.png", image, "image/png")})
    assert r.status_code == 409          # one scan per form


def test_A12_2_A12_1_forms_4_and_5_print_as_paper_forms_audited():
    s = logged_in(make_user())
    handle, ident, pid = register_patient(s, local_id=lid())
    register_consent(s, handle)
    cid = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    page = s.get(url(f"/consents/print?id={cid}")).text
    for text in ("別記様式第４号", "参加申込書（兼）利用同意書", ident["name"], ident["kana"],
                 "すべての公開施設", 'class="fp-seal"', "令和８年１１月１日"):
        assert text in page, text
    r = revoke(s, handle)
    no = re.search(r"no=([A-Z0-9-]+)", r.headers["location"]).group(1)
    page = s.get(url(f"/revocations/print?no={no}")).text
    for text in ("別記様式第５号", "もがみネット撤回届出書", ident["name"], no, "令和８年１１月２０日"):
        assert text in page, text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE patient_id = {pid} "
               f"AND action IN ('consent.print', 'consent.revoke_print')") == [["2"]]
    other = logged_in(make_user(facility="DEMO02", profession="nurse"))
    assert other.get(url(f"/revocations/print?no={no}")).status_code == 404
    assert other.get(url(f"/consents/print?id={cid}")).status_code == 404
