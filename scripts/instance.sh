#!/bin/bash
# instance.sh: start or stop one private instance (MariaDB, workers, nginx) under a var/ directory.
#   instance.sh up VAR PORT      set up what is missing and start what is not running
#   instance.sh down VAR         stop all three
#   instance.sh db-restart VAR   stop and start MariaDB only (tests)
#   instance.sh nginx-reload VAR
set -euo pipefail
cmd=${1:?usage: instance.sh up|down|db-restart|nginx-reload VAR [PORT]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=$(mkdir -p "${2:?VAR}" && cd "$2" && pwd)
PORT=${3:-8443}
CONF=$VAR/mogami.conf
CTL="$ROOT/build/mogamictl -c $CONF"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() {	# pidfile: TERM, wait up to 20 s, then KILL
	local f=$1 pid i
	[ -f "$f" ] || return 0
	pid=$(cat "$f")
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$f"
}

db_up() {
	# A cluster (scripts/cluster.sh) started its nodes already: only wait.
	[ -n "${MOGAMI_CLUSTER:-}" ] && { db_ping; return; }
	if [ ! -d "$VAR/db/mysql" ]; then
		mariadb-install-db --no-defaults --datadir="$VAR/db" --user="$(id -un)" \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$VAR/log/mariadb-install.log" 2>&1
	fi
	# Its own temporary directory: a machine's /tmp cleaner removing an
	# implicit temporary table's file fails the statement using it.
	mkdir -p "$VAR/tmp"
	cat >"$VAR/my.cnf" <<-CNF
	[mysqld]
	user = $(id -un)
	datadir = $VAR/db
	tmpdir = $VAR/tmp
	socket = $VAR/run/mysqld.sock
	pid-file = $VAR/run/mysqld.pid
	log-error = $VAR/log/mariadb.log
	skip-networking
	character-set-server = utf8mb4
	collation-server = utf8mb4_unicode_ci
	default-time-zone = +00:00
	sql-mode = STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
	default-storage-engine = InnoDB
	innodb_flush_log_at_trx_commit = 1
	sync_binlog = 1
	innodb_buffer_pool_size = ${MOGAMI_DB_POOL:-256M}
	max_connections = 300
	${MOGAMI_MYCNF_EXTRA:-}
	CNF
	if ! alive "$VAR/run/mysqld.pid"; then
		setsid mariadbd --defaults-file="$VAR/my.cnf" >>"$VAR/log/mariadb.log" 2>&1 </dev/null &
	fi
	db_ping
}

db_ping() {
	for i in $(seq 300); do
		mariadb-admin --no-defaults --socket="$VAR/run/mysqld.sock" -uroot ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "instance: MariaDB did not start; see $VAR/log/mariadb.log" >&2
	tail -20 "$VAR/log/mariadb.log" >&2
	return 1
}

config() {
	[ -f "$CONF" ] && return 0
	local pw
	pw=$(openssl rand -hex 24)
	umask 077
	cat >"$CONF" <<-CFG
	# mogami.conf: this instance's settings (generated; holds the database password)
	net_name = もがみネット
	var_dir = $VAR
	db_socket = $VAR/run/mysqld.sock
	db_name = mogami
	db_user = mogami
	db_password = $pw
	fcgi_socket = $VAR/run/fcgi.sock
	templates = $ROOT/templates
	lang = $ROOT/templates/lang/ja.hdf
	nginx_pid = $VAR/run/nginx.pid
	origin = https://localhost:$PORT
	workers = ${MOGAMI_WORKERS:-2}
	CFG
	[ -n "${MOGAMI_TEST:-}" ] && echo "test_clock = 1" >>"$CONF"
	# The test instance imports SS-MIX2 trees every few seconds, not minutes.
	[ -n "${MOGAMI_TEST:-}" ] && echo "jobs_ssmix2_secs = 3" >>"$CONF"
	# A caller's own settings, "key = value" lines (scripts/attack.sh).
	[ -n "${MOGAMI_CONF_EXTRA:-}" ] && printf '%s\n' "$MOGAMI_CONF_EXTRA" >>"$CONF"
	# Galera applies other nodes' commits asynchronously: reads wait for them,
	# so a page after a POST through the other pool shows what it wrote.
	[ -n "${MOGAMI_CLUSTER:-}" ] && echo "db_causal_reads = 1" >>"$CONF"
	umask 022
}

db_schema() {
	local pw
	pw=$(sed -n 's/^db_password = //p' "$CONF")
	mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot <<-SQL
	CREATE DATABASE IF NOT EXISTS mogami CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER IF NOT EXISTS 'mogami'@'localhost' IDENTIFIED BY '$pw';
	ALTER USER 'mogami'@'localhost' IDENTIFIED BY '$pw';
	GRANT ALL ON mogami.* TO 'mogami'@'localhost';
	SQL
	$CTL db migrate >"$VAR/log/migrate.log"
}

workers_up() {
	# Always the binary just built: a running pool is replaced.
	stop_pid "$VAR/run/mogamid.pid"
	# MOGAMID_WRAPPER runs the workers under a tool (make valgrind).
	setsid ${MOGAMID_WRAPPER:-} "$ROOT/build/mogamid" -c "$CONF" >>"$VAR/log/mogamid.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/mogamid.pid"
	for i in $(seq 600); do [ -S "$VAR/run/fcgi.sock" ] && return 0; sleep 0.05; done
	echo "instance: workers did not start; see $VAR/log/mogamid.log" >&2
	return 1
}

sched_up() {
	# Periodic jobs (imports, expiries, audit checkpoints): mogamictl scheduler.
	stop_pid "$VAR/run/sched.pid"
	setsid $CTL scheduler >>"$VAR/log/sched.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/sched.pid"
}

nginx_up() {
	local owner user_line="" upstream
	# nginx's workers must read static/ and reach the 0600 FastCGI socket, so
	# they run as whoever owns the checkout (only possible when started as root).
	owner=$(stat -c %U "$ROOT")
	[ "$(id -u)" = 0 ] && user_line="user $owner;"
	# The worker pools nginx balances over: this instance's one, or a cluster's.
	upstream=${MOGAMI_UPSTREAM:-server unix:$VAR/run/fcgi.sock;}
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
		-e "s|@USER_LINE@|$user_line|" -e "s|@UPSTREAM@|$upstream|" \
		"$ROOT/nginx/nginx.conf.in" >"$VAR/nginx/nginx.conf"
	nginx -t -q -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx" 2>>"$VAR/log/nginx-error.log" || {
		echo "instance: bad nginx config; see $VAR/log/nginx-error.log" >&2; return 1; }
	if alive "$VAR/run/nginx.pid"; then
		nginx -s reload -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx"
	else
		nginx -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx"
	fi
}

