"""test_forms.py: forms 1-3 as the paper forms ask (A9, A10.2, A10.5) with the pledge to the
rules (A11.1-A11.3); when the last user leaves, the cancellation paperwork moves the facility to
cancelled (A10.5 proviso)."""
import re

from conftest import url, ctl, sql, make_user, logged_in, page_csrf
from test_council import submit, app_id, sole, uniq, jst_today, version


def test_A9_A11_form1_as_on_paper_code_contacts_manager_and_pledge():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    # Each field is checked beside itself, and what was typed stays.
    r, _ = submit(s, "facility_join", fac_name="もがみ眼科", fac_kind="clinic",
                  fac_address="山形県新庄市", in_region="1", wants_viewing="1",
                  manager_name="眼科 院長", fac_code="06123", fac_phone="0233",
                  fac_email="nobody", manager_kana="Ganka", manager_login="kaicho",
                  manager_license="", pledge="")
    assert r.status_code == 422
    for field, msg in [("fac_code", "10桁の半角数字"), ("fac_phone", "10桁または11桁"),
                       ("fac_email", "電子メールアドレスの形式"), ("manager_kana", "カタカナ"),
                       ("manager_login", "既に使われています"),
                       ("manager_license", "免許・登録番号が必要"), ("pledge", "誓約の確認")]:
        m = re.search(rf'id="err-{field}">([^<]*)<', r.text)
        assert m and msg in m.group(1), (field, m and m.group(1))
    assert 'value="0233"' in r.text and 'value="Ganka"' in r.text
    login = uniq("gan")
    r, _ = submit(s, "facility_join", fac_name="もがみ眼科", fac_kind="clinic",
                  fac_address="山形県新庄市", in_region="1", wants_viewing="1",
                  manager_name="眼科 院長", fac_code="0611234567", fac_phone="0233-29-1111",
                  fac_email="ganka@example.jp", contact_name="事務 花子",
                  contact_dept="医事課", manager_kana="ガンカ インチョウ",
                  manager_title="院長", manager_login=login,
                  manager_profession="physician", manager_license="77777",
                  manager_email="incho@example.jp")
    assert r.status_code == 303, r.text[:400]
    app = app_id(r)
    assert sql(f"SELECT fac_code, fac_phone, fac_email, contact_name, contact_dept, "
               f"manager_kana, manager_title, manager_login, manager_profession, "
               f"manager_license, manager_email, pledge FROM application WHERE id = {app}") == \
        [["0611234567", "0233-29-1111", "ganka@example.jp", "事務 花子", "医事課",
          "ガンカ インチョウ", "院長", login, "physician", "77777", "incho@example.jp", "1"]]
    page = s.get(url(f"/applications/view?id={app}")).text
    for text in ("0611234567", "0233-29-1111", "ガンカ インチョウ", "医籍登録番号", "77777",
                 login, "誓約済み"):
        assert text in page, text
    # The login a form 1 asks for cannot be asked for again while it is open.
    r, _ = submit(s, "user_register", user_login=login, user_name="重複 申請",
                  profession="nurse")
    assert r.status_code == 422 and 'id="err-user_login"' in r.text


def test_A10_2_A7_2_form2_as_on_paper_kana_licence_contact_role_pledge():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    login = uniq("reg")
    r, _ = submit(s, "user_register", user_login=login, user_name="登録 看護",
                  profession="nurse", user_kana="とうろく かんご", license_no="",
                  user_phone="", user_email="", requested_role="boss", pledge="")
    assert r.status_code == 422
    for field in ("license_no", "user_phone", "requested_role", "pledge"):
        assert f'id="err-{field}"' in r.text, field
    assert 'id="err-user_kana"' not in r.text          # hiragana is accepted
    # A profession without a licence number needs none (an employee bound by contract).
    r, _ = submit(s, "user_register", user_login=uniq("emp"), user_name="事務 職員",
                  profession="contract_employee", attestation="1", license_no="",
                  user_phone="", user_email="jimu@example.jp")
    assert r.status_code == 303, r.text[:400]
    r, _ = submit(s, "user_register", user_login=login, user_name="登録 看護",
                  profession="nurse", user_kana="トウロク カンゴ", department="病棟",
                  job_title="看護師長", license_no="N-12345", user_phone="0233-22-1234",
                  requested_role="both")
    assert r.status_code == 303, r.text[:400]
    app = app_id(r)
    assert sql(f"SELECT user_kana, department, job_title, license_no, user_phone, "
               f"requested_role, pledge FROM application WHERE id = {app}") == \
        [["トウロク カンゴ", "病棟", "看護師長", "N-12345", "0233-22-1234",
          "user,facility_manager", "1"]]
    page = s.get(url(f"/applications/view?id={app}")).text
    for text in ("トウロク カンゴ", "看護師籍登録番号", "N-12345", "看護師長",
                 "利用者と施設利用管理責任者の両方", "誓約済み"):
        assert text in page, text


