#!/bin/bash
# bench.sh: make bench (issue 9). Its own instance under VAR on PORT, a
# generated region, then every scenario at 1, 8 and 32 connections with
# build/loadgen, beside the two ceilings measured in the same run (nginx
# serving a static file; GET /healthz, a FastCGI route that only answers).
# Also the import rate, audit verification per million entries, and worker
# RSS over BENCH_RSS_REQUESTS requests. A table on the terminal; JSON in
# VAR/../bench/ (var/bench/).
#   bench.sh VAR PORT
# Sizes: BENCH_PATIENTS (5000) BENCH_FACILITIES (10) BENCH_YEARS (5)
#        BENCH_SEED (42) BENCH_HEAVY (5000) BENCH_N (3000 requests a run)
#        BENCH_AUDIT (audit rows to reach for verify, 1000000)
#        BENCH_RSS_REQUESTS (100000) BENCH_CONNS ("1 8 32") BENCH_SEAL_SECS (1800)
#        BENCH_WORKERS (8 FastCGI workers)
#        BENCH_POOL (1000: consented patients the patient scenarios draw from)
#        BENCH_ONLY (the scenarios to run, by name; default all; the two
#        ceilings, static and healthz, always run)
#        BENCH_DB_POOL (4G: the InnoDB buffer pool, MOGAMI_DB_POOL; it takes
#        effect when MariaDB starts, so a running instance keeps its own)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VAR=$(mkdir -p "${1:?VAR}" && cd "$1" && pwd)
PORT=${2:-8560}
OUT=$(mkdir -p "$VAR/../bench" && cd "$VAR/../bench" && pwd)
CTL="$ROOT/build/mogamictl -c $VAR/mogami.conf"
LG=$ROOT/build/loadgen
NP=${BENCH_PATIENTS:-5000} NF=${BENCH_FACILITIES:-10} NY=${BENCH_YEARS:-5}
SEED=${BENCH_SEED:-42} HEAVY=${BENCH_HEAVY:-5000} N=${BENCH_N:-3000}
AUDIT=${BENCH_AUDIT:-1000000} RSSN=${BENCH_RSS_REQUESTS:-100000}
CONNS=${BENCH_CONNS:-1 8 32}
RES=$(mktemp)
trap 'rm -f "$RES"' EXIT
sqlq() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B mogami -e "$1"; }

echo "bench: instance $VAR on port $PORT" >&2
# A region of other sizes lives in another database: start afresh.
if [ -d "$VAR/db" ] && [ "$(cat "$VAR/region/.loaded" 2>/dev/null)" != "$NP $NF $NY $SEED $HEAVY" ]; then
	"$ROOT/scripts/instance.sh" down "$VAR" >/dev/null 2>&1 || true
	rm -rf "$VAR"
	mkdir -p "$VAR"
fi
# Workers wait on MariaDB (statements, the durable commit of each view's
# audit entry), so more of them than cores keep both busy: BENCH_WORKERS.
WORKERS=${BENCH_WORKERS:-8}
[ -f "$VAR/mogami.conf" ] && sed -i "s/^workers = .*/workers = $WORKERS/" "$VAR/mogami.conf"
POOL=${BENCH_DB_POOL:-4G}
MOGAMI_DB_POOL=$POOL MOGAMI_WORKERS=$WORKERS MOGAMI_REGION=0 \
	"$ROOT/scripts/instance.sh" up "$VAR" "$PORT" >/dev/null
# No scheduler: its periodic jobs (a second sealer above all) would compete
# with the import, the seal and the scenarios measured here.
if [ -f "$VAR/run/sched.pid" ]; then
	sp=$(cat "$VAR/run/sched.pid")
	for p in $(pgrep -P "$sp" || true); do kill "$p" 2>/dev/null || true; done
	kill "$sp" 2>/dev/null || true
	rm -f "$VAR/run/sched.pid"
