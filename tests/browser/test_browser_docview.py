"""test_browser_docview.py: in Chromium, an original document (a PDF) is shown inside the viewer
page, drawn by pdf.js under the page's own CSP, with the viewer's facility, name and the time as
a watermark; it is not handed to the browser's PDF viewer (a navigation to its bytes comes back to
the viewer page) and a print of the page shows nothing of it (A11.4, A8.4)."""
import pathlib
import sys

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import VAR, make_user, url, sql, click_and_wait, assert_clean

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from test_viewer import make_patient  # noqa: E402


def one_page_pdf(text):
    """A PDF of one page with one line of text in a standard font (pdf.js fetches its data)."""
    stream = f"BT /F1 28 Tf 30 90 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


@pytest.fixture(scope="module")
def doctor(browser):
    return browser("dr.sato")


def test_A11_4_original_pdf_inside_the_viewer_with_a_watermark_never_a_download(doctor, tmp_path):
    p = make_patient({"hosp": make_user("user", facility="DEMO01")}, tmp_path)
    pdf = one_page_pdf("Discharge summary")
    sql(f"UPDATE document SET data = UNHEX('{pdf.hex()}'), size = {len(pdf)} WHERE id = {p.doc}")
    d = doctor
    d.get(url("/records?q=" + p.ident["kana"].split()[0]))
    row = [r for r in d.find_elements("css selector", "#records-patients tbody tr")
           if p.ident["name"] in r.text][0]
    click_and_wait(d, row.find_element("css selector", "a.button"))
    click_and_wait(d, d.find_element("id", "purpose-care"))
    click_and_wait(d, d.find_element("id", "tab-documents"))
    click_and_wait(d, d.find_element("css selector", "a.doc-link"))
    assert "/records/document/view" in d.current_url
    WebDriverWait(d, 20).until(
        lambda x: x.find_element("id", "doc-view").get_attribute("data-pages") is not None)
    assert d.find_element("id", "doc-view").get_attribute("data-pages") == "1"
    canvas = d.find_element("css selector", "#doc-pages canvas.doc-page")
    assert canvas.size["width"] > 200 and canvas.size["height"] > 80
    # Drawn: the text and the watermark put dark and red pixels on the white page.
    inked = d.execute_script("""
        const c = document.querySelector('#doc-pages canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0, red = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i] < 100 && px[i + 1] < 100 && px[i + 2] < 100) dark++;
          if (px[i] > px[i + 1] + 20 && px[i] > px[i + 2] + 20) red++;
        }
        return [dark, red];""")
    assert inked[0] > 50 and inked[1] > 50, inked
    mark = d.find_element("id", "doc-view").get_attribute("data-mark")
    assert "佐藤 一郎" in mark and "県立新庄病院" in mark
    d.save_screenshot(str(VAR / "docview.png"))
    assert_clean(d)                  # pdf.js ran under the page's CSP: no violation
    # The page prints nothing of it.
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not d.find_element("id", "doc-view").is_displayed()
        assert d.find_element("id", "doc-noprint").is_displayed()
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # Its bytes opened as a page of their own come back to the viewer page.
    raw = d.find_element("id", "doc-view").get_attribute("data-src")
    d.get(url(raw))
    assert "/records/document/view" in d.current_url
    WebDriverWait(d, 20).until(
        lambda x: x.find_element("id", "doc-view").get_attribute("data-pages") == "1")
