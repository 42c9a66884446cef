#!/bin/bash
# valgrind.sh: one worker under valgrind serves a batch of real requests through
# nginx (login, pages, errors); then every valgrind log must show no errors and
# no definitely or indirectly lost bytes.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VAR=${1:-var/vg}
PORT=${2:-8445}
ROUNDS=${ROUNDS:-40}
scripts/instance.sh down "$VAR" >/dev/null 2>&1
rm -rf "$VAR"
mkdir -p "$VAR/log"
VAR=$(cd "$VAR" && pwd)
export MOGAMI_WORKERS=1 MOGAMI_TEST=1
export MOGAMID_WRAPPER="valgrind --leak-check=full --show-leak-kinds=definite,indirect \
 --errors-for-leak-kinds=definite,indirect --track-fds=no --num-callers=30 \
 --suppressions=$ROOT/tests/valgrind.supp --log-file=$VAR/log/valgrind.%p.log"
scripts/instance.sh up "$VAR" "$PORT" || { echo "valgrind: instance did not start"; exit 1; }
B=https://localhost:$PORT
D=$VAR/demo
C="curl -s --cacert $VAR/pki/ca.pem --cert $D/unei.pem --key $D/unei.key -b $VAR/cj -c $VAR/cj -o /dev/null -w %{http_code}"
codes=""
for i in $(seq "$ROUNDS"); do
	rm -f "$VAR/cj"
	codes+=" $($C $B/login)"
	tok=$(awk '/__Host-csrf/ {print $7}' "$VAR/cj")
	codes+=" $($C --data-urlencode login=unei --data-urlencode "password=$(cat $D/unei.password)" -d "csrf=$tok" $B/login)"
	codes+=" $($C $B/) $($C $B/admin/certs) $($C "$B/admin/certs?view=expiring")"
	codes+=" $($C $B/admin/ledger) $($C "$B/admin/ledger?facility=1") $($C $B/admin/ledger/warnings)"
	codes+=" $($C $B/applications) $($C "$B/applications/new?kind=facility_join") $($C $B/meetings) $($C $B/council/staff) $($C $B/council/operator)"
	codes+=" $($C "$B/?bad=%FF") $($C $B/nope) $($C -X PUT $B/login) $($C $B/password)"
	codes+=" $($C "$B/admin/audit/export?from=2026-01-01&to=2036-12-31") $($C "$B/admin/audit/export?from=2026-02-30&to=2026-03-01")"
	codes+=" $(curl -s --cacert $VAR/pki/ca.pem -o /dev/null -w %{http_code} $B/login)"
done
scripts/instance.sh down "$VAR" >/dev/null 2>&1
sleep 1
echo "valgrind: HTTP codes seen:$(echo $codes | tr ' ' '\n' | sort | uniq -c | tr -s ' \n' ' ')"
bad=0 n=0
for f in "$VAR"/log/valgrind.*.log; do
	n=$((n + 1))
	if ! grep -q "ERROR SUMMARY: 0 errors" "$f"; then
		bad=$((bad + 1))
		echo "valgrind: $f"
		grep -A25 -E "definitely lost in|indirectly lost in|Invalid|uninitialised" "$f" | head -60
	fi
done
echo "valgrind: $n processes checked, $bad with errors or leaks"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
