"""test_sqlmap.py: sqlmap against every parameter of every GET route and a sample of POST
forms, each with a logged-in session of a role that may use the route (issue 10).

sqlmap's own client-certificate option (--auth-type PKI) cannot connect from Debian's
Python 3.11, so sqlmap talks plain HTTP to a throwaway nginx on 127.0.0.1 that passes each
request on to the real server over TLS with the client certificate named by an
X-Test-User header (stripped before it leaves): the real nginx still verifies the
certificate and the workers see exactly what a browser would cause. Figure: injectable
parameters (0)."""
import os
import re
import shutil
import subprocess
import urllib.parse

import pytest

from conftest import VAR, ROOT, figure, url, session, sql, make_user, login, ctl

PROXY_PORT = int(os.environ.get("SQLMAP_PROXY_PORT", int(os.environ.get("MOGAMI_PORT", "8444")) - 1))
PX = VAR / "sqlproxy"
LEVEL, RISK = os.environ.get("SQLMAP_LEVEL", "1"), os.environ.get("SQLMAP_RISK", "1")
PARALLEL = int(os.environ.get("SQLMAP_PARALLEL", "4"))
# for development: only these paths (comma-separated), e.g. SQLMAP_ONLY=/emergency/start
ONLY = [p for p in os.environ.get("SQLMAP_ONLY", "").split(",") if p]
# demo accounts in the order a route is tried with
DEMO = [("dr.sato", "user"), ("incho01", "facility_manager"), ("madoguchi", "desk"),
        ("unei", "operator"), ("kaicho", "president"), ("tanto", "staff")]


