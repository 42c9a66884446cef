"""test_office.py: the network office's weekday work in the browser (issue 20): accounts
made by decisions, duplicate login IDs, forms that keep what was typed (A9, A10.2, A10.3)."""
import os
import re

from conftest import url, sql, make_user, logged_in, page_csrf, csrf_from
from test_council import form, submit, app_id, version, sole


def fresh_login(prefix="of"):
    return f"{prefix}{os.urandom(4).hex()}"


# --- duplicate login IDs and field errors (A10.2) ------------------------------------

def test_A10_2_login_id_taken_refused_beside_the_field_when_submitted():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login=fm.login, user_name="重複 花子",
                  profession="nurse")
    assert r.status_code == 422, r.text[:300]
    assert 'id="err-user_login"' in r.text and "既に使われています" in r.text
    assert 'value="重複 花子"' in r.text and f'value="{fm.login}"' in r.text


def test_A10_2_login_id_waiting_in_another_application_refused_when_submitted():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    login_id = fresh_login()
    r, _ = submit(s, "user_register", user_login=login_id, user_name="先 申請",
                  profession="nurse")
    assert r.status_code == 303
    r, _ = submit(s, "user_register", user_login=login_id, user_name="後 申請",
                  profession="nurse")
    assert r.status_code == 422 and "既に使われています" in r.text


def test_A10_2_login_id_taken_since_submission_refused_when_decided_not_503():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    login_id = fresh_login()
    r, _ = submit(s, "user_register", user_login=login_id, user_name="後で 重複",
                  profession="nurse")
    app = app_id(r)
    make_user(login=login_id)            # someone took the ID meanwhile (the admin tool)
    r = sole(pres, app)
    assert r.status_code == 422, r.text[:300]
    assert 'id="err-user_login"' in r.text and "既に使われています" in r.text
    # What the president typed stays, nothing is decided; rejecting still works.
    assert "感染症流行のため" in r.text
    assert sql(f"SELECT status FROM application WHERE id = {app}") == [["submitted"]]
    assert sole(pres, app, "rejected").status_code == 303


def test_A10_2_kanji_login_id_is_a_field_error_not_a_400_page():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login="山田太郎", user_name="山田 太郎",
                  profession="nurse")
    assert r.status_code == 422, r.text[:300]
    assert 'id="err-user_login"' in r.text and 'value="山田太郎"' in r.text
    assert "項目: user_login" not in r.text and "項目：" not in r.text


# --- accounts made by a decision, and who hears of it (A9, A10.2, A10.3) -------------

def notes(audience, kind, object_id, fac=0):
    return sql(f"SELECT COUNT(*) FROM notification WHERE audience = '{audience}' AND "
               f"facility_id = {fac} AND kind = '{kind}' AND object_id = {object_id}")[0][0]


def test_A9_A10_3_approving_form_1_makes_the_managers_account_and_tells_who_is_next():
    staff = logged_in(make_user(role="staff"))
    pres = logged_in(make_user(role="president"))
    manager = fresh_login("mg")
    r, _ = submit(staff, "facility_join", fac_name="あたらし診療所", fac_kind="clinic",
                  fac_address="山形県新庄市", in_region="1", wants_viewing="1",
                  manager_name="新 院長", manager_login=manager,
                  manager_profession="physician")
    assert r.status_code == 303, r.text[:300]
    app = app_id(r)
    assert notes("president", "application.submitted", app) == "1"
    assert sole(pres, app).status_code == 303
    fac, status = sql(f"SELECT f.id, f.status FROM application a JOIN facility f "
                      f"ON f.id = a.facility_id WHERE a.id = {app}")[0]
    assert status == "onboarding"
    uid, name, ufac, prof, ustatus = sql(
        f"SELECT id, name, facility_id, profession, status FROM users WHERE login = '{manager}'")[0]
    assert (name, ufac, prof, ustatus) == ("新 院長", fac, "physician", "active")
    assert sql(f"SELECT role FROM user_role WHERE user_id = {uid}") == [["facility_manager"]]
    assert notes("operator", "cert.needed", uid) == "1"
    assert notes("facility_manager", "application.decided", app, fac) == "1"


def test_A10_2_approving_form_2_makes_the_users_account_and_notifies():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    login_id = fresh_login("u")
    r, _ = submit(s, "user_register", user_login=login_id, user_name="登録 看護師",
                  profession="nurse")
    app = app_id(r)
    assert notes("president", "application.submitted", app) == "1"
    assert sole(pres, app).status_code == 303
    uid = sql(f"SELECT id FROM users WHERE login = '{login_id}'")[0][0]
    assert sql(f"SELECT role FROM user_role WHERE user_id = {uid}") == [["user"]]
    fac = sql(f"SELECT facility_id FROM users WHERE login = '{fm.login}'")[0][0]
    assert notes("facility_manager", "application.decided", app, fac) == "1"
    assert notes("operator", "cert.needed", uid) == "1"
    # A rejection makes no account and needs no certificate.
    r, _ = submit(s, "user_register", user_login=fresh_login("u"), user_name="不承認 太郎",
                  profession="nurse")
    app2 = app_id(r)
    assert sole(pres, app2, "rejected").status_code == 303
    assert notes("facility_manager", "application.decided", app2, fac) == "1"
    assert sql(f"SELECT COUNT(*) FROM users WHERE name = '不承認 太郎'") == [["0"]]


