# Makefile: build, run and test もがみネット. `make run` and `make test` do all set-up.
.POSIX:
.SUFFIXES:

CC      = cc
VAR     = var
PORT    = 8443
TEST_PORT = 8444
CLUSTER_PORT = 8570
SHELL   = /bin/bash
B       = build

WARN    = -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
          -Wpointer-arith -Wcast-qual -Wwrite-strings
HARDEN  = -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
PKGS    = libmariadb openssl fcgi zlib
CFLAGS  = -std=c11 -D_GNU_SOURCE -O2 -g $(HARDEN) $(WARN) -Icgi \
          -isystem /usr/include/ClearSilver $$(pkg-config --cflags $(PKGS))
LDFLAGS = -pie -Wl,-z,relro,-z,now
LDLIBS  = -lneo_cgi -lneo_cs -lneo_utl $$(pkg-config --libs $(PKGS)) -lm

# cgi/ is in folders (docs/layout.md). Everything but server/ and cli/ goes
# into one archive; unit tests link against it and pull in only what they use.
# mogamid is server/ and the archive; mogamictl is cli/, the route table (for
# `mogamictl routes`) and the archive: no cli/ code is ever in mogamid.
LIB_SRC = $(filter-out cgi/server/% cgi/cli/%,$(wildcard cgi/*/*.c))
LIB_OBJ = $(LIB_SRC:cgi/%.c=$(B)/obj/%.o)
SRV_OBJ = $(patsubst cgi/%.c,$(B)/obj/%.o,$(wildcard cgi/server/*.c))
CLI_OBJ = $(patsubst cgi/%.c,$(B)/obj/%.o,$(wildcard cgi/cli/*.c)) $(B)/obj/server/routes.o
HDRS    = $(wildcard cgi/*/*.h)
UNIT    = $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/test_*.c))

all: $(B)/mogamid $(B)/mogamictl $(UNIT)

