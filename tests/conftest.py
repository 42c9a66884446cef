"""conftest.py: the test instance (started by scripts/test.sh) and helpers to reach it."""
import os
import re
import subprocess
import sys
import time
import pathlib

import pytest
import requests
import urllib3

VAR = pathlib.Path(os.environ.get("MOGAMI_VAR", "var/test")).resolve()
PORT = int(os.environ.get("MOGAMI_PORT", "8444"))
ROOT = pathlib.Path(os.environ.get("MOGAMI_ROOT", ".")).resolve()
BASE = f"https://localhost:{PORT}"
CA = str(VAR / "pki" / "ca.pem")
TESTPKI = VAR / "testpki"
# make test-cluster: VAR is the cluster's instance; run/mysqld.sock is Galera node 1.
CLUSTER = bool(os.environ.get("MOGAMI_CLUSTER"))
# tests/browser/conftest.py is also a module named conftest and takes this one's place in
# sys.modules when pytest loads it: it finds this one (and forwards its names) here.
sys.modules["mogami_tests_conftest"] = sys.modules[__name__]


def single_node(reason):
    """Marks a test that cannot apply to the cluster (it says why)."""
    return pytest.mark.skipif(CLUSTER, reason=f"cluster: {reason}")


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def instance(cmd):
    return sh(str(ROOT / "scripts" / "instance.sh"), cmd, str(VAR))


def url(path):
    return BASE + path


def session(cert=None):
    s = requests.Session()
    s.trust_env = False     # REQUESTS_CA_BUNDLE would override verify
    s.verify = CA
    if cert:
        s.cert = cert
    return s


@pytest.fixture(scope="session")
def demo_cert():
    d = VAR / "demo"
    return (str(d / "dr.sato.pem"), str(d / "dr.sato.key"))


CTL = [str(ROOT / "build" / "mogamictl"), "-c", str(VAR / "mogami.conf")]


def ctl(*args, input=None, check=True):
    return subprocess.run(CTL + list(args), input=input, capture_output=True, text=True,
                          check=check)


def sql(query, sock=None):
    """Runs SQL as the database's root (tests only); returns rows as lists of strings."""
    args = ["mariadb", "--no-defaults", f"--socket={sock or VAR / 'run' / 'mysqld.sock'}", "-uroot",
            "-N", "-B", "mogami", "-e", query]
    if CLUSTER:     # see what the other nodes committed (a write through pool b)
        args.insert(4, "--init-command=SET SESSION wsrep_sync_wait = 7")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def clock_set(offset_secs):
    """Moves the test instance's clock (test_clock = 1) instead of sleeping."""
    sql(f"UPDATE test_clock SET offset_secs = {int(offset_secs)} WHERE id = 1")


class User:
    def __init__(self, login, password, cert, serial, p12, p12_password):
        self.login, self.password, self.cert, self.serial = login, password, cert, serial
        self.p12, self.p12_password = p12, p12_password


def p12_to_pem(p12, password, stem):
    pem, key = f"{stem}.pem", f"{stem}.key"
    sh("openssl", "pkcs12", "-in", str(p12), "-passin", f"pass:{password}", "-nokeys",
       "-clcerts", "-out", pem)
    sh("openssl", "pkcs12", "-in", str(p12), "-passin", f"pass:{password}", "-nocerts",
       "-nodes", "-out", key)
    return pem, key


def ja_day(iso):
    """A YYYY-MM-DD day as every page writes it (issue 19), without the weekday: 2026年12月7日."""
    y, m, d = (int(x) for x in str(iso)[:10].split("-"))
    return f"{y}年{m}月{d}日"


def issue_cert(login, days=365, start_offset=None, tag="c"):
    d = TESTPKI / f"{login}-{tag}"
    d.mkdir(parents=True, exist_ok=True)
    args = ["cert", "issue", "--login", login, "--out", str(d), "--days", str(days)]
    if start_offset is not None:
        args += ["--start-offset", str(start_offset)]
    out = ctl(*args).stdout
    serial = out.split("serial ")[1].split()[0]
    pw = out.split("(shown once): ")[1].strip()
    pem, key = p12_to_pem(d / f"{login}.p12", pw, str(d / login))
    return (pem, key), serial, d / f"{login}.p12", pw


_seq = [0]