def test_A9_form_1_manager_login_taken_refused_when_submitted():
    staff = logged_in(make_user(role="staff"))
    taken = make_user()
    r, _ = submit(staff, "facility_join", fac_name="重複 薬局", fac_kind="pharmacy",
                  fac_address="山形県", in_region="1", wants_viewing="1",
                  manager_name="薬局 店主", manager_login=taken.login,
                  manager_profession="pharmacist")
    assert r.status_code == 422 and "既に使われています" in r.text


# --- certificates: the queue, the page that asks first, Japan time (A4.2) --------------

def test_A4_2_new_account_waits_on_the_certificate_page_and_is_issued_from_there():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    op = logged_in(make_user(role="operator"))
    s = logged_in(fm)
    login_id = fresh_login("w")
    r, _ = submit(s, "user_register", user_login=login_id, user_name="証明書 待ち",
                  profession="nurse")
    assert sole(pres, app_id(r)).status_code == 303
    uid = sql(f"SELECT id FROM users WHERE login = '{login_id}'")[0][0]
    page = op.get(url(f"/admin/certs?user={uid}")).text
    assert f'id="waiting-{login_id}"' in page and "証明書 待ち" in page
    assert f'id="issue-login" name="login" value="{login_id}"' in page   # the link fills it in
    r = op.post(url("/admin/certs/issue"), data={"csrf": page_csrf(op), "login": login_id})
    assert r.status_code == 200 and "日本時間" in r.text and "UTC" not in r.text
    page = op.get(url("/admin/certs")).text
    assert f'id="waiting-{login_id}"' not in page
    # The list gives expiries in Japan time (they were blank: a buffer too short).
    table = page[page.index('<table id="certs">'):]
    assert re.search(r'<td class="nowrap">\d{4}年\d{1,2}月\d{1,2}日（.） \d{2}:\d{2}', table)   # issue 19's one style


def test_A4_2_revocation_asks_first_with_no_reason_chosen_in_advance():
    op = logged_in(make_user(role="operator"))
    victim = make_user()
    page = op.get(url(f"/admin/certs/revoke?serial={victim.serial}"))
    assert page.status_code == 200
    assert "元に戻すことはできません" in page.text and "試験 " + victim.login in page.text
    assert "selected" not in page.text.split('id="reason"')[1].split("</select>")[0]
    assert sql(f"SELECT status FROM cert WHERE serial = '{victim.serial}'") == [["active"]]
    r = op.post(url("/admin/certs/revoke"), data={"csrf": page_csrf(op), "serial": victim.serial})
    assert r.status_code == 422 and 'id="err-reason"' in r.text
    assert sql(f"SELECT status FROM cert WHERE serial = '{victim.serial}'") == [["active"]]
    r = op.post(url("/admin/certs/revoke"), data={"csrf": page_csrf(op), "serial": victim.serial,
                "reason": "cessation"}, allow_redirects=False)
    assert r.status_code == 303
    assert "失効リストを更新しました" in op.get(url(r.headers["location"])).text
    assert sql(f"SELECT status, revoke_reason FROM cert WHERE serial = '{victim.serial}'") == \
        [["revoked", "cessation"]]


