"""test_lang.py: the one language file parses whole, and every string the templates and the
C code name exists in it (a merge that cuts a block would otherwise show raw keys)."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def keys():
    out, stack, depth = set(), [], 0
    for n, line in enumerate((ROOT / "templates/lang/ja.hdf").read_text().splitlines(), 1):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        if t.endswith("{"):
            stack.append(t[:-1].strip())
        elif t == "}":
            assert stack, f"ja.hdf:{n}: unbalanced }}"
            stack.pop()
        else:
            k = t.split("=", 1)[0].strip()
            out.add(".".join(stack + [k]))
    assert not stack, f"ja.hdf: blocks left open: {stack}"
    return out


def test_lang_file_balanced_and_template_strings_exist():
    have = keys()
    missing = []
    for f in sorted((ROOT / "templates").glob("*.cs")):
        for m in re.finditer(r"\bL((?:\.[A-Za-z0-9_]+)+)(?![\[\w])", f.read_text()):
            k = "L" + m.group(1)
            if k not in have and not any(h.startswith(k + ".") for h in have):
                missing.append(f"{f.name}: {k}")
    assert not missing, missing


def test_lang_keys_named_in_c_exist():
    have = keys()
    missing = []
    for f in sorted((ROOT / "cgi").rglob("*.c")):
        for m in re.finditer(r'lang\("([a-z0-9_.]+)"\)', f.read_text()):
            k = "L." + m.group(1)
            if k not in have and not any(h.startswith(k + ".") for h in have):
                missing.append(f"{f.name}: {k}")
    assert not missing, missing


def test_stylesheet_braces_balance():
    """A merge that cuts a rule block leaves every later rule inside an @media."""
    css = (ROOT / "static/app.css").read_text()
    depth = 0
    for n, line in enumerate(css.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"app.css:{n}: unbalanced }}"
        if line.startswith("/*") and depth != 0:
            raise AssertionError(f"app.css:{n}: a top-level comment inside an open block")
    assert depth == 0
