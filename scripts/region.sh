#!/bin/bash
# region.sh: generate a synthetic region (mogamictl demo generate) and load
# it into an instance: region.sql (facilities, patients, links, consents),
# then each facility's SS-MIX2 storage through the real importer, then two
# users per facility (at most ten facilities). Idempotent: a marker file
# names what was loaded, and a second run with the same sizes does nothing.
#   region.sh VAR CTL [PATIENTS FACILITIES YEARS SEED HEAVY]
# Prints "import: N messages in S s" (the bench reads it). The test
# instances (MOGAMI_TEST) get no region: their suites count their own rows.
set -euo pipefail
VAR=$1
CTL=$2
N=${3:-200} F=${4:-3} Y=${5:-5} SEED=${6:-1} HEAVY=${7:-0}
[ -n "${MOGAMI_TEST:-}" ] && [ -z "${MOGAMI_REGION:-}" ] && exit 0
[ "${MOGAMI_REGION:-1}" = 0 ] && exit 0
R=$VAR/region
tag="$N $F $Y $SEED $HEAVY"
[ -f "$R/.loaded" ] && [ "$(cat "$R/.loaded")" = "$tag" ] && exit 0
rm -rf "$R"
mkdir -p "$R"
$CTL demo generate --patients "$N" --facilities "$F" --years "$Y" --seed "$SEED" \
	--heavy "$HEAVY" --out "$R" >&2
t0=$(date +%s.%N)
mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot mogami <"$R/region.sql"
t1=$(date +%s.%N)
# Facilities are independent: REGION_JOBS of them at once (default: the cores).
msgs=$(awk '{ n += $2 } END { print n + 0 }' "$R/facilities.tsv")
cut -f1 "$R/facilities.tsv" | xargs -P "${REGION_JOBS:-$(nproc)}" -I{} \
	sh -c '$0 ssmix2 import --facility "$1" --ext "$2/ext/$1" "$2/std/$1" >"$2/import-$1.log" 2>&1' \
	"$CTL" {} "$R"
t2=$(date +%s.%N)
echo "region: sql $(echo "$t1 - $t0" | bc) s" >&2
echo "import: $msgs messages in $(echo "$t2 - $t1" | bc) s"
i=0
while read -r code files; do
	[ $i -lt 10 ] || break
	i=$((i + 1))
	n=${code#GEN}
	$CTL user add --login "gen$n.dr" --name "デモ 医師$n" --facility "$code" --role user \
		--profession physician >/dev/null 2>&1 || true
	$CTL user add --login "gen$n.ns" --name "デモ 看護師$n" --facility "$code" --role user \
		--profession nurse >/dev/null 2>&1 || true
done <"$R/facilities.tsv"
echo "$tag" >"$R/.loaded"