fi
D=$VAR/demo
echo "bench: region of $NP patients at $NF facilities over $NY years (seed $SEED)" >&2
# A region that failed to load would measure an empty network: stop.
if ! imp=$("$ROOT/scripts/region.sh" "$VAR" "$CTL" "$NP" "$NF" "$NY" "$SEED" "$HEAVY"); then
	echo "bench: the region did not load (see $VAR/region and $VAR/log)" >&2
	exit 1
fi
[ -n "$imp" ] && echo "$imp" >"$VAR/region/import.rate"
imp=$(cat "$VAR/region/import.rate" 2>/dev/null || echo "import: 0 messages in 0 s")
echo "bench: $imp" >&2
# The benchmark's users have read the demo rules (A11.1): the viewer is measured, not the gate.
sqlq "INSERT IGNORE INTO rules_ack (user_id, version_id, acked_at)
      SELECT u.id, v.id, UTC_TIMESTAMP(6) FROM users u JOIN rules_version v"
[ -f "$VAR/region/generate.rate" ] && echo "bench: $(cat "$VAR/region/generate.rate")" >&2
records=$(sqlq "SELECT COUNT(*) FROM record")

# The patients the scenarios open (region/bench.tsv): heavy, typical, last.
read -r _ HNID HFAC HLID HKANA HSEX HBD < <(grep '^heavy' "$VAR/region/bench.tsv")
read -r _ TNID TFAC TLID TKANA TSEX TBD < <(grep '^typical' "$VAR/region/bench.tsv")
read -r _ LNID LFAC LLID LKANA LSEX LBD < <(grep '^last' "$VAR/region/bench.tsv")
read -r _ QNID QFAC QLID QKANA QSEX QBD < <(grep '^quiet' "$VAR/region/bench.tsv")
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
TK=$(urlenc "${TKANA/^/ }")
heavy_n=$(sqlq "SELECT COUNT(*) FROM record r JOIN patient_link l ON l.id = r.link_id JOIN patient p ON p.id = l.patient_id WHERE p.network_id = '$HNID'")
typ_n=$(sqlq "SELECT COUNT(*) FROM record r JOIN patient_link l ON l.id = r.link_id JOIN patient p ON p.id = l.patient_id WHERE p.network_id = '$TNID'")

# Issue 19: a doctor of the typical patient's own facility (GENnnn): their
# home lists that facility's patients (my patients, recent, new since).
BU=bench.day
if [ ! -f "$D/$BU.key" ]; then
	$CTL user add --login "$BU" --name "ベンチ 医師" --facility "$TFAC" --role user \
		--profession physician >/dev/null
	bpw="Bench-$(openssl rand -hex 6)"
	echo "$bpw" | $CTL user passwd "$BU" --keep >/dev/null
	bp12=$($CTL cert issue --login "$BU" --out "$D" --days 365 | sed -n 's/^PKCS#12 password (shown once): //p')
	openssl pkcs12 -in "$D/$BU.p12" -passin "pass:$bp12" -nokeys -clcerts -out "$D/$BU.pem" 2>/dev/null
	openssl pkcs12 -in "$D/$BU.p12" -passin "pass:$bp12" -nocerts -nodes -out "$D/$BU.key" 2>/dev/null
	echo "$bpw" >"$D/$BU.password"
fi

