"""test_fhir.py: a patient's shared records as FHIR R4 following JP Core (A11.2, A12.2; docs/rules.md).

GET /records/fhir hands over what the viewer may see, under the same decision made on every
request (A12.2: per disclosing facility, and a form 5 refuses the very next request), with a
purpose (A8.1) and an audit entry (A11.2); `mogamictl fhir export --facility CODE` writes a
facility's own records, one patient's Bundle a line, audited (A11.2).

The records come from the SS-MIX2 samples in tests/fixtures (their segments re-addressed to a
patient of this test) and a few messages written here for what the samples lack (a YJ drug, a
local drug code, a local lab code, vital signs as an ORU^R30 in extended storage). Every
resource is validated against the FHIR R4 base definitions by tests/fhir/validate.js (the npm
`fhir` package, installed by make) and checked here per JP Core profile: the profile URL, the
elements the profile requires, the code systems and identifier systems."""
import json
import os
import random
import re
import subprocess

import pytest

from conftest import ROOT, ctl, logged_in, make_user, sql, url
from test_import import VITAL, docdir, hl7, put, vitals
from test_patients import PDF, fresh_identity, register_consent, register_patient
from test_viewer import handle_in, imp, new_facility, one, revoke

NHO = ROOT / "tests" / "fixtures" / "ssmix2" / "nho" / "sampleData" / "999" / "901" / "9999013"
JP = "http://jpfhir.jp/fhir/core/StructureDefinition/"
JLAC10 = "urn:oid:1.2.392.200119.4.504"
HOT9 = "urn:oid:1.2.392.200119.4.403.1"
YJ = "urn:oid:1.2.392.100495.20.1.73"
DX_KEY = "urn:oid:1.2.392.200119.4.101.2"
RP, IN_RP = "urn:oid:1.2.392.100495.20.3.81", "urn:oid:1.2.392.100495.20.3.82"
OBS_CAT = "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS"
HL7 = "http://terminology.hl7.org/CodeSystem/"
PROFILE = {"Organization": "JP_Organization", "Patient": "JP_Patient",
           "Encounter": "JP_Encounter", "Condition": "JP_Condition",
           "AllergyIntolerance": "JP_AllergyIntolerance",
           "DocumentReference": "JP_DocumentReference"}


def fixture(rel):
    """A sample message's segments after MSH and PID (ISO-2022-JP decoded), and its MSH-9."""
    f = next((NHO / rel).iterdir())
    segs = f.read_bytes().rstrip(b"\x1c\r\n").decode("iso2022_jp").split("\r")
    return segs[0].split("|")[8], [s for s in segs[2:] if s]


# (folder, type, order, ts, dept): where each sample stands in its tree
SAMPLES = [("-", "ADT-61", "999999999999999", "20111014232213000", "-"),
           ("-", "PPR-01", "999999999999999", "20111209163030000", "01"),
           ("20110701", "OMP-01", "000000011000185", "20110701224603984", "01"),
           ("20110701", "OMP-02", "123456789012345", "20110701224603984", "01"),
           ("20111120", "ADT-22", "999999999999999", "20111220224447339", "01"),
           ("20111220", "ADT-52", "999999999999999", "20111220224447339", "08"),
           ("20111220", "OML-11", "000000011000354", "20111220103059000", "01")]


class P:
    """A network patient registered at DEMO01 whose records are at a facility of this test."""


