/* docview.js: an original document (PDF, PNG, JPEG) drawn inside the viewer
 * page (issue 21, A11.4), never handed to the browser's own viewer (which
 * offers to download and print it): the bytes are fetched by this script,
 * a PDF is drawn with pdf.js (static/vendor/pdfjs, scripts/pdfjs.sh) and an
 * image decoded, onto canvases that carry a watermark of the viewer's
 * facility, name and the time. No eval, no inline script, no blob: URL:
 * it runs under the same CSP as every page. */
const box = document.getElementById('doc-view');
const pages = document.getElementById('doc-pages');
const status = document.getElementById('doc-status');

/* The watermark, drawn into the pixels too: a screenshot carries it. */
function mark(canvas) {
  const text = box.getAttribute('data-mark') || '';
  const ctx = canvas.getContext('2d');
  const size = Math.max(14, Math.round(canvas.width / 40));
  ctx.save();
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = '#b3261e';
  ctx.font = size + 'px sans-serif';
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate(-Math.PI / 7);
  const step = size * 5;
  for (let y = -canvas.height; y < canvas.height; y += step)
    for (let x = -canvas.width; x < canvas.width; x += ctx.measureText(text).width + size * 3)
      ctx.fillText(text, x, y);
  ctx.restore();
}

function page(width, height) {
  const c = document.createElement('canvas');
  c.width = Math.floor(width);
  c.height = Math.floor(height);
  c.className = 'doc-page';
  pages.appendChild(c);
  return c;
}

async function drawPdf(bytes) {
  const lib = box.getAttribute('data-lib');
  const pdfjs = await import(lib + 'pdf.min.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = lib + 'pdf.worker.min.mjs';
  const doc = await pdfjs.getDocument({
    data: bytes, isEvalSupported: false, enableXfa: false, useWasm: false,
    useWorkerFetch: false, cMapUrl: lib + 'cmaps/', cMapPacked: true,
    standardFontDataUrl: lib + 'standard_fonts/',
  }).promise;
  const width = Math.min(pages.clientWidth || 800, 1000);
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const scale = width / p.getViewport({ scale: 1 }).width * (window.devicePixelRatio || 1);
    const viewport = p.getViewport({ scale: scale });
    const c = page(viewport.width, viewport.height);
    await p.render({ canvas: c, canvasContext: c.getContext('2d'), viewport: viewport }).promise;
    mark(c);
  }
  return doc.numPages;
}

async function drawImage(bytes, type) {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: type }));
  const c = page(bitmap.width, bitmap.height);
  c.getContext('2d').drawImage(bitmap, 0, 0);
  mark(c);
  return 1;
}

async function show() {
  const type = box.getAttribute('data-type');
  const r = await fetch(box.getAttribute('data-src'), { credentials: 'same-origin' });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  const bytes = new Uint8Array(await r.arrayBuffer());
  const n = type === 'application/pdf' ? await drawPdf(bytes) : await drawImage(bytes, type);
  status.hidden = true;
  box.setAttribute('data-pages', String(n));
}

/* Not offered for saving: no context menu, no dragging out. */
box.addEventListener('contextmenu', function (e) { e.preventDefault(); });
box.addEventListener('dragstart', function (e) { e.preventDefault(); });
show().catch(function () {
  status.hidden = true;
  document.getElementById('doc-failed').hidden = false;
  box.setAttribute('data-pages', '0');
});
