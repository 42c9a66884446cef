"""test_council.py: applications (forms 1-3), sole decisions, meetings, ID revocation (A9, A10, A13)."""
import datetime
import os
import re

from conftest import (url, session, ctl, sql, make_user, login, logged_in, page_csrf,
                      csrf_from, issue_cert)


def form(s, kind):
    page = s.get(url(f"/applications/new?kind={kind}"))
    assert page.status_code == 200
    return {"csrf": csrf_from(page.text),
            "idem": re.search(r'name="idem" value="([0-9a-f]{64})"', page.text).group(1),
            "kind": kind}


_n = [0]


def uniq(stem):
    _n[0] += 1
    return f"{stem}{os.getpid() % 10000}x{_n[0]}"


def paper(kind):
    """What forms 1-3 ask for beyond the first version, filled in as on paper (issue 21)."""
    if kind == "facility_join":
        return {"fac_code": "0612345678", "fac_phone": "0233-22-0001",
                "fac_email": "office@example.jp", "contact_name": "事務 担当",
                "manager_kana": "シンジョウ インチョウ", "manager_title": "院長",
                "manager_login": uniq("mgr"), "manager_profession": "physician",
                "manager_license": "123456", "pledge": "1"}
    if kind == "user_register":
        return {"user_kana": "シンジン イシ", "department": "内科", "job_title": "医員",
                "license_no": "654321", "user_phone": "0233-22-0002",
                "requested_role": "user", "pledge": "1"}
    return {"withdraw_reason": "退職のため"}


def submit(s, kind, **fields):
    data = {**form(s, kind), **paper(kind), **fields}
    return s.post(url("/applications/new"), data=data, allow_redirects=False), data


def app_id(r):
    return int(re.search(r"id=(\d+)", r.headers["location"]).group(1))


def version(app):
    return sql(f"SELECT version FROM application WHERE id = {app}")[0][0]


def sole(pres, app, decision="approved"):
    return pres.post(url("/applications/decide"), data={
        "csrf": page_csrf(pres), "id": app, "version": version(app), "decision": decision,
        "sole_reason": "感染症流行のため協議会を開催できない"}, allow_redirects=False)


def new_meeting(s, day=None):
    # Issue 20: a meeting is marked held only once its day has come: yesterday by default.
    day = day or str((datetime.datetime.utcnow() + datetime.timedelta(hours=9, days=-1)).date())
    page = s.get(url("/meetings"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page.text).group(1)
    r = s.post(url("/meetings/new"), data={"csrf": csrf_from(page.text), "idem": idem,
               "held_on": day, "attendees": "会長、委員5名"}, allow_redirects=False)
    assert r.status_code == 303
    return app_id(r)


def test_A10_2_A7_2_user_registration_sole_decision_then_certificate_and_login():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    login_id = f"new{fm.login[:8]}".replace(".", "")
    # A7.2: a profession not in the list, or an employee without attestation, is refused.
    r, _ = submit(s, "user_register", user_login=login_id, user_name="新人 医師",
                  profession="astrologer")
    assert r.status_code == 422 and "この職種は登録できません" in r.text
    assert 'value="新人 医師"' in r.text          # what was typed is kept
    r, _ = submit(s, "user_register", user_login=login_id, user_name="新人 職員",
                  profession="contract_employee")
    assert r.status_code == 422 and "守秘義務の確認が必要" in r.text
    r, _ = submit(s, "user_register", user_login=login_id, user_name="新人 医師",
                  profession="physician")
    assert r.status_code == 303
    app = app_id(r)
    assert "審議待ち" in s.get(url(f"/applications/view?id={app}")).text
    # A10.3: the president decides alone, with the reason no meeting could be held.
    r = pres.post(url("/applications/decide"), data={"csrf": page_csrf(pres), "id": app,
                  "version": version(app), "decision": "approved"})
    assert r.status_code == 422 and "入力してください" in r.text
    assert sole(pres, app).status_code == 303
    assert sql(f"SELECT status, decision_kind FROM application WHERE id = {app}") == \
        [["active", "sole"]]
    assert "会長専決" in s.get(url(f"/applications/view?id={app}")).text
    # The new user gets a certificate and a password, then logs in.
    ctl("user", "passwd", login_id, "--keep", input="Fresh-Start-9931\n")
    cert, serial, _, _ = issue_cert(login_id)
    user = type(fm)(login_id, "Fresh-Start-9931", cert, serial, None, None)
    _, r = login(user)
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'application.sole_decision' "
               f"AND object_id = '{app}'") == [["1"]]


