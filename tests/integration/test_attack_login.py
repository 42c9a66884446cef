"""test_attack_login.py: login and sessions attacked as an insider would (A8.3):
another user's certificate and the lockout, the lockout's counter and the operator's
alert, refusals that all take the same time, cookies the network did not set, a password
change and the other sessions, the production nginx site's version banner. The figures
go to tests/SECURITY-RESULTS.md (make attack)."""
import random
import re
import statistics
import time

import pytest

from conftest import (ROOT, clock_set, csrf_from, ctl, figure, logged_in, login, make_user,
                      page_csrf, session, sql, url)

FAILED = "ログインできませんでした"


@pytest.fixture(autouse=True)
def reset_clock():
    clock_set(0)
    yield
    clock_set(0)


def last_audit_id():
    return int(sql("SELECT COALESCE(MAX(id), 0) FROM audit")[0][0])


def audit_since(before, action):
    return sql(f"SELECT object_id, outcome, detail, cert_serial FROM audit WHERE id > {before}"
               f" AND action = '{action}' ORDER BY id")


def lock_state(u):
    """(failed_count, locked) of u as the database has them now (the test clock's now)."""
    off = int(sql("SELECT offset_secs FROM test_clock WHERE id = 1")[0][0])
    row = sql(f"SELECT failed_count, locked_until FROM users WHERE login = '{u.login}'")[0]
    return int(row[0]), int(row[1]) > time.time() + off


def lock_out(u, failures=5):
    for _ in range(failures):
        _, r = login(u, password="Wrong-password-123")
        assert FAILED in r.text


# --- another user's certificate ---------------------------------------------------

def test_A8_3_another_users_certificate_never_locks_the_account_out():
    """An insider with their own certificate types a colleague's ID with guessed passwords
    (and once the right one): refused before the password is looked at, audited as a
    certificate mismatch, and the colleague's failure counter never moves."""
    me = make_user()
    victims = [make_user() for _ in range(3)]
    before = last_audit_id()
    locked = 0
    for v in victims:
        for i in range(7):
            _, r = login(v, password=f"Guess-{i}-password", cert=me.cert)
            assert r.status_code == 200 and FAILED in r.text
        _, r = login(v, cert=me.cert)       # the right password, the wrong certificate
        assert r.status_code == 200 and FAILED in r.text
        count, is_locked = lock_state(v)
        assert count == 0, f"{v.login}: {count} failures counted"
        locked += is_locked
        # The victim still logs in with their own certificate.
        assert login(v)[1].status_code == 303
    rows = audit_since(before, "login.cert_mismatch")
    assert len(rows) == 3 * 8
    assert all(row[1] == "denied" and row[3] == me.serial for row in rows)
    assert {row[0] for row in rows} == {v.login for v in victims}
    assert not any(row[2] == "password" for row in audit_since(before, "login"))
    figure("lockouts by another user's certificate", locked)
    assert locked == 0


# --- the lockout ---------------------------------------------------------------------

def test_A8_3_failure_counter_resets_when_a_lock_expires():
    u = make_user()
    lock_out(u)
    assert lock_state(u)[1]
    clock_set(16 * 60)
    # One more wrong password after the lock expired: counted from zero, no new lock.
    _, r = login(u, password="Wrong-password-123")
    assert FAILED in r.text
    assert lock_state(u) == (1, False)
    assert login(u)[1].status_code == 303


def notifications(op_session):
    return op_session.get(url("/notifications")).text


def test_A8_3_repeated_lockouts_alert_the_operator():
    """Three lockouts of one account within 24 hours: the operator gets a notification
    naming the account; two do not."""
    u = make_user()
    before = last_audit_id()
    for n in range(3):
        clock_set(n * 20 * 60)
        lock_out(u)
        assert lock_state(u)[1]
        rows = audit_since(before, "login.lockout")
        assert len(rows) == n + 1 and rows[-1][0] == u.login
        alerts = sql("SELECT n.id FROM notification n JOIN user_lockout l ON l.id = n.object_id"
                     f" JOIN users x ON x.id = l.user_id WHERE x.login = '{u.login}'"
                     " AND n.kind = 'login.lockouts' AND n.audience = 'operator'")
        assert len(alerts) == (1 if n == 2 else 0), n
    page = notifications(logged_in(make_user(role="operator")))
    assert "ロック" in page and u.login in page
    assert audit_since(before, "login.lockouts_alert")


