"""test_messages.py: messages between users, the patient reference under consent, reports
and the operator's deletion that keeps the record (A17)."""
import os
import re

import pytest

from conftest import url, sql, make_user, logged_in, page_csrf
from test_patients import register_patient, register_consent, facility_id, lid


@pytest.fixture(scope="module")
def people():
    return {
        "dr_hosp": make_user("user", facility="DEMO01"),
        "nurse_clinic": make_user("user", facility="DEMO02", profession="nurse"),
        "clinic2": make_user("user", facility="DEMO02"),
        "stranger": make_user("user", facility="DEMO01"),
        "op": make_user("operator", facility="DEMO01", profession="contract_employee"),
    }


def uid(user):
    return sql(f"SELECT id FROM users WHERE login = '{user.login}'")[0][0]


def form(s, path="/messages/new"):
    html = s.get(url(path)).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', html).group(1)
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
    return csrf, idem


def send(s, expect=303, **over):
    csrf, idem = form(s)
    data = {"csrf": csrf, "idem": idem, "to_kind": "user", "subject": f"件名 {os.urandom(3).hex()}",
            "body": "退院後の経過についてご相談します。"}
    data.update(over)
    r = s.post(url("/messages/new"), data=data, allow_redirects=False)
    assert r.status_code == expect, r.text[:1500]
    if expect != 303:
        return r
    return re.search(r"id=(\d+)", r.headers["location"]).group(1)


def test_A17_send_to_user_inbox_outbox_and_read_state(people):
    dr, nurse = logged_in(people["dr_hosp"]), logged_in(people["nurse_clinic"])
    mid = send(dr, to=people["nurse_clinic"].login, subject="明日の訪問について")
    r = nurse.get(url("/messages"))
    assert "明日の訪問について" in r.text and re.search(rf'id="message-{mid}" class="unread"', r.text)
    r = nurse.get(url(f"/messages/view?id={mid}"))
    assert r.status_code == 200 and "退院後の経過" in r.text
    assert sql(f"SELECT COUNT(*) FROM message_read WHERE message_id = {mid}"
               f" AND user_id = {uid(people['nurse_clinic'])}") == [["1"]]
    assert not re.search(rf'id="message-{mid}" class="unread"', nurse.get(url("/messages")).text)
    assert "明日の訪問について" in dr.get(url("/messages/sent")).text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'message.send' AND object_id = '{mid}'") \
        == [["1"]]
    # The same form submitted twice sends once.
    csrf, idem = form(dr)
    data = {"csrf": csrf, "idem": idem, "to_kind": "user", "to": people["nurse_clinic"].login,
            "subject": "二重送信", "body": "一度だけ"}
    r1 = dr.post(url("/messages/new"), data=data, allow_redirects=False)
    r2 = dr.post(url("/messages/new"), data=data, allow_redirects=False)
    assert r1.headers["location"] == r2.headers["location"]
    assert sql(f"SELECT COUNT(*) FROM message WHERE idem = '{idem}'") == [["1"]]


def test_A17_send_to_facility_reaches_its_users(people):
    dr = logged_in(people["dr_hosp"])
    mid = send(dr, to_kind="facility", facility=str(facility_id("DEMO02")), subject="施設宛ての連絡")
    for u in ("nurse_clinic", "clinic2"):
        r = logged_in(people[u]).get(url("/messages"))
        assert "施設宛ての連絡" in r.text, u
    assert "施設宛ての連絡" not in logged_in(people["stranger"]).get(url("/messages")).text
    # Neither a party nor the operator (not reported) reads it.
    assert logged_in(people["stranger"]).get(url(f"/messages/view?id={mid}")).status_code == 403
    assert logged_in(people["op"]).get(url(f"/messages/view?id={mid}")).status_code == 403
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'message.denied' AND object_id = '{mid}'") \
        == [["2"]]


def test_A17_form_errors_keep_input(people):
    dr = logged_in(people["dr_hosp"])
    r = send(dr, expect=422, to="no.such.user", subject="", body="残る本文")
    assert 'id="err-to"' in r.text and 'id="err-subject"' in r.text and "残る本文" in r.text
    r = send(dr, expect=422, to_kind="facility", facility="")
    assert 'id="err-facility"' in r.text
    r = send(dr, expect=422, to_kind="facility", facility="99999999")
    assert 'id="err-facility"' in r.text