def test_A10_5_form3_reason_last_user_leaves_cancellation_paperwork_facility_cancelled():
    code = uniq("CAN")[:16].upper().replace("X", "")
    ctl("facility", "add", "--code", code, "--name", "解約する診療所", "--kind", "clinic")
    fm = make_user(role="facility_manager", facility=code)
    pres = logged_in(make_user(role="president"))
    op = logged_in(make_user(role="operator"))
    s = logged_in(fm)
    uid = sql(f"SELECT id FROM users WHERE login = '{fm.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=uid, effective_date=str(jst_today()),
                  withdraw_reason="")
    assert r.status_code == 422 and 'id="err-withdraw_reason"' in r.text
    r, _ = submit(s, "user_withdraw", target=uid, effective_date=str(jst_today()),
                  withdraw_reason="閉院のため")
    app = app_id(r)
    assert sql(f"SELECT withdraw_reason FROM application WHERE id = {app}") == [["閉院のため"]]
    assert sole(pres, app).status_code == 303
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelling"]]
    page = op.get(url(f"/applications/view?id={app}")).text
    assert 'id="cancel-form"' in page and "閉院のため" in page
    assert 'id="cancel-form"' not in pres.get(url(f"/applications/view?id={app}")).text
    r = op.post(url("/applications/cancel"), data={"csrf": page_csrf(op), "id": app,
                "version": version(app), "filed_on": ""})
    assert r.status_code == 422 and 'id="err-cancel_filed_on"' in r.text
    day = str(jst_today())
    r = op.post(url("/applications/cancel"), data={"csrf": page_csrf(op), "id": app,
                "version": version(app), "filed_on": day}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status, cancelled_on FROM facility WHERE code = '{code}'") == \
        [["cancelled", day]]
    assert sql(f"SELECT cancel_filed_on FROM application WHERE id = {app}") == [[day]]
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'facility.cancelled' "
               f"AND object_id = '{app}'") == [["1"]]
    assert "解約済み" in op.get(url(f"/applications/view?id={app}")).text
    # Recorded once: the form is gone and a second post changes nothing.
    r = op.post(url("/applications/cancel"), data={"csrf": page_csrf(op), "id": app,
                "version": version(app), "filed_on": day})
    assert r.status_code == 409
    # Only the operator records it.
    r = pres.post(url("/applications/cancel"), data={"csrf": page_csrf(pres), "id": app,
                  "version": version(app), "filed_on": day})
    assert r.status_code == 403


def test_A10_5_A10_2_only_the_form3_that_ended_the_facility_prints_its_contract_ended():
    """Two users leave one facility at different times: the first form 3 ended one user's
    use only; the last one left the facility without users and carries the cancellation
    paperwork (A10.5 proviso). Printed later, each says what it decided at its own time."""
    code = uniq("TWO")[:16].upper().replace("X", "")
    ctl("facility", "add", "--code", code, "--name", "二人の診療所", "--kind", "clinic")
    fm = make_user(role="facility_manager", facility=code)
    staff = make_user(role="user", facility=code)
    pres = logged_in(make_user(role="president"))
    op = logged_in(make_user(role="operator"))
    s = logged_in(fm)
    day = str(jst_today())
    staff_id = sql(f"SELECT id FROM users WHERE login = '{staff.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=staff_id, effective_date=day,
                  withdraw_reason="退職のため")
    first = app_id(r)
    assert sole(pres, first).status_code == 303
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["active"]]
    fm_id = sql(f"SELECT id FROM users WHERE login = '{fm.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=fm_id, effective_date=day,
                  withdraw_reason="閉院のため")
    last = app_id(r)
    assert sole(pres, last).status_code == 303
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelling"]]
    # The paperwork goes with the last form 3 only.
    assert 'id="cancel-form"' not in op.get(url(f"/applications/view?id={first}")).text
    assert 'id="cancel-form"' in op.get(url(f"/applications/view?id={last}")).text
    r = op.post(url("/applications/cancel"), data={"csrf": page_csrf(op), "id": first,
                "version": version(first), "filed_on": day}, allow_redirects=False)
    assert r.status_code == 409
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelling"]]
    r = op.post(url("/applications/cancel"), data={"csrf": page_csrf(op), "id": last,
                "version": version(last), "filed_on": day}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelled"]]
    page = op.get(url(f"/applications/print?id={first}")).text
    assert "退職のため" in page
    assert "解約済み" not in page and "解約の手続き中" not in page
    assert "解約済み" not in op.get(url(f"/applications/view?id={first}")).text
    page = op.get(url(f"/applications/print?id={last}")).text
    assert "閉院のため" in page and "解約済み" in page
    assert "解約済み" in op.get(url(f"/applications/view?id={last}")).text


def test_A10_5_the_form3_whose_withdrawal_date_empties_the_facility_carries_the_paperwork():
    """A form 3 decided before its date leaves the facility without users only when the date
    comes (the scheduler's expiry): that form 3 is the one the paperwork goes with."""
    from conftest import clock_set
    code = uniq("LAT")[:16].upper().replace("X", "")
    ctl("facility", "add", "--code", code, "--name", "後日閉院の診療所", "--kind", "clinic")
    fm = make_user(role="facility_manager", facility=code)
    pres = logged_in(make_user(role="president"))
    op = logged_in(make_user(role="operator"))
    s = logged_in(fm)
    uid = sql(f"SELECT id FROM users WHERE login = '{fm.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=uid, effective_date=str(jst_today(3)),
                  withdraw_reason="閉院のため")
    app = app_id(r)
    assert sole(pres, app).status_code == 303
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["active"]]
    assert "解約" not in s.get(url(f"/applications/print?id={app}")).text
    try:
        clock_set(3 * 86400)
        ctl("users", "expire")
    finally:
        clock_set(0)
    assert sql(f"SELECT status FROM facility WHERE code = '{code}'") == [["cancelling"]]
    assert sql(f"SELECT ends_facility FROM application WHERE id = {app}") == [["1"]]
    assert 'id="cancel-form"' in op.get(url(f"/applications/view?id={app}")).text
    assert "解約の手続き中" in op.get(url(f"/applications/print?id={app}")).text


