#!/bin/bash
# demo.sh: one demo account per role at two demo facilities, each with a
# certificate under VAR/demo and its passwords in VAR/demo/README. Runs once.
set -euo pipefail
VAR=$1
CTL=$2
D=$VAR/demo
# A small synthetic region (issue 9) so that a newcomer sees a living
# network, after the demo accounts; its own marker makes it idempotent.
region() { "$(dirname "$0")/region.sh" "$VAR" "$CTL" >/dev/null ||
	echo "demo: the synthetic region was not loaded (see $VAR/region)" >&2; }
[ -f "$D/README" ] && { region; exit 0; }
umask 077
mkdir -p "$D"
$CTL facility add --code DEMO01 --name "県立新庄病院（デモ）" --kind hospital --disclosing --viewing >/dev/null
$CTL facility add --code DEMO02 --name "もがみ在宅クリニック（デモ）" --kind clinic --viewing >/dev/null
out=$D/README.tmp
{
	echo "Demo accounts of this instance (generated; do not use these anywhere else)."
	echo "Import the .p12 of the account into the browser with its certificate password,"
	echo "then log in with the ID and password."
	echo
	printf '%-18s %-18s %-8s %-22s %s\n' role login facility password certificate-password
} >"$out"
while read -r role login fac prof name; do
	$CTL user add --login "$login" --name "$name" --facility "$fac" --role "$role" \
		--profession "$prof" >/dev/null
	pw="Demo-$(openssl rand -hex 6)"
	echo "$pw" | $CTL user passwd "$login" --keep >/dev/null
	p12pw=$($CTL cert issue --login "$login" --out "$D" --days 365 | sed -n 's/^PKCS#12 password (shown once): //p')
	# PEM copies for curl: curl --cert D/login.pem --key D/login.key
	openssl pkcs12 -in "$D/$login.p12" -passin "pass:$p12pw" -nokeys -clcerts -out "$D/$login.pem" 2>/dev/null
	openssl pkcs12 -in "$D/$login.p12" -passin "pass:$p12pw" -nocerts -nodes -out "$D/$login.key" 2>/dev/null
	echo "$p12pw" >"$D/$login.p12.pass"
	echo "$pw" >"$D/$login.password"
	printf '%-18s %-18s %-8s %-22s %s\n' "$role" "$login" "$fac" "$pw" "$p12pw" >>"$out"
done <<-USERS
president kaicho DEMO01 physician 最上 太郎
operator unei DEMO01 contract_employee 運営 花子
staff tanto DEMO01 contract_employee 担当 次郎
desk madoguchi DEMO01 contract_employee 窓口 三郎
facility_manager incho01 DEMO01 physician 新庄 院長
facility_manager incho02 DEMO02 physician 在宅 院長
user dr.sato DEMO01 physician 佐藤 一郎
user ns.suzuki DEMO02 nurse 鈴木 看子
USERS
mv "$out" "$D/README"
region
