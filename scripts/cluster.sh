#!/bin/bash
# cluster.sh: a three-node MariaDB Galera cluster, two worker pools and one nginx
# over both, under VAR (make test-cluster). Everything on loopback; see
# ../shared/CLUSTER.md for why each setting is what it is.
#   cluster.sh up VAR PORT        set up and start it all (node 1 bootstraps)
#   cluster.sh down VAR           stop it all
#   cluster.sh kill-node VAR N    kill -9 Galera node N
#   cluster.sh start-node VAR N   restart node N; it rejoins by IST
#   cluster.sh kill-pool VAR B    kill -9 worker pool B (a or b), master and workers
#   cluster.sh status VAR         size and state of each running node
#
# Node N: SQL port 13310+N, group port 13320+N, IST 13330+N, SST 13340+N.
# Pool a (var/.../mogami.conf) uses node 1, pool b (mogami-b.conf) node 2; the
# scheduler (and so the audit sealer) runs against node 1 only.
set -u
cmd=${1:?usage: cluster.sh up|down|kill-node|start-node|kill-pool|status VAR [ARG]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=$(mkdir -p "${2:?VAR}" && cd "$2" && pwd)
ARG=${3:-}
GALERA=/usr/lib/galera/libgalera_smm.so
NODES="1 2 3"

die() { echo "cluster: $*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
node_dir() { echo "$VAR/node$1"; }
sock() { echo "$(node_dir "$1")/mysqld.sock"; }
q() {	# node, sql: one value
	mariadb --no-defaults --socket="$(sock "$1")" -uroot -N -B -e "$2" 2>/dev/null
}
status_of() { q "$1" "SHOW STATUS LIKE '$2'" | cut -f2; }

deps() {
	local p missing=""
	for p in galera-4 rsync; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root, or install them)"
	echo "cluster: installing$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$missing >/dev/null || die "apt-get install$missing failed"
}

# The user mariadbd runs as: rsync SST fails when the server runs as root.
db_user() { [ "$(id -u)" = 0 ] && echo mysql || id -un; }

node_cnf() {
	local n=$1 d
	d=$(node_dir "$n")
	cat >"$d/my.cnf" <<-CNF
	[mysqld]
	user = $(db_user)
	datadir = $d/db
	socket = $d/mysqld.sock
	pid-file = $d/mysqld.pid
	log-error = $d/mariadb.log
	bind-address = 127.0.0.1
	port = $((13310 + n))
	character-set-server = utf8mb4
	collation-server = utf8mb4_unicode_ci
	default-time-zone = +00:00
	sql-mode = STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
	default-storage-engine = InnoDB
	innodb_flush_log_at_trx_commit = 1
	innodb_buffer_pool_size = 64M
	innodb_log_file_size = 32M
	max_connections = 200
	binlog_format = ROW
	innodb_autoinc_lock_mode = 2
	# Galera logs rows as a binlog would: the migrations create triggers.
	log_bin_trust_function_creators = 1
	wsrep_on = ON
	wsrep_provider = $GALERA
	wsrep_cluster_name = mogami_test
	wsrep_cluster_address = gcomm://127.0.0.1:13321,127.0.0.1:13322,127.0.0.1:13323
	wsrep_node_name = node$n
	wsrep_node_address = 127.0.0.1:$((13320 + n))
	wsrep_provider_options = "base_port=$((13320 + n));gmcast.listen_addr=tcp://127.0.0.1:$((13320 + n));ist.recv_addr=127.0.0.1:$((13330 + n));gcache.size=64M"
	wsrep_sst_method = rsync
	wsrep_sst_receive_address = 127.0.0.1:$((13340 + n))
	wsrep_slave_threads = 2
	CNF
}

# One datadir made once and copied: three installs at once are unreliable.
node_init() {
	local n
	[ -d "$(node_dir 1)/db/mysql" ] && return 0
	for n in $NODES; do
		mkdir -p "$(node_dir "$n")/db"
		node_cnf "$n"
	done
	mariadb-install-db --no-defaults --datadir="$(node_dir 1)/db" --user="$(db_user)" \
		--auth-root-authentication-method=socket --skip-test-db \
		>"$VAR/log/mariadb-install.log" 2>&1 || die "mariadb-install-db failed; see $VAR/log"
	for n in 2 3; do
		rm -rf "$(node_dir "$n")/db"
		cp -a "$(node_dir 1)/db" "$(node_dir "$n")/db"
	done
	for n in $NODES; do chown -R "$(db_user)" "$(node_dir "$n")"; done
}

# Waits until node n is Synced in a cluster of at least want nodes.
node_wait() {
	local n=$1 want=$2 i
	for i in $(seq 600); do
		if [ "$(status_of "$n" wsrep_local_state_comment)" = Synced ] &&
			[ "$(status_of "$n" wsrep_cluster_size)" -ge "$want" ] 2>/dev/null; then
			return 0
		fi
		alive "$(node_dir "$n")/mysqld.pid" || [ $i -lt 100 ] ||
			{ tail -20 "$(node_dir "$n")/mariadb.log" >&2; die "node $n died"; }
		sleep 0.2
	done
	tail -20 "$(node_dir "$n")/mariadb.log" >&2
	die "node $n did not reach Synced (cluster size $want)"
}

# Starts node n (bootstrap: a new cluster). A node that was killed first
# recovers its position, so it rejoins by IST instead of a full copy.
node_start() {
	local n=$1 bootstrap=${2:-} d pos extra=""
	d=$(node_dir "$n")
	alive "$d/mysqld.pid" && return 0
	rm -f "$d/mysqld.sock"
	if [ -n "$bootstrap" ]; then
		extra="--wsrep-new-cluster"
	elif [ -f "$d/db/grastate.dat" ]; then
		# --wsrep-recover logs to stderr, not to log-error.
		mariadbd --defaults-file="$d/my.cnf" --wsrep-recover >"$d/recover.log" 2>&1
		pos=$(sed -n 's/.*WSREP: Recovered position: *//p' "$d/recover.log" | tail -1)
		[ -n "$pos" ] && extra="--wsrep-start-position=$pos"
	fi
	setsid mariadbd --defaults-file="$d/my.cnf" $extra </dev/null >>"$d/mariadb.log" 2>&1 &
}

nodes_up() {
	local n want=1
	for n in $NODES; do
		node_start "$n" $([ "$n" = 1 ] && echo bootstrap)
		node_wait "$n" "$want"
		want=$((want + 1))
	done
}

node_stop() {
	local f pid i
	f=$(node_dir "$1")/mysqld.pid
	alive "$f" || return 0
	pid=$(cat "$f")
	kill -TERM "$pid"
	for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null
}

# Pool b: the same instance (keys, checkpoints, CA) but node 2 and its own socket.
pool_b_up() {
	sed -e "s|^db_socket = .*|db_socket = $(sock 2)|" \
		-e "s|^fcgi_socket = .*|fcgi_socket = $VAR/run/fcgi-b.sock|" \
		"$VAR/mogami.conf" >"$VAR/mogami-b.conf"
	chmod 600 "$VAR/mogami-b.conf"
	alive "$VAR/run/mogamid-b.pid" && kill -TERM "$(cat "$VAR/run/mogamid-b.pid")" && sleep 0.5
	rm -f "$VAR/run/fcgi-b.sock"
	setsid "$ROOT/build/mogamid" -c "$VAR/mogami-b.conf" >>"$VAR/log/mogamid-b.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/mogamid-b.pid"
	for i in $(seq 200); do [ -S "$VAR/run/fcgi-b.sock" ] && return 0; sleep 0.05; done
	die "pool b did not start; see $VAR/log/mogamid-b.log"
}

case $cmd in
up)
	PORT=${ARG:?PORT}
	deps
	mkdir -p "$VAR"/{run,log}
	chmod 700 "$VAR/run"
	node_init
	nodes_up
	# The instance's own socket path is node 1 (tests' sql(), mogamictl).
	ln -sfn "$(sock 1)" "$VAR/run/mysqld.sock"
	MOGAMI_CLUSTER=1 \
	MOGAMI_UPSTREAM="server unix:$VAR/run/fcgi.sock; server unix:$VAR/run/fcgi-b.sock;" \
		"$ROOT/scripts/instance.sh" up "$VAR" "$PORT" || die "the instance did not start"
	pool_b_up
	;;
down)
	"$ROOT/scripts/instance.sh" down "$VAR" 2>/dev/null
	alive "$VAR/run/mogamid-b.pid" && kill -TERM "$(cat "$VAR/run/mogamid-b.pid")"
	rm -f "$VAR/run/mogamid-b.pid"
	for n in 3 2 1; do node_stop "$n"; done
	true
	;;
kill-node)
	kill -KILL "$(cat "$(node_dir "${ARG:?N}")/mysqld.pid")"
	;;
start-node)
	node_start "${ARG:?N}"
	node_wait "$ARG" 3
	;;
kill-pool)
	f=$VAR/run/mogamid.pid
	[ "${ARG:?a or b}" = b ] && f=$VAR/run/mogamid-b.pid
	# setsid made the master a group leader: the group is the whole pool.
	kill -KILL -- -"$(cat "$f")"
	;;
status)
	for n in $NODES; do
		echo "node $n: $(status_of "$n" wsrep_cluster_size) $(status_of "$n" wsrep_local_state_comment)"
	done
	;;
*)
	die "unknown command $cmd"
	;;
esac