def test_A9_A10_2_A10_5_each_form_prints_as_an_a4_paper_form_from_the_stored_data():
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    other = logged_in(make_user(role="facility_manager", facility="DEMO02"))
    login = uniq("prt")
    r, _ = submit(s, "user_register", user_login=login, user_name="印刷 花子",
                  user_kana="インサツ ハナコ", profession="nurse", license_no="N-777",
                  department="外来", requested_role="user")
    app = app_id(r)
    page = s.get(url(f"/applications/print?id={app}"))
    assert page.status_code == 200
    for text in ("別記様式第２号", "もがみネット利用者登録申請書", "最上地域医療連携推進協議会会長",
                 "印刷 花子", "インサツ ハナコ", "N-777", "看護師籍登録番号", login, "外来",
                 'class="fp-seal"', "誓約", "☑", "協議会使用欄"):
        assert text in page.text, text
    assert other.get(url(f"/applications/print?id={app}")).status_code == 404
    r, _ = submit(s, "facility_join", fac_name="印刷医院", fac_kind="clinic",
                  fac_address="山形県新庄市", in_region="1", wants_viewing="1",
                  manager_name="印刷 院長")
    page = s.get(url(f"/applications/print?id={app_id(r)}")).text
    for text in ("別記様式第１号", "もがみネット加入申請書", "印刷医院", "0612345678",
                 "シンジョウ インチョウ", "☑ 閲覧施設"):
        assert text in page, text
    uid = sql(f"SELECT id FROM users WHERE login = '{fm.login}'")[0][0]
    r, _ = submit(s, "user_withdraw", target=uid, effective_date="2027-03-31",
                  withdraw_reason="転勤のため")
    page = s.get(url(f"/applications/print?id={app_id(r)}")).text
    assert "別記様式第３号" in page and "転勤のため" in page and "令和９年３月３１日" in page
    # The page prints on A4 (the stylesheet's @page).
    css = s.get(url("/static/app.css")).text
    assert "size: A4" in css


def test_A9_A10_3_a_form_submitted_and_decided_before_9_am_carries_the_japan_day():
    """Issue 21's year: a form 2 handed in at 05:00 in Japan (20:00 UTC the day before) is
    dated the Japan day on its page, its printed paper and the meeting's report; so is the
    decision."""
    from test_council import sole, new_meeting
    fm = make_user(role="facility_manager")
    s = logged_in(fm)
    pres = logged_in(make_user(role="president"))
    r, _ = submit(s, "user_register", user_login=uniq("early"), user_name="早朝 提出",
                  user_kana="ソウチョウ テイシュツ", profession="nurse", license_no="N-5")
    app = app_id(r)
    assert sole(pres, app).status_code == 303
    sql(f"UPDATE application SET submitted_at = '2026-11-30 20:00:00', "
        f"decided_at = '2026-11-30 21:00:00' WHERE id = {app}")
    page = s.get(url(f"/applications/view?id={app}")).text
    assert "2026-12-01" in page and "2026-11-30" not in page
    assert "2026年12月1日" in re.search(r'id="app-decision">([^<]*)<', page).group(1)
    paper = s.get(url(f"/applications/print?id={app}")).text
    assert "令和８年１２月１日" in re.search(r'id="fp-date">([^<]*)<', paper).group(1)
    assert "令和８年１２月１日" in re.search(r'id="fp-decision">([^<]*)<', paper).group(1)
    assert "１１月３０日" not in paper and "2026-11-30" not in paper
    m = new_meeting(pres)
    agenda = pres.get(url(f"/meetings/view?id={m}")).text
    report = agenda[agenda.index("早朝 提出"):]
    assert "2026年12月1日" in report[:report.index("</li>")]