case $cmd in
up)
	mkdir -p "$VAR"/{db,run,log,pki,nginx,err,demo}
	chmod 700 "$VAR/run" "$VAR/pki" "$VAR/demo"
	config
	db_up
	db_schema
	$CTL ca init >/dev/null
	$CTL pages "$VAR/err" >/dev/null
	"$ROOT/scripts/demo.sh" "$VAR" "$CTL"
	workers_up
	sched_up
	nginx_up
	[ -n "${MOGAMI_TEST:-}" ] || cat <<-MSG

	もがみネット is running: https://localhost:$PORT
	  CA certificate (trust it in the browser): $VAR/pki/ca.pem
	  Demo accounts, one per role, and their passwords: $VAR/demo/README
	  Certificates to import (PKCS#12):         $VAR/demo/<login>.p12
	  e.g. curl --cacert $VAR/pki/ca.pem --cert $VAR/demo/dr.sato.pem --key $VAR/demo/dr.sato.key https://localhost:$PORT/login
	Stop with: make stop
	MSG
	;;
down)
	stop_pid "$VAR/run/nginx.pid"
	stop_pid "$VAR/run/sched.pid"
	stop_pid "$VAR/run/mogamid.pid"
	stop_pid "$VAR/run/mysqld.pid"
	;;
db-restart)
	stop_pid "$VAR/run/mysqld.pid"
	db_up
	;;
db-stop)
	stop_pid "$VAR/run/mysqld.pid"
	;;
nginx-reload)
	nginx -s reload -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx"
	;;
*)
	echo "instance.sh: unknown command $cmd" >&2
	exit 2
	;;
esac