# The pools (issue 23): each request of a patient scenario draws its patient
# from BENCH_POOL consented patients (a consent every viewer may use, records
# at a disclosing facility; the heavy patient has its own scenarios), as a
# network's users do, instead of asking for one patient again and again (its
# rows would stay in every cache). The labs pool takes the patients with lab
# results first. One file per use, a line each (build/loadgen -f):
#   nid    network IDs: the records search that gives the viewer a handle
#   labs   the same, patients with lab results first
#   kana   the search scenario's query (the patient's kana, URL-encoded)
#   desk   the desk's search by kana, birth date and sex (the access report)
#   emerg  facility code and local ID of one of the patient's links (A14)
POOLN=${BENCH_POOL:-1000}
PD=$VAR/pool
mkdir -p "$PD"
pool_sql() {	# $1: ORDER BY; one line per patient: nid kana birth sex code local labs
	sqlq "SELECT p.network_id, REPLACE(p.kana, ' ', '^'), p.birth_date, p.sex, f.code, l.local_id,
	         EXISTS (SELECT 1 FROM patient_link l2 JOIN record_lab x ON x.link_id = l2.id
	                 WHERE l2.patient_id = p.id) AS labs
	      FROM patient p
	      JOIN patient_link l ON l.id = (SELECT MIN(l3.id) FROM patient_link l3 WHERE l3.patient_id = p.id)
	      JOIN facility f ON f.id = l.facility_id
	      WHERE p.status = 'active' AND p.network_id <> '$HNID'
	        AND EXISTS (SELECT 1 FROM consent c WHERE c.patient_id = p.id
	                    AND c.status = 'checked' AND c.all_viewing = 1)
	        AND EXISTS (SELECT 1 FROM patient_link l4 JOIN record r ON r.link_id = l4.id
	                    WHERE l4.patient_id = p.id)
	      ORDER BY $1 LIMIT $POOLN"
}
pool_sql "RAND($SEED)" >"$PD/all.tsv"
pool_sql "labs DESC, RAND($SEED)" >"$PD/labs.tsv"
python3 - "$PD" <<'PY'
import sys, urllib.parse as u
d = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(f"{d}/all.tsv") if l.strip()]
labs = [l.rstrip("\n").split("\t") for l in open(f"{d}/labs.tsv") if l.strip()]
def w(name, lines):
    open(f"{d}/{name}", "w").write("".join(x + "\n" for x in lines))
w("nid", [r[0] for r in rows])
w("labs", [r[0] for r in labs])
w("kana", [u.quote(r[1].replace("^", " ")) for r in rows])
w("desk", [u.urlencode({"kana": r[1].replace("^", " "), "birth_date": r[2], "sex": r[3]}) for r in rows])
w("emerg", [u.urlencode({"facility_code": r[4], "local_id": r[5]}) for r in rows])
open(f"{d}/counts", "w").write(f"{len(rows)} {sum(r[6] == '1' for r in labs)}\n")
PY
read -r pool_n pool_labs <"$PD/counts"
echo "bench: a pool of $pool_n consented patients ($pool_labs of the labs pool with lab results)" >&2
[ "$pool_n" -lt "$POOLN" ] && echo "bench: the region has fewer consented patients than BENCH_POOL=$POOLN" >&2

# run NAME CONNS USER [loadgen args...]: one loadgen run, one JSON line.
run() {
	local name=$1 c=$2 u=$3
	shift 3
	case " static healthz ${BENCH_ONLY:-$name} " in *" $name "*) ;; *) return 0;; esac
	local n=$N
	case $name in
	login) n=$((c * 4 < 24 ? 24 : c * 4));;
	export_*) n=$((c * 10 < 300 ? 300 : c * 10));;	# 5,000 rows each
	dashboard) n=$((c * 10 < 300 ? 300 : c * 10));;	# 7-11 req/s at 10 M entries
	esac
	# CPU per request of each process (/proc/PID/stat before and after the
	# measured requests; + adds the pre-fork workers and nginx's workers).
	if ! "$LG" -p "$PORT" -C "$D/$u.pem" -K "$D/$u.key" -c "$c" -n "$n" \
	    -w 5 -j "$name" -u "mariadbd=$(cat "$VAR/run/mysqld.pid")" \
	    -u "workers=$(cat "$VAR/run/mogamid.pid")+" \
	    -u "nginx=$(cat "$VAR/run/nginx.pid")+" "$@" >>"$RES" 2>>"$OUT/loadgen.err"; then
		echo "bench: $name at $c connections failed (see $OUT/loadgen.err)" >&2
	fi
}
pw() { echo "-l $1 -P $D/$1.password"; }

