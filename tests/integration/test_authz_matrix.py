"""test_authz_matrix.py: every route x every role x own/other facility x a consented,
unconsented and revoked patient, against a policy table written by hand (docs/security.md; A8.4,
A12.1, A12.2, A12.4). The route table comes from `mogamictl routes`; a route the policy
does not name fails the test, so every new route gets a policy line here."""
import re
import subprocess

import pytest

from conftest import ROOT, figure, url, logged_in, make_user, page_csrf, sql
from test_patients import register_patient, register_consent, lid

PRESIDENT, OPERATOR, STAFF, FM, USER, DESK = ("president", "operator", "staff",
                                              "facility_manager", "user", "desk")
ROLES = [PRESIDENT, OPERATOR, STAFF, FM, USER, DESK]
ALL = set(ROLES)
CERT = "cert"                   # the login pages: a verified certificate is enough
COUNCIL = {PRESIDENT, OPERATOR, STAFF}
CLINIC = {USER, FM}             # clinicians and managers at a member facility
DESKS = {DESK, OPERATOR, STAFF}
CONSENT = CLINIC | {OPERATOR}   # register form 4
PATIENTS = CLINIC | DESKS       # look patients up
COMPLAIN = DESKS | CLINIC

# Objects a route acts on (the `scope` column):
#   None      the role alone decides
#   "p"       a patient handle; any patient the role may look up (form 4/5 need no consent)
#   "records" a patient handle; the patient's records: own facility, or a consent naming
#             both facilities that no form 5 has revoked
#   "consent" a consent id: facility roles their own facility's consents; operator, staff all
#   "receipt" a form 5 receipt: facility roles their own facility's; desk, operator all
#   "complaint" a complaint received by the desk: the desk roles and the president;
#             users and facility managers only their own (not this one)
POLICY = {
    ("GET", "/"): (ALL, None),
    ("GET", "/login"): (CERT, None),
    ("POST", "/login"): (CERT, None),
    ("POST", "/logout"): (ALL, None),
    ("GET", "/unlock"): (ALL, None),
    ("POST", "/unlock"): (ALL, None),
    ("GET", "/password"): (ALL, None),
    ("POST", "/password"): (ALL, None),
    ("GET", "/admin/certs"): ({OPERATOR}, None),
    ("POST", "/admin/certs/issue"): ({OPERATOR}, None),
    ("GET", "/admin/certs/download"): ({OPERATOR}, None),
    ("POST", "/admin/certs/revoke"): ({OPERATOR}, None),
    ("POST", "/admin/users/password"): ({OPERATOR}, None),
    ("GET", "/applications"): (COUNCIL | {FM}, None),
    ("GET", "/applications/new"): ({FM, OPERATOR, STAFF}, None),
    ("POST", "/applications/new"): ({FM, OPERATOR, STAFF}, None),
    ("POST", "/applications/submit"): ({FM, OPERATOR, STAFF}, None),
    ("GET", "/applications/view"): (COUNCIL | {FM}, None),
    ("POST", "/applications/decide"): ({PRESIDENT, OPERATOR}, None),
    ("POST", "/applications/contract"): ({OPERATOR}, None),
    ("POST", "/users/revoke"): ({PRESIDENT, OPERATOR}, None),
    ("GET", "/meetings"): (COUNCIL, None),
    ("POST", "/meetings/new"): ({PRESIDENT, OPERATOR}, None),
    ("GET", "/meetings/view"): (COUNCIL, None),
    ("POST", "/meetings/held"): ({PRESIDENT, OPERATOR}, None),
    ("GET", "/council/operator"): ({PRESIDENT, OPERATOR}, None),
    ("POST", "/council/operator/appoint"): ({PRESIDENT}, None),
    ("GET", "/council/staff"): ({PRESIDENT, OPERATOR}, None),
    ("POST", "/council/staff/add"): ({OPERATOR}, None),
    ("POST", "/council/staff/edit"): ({OPERATOR}, None),
    ("POST", "/council/staff/notify"): ({OPERATOR}, None),
    ("GET", "/ledger"): ({FM}, None),
    ("GET", "/ledger/terminal"): ({FM}, None),
    ("POST", "/ledger/terminal/add"): ({FM}, None),
    ("POST", "/ledger/terminal/edit"): ({FM}, None),
    ("POST", "/ledger/software/add"): ({FM}, None),
    ("POST", "/ledger/procedure"): ({FM}, None),
    ("GET", "/admin/ledger"): ({OPERATOR, PRESIDENT}, None),
    ("GET", "/admin/ledger/warnings"): ({OPERATOR, PRESIDENT}, None),
    ("GET", "/records"): (CLINIC, None),
    ("GET", "/records/patient"): (CLINIC, "records"),
    ("GET", "/emergency"): (CLINIC, None),
    ("POST", "/emergency/start"): (CLINIC, None),
    ("GET", "/emergency/list"): ({OPERATOR, STAFF, FM}, None),
    ("POST", "/emergency/review"): ({OPERATOR}, None),
    ("POST", "/emergency/followup"): (CLINIC | {OPERATOR}, None),
    ("GET", "/misuse"): ({OPERATOR, STAFF, FM}, None),
    ("POST", "/misuse/decide"): ({OPERATOR}, None),
    ("GET", "/misuse/rules"): ({OPERATOR, STAFF}, None),
    ("POST", "/misuse/rules"): ({OPERATOR}, None),
    ("POST", "/misuse/report"): ({OPERATOR}, None),
    ("GET", "/misuse/reports"): ({PRESIDENT, OPERATOR}, None),
    ("POST", "/misuse/reports/ack"): ({PRESIDENT}, None),
    ("GET", "/admin/maintenance"): ({OPERATOR, STAFF}, None),
    ("POST", "/admin/maintenance/new"): ({OPERATOR}, None),
    ("POST", "/admin/maintenance/cancel"): ({OPERATOR}, None),
    ("POST", "/admin/maintenance/switch"): ({OPERATOR}, None),
    ("GET", "/notifications"): ({OPERATOR, STAFF, FM}, None),
    ("POST", "/notifications/read"): ({OPERATOR, STAFF, FM}, None),
    ("GET", "/patients"): (PATIENTS, None),
    ("POST", "/patients/new"): (CONSENT, None),
    ("GET", "/patients/view"): (PATIENTS, "p"),
    ("POST", "/patients/link"): (CONSENT, "p"),
    ("POST", "/patients/death"): ({OPERATOR}, "p"),
    ("POST", "/patients/merge"): ({OPERATOR}, "p"),
    ("POST", "/patients/unmerge"): ({OPERATOR}, "p"),
    ("GET", "/patients/access-report"): (DESKS, "p"),
    ("GET", "/links"): (CONSENT | {STAFF}, None),
    ("POST", "/links/link"): (CONSENT, "p"),
    ("GET", "/links/requests"): ({OPERATOR, STAFF}, None),
    ("POST", "/links/decide"): ({OPERATOR}, None),
    ("POST", "/links/end"): ({OPERATOR}, None),
    ("GET", "/consents/new"): (CONSENT, "p"),
    ("POST", "/consents/new"): (CONSENT, "p"),
    ("GET", "/consents/view"): (CONSENT | {STAFF}, "consent"),
    ("GET", "/consents/scan"): (CONSENT | {STAFF}, "consent"),
    ("GET", "/consents/fhir"): (CONSENT | {STAFF}, "consent"),
    ("GET", "/consents/queue"): ({OPERATOR, STAFF}, None),
    ("POST", "/consents/check"): ({OPERATOR, STAFF}, None),
    ("GET", "/revocations/new"): (PATIENTS, "p"),
    ("POST", "/revocations/new"): (PATIENTS, "p"),
    ("GET", "/revocations/receipt"): (PATIENTS, "receipt"),
    ("GET", "/desk/complaints"): (COMPLAIN | {PRESIDENT}, None),
    ("GET", "/desk/complaints/new"): (COMPLAIN, None),
    ("POST", "/desk/complaints/new"): (COMPLAIN, None),
    ("GET", "/desk/complaints/view"): (COMPLAIN | {PRESIDENT}, "complaint"),
    ("POST", "/desk/complaints/step"): (DESKS, None),
    ("GET", "/desk/complaints/receipt"): (COMPLAIN | {PRESIDENT}, "complaint"),
    ("GET", "/admin/imports"): ({OPERATOR, STAFF}, None),
    ("GET", "/admin/audit/export"): ({OPERATOR}, None),
    ("GET", "/records/print"): (CLINIC, "records"),
    ("GET", "/records/export"): (CLINIC, "records"),
    ("GET", "/records/fhir"): (CLINIC, "records"),
    ("GET", "/records/document"): (CLINIC, None),
    ("GET", "/facility/access"): ({FM}, None),
    ("GET", "/facility/measures"): ({FM}, None),
    ("POST", "/facility/measures/new"): ({FM}, None),
    ("GET", "/facility/reports"): ({OPERATOR, FM}, None),
    ("POST", "/facility/reports/new"): ({FM}, None),
    ("GET", "/facility/reports/view"): ({OPERATOR, FM}, None),
    ("POST", "/facility/reports/ack"): ({OPERATOR}, None),
    ("GET", "/incidents"): ({OPERATOR, FM, USER}, None),
    ("GET", "/incidents/new"): (CLINIC, None),
    ("POST", "/incidents/new"): (CLINIC, None),
    ("GET", "/incidents/view"): ({OPERATOR, FM, USER}, None),
    ("POST", "/incidents/step"): ({OPERATOR, FM}, None),
    ("GET", "/dashboard"): (COUNCIL, None),
    ("GET", "/dashboard/chart"): (COUNCIL, None),
    ("GET", "/dashboard/report"): (COUNCIL, None),
    ("GET", "/notices"): (ALL, None),
    ("GET", "/notices/pending"): (ALL, None),
    ("POST", "/notices/ack"): (ALL, None),
    ("GET", "/admin/notices"): (COUNCIL, None),
    ("GET", "/admin/notices/new"): ({OPERATOR}, None),
    ("POST", "/admin/notices/new"): ({OPERATOR}, None),
    ("GET", "/admin/notices/view"): (COUNCIL, None),
    ("POST", "/admin/notices/approve"): ({PRESIDENT}, None),
    ("POST", "/admin/notices/publish"): ({OPERATOR}, None),
    ("GET", "/messages"): (ALL, None),
    ("GET", "/messages/sent"): (ALL, None),
    ("GET", "/messages/new"): (ALL, None),
    ("POST", "/messages/new"): (ALL, None),
    ("GET", "/messages/view"): (ALL, None),
    ("POST", "/messages/report"): (ALL, None),
    ("GET", "/admin/messages"): ({OPERATOR}, None),
    ("POST", "/admin/messages/delete"): ({OPERATOR}, None),
    ("GET", "/federation"): (COUNCIL, None),
    ("POST", "/federation/new"): ({OPERATOR}, None),
    ("GET", "/federation/view"): (COUNCIL, None),
    ("POST", "/federation/edit"): ({OPERATOR}, None),
    ("POST", "/federation/point/add"): ({OPERATOR}, None),
    ("POST", "/federation/point/remove"): ({OPERATOR}, None),
    ("GET", "/facilities"): (COUNCIL, None),
    ("POST", "/facilities/region"): ({OPERATOR}, None),
    ("GET", "/healthz"): (CERT, None),
}

