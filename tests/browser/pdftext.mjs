// pdftext.mjs: prints the text of a PDF (one line per page) with the pdfjs-dist Node build
// that scripts/pdfjs.sh installs into build/npm (the browser tests read the PDFs Chromium
// prints with it). Usage: node pdftext.mjs FILE.pdf...; each file's text follows a line
// "==> FILE <==" (as head(1) does), its pages ended by a form feed. One run reads them all:
// loading pdf.js is most of the time.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

// Node 20 (Debian's) lacks what pdf.js 5+ expects of a current runtime; text needs no more.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = path.join(root, "build", "npm", "node_modules", "pdfjs-dist");
const pdfjs = await import(pathToFileURL(path.join(dist, "legacy", "build", "pdf.mjs")).href);

// Chromium writes each glyph's text as the first code point the font maps to it: for a CJK
// font that is often a radical (U+2F00-2FDF, U+2E80-2EFF) that looks like the ideograph
// (長 comes out as U+2ED1). Back to the ideograph: the Kangxi radicals by NFKC, the
// supplement's by this table (radical, ideograph; measured with Noto Sans CJK JP).
const SUPPLEMENT = "⺂乛⺃乚⺅亻⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟⺱罓⺹耂⺺肀⺾艹⻂衤⻃覀⻄西⻅见⻈讠⻉贝⻋车⻍辶⻐钅⻑長⻒镸⻓长⻖阝⻘青⻙韦⻚页⻛风⻜飞⻟飠⻠饣⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻲亀⼾戸";
const back = new Map();
for (let i = 0; i < SUPPLEMENT.length; i += 2) back.set(SUPPLEMENT[i], SUPPLEMENT[i + 1]);
const ideographs = (s) => s.replace(/[\u2E80-\u2FDF]/g,
  (c) => back.get(c) ?? c.normalize("NFKC"));

async function text(file) {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    cMapUrl: path.join(dist, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(dist, "standard_fonts") + path.sep,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  let out = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    // Items joined without spaces: Japanese has none, and a field may come in pieces.
    out += ideographs(content.items.map((t) => t.str + (t.hasEOL ? "\n" : "")).join("")) + "\f";
  }
  await doc.cleanup();
  return out;
}

for (const file of process.argv.slice(2))
  process.stdout.write(`==> ${file} <==\n` + await text(file) + "\n");