def make_fhir_patient(people, tmp_path, second=False):
    p = P()
    tag = os.urandom(3).hex()
    p.ident = fresh_identity()
    p.ident["name"] = f"連携 試験{tag}"
    p.hosp = logged_in(people["hosp"])
    p.handle, p.ident, p.pid = register_patient(p.hosp, ident=p.ident)
    p.network_id = one(f"SELECT network_id FROM patient WHERE id = {p.pid}")
    p.code, p.fac = new_facility()
    p.local = str(random.randrange(10 ** 9, 10 ** 10))
    p.yj_drug, p.local_drug = f"ＹＪ錠{tag}", f"院内錠{tag}"
    root, ext = tmp_path / f"std{tag}", tmp_path / f"ext{tag}"
    L = p.local
    for day, typ, order, ts, dept in SAMPLES:
        msh9, segs = fixture(f"{day}/{typ}")
        put(root, L, day, typ, order, ts, 1, hl7(msh9, L, segs), dept=dept)
    # what the samples lack: a YJ code and a hospital's own code, a local lab code
    put(root, L, "20240105", "OMP-01", "000000000000701", "20240105100000000", 1,
        hl7("RDE^O11^RDE_O11", L, [
            "ORC|NW|000000000000701||01|||||20240105100000",
            f"RXE||1149019F1560^{p.yj_drug}^YJ|2||TAB^錠^MR9P|||||14|TAB^錠^MR9P",
            "TQ1|1||1012040400000000&内服・経口・１日２回朝夕食後&JAMISDP01|||7^d",
            "RXR|PO^口^HL70162",
            f"RXE||A123^{p.local_drug}^99XYZ|1||TAB^錠^MR9P|||||7|TAB^錠^MR9P",
            "TQ1|1||1012040400000000&内服・経口・１日２回朝夕食後&JAMISDP01|||7^d"]))
    put(root, L, "20240110", "OML-11", "000000000000702", "20240110120000000", 1,
        hl7("OUL^R22^OUL_R22", L, [
            "SPM|1|||023^血清^JC10|||||||||||||20240110090000",
            "OBR|1|000000000000702||E001^生化学^99O03|||20240110090000",
            "ORC|SC|000000000000702||||||||",
            "OBX|1|NM|L0042^院内項目^99XLB||<0.5|mg/dl|||||F|||20240110090000",
            "OBX|2|NM|01-02^体重^JSHR001||62.5|kg^kg^ISO+|||||F|||20240110090000"]))
    d = ext / L.rjust(7, "0")[:3] / L.rjust(7, "0")[3:6] / L / "20111220" / "退院時サマリ"
    d.mkdir(parents=True)
    (d / "summary.pdf").write_bytes(PDF)
    # vital signs: ORU^R30 in extended storage (record kind vital)
    d = docdir(ext, L, "20240105", VITAL, "999999999999999", "20240105080000000")
    (d / "vital.hl7").write_bytes(vitals(L, "202401050800", "37.8", "72", "128", "80",
                                         temp_flag="H"))
    imp(p.code, root, ext)
    sql(f"UPDATE patient_link SET patient_id = {p.pid}, linked_at = UTC_TIMESTAMP(6) "
        f"WHERE facility_id = {p.fac} AND local_id = '{L}'")
    p.doc = int(one(f"SELECT id FROM document WHERE facility_id = {p.fac}"))
    if second:      # a second disclosing facility with one result of its own
        p.code2, p.fac2 = new_facility()
        L2 = str(random.randrange(10 ** 9, 10 ** 10))
        root2 = tmp_path / f"std2{tag}"
        put(root2, L2, "20240301", "OML-11", "000000000000703", "20240301120000000", 1,
            hl7("OUL^R22^OUL_R22", L2, [
                "OBR|1|000000000000703||E001^生化学^99O03|||20240301090000",
                "OBX|1|NM|3D010000001926101^グルコース^JC10||321|mg/dl|70-109|H||||F|||"
                "20240301090000"]))
        imp(p.code2, root2)
        sql(f"UPDATE patient_link SET patient_id = {p.pid}, linked_at = UTC_TIMESTAMP(6) "
            f"WHERE facility_id = {p.fac2} AND local_id = '{L2}'")
    return p


def fhir_get(s, h, purpose="care"):
    return s.get(url("/records/fhir"), params={"p": h, "purpose": purpose},
                 allow_redirects=False)


