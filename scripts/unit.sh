#!/bin/bash
# unit.sh: run every unit test program in BUILD; each prints "NAME: N passed, N failed".
BUILD=${1:-build}
rc=0
for t in "$BUILD"/test_*; do
	[ -x "$t" ] || continue
	"$t" || rc=1
done
exit $rc
