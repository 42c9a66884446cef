#!/bin/sh
# pdfjs.sh: pdf.js for the records viewer (issue 21: original documents are
# shown inside the page, never handed to the browser's own PDF viewer). The
# npm registry's pdfjs-dist, pinned (a current release: Debian's libjs-pdf is
# 2.14, older than the fix for CVE-2024-4367), installed with the machine's
# npm into build/npm and copied under static/vendor/pdfjs for nginx; both are
# git-ignored, nothing of it is committed. Does nothing when that version is
# there already; a failed install fails the build.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=6.5.438
DEST=$ROOT/static/vendor/pdfjs
# The browser tests read the PDFs they print with the package's own Node build.
[ "$(cat "$DEST/VERSION" 2>/dev/null)" = "$VERSION" ] &&
	[ -f "$ROOT/build/npm/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
	echo "pdfjs: npm is missing (scripts/deps.sh installs Debian's nodejs and npm)" >&2
	exit 1
fi
echo "pdfjs: installing pdf.js (pdfjs-dist@$VERSION) into static/vendor/pdfjs"
mkdir -p "$ROOT/build/npm"
npm install --prefix "$ROOT/build/npm" --no-save --no-package-lock --no-audit \
	--no-fund --omit=optional --loglevel=error "pdfjs-dist@$VERSION" >/dev/null
SRC=$ROOT/build/npm/node_modules/pdfjs-dist
rm -rf "$DEST.tmp"
mkdir -p "$DEST.tmp"
# The library, its worker, the CJK character maps and the standard fonts.
cp "$SRC/build/pdf.min.mjs" "$SRC/build/pdf.worker.min.mjs" "$SRC/LICENSE" "$DEST.tmp/"
cp -R "$SRC/cmaps" "$SRC/standard_fonts" "$DEST.tmp/"
echo "$VERSION" >"$DEST.tmp/VERSION"
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"
