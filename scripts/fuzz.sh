#!/bin/bash
# fuzz.sh: every libFuzzer driver in tests/fuzz under ASan+UBSan for SECS seconds
# each, on a scratch copy of its corpus; prints executions and crashes per target.
set -u
SECS=${1:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if ! command -v clang >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
fi
mkdir -p build-fuzz
declare -A SRCS=( [hl7]="cgi/import/hl7.c" [kana]="cgi/base/kana.c"
	[req]="cgi/web/req.c cgi/base/kana.c cgi/base/util.c"
	[multipart]="cgi/web/multipart.c cgi/web/req.c cgi/base/kana.c cgi/base/util.c"
	[ssmix2]="cgi/import/ssmix2_name.c cgi/import/hl7.c cgi/base/kana.c cgi/base/util.c" )
rc=0
for t in "${!SRCS[@]}"; do
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
		"tests/fuzz/fuzz_$t.c" ${SRCS[$t]} -o "build-fuzz/fuzz_$t" || { rc=1; continue; }
	rm -rf "build-fuzz/corpus_$t" && cp -r "tests/fuzz/corpus/$t" "build-fuzz/corpus_$t"
	out=$("build-fuzz/fuzz_$t" -max_total_time="$SECS" -artifact_prefix="build-fuzz/crash_$t-" \
		"build-fuzz/corpus_$t" 2>&1)
	runs=$(echo "$out" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p')
	crashes=$(ls build-fuzz/crash_"$t"-* 2>/dev/null | wc -l)
	echo "fuzz $t: ${runs:-0} executions, $crashes crashes"
	[ "$crashes" -eq 0 ] && [ -n "$runs" ] || rc=1
done
exit $rc
