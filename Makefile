# The two README commands (make run, make check) and a few more, wrapping
# CMake. Packages are installed with apt-get when missing (as root, or with
# sudo when available).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= $(BUILD)/demo.db
DEMO_N     ?= 300
PACKAGES    = build-essential cmake pkg-config libsqlite3-dev libyaml-dev libncurses-dev \
              gettext tmux sqlite3 clang
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run check test asan bench install format fuzz clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

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

bench: build
	$(BUILD)/parcours_bench --forms forms $(BENCH_ARGS)

install: build
	cmake --install $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