def test_A17_patient_reference_hidden_without_consent(people):
    dr, nurse = logged_in(people["dr_hosp"]), logged_in(people["nurse_clinic"])
    handle, ident, pid = register_patient(dr, local_id=lid())
    # The sender sees the patient (their facility holds the records) and names them by handle,
    # starting from the patient's records.
    r = dr.get(url(f"/records/patient?p={handle}&purpose=care"))
    assert f'href="/messages/new?p={handle}"' in r.text
    r = dr.get(url(f"/messages/new?p={handle}"))
    assert ident["name"] in r.text
    mid = send(dr, to=people["nurse_clinic"].login, p=handle, subject="この方の紹介")
    assert sql(f"SELECT patient_id FROM message WHERE id = {mid}") == [[str(pid)]]
    # The clinic has no consent: the reference is withheld, with no name and no link.
    r = nurse.get(url(f"/messages/view?id={mid}"))
    assert r.status_code == 200
    assert "この患者の情報は表示できません" in r.text
    assert ident["name"] not in r.text and "/records/patient" not in r.text
    # The clinic may not reference the patient either: it cannot see them now.
    r = nurse.get(url("/patients"), params={"kana": ident["kana"], "birth_date": ident["birth_date"],
                                            "sex": ident["sex"]})
    ch = re.search(r"/patients/view\?p=([A-Za-z0-9]{22})", r.text).group(1)
    r = send(nurse, expect=422, to=people["dr_hosp"].login, p=ch)
    assert 'id="err-p"' in r.text
    # A handle of another session means nothing.
    r = send(nurse, expect=422, to=people["dr_hosp"].login, p=handle)
    assert 'id="err-p"' in r.text
    # Once form 4 covers the clinic, the reference shows with the reader's own handle.
    register_consent(nurse, ch, data={"viewing_all": "", "viewing": str(facility_id("DEMO02"))})
    r = nurse.get(url(f"/messages/view?id={mid}"))
    assert ident["name"] in r.text and "この患者の情報は表示できません" not in r.text
    h = re.search(r'/records/patient\?p=([A-Za-z0-9]{22})', r.text).group(1)
    assert h != handle
    assert nurse.get(url(f"/records/patient?p={h}&purpose=care")).status_code == 200
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'message.view' AND object_id = '{mid}'"
               f" AND patient_id = {pid}") == [["1"]]


def test_A17_deleted_message_keeps_fact_reason_and_who(people):
    dr, nurse, op = (logged_in(people[k]) for k in ("dr_hosp", "nurse_clinic", "op"))
    mid = send(dr, to=people["nurse_clinic"].login, subject="不適切な件名",
               body="信頼を損なう不適切な本文")
    # The operator reads nothing until it is reported.
    assert op.get(url(f"/messages/view?id={mid}")).status_code == 403
    csrf = page_csrf(nurse, f"/messages/view?id={mid}")
    assert nurse.post(url("/messages/report"), data={"csrf": csrf, "id": mid, "reason": ""},
                      allow_redirects=False).status_code == 400
    r = nurse.post(url("/messages/report"), data={"csrf": csrf, "id": mid,
                   "reason": "他施設を中傷する内容です"}, allow_redirects=False)
    assert r.status_code == 303
    r = op.get(url("/admin/messages"))
    assert re.search(rf'id="reported-{mid}"', r.text) and "不適切な件名" in r.text
    r = op.get(url(f"/messages/view?id={mid}"))
    assert "他施設を中傷する内容です" in r.text and 'id="message-delete"' in r.text
    ver = sql(f"SELECT version FROM message WHERE id = {mid}")[0][0]
    csrf = page_csrf(op, f"/messages/view?id={mid}")
    r = op.post(url("/admin/messages/delete"), data={"csrf": csrf, "id": mid, "version": ver,
                "reason": "利用者間の信頼を損なうため"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    # The record stays: content gone, the fact, the reason, who and when kept.
    row = sql(f"SELECT subject IS NULL, body IS NULL, deleted_at IS NOT NULL, deleted_by,"
              f" delete_reason, sender_id FROM message WHERE id = {mid}")
    assert row == [["1", "1", "1", uid(people["op"]), "利用者間の信頼を損なうため",
                    uid(people["dr_hosp"])]]
    assert sql(f"SELECT COUNT(*) FROM message_report WHERE message_id = {mid}") == [["1"]]
    assert sql(f"SELECT detail, user_id FROM audit WHERE action = 'message.delete'"
               f" AND object_id = '{mid}'") == [["利用者間の信頼を損なうため", uid(people["op"])]]
    for s in (nurse, dr):
        r = s.get(url(f"/messages/view?id={mid}"))
        assert "運営管理者により削除されました：利用者間の信頼を損なうため" in r.text
        assert "信頼を損なう不適切な本文" not in r.text and "不適切な件名" not in r.text
    assert "不適切な件名" not in nurse.get(url("/messages")).text
    # Deleted once; a second deletion is refused and the first stays.
    r = op.post(url("/admin/messages/delete"), data={"csrf": csrf, "id": mid,
                "version": int(ver) + 1, "reason": "二度目"}, allow_redirects=False)
    assert r.status_code == 409
    assert sql(f"SELECT delete_reason FROM message WHERE id = {mid}") == [["利用者間の信頼を損なうため"]]
    # Nothing is ever removed from the table.
    with pytest.raises(Exception):
        sql(f"DELETE FROM message WHERE id = {mid}")
    assert sql(f"SELECT COUNT(*) FROM message WHERE id = {mid}") == [["1"]]


def test_A17_only_operator_deletes(people):
    dr, nurse = logged_in(people["dr_hosp"]), logged_in(people["nurse_clinic"])
    mid = send(dr, to=people["nurse_clinic"].login)
    csrf = page_csrf(nurse, f"/messages/view?id={mid}")
    r = nurse.post(url("/admin/messages/delete"), data={"csrf": csrf, "id": mid, "version": 1,
                   "reason": "x"}, allow_redirects=False)
    assert r.status_code == 403
    assert nurse.get(url("/admin/messages"), allow_redirects=False).status_code == 403
    assert sql(f"SELECT body IS NOT NULL FROM message WHERE id = {mid}") == [["1"]]
