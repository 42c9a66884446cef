"""test_agenda.py: the council decides what the rules leave open and amends the rules (A19): a
meeting's free agenda items (title, explanation, attachments) with a discussion note and a
resolution each (approved, rejected, continued); an approved amendment becomes a new rules
version with its supplementary provision (附則) and its effective day, and every user
acknowledges it then; the president decides an urgent matter alone, with the reason, reported at
the next meeting (A19 proviso); federation agreements (A18) and misuse reports (A4.2) become items
when filed, their decision recorded on them; the meeting's papers as the council prints them."""
import datetime
import hashlib
import os
import re

from conftest import (url, sql, make_user, logged_in, page_csrf, csrf_from, clock_set,
                      ack_everyone)
from test_council import submit, uniq
from test_patients import PDF
from test_rulebook import next_day, jst_day, days_from

_n = [0]


def one(q):
    return sql(q)[0][0]


def meeting(s, day=None, **fields):
    _n[0] += 1
    page = s.get(url("/meetings")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page).group(1)
    data = {"csrf": csrf_from(page), "idem": idem,
            "held_on": day or str(jst_day(-(30 + _n[0]))),   # issue 20: held only once its day has come
            "attendees": "会長 最上太郎\n委員 新庄花子", **fields}
    r = s.post(url("/meetings/new"), data=data, allow_redirects=False)
    if r.status_code != 303:
        return r
    return int(re.search(r"id=(\d+)", r.headers["location"]).group(1))


def new_item(s, files=None, **fields):
    page = s.get(url("/agenda")).text
    idem = re.search(r'name="idem" value="([0-9a-f]{64})"', page).group(1)
    data = {"csrf": csrf_from(page), "idem": idem, "kind": "matter", "title": "",
            "explanation": "", **fields}
    r = s.post(url("/agenda/new"), data=data, files=files or {"x": ("", b"")},
               allow_redirects=False)
    if r.status_code != 303:
        return r
    return int(re.search(r"id=(\d+)", r.headers["location"]).group(1))


def ver(item):
    return one(f"SELECT version FROM agenda_item WHERE id = {item}")


def resolve(s, item, m, resolution, discussion=""):
    return s.post(url("/agenda/resolve"), data={
        "csrf": page_csrf(s), "id": item, "version": ver(item), "meeting": m,
        "resolution": resolution, "discussion": discussion}, allow_redirects=False)


def held(s, m):
    return s.post(url("/meetings/held"), data={
        "csrf": page_csrf(s), "id": m,
        "version": one(f"SELECT version FROM meeting WHERE id = {m}")},
        allow_redirects=False)


def wareki(day):
    y = day.year - 2018
    z = str.maketrans("0123456789", "０１２３４５６７８９")
    ys = "元" if y == 1 else str(y).translate(z)
    return f"令和{ys}年{str(day.month).translate(z)}月{str(day.day).translate(z)}日"


def test_A19_free_item_discussed_continued_then_approved_with_attachment():
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    staff = logged_in(make_user(role="staff", profession="contract_employee"))
    # Each field beside itself; a file that is not a PDF/PNG/JPEG is refused by its bytes.
    r = new_item(op, title="", explanation="",
                 files={"attachment": ("memo.pdf", b"not a pdf at all", "application/pdf")})
    assert r.status_code == 422
    for field in ("title", "explanation", "attachment"):
        assert f'id="err-{field}"' in r.text, field
    title = f"救急搬送時の閲覧範囲について{os.urandom(2).hex()}"
    item = new_item(op, title=title, explanation="救急隊からの照会への対応を定める。",
                    files={"attachment": ("資料1.pdf", PDF, "application/pdf")})
    assert isinstance(item, int)
    assert sql(f"SELECT filename, content_type, size, sha256 FROM agenda_attachment "
               f"WHERE item_id = {item}") == \
        [["資料1.pdf", "application/pdf", str(len(PDF)), hashlib.sha256(PDF).hexdigest()]]
    aid = one(f"SELECT id FROM agenda_attachment WHERE item_id = {item}")
    r = staff.get(url(f"/agenda/attachment?id={aid}"))
    assert r.status_code == 200 and r.content == PDF
    assert staff.post(url("/agenda/resolve"), data={"csrf": page_csrf(staff), "id": item,
                      "version": ver(item), "meeting": 1, "resolution": "approved"}
                      ).status_code == 403
    m1 = meeting(op, number="", time_from="14:00", time_to="15:30", place="県立新庄病院 会議室",
                 chair="会長 最上太郎", absentees="委員 金山一郎", signatories="委員 新庄花子\n委員 真室川次郎")
    paper = op.get(url(f"/meetings/view?id={m1}")).text
    assert title in paper and "号議案" in paper and "救急隊からの照会" in paper
    r = resolve(op, item, m1, "")
    assert r.status_code == 422 and 'id="err-resolution"' in r.text
    r = resolve(op, item, m1, "continued", "救急隊の意見を聞いてから決める。")
    assert r.status_code == 303
    assert one(f"SELECT status FROM agenda_item WHERE id = {item}") == "pending"
    assert resolve(op, item, m1, "approved").status_code == 409     # once per meeting
    assert held(op, m1).status_code == 303
    minutes = op.get(url(f"/meetings/view?id={m1}")).text
    number = one(f"SELECT number FROM meeting WHERE id = {m1}")
    for text in (f"第{number}回協議会", "議事録", "14:00〜15:30", "県立新庄病院 会議室",
                 "会長 最上太郎", "委員 金山一郎", "救急隊の意見を聞いてから決める。",
                 "継続審議", 'id="signatures"', "議事録署名人", "委員 真室川次郎"):
        assert text in minutes, text
    assert resolve(op, item, m1, "approved").status_code == 422     # a held meeting records no more
    m2 = meeting(op)
    paper = op.get(url(f"/meetings/view?id={m2}")).text
    assert title in paper.split('id="agenda-pending"')[1] and "継続審議" in paper
    assert resolve(op, item, m2, "approved", "救急隊の意見を踏まえ承認。").status_code == 303
    assert sql(f"SELECT status, decision_kind, meeting_id FROM agenda_item WHERE id = {item}") == \
        [["approved", "meeting", str(m2)]]
    page = op.get(url(f"/agenda/view?id={item}")).text
    assert "救急隊の意見を聞いてから決める。" in page and "救急隊の意見を踏まえ承認。" in page
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'agenda.resolve' "
               f"AND object_id = '{item}'") == [["2"]]


