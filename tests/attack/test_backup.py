"""test_backup.py: `mogamictl backup` of the running instance, `mogamictl restore` into a
fresh instance: the audit chain verifies there and every table's row count equals the
dump's (issue 10). Run by scripts/attack.sh: a second instance takes a while to start."""
import os
import shutil
import subprocess

import pytest

from conftest import VAR, ROOT, figure, ctl, sql, logged_in, make_user

FRESH = VAR.parent / (VAR.name + "-restore")
FRESH_PORT = int(os.environ.get("MOGAMI_PORT", "8444")) - 1


def fresh(*args, check=True):
    return subprocess.run([str(ROOT / "scripts" / "instance.sh"), *args], cwd=str(ROOT), capture_output=True,
                          text=True, check=check)


def fresh_sql(q):
    out = subprocess.run(["mariadb", "--no-defaults", f"--socket={FRESH}/run/mysqld.sock",
                          "-uroot", "-N", "-B", "mogami", "-e", q],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def test_backup_restore_into_fresh_instance_verifies_and_counts_match(tmp_path):
    # something in every kind of table: a user, a login (session, audit)
    logged_in(make_user())
    ctl("audit", "seal", "--quiet")
    backup = tmp_path / "backup"
    out = ctl("backup", str(backup))
    assert "backed up" in out.stdout, out.stderr
    assert oct((backup / "audit.key").stat().st_mode & 0o777) == "0o600"
    assert not (backup / ".my.cnf").exists(), "the password file is removed"
    counts = dict(line.split() for line in (backup / "counts").read_text().splitlines())
    assert int(counts["audit"]) > 0 and int(counts["users"]) > 0
    fresh("down", str(FRESH), check=False)
    subprocess.run(["rm", "-rf", str(FRESH)], check=True)
    try:
        r = fresh("up", str(FRESH), str(FRESH_PORT), check=False)
        assert r.returncode == 0, r.stdout + r.stderr
        # the fresh instance's scheduler would seal and checkpoint in between
        sched = FRESH / "run" / "sched.pid"
        if sched.exists():
            subprocess.run(["kill", sched.read_text().strip()], check=False)
        # a fresh instance may not have sealed yet, and then has no var/audit: restore
        # must make it (it once failed on this race)
        shutil.rmtree(FRESH / "audit", ignore_errors=True)
        fctl = [str(ROOT / "build" / "mogamictl"), "-c", str(FRESH / "mogami.conf")]
        r = subprocess.run(fctl + ["restore", str(backup)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        v = subprocess.run(fctl + ["audit", "verify"], capture_output=True, text=True)
        print(v.stdout, v.stderr)
        assert v.returncode == 0, v.stdout + v.stderr
        mismatched = []
        for table, n in counts.items():
            got = fresh_sql(f"SELECT COUNT(*) FROM `{table}`")[0][0]
            if got != n:
                mismatched.append((table, n, got))
        print(f"backup: {len(counts)} tables, {sum(map(int, counts.values()))} rows, "
              f"{len(mismatched)} counts differ {mismatched}")
        figure("backup tables restored", len(counts))
        figure("backup rows restored", sum(int(n) for n in counts.values()))
        figure("backup row counts differing", len(mismatched))
        figure("backup audit verify exit", v.returncode)
        assert not mismatched
        # and a second verify after the restored chain is sealed further still holds
        subprocess.run(fctl + ["audit", "seal", "--quiet"], check=True)
        assert subprocess.run(fctl + ["audit", "verify"], capture_output=True).returncode == 0
    finally:
        fresh("down", str(FRESH), check=False)
