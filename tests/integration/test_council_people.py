"""test_council_people.py: the operator's appointment (A3) and the staff registry (A4.1)."""
import os
import re

from conftest import url, sql, make_user, logged_in, page_csrf


def count(query):
    return int(sql(query)[0][0])


def roles_of(login):
    return {row[0] for row in sql(f"SELECT r.role FROM user_role r JOIN users u ON u.id = "
                                  f"r.user_id WHERE u.login = '{login}'")}


def last_audit_id():
    return int(sql("SELECT COALESCE(MAX(id), 0) FROM audit")[0][0])


def open_appointment():
    rows = sql("SELECT u.login FROM operator_appointment a JOIN users u ON u.id = a.user_id "
               "WHERE a.ended_at IS NULL")
    return rows[0][0] if rows else None


def form_token(html):
    m = re.search(r'name="token" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else None


def uniq(prefix):
    return f"{prefix}{os.urandom(4).hex()}"


# --- A3: the operator's appointment -----------------------------------------

def test_A3_president_appoints_operator_role_moves_history_kept_audited():
    president = make_user(role="president")
    a, b = make_user(), make_user()
    s = logged_in(president)
    before = last_audit_id()
    n_before = count("SELECT COUNT(*) FROM operator_appointment")

    r = s.post(url("/council/operator/appoint"), data={"login": a.login, "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert open_appointment() == a.login
    assert "operator" in roles_of(a.login)

    r = s.post(url("/council/operator/appoint"), data={"login": b.login, "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 303
    assert open_appointment() == b.login
    assert "operator" in roles_of(b.login)
    assert "operator" not in roles_of(a.login)
    # History kept: a's appointment ended, appointed by the president.
    rows = sql(f"SELECT a.ended_at IS NOT NULL, p.login FROM operator_appointment a "
               f"JOIN users u ON u.id = a.user_id JOIN users p ON p.id = a.appointed_by "
               f"WHERE u.login = '{a.login}'")
    assert rows == [["1", president.login]]
    assert count("SELECT COUNT(*) FROM operator_appointment") == n_before + 2
    assert count("SELECT COUNT(*) FROM operator_appointment WHERE ended_at IS NULL") == 1
    audited = sql(f"SELECT object_id, login FROM audit WHERE action = 'operator.appoint' "
                  f"AND id > {before} ORDER BY id")
    assert audited == [[a.login, president.login], [b.login, president.login]]

    # The history page lists who, from, to and by whom; the new operator may view it.
    page = logged_in(b).get(url("/council/operator"))
    assert page.status_code == 200
    assert a.login in page.text and b.login in page.text and president.login in page.text
    assert "現任" in page.text
    assert 'id="appoint-form"' not in page.text     # only the president appoints


def test_A3_non_president_refused_403_nothing_written():
    operator = make_user(role="operator")
    target = make_user()
    s = logged_in(operator)
    n = count("SELECT COUNT(*) FROM operator_appointment")
    r = s.post(url("/council/operator/appoint"),
               data={"login": target.login, "csrf": page_csrf(s)}, allow_redirects=False)
    assert r.status_code == 403
    assert count("SELECT COUNT(*) FROM operator_appointment") == n
    assert "operator" not in roles_of(target.login)
    # A user who is neither cannot even view the history.
    assert logged_in(make_user()).get(url("/council/operator")).status_code == 403


def test_A3_unknown_login_field_message_nothing_written():
    s = logged_in(make_user(role="president"))
    n = count("SELECT COUNT(*) FROM operator_appointment")
    r = s.post(url("/council/operator/appoint"), data={"login": "no.such.user",
                                                       "csrf": page_csrf(s)})
    assert r.status_code == 200
    assert "この利用者 ID の有効な利用者はいません" in r.text
    assert 'value="no.such.user"' in r.text
    assert count("SELECT COUNT(*) FROM operator_appointment") == n


def test_A3_csrf_missing_403_nothing_written():
    s = logged_in(make_user(role="president"))
    target = make_user()
    n = count("SELECT COUNT(*) FROM operator_appointment")
    r = s.post(url("/council/operator/appoint"), data={"login": target.login},
               allow_redirects=False)
    assert r.status_code == 403
    assert count("SELECT COUNT(*) FROM operator_appointment") == n


# --- A4.1: the staff registry ---------------------------------------------------

def register(s, name, title="システム担当", login="", registered_on="2026-04-01", token=None):
    if token is None:
        token = form_token(s.get(url("/council/staff")).text)
    return s.post(url("/council/staff/add"),
                  data={"name": name, "title": title, "login": login,
                        "registered_on": registered_on, "token": token,
                        "csrf": page_csrf(s)}, allow_redirects=False)


def staff_row(name):
    return sql(f"SELECT id, version, user_id IS NOT NULL, notified_on, ended_on "
               f"FROM staff_registration WHERE name = '{name}'")


def test_A4_1_staff_registered_role_granted_and_president_notified_date_recorded():
    operator = make_user(role="operator")
    helper = make_user()
    s = logged_in(operator)
    name = uniq("管理 太郎")
    before = last_audit_id()
    r = register(s, name, login=helper.login)
    assert r.status_code == 303, r.text[:500]
    rows = staff_row(name)
    assert len(rows) == 1 and rows[0][2] == "1" and rows[0][3] == "NULL"
    sid, ver = rows[0][0], rows[0][1]
    assert "staff" in roles_of(helper.login)

    # The president sees the entry, marked as not yet notified.
    president = logged_in(make_user(role="president"))
    page = president.get(url("/council/staff"))
    assert page.status_code == 200
    assert name in page.text and "未通知" in page.text
    assert 'id="add-form"' not in page.text

    r = s.post(url("/council/staff/notify"), data={"id": sid, "version": ver,
                                                    "notified_on": "2026-04-03",
                                                    "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 303
    assert staff_row(name)[0][3] == "2026-04-03"
    hist = sql(f"SELECT action, version FROM staff_registration_history "
               f"WHERE registration_id = {sid} ORDER BY version")
    assert hist == [["register", "1"], ["notify", "2"]]
    assert count(f"SELECT COUNT(*) FROM audit WHERE id > {before} AND action IN "
                 f"('staff.register', 'staff.notify') AND object_id = '{sid}'") == 2

    # Ending the registration keeps the record and removes the staff role.
    r = s.post(url("/council/staff/edit"),
               data={"id": sid, "version": "2", "name": name, "title": "システム担当",
                     "login": helper.login, "registered_on": "2026-04-01",
                     "ended_on": "2026-09-30", "csrf": page_csrf(s)}, allow_redirects=False)
    assert r.status_code == 303
    row = staff_row(name)[0]
    assert row[4] == "2026-09-30"
    assert "staff" not in roles_of(helper.login)
    assert count(f"SELECT COUNT(*) FROM staff_registration_history "
                 f"WHERE registration_id = {sid}") == 3


def test_A4_1_stale_version_409_nothing_changed():
    s = logged_in(make_user(role="operator"))
    name = uniq("版 花子")
    assert register(s, name).status_code == 303
    sid = staff_row(name)[0][0]
    edit = {"id": sid, "version": "1", "name": name, "title": "課長",
            "login": "", "registered_on": "2026-04-01", "ended_on": ""}
    r = s.post(url("/council/staff/edit"), data={**edit, "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 303
    r = s.post(url("/council/staff/edit"), data={**edit, "title": "部長", "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 409
    assert "他の方が先に更新しました" in r.text
    assert sql(f"SELECT title, version FROM staff_registration WHERE id = {sid}") == \
        [["課長", "2"]]
    r = s.post(url("/council/staff/notify"), data={"id": sid, "version": "1",
                                                    "csrf": page_csrf(s)},
               allow_redirects=False)
    assert r.status_code == 409
    assert staff_row(name)[0][3] == "NULL"


def test_A4_1_double_submit_creates_one_record():
    s = logged_in(make_user(role="operator"))
    name = uniq("二重 次郎")
    token = form_token(s.get(url("/council/staff")).text)
    assert token
    first = register(s, name, token=token)
    second = register(s, name, token=token)
    assert first.status_code == 303 and second.status_code == 303
    assert count(f"SELECT COUNT(*) FROM staff_registration WHERE name = '{name}'") == 1
    # A fresh form registers again (a new token each time the page is shown).
    assert form_token(s.get(url("/council/staff")).text) != token


def test_A4_1_csrf_missing_403_nothing_written():
    s = logged_in(make_user(role="operator"))
    name = uniq("偽造 三郎")
    token = form_token(s.get(url("/council/staff")).text)
    r = s.post(url("/council/staff/add"),
               data={"name": name, "title": "係長", "registered_on": "2026-04-01",
                     "token": token}, allow_redirects=False)
    assert r.status_code == 403
    assert count(f"SELECT COUNT(*) FROM staff_registration WHERE name = '{name}'") == 0


def test_A4_1_bad_input_field_message_beside_field_input_kept_nothing_written():
    s = logged_in(make_user(role="operator"))
    title = uniq("役職")
    n = count("SELECT COUNT(*) FROM staff_registration")
    r = register(s, "", title=title, login="no.such.user", registered_on="2026/04/01")
    assert r.status_code == 200
    assert "氏名を入力してください" in r.text
    assert "日付は 2026-04-01 のように入力してください" in r.text
    assert "この利用者 ID の有効な利用者はいません" in r.text
    assert 'id="err-add-name"' in r.text and 'id="err-add-registered_on"' in r.text
    assert f'value="{title}"' in r.text and 'value="2026/04/01"' in r.text
    assert count("SELECT COUNT(*) FROM staff_registration") == n


def test_A4_1_only_operator_registers_president_and_operator_view():
    name = uniq("権限 四郎")
    president = logged_in(make_user(role="president"))
    r = register(president, name, token="ab" * 32)
    assert r.status_code == 403
    assert count(f"SELECT COUNT(*) FROM staff_registration WHERE name = '{name}'") == 0
    assert logged_in(make_user(role="staff")).get(url("/council/staff")).status_code == 403
    assert logged_in(make_user(role="operator")).get(url("/council/staff")).status_code == 200


def test_A4_1_edit_form_shows_stored_values_and_keeps_input_on_error():
    s = logged_in(make_user(role="operator"))
    name = uniq("編集 五郎")
    assert register(s, name, title="主任").status_code == 303
    sid = staff_row(name)[0][0]
    page = s.get(url(f"/council/staff?edit={sid}"))
    assert page.status_code == 200
    assert 'id="edit-form"' in page.text and f'value="{name}"' in page.text
    assert 'name="version" value="1"' in page.text
    r = s.post(url("/council/staff/edit"),
               data={"id": sid, "version": "1", "name": name, "title": "",
                     "login": "", "registered_on": "2026-04-01", "ended_on": "2026-03-01",
                     "csrf": page_csrf(s)})
    assert r.status_code == 200
    assert "役職を入力してください" in r.text and 'id="err-edit-title"' in r.text
    assert 'id="err-edit-ended_on"' in r.text and 'value="2026-03-01"' in r.text
    assert sql(f"SELECT title, version FROM staff_registration WHERE id = {sid}") == \
        [["主任", "1"]]
    r = s.post(url("/council/staff/notify"), data={"id": sid, "version": "1",
                                                    "notified_on": "2026-02-30",
                                                    "csrf": page_csrf(s)})
    assert r.status_code == 200
    assert "日付は 2026-04-01 のように入力してください" in r.text
    assert staff_row(name)[0][3] == "NULL"
    # History shows the registration with who made it.
    assert "登録" in s.get(url("/council/staff")).text
