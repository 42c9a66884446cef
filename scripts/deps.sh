#!/bin/sh
# deps.sh: install the Debian packages the build, the instance and the tests need.
# Only what is missing; non-interactive; nothing from any other source.
set -e
PKGS="build-essential pkg-config mariadb-server mariadb-client libmariadb-dev
nginx-light clearsilver-dev libfcgi-dev libssl-dev zlib1g-dev openssl
python3 python3-pytest python3-requests python3-selenium chromium chromium-driver
libnss3-tools valgrind procps curl fonts-noto-cjk"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# Node.js and npm run the FHIR validator of the tests (scripts/npm-deps.sh);
# a machine that has them from elsewhere keeps its own.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run as root, or install them)" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# Never start the system services: the project runs its own instances.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod +x /usr/sbin/policy-rc.d
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
