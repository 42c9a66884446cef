"""test_import.py: SS-MIX2 import (docs/import.md): every sample file imported or quarantined for its
reason, idempotence, kill -9 and rerun, changed files, flag and cancel semantics, documents
typed by content, the scheduled import, and the operator's page (A8.1, A11.2). docs/import.md: storage
as hospitals write it (file-name and MSH-7 times, declared charsets their bytes are not, extended
storage's document folders with vital signs), one tree mixing all of them."""
import hashlib
import html
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from conftest import CTL, ROOT, ctl, sql, url, make_user, logged_in, wait_for

NHO = ROOT / "tests" / "fixtures" / "ssmix2" / "nho" / "sampleData"

_n = [0]


def facility():
    """A fresh disclosing facility of its own, so that tests never share rows."""
    _n[0] += 1
    code = f"SX{os.getpid() % 10000}{_n[0]}"
    ctl("facility", "add", "--code", code, "--name", f"取込試験病院{_n[0]}", "--disclosing")
    return code, sql(f"SELECT id FROM facility WHERE code = '{code}'")[0][0]


def imp(code, root, ext=None, check=True):
    args = ["ssmix2", "import", "--facility", code]
    if ext:
        args += ["--ext", str(ext)]
    return ctl(*args, str(root), check=check)


def one(q):
    return sql(q)[0][0]


# --- messages written for these tests (UTF-8 unless said otherwise) ----------------------

def hl7(msh9, pid3, segs, charset="", pid_name="試験^花子^^^^^L^I~シケン^ハナコ^^^^^L^P",
        birth="19800102"):
    lines = [f"MSH|^~\\&|HIS|TEST|GW|RCV|20240101120000||{msh9}|1|P|2.5||||||{charset}||",
             f"PID|0001||{pid3}^^^^PI||{pid_name}||{birth}|F|||"
             f"^^^^996-0000^JPN^H^山形県新庄市沖の町１番１号"] + segs
    text = "\r".join(lines) + "\r"
    return text.encode("iso2022_jp") if charset else text.encode()


def lab(pid, order, tp="7.2", glu_flag="H"):
    return hl7("OUL^R22^OUL_R22", pid, [
        "SPM|1|||023^血清^JC10|||||||||||||20240105090000",
        f"OBR|1|{order}||E001^生化学^99O03|||20240105090000",
        f"ORC|SC|{order}||||||||",
        f"OBX|1|NM|3A010000002327101^総蛋白^JC10||{tp}|g/dl^g/dl^99XYZ|6.7-8.3||||F|||20240105090000",
        f"OBX|2|NM|3D010000001926101^グルコース^JC10||130|mg/dl|70-109|{glu_flag}||||F"])


def rx(pid, order, drug="試験錠５mg", control="NW"):
    return hl7("RDE^O11^RDE_O11", pid, [
        f"ORC|{control}|{order}||1|||||20240105100000",
        f"RXE||620000001^{drug}^HOT9|1||TAB^錠^MR9P|||||15|TAB^錠^MR9P",
        "TQ1|1||1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01|||5^d",
        "RXR|PO^口^HL70162"])


def adt00(pid, name):
    return hl7("ADT^A08^ADT_A01", pid, ["EVN||20240101"], pid_name=name)


def put(root, pid, date, typ, order, ts, flag, data, dept="01", name=None):
    pad = pid.rjust(7, "0")
    d = root / pad[:3] / pad[3:6] / pid / date / typ
    d.mkdir(parents=True, exist_ok=True)
    f = d / (name or f"{pid}_{date}_{typ}_{order}_{ts}_{dept}_{flag}")
    f.write_bytes(data)
    return f


def rel(root, f):
    return str(f.relative_to(root))


def files(fid):
    return {r[0]: (r[1], r[2]) for r in
            sql(f"SELECT rel_path, status, COALESCE(reason, '') FROM import_file "
                f"WHERE facility_id = {fid} AND tree = 'std'")}


# --- the public samples -------------------------------------------------------------------

S = "999/901/9999013/"
EXPECTED = {
    # The NHO checker's deliberately broken files.
    "000/000/0000001/20000401/ADT-31/9999013_20110630_OMP-11_123456789012345_20110701113813225_01_1":
        ("quarantined", "folder"),      # FB FC, and its name disagrees with its folder
    "000/000/0000001/20000401/OMP-11/0000001_20000401_OMP-11_123456789012345_20110701113813225_01_1":
        ("quarantined", "pid_mismatch"),    # PID-3 9999013 in patient 0000001's folder
    "000/000/0000001/20000401/OMP-11/0000001_20000401_OMP-11_123456789012346_20110701113813226_01_0":
        ("quarantined", "pid_mismatch"),
    # Sound files of patient 9999013.
    S + "-/ADT-00/9999013_-_ADT-00_999999999999999_20111220224447339_-_1": ("imported", ""),
    S + "20110630/OMP-11/9999013_20110630_OMP-11_123456789012345_20110701113813225_01_1":
        ("imported", ""),
    S + "20110701/OMP-01/9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1":
        ("imported", ""),
    S + "20110701/OMP-02/9999013_20110701_OMP-02_123456789012345_20110701224603984_01_1":
        ("imported", ""),
    S + "20110701/OMP-12/9999013_20110701_OMP-12_123456789012345_20110701113813225_01_1":
        ("imported", ""),
    S + "20111120/ADT-22/9999013_20111120_ADT-22_999999999999999_20111220224447339_01_1":
        ("imported", ""),
    S + "20111220/ADT-42/9999013_20111220_ADT-42_999999999999999_20111220224447339_10_1":
        ("imported", ""),
    S + "20111220/ADT-52/9999013_20111220_ADT-52_999999999999999_20111220224447339_08_1":
        ("imported", ""),
    S + "20111220/OML-01/9999013_20111220_OML-01_000000011000354_20111220103059123_15_1":
        ("imported", ""),
    # Guideline examples whose PID-3 is another patient's (12345678, 1234567890, 10345678,
    # 3330000333, 0001000052): filing them under 9999013 would show one patient another's data.
    S + "-/ADT-61/9999013_-_ADT-61_999999999999999_20111014232213000_-_1": ("quarantined", "pid_mismatch"),
    S + "-/PPR-01/9999013_-_PPR-01_999999999999999_20111209163030000_01_1": ("quarantined", "pid_mismatch"),
    S + "20111013/OMD/9999013_20111013_OMD_123456789012345_20111014232213000_01_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-01/9999013_20111220_OMG-01_000201101200100_20111220224447339_-_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-02/9999013_20111220_OMG-02_201212201252100_20111220224447339_01_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-03/9999013_20111220_OMG-03_201112200089100_20111220224447339_01_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-11/9999013_20111220_OMG-11_2011122000300_20111220224447339_24_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-12/9999013_20111220_OMG-12_201112201656100_20111220224447339_01_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OMG-13/9999013_20111220_OMG-13_999999999999999_20111220224447339_01_1":
        ("quarantined", "pid_mismatch"),
    S + "20111220/OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1":
        ("quarantined", "pid_mismatch"),
}


@pytest.fixture(scope="module")
def samples():
    code, fid = facility()
    out = imp(code, NHO)
    return code, fid, out


