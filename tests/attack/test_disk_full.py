"""test_disk_full.py: an instance whose MariaDB data directory is a small loop-mounted
filesystem, filled up while the desk writes: writes answer a Japanese 503 (never 500),
reads go on, and once space is freed writes work again (issue 10). Needs root (mount);
run by scripts/attack.sh."""
import os
import re
import subprocess
import time

import pytest
import requests

from conftest import VAR, ROOT, figure

DISK = VAR.parent / (VAR.name + "-disk")
DISK_PORT = int(os.environ.get("MOGAMI_PORT", "8444")) - 2


def run(*args, check=True):
    return subprocess.run(list(args), cwd=str(ROOT), capture_output=True, text=True, check=check)


def mounted(path):
    return subprocess.run(["mountpoint", "-q", str(path)]).returncode == 0


@pytest.fixture
def disk_instance():
    if os.geteuid() != 0:
        pytest.skip("needs root to loop-mount a small filesystem")
    run(str(ROOT / "scripts" / "instance.sh"), "down", str(DISK), check=False)
    if mounted(DISK / "db"):
        run("umount", str(DISK / "db"), check=False)
    run("rm", "-rf", str(DISK))
    (DISK / "db").mkdir(parents=True)
    img = VAR.parent / (VAR.name + "-disk.img")
    run("truncate", "-s", "400M", str(img))
    run("mkfs.ext4", "-q", "-F", str(img))
    r = run("mount", "-o", "loop", str(img), str(DISK / "db"), check=False)
    if r.returncode != 0:
        img.unlink()
        pytest.skip(f"cannot loop-mount here: {r.stderr.strip()}")
    try:
        (DISK / "db" / "lost+found").rmdir()
        r = run(str(ROOT / "scripts" / "instance.sh"), "up", str(DISK), str(DISK_PORT),
                check=False)
        assert r.returncode == 0, r.stdout + r.stderr
        yield DISK
    finally:
        run(str(ROOT / "scripts" / "instance.sh"), "down", str(DISK), check=False)
        run("umount", str(DISK / "db"), check=False)
        img.unlink()


def desk_session(var, port):
    s = requests.Session()
    s.trust_env = False
    s.verify = str(var / "pki" / "ca.pem")
    d = var / "demo"
    s.cert = (str(d / "madoguchi.pem"), str(d / "madoguchi.key"))
    base = f"https://localhost:{port}"
    s.get(base + "/login")
    r = s.post(base + "/login", data={"login": "madoguchi",
                                      "password": (d / "madoguchi.password").read_text().strip(),
                                      "csrf": s.cookies.get("__Host-csrf")},
               allow_redirects=False)
    assert r.status_code == 303
    return s, base


def write(s, base, name):
    page = s.get(base + "/desk/complaints/new", timeout=30)
    if page.status_code != 200:
        return page.status_code
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page.text).group(1)
    tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text).group(1)
    r = s.post(base + "/desk/complaints/new", data={
        "csrf": tok, "idem": idem, "from": "patient", "name": name, "contact_kind": "none",
        "channel": "desk", "category": "other", "contents": "容量試験" * 400},
        allow_redirects=False, timeout=30)
    if r.status_code == 503:
        assert "ただいま" in r.text or "データベース" in r.text or "利用できません" in r.text
    return r.status_code


def test_full_data_disk_answers_503_not_500_and_recovers(disk_instance):
    var = disk_instance
    s, base = desk_session(var, DISK_PORT)
    assert write(s, base, "before") == 303
    filler = var / "db" / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True)
    codes = []
    for i in range(30):
        codes.append(write(s, base, f"full-{i}"))
    reads = [s.get(base + "/desk/complaints", timeout=30).status_code for _ in range(3)]
    t0 = time.time()
    filler.unlink()
    recovered = None
    for i in range(60):
        c = write(s, base, f"after-{i}")
        if c == 303:
            recovered = time.time() - t0
            break
        time.sleep(1)
    acked = [f"full-{i}" for i, c in enumerate(codes) if c == 303]
    out = subprocess.run(["mariadb", "--no-defaults", f"--socket={var}/run/mysqld.sock", "-uroot",
                          "-N", "-B", "mogami", "-e",
                          "SELECT complainant_name FROM complaint WHERE complainant_name LIKE 'full-%'"],
                         capture_output=True, text=True, check=True).stdout.split()
    lost = [n for n in acked if n not in out]
    figure("disk full: acknowledged writes lost", len(lost))
    print(f"disk full: writes answered {sorted(set(codes))}, reads {reads}, "
          f"recovered in {recovered}")
    figure("disk full: writes answered 500", codes.count(500))
    figure("disk full: answers while full", " ".join(f"{c}x{codes.count(c)}"
                                                     for c in sorted(set(codes))))
    figure("disk full: seconds to recover", f"{recovered:.1f}" if recovered else "never")
    assert 500 not in codes and 500 not in reads and not lost
    assert recovered is not None