def test_A10_3_sole_decision_on_next_meeting_agenda_then_reported():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login=f"ag{fm.login[:6]}".replace(".", ""),
                  user_name="議題 確認", profession="nurse")
    app = app_id(r)
    assert sole(pres, app).status_code == 303
    m = new_meeting(pres)
    agenda = pres.get(url(f"/meetings/view?id={m}")).text
    assert "議題 確認" in agenda[agenda.index("agenda-sole"):]
    r = pres.post(url("/meetings/held"), data={"csrf": page_csrf(pres), "id": m,
                  "version": sql(f"SELECT version FROM meeting WHERE id = {m}")[0][0]},
                  allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT reported_at IS NOT NULL, meeting_id FROM application WHERE id = {app}") \
        == [["1", str(m)]]
    minutes = pres.get(url(f"/meetings/view?id={m}")).text
    assert "議事録" in minutes and "議題 確認" in minutes[minutes.index("minutes-apps"):]
    m2 = new_meeting(pres, "2027-01-15")
    assert "議題 確認" not in pres.get(url(f"/meetings/view?id={m2}")).text


def test_A9_A10_4_A18_3_facility_join_onboarding_contract_active():
    fm = make_user(role="facility_manager")
    op = logged_in(make_user(role="operator"))
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    r, _ = submit(s, "facility_join", fac_name="", fac_kind="clinic")
    assert r.status_code == 422 and "入力してください" in r.text
    r, _ = submit(s, "facility_join", fac_name="県外クリニック", fac_kind="clinic",
                  fac_address="宮城県仙台市", in_region="0", wants_viewing="1",
                  manager_name="県外 院長")
    app = app_id(r)
    m = new_meeting(pres)
    agenda = pres.get(url(f"/meetings/view?id={m}")).text
    assert "県外クリニック" in agenda and "地域外" in agenda      # A18.3 visible as such
    r = pres.post(url("/applications/decide"), data={"csrf": page_csrf(pres), "id": app,
                  "version": version(app), "decision": "approved", "meeting": m},
                  allow_redirects=False)
    assert r.status_code == 303
    fac = sql(f"SELECT f.status, f.in_region FROM application a JOIN facility f "
              f"ON f.id = a.facility_id WHERE a.id = {app}")
    assert fac == [["onboarding", "0"]]
    r = op.post(url("/applications/contract"), data={"csrf": page_csrf(op), "id": app,
                "version": version(app), "filed_on": "2026-12-11"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT a.status, a.contract_filed_on, f.status FROM application a "
               f"JOIN facility f ON f.id = a.facility_id WHERE a.id = {app}") == \
        [["active", "2026-12-11", "active"]]


def jst_today(days=0):
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=9, days=days)).date()


