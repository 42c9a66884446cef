#!/bin/bash
# pki.sh: the development CA, the server certificate for localhost, the CRL and
# the demo client certificate, made once per instance with the openssl CLI.
set -euo pipefail
VAR=$1
P=$VAR/pki
umask 077
mkdir -p "$P" "$VAR/demo"
if [ ! -f "$P/ca.pem" ]; then
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
		-subj "/O=Mogami Net/CN=Mogami Net Development CA" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
		-keyout "$P/ca.key" -out "$P/ca.pem" 2>/dev/null
fi
if [ ! -f "$P/server.pem" ]; then
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-subj "/CN=localhost" -keyout "$P/server.key" -out "$P/server.csr" 2>/dev/null
	openssl x509 -req -in "$P/server.csr" -CA "$P/ca.pem" -CAkey "$P/ca.key" -days 825 \
		-set_serial "0x$(openssl rand -hex 16)" -out "$P/server.pem" -extfile <(printf '%s\n' \
		"subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" "extendedKeyUsage=serverAuth" \
		"keyUsage=critical,digitalSignature" "basicConstraints=CA:FALSE") 2>/dev/null
	rm -f "$P/server.csr"
fi
if [ ! -f "$P/crl.pem" ]; then
	cat >"$P/ca.cnf" <<-CNF
	[ca]
	default_ca = dev
	[dev]
	database = $P/index.txt
	crlnumber = $P/crlnumber
	default_md = sha256
	default_crl_days = 30
	CNF
	: >"$P/index.txt"
	echo 01 >"$P/crlnumber"
	openssl ca -gencrl -config "$P/ca.cnf" -keyfile "$P/ca.key" -cert "$P/ca.pem" \
		-out "$P/crl.pem" 2>/dev/null
fi
# The demo client certificate: CN is the login it belongs to.
if [ ! -f "$VAR/demo/demo.p12" ]; then
	d=$VAR/demo
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-subj "/O=DEMO01/CN=demo" -keyout "$d/demo.key" -out "$d/demo.csr" 2>/dev/null
	openssl x509 -req -in "$d/demo.csr" -CA "$P/ca.pem" -CAkey "$P/ca.key" -days 365 \
		-set_serial "0x$(openssl rand -hex 16)" -out "$d/demo.pem" -extfile <(printf '%s\n' \
		"extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature" \
		"basicConstraints=CA:FALSE") 2>/dev/null
	pw=$(openssl rand -base64 12 | tr -d '/+=')
	openssl pkcs12 -export -in "$d/demo.pem" -inkey "$d/demo.key" -certfile "$P/ca.pem" \
		-passout "pass:$pw" -out "$d/demo.p12"
	echo "$pw" >"$d/demo.p12.pass"
	rm -f "$d/demo.csr"
fi
chmod 644 "$P/ca.pem" "$P/server.pem" "$P/crl.pem"
