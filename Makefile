# The two README commands (make run, make check) and a few more, wrapping
# CMake. Packages are installed with apt-get when missing (as root, or with
# sudo when available).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= $(BUILD)/demo.db
DEMO_N     ?= 300
PACKAGES    = build-essential cmake pkg-config libsqlite3-dev libyaml-dev libncurses-dev nettle-dev libsodium-dev \
              gettext tmux sqlite3 clang locales openssh-client openssh-server strace time
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run check test asan bench install install-shared format fuzz crash clean

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
	@# dialog's start is printed beside parcours's; a database of an older
	@# schema is brought up to date first (the console opens none that is not)
	@command -v dialog >/dev/null || $(SUDO) apt-get install -y -qq dialog >/dev/null || \
	  echo "bench: dialog could not be installed; its row says so"
	@for db in bench-500000.db bench-report-10000.db; do [ ! -f $$db ] || \
	  $(BUILD)/parcours --db $$db --forms forms init >/dev/null || exit 1; done
	$(BUILD)/parcours_bench --forms forms $(BENCH_ARGS)
	BENCH_ROWS_ONLY=1 BENCH_DB=$(CURDIR)/bench-100000.db bash bench/tui_bytes.sh $(BUILD)/parcours
	$(BUILD)/parcours_bench_start --label " (100000 participants)" $(BUILD)/parcours --db $(CURDIR)/bench-100000.db --forms forms
	bash bench/bench_reports.sh $(BUILD)/parcours forms $(CURDIR)/bench-report-10000.db $(CURDIR)/bench-100000.db
	bash bench/bench_memory.sh $(BUILD)/parcours forms $(CURDIR)/bench-100000.db $(CURDIR)/bench-500000.db
	BENCH_DB=$(CURDIR)/bench-100000.db bash bench/sync.sh $(BUILD)/parcours

install: build
	cmake --install $(BUILD)

# A shared install for an office (README, parcours(1) SHARED INSTALLATION):
# the binary setgid SHARED_GROUP, the data folder and database the group's
# alone, forms read-only, a configuration file naming them. Users are not
# added to the group, so only parcours opens the database. The binary is
# built in SHARED_BUILD with CONF compiled in: it is the only file it reads.
# Run it again to upgrade the binary and forms: it never changes the
# configuration file, the roles or the data. With DESTDIR (packaging) the
# group, ownerships and the database are left to the target machine.
PREFIX       ?= /usr/local
SHARED_GROUP ?= parcours
DATA_DIR     ?= /var/lib/parcours
CONF         ?= /etc/parcours.conf
FORMS_DIR    ?= $(PREFIX)/share/parcours/forms
MAN_DIR      ?= $(PREFIX)/share/man
SITE         ?= main
SHARED_BUILD ?= build-shared
# who becomes the first administrator: the user behind sudo, else the caller
INSTALLER_UID ?= $(or $(SUDO_UID),$(shell id -u))
INSTALLER_GID ?= $(or $(SUDO_GID),$(shell id -g))

install-shared:
	cmake -S . -B $(SHARED_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DPARCOURS_CONFIG_PATH=$(CONF)
	cmake --build $(SHARED_BUILD) -j$(JOBS) --target parcours
	@set -e; D='$(DESTDIR)'; G='$(SHARED_GROUP)'; \
	if [ -z "$$D" ]; then \
	  getent group "$$G" >/dev/null || groupadd --system "$$G"; \
	  own_g="-o root -g $$G"; own_r="-o root -g root"; \
	else own_g=; own_r=; fi; \
	install -d -m 0755 "$$D$(PREFIX)/bin" "$$D$(FORMS_DIR)" "$$D$(MAN_DIR)/man1" \
	  "$$D$(MAN_DIR)/man5" "$$D$$(dirname '$(CONF)')"; \
	install -m 2755 $$own_g $(SHARED_BUILD)/parcours "$$D$(PREFIX)/bin/parcours"; \
	install -m 0644 $$own_r forms/*.yaml "$$D$(FORMS_DIR)/"; \
	chmod 0755 "$$D$(FORMS_DIR)"; \
	install -m 0644 $$own_r man/parcours.1 "$$D$(MAN_DIR)/man1/"; \
	install -m 0644 $$own_r man/parcours-forms.5 "$$D$(MAN_DIR)/man5/"; \
	install -d -m 2770 $$own_g "$$D$(DATA_DIR)"; \
	if [ -e "$$D$(CONF)" ]; then echo "$(CONF) kept as it is"; else \
	  { echo "# parcours: the shared installation (parcours(1), SHARED INSTALLATION)"; \
	    echo "database = $(DATA_DIR)/parcours.db"; \
	    echo "forms = $(FORMS_DIR)"; \
	    echo "site = $(SITE)"; } >"$$D$(CONF).new"; \
	  chmod 0644 "$$D$(CONF).new"; mv "$$D$(CONF).new" "$$D$(CONF)"; \
	  if [ -z "$$D" ]; then chown root:root "$(CONF)"; fi; \
	fi; \
	if [ -n "$$D" ]; then \
	  echo "DESTDIR: on the target, create the group $$G, chgrp $$G $(PREFIX)/bin/parcours" \
	       "(chmod 2755) and $(DATA_DIR) (chmod 2770), then run parcours init as the first admin"; \
	elif [ -e "$(DATA_DIR)/parcours.db" ]; then \
	  echo "$(DATA_DIR)/parcours.db kept as it is (run parcours init as an admin to upgrade it)"; \
	else \
	  if [ "$$(id -u)" = 0 ] && [ "$(INSTALLER_UID)" != 0 ]; then \
	    setpriv --reuid=$(INSTALLER_UID) --regid=$(INSTALLER_GID) --clear-groups \
	      "$(PREFIX)/bin/parcours" init; \
	  else "$(PREFIX)/bin/parcours" init; fi; \
	  chown root:"$$G" "$(DATA_DIR)/parcours.db"; chmod 0660 "$(DATA_DIR)/parcours.db"; \
	fi

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