def test_A19_amendment_approved_becomes_a_version_with_its_provision_and_is_acknowledged():
    op_user = make_user(role="operator", profession="contract_employee")
    op = logged_in(op_user)
    u = make_user()
    r = new_item(op, kind="amendment", title="運用規程の一部改正", amend_body="",
                 amend_effective_on=str(jst_day(-1)))
    assert r.status_code == 422
    assert 'id="err-amend_body"' in r.text and 'id="err-amend_effective_on"' in r.text
    day = next_day(60)
    body = "もがみネット運用規程（改正案）\n第１条　改正した目的。\n"
    item = new_item(op, kind="amendment", title="運用規程の一部改正", amend_body=body,
                    amend_effective_on=str(day))
    assert isinstance(item, int)
    m = meeting(op)
    assert "運用規程の一部改正" in op.get(url(f"/meetings/view?id={m}")).text
    assert resolve(op, item, m, "approved", "全会一致で承認。").status_code == 303
    vid, source, seq = sql(f"SELECT v.id, v.source, v.seq FROM rules_version v "
                           f"WHERE v.agenda_item_id = {item}")[0]
    assert source == "amendment"
    assert one(f"SELECT rules_version_id FROM agenda_item WHERE id = {item}") == vid
    text = one(f"SELECT body FROM rules_version WHERE id = {vid}").replace("\\n", "\n")
    assert text.startswith(body)
    assert text.endswith(f"附　則\n（施行期日）\n１．この規程は、{wareki(day)}から施行する。\n")
    assert one(f"SELECT effective_on FROM rules_version WHERE id = {vid}") == str(day)
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'rules.amend' "
               f"AND object_id = '{vid}'") == [["1"]]
    assert f"第{seq}版" in op.get(url(f"/agenda/view?id={item}")).text
    try:
        clock_set(days_from(day) * 86400 + 60)
        s = logged_in(u)
        assert s.get(url("/"), allow_redirects=False).headers["location"] == \
            "/rules/acknowledge"
        page = s.get(url("/rules/acknowledge")).text
        assert "改正した目的" in page and wareki(day) in page
        r = s.post(url("/rules/acknowledge"), data={"csrf": csrf_from(page), "version": vid,
                   "confirm": "1"}, allow_redirects=False)
        assert r.status_code == 303
    finally:
        clock_set(0)
        ack_everyone()


def test_A19_proviso_president_decides_an_urgent_matter_alone_reported_at_next_meeting():
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    pres = logged_in(make_user(role="president"))
    title = f"災害時の臨時運用{os.urandom(2).hex()}"
    item = new_item(op, title=title, explanation="大規模災害時に閲覧施設を臨時に追加する。")
    data = {"id": item, "decision": "approved", "sole_reason": ""}
    r = op.post(url("/agenda/sole"), data={**data, "csrf": page_csrf(op), "version": ver(item)})
    assert r.status_code == 403
    r = pres.post(url("/agenda/sole"), data={**data, "csrf": page_csrf(pres), "version": ver(item)})
    assert r.status_code == 422 and 'id="err-sole_reason"' in r.text
    r = pres.post(url("/agenda/sole"), data={**data, "csrf": page_csrf(pres), "version": ver(item),
                  "sole_reason": "地震のため協議会を開く時間がない", "note": "一か月に限る"},
                  allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status, decision_kind, reported_at IS NULL FROM agenda_item "
               f"WHERE id = {item}") == [["approved", "sole", "1"]]
    m = meeting(op)
    paper = op.get(url(f"/meetings/view?id={m}")).text
    reports = paper.split('id="agenda-sole"')[1]
    assert title in reports and "地震のため協議会を開く時間がない" in reports
    assert held(op, m).status_code == 303
    assert sql(f"SELECT reported_at IS NOT NULL, meeting_id FROM agenda_item WHERE id = {item}") \
        == [["1", str(m)]]
    assert title in op.get(url(f"/meetings/view?id={m}")).text.split('id="minutes-sole"')[1]
    m2 = meeting(op)
    assert title not in op.get(url(f"/meetings/view?id={m2}")).text
    assert sql(f"SELECT COUNT(*) FROM audit WHERE action = 'agenda.sole_decision' "
               f"AND object_id = '{item}'") == [["1"]]


