# Makefile: build, run and test もがみネット. `make run` and `make test` do all set-up.
.POSIX:
.SUFFIXES:

CC      = cc
VAR     = var
PORT    = 8443
TEST_PORT = 8444
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

# Everything but the two programs' main files goes into one archive; unit tests
# link against it and pull in only what they use.
LIB_SRC = $(filter-out cgi/main.c cgi/mogamictl.c,$(wildcard cgi/*.c))
LIB_OBJ = $(LIB_SRC:cgi/%.c=$(B)/obj/%.o)
HDRS    = $(wildcard cgi/*.h)
UNIT    = $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/test_*.c))

all: $(B)/mogamid $(B)/mogamictl $(UNIT)

$(B)/obj/%.o: cgi/%.c $(HDRS)
	@mkdir -p $(B)/obj
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libmogami.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(B)/mogamid: $(B)/obj/main.o $(B)/libmogami.a
	$(CC) $(LDFLAGS) -o $@ $(B)/obj/main.o $(B)/libmogami.a $(LDLIBS)

$(B)/mogamictl: $(B)/obj/mogamictl.o $(B)/libmogami.a
	$(CC) $(LDFLAGS) -o $@ $(B)/obj/mogamictl.o $(B)/libmogami.a $(LDLIBS)

$(B)/test_%: tests/unit/test_%.c tests/unit/t.h $(B)/libmogami.a
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libmogami.a $(LDLIBS)

deps:
	@scripts/deps.sh

build: deps
	@$(MAKE) --no-print-directory all

# The development instance on https://localhost:$(PORT).
run: build
	@scripts/instance.sh up $(VAR) $(PORT)

stop:
	@scripts/instance.sh down $(VAR) 2>/dev/null; \
	 scripts/instance.sh down $(VAR)/test 2>/dev/null; true

# A separate instance under var/test on its own port; never touches `make run`'s.
test: build
	@scripts/test.sh $(VAR)/test $(TEST_PORT)

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

clean-build:
	rm -rf build build-san build-fuzz

clean: stop clean-build
	rm -rf $(VAR)

.PHONY: all deps build run stop test unit san valgrind fuzz clean clean-build

# The benchmark (issue 9): its own instance under $(VAR)/bench-instance on
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