def test_A8_3_lockouts_far_apart_do_not_alert():
    u = make_user()
    for n in range(3):
        clock_set(n * 13 * 3600)    # 0 h, 13 h, 26 h: never three within 24 hours
        lock_out(u)
    alerts = sql("SELECT COUNT(*) FROM notification n JOIN user_lockout l ON l.id = n.object_id"
                 f" JOIN users x ON x.id = l.user_id WHERE x.login = '{u.login}'"
                 " AND n.kind = 'login.lockouts'")
    assert alerts == [["0"]]


# --- every refusal takes the same time --------------------------------------------------

class Attempt:
    """One kind of refused login: a keep-alive client posting the login form again and
    again with the token of the page the last refusal returned."""

    def __init__(self, kind, login_id, password, cert, before=None):
        self.kind, self.login_id, self.password, self.before = kind, login_id, password, before
        self.s = session(cert)
        self.tok = csrf_from(self.s.get(url("/login")).text)
        self.times = []

    def once(self):
        if self.before:
            self.before()
        t0 = time.perf_counter()
        r = self.s.post(url("/login"), data={"login": self.login_id, "password": self.password,
                                             "csrf": self.tok}, allow_redirects=False)
        dt = time.perf_counter() - t0
        assert r.status_code == 200 and FAILED in r.text, (self.kind, r.status_code)
        self.tok = csrf_from(r.text)
        self.times.append(dt * 1000)


def test_A8_3_every_login_refusal_takes_the_same_time():
    """Unknown ID, wrong password, another user's certificate, a locked account and a
    disabled user: each runs the password KDF once, so their median times match."""
    me, wrong, victim, locked, disabled = (make_user() for _ in range(5))
    sql(f"UPDATE users SET locked_until = UNIX_TIMESTAMP() + 86400 * 30, failed_count = 5"
        f" WHERE login = '{locked.login}'")
    ctl("user", "disable", disabled.login)

    def unlock_wrong():
        sql(f"UPDATE users SET failed_count = 0, locked_until = 0 WHERE login = '{wrong.login}'")
    kinds = [Attempt("unknown ID", "no.such.user.x9", "Some-password-123", me.cert),
             Attempt("wrong password", wrong.login, "Wrong-password-123", wrong.cert,
                     before=unlock_wrong),
             Attempt("another user's certificate", victim.login, victim.password, me.cert),
             Attempt("locked account", locked.login, locked.password, locked.cert),
             Attempt("disabled user", disabled.login, disabled.password, disabled.cert)]
    for a in kinds:             # warm up: connections, worker caches
        a.once()
        a.times.clear()
    for _ in range(15):         # interleaved, in a new order each round: load hits all alike
        for a in random.sample(kinds, len(kinds)):
            a.once()
    med = {a.kind: statistics.median(a.times) for a in kinds}
    spread = max(med.values()) - min(med.values())
    for k, v in med.items():
        print(f"login refusal {k}: median {v:.1f} ms")
    figure("login time spread between refusal kinds (ms)", f"{spread:.1f}")
    # A kind that skipped the KDF would take a few ms against the others' tens or hundreds
    # (spread near the whole of the slowest); the machine's load moves them some.
    assert spread < 0.5 * min(med.values()), med


# --- cookies the network did not set ---------------------------------------------------

FOREIGN = [
    "a=1;b=2",                          # no space after the separator
    "bad name=x",                       # a space in the name
    "x=a b",                            # a space in the value
    "justaname",                        # no '='
    "=novalue",                         # no name
    'q="unterminated',                  # an open quote
    "x=back\\slash",                    # a backslash
    "x=a,b, y=c",                       # commas
    "_ga=GA1.2.3; _ga=GA1.2.4",         # a foreign name twice
    "t=1; ",                            # a trailing separator
    "x=\t1",                            # a tab
    "n" * 200 + "=1",                   # a name over any limit
    "; ".join(f"c{i}=1" for i in range(600)),   # more cookies than a request may hold
    "__Host-mogamiX=zz z",              # close to ours, but not ours
    "u=caf\u00e9",                      # Latin-1
    "名前=値".encode(),                  # UTF-8
]


