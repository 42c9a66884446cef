#!/bin/sh
# npm-deps.sh: the FHIR R4 validator the tests run (the npm registry's `fhir`
# package, pinned), installed into var/npm (git-ignored) with the machine's
# Node.js and npm; nothing of it is committed. Does nothing when that version
# is there already; a failed install fails the build (the tests need it).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/var/npm
VERSION=4.12.0
have=$(node -e "process.stdout.write(require(process.argv[1]).version)" \
	"$DIR/node_modules/fhir/package.json" 2>/dev/null || true)
[ "$have" = "$VERSION" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
	echo "npm-deps: npm is missing (scripts/deps.sh installs Debian's nodejs and npm)" >&2
	exit 1
fi
echo "npm-deps: installing the FHIR validator (fhir@$VERSION) into var/npm"
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-save --no-package-lock --no-audit --no-fund \
	--loglevel=error "fhir@$VERSION" >/dev/null
