#!/bin/bash
# test.sh: a fresh test instance under VAR on PORT, every suite, then one total line.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VAR=${1:-var/test}
PORT=${2:-8444}
export MOGAMI_TEST=1
scripts/instance.sh down "$VAR" >/dev/null 2>&1
rm -rf "$VAR"
if ! scripts/instance.sh up "$VAR" "$PORT"; then
	echo "test: the test instance did not start"
	echo "0 passed, 1 failed"
	exit 1
fi
VAR=$(cd "$VAR" && pwd)
VG=$VAR/../vg
trap 'scripts/instance.sh down "$VAR" >/dev/null 2>&1; scripts/instance.sh down "$VG" >/dev/null 2>&1' EXIT

# The worker under valgrind (its own instance under VG on PORT + 1, nothing shared with
# this one) runs while the suites below do: most of the suites' time is spent waiting on
# requests, and valgrind's is one core's. Its verdict is read at the end.
ROUNDS=10 scripts/valgrind.sh "$VG" $((PORT + 1)) >"$VAR/valgrind.out" 2>&1 &
vgpid=$!

passed=0 failed=0 skipped=0
tally() {	# reads "NAME: N passed, N failed[, N skipped]" lines
	local line p f s
	while IFS= read -r line; do
		echo "$line"
		if [[ $line =~ ^[A-Za-z0-9_.-]+:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
			passed=$((passed + BASH_REMATCH[1]))
			failed=$((failed + BASH_REMATCH[2]))
			skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
		fi
	done
}

# Every statement prepares on the migrated schema and returns the columns its
# COLS line names (db/sql_*.h): a fault fails the run.
echo "== statements (mogamictl db check)"
if ! build/mogamictl -c "$VAR/mogami.conf" db check; then
	echo "dbcheck: 0 passed, 1 failed"
	failed=1
fi

echo "== unit tests"
scripts/unit.sh build >"$VAR/unit.out" 2>"$VAR/unit.err"
urc=$?
grep -v '^$' "$VAR/unit.err" | sed 's/^/  /'
tally <"$VAR/unit.out"
# A unit program that crashed printed no summary line: count it as failed.
for t in build/test_*; do
	grep -q "^$(basename "$t" | sed 's/^test_//'): " "$VAR/unit.out" ||
		{ echo "$(basename "$t"): crashed"; failed=$((failed + 1)); }
done
[ $urc -ne 0 ] && [ $failed -eq 0 ] && failed=1

echo "== integration and browser tests (real nginx, workers, MariaDB)"
MOGAMI_VAR=$VAR MOGAMI_PORT=$PORT MOGAMI_ROOT=$ROOT \
	/usr/bin/python3 -m pytest -q -p no:cacheprovider -rfE \
	--junitxml="$VAR/pytest.xml" tests/integration tests/browser 2>&1 | tail -40
tally < <(/usr/bin/python3 - "$VAR/pytest.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("pytest: 0 passed, 1 failed"); sys.exit()
suites = [root] if root.tag == "testsuite" else list(root)
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
k = sum(int(s.get("skipped", 0)) for s in suites)
print(f"pytest: {t - f - k} passed, {f} failed, {k} skipped")
PY
)

# The facts the writers keep (issue 23) still equal their sources after every
# suite wrote through pages, mogamictl and SQL: a difference fails the run.
echo "== kept facts (mogamictl facts verify)"
if build/mogamictl -c "$VAR/mogami.conf" facts verify; then
	tally <<<"factsverify: 1 passed, 0 failed"
else
	tally <<<"factsverify: 0 passed, 1 failed"
fi

# So do the dashboard's counts (issue 23): those the writers keep and the
# record views the refresh counted, each against its sources.
echo "== dashboard counts (mogamictl dashboard verify)"
if build/mogamictl -c "$VAR/mogami.conf" dashboard verify; then
	tally <<<"dashverify: 1 passed, 0 failed"
else
	tally <<<"dashverify: 0 passed, 1 failed"
fi

echo "== a worker under valgrind (leaks and memory errors; started with the suites)"
if wait $vgpid; then
	tally <<<"valgrind: 1 passed, 0 failed"
else
	tail -30 "$VAR/valgrind.out"
	tally <<<"valgrind: 0 passed, 1 failed"
fi

if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
