#!/bin/bash
# check.sh: `make install` into a throwaway DESTDIR, then: the tree is complete, the
# systemd units verify, the nginx site file passes `nginx -t` with placeholder
# certificates and a CRL, and `make uninstall` leaves only configuration behind.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
D=$(mktemp -d /tmp/mogami-install.XXXXXX)
trap 'rm -rf "$D"' EXIT
PREFIX=/usr/local
pass=0 fail=0
ok() { echo "  ok   $1"; pass=$((pass + 1)); }
bad() { echo "  FAIL $1"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@" >"$D.out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/       /' "$D.out" | tail -15; fi; rm -f "$D.out"; }

echo "== make install DESTDIR=$D"
if ! make --no-print-directory install DESTDIR="$D" PREFIX=$PREFIX >"$D.log" 2>&1; then
	tail -20 "$D.log"; rm -f "$D.log"
	echo "install: 0 passed, 1 failed"; exit 1
fi
rm -f "$D.log"

for f in sbin/mogamid sbin/mogamictl share/mogami/templates/lang/ja.hdf \
	share/mogami/static share/mogami/migrations/0001_base.sql share/mogami/nginx/fastcgi.conf \
	share/mogami/nginx/headers.conf lib/systemd/system/mogamid.service \
	lib/systemd/system/mogami-scheduler.service lib/sysusers.d/mogami.conf \
	lib/tmpfiles.d/mogami.conf; do
	check "$PREFIX/$f" test -e "$D$PREFIX/$f"
done
check "every migration installed" \
	test "$(ls db/migrations/*.sql | wc -l)" -eq "$(ls "$D$PREFIX"/share/mogami/migrations/*.sql | wc -l)"
check "every template installed" \
	test "$(find templates -type f | wc -l)" -eq "$(find "$D$PREFIX/share/mogami/templates" -type f | wc -l)"
check "/etc/mogami/mogami.conf.sample" test -f "$D/etc/mogami/mogami.conf.sample"
check "/etc/nginx/sites-available/mogami" test -f "$D/etc/nginx/sites-available/mogami"
check "no @PLACEHOLDER@ left" bash -c "! grep -rl '@[A-Z]*@' '$D/etc' '$D$PREFIX/lib'"
check "binaries run" bash -c "'$D$PREFIX/sbin/mogamictl' 2>&1 | grep -q usage"
# The sample configuration parses (a bad key would fail): mogamictl reads it first.
sed -e "s|$PREFIX/share|$D$PREFIX/share|" "$D/etc/mogami/mogami.conf.sample" >"$D/sample.conf"
check "the sample mogami.conf parses" bash -c \
	"! '$D$PREFIX/sbin/mogamictl' -c '$D/sample.conf' audit verify 2>&1 | grep -q 'bad setting'"

# systemd-analyze verify checks the units against the installed binaries' paths.
if command -v systemd-analyze >/dev/null; then
	for u in mogamid mogami-scheduler; do
		sed -e "s|$PREFIX/sbin|$D$PREFIX/sbin|g" \
			"$D$PREFIX/lib/systemd/system/$u.service" >"$D/$u.service"
		check "systemd-analyze verify $u.service" bash -c \
			"systemd-analyze verify '$D/$u.service' 2>&1 | grep -v -e 'Failed to add dependency' -e 'mariadb.service' | (! grep .)"
	done
else
	echo "  skip systemd-analyze is not installed"
fi

# nginx -t on the site file, with placeholder certificates and a CRL from a throwaway CA.
T=$D/etc/mogami/tls
(
	set -e
	cd "$T"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
		-subj "/CN=placeholder CA" -keyout ca.key -out ca.pem
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
		-subj "/CN=mogami.example.jp" -keyout server.key -out server.pem
	touch index.txt
	printf '[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=2\n' >ca.cnf
	echo 01 >crlnumber
	openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -out crl.pem
) >"$D/pki.log" 2>&1 || { cat "$D/pki.log"; bad "placeholder certificates"; }
mkdir -p "$D/nginx/logs"
sed -e "s|$PREFIX/share|$D$PREFIX/share|g" -e "s|/etc/mogami|$D/etc/mogami|g" \
	-e "s|/var/log/nginx|$D/nginx/logs|g" -e "s|/var/lib/mogami|$D/var|g" \
	"$D/etc/nginx/sites-available/mogami" >"$D/nginx/site.conf"
cat >"$D/nginx/nginx.conf" <<-CONF
	pid $D/nginx/nginx.pid;
	error_log $D/nginx/logs/error.log;
	events {}
	http {
	    include /etc/nginx/mime.types;
	    client_body_temp_path $D/nginx/body;
	    include $D/nginx/site.conf;
	}
CONF
check "nginx -t on the site file" nginx -t -c "$D/nginx/nginx.conf" -p "$D/nginx"
check "the site hides nginx's version (server_tokens off)" \
	grep -Eq '^[[:space:]]*server_tokens[[:space:]]+off;' "$D/etc/nginx/sites-available/mogami"

echo "== make uninstall"
check "make uninstall" make --no-print-directory uninstall DESTDIR="$D" PREFIX=$PREFIX
check "only configuration is left" bash -c "! find '$D$PREFIX' -type f | grep ."
check "configuration kept" test -d "$D/etc/mogami/tls"

echo "install: $pass passed, $fail failed"
[ $fail -eq 0 ]