def test_I6_every_sample_file_imports_or_is_quarantined_for_its_reason(samples):
    code, fid, out = samples
    on_disk = {str(p.relative_to(NHO)) for p in NHO.rglob("*") if p.is_file()}
    assert on_disk == set(EXPECTED)
    got = files(fid)
    for path, want in EXPECTED.items():
        assert got.get(path) == want, path
    assert "22 files, 9 imported, 0 unchanged, 13 quarantined, 0 removed, 0 failed" in out.stdout


def test_I6_sample_records_demographics_and_medications(samples):
    code, fid, _ = samples
    kinds = sorted(r[0] for r in sql(f"SELECT kind FROM record WHERE facility_id = {fid}"))
    assert kinds == sorted(["patient", "prescription_given", "prescription", "injection",
                            "injection_given", "admission", "transfer", "discharge",
                            "lab_order"])
    link = sql(f"SELECT id, name, kana, kana_key, sex, birth_date, source, "
               f"COALESCE(patient_id, 'none') FROM patient_link WHERE facility_id = {fid}")
    assert len(link) == 1
    assert link[0][1:] == ["患者 太郎", "カンジャ タロウ", "カンジャタロウ", "M", "1948-04-05",
                           "import", "none"]
    # OMP-01: three lines, with dose, unit, route, frequency and days
    meds = sql(f"SELECT m.drug_code, m.drug_name, m.dose, m.unit, m.route, m.frequency, m.days "
               f"FROM record_med m JOIN record r ON r.id = m.record_id "
               f"WHERE r.facility_id = {fid} AND r.data_type = 'OMP-01' ORDER BY m.seq")
    assert meds[0] == ["108665201", "ダーゼン錠（５mg)", "1", "錠", "口",
                       "内服・経口・１日３回朝昼夕食後", "5"]
    assert meds[2][0] == "100607002" and meds[2][6] == "14"
    # OMP-02: the injection's drugs come from RXC, the route from RXR
    inj = sql(f"SELECT m.drug_name, m.route FROM record_med m JOIN record r "
              f"ON r.id = m.record_id WHERE r.facility_id = {fid} AND r.data_type = 'OMP-02'")
    assert inj and all(row[1] == "静脈内" for row in inj)
    assert any("ソリタ" in row[0] for row in inj)


def test_A11_2_records_keep_source_facility_file_and_raw_message(samples):
    code, fid, _ = samples
    rows = sql(f"SELECT r.source_path, r.file_sha256, SHA2(r.raw_message, 256), f.code "
               f"FROM record r JOIN facility f ON f.id = r.facility_id WHERE r.facility_id = {fid}")
    assert len(rows) == 9
    for path, sha, raw_sha, fcode in rows:
        data = (NHO / path).read_bytes()
        assert sha == raw_sha == hashlib.sha256(data).hexdigest()
        assert fcode == code


def test_I6_rerun_imports_nothing_new_and_audits_each_run(samples):
    code, fid, _ = samples
    before = snapshot(fid)
    out = imp(code, NHO)
    assert "22 files, 0 imported, 22 unchanged, 0 quarantined, 0 removed, 0 failed" in out.stdout
    assert snapshot(fid) == before
    audits = sql(f"SELECT detail FROM audit WHERE action = 'ssmix2.import' AND object_id = '{code}'")
    assert len(audits) == 2
    assert "imported=9" in audits[0][0] and "quarantined=13" in audits[0][0]
    # counts only: nothing of a patient in the audit detail
    assert all("9999013" not in a[0] and "患者" not in a[0] for a in audits)


def test_I6_progress_line_shows_files_done_total_and_rate(tmp_path):
    code, fid = facility()
    out = imp(code, NHO)
    assert "22/22 files" in out.stderr and "files/s" in out.stderr
    # the progress line has counts, never a patient ID or name
    assert "9999013" not in out.stderr and "患者" not in out.stderr


def snapshot(fid):
    """Row counts of everything an import writes for one facility."""
    q = {
        "files": f"SELECT status, COALESCE(reason, ''), COUNT(*) FROM import_file "
                 f"WHERE facility_id = {fid} GROUP BY 1, 2 ORDER BY 1, 2",
        "records": f"SELECT kind, status, COUNT(*) FROM record WHERE facility_id = {fid} "
                   f"GROUP BY 1, 2 ORDER BY 1, 2",
        "meds": f"SELECT COUNT(*) FROM record_med m JOIN record r ON r.id = m.record_id "
                f"WHERE r.facility_id = {fid}",
        "labs": f"SELECT COUNT(*) FROM record_lab l JOIN record r ON r.id = l.record_id "
                f"WHERE r.facility_id = {fid}",
        "links": f"SELECT COUNT(*), COUNT(DISTINCT local_id) FROM patient_link "
                 f"WHERE facility_id = {fid}",
        "docs": f"SELECT COUNT(*) FROM document WHERE facility_id = {fid}",
        "dups": f"SELECT COUNT(*) FROM (SELECT file_id FROM record WHERE facility_id = {fid} "
                f"GROUP BY file_id HAVING COUNT(*) > 1) x",
        "paths": f"SELECT COUNT(*), COUNT(DISTINCT source_path) FROM record "
                 f"WHERE facility_id = {fid}",
    }
    return {k: sql(v) for k, v in q.items()}


def consistent(fid):
    """What must hold after every commit, mid-run too: each imported message file has its one
    record, and every order is decided (its newest record current or cancelled, the rest
    superseded), whichever batch the kill ended."""
    missing = one(f"SELECT COUNT(*) FROM import_file f LEFT JOIN record r ON r.file_id = f.id "
                  f"WHERE f.facility_id = {fid} AND f.tree = 'std' AND f.status = 'imported' "
                  f"AND r.id IS NULL")
    undecided = one(
        f"SELECT COUNT(*) FROM (SELECT status, flag, cancelled, ROW_NUMBER() OVER (PARTITION BY "
        f"link_id, data_type, order_key ORDER BY message_ts DESC, id DESC) AS rn FROM record "
        f"WHERE facility_id = {fid} AND order_key IS NOT NULL) x WHERE (rn = 1 AND status <> "
        f"IF(flag = 1 AND cancelled = 0, 'current', 'cancelled')) OR (rn > 1 AND status <> "
        f"'superseded')")
    return missing == "0" and undecided == "0"


# --- kill -9 mid-run ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_tree(tmp_path_factory):
    """The sample patient's 19 files copied for 150 synthetic patient IDs: 2,850 files."""
    root = tmp_path_factory.mktemp("big")
    src = NHO / "999" / "901" / "9999013"
    for i in range(150):
        pid = str(2000000 + i)
        for f in src.rglob("*"):
            if not f.is_file():
                continue
            r = f.relative_to(src)
            dst = root / pid[:3] / pid[3:6] / pid / str(r).replace("9999013", pid)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(f.read_bytes().replace(b"9999013", pid.encode()))
    return root