def test_A4_2_misuse_report_and_waiting_applications_reach_the_presidents_notifications():
    op = logged_in(make_user(role="operator"))
    pres_user = make_user(role="president")
    pres = logged_in(pres_user)
    target = make_user()
    uid = sql(f"SELECT id FROM users WHERE login = '{target.login}'")[0][0]
    page = op.get(url("/misuse/reports")).text
    m = re.search(r'name="idem" value="([0-9a-f]{64})"', page)
    data = {"csrf": page_csrf(op), "user": uid, "summary": "夜間の大量閲覧"}
    if m:
        data["idem"] = m.group(1)
    else:
        data["idem"] = os.urandom(32).hex()
    r = op.post(url("/misuse/report"), data=data, allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    rid = sql("SELECT MAX(id) FROM misuse_report")[0][0]
    assert notes("president", "misuse.report", rid) == "1"
    html = pres.get(url("/notifications")).text
    assert "不適正利用の報告が届きました" in html and 'href="/misuse/reports"' in html
    assert "未読の通知" in pres.get(url("/")).text


# --- facilities: added and edited, moved on a council decision (A9, A18) ---------------

def add_facility(op, code=None, **over):
    code = code or f"T{os.urandom(3).hex().upper()}"
    data = {"csrf": page_csrf(op, "/admin/facilities/new"), "code": code,
            "name": f"試験 医院 {code}", "kind": "clinic", "medical_code": "0612345678",
            "address": "山形県新庄市", "phone": "0233-22-0000", "contact": "事務 太郎",
            "viewing": "1", "status": "applying"}
    data.update(over)
    return op.post(url("/admin/facilities/new"), data=data, allow_redirects=False), code


def test_A9_operator_adds_and_edits_a_facility_with_field_errors_kept():
    op = logged_in(make_user(role="operator"))
    r, code = add_facility(op, medical_code="12345", kind="", phone="電話")
    assert r.status_code == 422
    for f in ("medical_code", "kind", "phone"):
        assert f'id="err-{f}"' in r.text, f
    assert f'value="{code}"' in r.text and 'value="事務 太郎"' in r.text
    r, code = add_facility(op)
    assert r.status_code == 303
    fid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    page = op.get(url(r.headers["location"])).text
    assert "施設を追加しました" in page and "加入申請中" in page and 'id="fac-form1"' in page
    assert sql(f"SELECT kind, status, in_region, medical_code, phone, contact FROM facility "
               f"WHERE id = {fid}") == [["clinic", "applying", "1", "0612345678",
                                         "0233-22-0000", "事務 太郎"]]
    r, _ = add_facility(op, code=code)
    assert r.status_code == 422 and "既に使われています" in r.text
    ver = sql(f"SELECT version FROM facility WHERE id = {fid}")[0][0]
    r = op.post(url("/admin/facilities/edit"), data={
        "csrf": page_csrf(op), "id": fid, "version": ver, "name": "改称 医院", "kind": "dental",
        "disclosing": "1", "viewing": "1", "address": "山形県最上郡"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT name, kind, disclosing, address, contact IS NULL FROM facility "
               f"WHERE id = {fid}") == [["改称 医院", "dental", "1", "山形県最上郡", "1"]]
    # A stale version is refused; the list names kinds and states in Japanese.
    r = op.post(url("/admin/facilities/edit"), data={
        "csrf": page_csrf(op), "id": fid, "version": ver, "name": "x", "kind": "clinic",
        "viewing": "1"})
    assert r.status_code == 409
    listing = op.get(url("/facilities")).text
    row = listing[listing.index(f'id="facility-{code}"'):]
    row = row[:row.index("</tr>")]
    assert "歯科診療所" in row and "加入申請中" in row and "dental" not in row
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action IN ('facility.add', 'facility.edit') "
               f"AND object_id = '{fid}'") == [["2"]]


def test_A18_moving_a_facility_out_records_the_council_decision_it_rests_on():
    op = logged_in(make_user(role="operator"))
    pres = logged_in(make_user(role="president"))
    r, code = add_facility(op, status="active")
    fid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    page = op.get(url(f"/facilities/region?id={fid}"))
    assert page.status_code == 200 and "協議会の承認が必要です" in page.text
    ver = sql(f"SELECT version FROM facility WHERE id = {fid}")[0][0]
    base = {"csrf": page_csrf(op), "id": fid, "version": ver, "in_region": "0"}
    r = op.post(url("/facilities/region"), data=base)
    assert r.status_code == 422 and 'id="err-decision_kind"' in r.text
    r = op.post(url("/facilities/region"), data={**base, "decision_kind": "sole",
                                                 "note": "県境の診療所"})
    assert r.status_code == 422 and 'id="err-sole_reason"' in r.text
    assert 'id="err-decided_on"' in r.text and "県境の診療所" in r.text
    assert sql(f"SELECT in_region FROM facility WHERE id = {fid}") == [["1"]]
    from test_council import new_meeting
    m = new_meeting(pres, "2026-11-20")
    r = op.post(url("/facilities/region"), data={**base, "decision_kind": "meeting",
                                                 "meeting": m}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT f.in_region, c.decision_kind, c.meeting_id, c.decided_on FROM facility f "
               f"JOIN facility_region_change c ON c.facility_id = f.id WHERE f.id = {fid}") == \
        [["0", "meeting", str(m), "2026-11-20"]]
    page = op.get(url(f"/admin/facilities/edit?id={fid}")).text
    assert "協議会決定" in page and "2026年11月20日" in page
    ver = sql(f"SELECT version FROM facility WHERE id = {fid}")[0][0]
    r = op.post(url("/facilities/region"), data={
        "csrf": page_csrf(op), "id": fid, "version": ver, "in_region": "1",
        "decision_kind": "sole", "decided_on": "2026-12-01", "sole_reason": "緊急のため"},
        allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM facility_region_change WHERE facility_id = {fid}") == [["2"]]


def test_A9_A10_4_form_1_for_a_facility_the_office_added_onboards_that_facility():
    op = logged_in(make_user(role="operator"))
    pres = logged_in(make_user(role="president"))
    name = f"先に 追加 診療所 {os.urandom(3).hex()}"
    r, code = add_facility(op, name=name)
    fid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    page = op.get(url(f"/applications/new?kind=facility_join&facility={fid}")).text
    assert f'value="{name}"' in page and f'name="facility" value="{fid}"' in page
    # Issue 21's year: what the office typed for the facility is on its form 1 already.
    for field, value in (("fac_code", "0612345678"), ("fac_phone", "0233-22-0000"),
                         ("contact_name", "事務 太郎")):
        assert re.search(rf'id="{field}" name="{field}"[^>]*value="{value}"', page), field
    manager = fresh_login("mg")
    r, _ = submit(op, "facility_join", facility=fid, fac_name=name,
                  fac_kind="clinic", fac_address="山形県", in_region="1", wants_viewing="1",
                  manager_name="先 院長", manager_login=manager,
                  manager_profession="physician")
    assert r.status_code == 303
    app = app_id(r)
    assert sole(pres, app).status_code == 303
    assert sql(f"SELECT status FROM facility WHERE id = {fid}") == [["onboarding"]]
    assert sql(f"SELECT facility_id FROM users WHERE login = '{manager}'") == [[fid]]
    assert sql(f"SELECT COUNT(*) FROM facility WHERE name = '{name}'") == [["1"]]
    # Once it is no longer applying, another form 1 for it is refused.
    assert op.get(url(f"/applications/new?kind=facility_join&facility={fid}")).status_code == 409


# --- accounts: disabled and enabled with a reason, the address, a manager's roster -----

def test_A4_2_operator_disables_and_enables_an_account_with_a_reason():
    op = logged_in(make_user(role="operator"))
    staff = logged_in(make_user(role="staff"))
    u = make_user()
    us = logged_in(u)
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    page = op.get(url(f"/admin/users?q={u.login}")).text
    assert f'id="user-{u.login}"' in page and "利用者" in page and "利用中" in page
    ver = sql(f"SELECT version FROM users WHERE id = {uid}")[0][0]
    r = op.post(url("/admin/users/status"), data={"csrf": page_csrf(op), "id": uid,
                "version": ver, "status": "disabled", "reason": "　"})
    assert r.status_code == 422 and 'id="err-reason"' in r.text
    r = op.post(url("/admin/users/status"), data={"csrf": page_csrf(op), "id": uid,
                "version": ver, "status": "disabled", "reason": "産休（6か月）"},
                allow_redirects=False)
    assert r.status_code == 303
    assert us.get(url("/"), allow_redirects=False).status_code in (303, 403)
    assert sql(f"SELECT status FROM users WHERE id = {uid}") == [["disabled"]]
    assert sql(f"SELECT status FROM cert WHERE serial = '{u.serial}'") == [["active"]]
    page = op.get(url(r.headers["location"])).text
    assert "利用停止中" in page and "産休（6か月）" in page and "利用を再開する" in page
    # Staff read the page but have no forms and cannot post.
    assert 'id="status-form"' not in staff.get(url(f"/admin/users/view?id={uid}")).text
    ver = sql(f"SELECT version FROM users WHERE id = {uid}")[0][0]
    assert staff.post(url("/admin/users/status"), data={"csrf": page_csrf(staff), "id": uid,
                      "version": ver, "status": "active", "reason": "x"}).status_code == 403
    r = op.post(url("/admin/users/status"), data={"csrf": page_csrf(op), "id": uid,
                "version": ver, "status": "active", "reason": "復職"}, allow_redirects=False)
    assert r.status_code == 303
    logged_in(u)
    assert sql(f"SELECT status, reason FROM user_status_change WHERE user_id = {uid} "
               f"ORDER BY id") == [["disabled", "産休（6か月）"], ["active", "復職"]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action IN ('user.disable', 'user.enable') "
               f"AND object_id = '{uid}'") == [["2"]]


def test_A13_a_revoked_account_is_never_enabled_from_the_accounts_page():
    op = logged_in(make_user(role="operator"))
    u = make_user()
    r = op.post(url("/users/revoke"), data={"csrf": page_csrf(op), "login": u.login,
                "reason": "misuse", "detail": "警告後も改善なし", "confirm": "1"},
                allow_redirects=False)
    assert r.status_code == 303
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    ver = sql(f"SELECT version FROM users WHERE id = {uid}")[0][0]
    r = op.post(url("/admin/users/status"), data={"csrf": page_csrf(op), "id": uid,
                "version": ver, "status": "active", "reason": "誤り"})
    assert r.status_code == 409
    assert sql(f"SELECT status FROM users WHERE id = {uid}") == [["revoked"]]


def test_A4_2_operator_sets_a_users_address_for_the_misuse_rule():
    op = logged_in(make_user(role="operator"))
    u = make_user()
    uid = sql(f"SELECT id FROM users WHERE login = '{u.login}'")[0][0]
    ver = sql(f"SELECT version FROM users WHERE id = {uid}")[0][0]
    r = op.post(url("/admin/users/address"), data={"csrf": page_csrf(op), "id": uid,
                "version": ver, "address": "山形県新庄市沖の町1-1"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT address FROM users WHERE id = {uid}") == [["山形県新庄市沖の町1-1"]]
    assert "住所を保存しました" in op.get(url(r.headers["location"])).text


def test_A10_5_managers_roster_lists_own_users_and_starts_form_3_from_a_row():
    fm = make_user(role="facility_manager", facility="DEMO02")
    mine = make_user(facility="DEMO02", profession="nurse")
    other = make_user(facility="DEMO01")
    s = logged_in(fm)
    logged_in(mine)
    page = s.get(url("/facility/users")).text
    assert f'id="user-{mine.login}"' in page and f'id="user-{other.login}"' not in page
    row = page[page.index(f'id="user-{mine.login}"'):]
    row = row[:row.index("</tr>")]
    assert "看護師" in row and "利用中" in row and re.search(r"\d{4}年\d{1,2}月\d{1,2}日（.） \d{2}:\d{2}", row)
    uid = sql(f"SELECT id FROM users WHERE login = '{mine.login}'")[0][0]
    assert f"/applications/new?kind=user_withdraw&amp;target={uid}" in row
    form3 = s.get(url(f"/applications/new?kind=user_withdraw&target={uid}")).text
    assert f'<option value="{uid}" selected>' in form3


# --- the home page's "対応が必要なこと" (issue 20) ---------------------------------------

def todo(s, key):
    """The count the home card shows for key, or 0 when it folded away."""
    html = s.get(url("/")).text
    assert 'id="home-todo"' in html
    m = re.search(rf'id="todo-{key}"><span class="label">[^<]*</span> <strong>(\d+)</strong>',
                  html)
    return int(m.group(1)) if m else 0


def network_counts():
    q = {k: v for k, v in {
        "to_decide": "SELECT COUNT(*) FROM application WHERE status = 'submitted'",
        "consents": "SELECT COUNT(*) FROM consent WHERE status = 'submitted'",
        "quarantined": "SELECT COUNT(*) FROM import_file WHERE status = 'quarantined'",
        "misuse_alerts": "SELECT COUNT(*) FROM misuse_alert WHERE status = 'open'",
        "misuse_reports": "SELECT COUNT(*) FROM misuse_report WHERE acknowledged_at IS NULL",
        "to_onboard": "SELECT COUNT(*) FROM application WHERE status = 'onboarding'",
        "link_requests": "SELECT COUNT(*) FROM patient_link WHERE requested_patient_id IS NOT "
                         "NULL AND patient_id IS NULL",
    }.items()}
    return {k: int(sql(v)[0][0]) for k, v in q.items()}


def test_A4_2_A10_3_home_cards_count_what_waits_for_each_role():
    pres = logged_in(make_user(role="president"))
    op = logged_in(make_user(role="operator"))
    staff = logged_in(make_user(role="staff"))
    desk = logged_in(make_user(role="desk", profession="contract_employee"))
    fm_user = make_user(role="facility_manager")
    fm = logged_in(fm_user)
    want = network_counts()
    for key in ("to_decide", "misuse_reports"):
        assert todo(pres, key) == want[key], key
    for key in ("consents", "quarantined", "misuse_alerts", "to_onboard", "link_requests"):
        assert todo(op, key) == want[key], key
    for key in ("consents", "quarantined", "misuse_alerts", "link_requests"):
        assert todo(staff, key) == want[key], key
    # Each role sees only its own: the president no consents, staff no applications.
    assert 'id="todo-consents"' not in pres.get(url("/")).text
    assert 'id="todo-to_decide"' not in staff.get(url("/")).text
    assert 'id="todo-certs"' not in staff.get(url("/")).text
    # A new application and the account it makes move the counts by one each.
    before_decide, before_certs = todo(pres, "to_decide"), todo(op, "certs")
    r, _ = submit(fm, "user_register", user_login=fresh_login("h"), user_name="ホーム 確認",
                  profession="nurse")
    app = app_id(r)
    assert todo(pres, "to_decide") == before_decide + 1
    assert sole(pres, app).status_code == 303
    assert todo(pres, "to_decide") == before_decide
    assert todo(op, "certs") == before_certs + 1
    # The desk's card: overdue complaints only (the count matches the list's).
    overdue = int(sql("SELECT COUNT(*) FROM complaint WHERE status IN ('received', "
                      "'investigating') AND due_on < DATE(UTC_TIMESTAMP() + INTERVAL 9 HOUR)")
                  [0][0])
    assert todo(desk, "complaints_overdue") == overdue
    # A facility manager: a zero count folds away; their own facility's alert shows.
    fid = sql(f"SELECT facility_id FROM users WHERE login = '{fm_user.login}'")[0][0]
    open_alerts = int(sql(f"SELECT COUNT(*) FROM misuse_alert WHERE status = 'open' AND "
                          f"facility_id = {fid}")[0][0])
    assert todo(fm, "fm_misuse_alerts") == open_alerts
    r, _ = submit(fm, "user_register", user_login=fresh_login("d"), user_name="下書き 確認",
                  profession="nurse", action="draft")
    assert todo(fm, "fm_drafts") == 1


def test_A4_2_A10_3_home_card_says_nothing_waits_when_every_count_is_zero():
    # A facility manager of a facility with nothing open: every count folds away.
    op = logged_in(make_user(role="operator"))
    r, code = add_facility(op, status="active")
    fm = logged_in(make_user(role="facility_manager", facility=code))
    html = fm.get(url("/")).text
    assert 'id="todo-none"' in html and "対応が必要なことはありません" in html
    # A user is not staff: no card.
    assert 'id="home-todo"' not in logged_in(make_user()).get(url("/")).text


# --- import sources: folders checked, on/off, stale warning, run now (I6) -------------

def test_I6_import_source_folders_are_checked_before_they_are_saved(tmp_path):
    from conftest import VAR
    op = logged_in(make_user(role="operator"))
    r, code = add_facility(op, status="active", disclosing="1")
    fid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    page = op.get(url(f"/admin/imports/sources?facility={fid}")).text
    assert 'id="source-form"' in page and f'id="source-{code}"' in page
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    good = tmp_path / "std"
    good.mkdir()
    (VAR / "tmp-source").mkdir(exist_ok=True)
    cases = {"std": "absolute", str(tmp_path / "nothere"): "missing",
             f"{good}/../std": "dots", str(a_file): "notdir",
             str(VAR / "tmp-source"): "in_var"}
    if os.geteuid() != 0:
        cases[str(locked)] = "unreadable"
    msgs = {"absolute": "絶対パス", "missing": "ありません", "dots": "「..」",
            "notdir": "フォルダではありません", "in_var": "var/", "unreadable": "権限"}
    for path, why in cases.items():
        r = op.post(url("/admin/imports/sources"), data={
            "csrf": page_csrf(op), "facility": fid, "version": "0", "root_dir": path,
            "enabled": "1", "stale_days": "3"})
        assert r.status_code == 422, (path, r.status_code)
        assert 'id="err-root_dir"' in r.text and msgs[why] in r.text, why
        assert f'value="{path}"' in r.text          # what was typed stays
    r = op.post(url("/admin/imports/sources"), data={
        "csrf": page_csrf(op), "facility": fid, "version": "0", "root_dir": str(good),
        "ext_dir": str(a_file), "enabled": "1", "stale_days": "0"})
    assert r.status_code == 422 and 'id="err-ext_dir"' in r.text and 'id="err-stale_days"' in r.text
    assert sql(f"SELECT COUNT(*) FROM facility_ssmix2 WHERE facility_id = {fid}") == [["0"]]
    r = op.post(url("/admin/imports/sources"), data={
        "csrf": page_csrf(op), "facility": fid, "version": "0", "root_dir": str(good),
        "stale_days": "5"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT root_dir, ext_dir IS NULL, enabled, stale_days FROM facility_ssmix2 "
               f"WHERE facility_id = {fid}") == [[str(good), "1", "0", "5"]]
    assert "取り込み元を保存しました" in op.get(url(r.headers["location"])).text
    locked.chmod(0o700)


def test_I6_import_source_warns_when_nothing_arrived_and_runs_now(tmp_path):
    from conftest import ctl
    from test_import import put, lab
    op = logged_in(make_user(role="operator"))
    staff = logged_in(make_user(role="staff"))
    r, code = add_facility(op, status="active", disclosing="1")
    fid = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    root = tmp_path / "std"
    root.mkdir()
    r = op.post(url("/admin/imports/sources"), data={
        "csrf": page_csrf(op), "facility": fid, "version": "0", "root_dir": str(root),
        "enabled": "1", "stale_days": "2"}, allow_redirects=False)
    assert r.status_code == 303
    # On, and nothing has ever arrived: the row warns. Staff see it, without the forms.
    page = staff.get(url("/admin/imports/sources")).text
    assert f'id="stale-{code}"' in page and f'id="run-{code}"' not in page
    # Off again (the scheduler leaves it alone), a file arrives, the operator runs it now.
    ver = sql(f"SELECT version FROM facility_ssmix2 WHERE facility_id = {fid}")[0][0]
    assert op.post(url("/admin/imports/sources"), data={
        "csrf": page_csrf(op), "facility": fid, "version": ver, "root_dir": str(root),
        "stale_days": "2"}, allow_redirects=False).status_code == 303
    put(root, "3000011", "20240105", "OML-11", "000000000000961", "20240105120000000", 1,
        lab("3000011", "000000000000961"))
    page = op.get(url("/admin/imports/sources")).text
    assert f'id="stale-{code}"' not in page          # off: no warning
    r = op.post(url("/admin/imports/run"), data={"csrf": page_csrf(op), "facility": fid},
                allow_redirects=False)
    assert r.status_code == 303 and "m=requested" in r.headers["location"]
    assert "取り込みを依頼しました" in op.get(url(r.headers["location"])).text
    assert sql(f"SELECT run_requested_at IS NOT NULL FROM facility_ssmix2 "
               f"WHERE facility_id = {fid}") == [["1"]]
    # The scheduler's pass (run here at once rather than waited for).
    ctl("ssmix2", "import-all", "--requested", check=False)
    assert sql(f"SELECT status FROM import_file WHERE facility_id = {fid}") == [["imported"]]
    assert sql(f"SELECT run_requested_at IS NULL FROM facility_ssmix2 "
               f"WHERE facility_id = {fid}") == [["1"]]
    row = op.get(url("/admin/imports/sources")).text
    row = row[row.index(f'id="source-{code}"'):]
    row = row[:row.index("</tr>")]
    assert "取り込み 1" in row and "隔離 0" in row
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action IN ('ssmix2.set', 'ssmix2.run_now') "
               f"AND object_id = '{fid}'") == [["3"]]


# --- irreversible actions ask first (A13.1, A10.3) -------------------------------------

def test_A13_1_id_revocation_asks_first_and_keeps_a_bad_form():
    op = logged_in(make_user(role="operator"))
    victim = make_user()
    # Nothing chosen in advance; a missing reason and an unknown ID come back beside them.
    page = op.get(url(f"/applications?revoke={victim.login}")).text
    assert f'id="rv-login" name="login" maxlength="64" value="{victim.login}"' in page
    assert "selected" not in page.split('id="rv-reason"')[1].split("</select>")[0]
    r = op.post(url("/users/revoke"), data={"csrf": page_csrf(op), "login": "山田",
                "detail": "経緯の記録"})
    assert r.status_code == 422
    assert 'id="err-rv_login"' in r.text and 'id="err-rv_reason"' in r.text
    assert "経緯の記録" in r.text and 'value="山田"' in r.text
    r = op.post(url("/users/revoke"), data={"csrf": page_csrf(op), "login": victim.login,
                "reason": "left_facility", "detail": "3月末で退職"})
    assert r.status_code == 200 and "元に戻すことはできません" in r.text
    assert "試験 " + victim.login in r.text and 'name="confirm" value="1"' in r.text
    assert sql(f"SELECT status FROM users WHERE login = '{victim.login}'") == [["active"]]
    r = op.post(url("/users/revoke"), data={"csrf": page_csrf(op), "login": victim.login,
                "reason": "left_facility", "detail": "3月末で退職", "confirm": "1"},
                allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status FROM users WHERE login = '{victim.login}'") == [["revoked"]]


def test_A10_3_marking_a_meeting_held_asks_first_and_is_refused_before_its_day():
    import datetime
    from test_council import new_meeting
    pres = logged_in(make_user(role="president"))
    later = str((datetime.datetime.utcnow() + datetime.timedelta(hours=9, days=30)).date())
    m = new_meeting(pres, later)
    r = pres.get(url(f"/meetings/held?id={m}"))
    assert r.status_code == 409 and "開催日はまだ来ていません" in r.text
    ver = sql(f"SELECT version FROM meeting WHERE id = {m}")[0][0]
    r = pres.post(url("/meetings/held"), data={"csrf": page_csrf(pres), "id": m, "version": ver})
    assert r.status_code == 409
    assert sql(f"SELECT status FROM meeting WHERE id = {m}") == [["planned"]]
    m = new_meeting(pres)                   # yesterday
    page = pres.get(url(f"/meetings/held?id={m}"))
    assert page.status_code == 200 and "元に戻すことはできません" in page.text
    assert 'id="held-form"' in page.text
    assert f'href="/meetings/held?id={m}"' in pres.get(url(f"/meetings/view?id={m}")).text
    ver = sql(f"SELECT version FROM meeting WHERE id = {m}")[0][0]
    r = pres.post(url("/meetings/held"), data={"csrf": page_csrf(pres), "id": m, "version": ver},
                  allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status FROM meeting WHERE id = {m}") == [["held"]]


# --- the consent queue and a form 4's page (A12.2, A12.4) -----------------------------

def test_A12_4_consent_page_and_queue_name_the_patient_size_scan_and_later_revocation():
    from test_patients import register_patient, register_consent, PDF
    reg = logged_in(make_user("user", facility="DEMO01"))
    op = logged_in(make_user(role="operator"))
    handle, ident, pid = register_patient(reg)
    register_consent(reg, handle)
    cid = sql(f"SELECT MAX(id) FROM consent WHERE patient_id = {pid}")[0][0]
    page = op.get(url(f"/consents/view?id={cid}"))
    assert page.status_code == 200
    name = sql(f"SELECT name FROM patient WHERE id = {pid}")[0][0]
    assert f'id="consent-patient">{name}' in page.text
    # The birth date by the one macro of every page (issue 21's year: a call, not a var).
    y, m, d = (int(x) for x in ident["birth_date"].split("-"))
    assert f'<span class="born nowrap">{y}年{m}月{d}日（' in page.text
    size = f"{len(PDF):,}"
    assert f'id="scan-bytes">{size} バイト' in page.text and "PDF" in page.text
    assert f'<iframe src="/consents/scan?id={cid}"' in page.text
    assert "frame-src 'self'" in page.headers["content-security-policy"]
    scan = op.get(url(f"/consents/scan?id={cid}"))
    assert "frame-ancestors 'self'" in scan.headers["content-security-policy"]
    assert scan.headers["x-frame-options"] == "SAMEORIGIN"
    # Every other page still forbids frames both ways.
    home = op.get(url("/"))
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert "frame-src" not in home.headers["content-security-policy"]
    queue = op.get(url("/consents/queue")).text
    row = queue[queue.index(f'id="queue-{cid}"'):]
    row = row[:row.index("</tr>")]
    assert name in row and f"{size} バイト" in row and "後に撤回あり" not in row
    # The names listed are audited, one entry per patient.
    assert int(sql(f"SELECT COUNT(*) FROM audit WHERE action = 'consent.queue_listed' "
                   f"AND patient_id = {pid}")[0][0]) >= 1
    # The patient revokes (form 5, signed later): both pages flag the form.
    r = reg.get(url(f"/revocations/new?p={handle}"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    r = reg.post(url("/revocations/new"), data={"confirm": "1",
        "csrf": page_csrf(reg, f"/revocations/new?p={handle}"), "p": handle, "idem": idem,
        "signed_on": "2026-11-20", "signer": "patient"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert 'id="consent-revoked-flag"' in op.get(url(f"/consents/view?id={cid}")).text
    queue = op.get(url("/consents/queue")).text
    row = queue[queue.index(f'id="queue-{cid}"'):]
    assert "後に撤回あり" in row[:row.index("</tr>")]


def test_A12_4_rejecting_a_consent_without_a_memo_is_a_field_error_not_a_400():
    from test_patients import register_patient, register_consent
    reg = logged_in(make_user("user", facility="DEMO01"))
    op = logged_in(make_user(role="operator"))
    handle, ident, pid = register_patient(reg)
    register_consent(reg, handle)
    cid = sql(f"SELECT MAX(id) FROM consent WHERE patient_id = {pid}")[0][0]
    ver = sql(f"SELECT version FROM consent WHERE id = {cid}")[0][0]
    r = op.post(url("/consents/check"), data={"csrf": page_csrf(op), "id": cid, "version": ver,
                "decision": "rejected", "note": " "})
    assert r.status_code == 422 and 'id="err-note"' in r.text and "項目" not in r.text
    assert 'value="rejected" id="dec-rejected" checked' in r.text
    assert sql(f"SELECT status FROM consent WHERE id = {cid}") == [["submitted"]]


def test_A12_2_form_5_asks_first_and_records_nothing_until_confirmed():
    from test_patients import register_patient, register_consent
    reg = logged_in(make_user("user", facility="DEMO01"))
    handle, ident, pid = register_patient(reg)
    register_consent(reg, handle)
    r = reg.get(url(f"/revocations/new?p={handle}"))
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', r.text).group(1)
    data = {"csrf": page_csrf(reg, f"/revocations/new?p={handle}"), "p": handle, "idem": idem,
            "signed_on": "2026-11-20", "signer": "proxy", "proxy_name": "代理 花子",
            "proxy_relation": "長女", "note": "窓口で受付"}
    r = reg.post(url("/revocations/new"), data=data, allow_redirects=False)
    assert r.status_code == 200 and 'id="revocation-what"' in r.text
    assert "代理 花子" in r.text and 'name="confirm" value="1"' in r.text
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pid}") == [["0"]]
    r = reg.post(url("/revocations/new"), data={**data, "edit": "1"})   # back to the form
    assert r.status_code == 200 and 'id="revocation-form"' in r.text
    assert 'value="代理 花子"' in r.text
    r = reg.post(url("/revocations/new"), data={**data, "confirm": "1"}, allow_redirects=False)
    assert r.status_code == 303 and "/revocations/receipt?no=R-" in r.headers["location"]
    assert sql(f"SELECT COUNT(*) FROM consent_revocation WHERE patient_id = {pid}") == [["1"]]


def test_A10_2_form_2_asks_for_a_role_a_second_manager_or_both():
    fm = make_user(role="facility_manager")
    pres = logged_in(make_user(role="president"))
    s = logged_in(fm)
    r, _ = submit(s, "user_register", user_login=fresh_login("r"), user_name="役割 不正",
                  profession="nurse", requested_role="operator")
    assert r.status_code == 422 and 'id="err-requested_role"' in r.text
    made = {}
    for choice, roles in (("facility_manager", [["facility_manager"]]),
                          ("both", [["facility_manager"], ["user"]]), ("user", [["user"]])):
        login_id = fresh_login("r")
        r, _ = submit(s, "user_register", user_login=login_id, user_name=f"役割 {choice}",
                      profession="physician", requested_role=choice)
        assert r.status_code == 303
        app = app_id(r)
        assert "申請する役割" in s.get(url(f"/applications/view?id={app}")).text
        assert sole(pres, app).status_code == 303
        uid = sql(f"SELECT id FROM users WHERE login = '{login_id}'")[0][0]
        assert sql(f"SELECT role FROM user_role WHERE user_id = {uid} ORDER BY role") == roles
        made[choice] = login_id
    # The second manager manages the same facility: its roster lists them all.
    fac = sql(f"SELECT facility_id FROM users WHERE login = '{fm.login}'")[0][0]
    assert sql(f"SELECT COUNT(DISTINCT facility_id) FROM users WHERE login IN "
               f"('{made['facility_manager']}', '{made['both']}')") == [["1"]]
    assert sql(f"SELECT facility_id FROM users WHERE login = '{made['both']}'") == [[fac]]


def test_A9_form_1_manager_login_taken_since_submission_refused_when_decided():
    staff = logged_in(make_user(role="staff"))
    pres = logged_in(make_user(role="president"))
    manager = fresh_login("mg")
    r, _ = submit(staff, "facility_join", fac_name="後で 重複 医院", fac_kind="clinic",
                  fac_address="山形県", in_region="1", wants_viewing="1",
                  manager_name="重複 院長", manager_login=manager, manager_profession="physician")
    app = app_id(r)
    make_user(login=manager)
    r = sole(pres, app)
    assert r.status_code == 422 and 'id="err-manager_login"' in r.text
    assert sql(f"SELECT status, facility_id IS NULL FROM application WHERE id = {app}") == \
        [["submitted", "1"]]