def proxy_up():
    if not shutil.which("sqlmap"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "sqlmap"], capture_output=True)
    if not shutil.which("sqlmap"):
        pytest.skip("sqlmap is not installed and could not be")
    for d in ("certs", "tmp"):
        (PX / d).mkdir(parents=True, exist_ok=True)
    for f in (VAR / "demo").glob("*.pem"):
        shutil.copy(f, PX / "certs" / f.name)
    for f in (VAR / "demo").glob("*.key"):
        shutil.copy(f, PX / "certs" / f.name)
    port = int(url("").rsplit(":", 1)[1])
    (PX / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
pid {PX}/nginx.pid;
error_log {PX}/error.log warn;
daemon on;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {PX}/tmp/body;
    proxy_temp_path {PX}/tmp/proxy;
    fastcgi_temp_path {PX}/tmp/fcgi;
    scgi_temp_path {PX}/tmp/scgi;
    uwsgi_temp_path {PX}/tmp/uwsgi;
    map $http_x_test_user $who {{ default dr.sato; ~^[a-z0-9.]+$ $http_x_test_user; }}
    server {{
        listen 127.0.0.1:{PROXY_PORT};
        location / {{
            proxy_pass https://127.0.0.1:{port};
            proxy_ssl_certificate {PX}/certs/$who.pem;
            proxy_ssl_certificate_key {PX}/certs/$who.key;
            proxy_ssl_server_name on;
            proxy_ssl_name localhost;
            proxy_ssl_session_reuse off;
            proxy_set_header Host localhost:{port};
            proxy_set_header X-Test-User "";
            proxy_http_version 1.1;
        }}
    }}
}}
""")
    subprocess.run(["nginx", "-c", str(PX / "nginx.conf"), "-p", str(PX)], check=True)


def proxy_down():
    subprocess.run(["nginx", "-s", "stop", "-c", str(PX / "nginx.conf"), "-p", str(PX)],
                   capture_output=True)


def demo_login(who):
    from conftest import User
    d = VAR / "demo"
    u = User(who, (d / f"{who}.password").read_text().strip(),
             (str(d / f"{who}.pem"), str(d / f"{who}.key")), None, None, None)
    s, r = login(u)
    assert r.status_code == 303, (who, r.status_code)
    return s


VALUES = {"kana": "ヤマダ タロウ", "birth_date": "1950-01-01", "sex": "M", "purpose": "care",
          "view": "expiring", "kind": "facility_join", "format": "html", "status": "received",
          "q": "ヤマダ", "name": "山田 太郎", "local_id": "L1", "category": "other",
          "from": "patient", "contact_kind": "none", "channel": "desk", "contents": "試験",
          "reason": "試験", "confirm": "1", "facility_code": "DEMO01", "signed_on": "2026-11-01",
          "password": "Wrong-password-1"}


PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def idem_of(html):
    return re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)


def csrf_of(html):
    return re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)


def real_objects(sessions):
    """The objects the id-taking targets need, made through the app first, so that sqlmap
    starts from a 200 (or the handler's own 303) and tests every parameter instead of
    stopping at a 404: an application (GET /applications/view?id=), a form 5 receipt
    (GET /revocations/receipt?no=), a patient with a local ID at DEMO01 (POST
    /emergency/start), a document and its patient's form 4 (GET /records/document,
    /consents/scan), an incident (GET /incidents/view) and a facility's report (GET
    /facility/reports/view). Returns {path: {parameter: value}}."""
    dr, fm = sessions["dr.sato"], sessions["incho01"]
    out = {}
    # form 2 (a user's registration) filed by the facility manager
    page = fm.get(url("/applications/new?kind=user_register")).text
    r = fm.post(url("/applications/new"), data={
        "csrf": csrf_of(page), "idem": idem_of(page), "kind": "user_register",
        "user_login": f"sqlmap{os.getpid()}", "user_name": "注入 申請", "profession": "physician",
        "user_kana": "チュウニュウ シンセイ", "license_no": "1", "user_phone": "0233-22-0000",
        "requested_role": "user", "pledge": "1"},
        allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    out["/applications/view"] = {"id": re.search(r"id=(\d+)", r.headers["location"]).group(1)}
    # a patient of its own with a local ID: form 4, then form 5 and its receipt number
    local = f"SQ{os.getpid()}{os.urandom(3).hex()}"
    ident = {"name": "注入 撤回", "kana": "チュウニュウ テッカイ", "sex": "F",
             "birth_date": "1961-03-03"}
    r = dr.post(url("/patients/new"), data=dict(ident, confirm_new="1", local_id=local,
                csrf=csrf_of(dr.get(url("/patients")).text)), allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    handle = re.search(r"p=([A-Za-z0-9]{22})", r.headers["location"]).group(1)
    page = dr.get(url(f"/consents/new?p={handle}")).text
    r = dr.post(url("/consents/new"), data={
        "csrf": csrf_of(page), "p": handle, "idem": idem_of(page), "signed_on": "2026-11-01",
        "signer": "patient", "disclosing_all": "1", "viewing_all": "1"},
        files={"scan": ("f.pdf", PDF, "application/pdf")}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    page = dr.get(url(f"/revocations/new?p={handle}")).text
    r = dr.post(url("/revocations/new"), data={"confirm": "1",
        "csrf": csrf_of(page), "p": handle, "idem": idem_of(page), "signed_on": "2026-11-20",
        "signer": "patient"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    out["/revocations/receipt"] = {
        "no": re.search(r"no=(R-\d{4}-\d{6})", r.headers["location"]).group(1)}
    # emergency access to that patient by the DEMO01 doctor: found by facility and local ID
    # (every request sqlmap makes that passes the checks is a grant of its own: the instance
    # is a throwaway one)
    out["/emergency/start"] = dict(ident, facility_code="DEMO01", local_id=local,
                                   category="other", reason="試験", confirm="1")
    del out["/emergency/start"]["name"]
    # a document (SS-MIX2 extended storage) at a disclosing facility of this test's own,
    # its local ID linked to a patient of dr.sato's with form 4 (GET /records/document, GET
    # /consents/scan)
    code = f"SQ{os.getpid() % 100000}"
    ctl("facility", "add", "--code", code, "--name", f"注入試験病院 {code}", "--disclosing")
    fid = sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]
    doc_local = str(1000000000 + os.getpid())
    tree = PX / "ssmix2"
    d = tree / "ext" / doc_local[:3] / doc_local[3:6] / doc_local / "20240105" / "退院時サマリ"
    d.mkdir(parents=True, exist_ok=True)
    (d / "summary.pdf").write_bytes(PDF)
    (tree / "std").mkdir(exist_ok=True)
    ctl("ssmix2", "import", "--facility", code, "--ext", str(tree / "ext"), str(tree / "std"))
    ident2 = {"name": f"注入 文書{doc_local}", "kana": "チュウニュウ ブンショ", "sex": "M",
              "birth_date": "1962-04-04"}
    r = dr.post(url("/patients/new"), data=dict(ident2, confirm_new="1",
                csrf=csrf_of(dr.get(url("/patients")).text)), allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    handle2 = re.search(r"p=([A-Za-z0-9]{22})", r.headers["location"]).group(1)
    pid2 = sql(f"SELECT MAX(id) FROM patient WHERE name = '{ident2['name']}'")[0][0]
    # what the operator's /patients/link does, for a facility the import made
    sql(f"UPDATE patient_link SET patient_id = {pid2}, linked_at = UTC_TIMESTAMP(6)"
        f" WHERE facility_id = {fid} AND local_id = '{doc_local}'")
    page = dr.get(url(f"/consents/new?p={handle2}")).text
    r = dr.post(url("/consents/new"), data={
        "csrf": csrf_of(page), "p": handle2, "idem": idem_of(page), "signed_on": "2026-11-01",
        "signer": "patient", "disclosing_all": "1", "viewing_all": "1"},
        files={"scan": ("f.pdf", PDF, "application/pdf")}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    doc = sql("SELECT d.id FROM document d JOIN patient_link l ON l.id = d.link_id"
              f" WHERE l.facility_id = {fid} AND l.local_id = '{doc_local}'")[0][0]
    out["/records/document"] = {"p": handle2, "purpose": "care", "id": doc}
    out["/consents/scan"] = {"id": sql(f"SELECT MAX(id) FROM consent WHERE patient_id = {pid2}")[0][0]}
    # an incident reported by dr.sato (GET /incidents/view)
    page = dr.get(url("/incidents/new")).text
    r = dr.post(url("/incidents/new"), data={
        "csrf": csrf_of(page), "idem": idem_of(page), "kind": "virus",
        "occurred": "2026-11-20T10:30", "terminal": "外来3番PC", "what": "試験", "done": "試験"},
        allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    out["/incidents/view"] = {"id": re.search(r"id=(\d+)", r.headers["location"]).group(1)}
    # a report by the manager of DEMO01 to the operator (GET /facility/reports/view)
    page = fm.get(url("/facility/reports")).text
    r = fm.post(url("/facility/reports/new"), data={
        "csrf": csrf_of(page), "idem": idem_of(page), "body": "試験"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    out["/facility/reports/view"] = {"id": re.search(r"id=(\d+)", r.headers["location"]).group(1)}
    for path, params in out.items():
        probe = dict(params)
        if path == "/emergency/start":
            probe["csrf"] = csrf_of(dr.get(url("/emergency")).text)
            r = dr.post(url(path), data=probe, allow_redirects=False)
            assert r.status_code == 303, (path, r.status_code, r.text[:800])
        else:
            who = fm if path in ("/applications/view", "/facility/reports/view") else dr
            r = who.get(url(path), params=probe, allow_redirects=False)
            assert r.status_code == 200, (path, r.status_code, r.text[:800])
    print("real objects:", out)
    return out


def value(name, typ, maxlen, handle):
    if name == "p":
        return handle
    if name in VALUES:
        return VALUES[name]
    return {"int": "1", "date": "2026-01-01", "datetime": "2026-01-01T10:00",
            "hex": "0" * min(64, maxlen), "token": "x"}.get(typ, "abc")


def routes():
    out = subprocess.run([str(ROOT / "build" / "mogamictl"), "routes", "--fields"], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        method, path, roles, flags, fields = line.split()
        fs = [] if fields == "-" else [tuple(f.split(":")) for f in fields.split(",")]
        yield method, path, roles.split(","), [(n, t, int(m)) for n, t, m in fs]


def sqlmap(target, who, cookie, data=None, k=0):
    args = ["sqlmap", "-u", target, "--cookie", cookie, "--headers", f"X-Test-User: {who}",
            "--batch", f"--level={LEVEL}", f"--risk={RISK}", "--technique=BEUST",
            "--time-sec=2", "--skip=csrf,idem,token", "--flush-session", "--disable-coloring",
            f"--output-dir={PX}/out{k}", "--answers=follow=N", "--timeout=20", "--retries=1"]
    if data is not None:
        args += ["--data", data]
    r = subprocess.run(args, capture_output=True, text=True, timeout=900)
    out = r.stdout + r.stderr
    found = re.findall(r"^Parameter: (\S+) \((\w+)\)", out, re.M)
    tested = len(re.findall(r"parameter '([^']+)' does not seem to be injectable", out)) + \
        len(found)
    return found, tested, out


def test_sqlmap_every_get_parameter_and_sample_posts():
    proxy_up()
    try:
        # the login target: an account of its own, since sqlmap's wrong passwords lock it
        target = make_user(login=f"sqlmap.t{os.getpid()}")
        shutil.copy(target.cert[0], PX / "certs" / f"{target.login}.pem")
        shutil.copy(target.cert[1], PX / "certs" / f"{target.login}.key")
        sessions, handles = {}, {}
        for who, role in DEMO:
            s = demo_login(who)
            sessions[who] = s
            ident = {"name": "注入 試験", "kana": "チュウニュウ シケン", "sex": "M",
                     "birth_date": "1960-02-02"}
            if role in ("user", "facility_manager", "operator"):
                r = s.post(url("/patients/new"), data=dict(ident, confirm_new="1",
                           csrf=re.search(r'name="csrf" value="([0-9a-f]{64})"',
                                          s.get(url("/patients")).text).group(1)),
                           allow_redirects=False)
                m = re.search(r"p=([A-Za-z0-9]{22})", r.headers.get("location", ""))
                handles[who] = m.group(1) if m else "x" * 22
            elif role == "desk":
                r = s.get(url("/patients"), params={k: ident[k] for k in
                                                    ("kana", "birth_date", "sex")})
                m = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text)
                handles[who] = m.group(1) if m else "x" * 22
            else:
                handles[who] = "x" * 22
        real = real_objects(sessions)
        posts = {"/patients/new", "/desk/complaints/new", "/emergency/start", "/login",
                 "/revocations/new", "/misuse/rules"}
        injectable, tested, targets, log, jobs, untested, expect = [], 0, 0, [], [], [], {}
        for method, path, roles, fields in routes():
            if not fields or path in ("/admin/certs/download",):
                continue
            if method == "POST" and path not in posts:
                continue
            if ONLY and path not in ONLY:
                continue
            who = next((w for w, role in DEMO if role in roles or roles == ["cert"]), None)
            if who is None:
                continue
            if path == "/login":
                s = session(target.cert)
                s.get(url("/login"))
                cookie = f"__Host-csrf={s.cookies.get('__Host-csrf')}"
                csrf, who = s.cookies.get("__Host-csrf"), target.login
            else:
                s = sessions[who]
                cookie = f"__Host-mogami={s.cookies.get('__Host-mogami')}"
                csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"',
                                 s.get(url("/password")).text).group(1)
            params = {n: value(n, t, m, handles.get(who, "x" * 22)) for n, t, m in fields}
            params.update({n: v for n, v in real.get(path, {}).items() if n in params})
            if path in real:
                expect[path] = len([n for n in params if n not in ("csrf", "idem", "token")])
            if path == "/login":
                params["login"] = target.login
            if "csrf" in params:
                params["csrf"] = csrf
            if "idem" in params:
                params["idem"] = os.urandom(32).hex()
            base = f"http://127.0.0.1:{PROXY_PORT}{path}"
            q = urllib.parse.urlencode(params)
            if method == "GET":
                jobs.append((method, path, who, (base + "?" + q, who, cookie, None)))
            else:
                jobs.append((method, path, who, (base, who, cookie, q)))
        # several sqlmap processes at once: each target is independent
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(PARALLEL) as pool:
            results = list(pool.map(lambda ij: sqlmap(*ij[1], k=ij[0]),
                                    enumerate(j[3] for j in jobs)))
        for (method, path, who, _), (found, n, out) in zip(jobs, results):
            targets += 1
            tested += n
            log.append(f"{method} {path} as {who}: {n} parameters tested, {len(found)} injectable")
            if path in expect and n < expect[path]:
                untested.append(f"{method} {path}: {n} tested")
            if found:
                injectable += [(method, path, p) for p in found]
                print(out[-3000:])
        (VAR / "sqlmap.log").write_text("\n".join(log) + "\n")
        print("\n".join(log))
        print(f"sqlmap: {targets} targets, {tested} parameters tested, "
              f"{len(injectable)} injectable {injectable}")
        figure("sqlmap targets", targets)
        figure("sqlmap parameters tested", tested)
        figure("sqlmap injectable parameters", len(injectable))
        assert not injectable and (targets > 20 or ONLY)
        # the targets given real objects: every parameter tested
        assert not untested, untested
    finally:
        proxy_down()