FACS = ["DEMO01", "DEMO02"]     # DEMO01 registers the patients: "own" for its users
STATES = ["unconsented", "consented", "revoked"]


def route_table():
    out = subprocess.run([str(ROOT / "build" / "mogamictl"), "routes"], check=True,
                         capture_output=True, text=True).stdout
    return [(m, p, roles.split(","), flags) for m, p, roles, flags in
            (line.split() for line in out.splitlines())]


def test_every_route_has_a_policy_line_and_every_line_a_route():
    table = {(m, p) for m, p, _, _ in route_table()}
    missing = sorted(table - set(POLICY))
    stale = sorted(set(POLICY) - table)
    assert not missing, f"routes without a line in POLICY: {missing}"
    assert not stale, f"POLICY lines for routes that are gone: {stale}"


def test_route_table_roles_equal_the_policy():
    """The C table and the hand-written policy agree on roles (the matrix below proves
    that the running system does what both say)."""
    for m, p, roles, _ in route_table():
        want, _ = POLICY[(m, p)]
        got = CERT if roles == ["cert"] else set(roles)
        assert got == want, (m, p, got, want)


def classify(r):
    """allow: 2xx, or 303 to a page that is not the login/lock/password page; deny: 403,
    404 or 303 to /login; other: a refusal of the input (400, 405, 409, 413, 422)."""
    if r.status_code >= 500:
        return "error"
    if 200 <= r.status_code < 300:
        return "allow"
    if r.status_code in (301, 302, 303, 307):
        loc = r.headers.get("location", "")
        return "deny" if loc.split("?")[0] in ("/login", "/unlock", "/password") else "allow"
    if r.status_code in (401, 403, 404):
        return "deny"
    return "other"


