# The two README commands (make run, make check) and a few more, wrapping
# CMake. Packages are installed with apt-get when missing (as root, or with
# sudo when available).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= $(BUILD)/demo.db
DEMO_N     ?= 300
PACKAGES    = build-essential cmake pkg-config libsqlite3-dev libyaml-dev libncurses-dev nettle-dev \
              gettext tmux sqlite3 clang locales
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run check test asan bench install format fuzz crash clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# a French locale, so the tests can check that one does not change stored numbers
	@locale -a 2>/dev/null | grep -qi '^fr_CA.utf-\?8$$' || \
	  $(SUDO) localedef -i fr_CA -f UTF-8 fr_CA.UTF-8

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

run: build
	@[ -f $(DEMO_DB) ] || { $(BUILD)/parcours --db $(DEMO_DB) init && \
	  $(BUILD)/parcours --db $(DEMO_DB) --forms forms demo --participants $(DEMO_N); }
	$(BUILD)/parcours --db $(DEMO_DB) --forms forms

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARCOURS_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)

check: test asan

# the crash test's long run: 1,000 kills (ctest runs 200)
crash: build
	SRC=$(CURDIR) PARCOURS_CRASH_ITERATIONS=1000 $(BUILD)/test_crash

FUZZ_BUILD ?= build-fuzz
FUZZ_TIME  ?= 300
# libFuzzer runs of every target, FUZZ_TIME seconds each, starting from the
# committed seeds; new inputs go to $(FUZZ_BUILD)/corpus-NAME.
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARCOURS_SANITIZE=ON \
	  -DPARCOURS_FUZZ=ON -DPARCOURS_WERROR=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_form fuzz_answers fuzz_values
	mkdir -p $(FUZZ_BUILD)/corpus-form $(FUZZ_BUILD)/corpus-answers $(FUZZ_BUILD)/corpus-values
	$(FUZZ_BUILD)/fuzz_form -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=1024 $(FUZZ_BUILD)/corpus-form forms tests/forms/bad tests/forms/good \
	  tests/fuzz/corpus/form
	$(FUZZ_BUILD)/fuzz_answers -max_total_time=$(FUZZ_TIME) -timeout=10 \
	  $(FUZZ_BUILD)/corpus-answers tests/fuzz/corpus/answers
	$(FUZZ_BUILD)/fuzz_values -max_total_time=$(FUZZ_TIME) -timeout=10 \
	  $(FUZZ_BUILD)/corpus-values tests/fuzz/corpus/values

bench: build
	$(BUILD)/parcours_bench --forms forms $(BENCH_ARGS)
	BENCH_ROWS_ONLY=1 BENCH_DB=$(CURDIR)/bench-100000.db bash bench/tui_bytes.sh $(BUILD)/parcours

install: build
	cmake --install $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
