"""test_demogen.py: `mogamictl demo generate --only CODE` and `--no-trees` (docs/benchmarks.md), the way
scripts/region.sh calls them: one facility's trees alone are what a run of all writes for it,
file by file; --no-trees writes region.sql, facilities.tsv and bench.tsv alone. No database."""
import re
import subprocess

from conftest import ROOT

SIZES = ["--patients", "60", "--facilities", "3", "--years", "5", "--seed", "7", "--heavy", "300"]


def generate(out, *extra):
    r = subprocess.run([str(ROOT / "build" / "mogamictl"), "demo", "generate", *SIZES, *extra,
                        "--out", str(out)], capture_output=True, text=True, check=True)
    return int(re.search(r"(\d+) messages", r.stdout).group(1))


def tree(root):
    """Every folder and file under root, by relative path: None for a folder, else its bytes."""
    return {str(p.relative_to(root)): None if p.is_dir() else p.read_bytes()
            for p in sorted(root.rglob("*"))}


def test_only_writes_one_facility_as_the_whole_run_does(tmp_path):
    full, one, meta = tmp_path / "full", tmp_path / "one", tmp_path / "meta"
    total = generate(full)
    n = generate(one, "--only", "GEN002")
    assert sorted(p.name for p in one.iterdir()) == ["ext", "std"]
    assert [p.name for p in (one / "std").iterdir()] == ["GEN002"]
    assert [p.name for p in (one / "ext").iterdir()] == ["GEN002"]
    for part in ("std", "ext"):
        a, b = tree(full / part / "GEN002"), tree(one / part / "GEN002")
        assert a and a.keys() == b.keys()
        assert [k for k in a if a[k] != b[k]] == []
    counts = dict(line.split("\t") for line in (full / "facilities.tsv").read_text().splitlines())
    assert n == int(counts["GEN002"]) > 100

    assert generate(meta, "--no-trees") == total
    assert sorted(p.name for p in meta.iterdir()) == ["bench.tsv", "facilities.tsv", "region.sql"]
    for f in ("bench.tsv", "facilities.tsv", "region.sql"):
        assert (meta / f).read_bytes() == (full / f).read_bytes()


def test_only_refuses_an_unknown_facility(tmp_path):
    for extra in (["--only", "GEN004"], ["--only", "GEN001", "--no-trees"]):
        r = subprocess.run([str(ROOT / "build" / "mogamictl"), "demo", "generate", *SIZES, *extra,
                            "--out", str(tmp_path / "x")], capture_output=True, text=True)
        assert r.returncode == 1 and "demo generate:" in r.stderr
    assert not (tmp_path / "x").exists()