def with_cookies(junk, own=None):
    """A Cookie header: junk around our own cookie (if any), as a browser would send it."""
    parts = [junk] if isinstance(junk, bytes) else [junk.encode("latin-1")]
    if own:
        parts = [parts[0], f"__Host-mogami={own}".encode(), parts[0]]
    return {"Cookie": b"; ".join(parts)}


def test_A8_3_foreign_cookies_are_ignored_on_every_page():
    u = make_user()
    s = logged_in(u)
    tok = s.cookies.get("__Host-mogami")
    from test_patients import register_patient, lid
    handle, _, _ = register_patient(s, local_id=lid())
    pages = [("/login", None, 200), ("/", tok, 200), (f"/patients/view?p={handle}", tok, 200)]
    tried = broken = 0
    for junk in FOREIGN:
        for path, own, want in pages:
            c = session(u.cert)
            r = c.get(url(path), headers=with_cookies(junk, own), allow_redirects=False)
            tried += 1
            if r.status_code != want:
                broken += 1
                print("BROKEN BY A FOREIGN COOKIE", path, repr(junk)[:60], r.status_code)
    # A form posted with junk beside the login form's own cookie still logs in.
    c = session(u.cert)
    r = c.get(url("/login"), headers=with_cookies(FOREIGN[0]))
    own_csrf = c.cookies.get("__Host-csrf")
    r = c.post(url("/login"), data={"login": u.login, "password": u.password,
                                    "csrf": csrf_from(r.text)},
               headers={"Cookie": f"a=1;b=2; __Host-csrf={own_csrf}; x=a b"},
               allow_redirects=False)
    tried += 1
    if r.status_code != 303:
        broken += 1
        print("LOGIN BROKEN BY A FOREIGN COOKIE", r.status_code)
    figure("pages broken by a foreign cookie", broken)
    assert broken == 0 and tried == 3 * len(FOREIGN) + 1


def test_A8_3_own_session_cookie_still_validated():
    """Our own cookie is still checked: malformed or twice is refused, foreign junk or not."""
    u = make_user()
    for h in ("__Host-mogami=a b", "__Host-mogami=\"x", f"__Host-mogami={'a' * 64}; "
              f"__Host-mogami={'b' * 64}", "x y=1; __Host-mogami=a\\b"):
        r = session(u.cert).get(url("/"), headers={"Cookie": h}, allow_redirects=False)
        assert r.status_code == 400 and "Cookie" in r.text, h


# --- a password change ends the other sessions -------------------------------------------

def test_A8_3_password_change_ends_the_users_other_sessions():
    u = make_user()
    here, there = logged_in(u), logged_in(u)
    other_user = logged_in(make_user())
    assert there.get(url("/"), allow_redirects=False).status_code == 200
    new = "Nw-" + u.password[3:]
    r = here.post(url("/password"), data={"current": u.password, "new1": new, "new2": new,
                                          "csrf": page_csrf(here)}, allow_redirects=False)
    assert r.status_code == 303
    # This session goes on; the other one is over; someone else's is untouched.
    assert here.get(url("/"), allow_redirects=False).status_code == 200
    r = there.get(url("/"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert other_user.get(url("/"), allow_redirects=False).status_code == 200
    ended = sql("SELECT s.end_reason FROM session s JOIN users x ON x.id = s.user_id"
                f" WHERE x.login = '{u.login}' AND s.ended_at IS NOT NULL")
    assert ended == [["password_change"]]


# --- the production nginx site hides its version -----------------------------------------

def test_A8_3_production_nginx_site_has_server_tokens_off():
    site = (ROOT / "dist" / "nginx-mogami.conf.in").read_text()
    live = [ln.split("#")[0].strip() for ln in site.splitlines()]
    assert "server_tokens off;" in live
    # The development instance says the same (nginx/nginx.conf.in).
    r = session(None).get(url("/nonexistent"))
    assert r.headers.get("Server") == "nginx"
    assert not re.search(r"nginx/\d", r.text)