def handle_in(s, ident):
    r = s.get(url("/patients"), params={k: ident[k] for k in ("kana", "birth_date", "sex")})
    m = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text)
    return m.group(1) if m else None


@pytest.fixture(scope="module")
def world():
    reg_user = make_user("user", facility="DEMO01")
    reg = logged_in(reg_user)
    patients = {}
    for state in STATES:
        handle, ident, pid = register_patient(reg, local_id=lid())
        if state != "unconsented":
            register_consent(reg, handle)
        if state == "revoked":
            r = reg.get(url(f"/revocations/new?p={handle}"))
            idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
            r = reg.post(url("/revocations/new"), data={
                "csrf": page_csrf(reg, f"/revocations/new?p={handle}"), "p": handle,
                "idem": idem, "signed_on": "2026-11-20", "signer": "patient"},
                allow_redirects=False)
            assert r.status_code == 303, r.text[:500]
        patients[state] = (handle, ident, pid)
    pid = patients["consented"][2]
    consent_id = sql(f"SELECT id FROM consent WHERE patient_id = {pid}")[0][0]
    receipt = sql("SELECT receipt_no FROM consent_revocation WHERE patient_id = "
                  f"{patients['revoked'][2]}")[0][0]
    desk = logged_in(make_user("desk", facility="DEMO01", profession="contract_employee"))
    html = desk.get(url("/desk/complaints/new")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)
    r = desk.post(url("/desk/complaints/new"), data={
        "csrf": page_csrf(desk, "/desk/complaints/new"), "idem": idem, "from": "patient",
        "name": "山田 花子", "contact_kind": "phone", "contact": "0233-00-0000",
        "channel": "desk", "category": "privacy", "contents": "行列試験"},
        allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    complaint = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    sessions = {}
    for role in ROLES:
        for fac in FACS:
            prof = "physician" if role in (USER, FM) else "contract_employee"
            s = logged_in(make_user(role, facility=fac, profession=prof))
            handles = {st: handle_in(s, patients[st][1]) if role in PATIENTS else None
                       for st in STATES}
            sessions[(role, fac)] = (s, page_csrf(s), handles)
    return {"patients": patients, "consent": consent_id, "receipt": receipt,
            "complaint": complaint, "sessions": sessions}


def expected(role, fac, scope, state, allowed):
    if allowed == CERT:
        return True
    if role not in allowed:
        return False
    own = fac == "DEMO01"
    if scope == "records":
        return own or state == "consented"
    if scope in ("consent", "receipt"):
        return own or role in ({OPERATOR, STAFF} if scope == "consent" else DESKS)
    if scope == "complaint":
        return role in DESKS | {PRESIDENT}
    return True


def test_authz_matrix_no_unexpected_allow(world):
    cases = allows = denials = errors = 0
    report = []
    seen = {"allow": 0, "deny": 0, "other": 0, "error": 0}
    patients = world["patients"]
    for method, path, _, _ in route_table():
        if (method, path) == ("POST", "/logout"):
            continue                # would end the session the matrix uses (test_identity)
        allowed, scope = POLICY[(method, path)]
        for (role, fac), (s, tok, handles) in world["sessions"].items():
            states = STATES if scope in ("p", "records") else [None]
            for state in states:
                params = {}
                if scope in ("p", "records"):
                    # a role that cannot look patients up tries the registrar's handle
                    params["p"] = handles[state] or patients[state][0]
                    if scope == "records":
                        params["purpose"] = "care"
                elif scope == "consent":
                    params["id"] = world["consent"]
                elif scope == "receipt":
                    params["no"] = world["receipt"]
                elif scope == "complaint":
                    params["id"] = world["complaint"]
                if method == "GET":
                    r = s.get(url(path), params=params, allow_redirects=False)
                else:
                    r = s.post(url(path), data=dict(params, csrf=tok), allow_redirects=False)
                cases += 1
                got = classify(r)
                seen[got] += 1
                want = expected(role, fac, scope, state, allowed)
                what = (method, path, role, fac, state, r.status_code)
                if got == "error":
                    errors += 1
                    report.append(("ERROR", what))
                elif not want and got != "deny":
                    allows += 1
                    report.append(("UNEXPECTED ALLOW" if got == "allow" else
                                   "NOT DENIED", what))
                elif want and got == "deny" and r.status_code != 404:
                    denials += 1
                    report.append(("unexpected denial", what))
    for line in report:
        print(*line)
    print("outcomes:", seen)
    print(f"authz: {cases} cases, {allows} unexpected allows, {denials} unexpected denials, "
          f"{errors} errors")
    figure("authz cases", cases)
    figure("authz unexpected allows", allows)
    figure("authz unexpected denials", denials)
    assert allows == 0 and errors == 0
    assert denials == 0