# The audit log topped up to BENCH_AUDIT entries (views spread over the
# patients) and sealed before the scenarios, so search and the access report
# run against it; verification is timed after them.
have=$(sqlq "SELECT COUNT(*) FROM audit")
if [ "$have" -lt "$AUDIT" ]; then
	echo "bench: adding $((AUDIT - have)) audit rows and sealing them" >&2
	# Spread over every facility (the manager's list reads its own) and
	# patient; one in five a login, as in a working day.
	nfac=$(sqlq "SELECT MAX(id) FROM facility")
	sqlq "INSERT INTO audit (ts, login, facility_id, action, object_type, patient_id, purpose, outcome, detail)
	      SELECT UTC_TIMESTAMP(6) - INTERVAL s.seq SECOND, 'bench', 1 + s.seq % $nfac,
	             IF(s.seq % 5 = 0, 'login', 'record.view'), 'patient',
	             1 + s.seq % $NP, 'care', 'allowed', 'bench'
	      FROM seq_1_to_$((AUDIT - have)) s"
fi
t0=$(date +%s.%N)
# BENCH_SEAL_SECS bounds the seal; what is left unsealed is not verified.
timeout "${BENCH_SEAL_SECS:-1800}" $CTL audit seal --quiet >/dev/null || true
# The dashboard counts the log ahead (the scheduler does this every few
# minutes in service): without it every page would count a million rows live.
# A refresh counts up to what the one before it saw (entries still being
# committed then are not skipped): twice.
$CTL dashboard refresh --quiet >/dev/null || true
$CTL dashboard refresh --quiet >/dev/null || true
seal_s=$(echo "$(date +%s.%N) - $t0" | bc)
for c in $CONNS; do
	echo "bench: $c connections" >&2
	run static "$c" dr.sato /static/app.css
	run healthz "$c" dr.sato /healthz
	run login "$c" dr.sato -L $(pw dr.sato)
	run home "$c" dr.sato $(pw dr.sato) /
	run home_facility "$c" "$BU" $(pw "$BU") /
	run search "$c" dr.sato $(pw dr.sato) -f "$PD/kana" "/records?q={ID}"
	run search_local "$c" "$BU" $(pw "$BU") "/records?q=$TLID"
	run timeline "$c" dr.sato $(pw dr.sato) -f "$PD/nid" -s "/records?q={ID}" \
		"/records/patient?p={P}&purpose=care&section=timeline"
	run summary "$c" dr.sato $(pw dr.sato) -f "$PD/nid" -s "/records?q={ID}" \
		"/records/patient?p={P}&purpose=care&section=summary"
	run timeline_5000 "$c" dr.sato $(pw dr.sato) -s "/records?q=$HNID" \
		"/records/patient?p={P}&purpose=care&section=timeline"
	run summary_5000 "$c" dr.sato $(pw dr.sato) -s "/records?q=$HNID" \
		"/records/patient?p={P}&purpose=care&section=summary"
	run labs "$c" dr.sato $(pw dr.sato) -f "$PD/labs" -s "/records?q={ID}" \
		"/records/patient?p={P}&purpose=care&section=labs"
	run export_5000 "$c" dr.sato $(pw dr.sato) -s "/records?q=$HNID" \
		"/records/export?p={P}&purpose=care"
	run emergency "$c" dr.sato $(pw dr.sato) -f "$PD/emerg" -s /emergency \
		"POST /emergency/start {ID}&category=critical&reason=bench&confirm=1&csrf={CSRF}"
	run access_report "$c" madoguchi $(pw madoguchi) -f "$PD/desk" \
		-s "/patients?{ID}" "/patients/access-report?p={P}"
	run facility_access "$c" incho01 $(pw incho01) /facility/access
	# In service the scheduler counts the log ahead every minute
	# (jobs_dashboard_secs): so here just before the page, or it would
	# count live the thousands of views the scenarios above just wrote.
	case " ${BENCH_ONLY:-dashboard} " in *" dashboard "*)
		$CTL dashboard refresh --quiet >/dev/null || true
		$CTL dashboard refresh --quiet >/dev/null || true;;
	esac
	run dashboard "$c" kaicho $(pw kaicho) /dashboard