def validate(tmp_path, text):
    """tests/fhir/validate.js over a Bundle or ndjson: its report (errors listed)."""
    f = tmp_path / f"bundle-{os.urandom(3).hex()}.json"
    f.write_text(text, encoding="utf-8")
    r = subprocess.run(["node", str(ROOT / "tests" / "fhir" / "validate.js"), str(f)],
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.strip(), r.stderr[-2000:]
    return json.loads(r.stdout)


def by_type(bundle):
    out = {}
    for e in bundle["entry"]:
        out.setdefault(e["resource"]["resourceType"], []).append(e["resource"])
    return out


def systems(cc):
    return {c.get("system") for c in cc.get("coding", [])}


def check_jp_core(b, network_id=None):
    """The JP Core checks of one Bundle; returns its resources by type."""
    assert b["resourceType"] == "Bundle" and b["type"] == "collection"
    full = {e["fullUrl"] for e in b["entry"]}
    ids = [e["resource"]["resourceType"] + "/" + e["resource"]["id"] for e in b["entry"]]
    assert len(set(ids)) == len(ids)
    for e in b["entry"]:
        r = e["resource"]
        assert e["fullUrl"].endswith("/fhir/" + r["resourceType"] + "/" + r["id"])
        # every resource names its profile, and its source facility (an Organization here)
        prof = r["meta"]["profile"]
        assert len(prof) == 1 and prof[0].startswith(JP), prof
        if r["resourceType"] != "Organization":
            src = r["meta"]["source"]
            # a facility's record: its Organization; the network's own patient row: the network
            assert src in full or (r["resourceType"] == "Patient" and
                                   e["fullUrl"].startswith(src + "/fhir/")), r["meta"]
        # every reference resolves inside the bundle
        for ref in re.findall(r'"reference": ?"([^"]+)"', json.dumps(r)):
            assert ref in ids, ref
        want = PROFILE.get(r["resourceType"])
        if want:
            assert prof[0] == JP + want
    t = by_type(b)
    [pt] = t["Patient"]
    assert pt["identifier"] and all(i.get("system") and i.get("value") for i in pt["identifier"])
    if network_id:
        assert network_id in [i["value"] for i in pt["identifier"]]
    reps = {x["valueCode"] for n in pt["name"] for x in n["extension"]}
    assert reps == {"IDE", "SYL"}
    assert pt["gender"] in ("male", "female", "other", "unknown") and pt["birthDate"]
    for o in t["Organization"]:
        assert o["name"] and o["identifier"]
    for enc in t.get("Encounter", []):
        assert enc["status"] and enc["class"]["code"] in ("AMB", "IMP")
        assert enc["subject"]["reference"].startswith("Patient/")
    for c in t.get("Condition", []):
        assert c["code"]["text"] and c["subject"] and c["clinicalStatus"]["coding"]
    for a in t.get("AllergyIntolerance", []):
        assert a["patient"] and a["code"]["text"] and a["clinicalStatus"]["coding"]
    for o in t.get("Observation", []):
        cats = {(c["system"], c["code"]) for cat in o["category"] for c in cat["coding"]}
        if o["meta"]["profile"][0] == JP + "JP_Observation_LabResult":
            assert (OBS_CAT, "laboratory") in cats
            # JP_Observation_LabResult: category, code.coding and code.text, subject, effective
            assert o["code"]["coding"] and o["code"]["text"] and o["effectiveDateTime"]
        else:
            assert o["meta"]["profile"][0] == JP + "JP_Observation_VitalSigns"
            assert (HL7 + "observation-category", "vital-signs") in cats
        assert o["subject"]["reference"].startswith("Patient/") and o["status"]
        assert ("valueQuantity" in o or "valueString" in o) != ("dataAbsentReason" in o)
    for m in t.get("MedicationRequest", []):
        assert m["meta"]["profile"][0] in (JP + "JP_MedicationRequest",
                                           JP + "JP_MedicationRequest_Injection")
        # JP_MedicationRequest: the Rp number and the place in it, exactly once each
        ids_ = [i["system"] for i in m["identifier"]]
        assert ids_.count(RP) == 1 and ids_.count(IN_RP) == 1
        assert all(re.fullmatch(r"[^0].*|0", i["value"]) for i in m["identifier"]
                   if i["system"] in (RP, IN_RP))
        assert m["intent"] == "order" and m["status"] and m["medicationCodeableConcept"]["text"]
    for d in t.get("DocumentReference", []):
        att = d["content"][0]["attachment"]
        assert d["status"] == "current" and "data" not in att and att["contentType"]
    return t


@pytest.fixture(scope="module")
def people():
    return {
        "hosp": make_user("user", facility="DEMO01"),
        "clinic": make_user("user", facility="DEMO02", profession="nurse"),
        "desk": make_user("desk", facility="DEMO01", profession="contract_employee"),
    }


def test_A12_2_fhir_bundle_is_jp_core_and_validates_as_fhir_r4(people, tmp_path):
    p = make_fhir_patient(people, tmp_path)
    register_consent(p.hosp, p.handle)
    r = fhir_get(p.hosp, p.handle)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["Content-Type"].startswith("application/fhir+json")
    disp = r.headers["Content-Disposition"]
    assert disp.startswith("attachment") and p.network_id not in disp and p.local not in disp
    assert "no-store" in r.headers.get("Cache-Control", "")
    # FHIR R4 base definitions: every resource (the validator's own words on failure)
    rep = validate(tmp_path, r.text)
    assert rep["errors"] == [] and rep["bundles"] == 1 and rep["resources"] >= 20, rep
    b = r.json()
    t = check_jp_core(b, p.network_id)
    want = {"Organization", "Patient", "Encounter", "Condition", "AllergyIntolerance",
            "Observation", "MedicationRequest", "DocumentReference"}
    assert want <= set(t), set(t)
    # the patient: the network ID, and the facility's own ID under its namespace
    [pt] = t["Patient"]
    own = [i for i in pt["identifier"] if i["value"] == p.local]
    assert own and own[0]["system"].endswith(f"/fhir/sid/facility/{p.code}/patient-id")
    assert own[0]["assigner"]["reference"] == f"Organization/org-{p.fac}"
    # labs: JLAC10 where the message carries it, the facility's own system for its own code
    obs = {o["code"]["text"]: o for o in t["Observation"]}
    tp = obs["総蛋白"]
    assert tp["code"]["coding"][0] == {"system": JLAC10, "code": "3A010000002327101",
                                       "display": "総蛋白"}
    assert tp["valueQuantity"] == {"value": 7.2, "unit": "g/dl"}
    assert tp["referenceRange"][0]["high"]["value"] == 8.3
    assert tp["effectiveDateTime"] == "2011-12-19T15:00:00+09:00"
    loc = obs["院内項目"]
    assert loc["code"]["coding"][0]["system"].endswith(f"/fhir/CodeSystem/facility/{p.code}/99XLB")
    assert loc["valueString"] == "<0.5"          # not a number: never forced into one
    vit = obs["体温"]
    assert vit["meta"]["profile"] == [JP + "JP_Observation_VitalSigns"]
    assert vit["code"]["coding"][0]["system"] == "http://loinc.org"
    assert vit["code"]["coding"][0]["code"] == "8310-5"
    assert vit["valueQuantity"]["value"] == 37.8
    assert vit["interpretation"][0]["coding"][0]["code"] == "H"
    assert vit["effectiveDateTime"] == "2024-01-05T08:00:00+09:00"
    assert obs["体重"]["meta"]["profile"] == [JP + "JP_Observation_LabResult"]
    # prescriptions: the drug code system the message names (HOT9, YJ, local)
    meds = {m["medicationCodeableConcept"]["text"]: m for m in t["MedicationRequest"]}
    hot = meds["ダーゼン錠（５mg)"]["medicationCodeableConcept"]["coding"][0]
    assert (hot["system"], hot["code"]) == (HOT9, "108665201")
    assert meds[p.yj_drug]["medicationCodeableConcept"]["coding"][0]["system"] == YJ
    assert meds[p.local_drug]["medicationCodeableConcept"]["coding"][0]["system"].endswith(
        f"/fhir/CodeSystem/facility/{p.code}/99XYZ")
    yj = meds[p.yj_drug]
    assert {(i["system"], i["value"]) for i in yj["identifier"]} >= {(RP, "1"), (IN_RP, "1")}
    assert {(i["system"], i["value"]) for i in meds[p.local_drug]["identifier"]} >= {(IN_RP, "2")}
    assert yj["dispenseRequest"]["expectedSupplyDuration"]["value"] == 7
    assert yj["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 2
    inj = [m for m in t["MedicationRequest"] if
           m["meta"]["profile"][0] == JP + "JP_MedicationRequest_Injection"]
    assert inj and all(systems(m["medicationCodeableConcept"]) == {HOT9} for m in inj)
    # problems and allergies
    [gastritis] = [c for c in t["Condition"] if c["code"]["text"] == "胃炎"]
    assert systems(gastritis["code"]) == {DX_KEY}
    assert gastritis["onsetDateTime"] == "2011-08-31"
    alg = {a["code"]["text"]: a for a in t["AllergyIntolerance"]}
    assert alg["アリナミン"]["category"] == ["medication"]
    assert alg["ソバ"]["category"] == ["food"]
    assert alg["ソバ"]["reaction"][0]["severity"] == "moderate"
    # documents by reference: the viewer's address of it, never the bytes
    [doc] = t["DocumentReference"]
    att = doc["content"][0]["attachment"]
    assert att["contentType"] == "application/pdf" and att["size"] == len(PDF)
    assert att["url"].endswith(f"/records/document?p={p.handle}&purpose=care&id={p.doc}")
    assert "JVBER" not in r.text                 # no base64 of the PDF anywhere
    # the source facility on every record resource
    for res in t["Condition"] + t["Observation"] + t["MedicationRequest"]:
        assert res["meta"]["source"].endswith(f"/fhir/Organization/org-{p.fac}")
    # a purpose, and an audit entry like an export's (in the patient's access report)
    assert fhir_get(p.hosp, p.handle, purpose="").status_code == 400
    assert sql(f"SELECT purpose, outcome, detail LIKE '% section=fhir %' FROM audit "
               f"WHERE action = 'record.fhir.export' AND patient_id = {p.pid}") == \
        [["care", "allowed", "1"]]
    # the patient's access report names it (A11.2)
    desk = logged_in(people["desk"])
    rep = desk.get(url("/patients/access-report"), params={"p": handle_in(desk, p.ident)}).text
    assert "診療情報の書き出し（FHIR）" in rep
    # the viewer offers it beside the CSV
    page = p.hosp.get(url("/records/patient"), params={"p": p.handle, "purpose": "care"}).text
    assert re.search(r'id="export-fhir"[^>]* href="/records/fhir\?p=' + p.handle, page)


def test_A12_2_fhir_bundle_follows_consent_per_facility_and_a_revocation_between_requests(
        people, tmp_path):
    p = make_fhir_patient(people, tmp_path, second=True)
    clinic = logged_in(people["clinic"])
    ch = handle_in(clinic, p.ident)
    # no consent: refused, nothing of the records, audited as denied
    r = fhir_get(clinic, ch)
    assert r.status_code == 403 and "総蛋白" not in r.text and p.ident["name"] not in r.text
    assert sql(f"SELECT outcome FROM audit WHERE action = 'record.fhir.export' "
               f"AND patient_id = {p.pid} ORDER BY id DESC LIMIT 1") == [["denied"]]
    # a consent that discloses the second facility's records only: the first's are left out
    register_consent(clinic, ch, data={"disclosing_all": "", "disclosing": str(p.fac2)})
    r = fhir_get(clinic, ch)
    assert r.status_code == 200, r.text[:300]
    t = check_jp_core(r.json(), p.network_id)
    assert [o["id"] for o in t["Organization"]] == [f"org-{p.fac2}"]
    assert [o["code"]["text"] for o in t["Observation"]] == ["グルコース"]
    assert "総蛋白" not in r.text and p.local not in r.text and p.yj_drug not in r.text
    # every disclosing facility: its records
    register_consent(clinic, ch)
    r = fhir_get(clinic, ch)
    assert r.status_code == 200 and "総蛋白" in r.text
    assert validate(tmp_path, r.text)["errors"] == []
    # form 5 between two requests: the second is refused, nothing leaks
    revoke(logged_in(people["desk"]), p.ident)
    r = fhir_get(clinic, ch)
    assert r.status_code == 403 and "総蛋白" not in r.text and "resourceType" not in r.text
    assert "撤回" in r.text
    assert sql(f"SELECT outcome FROM audit WHERE action = 'record.fhir.export' "
               f"AND patient_id = {p.pid} ORDER BY id DESC LIMIT 1") == [["denied"]]
    assert fhir_get(p.hosp, p.handle).status_code == 403


def test_A11_2_fhir_export_audited_one_bundle_per_patient_of_the_facility(people, tmp_path):
    p = make_fhir_patient(people, tmp_path)
    q = make_fhir_patient(people, tmp_path)      # another facility's patient: not in p's file
    before = int(one("SELECT COALESCE(MAX(id), 0) FROM audit"))
    r = ctl("fhir", "export", "--facility", p.code)
    assert "1 bundles" in r.stderr
    lines = [ln for ln in r.stdout.split("\n") if ln]
    assert len(lines) == 1
    rep = validate(tmp_path, r.stdout)
    assert rep["errors"] == [] and rep["bundles"] == 1, rep
    b = json.loads(lines[0])
    t = check_jp_core(b)
    assert q.yj_drug not in r.stdout and p.yj_drug in r.stdout
    [pt] = t["Patient"]
    # the facility's own patient as it sent it: its ID, its managing organization
    assert [i["value"] for i in pt["identifier"]] == [p.local]
    assert pt["managingOrganization"]["reference"] == f"Organization/org-{p.fac}"
    assert [o["id"] for o in t["Organization"]] == [f"org-{p.fac}"]
    # no session: documents by identifier, no address that needs one
    [doc] = t["DocumentReference"]
    assert "url" not in doc["content"][0]["attachment"]
    assert doc["masterIdentifier"]["value"] == str(p.doc)
    # audited as the admin tool's export of this facility, before it wrote
    assert sql(f"SELECT action, object_type, object_id, outcome FROM audit WHERE id > {before} "
               f"AND action = 'facility.fhir.export'") == \
        [["facility.fhir.export", "facility", p.code, "allowed"]]
    assert ctl("fhir", "export", "--facility", "NO-SUCH", check=False).returncode == 1
    assert ctl("fhir", "export", check=False).returncode == 2
