"""test_print_rule.py: printouts only for direct care (A11.4: 直接診療に関わる場合に限り): the
print button and the CSV are offered only when the view's purpose is care (or an emergency
under A14); for any other purpose there is no button and the print and export routes answer 403,
audited as refused."""
import pytest

from conftest import make_user, sql, url
from test_viewer import make_patient, view, printed, exported


@pytest.fixture(scope="module")
def people():
    return {"hosp": make_user("user", facility="DEMO01")}


def test_A11_4_print_and_export_only_when_the_purpose_is_direct_care(people, tmp_path):
    p = make_patient(people, tmp_path)
    s = p.hosp
    page = view(s, p.handle, purpose="care").text
    assert 'id="print-anon"' in page and 'id="export-csv"' in page
    assert printed(s, p.handle, purpose="care").status_code == 200
    assert exported(s, p.handle, purpose="care").status_code == 200
    for purpose in ("explanation", "patient_care"):
        page = view(s, p.handle, purpose=purpose).text
        assert 'id="print-anon"' not in page and 'id="export-csv"' not in page, purpose
        assert 'id="print-not-care"' in page and "第11条第4号" in page
        for r in (printed(s, p.handle, purpose=purpose), exported(s, p.handle, purpose=purpose)):
            assert r.status_code == 403 and "直接診療に関わる場合に限られます" in r.text, purpose
            assert p.ident["name"] not in r.text
    assert sql(f"SELECT action, purpose FROM audit WHERE patient_id = {p.pid} "
               f"AND outcome = 'denied' AND detail = 'A11.4 not direct care' "
               f"ORDER BY id") == [["record.print", "explanation"],
                                   ["record.export", "explanation"],
                                   ["record.print", "patient_care"],
                                   ["record.export", "patient_care"]]
    # Nothing was printed or exported for those purposes.
    assert sql(f"SELECT COUNT(*) FROM audit WHERE patient_id = {p.pid} AND outcome = 'allowed' "
               f"AND action IN ('record.print', 'record.export') AND purpose <> 'care'") == \
        [["0"]]


def test_A11_4_an_original_document_is_no_download_a_navigation_goes_to_the_viewer(people,
                                                                                   tmp_path):
    p = make_patient(people, tmp_path)
    s = p.hosp
    params = {"p": p.handle, "purpose": "explanation", "id": p.doc}
    # The page's own script fetches the bytes (Sec-Fetch-Dest: empty): no name, no cache.
    r = s.get(url("/records/document"), params=params, headers={"Sec-Fetch-Dest": "empty"})
    assert r.status_code == 200 and r.headers["Content-Disposition"] == "inline"
    assert r.headers["Cache-Control"] == "no-store"
    # A navigation (a link, the address bar) goes to the viewer page instead.
    r = s.get(url("/records/document"), params=params, headers={"Sec-Fetch-Dest": "document"},
              allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/records/document/view?")
    page = s.get(url(r.headers["location"]))
    assert page.status_code == 200
    assert 'id="doc-view"' in page.text and 'src="/static/docview.js"' in page.text
    assert "data-mark=" in page.text and "第11条第4号" in page.text
    # The section's links lead to the viewer page, not to the bytes.
    listing = view(s, p.handle, "documents", purpose="explanation").text
    assert "/records/document/view?p=" in listing and 'href="/records/document?' not in listing