$(B)/obj/%.o: cgi/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The include rules (scripts/layers.sh): a violation fails the build here,
# before anything is archived or linked.
$(B)/layers.ok: scripts/layers.sh $(wildcard cgi/*/*.[ch] cgi/*)
	@mkdir -p $(B)
	@scripts/layers.sh
	@touch $@

$(B)/libmogami.a: $(LIB_OBJ) $(B)/layers.ok
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(B)/mogamid: $(SRV_OBJ) $(B)/libmogami.a
	$(CC) $(LDFLAGS) -o $@ $(SRV_OBJ) $(B)/libmogami.a $(LDLIBS)

$(B)/mogamictl: $(CLI_OBJ) $(B)/libmogami.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libmogami.a $(LDLIBS)

$(B)/test_%: tests/unit/test_%.c tests/unit/t.h $(B)/libmogami.a
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libmogami.a $(LDLIBS)

deps:
	@scripts/deps.sh
	@scripts/npm-deps.sh
	@scripts/pdfjs.sh

# One compiler per core: a fresh clone (CI) builds in half the time on two cores.
build: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all

# The development instance on https://localhost:$(PORT).
run: build
	@scripts/instance.sh up $(VAR) $(PORT)

stop:
	@scripts/instance.sh down $(VAR) 2>/dev/null; \
	 scripts/instance.sh down $(VAR)/test 2>/dev/null; \
	 scripts/cluster.sh down $(VAR)/cluster 2>/dev/null; true

# A separate instance under var/test on its own port; never touches `make run`'s.
test: build
	@scripts/test.sh $(VAR)/test $(TEST_PORT)

# Three Galera nodes, two worker pools and nginx over both (var/cluster, CLUSTER_PORT):
# the integration suite, then a node and a pool killed under write load. Not in `make test`.
# `make test-cluster QUICK=1` skips the integration suite (about a minute).
test-cluster: build
	@QUICK=$(QUICK) scripts/test-cluster.sh $(VAR)/cluster $(CLUSTER_PORT)

unit: all
	@scripts/unit.sh build

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer, built apart in build-san.
san: deps
	@$(MAKE) --no-print-directory all B=build-san \
	  HARDEN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined"
	@scripts/unit.sh build-san

# A worker under valgrind for a batch of requests (see scripts/valgrind.sh).
valgrind: build
	@scripts/valgrind.sh $(VAR)/vg $$(($(TEST_PORT) + 1))

# Every fuzz driver for FUZZ_SECS seconds (clang, libFuzzer, ASan+UBSan).
FUZZ_SECS = 30
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECS)

# The security suite (docs/security.md) in full on its own instance (TEST_PORT+4, and +5, +3, +2 beside it): every
# attack, make fuzz, valgrind for 10,000 requests; rewrites tests/SECURITY-RESULTS.md.
ATTACK_PORT = $$(($(TEST_PORT) + 4))
attack: build
	@FUZZ_SECS=$(FUZZ_SECS) scripts/attack.sh $(VAR)/attack $(ATTACK_PORT)
# A production install (docs/operations.md). DESTDIR for packaging
# and for tests/install/check.sh; the configuration is installed as a sample only.
PREFIX     = /usr/local
SYSCONFDIR = /etc
SBINDIR    = $(PREFIX)/sbin
SHAREDIR   = $(PREFIX)/share/mogami
UNITDIR    = $(PREFIX)/lib/systemd/system
SUBST      = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SHAREDIR@|$(SHAREDIR)|g' \
             -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'
D          = $(DESTDIR)

install: all
	install -d $(D)$(SBINDIR) $(D)$(SHAREDIR)/migrations $(D)$(SHAREDIR)/nginx \
	  $(D)$(UNITDIR) $(D)$(PREFIX)/lib/sysusers.d $(D)$(PREFIX)/lib/tmpfiles.d \
	  $(D)$(SYSCONFDIR)/mogami/tls $(D)$(SYSCONFDIR)/nginx/sites-available
	install -m 0755 $(B)/mogamid $(B)/mogamictl $(D)$(SBINDIR)/
	cp -R templates static $(D)$(SHAREDIR)/
	install -m 0644 db/migrations/*.sql $(D)$(SHAREDIR)/migrations/
	install -m 0644 nginx/fastcgi.conf nginx/headers.conf $(D)$(SHAREDIR)/nginx/
	install -m 0644 README $(D)$(SHAREDIR)/README
	install -d $(D)$(SHAREDIR)/docs
	install -m 0644 docs/*.md $(D)$(SHAREDIR)/docs/
	$(SUBST) dist/mogamid.service.in >$(D)$(UNITDIR)/mogamid.service
	$(SUBST) dist/mogami-scheduler.service.in >$(D)$(UNITDIR)/mogami-scheduler.service
	install -m 0644 dist/sysusers.conf $(D)$(PREFIX)/lib/sysusers.d/mogami.conf
	install -m 0644 dist/tmpfiles.conf $(D)$(PREFIX)/lib/tmpfiles.d/mogami.conf
	$(SUBST) dist/mogami.conf.in >$(D)$(SYSCONFDIR)/mogami/mogami.conf.sample
	$(SUBST) dist/nginx-mogami.conf.in >$(D)$(SYSCONFDIR)/nginx/sites-available/mogami
	@echo "installed; next steps: $(SHAREDIR)/docs/operations.md"

# Leaves the configuration (mogami.conf, tls/) and the data (/var/lib/mogami).
uninstall:
	rm -f $(D)$(SBINDIR)/mogamid $(D)$(SBINDIR)/mogamictl
	rm -rf $(D)$(SHAREDIR)
	rm -f $(D)$(UNITDIR)/mogamid.service $(D)$(UNITDIR)/mogami-scheduler.service
	rm -f $(D)$(PREFIX)/lib/sysusers.d/mogami.conf $(D)$(PREFIX)/lib/tmpfiles.d/mogami.conf
	rm -f $(D)$(SYSCONFDIR)/mogami/mogami.conf.sample
	rm -f $(D)$(SYSCONFDIR)/nginx/sites-available/mogami

# make install into a throwaway DESTDIR, then check the tree, the units and the site file.
test-install: all
	@tests/install/check.sh

clean-build:
	rm -rf build build-san build-fuzz

clean: stop clean-build
	rm -rf $(VAR)

.PHONY: all deps build run stop test test-cluster install uninstall test-install unit san valgrind fuzz attack bench clean clean-build

# The benchmark (docs/benchmarks.md): its own instance under $(VAR)/bench-instance on
# BENCH_PORT, a generated region, every scenario at 1, 8 and 32 connections
# against the nginx and FastCGI ceilings; not part of `make test`.
BENCH_PORT = 8560
$(B)/loadgen: tests/bench/loadgen.c
	@mkdir -p $(B)
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) -o $@ tests/bench/loadgen.c \
	  $$(pkg-config --cflags --libs openssl) -lpthread

bench: build $(B)/loadgen
	@tests/bench/bench.sh $(VAR)/bench-instance $(BENCH_PORT)

.PHONY: bench
