#!/bin/bash
# region.sh: generate a synthetic region (mogamictl demo generate) and load
# it into an instance: region.sql (facilities, patients, links, consents),
# then each facility's SS-MIX2 storage through the real importer, then two
# users per facility (at most ten facilities). Idempotent: a marker file
# names what was loaded, and a second run with the same sizes does nothing.
#   region.sh VAR CTL [PATIENTS FACILITIES YEARS SEED HEAVY]
# The region is streamed: region.sql, facilities.tsv and bench.tsv are
# generated once (--no-trees), then each facility's trees are generated
# alone (--only), imported and deleted, REGION_JOBS facilities in flight, so
# the disk holds a few facilities' trees at a time, never the region's (a
# message is about 10 KB of files: 10 million would be 100 GB).
# REGION_TREES=DIR writes the trees under DIR/std, DIR/ext instead of
# VAR/region (one region at a time per DIR): a tmpfs such as /dev/shm
# makes and deletes them about 15 times faster than ext4 here (a facility
# of 9,700 messages: 0.6 s against 9 s to write, 0.4 s against 2 s to
# delete), at the cost of that memory (about 4 KB a message).
# REGION_KEEP=1 keeps the trees.
# Prints "import: N messages in S s" on stdout (the bench reads it) and
# "generate: N messages in S s" on stderr and in VAR/region/generate.rate.
# A facility's generation and import overlap other facilities' (up to
# REGION_JOBS jobs at once): each S is the per-facility seconds summed and
# divided by REGION_JOBS (generate also counts the one --no-trees pass), so
# the two add up to about the wall time (with deleting the trees), also
# printed. Per facility: VAR/region/timing.tsv (code, messages, generate s,
# import s, delete s) and the
# logs VAR/region/generate-CODE.log, import-CODE.log.
# The test instances (MOGAMI_TEST) get no region: their suites count their
# own rows.
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
JOBS=${REGION_JOBS:-$(nproc)}
T=${REGION_TREES:-$R}
mkdir -p "$T"
SIZES="--patients $N --facilities $F --years $Y --seed $SEED --heavy $HEAVY"
t0=$(date +%s.%N)
$CTL demo generate $SIZES --no-trees --out "$R" >&2
t1=$(date +%s.%N)
mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot mogami <"$R/region.sql"
t2=$(date +%s.%N)

# facility CODE MESSAGES: its trees generated, imported, deleted; one line
# of timing-CODE. Fails if the trees do not hold what facilities.tsv counted.
facility() {
	local c=$1 want=$2 g0 g1 g2 g3 got
	g0=$(date +%s.%N)
	rm -rf "$T/std/$c" "$T/ext/$c"
	if ! $CTL demo generate $SIZES --only "$c" --out "$T" >"$R/generate-$c.log" 2>&1; then
		echo "region: generating $c failed (see $R/generate-$c.log)" >&2
		return 1
	fi
	got=$(sed -n 's/.* facilities, \([0-9]*\) messages.*/\1/p' "$R/generate-$c.log")
	if [ "$got" != "$want" ]; then
		echo "region: $c has $got messages, facilities.tsv says $want" >&2
		return 1
	fi
	g1=$(date +%s.%N)
	$CTL ssmix2 import --facility "$c" --ext "$T/ext/$c" "$T/std/$c" >"$R/import-$c.log" 2>&1 ||
		{ echo "region: importing $c failed (see $R/import-$c.log)" >&2; return 1; }
	g2=$(date +%s.%N)
	[ -n "${REGION_KEEP:-}" ] || rm -rf "$T/std/$c" "$T/ext/$c"
	g3=$(date +%s.%N)
	awk -v c="$c" -v n="$want" -v a="$g0" -v b="$g1" -v e="$g2" -v d="$g3" \
		'BEGIN { printf "%s\t%d\t%.2f\t%.2f\t%.2f\n", c, n, b - a, e - b, d - e }' \
		>"$R/timing-$c"
}
export -f facility
export CTL R T SIZES

# Facilities are independent: REGION_JOBS of them at once (default: the cores).
msgs=$(awk '{ n += $2 } END { print n + 0 }' "$R/facilities.tsv")
xargs -P "$JOBS" -L 1 bash -c 'facility "$1" "$2"' _ <"$R/facilities.tsv"
t3=$(date +%s.%N)
cat "$R"/timing-GEN* >"$R/timing.tsv"
rm -f "$R"/timing-GEN*
[ -n "${REGION_KEEP:-}" ] || rmdir "$T/std" "$T/ext" 2>/dev/null || true
[ "$T" = "$R" ] || [ -n "${REGION_KEEP:-}" ] || rmdir "$T" 2>/dev/null || true
read -r gen_s imp_s < <(awk -v j="$JOBS" -v m="$(echo "$t1 - $t0" | bc)" \
	'{ g += $3; i += $4 } END { printf "%.1f %.1f\n", m + g / j, i / j }' "$R/timing.tsv")
echo "region: sql $(echo "$t2 - $t1" | bc) s; facilities $(echo "$t3 - $t2" | bc) s wall," \
	"$JOBS at a time (generation and import overlapping)" >&2
echo "generate: $msgs messages in $gen_s s" | tee "$R/generate.rate" >&2
echo "import: $msgs messages in $imp_s s"
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