done

t1=$(date +%s.%N)
$CTL audit verify --unsealed-secs 3600 >"$OUT/verify.log" 2>&1 || echo "bench: audit verify failed (see $OUT/verify.log)" >&2
t2=$(date +%s.%N)
entries=$(sqlq "SELECT COUNT(*) FROM audit WHERE seq IS NOT NULL")
verify_s=$(echo "$t2 - $t1" | bc)

# Worker RSS before and after RSSN requests of real pages (search and timeline).
workers() { pgrep -P "$(cat "$VAR/run/mogamid.pid")" || true; }
rss() { local t=0 p; for p in $(workers); do t=$((t + $(awk '/VmRSS/ {print $2}' /proc/$p/status))); done; echo $t; }
rss_max() { local m=0 p v; for p in $(workers); do v=$(awk '/VmRSS/ {print $2}' /proc/$p/status); [ "$v" -gt "$m" ] && m=$v; done; echo $m; }
"$LG" -p "$PORT" -C "$D/dr.sato.pem" -K "$D/dr.sato.key" -c 8 -n 2000 -j warm $(pw dr.sato) \
	-s "/records?q=$TNID" "/records/patient?p={P}&purpose=care" "/records?q=$TK" >/dev/null
r0=$(rss_max)
echo "bench: $RSSN requests for worker RSS (max worker ${r0} kB now)" >&2
"$LG" -p "$PORT" -C "$D/dr.sato.pem" -K "$D/dr.sato.key" -c 8 -n "$RSSN" -j rss $(pw dr.sato) \
	-s "/records?q=$TNID" "/records/patient?p={P}&purpose=care" "/records?q=$TK" >>"$RES"
r1=$(rss_max)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
python3 - "$RES" "$OUT/bench-$stamp.json" <<PY
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
imp = open("$VAR/region/import.rate").read().split()
msgs, secs = int(imp[1]), float(imp[4])
try:    # scripts/region.sh: "generate: N messages in S s"
    gen = open("$VAR/region/generate.rate").read().split()
    gmsgs, gsecs = int(gen[1]), float(gen[4])
except (OSError, IndexError, ValueError):
    gmsgs, gsecs = 0, 0.0
meta = {
  "when": "$stamp", "workers": $WORKERS, "db_pool": "$POOL", "patients": $NP, "facilities": $NF,
  "years": $NY, "seed": $SEED,
  "records": $records, "heavy_patient_records": $heavy_n, "typical_patient_records": $typ_n,
  "generate": {"messages": gmsgs, "seconds": gsecs,
               "per_second": round(gmsgs / gsecs, 1) if gsecs else None},
  "import": {"messages": msgs, "seconds": secs, "per_second": round(msgs / secs, 1) if secs else None},
  "audit": {"entries": $entries, "seal_s": $seal_s, "verify_s": $verify_s,
            "verify_s_per_million": round($verify_s / max($entries, 1) * 1e6, 2)},
  "worker_rss_kb": {"after_warmup": $r0, "after_requests": $r1, "requests": $RSSN,
                    "growth_kb": $r1 - $r0},
  "pool": {"patients": $pool_n, "labs_pool_with_labs": $pool_labs, "asked": $POOLN},
  "notes": [
    "healthz is dispatched before parameters, database and session (F_BARE): the bare FastCGI ceiling",
    "labs: the typical patient's lab section (table and server-drawn SVG trends)",
    "summary: a pooled patient's summary tab (issue 19: allergies, problems, 90 days of prescriptions and out-of-range results, visits, documents)",
    "home_facility: the home page of a doctor at the typical patient's facility (my patients, recently viewed, new since; every row decided)",
    "export_5000: the 5,000-record patient's whole history as CSV; at c=1 its p50 is the server time",
    "facility_access: the facility manager's access list (first page) over the audit log",
    "search, timeline, labs, emergency, access_report: each request's patient drawn from the pool",
    "cpu_ms: CPU milliseconds per request of mariadbd, the workers (pre-fork master and children), "
    "nginx (master and workers) and the load generator, from their process counters over the run",
  ],
  "runs": rows,
}
ceil = {r["conns"]: r["rps"] for r in rows if r["name"] == "healthz"}
for r in rows:
    c = ceil.get(r["conns"])
    r["ratio_fcgi"] = round(r["rps"] / c, 3) if c else None