def test_A18_A4_2_A19_agreement_and_misuse_report_become_items_their_decision_recorded():
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    pres = logged_in(make_user(role="president"))
    partner = f"置賜地域医療ネット{os.urandom(2).hex()}"
    r = op.post(url("/federation/new"), data={"csrf": page_csrf(op), "partner": partner,
                "note": "相互参照の協定"}, allow_redirects=False)
    assert r.status_code == 303
    ag = re.search(r"id=(\d+)", r.headers["location"]).group(1)
    item = one(f"SELECT agenda_item_id FROM agreement WHERE id = {ag}")
    assert sql(f"SELECT kind, title, agreement_id, status FROM agenda_item WHERE id = {item}") \
        == [["federation", f"協定書の締結：{partner}", ag, "pending"]]
    m = meeting(op)
    assert partner in op.get(url(f"/meetings/view?id={m}")).text
    assert resolve(op, item, m, "approved", "相違点を確認し承認。").status_code == 303
    assert sql(f"SELECT council_decision FROM agreement WHERE id = {ag}") == [["approved"]]
    assert 'id="agreement-council"' in op.get(url(f"/federation/view?id={ag}")).text
    # A misuse report: an item titled with the user's name and login (two of one name differ).
    target = make_user()
    uid = one(f"SELECT id FROM users WHERE login = '{target.login}'")
    page = op.get(url("/misuse")).text
    r = op.post(url("/misuse/report"), data={"csrf": csrf_from(page), "user": uid,
                "summary": "夜間の大量閲覧", "idem": os.urandom(32).hex()},
                allow_redirects=False)
    assert r.status_code == 303
    rid, item = sql(f"SELECT id, agenda_item_id FROM misuse_report WHERE user_id = {uid}")[0]
    kind, title = sql(f"SELECT kind, title FROM agenda_item WHERE id = {item}")[0]
    assert kind == "misuse" and target.login in title and "不適正利用の報告" in title
    r = pres.post(url("/agenda/sole"), data={"csrf": page_csrf(pres), "id": item,
                  "version": ver(item), "decision": "rejected",
                  "sole_reason": "本人の説明で解決したため"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT council_decision FROM misuse_report WHERE id = {rid}") == [["rejected"]]
    assert f'id="report-item-{rid}"' in pres.get(url("/misuse/reports")).text


def test_A19_A10_3_meeting_paper_shows_what_each_application_asks_and_tells_namesakes_apart():
    op = logged_in(make_user(role="operator", profession="contract_employee"))
    fm1 = logged_in(make_user(role="facility_manager", facility="DEMO01"))
    fm2 = logged_in(make_user(role="facility_manager", facility="DEMO02"))
    name = f"同名 太郎{os.urandom(2).hex()}"
    l1, l2 = uniq("dou"), uniq("dou")
    submit(fm1, "user_register", user_login=l1, user_name=name, user_kana="ドウメイ タロウ",
           profession="physician", department="外科", requested_role="user")
    submit(fm2, "user_register", user_login=l2, user_name=name, user_kana="ドウメイ タロウ",
           profession="nurse", license_no="N-1", requested_role="both")
    # The meeting's number: the next one, or one typed that is free.
    n = int(one("SELECT COALESCE(MAX(number), 0) FROM meeting"))
    r = meeting(op, number=str(n), time_from="25:00")
    assert r.status_code == 422
    assert 'id="err-number"' in r.text and 'id="err-time_from"' in r.text
    m = meeting(op)
    assert one(f"SELECT number FROM meeting WHERE id = {m}") == str(n + 1)
    paper = op.get(url(f"/meetings/view?id={m}")).text
    assert f"第{n + 1}回協議会" in paper
    items = re.findall(r'<li class="paper-item" id="paper-app-\d+">(.*?)</li>',
                       paper.split('id="agenda-pending"')[1], re.S)
    mine = [i for i in items if name in i]
    assert len(mine) == 2
    a, b = sorted(mine, key=lambda i: l1 in i, reverse=True)
    assert l1 in a and "県立新庄病院" in a and "医師" in a and "外科" in a and "ドウメイ タロウ" in a
    assert l2 in b and "もがみ在宅クリニック" in b and "看護師" in b
    assert "利用者と施設利用管理責任者の両方" in b
    numbers = re.findall(r'class="item-no">第(\d+)号議案<', paper)
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
