#!/bin/bash
# test-cluster.sh: a fresh Galera cluster instance under VAR on PORT (scripts/cluster.sh),
# the integration suite against it, then the cluster's own tests (tests/cluster: two
# sealers on two nodes; a node and a pool killed under write load). One total line.
#   QUICK=1 test-cluster.sh VAR PORT   the cluster's own tests only
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VAR=${1:-var/cluster}
PORT=${2:-8570}
export MOGAMI_TEST=1
scripts/cluster.sh down "$VAR" >/dev/null 2>&1
rm -rf "$VAR"
started=$(date +%s)
if ! scripts/cluster.sh up "$VAR" "$PORT"; then
	echo "test-cluster: the cluster did not start"
	echo "0 passed, 1 failed"
	exit 1
fi
VAR=$(cd "$VAR" && pwd)
trap 'scripts/cluster.sh down "$VAR" >/dev/null 2>&1' EXIT
echo "== cluster up in $(($(date +%s) - started)) s: $(scripts/cluster.sh status "$VAR" | tr '\n' ';')"

passed=0 failed=0 skipped=0
suite() {	# name, pytest arguments...: runs one pytest suite and adds up its results
	local name=$1 xml="$VAR/pytest-$1.xml" line
	shift
	MOGAMI_CLUSTER=1 MOGAMI_VAR=$VAR MOGAMI_PORT=$PORT MOGAMI_ROOT=$ROOT \
		/usr/bin/python3 -m pytest -q -p no:cacheprovider -rfEs --durations=5 \
		--junitxml="$xml" "$@" 2>&1 | tail -30
	line=$(/usr/bin/python3 - "$xml" <<-'PY'
	import sys, xml.etree.ElementTree as ET
	try:
	    root = ET.parse(sys.argv[1]).getroot()
	except Exception:
	    print("0 1 0"); sys.exit()
	suites = [root] if root.tag == "testsuite" else list(root)
	t = sum(int(s.get("tests", 0)) for s in suites)
	f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
	k = sum(int(s.get("skipped", 0)) for s in suites)
	print(t - f - k, f, k)
	PY
	)
	set -- $line
	echo "$name: $1 passed, $2 failed, $3 skipped"
	passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + $3))
}

# QUICK=1: only the cluster's own tests (about a minute instead of the suite's 10-20).
if [ -z "${QUICK:-}" ]; then
	echo "== integration suite through nginx over both pools (pool a: node 1, pool b: node 2)"
	suite integration tests/integration
fi
echo "== the cluster: two sealers, kill -9 a node and a pool under write load, IST rejoin"
suite cluster -s tests/cluster
echo "== $(($(date +%s) - started)) s in all"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