json.dump(meta, open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
order = []
for r in rows:
    if r["name"] not in order and r["name"] not in ("rss", "warm"):
        order.append(r["name"])
conns = sorted({r["conns"] for r in rows if r["name"] == "healthz"})
print()
print(f"もがみネット bench {meta['when']}: {meta['workers']} workers, {meta['patients']} patients, {meta['facilities']} facilities, "
      f"{meta['records']} records (heavy patient {meta['heavy_patient_records']}, typical {meta['typical_patient_records']})")
def cpu(r, who):
    v = (r.get("cpu_ms") or {}).get(who)
    return f"{v:5.2f}" if v is not None else "    -"
hdr = f"{'scenario':<15}" + "".join(f"| c={c:<3} req/s  ratio    db   p50    p99    max  " for c in conns)
print(hdr)
print("-" * len(hdr))
for name in order:
    line = f"{name:<15}"
    for c in conns:
        r = next((x for x in rows if x["name"] == name and x["conns"] == c), None)
        if r is None:
            line += "| " + " " * 44
            continue
        bad = "" if r["s4xx"] + r["s5xx"] == 0 and not r["failed"] else "!"
        line += (f"| {r['rps']:8.0f}{bad:1} {r['ratio_fcgi']:5.2f} {cpu(r, 'mariadbd')} {r['p50_ms']:6.2f} "
                 f"{r['p99_ms']:6.2f} {r['max_ms']:6.1f} ")
    print(line)
print("(ratio: req/s over GET /healthz at the same connections; db: mariadbd CPU ms per request;")
print(" ms; ! = 4xx/5xx or a failed connection)")
print()
print("CPU ms per request: mariadbd / workers / nginx / load generator")
hdr = f"{'scenario':<15}" + "".join(f"| c={c:<3} {'':>22} " for c in conns)
print(hdr)
print("-" * len(hdr))
for name in order:
    line = f"{name:<15}"
    for c in conns:
        r = next((x for x in rows if x["name"] == name and x["conns"] == c), None)
        line += "| " + (" " * 27 if r is None else
                        " ".join(cpu(r, w) for w in ("mariadbd", "workers", "nginx", "loadgen")) + "  ")
    print(line)
g, i, a, w = meta["generate"], meta["import"], meta["audit"], meta["worker_rss_kb"]
print(f"generate: {g['messages']} messages in {g['seconds']:.1f} s = {g['per_second']} messages/s")
print(f"import: {i['messages']} messages in {i['seconds']:.1f} s = {i['per_second']} messages/s")
print(f"audit: {a['entries']} entries sealed in {a['seal_s']:.1f} s, verified in {a['verify_s']:.2f} s "
      f"= {a['verify_s_per_million']} s per million")
print(f"worker RSS (largest worker): {w['after_warmup']} kB after warm-up, {w['after_requests']} kB after "
      f"{w['requests']} requests (growth {w['growth_kb']} kB)")
print(f"pool: {meta['pool']['patients']} consented patients drawn per request "
      f"({meta['pool']['labs_pool_with_labs']} of the labs pool with lab results)")
for n in meta["notes"]:
    print("note:", n)
print("json:", sys.argv[2])
PY
cp "$OUT/bench-$stamp.json" "$OUT/latest.json"
