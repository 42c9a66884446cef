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
# Import data so that the SS-MIX2 status page has rows and a quarantine list:
# the demo tree (the NHO sample and lab results) that the viewer shows too.
build/mogamictl -c "$VAR/mogami.conf" ssmix2 import --facility DEMO01 \
	"$VAR/demo/ssmix2" >/dev/null 2>&1
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
	codes+=" $($C $B/admin/imports) $($C "$B/admin/imports?facility=1")"
	codes+=" $($C "$B/?bad=%FF") $($C $B/nope) $($C -X PUT $B/login) $($C $B/password)"
	# The complaints desk: list, CSV, a complaint received (and one refused), viewed, moved on.
	form=$(curl -s --cacert $VAR/pki/ca.pem --cert $D/unei.pem --key $D/unei.key -b $VAR/cj $B/desk/complaints/new)
	csrf=$(echo "$form" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	idem=$(echo "$form" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	codes+=" $($C -d "csrf=$csrf&idem=$idem&from=patient&name=vg&contact_kind=none&channel=desk&category=nosuch&contents=x" $B/desk/complaints/new)"
	codes+=" $($C -d "csrf=$csrf&idem=$idem&from=patient&name=vg&contact_kind=none&channel=desk&category=other&contents=x" $B/desk/complaints/new)"
	codes+=" $($C $B/desk/complaints) $($C "$B/desk/complaints?format=csv") $($C "$B/desk/complaints/view?id=$i") $($C "$B/desk/complaints/receipt?id=$i")"
	codes+=" $($C -d "csrf=$csrf&id=$i&version=1&to=investigating&note=vg" $B/desk/complaints/step) $($C -d "csrf=$csrf&id=$i&version=1&to=closed" $B/desk/complaints/step)"
	# Patients and consent: register, form 4 with a scanned PDF (multipart), queue,
	# FHIR export, form 5 and its receipt, the access report.
	G="curl -s --cacert $VAR/pki/ca.pem --cert $D/unei.pem --key $D/unei.key -b $VAR/cj"
	codes+=" $($C "$B/patients?kana=%EF%BE%94%EF%BE%8F&birth_date=1950-01-01&sex=M")"
	loc=$($G -o /dev/null -w '%{redirect_url}' --data-urlencode "name=検証 $i" --data-urlencode "kana=ケンショウ タロウ" \
		-d "sex=M&birth_date=1950-01-0$((i % 9 + 1))&confirm_new=1&csrf=$csrf" $B/patients/new)
	h=$(echo "$loc" | sed -n 's/.*p=\([A-Za-z0-9]*\).*/\1/p')
	codes+=" $($C "$B/patients/view?p=$h") $($C "$B/consents/new?p=$h")"
	cform=$($G "$B/consents/new?p=$h")
	cidem=$(echo "$cform" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	printf '%%PDF-1.4\n%%%%EOF\n' >"$VAR/scan.pdf"
	codes+=" $($C -F csrf=$csrf -F p=$h -F idem=$cidem -F signed_on=2026-11-01 -F signer=patient \
		-F "scan=@$VAR/cj;type=application/pdf" $B/consents/new)"
	codes+=" $($C -F csrf=$csrf -F p=$h -F idem=$cidem -F signed_on=2026-11-01 -F signer=patient \
		-F disclosing_all=1 -F viewing_all=1 -F "scan=@$VAR/scan.pdf;type=application/pdf" $B/consents/new)"
	codes+=" $($C $B/consents/queue) $($C "$B/consents/view?id=$i") $($C "$B/consents/fhir?id=$i") $($C "$B/consents/scan?id=$i")"
	rform=$($G "$B/revocations/new?p=$h")
	ridem=$(echo "$rform" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	rloc=$($G -o /dev/null -w '%{redirect_url}' -d "csrf=$csrf&p=$h&idem=$ridem&signed_on=2026-11-20&signer=patient" $B/revocations/new)
	codes+=" $($C "$rloc") $($C "$B/patients/access-report?p=$h") $($C $B/links)"
	codes+=" $($C "$B/admin/audit/export?from=2026-01-01&to=2036-12-31") $($C "$B/admin/audit/export?from=2026-02-30&to=2026-03-01")"
	# The council dashboard: the page, a CSV, every chart, the report, a bad period.
	codes+=" $($C $B/dashboard) $($C "$B/dashboard?from=2026-01&to=2026-12&format=csv&table=views_facility")"
	codes+=" $($C "$B/dashboard?from=2026-13") $($C "$B/dashboard/report?month=2026-10") $($C "$B/dashboard?format=csv&table=complaints")"
	for ch in views consents emergency facilities use; do codes+=" $($C "$B/dashboard/chart?name=$ch")"; done
	# Notices, messages and agreements (A16-A18); the notice is for facility 2, not the operator's.
	codes+=" $($C -d "csrf=$csrf&kind=change&title=vg&body=x&effective_on=2036-01-01&facility=2" $B/admin/notices/new)"
	codes+=" $($C $B/admin/notices) $($C "$B/admin/notices/view?id=$i") $($C "$B/admin/notices/view?id=$i&format=csv")"
	codes+=" $($C -d "csrf=$csrf&id=$i&version=1" $B/admin/notices/publish) $($C $B/notices) $($C $B/notices/pending)"
	codes+=" $($C "$B/messages/new?p=$h") $($C -d "csrf=$csrf&idem=$(printf '%064d' $i)&to_kind=user&to=unei&subject=vg&body=x&p=$h" $B/messages/new)"
	codes+=" $($C $B/messages) $($C $B/messages/sent) $($C "$B/messages/view?id=$i") $($C -d "csrf=$csrf&id=$i&reason=vg" $B/messages/report)"
	codes+=" $($C $B/admin/messages) $($C -d "csrf=$csrf&id=$i&version=1&reason=vg" $B/admin/messages/delete)"
	codes+=" $($C -d "csrf=$csrf&partner=vg&signed_on=2026-01-01" $B/federation/new) $($C $B/federation) $($C "$B/federation/view?id=$i")"
	codes+=" $($C -d "csrf=$csrf&id=$i&version=1&topic=t&ours=o&theirs=x" $B/federation/point/add) $($C $B/facilities)"
	codes+=" $(curl -s --cacert $VAR/pki/ca.pem -o /dev/null -w %{http_code} $B/login)"
	# Monitoring inside a facility and incident reports, as the manager incho01:
	# the access list (filtered, CSV), a measure, a report, an incident forwarded;
	# then the operator acknowledges the report and closes the incident.
	M="curl -s --cacert $VAR/pki/ca.pem --cert $D/incho01.pem --key $D/incho01.key -b $VAR/cm -c $VAR/cm"
	rm -f "$VAR/cm"
	$M -o /dev/null $B/login
	mtok=$(awk '/__Host-csrf/ {print $7}' "$VAR/cm")
	$M -o /dev/null --data-urlencode login=incho01 --data-urlencode "password=$(cat $D/incho01.password)" -d "csrf=$mtok" $B/login
	MC="$M -o /dev/null -w %{http_code}"
	codes+=" $($MC $B/facility/access) $($MC "$B/facility/access?purpose=care&outcome=allowed&from=2026-01-01&to=2026-12-31&page=1")"
	codes+=" $($MC "$B/facility/access?format=csv") $($MC "$B/facility/access?network_id=0000000000&to=2000-01-01&from=2001-01-01")"
	mform=$($M $B/facility/measures)
	mcsrf=$(echo "$mform" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	midem=$(echo "$mform" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	codes+=" $($MC -d "csrf=$mcsrf&idem=$midem&body=" $B/facility/measures/new) $($MC -d "csrf=$mcsrf&idem=$midem&audit=1&body=vg" $B/facility/measures/new)"
	codes+=" $($MC -d "csrf=$mcsrf&idem=$midem&body=vg" $B/facility/measures/new)"
	mrform=$($M $B/facility/reports)
	mridem=$(echo "$mrform" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	mrloc=$($M -o /dev/null -w '%{redirect_url}' -d "csrf=$mcsrf&idem=$mridem&body=vg" $B/facility/reports/new)
	mrid=$(echo "$mrloc" | sed -n 's/.*id=\([0-9]*\).*/\1/p')
	codes+=" $($MC "$mrloc") $($MC $B/facility/reports)"
	iform=$($M $B/incidents/new)
	iidem=$(echo "$iform" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	codes+=" $($MC -d "csrf=$mcsrf&idem=$iidem&kind=virus&occurred=2026-01-01T10:00&what=vg" $B/incidents/new)"
	iloc=$($M -o /dev/null -w '%{redirect_url}' -d "csrf=$mcsrf&idem=$iidem&kind=virus&occurred=2026-01-01T10:00&terminal=pc&what=vg&done=vg" $B/incidents/new)
	iid=$(echo "$iloc" | sed -n 's/.*id=\([0-9]*\).*/\1/p')
	codes+=" $($MC "$iloc") $($MC $B/incidents) $($MC -d "csrf=$mcsrf&id=$iid&version=1&to=forwarded&note=vg" $B/incidents/step)"
	codes+=" $($C $B/incidents) $($C "$B/incidents/view?id=$iid") $($C -d "csrf=$csrf&id=$iid&version=2&to=closed&note=" $B/incidents/step)"
	codes+=" $($C -d "csrf=$csrf&id=$iid&version=2&to=closed&note=vg" $B/incidents/step) $($C $B/facility/reports) $($C "$B/facility/reports/view?id=$mrid")"
	codes+=" $($C -d "csrf=$csrf&id=$mrid&version=1&note=vg" $B/facility/reports/ack) $($C $B/notifications)"
done
# The records viewer as a clinician: search, purpose, every section (and history,
# a page beyond the end), the anonymized print, a document, a refused handle, the
# FHIR bundle (and one without a purpose).
S="curl -s --cacert $VAR/pki/ca.pem --cert $D/dr.sato.pem --key $D/dr.sato.key -b $VAR/cjs -c $VAR/cjs"
for i in 1 2 3; do
	rm -f "$VAR/cjs"
	$S -o /dev/null $B/login
	tok=$(awk '/__Host-csrf/ {print $7}' "$VAR/cjs")
	codes+=" $($S -o /dev/null -w %{http_code} --data-urlencode login=dr.sato --data-urlencode "password=$(cat $D/dr.sato.password)" -d "csrf=$tok" $B/login)"
	h=$($S "$B/records?q=%E3%82%AB%E3%83%B3%E3%82%B8%E3%83%A3" | sed -n 's/.*records\/patient?p=\([A-Za-z0-9]*\).*/\1/p' | head -1)
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/patient?p=$h")"
	for sec in timeline visits problems meds labs imaging reports documents; do
		codes+=" $($S -o /dev/null -w %{http_code} "$B/records/patient?p=$h&purpose=care&section=$sec")"
		codes+=" $($S -o /dev/null -w %{http_code} "$B/records/print?p=$h&purpose=care&section=$sec&history=1")"
	done
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/patient?p=$h&purpose=care&section=labs&page=9")"
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/patient?p=$h&purpose=care&section=nosuch")"
	doc=$($S "$B/records/patient?p=$h&purpose=care&section=documents" | sed -n 's/.*records\/document?[^"]*id=\([0-9]*\).*/\1/p' | head -1)
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/document?p=$h&purpose=care&id=${doc:-1}")"
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/document?p=AAAAAAAAAAAAAAAAAAAAAA&purpose=care&id=1")"
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/fhir?p=$h&purpose=care")"
	codes+=" $($S -o /dev/null -w %{http_code} "$B/records/fhir?p=$h")"
done
scripts/instance.sh down "$VAR" >/dev/null 2>&1
sleep 1
[ -n "${VG_DEBUG:-}" ] && echo "valgrind: codes in order:$codes"
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
