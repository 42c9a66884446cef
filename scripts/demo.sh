#!/bin/bash
# demo.sh: one demo account per role at two demo facilities, each with a
# certificate under VAR/demo and its passwords in VAR/demo/README (made once);
# then demo records: the NHO SS-MIX2 sample (with a few lab results added)
# imported for DEMO01, its patient in the network with a consent. Idempotent.
set -euo pipefail
VAR=$1
CTL=$2
D=$VAR/demo
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# A small synthetic region (docs/benchmarks.md) so that a newcomer sees a living
# network, after the demo accounts; its own marker makes it idempotent.
region() { "$(dirname "$0")/region.sh" "$VAR" "$CTL" >/dev/null ||
	echo "demo: the synthetic region was not loaded (see $VAR/region)" >&2; }
umask 077
mkdir -p "$D"
if [ ! -f "$D/README" ]; then
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
fi

# A11.1: the demo instance's own short demo text of the rules and of the
# information-handling document (db/demo: written for the demo, never the real
# rules' text); the same files again add nothing. On a test instance the demo
# accounts have acknowledged it already (the tests of A11.1 use accounts of
# their own); on `make run` each demo account reads it at its first login.
$CTL rules load --title "もがみネット デモ用運用規程" --effective 2026-01-01 \
	--body "$ROOT/db/demo/rules_demo.txt" --handling "$ROOT/db/demo/handling_demo.txt" >/dev/null
if [ -n "${MOGAMI_TEST:-}" ]; then
	mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot mogami -e "
	INSERT IGNORE INTO rules_ack (user_id, version_id, acked_at)
	 SELECT u.id, v.id, UTC_TIMESTAMP(6) FROM users u JOIN rules_version v
	 WHERE u.login IN ('kaicho', 'unei', 'tanto', 'madoguchi', 'incho01', 'incho02',
	 'dr.sato', 'ns.suzuki')"
fi

# Demo records (docs/import.md). The tree is a copy, so that lab results can be added
# without touching the fixture; an unchanged tree imports nothing on a rerun.
T=$D/ssmix2
lab() {	# lab DATE ORDER TP GLU GLU_FLAG HBA1C
	local dir=$T/999/901/9999013/$1/OML-11
	mkdir -p "$dir"
	printf '%s\r' \
		"MSH|^~\\&|HIS|DEMO|GW|RCV|${1}120000||OUL^R22^OUL_R22|L$2|P|2.5" \
		"PID|0001||9999013^^^^PI||患者^太郎^^^^^L^I~カンジャ^タロウ^^^^^L^P||19480405|M" \
		"SPM|1|||023^血清^JC10|||||||||||||${1}090000" \
		"OBR|1|$2||E001^生化学^99O03|||${1}090000" \
		"ORC|SC|$2||||||||" \
		"OBX|1|NM|3A010000002327101^総蛋白^JC10||$3|g/dL|6.7-8.3||||F|||${1}090000" \
		"OBX|2|NM|3D010000001926101^グルコース^JC10||$4|mg/dL|70-109|$5||||F|||${1}090000" \
		"OBX|3|NM|3D046000001920402^HbA1c（NGSP）^JC10||$6|%|4.6-6.2|H||||F|||${1}090000" \
		>"$dir/9999013_$1_OML-11_$2_${1}120000000_01_1"
}
if [ ! -d "$T" ]; then
	mkdir -p "$T"
	cp -R "$ROOT/tests/fixtures/ssmix2/nho/sampleData/." "$T/"
	lab 20111001 000000011000901 7.4 142 H 7.9
	lab 20111105 000000011000902 7.1 128 H 7.4
	lab 20111210 000000011000903 6.9 112 H 7.0
	lab 20111220 000000011000904 6.8 104 "" 6.8
fi
$CTL ssmix2 import --facility DEMO01 "$T" >/dev/null 2>&1 ||
	{ echo "demo.sh: the import of $T failed" >&2; exit 1; }
mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot mogami <<-SQL
	INSERT INTO patient (network_id, name, kana, kana_key, sex, birth_date, address, created_at)
	 SELECT '9000000134', l.name, l.kana, l.kana_key, l.sex, l.birth_date, l.address, UTC_TIMESTAMP(6)
	 FROM patient_link l JOIN facility f ON f.id = l.facility_id
	 WHERE f.code = 'DEMO01' AND l.local_id = '9999013' AND l.name IS NOT NULL
	 AND NOT EXISTS (SELECT 1 FROM patient WHERE network_id = '9000000134');
	UPDATE patient_link l JOIN facility f ON f.id = l.facility_id
	 SET l.patient_id = (SELECT id FROM patient WHERE network_id = '9000000134'),
	 l.linked_at = UTC_TIMESTAMP(6)
	 WHERE f.code = 'DEMO01' AND l.local_id = '9999013' AND l.patient_id IS NULL;
	INSERT IGNORE INTO consent (patient_id, signed_on, signer, all_disclosing, all_viewing,
	 facility_id, registered_at, registered_by, idem, status)
	 SELECT p.id, '2026-11-01', 'patient', 1, 1, f.id, UTC_TIMESTAMP(6), u.id,
	 SHA2('demo consent 9999013', 256), 'checked'
	 FROM patient p, facility f, users u
	 WHERE p.network_id = '9000000134' AND f.code = 'DEMO01' AND u.login = 'dr.sato';
SQL
region