def test_A10_5_withdrawal_takes_effect_on_its_date():
    from conftest import clock_set
    fm = make_user(role="facility_manager")
    leaver = make_user()
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    ls = logged_in(leaver)
    uid = sql(f"SELECT id FROM users WHERE login = '{leaver.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=uid, effective_date=str(jst_today(3)))
    assert sole(pres, app_id(r)).status_code == 303
    assert ls.get(url("/"), allow_redirects=False).status_code == 200   # not yet
    try:
        clock_set(3 * 86400)
        r = ls.get(url("/"), allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"
        _, r = login(leaver)
        assert "ログインできませんでした" in r.text
        assert "users ended by withdrawal: 1" in ctl("users", "expire").stdout
        assert sql(f"SELECT status FROM cert WHERE serial = '{leaver.serial}'") == [["revoked"]]
    finally:
        clock_set(0)


def test_A10_5_withdrawal_user_cannot_log_in_last_user_cancels_facility():
    ctl("facility", "add", "--code", "SOLO01", "--name", "ひとり診療所", "--kind", "clinic")
    fm = make_user(role="facility_manager", facility="SOLO01")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    uid = sql(f"SELECT id FROM users WHERE login = '{fm.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=uid, effective_date=str(jst_today()))
    app = app_id(r)
    assert sole(pres, app).status_code == 303
    _, r = login(fm)
    assert r.status_code == 403 and "失効" in r.text      # the certificate is revoked too
    assert sql(f"SELECT status FROM cert WHERE serial = '{fm.serial}'") == [["revoked"]]
    assert sql(f"SELECT status FROM users WHERE login = '{fm.login}'") == [["withdrawn"]]
    assert sql("SELECT status FROM facility WHERE code = 'SOLO01'") == [["cancelling"]]


def test_A13_1_A13_2_id_revocation_disables_login_and_goes_on_agenda():
    op = logged_in(make_user(role="operator"))
    victim = make_user()
    vs = logged_in(victim)
    r = op.post(url("/users/revoke"), data={"csrf": page_csrf(op), "login": victim.login,
                "reason": "misuse", "detail": "警告後も改善なし", "confirm": "1"},
                allow_redirects=False)
    assert r.status_code == 303
    assert vs.get(url("/")).status_code == 403          # certificate revoked at once
    assert sql(f"SELECT status FROM users WHERE login = '{victim.login}'") == [["revoked"]]
    m = new_meeting(op)
    agenda = op.get(url(f"/meetings/view?id={m}")).text
    assert victim.login in agenda[agenda.index("agenda-revocations"):]


def test_facility_manager_sees_only_own_facility_and_cannot_decide():
    mine = make_user(role="facility_manager", facility="DEMO01")
    other = make_user(role="facility_manager", facility="DEMO02")
    s1, s2 = logged_in(mine), logged_in(other)
    r, _ = submit(s1, "user_register", user_login=f"own{mine.login[:6]}".replace(".", ""),
                  user_name="自施設 職員", profession="nurse")
    app = app_id(r)
    assert s2.get(url(f"/applications/view?id={app}")).status_code == 404
    assert "自施設 職員" not in s2.get(url("/applications")).text
    r = s2.post(url("/applications/decide"), data={"csrf": page_csrf(s2), "id": app,
                "version": version(app), "decision": "approved", "sole_reason": "x"})
    assert r.status_code == 403
    assert sql(f"SELECT status FROM application WHERE id = {app}") == [["submitted"]]
    # A withdrawal can name only a user of the manager's own facility.
    uid = sql(f"SELECT id FROM users WHERE login = '{mine.login}'")[0][0]
    r, _ = submit(s2, "user_withdraw", target=uid, effective_date="2026-12-31")
    assert r.status_code == 422


def test_stale_version_409_double_submit_one_record_csrf_refused():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    data = {**form(s, "user_register"), **paper("user_register"),
            "user_login": f"dbl{fm.login[:6]}".replace(".", ""),
            "user_name": "二重 送信", "profession": "nurse"}
    r1 = s.post(url("/applications/new"), data=data, allow_redirects=False)
    r2 = s.post(url("/applications/new"), data=data, allow_redirects=False)
    assert r1.status_code == r2.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM application WHERE idem = '{data['idem']}'") == [["1"]]
    app = app_id(r1)
    stale = version(app)
    assert sole(pres, app, "rejected").status_code == 303
    r = pres.post(url("/applications/decide"), data={"csrf": page_csrf(pres), "id": app,
                  "version": stale, "decision": "approved", "sole_reason": "再決定"})
    assert r.status_code == 409 and "他の方が先に更新しました" in r.text
    assert sql(f"SELECT decision FROM application WHERE id = {app}") == [["rejected"]]
    before = sql("SELECT COUNT(*) FROM application")
    r = s.post(url("/applications/new"), data={**form(s, "user_register"), "csrf": "0" * 64,
               "user_login": "csrfx", "user_name": "x", "profession": "nurse"})
    assert r.status_code == 403 and sql("SELECT COUNT(*) FROM application") == before


def test_A9_draft_then_submit_and_staff_enters_paper_form():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login=f"dr{fm.login[:6]}".replace(".", ""),
                  user_name="下書き 太郎", profession="nurse", action="draft")
    app = app_id(r)
    assert sql(f"SELECT status FROM application WHERE id = {app}") == [["draft"]]
    m = new_meeting(pres, "2027-02-01")
    assert "下書き 太郎" not in pres.get(url(f"/meetings/view?id={m}")).text
    r = s.post(url("/applications/submit"), data={"csrf": page_csrf(s), "id": app,
               "version": version(app)}, allow_redirects=False)
    assert r.status_code == 303
    assert "下書き 太郎" in pres.get(url(f"/meetings/view?id={m}")).text
    # Council staff enter a facility's paper form 1, but never forms 2 and 3.
    staff = logged_in(make_user(role="staff"))
    r, _ = submit(staff, "facility_join", fac_name="紙申請の歯科", fac_kind="dental",
                  fac_address="山形県最上郡", in_region="1", wants_viewing="1",
                  manager_name="歯科 院長")
    assert r.status_code == 303
    assert staff.get(url("/applications/new?kind=user_register")).status_code == 403


def test_A4_2_operator_issues_initial_password_to_be_changed_at_first_login():
    op = logged_in(make_user(role="operator"))
    u = make_user()
    r = op.post(url("/admin/users/password"), data={"csrf": page_csrf(op), "login": u.login})
    assert r.status_code == 200
    pw = re.search(r'id="initial-password">([A-Za-z0-9]{14})<', r.text).group(1)
    assert pw not in str(sql("SELECT * FROM audit"))
    s, r = login(u, password=pw)
    assert r.status_code == 303 and r.headers["location"] == "/password"