def make_user(role="user", facility="DEMO01", profession="physician", keep=True, login=None,
              ack=True):
    """A fresh user with a known password and a certificate of their own. ack: the user has
    acknowledged every rules version there is (A11.1), as a user who has been using the
    network has; the tests of the acknowledgement itself pass ack=False."""
    _seq[0] += 1
    login = login or f"t{os.getpid() % 1000}{_seq[0]}.{role.split(',')[0][:4]}"
    out = ctl("user", "add", "--login", login, "--name", f"試験 {login}", "--facility", facility,
              "--role", role, "--profession", profession).stdout
    initial = out.split("initial password: ")[1].strip()
    password = initial
    if keep:
        # The password (its KDF, one core) is set while the certificate is issued: two
        # independent writes of the new user, half the wait.
        password = f"Tq-{os.urandom(5).hex()}-x9Zr!"
        pw = subprocess.Popen(CTL + ["user", "passwd", login, "--keep"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        pw.stdin.write(password + "\n")
        pw.stdin.close()
    try:
        cert, serial, p12, p12pw = issue_cert(login)
    finally:
        if keep:
            err = pw.stderr.read()
            pw.stdout.read()
            if pw.wait() != 0:
                raise subprocess.CalledProcessError(pw.returncode, pw.args, stderr=err)
    if ack:
        sql("INSERT IGNORE INTO rules_ack (user_id, version_id, acked_at, cert_serial) "
            f"SELECT u.id, v.id, UTC_TIMESTAMP(6), '{serial}' FROM users u JOIN rules_version v "
            f"WHERE u.login = '{login}'")
    return User(login, password, cert, serial, p12, p12pw)


def ack_everyone():
    """Every user has acknowledged every rules version (A11.1): after a test that amended the
    rules, so that the users of the tests after it are not sent to read the new version."""
    sql("INSERT IGNORE INTO rules_ack (user_id, version_id, acked_at) "
        "SELECT u.id, v.id, UTC_TIMESTAMP(6) FROM users u JOIN rules_version v")


def csrf_from(html):
    import re
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else None


def login(user, password=None, cert=None):
    """Logs in through the real login form; returns (session, response)."""
    s = session(cert or user.cert)
    r = s.get(url("/login"))
    tok = csrf_from(r.text)
    r = s.post(url("/login"), data={"login": user.login, "password": password or user.password,
                                    "csrf": tok}, allow_redirects=False)
    return s, r


def logged_in(user):
    s, r = login(user)
    assert r.status_code == 303, r.text[:500]
    return s


def page_csrf(s, path="/"):
    return csrf_from(s.get(url(path)).text)


def _self_signed(name, cn):
    key, pem = TESTPKI / f"{name}.key", TESTPKI / f"{name}.pem"
    if not pem.exists():
        sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
           "-nodes", "-days", "30", "-subj", f"/CN={cn}", "-keyout", str(key), "-out", str(pem),
           "-addext", "extendedKeyUsage=clientAuth")
    return str(pem), str(key)


@pytest.fixture(scope="session")
def self_signed_cert():
    TESTPKI.mkdir(exist_ok=True)
    return _self_signed("selfsigned", "demo")


@pytest.fixture(scope="session")
def other_ca_cert():
    """A client certificate with the right subject, issued by a CA nginx does not trust."""
    TESTPKI.mkdir(exist_ok=True)
    ca_pem, ca_key = _self_signed("otherca", "Other CA")
    key, csr, pem = (TESTPKI / f"other.{x}" for x in ("key", "csr", "pem"))
    if not pem.exists():
        sh("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
           "-nodes", "-subj", "/O=DEMO01/CN=demo", "-keyout", str(key), "-out", str(csr))
        sh("openssl", "x509", "-req", "-in", str(csr), "-CA", ca_pem, "-CAkey", ca_key,
           "-days", "30", "-set_serial", "0x1234", "-out", str(pem))
    return str(pem), str(key)


def worker_pids():
    master = (VAR / "run" / "mogamid.pid").read_text().strip()
    out = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout
    return sorted(int(p) for p in out.split())


def wait_for(pred, timeout=15.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if pred():
                return True
        except (requests.ConnectionError, OSError):
            pass
        time.sleep(step)
    return False


def figure(name, value):
    """Records one security figure for tests/SECURITY-RESULTS.md (make attack) and prints it."""
    print(f"figure: {name} = {value}")
    with open(VAR / "figures", "a") as f:
        f.write(f"{name}\t{value}\n")
