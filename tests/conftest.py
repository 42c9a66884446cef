"""conftest.py: the test instance (started by scripts/test.sh) and helpers to reach it."""
import os
import subprocess
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
    return (str(d / "demo.pem"), str(d / "demo.key"))


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