def test_I6_kill9_mid_run_then_rerun_equals_one_clean_run(big_tree):
    total = sum(1 for p in big_tree.rglob("*") if p.is_file())
    assert total == 150 * 19
    clean_code, clean_fid = facility()
    imp(clean_code, big_tree)
    clean = snapshot(clean_fid)
    assert clean["dups"] == [["0"]]
    assert consistent(clean_fid)
    code, fid = facility()
    killed_at = None
    for attempt in range(3):
        p = subprocess.Popen(CTL + ["ssmix2", "import", "--facility", code, str(big_tree)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = 300 + attempt * 700
        assert wait_for(lambda: int(one(f"SELECT COUNT(*) FROM import_file "
                                        f"WHERE facility_id = {fid}")) >= target or
                        p.poll() is not None, timeout=60, step=0.02)
        running = p.poll() is None
        p.send_signal(signal.SIGKILL)
        p.wait()
        n = int(one(f"SELECT COUNT(*) FROM import_file WHERE facility_id = {fid}"))
        if running and n < total:
            killed_at = n
            break
    assert killed_at is not None, "the import finished before it could be killed"
    print(f"killed after {killed_at} of {total} files")
    # Mid-run: some files recorded, with every record of each recorded file, nothing else.
    assert 0 < killed_at < total
    assert int(one(f"SELECT COUNT(*) FROM record r LEFT JOIN import_file f ON f.id = r.file_id "
                   f"WHERE r.facility_id = {fid} AND f.id IS NULL")) == 0
    # Files are committed in batches with their orders decided: a kill loses a whole batch.
    assert consistent(fid)
    out = imp(code, big_tree)
    assert "0 failed" in out.stdout
    assert snapshot(fid) == clean
    # the killed runs are marked as such, the last one is done
    runs = [r[0] for r in sql(f"SELECT status FROM import_run WHERE facility_id = {fid} "
                              f"ORDER BY id")]
    assert runs[-1] == "done" and set(runs[:-1]) == {"interrupted"}
    # ... and a third run changes nothing.
    out = imp(code, big_tree)
    assert f"{total} unchanged" in out.stdout
    assert snapshot(fid) == clean


def test_I6_one_import_per_facility_at_a_time(big_tree):
    code, fid = facility()
    p = subprocess.Popen(CTL + ["ssmix2", "import", "--facility", code, str(big_tree)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: int(one(f"SELECT COUNT(*) FROM import_file "
                                        f"WHERE facility_id = {fid}")) > 0, step=0.02)
        second = imp(code, big_tree, check=False)
        assert p.poll() is None, "the first import ended too soon to test"
        assert second.returncode == 1 and "another import is running" in second.stderr
    finally:
        p.wait()
    assert p.returncode == 0
    assert one(f"SELECT COUNT(*) FROM import_file WHERE facility_id = {fid}") == str(150 * 19)


# --- bad files: each quarantined for its own reason, the batch goes on ----------------------

def test_I6_each_defect_quarantined_with_its_reason_and_the_batch_goes_on(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p = "1234567"
    ts = "20240105100000000"
    f = {}
    f["name"] = put(root, p, "20240105", "OMP-01", "-", ts, 1, rx(p, "1"), name="prescription.hl7")
    f["folder"] = put(root, p, "20240105", "OMP-01", "1", ts, 1, rx(p, "1"),
                      name=f"7654321_20240105_OMP-01_1_{ts}_01_1")
    f["type"] = put(root, p, "20240105", "XYZ-01", "1", ts, 1, rx(p, "1"))
    f["empty"] = put(root, p, "20240105", "OMP-01", "2", ts, 1, b"")
    f["encoding"] = put(root, p, "20240105", "OMP-01", "3", ts, 1,
                        rx(p, "3").replace("MSH|^~\\&|HIS".encode(), b"MSH|^~\\&|\xfb\xfc"))
    f["parse"] = put(root, p, "20240105", "OMP-01", "4", ts, 1, "処方箋です".encode())
    f["msg_type"] = put(root, p, "20240105", "OMP-01", "5", ts, 1, adt00(p, "試験^花子"))
    f["no_pid"] = put(root, p, "20240105", "OMP-01", "6", ts, 1,
                      b"MSH|^~\\&|HIS|TEST|GW|RCV|20240101||RDE^O11|1|P|2.5\rORC|NW|6\r")
    f["pid_mismatch"] = put(root, p, "20240105", "OMP-01", "7", ts, 1, rx("7654321", "7"))
    # ISO-2022-JP declared in MSH-18 but bytes that are not
    f["encoding2"] = put(root, p, "20240105", "OMP-01", "8", ts, 1,
                         b"MSH|^~\\&|HIS|TEST|GW|RCV|20240101||RDE^O11|1|P|2.5||||||~ISO IR87||\r"
                         b"PID|0001||1234567^^^^PI||\x1b$B\xfb\xfc\x1b(B\r")
    layout = root / "123" / "456" / "stray.hl7"
    layout.write_bytes(rx(p, "9"))
    os.symlink("/etc/passwd", root / "123" / "456" / p / "20240105" / "OMP-01" /
               f"{p}_20240105_OMP-01_10_{ts}_01_1")
    big = put(root, p, "20240105", "OMP-01", "13", ts, 1, b"")
    with open(big, "wb") as fh:            # over 15 MiB: never read into memory
        fh.truncate(16 * 1024 * 1024)
    good = put(root, p, "20240105", "OMP-01", "11", ts, 1, rx(p, "11"))
    sjis = put(root, p, "20240105", "OMP-01", "12", ts, 1,
               hl7("RDE^O11^RDE_O11", p, ["ORC|NW|12", "RXE||1^試験^HOT9|1"], charset="~ISO IR87"))
    out = imp(code, root)
    got = files(fid)
    for reason in ("name", "folder", "type", "empty", "encoding", "parse", "msg_type", "no_pid",
                   "pid_mismatch"):
        assert got[rel(root, f[reason])] == ("quarantined", reason), reason
    assert got[rel(root, f["encoding2"])] == ("quarantined", "encoding")
    assert got[rel(root, layout)] == ("quarantined", "layout")
    assert got[f"123/456/{p}/20240105/OMP-01/{p}_20240105_OMP-01_10_{ts}_01_1"] == \
        ("quarantined", "layout")
    assert got[rel(root, big)] == ("quarantined", "too_big")
    assert got[rel(root, good)] == ("imported", "")
    assert got[rel(root, sjis)] == ("imported", "")
    assert "0 failed" in out.stdout
    # the ISO-2022-JP message is stored as received, its text decoded
    assert one(f"SELECT title FROM record r JOIN import_file f ON f.id = r.file_id "
               f"WHERE f.rel_path = '{rel(root, sjis)}' AND f.facility_id = {fid}") == "試験"
    detail = one(f"SELECT detail FROM import_file WHERE facility_id = {fid} AND reason = 'folder'")
    assert detail == "patient"


def test_I6_a_file_the_database_refuses_fails_alone_and_its_batch_goes_in(tmp_path):
    """Files are written in batches: one the database refuses (here a trigger refuses one lab
    value) must fail on its own, and the files before and after it in its batch go in."""
    code, fid = facility()
    root = tmp_path / "std"
    good = []
    for i in range(6):
        p = str(3000100 + i)
        good.append(put(root, p, "20240105", "OML-11", f"00000000000{i}", "20240105090000000", 1,
                        lab(p, f"00000000000{i}")))
    p = "3000103"
    bad = put(root, p, "20240106", "OML-11", "000000000099", "20240106090000000", 1,
              lab(p, "000000000099").replace(b"3D010000001926101", b"REFUSE-ME"))
    sql("DROP TRIGGER IF EXISTS test_import_refuse")
    # seq is NOT NULL: strict mode refuses the row (error 1048), and only that row
    sql("CREATE TRIGGER test_import_refuse BEFORE INSERT ON record_lab FOR EACH ROW "
        "SET NEW.seq = IF(NEW.code = 'REFUSE-ME', NULL, NEW.seq)")
    try:
        out = imp(code, root, check=False)
    finally:
        sql("DROP TRIGGER IF EXISTS test_import_refuse")
    assert "6 imported" in out.stdout and "1 failed" in out.stdout
    got = files(fid)
    assert all(got[rel(root, f)] == ("imported", "") for f in good)
    assert rel(root, bad) not in got       # no row: the next run tries it again
    assert one(f"SELECT COUNT(*) FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid}") == "12"
    assert consistent(fid)
    out = imp(code, root)
    assert "1 imported" in out.stdout and "6 unchanged" in out.stdout and "0 failed" in out.stdout
    assert files(fid)[rel(root, bad)] == ("imported", "")
    assert consistent(fid)


# --- changed files, flag and cancel semantics ----------------------------------------------

def test_I6_changed_file_reimports_replacing_its_rows(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    f = put(root, "3000001", "20240105", "OML-11", "000000000000501", "20240105120000000", 1,
            lab("3000001", "000000000000501", tp="7.2"))
    imp(code, root)
    labs = sql(f"SELECT l.code, l.name, l.value, l.value_num, l.unit, l.range_low, l.range_high, "
               f"l.flag, l.observed_at FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid} ORDER BY l.seq")
    assert labs[0] == ["3A010000002327101", "総蛋白", "7.2", "7.2", "g/dl", "6.7", "8.3", "NULL",
                       "2024-01-05 09:00:00"]
    assert labs[1][7] == "H" and labs[1][8] == "2024-01-05 09:00:00"   # OBX-14 empty: OBR-7
    sha1 = one(f"SELECT sha256 FROM import_file WHERE facility_id = {fid}")
    # Same path, same size, rewritten at once: still seen as changed.
    f.write_bytes(lab("3000001", "000000000000501", tp="7.9"))
    out = imp(code, root)
    assert "1 imported" in out.stdout
    assert one(f"SELECT COUNT(*) FROM record WHERE facility_id = {fid}") == "1"
    assert one(f"SELECT l.value FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid} AND l.seq = 1") == "7.9"
    assert one(f"SELECT sha256 FROM import_file WHERE facility_id = {fid}") != sha1
    # Now broken: quarantined, and its old rows are gone with it.
    f.write_bytes(b"garbage")
    imp(code, root)
    assert files(fid)[rel(root, f)] == ("quarantined", "parse")
    assert one(f"SELECT COUNT(*) FROM record WHERE facility_id = {fid}") == "0"
    # Fixed at the hospital: back in.
    f.write_bytes(lab("3000001", "000000000000501", tp="6.9"))
    imp(code, root)
    assert one(f"SELECT l.value FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid} AND l.seq = 1") == "6.9"


def statuses(fid, order):
    return [r[0] for r in sql(f"SELECT status FROM record WHERE facility_id = {fid} "
                              f"AND order_no = '{order}' ORDER BY message_ts")]


def test_I6_newer_message_replaces_older_cancel_leaves_history(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p, o, d = "3000002", "000000000000777", "20240105"
    t1, t2, t3 = "20240105100000000", "20240105110000000", "20240105120000000"
    v1 = put(root, p, d, "OMP-01", o, t1, 1, rx(p, o, drug="一版錠"))
    imp(code, root)
    assert statuses(fid, o) == ["current"]
    # The hospital's update: the old file renamed to flag 0, the new one added with flag 1.
    v1.rename(v1.with_name(v1.name[:-1] + "0"))
    v2 = put(root, p, d, "OMP-01", o, t2, 1, rx(p, o, drug="二版錠"))
    out = imp(code, root)
    assert "1 removed" in out.stdout
    assert statuses(fid, o) == ["superseded", "current"]
    assert one(f"SELECT title FROM record WHERE facility_id = {fid} AND status = 'current'") == "二版錠"
    # Cancelled: the last message cancels (ORC-1 CA) and no file keeps flag 1.
    v2.rename(v2.with_name(v2.name[:-1] + "0"))
    put(root, p, d, "OMP-01", o, t3, 0, rx(p, o, drug="二版錠", control="CA"))
    imp(code, root)
    assert statuses(fid, o) == ["superseded", "superseded", "cancelled"]
    # Out of the current view, still in the history: three messages, none current.
    assert one(f"SELECT COUNT(*) FROM record WHERE facility_id = {fid} AND order_no = '{o}' "
               f"AND status = 'current'") == "0"
    assert one(f"SELECT COUNT(*) FROM record WHERE facility_id = {fid} AND order_no = '{o}'") == "3"


def test_I6_flag_1_cancel_message_and_late_older_message(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p, d = "3000003", "20240105"
    # A cancel message that still carries flag 1 cancels too.
    put(root, p, d, "OMP-01", "000000000000801", "20240105100000000", 0, rx(p, "801"))
    put(root, p, d, "OMP-01", "000000000000801", "20240105110000000", 1,
        rx(p, "801", control="CA"))
    # A newer message imported first, the older arrives later: the newer stays current.
    put(root, p, d, "OMP-01", "000000000000802", "20240105110000000", 1, rx(p, "802", drug="新"))
    imp(code, root)
    put(root, p, d, "OMP-01", "000000000000802", "20240105100000000", 0, rx(p, "802", drug="旧"))
    imp(code, root)
    assert statuses(fid, "000000000000801") == ["superseded", "cancelled"]
    assert statuses(fid, "000000000000802") == ["superseded", "current"]
    assert one(f"SELECT title FROM record WHERE facility_id = {fid} AND order_no = "
               f"'000000000000802' AND status = 'current'") == "新"


def test_I6_latest_demographics_win_whatever_the_arrival_order(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p = "3000004"
    put(root, p, "-", "ADT-00", "999999999999999", "20240102000000000", 1,
        adt00(p, "新庄^一郎^^^^^L^I~シンジョウ^イチロウ^^^^^L^P"), dept="-")
    imp(code, root)
    # An older ADT-00 arriving later changes nothing.
    put(root, p, "-", "ADT-00", "999999999999999", "20240101000000000", 0,
        adt00(p, "旧姓^一郎^^^^^L^I~キュウセイ^イチロウ^^^^^L^P"), dept="-")
    imp(code, root)
    assert sql(f"SELECT name, kana_key FROM patient_link WHERE facility_id = {fid}") == \
        [["新庄 一郎", "シンジョウイチロウ"]]
    put(root, p, "-", "ADT-00", "999999999999999", "20240103000000000", 1,
        adt00(p, "最上^一郎^^^^^L^I~もがみ^いちろう^^^^^L^P"), dept="-")
    imp(code, root)
    assert sql(f"SELECT name, kana_key, source FROM patient_link WHERE facility_id = {fid}") == \
        [["最上 一郎", "モガミイチロウ", "import"]]


def test_I6_allergies_and_problems(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p = "3000005"
    put(root, p, "-", "ADT-61", "999999999999999", "20240101000000000", 1, hl7(
        "ADT^A60^ADT_A60", p, [
            "IAM|1|DA^薬剤アレルギー^HL70127|106824501^アリナミン^HOT9|MO^中等度^HL70128|"
            "のどの渇き|A^追加^HL70323|||||20070710",
            "IAM|2|FA^食物アレルギー^HL70127|5A1002411023006^ソバ^JC10|MI^軽度^HL70128|湿疹"]),
        dept="-")
    put(root, p, "-", "PPR-01", "999999999999999", "20240101000000000", 1, hl7(
        "PPR^ZD1^PPR_ZD1", p, [
            # as in the guideline's example: PRB-14 life cycle status, PRB-16 onset
            "PRB|AD|20110915|20054174^胃炎^MDCDX2|1|||20110831||20110915|K297^^I10^O^外来時^JHSD0004"
            "||||N^回復せず^HL70241|20110915|20110831|胃炎|1^主診断^JHSD0007"]))
    imp(code, root)
    assert sql(f"SELECT allergy_type, code, name, severity, reaction, COALESCE(onset, '-') "
               f"FROM record_allergy a JOIN record r ON r.id = a.record_id "
               f"WHERE r.facility_id = {fid} ORDER BY a.seq") == [
        ["薬剤アレルギー", "106824501", "アリナミン", "中等度", "のどの渇き", "2007-07-10"],
        ["食物アレルギー", "5A1002411023006", "ソバ", "軽度", "湿疹", "-"]]
    assert sql(f"SELECT p.code, p.name, p.onset, p.status FROM record_problem p "
               f"JOIN record r ON r.id = p.record_id WHERE r.facility_id = {fid}") == [
        ["20054174", "胃炎", "2011-08-31", "回復せず"]]


def test_I6_junk_times_and_overlong_names_do_not_block_a_file(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p = "3000009"
    long_name = "A" * 150 + "^" + "B" * 10 + "^^^^^L^I"
    put(root, p, "20240105", "OMP-01", "000000000001101", "20240105140000000", 1, hl7(
        "RDE^O11^RDE_O11", p, ["ORC|NW|000000000001101|||||||00010101000000",
                               "RXE||620000001^試験錠^HOT9|1"],
        pid_name=long_name, birth="00000000"))
    out = imp(code, root)
    assert "1 imported" in out.stdout and "0 failed" in out.stdout
    name, birth = sql(f"SELECT name, COALESCE(birth_date, '-') FROM patient_link "
                      f"WHERE facility_id = {fid}")[0]
    assert 50 < len(name) <= 100 and name.startswith("A" * 50) and birth == "-"
    assert one(f"SELECT COALESCE(occurred_at, '-') FROM record WHERE facility_id = {fid}") \
        == "2024-01-01 12:00:00"     # junk ORC-9: MSH-7 instead


def test_I6_reports_keep_their_findings_and_measurements(tmp_path):
    code, fid = facility()
    root = tmp_path / "std"
    p = "3000008"
    put(root, p, "20240105", "OMG-13", "999999999999999", "20240105150000000", 1, hl7(
        "ORU^R01^ORU_R01", p, [
            "OBR|1|2024010500089100||9A110^標準１２誘導心電図^JC10|||20240105",
            "OBX|1|TX|9A100&IMP^心電図所見^JC10|1|心筋虚血疑い||||||F",
            "OBX|2|NM|32769^心拍数^99MFR|2|67|bpm|||||F"]))
    put(root, p, "20240105", "OMG-03", "000000000001001", "20240105140000000", 1, hl7(
        "OMG^O19^OMG_O19", p, [
            "ORC|NW|000000000001001|||||||20240105101500",
            "OBR|1|000000000001001||9A110^標準１２誘導心電図^JC10",
            "OBX|1|TX|9A100&IMP^心電図所見^JC10||心筋梗塞の疑い||||||F"]))
    imp(code, root)
    rows = {r[0]: r[1:] for r in sql(
        f"SELECT kind, title, summary, occurred_at FROM record WHERE facility_id = {fid}")}
    assert rows["report"] == ["標準１２誘導心電図", "標準１２誘導心電図、心筋虚血疑い",
                              "2024-01-05 00:00:00"]
    assert rows["physiology_order"][:2] == ["標準１２誘導心電図", "標準１２誘導心電図、心筋梗塞の疑い"]
    assert rows["physiology_order"][2] == "2024-01-05 10:15:00"
    assert sql(f"SELECT l.name, l.value, l.unit FROM record_lab l JOIN record r "
               f"ON r.id = l.record_id WHERE r.facility_id = {fid} ORDER BY l.seq") == [
        ["心電図所見", "心筋虚血疑い", "NULL"], ["心拍数", "67", "bpm"]]


# --- extended storage -----------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def test_I6_documents_typed_by_their_content_not_their_name(tmp_path):
    code, fid = facility()
    std, ext = tmp_path / "std", tmp_path / "ext"
    p = "3000006"
    put(std, p, "20240105", "OML-11", "000000000000901", "20240105120000000", 1,
        lab(p, "000000000000901"))
    d = ext / "300" / "000" / p / "20240105" / "退院時サマリ"
    d.mkdir(parents=True)
    (d / "summary.bin").write_bytes(PDF)        # a PDF whatever its name
    (d / "xray.dat").write_bytes(PNG)
    (d / "photo.pdf").write_bytes(JPEG)         # a JPEG named .pdf
    (d / "letter.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    imp(code, std, ext=ext)
    docs = sql(f"SELECT title, content_type, size, sha256, SHA2(data, 256), category, care_date "
               f"FROM document WHERE facility_id = {fid} ORDER BY title")
    by = {r[0]: r for r in docs}
    assert set(by) == {"summary.bin", "xray.dat", "photo.pdf"}
    for name, ctype, data in (("summary.bin", "application/pdf", PDF),
                              ("xray.dat", "image/png", PNG), ("photo.pdf", "image/jpeg", JPEG)):
        r = by[name]
        assert r[1] == ctype and r[2] == str(len(data))
        assert r[3] == r[4] == hashlib.sha256(data).hexdigest()
        assert r[5] == "退院時サマリ" and r[6] == "2024-01-05"
    q = sql(f"SELECT rel_path, reason FROM import_file WHERE facility_id = {fid} "
            f"AND status = 'quarantined'")
    assert q == [[f"300/000/{p}/20240105/退院時サマリ/letter.pdf", "content"]]
    # the documents belong to the same patient link as the HL7 records
    assert one(f"SELECT COUNT(DISTINCT link_id) FROM (SELECT link_id FROM document WHERE "
               f"facility_id = {fid} UNION ALL SELECT link_id FROM record WHERE "
               f"facility_id = {fid}) x") == "1"


# --- the scheduled import ------------------------------------------------------------------

def test_I6_scheduler_picks_up_a_new_file_without_anyone_acting(tmp_path):
    code, fid = facility()
    root = tmp_path / "watched"
    root.mkdir()
    # the scheduler runs from anywhere: relative paths are refused
    assert ctl("ssmix2", "set", "--facility", code, "--dir", "watched",
               check=False).returncode == 2
    ctl("ssmix2", "set", "--facility", code, "--dir", str(root))
    try:
        assert one(f"SELECT enabled FROM facility_ssmix2 WHERE facility_id = {fid}") == "1"
        f = put(root, "3000007", "20240105", "OML-11", "000000000000951", "20240105120000000", 1,
                lab("3000007", "000000000000951"))
        assert wait_for(lambda: sql(f"SELECT status FROM import_file WHERE facility_id = {fid}")
                        == [["imported"]], timeout=40, step=0.5)
        # and again for a second file, later
        put(root, "3000007", "20240106", "OML-11", "000000000000952", "20240106120000000", 1,
            lab("3000007", "000000000000952"))
        assert wait_for(lambda: one(f"SELECT COUNT(*) FROM record WHERE facility_id = {fid}")
                        == "2", timeout=40, step=0.5)
        assert one(f"SELECT COUNT(*) FROM audit WHERE action = 'ssmix2.import' "
                   f"AND object_id = '{code}'") >= "1"
        assert f.exists()
    finally:
        ctl("ssmix2", "set", "--facility", code, "--dir", str(root), "--disable")
    assert one(f"SELECT enabled FROM facility_ssmix2 WHERE facility_id = {fid}") == "0"


# --- the operator's page -------------------------------------------------------------------

def test_I6_operator_page_last_arrival_runs_and_quarantine_without_names(samples):
    code, fid, _ = samples
    s = logged_in(make_user(role="operator"))
    r = s.get(url("/admin/imports"))
    assert r.status_code == 200
    assert "SS-MIX2 取込状況" in r.text and code in r.text
    assert f'id="facility-{code}"' in r.text
    for name in ("太郎", "カンジャ", "1948", "試験 花子", "シケン"):
        assert name not in r.text
    # one facility's quarantine (the network-wide list shows the latest 500)
    r = s.get(url(f"/admin/imports?facility={fid}"))
    assert r.status_code == 200 and r.text.count("<tr><td class=\"nowrap\">") == 13
    assert "000/000/0000001/20000401/ADT-31/" in r.text
    assert "メッセージ内の患者ID（PID-3）がフォルダの患者IDと一致しません" in r.text
    assert "ファイル名の患者ID・診療日・データ種別が格納フォルダと一致しません" in r.text
    for name in ("太郎", "カンジャ", "1948", "試験 花子", "シケン"):
        assert name not in r.text
    assert s.get(url("/admin/imports?facility=x")).status_code == 400


def test_I6_staff_reads_the_page_users_and_managers_get_403():
    assert logged_in(make_user(role="staff")).get(url("/admin/imports")).status_code == 200
    for role in ("user", "facility_manager", "desk"):
        s = logged_in(make_user(role=role))
        assert s.get(url("/admin/imports"), allow_redirects=False).status_code == 403, role


# --- docs/import.md: SS-MIX2 as hospitals and the publishers write it ----------------------------
# Every sample below is written here from the guideline's description (no third-party file).

def msg22(msh9, pid, segs, msh7="20240101120000", charset="", encoding=None):
    """A message with its own MSH-7 and MSH-18; encoding: how its bytes are written (None: as
    declared, ISO-2022-JP for ~ISO IR87, else UTF-8)."""
    lines = [f"MSH|^~\\&|HIS|TEST|GW|RCV|{msh7}||{msh9}|1|P|2.5||||||{charset}||",
             f"PID|0001||{pid}^^^^PI||試験^二二^^^^^L^I~シケン^ニニ^^^^^L^P||19700101|M"] + segs
    text = "\r".join(lines) + "\r\x1c"
    enc = encoding or ("iso2022_jp" if "IR87" in charset else "utf-8")
    return text.encode(enc)


def vitals(pid, at, temp, pulse, sbp, dbp, temp_flag="", **kw):
    """ORU^R30, unsolicited point-of-care observations: one set of vital signs at `at`."""
    return msg22("ORU^R30^ORU_R30", pid, [
        "PV1|1|I|3A^301^1",
        f"OBR|1||{at}|VITAL^バイタルサイン^LOCAL|||{at}",
        f"OBX|1|NM|8310-5^体温^LN||{temp}|Cel^℃^UCUM|36.0-37.5|{temp_flag}|||F|||{at}",
        f"OBX|2|NM|8867-4^脈拍^LN||{pulse}|/min^回/分^UCUM|60-100||||F|||{at}",
        f"OBX|3|NM|8480-6^収縮期血圧^LN||{sbp}|mm[Hg]^mmHg^UCUM|90-139||||F|||{at}",
        f"OBX|4|NM|8462-4^拡張期血圧^LN||{dbp}|mm[Hg]^mmHg^UCUM|60-89||||F|||{at}"], **kw)


def docdir(ext, pid, date, typ, order, ts, dept="01"):
    """An extended-storage document folder as the guideline lays it out."""
    pad = pid.rjust(7, "0")
    d = ext / pad[:3] / pad[3:6] / pid / date / typ / f"{pid}_{date}_{typ}_{order}_{ts}_{dept}"
    d.mkdir(parents=True, exist_ok=True)
    return d


VITAL = "VITAL^バイタルサイン^LOCAL"
DSUM = "DSUM^退院時サマリ^LOCAL"


@pytest.fixture(scope="module")
def as_written(tmp_path_factory):
    """One tree mixing every form docs/import.md describes, standardized and extended storage."""
    base = tmp_path_factory.mktemp("as_written")
    std, ext = base / "std", base / "ext"
    p, d = "4000001", "20240105"
    f = {}
    # file-name timestamps of 14, 15, 16 and 17 digits
    f["ts14"] = put(std, p, d, "OML-11", "000000000002201", "20240105120000", 1,
                    lab(p, "000000000002201"))
    f["ts15"] = put(std, p, d, "OMP-01", "000000000002202", "202401051000003", 1,
                    rx(p, "000000000002202", drug="十五桁錠"))
    f["ts16"] = put(std, p, d, "OMP-01", "000000000002203", "2024010511000032", 1,
                    rx(p, "000000000002203", drug="十六桁錠"))
    f["ts17"] = put(std, p, "20240106", "OML-11", "000000000002204", "20240106120000000", 1,
                    lab(p, "000000000002204", tp="6.9"))
    # MSH-7 with a fraction after the minutes, and with milliseconds glued on
    f["msh7_min"] = put(std, p, "20160101", "ADT-12", "999999999999999", "20160101150000000", 1,
                        msg22("ADT^A04^ADT_A01", p, ["PV1|1|O|01^^^^^^^^内科"],
                              msh7="201601011500.321"))
    f["msh7_ms"] = put(std, p, "20160102", "ADT-12", "999999999999999", "20160102150000000", 1,
                       msg22("ADT^A04^ADT_A01", p, ["PV1|1|O|01^^^^^^^^内科"],
                             msh7="20160102150000321"))
    # declared JIS, written UTF-8; declared nothing, written JIS; neither (Shift_JIS)
    rde = ["ORC|NW|{o}|||||||20240105100000", "RXE||620000001^{drug}^HOT9|1||TAB^錠^MR9P"]
    f["jis_utf8"] = put(std, p, d, "OMP-01", "000000000002205", "20240105100500000", 1,
                        msg22("RDE^O11^RDE_O11", p, [s.format(o="000000000002205",
                              drug="宣言JIS中身UTF8錠") for s in rde], charset="~ISO IR87",
                              encoding="utf-8"))
    f["utf8_jis"] = put(std, p, d, "OMP-01", "000000000002206", "20240105100600000", 1,
                        msg22("RDE^O11^RDE_O11", p, [s.format(o="000000000002206",
                              drug="宣言無し中身JIS錠") for s in rde], encoding="iso2022_jp"))
    f["sjis"] = put(std, p, d, "OMP-01", "000000000002207", "20240105100700000", 1,
                    msg22("RDE^O11^RDE_O11", p, [s.format(o="000000000002207",
                          drug="シフトJIS錠") for s in rde], charset="~ISO IR87",
                          encoding="shift_jis"))
    # extended storage: vital signs twice on one day (08:00 and 20:00) and once the next day,
    # that one declared and written in JIS with a 14-digit folder timestamp
    dd = docdir(ext, p, d, VITAL, "999999999999999", "20240105080000000")
    (dd / "vital.hl7").write_bytes(vitals(p, "202401050800", "36.5", "72", "128", "80"))
    dd = docdir(ext, p, d, VITAL, "999999999999999", "20240105200000000")
    (dd / "vital.hl7").write_bytes(vitals(p, "202401052000", "37.8", "96", "132", "84",
                                          temp_flag="H"))
    dd = docdir(ext, p, "20240106", VITAL, "999999999999999", "20240106080000", dept="-")
    (dd / "vital.hl7").write_bytes(vitals(p, "202401060800", "36.7", "70", "120", "76",
                                          charset="~ISO IR87"))
    # a discharge summary with an attachment, and a document in the earlier flat layout
    dd = docdir(ext, p, d, DSUM, "000000000002299", "20240105170000")
    (dd / "summary.pdf").write_bytes(PDF)
    (dd / "attachment.png").write_bytes(PNG)
    flat = ext / "400" / "000" / p / d / "紹介状"
    flat.mkdir(parents=True)
    (flat / "letter.pdf").write_bytes(PDF + b"%letter\n")
    # observations in the flat layout: the folder says vital signs, MSH-7 says when
    flat = ext / "400" / "000" / p / "20240107" / "バイタル"
    flat.mkdir(parents=True)
    (flat / "vital-r01.hl7").write_bytes(msg22("ORU^R01^ORU_R01", p, [
        "OBR|1||1|VITAL^バイタルサイン^LOCAL",
        "OBX|1|NM|8310-5^体温^LN||36.9|Cel^℃^UCUM|36.0-37.5||||F|||202401070900"],
        msh7="20240107091500"))
    # what extended storage must not take: another patient's folder name, a folder that is
    # no document folder, an HL7 message that is no observation, content that is none of ours
    dd = ext / "400" / "000" / p / d / DSUM / f"4000002_{d}_{DSUM}_1_20240105170000_01"
    dd.mkdir(parents=True)
    (dd / "other.pdf").write_bytes(PDF)
    dd = ext / "400" / "000" / p / d / DSUM / "summary-folder"
    dd.mkdir(parents=True)
    (dd / "x.pdf").write_bytes(PDF)
    dd = docdir(ext, p, d, "ADT^入院^LOCAL", "1", "20240105090000000")
    (dd / "adt.hl7").write_bytes(msg22("ADT^A01^ADT_A01", p, ["PV1|1|I"]))
    dd = docdir(ext, p, d, "CDA^診療情報提供書^LOCAL", "1", "20240105090000000")
    (dd / "cda.xml").write_bytes(b"<?xml version=\"1.0\"?><ClinicalDocument/>")
    code, fid = facility()
    out = imp(code, std, ext=ext)
    return code, fid, std, ext, f, out


def ext_files(fid):
    return {r[0]: (r[1], r[2], r[3]) for r in
            sql(f"SELECT rel_path, status, COALESCE(reason, ''), COALESCE(detail, '') "
                f"FROM import_file WHERE facility_id = {fid} AND tree = 'ext'")}


def test_I22_a_tree_as_written_imports_all_but_what_is_neither_and_counts_warnings(as_written):
    code, fid, std, ext, f, out = as_written
    assert "20 files, 15 imported, 0 unchanged, 5 quarantined, 0 removed, 0 failed, " \
           "2 with warnings" in out.stdout, out.stdout + out.stderr
    got = {r[0]: r[1:] for r in sql(
        f"SELECT rel_path, status, COALESCE(reason, ''), COALESCE(warning, '') FROM import_file "
        f"WHERE facility_id = {fid} AND tree = 'std'")}
    for k in ("ts14", "ts15", "ts16", "ts17", "msh7_min", "msh7_ms"):
        assert got[rel(std, f[k])] == ["imported", "", ""], k
    assert got[rel(std, f["jis_utf8"])] == ["imported", "", "charset_utf8"]
    assert got[rel(std, f["utf8_jis"])] == ["imported", "", "charset_jis"]
    assert got[rel(std, f["sjis"])] == ["quarantined", "encoding", ""]
    e = ext_files(fid)
    base = f"400/000/4000001/20240105/"
    imported = {k for k, v in e.items() if v[0] == "imported"}
    assert imported == {
        base + f"{VITAL}/4000001_20240105_{VITAL}_999999999999999_20240105080000000_01/vital.hl7",
        base + f"{VITAL}/4000001_20240105_{VITAL}_999999999999999_20240105200000000_01/vital.hl7",
        f"400/000/4000001/20240106/{VITAL}/4000001_20240106_{VITAL}_999999999999999_"
        f"20240106080000_-/vital.hl7",
        base + f"{DSUM}/4000001_20240105_{DSUM}_000000000002299_20240105170000_01/summary.pdf",
        base + f"{DSUM}/4000001_20240105_{DSUM}_000000000002299_20240105170000_01/attachment.png",
        base + "紹介状/letter.pdf",
        "400/000/4000001/20240107/バイタル/vital-r01.hl7"}
    assert e[base + f"{DSUM}/4000002_20240105_{DSUM}_1_20240105170000_01/other.pdf"] == \
        ("quarantined", "folder", "patient")
    assert e[base + f"{DSUM}/summary-folder/x.pdf"][:2] == ("quarantined", "docdir")
    assert e[base + f"ADT^入院^LOCAL/4000001_20240105_ADT^入院^LOCAL_1_20240105090000000_01/"
             f"adt.hl7"][:2] == ("quarantined", "msg_type")
    assert e[base + f"CDA^診療情報提供書^LOCAL/4000001_20240105_CDA^診療情報提供書^LOCAL_1_"
             f"20240105090000000_01/cda.xml"][:2] == ("quarantined", "content")
    # the run's counts, as the page shows them
    assert sql(f"SELECT files_total, imported, warned, quarantined, failed FROM import_run "
               f"WHERE facility_id = {fid}") == [["20", "15", "2", "5", "0"]]
    audit = one(f"SELECT detail FROM audit WHERE action = 'ssmix2.import' AND object_id = '{code}'")
    assert "imported=15 warned=2" in audit and "4000001" not in audit


def test_I22_file_name_and_msh7_times_keep_the_precision_given(as_written):
    code, fid, std, ext, f, _ = as_written

    def rec(k):
        return sql(f"SELECT r.message_ts, r.message_ts_given, COALESCE(r.occurred_at, '-'), "
                   f"COALESCE(r.occurred_given, '-') FROM record r JOIN import_file i "
                   f"ON i.id = r.file_id WHERE i.facility_id = {fid} "
                   f"AND i.rel_path = '{rel(std, f[k])}'")[0]
    assert rec("ts14")[:2] == ["2024-01-05 12:00:00.000", "2024-01-05T12:00:00"]
    assert rec("ts15")[:2] == ["2024-01-05 10:00:00.300", "2024-01-05T10:00:00.3"]
    assert rec("ts16")[:2] == ["2024-01-05 11:00:00.320", "2024-01-05T11:00:00.32"]
    assert rec("ts17")[:2] == ["2024-01-06 12:00:00.000", "2024-01-06T12:00:00.000"]
    # MSH-7 "201601011500.321": read to the minute, as given; 17 digits: to the millisecond
    assert rec("msh7_min")[2:] == ["2016-01-01 15:00:00", "2016-01-01T15:00"]
    assert rec("msh7_ms")[2:] == ["2016-01-02 15:00:00", "2016-01-02T15:00:00.321"]
    # ORC-9 given to the second
    assert rec("ts15")[2:] == ["2024-01-05 10:00:00", "2024-01-05T10:00:00"]


def test_I22_declared_charset_mismatch_is_read_as_what_the_bytes_are(as_written):
    code, fid, std, ext, f, _ = as_written
    titles = {r[0]: r[1] for r in sql(
        f"SELECT i.rel_path, r.title FROM record r JOIN import_file i ON i.id = r.file_id "
        f"WHERE i.facility_id = {fid} AND r.data_type = 'OMP-01'")}
    assert titles[rel(std, f["jis_utf8"])] == "宣言JIS中身UTF8錠"
    assert titles[rel(std, f["utf8_jis"])] == "宣言無し中身JIS錠"
    # kept as received, byte for byte
    raw = one(f"SELECT HEX(r.raw_message) FROM record r JOIN import_file i ON i.id = r.file_id "
              f"WHERE i.facility_id = {fid} AND i.rel_path = '{rel(std, f['utf8_jis'])}'")
    assert bytes.fromhex(raw) == f["utf8_jis"].read_bytes()


def test_I22_extended_storage_vital_signs_and_documents(as_written):
    code, fid, std, ext, f, _ = as_written
    recs = sql(f"SELECT kind, data_type, msg_type, care_date, message_ts_given, status, dept "
               f"FROM record WHERE facility_id = {fid} AND data_type = 'EXT' "
               f"ORDER BY message_ts")
    assert recs == [
        ["vital", "EXT", "ORU^R30", "2024-01-05", "2024-01-05T08:00:00.000", "current", "01"],
        ["vital", "EXT", "ORU^R30", "2024-01-05", "2024-01-05T20:00:00.000", "current", "01"],
        ["vital", "EXT", "ORU^R30", "2024-01-06", "2024-01-06T08:00:00", "current", "NULL"],
        # flat layout: MSH-7's time, the kind from the folder's name
        ["vital", "EXT", "ORU^R01", "2024-01-07", "2024-01-07T09:15:00", "current", "NULL"]]
    rows = sql(f"SELECT l.name, l.value, l.unit, l.flag, l.observed_at, l.observed_given "
               f"FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid} AND r.kind = 'vital' AND l.code = '8310-5' "
               f"ORDER BY l.observed_at")
    assert rows == [["体温", "36.5", "Cel", "NULL", "2024-01-05 08:00:00", "2024-01-05T08:00"],
                    ["体温", "37.8", "Cel", "H", "2024-01-05 20:00:00", "2024-01-05T20:00"],
                    ["体温", "36.7", "Cel", "NULL", "2024-01-06 08:00:00", "2024-01-06T08:00"],
                    ["体温", "36.9", "Cel", "NULL", "2024-01-07 09:00:00", "2024-01-07T09:00"]]
    assert one(f"SELECT COUNT(*) FROM record_lab l JOIN record r ON r.id = l.record_id "
               f"WHERE r.facility_id = {fid} AND r.kind = 'vital'") == "13"
    docs = sql(f"SELECT title, content_type, category, care_date FROM document "
               f"WHERE facility_id = {fid} ORDER BY title")
    assert docs == [["attachment.png", "image/png", DSUM, "2024-01-05"],
                    ["letter.pdf", "application/pdf", "紹介状", "2024-01-05"],
                    ["summary.pdf", "application/pdf", DSUM, "2024-01-05"]]
    # one patient link for the messages, the observations and the documents
    assert one(f"SELECT COUNT(*) FROM patient_link WHERE facility_id = {fid}") == "1"


def test_I22_rerun_changes_nothing_and_keeps_the_warnings(as_written):
    code, fid, std, ext, f, _ = as_written
    before = snapshot(fid)
    out = imp(code, std, ext=ext)
    assert "20 files, 0 imported, 20 unchanged, 0 quarantined, 0 removed, 0 failed, " \
           "0 with warnings" in out.stdout
    assert snapshot(fid) == before
    assert one(f"SELECT COUNT(*) FROM import_file WHERE facility_id = {fid} "
               f"AND warning IS NOT NULL") == "2"
    # fixed at the hospital: the warning goes with the new content
    f["jis_utf8"].write_bytes(f["jis_utf8"].read_bytes().replace(b"~ISO IR87", b"UNICODE UTF-8"))
    out = imp(code, std, ext=ext)
    assert "1 imported" in out.stdout and "0 with warnings" in out.stdout
    assert one(f"SELECT COALESCE(warning, '-') FROM import_file WHERE facility_id = {fid} "
               f"AND rel_path = '{rel(std, f['jis_utf8'])}'") == "-"


def test_I22_import_page_shows_warnings_beside_quarantine_and_counts_per_run(as_written):
    code, fid, std, ext, f, _ = as_written
    s = logged_in(make_user(role="operator"))
    r = s.get(url(f"/admin/imports?facility={fid}"))
    assert r.status_code == 200
    t = r.text
    # the facilities' table: the last run's warnings and the facility's files with a warning
    row = t[t.index(f'id="facility-{code}"'):]
    row = row[:row.index("</tr>")]
    assert 'class="w-count">' in row
    # each run with imported / with warning / quarantined
    runs = t[t.index('id="import-runs"'):]
    runs = runs[:runs.index("</table>")]
    first = re.search(r'<td class="r-total">(\d+)</td><td class="r-imported">(\d+)</td>'
                      r'<td class="r-warned">(\d+)</td><td class="r-unchanged">(\d+)</td>'
                      r'<td class="r-quarantined">(\d+)</td>', runs)
    assert first is not None
    counts = re.findall(r'<td class="r-total">(\d+)</td><td class="r-imported">(\d+)</td>'
                        r'<td class="r-warned">(\d+)</td>', runs)
    assert ("20", "15", "2") in counts       # the first run (newest first in the table)
    assert "取込" in runs and "うち警告あり" in t and "隔離" in runs
    # warnings per file, worded in Japanese, beside the quarantine reasons
    q = t[t.index('id="quarantine"'):]
    q = q[:q.index("</table>")]
    rows = re.findall(r"<tr( class=\"warned\")?><td class=\"nowrap\">[^<]*</td><td><code>"
                      r"([^<]*)</code></td><td class=\"nowrap\">([^<]*)</td><td>([^<]*)</td>", q)
    by = {html.unescape(p): (bool(w), st, html.unescape(why)) for w, p, st, why in rows}
    w = by[rel(std, f["utf8_jis"])]
    assert w[0] and w[1] == "警告付きで取込" and "JIS として読み込みました" in w[2]
    assert by[rel(std, f["sjis"])][:2] == (False, "隔離")
    assert "文字コード" in by[rel(std, f["sjis"])][2]
    docs = [p for p in by if "summary-folder" in p]
    assert docs and "文書フォルダ名" in by[docs[0]][2]
    # no names, no raw codes on the page
    for x in ("二二", "ニニ", "1970-01-01", "19700101", "charset_utf8", "charset_jis", "docdir"):
        assert x not in t, x

