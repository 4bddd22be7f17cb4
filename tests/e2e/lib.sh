# Shared by the console tests: the real binary in a private tmux server
# (its own socket, no config file, 80x24), a private database, and helpers
# that wait for text on the screen instead of sleeping a fixed time.
# Sourced by tests/e2e/test_*.sh, which ctest runs with PARCOURS_BIN and SRC.
set -u
: "${PARCOURS_BIN:?run through ctest (PARCOURS_BIN unset)}"
: "${SRC:?run through ctest (SRC unset)}"
command -v tmux >/dev/null || { echo "tmux is needed for the console tests" >&2; exit 1; }
T=$(mktemp -d)
SOCK="parcours-e2e-$$-$(basename "$0" .sh)"
# TMUX_TMPDIR: the server's socket goes away with the test's folder
export HOME=$T TMPDIR=$T TMUX_TMPDIR=$T TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export PARCOURS_DB=$T/parcours.db PARCOURS_FORMS=$SRC/forms PARCOURS_TODAY=2026-03-15
unset XDG_DATA_HOME NO_COLOR PARCOURS_TRACE_KEYS
TIMEOUT=${E2E_TIMEOUT:-10}
passed=0
failed=0

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
# end_console: hangs up the console's session and makes sure the process is
# gone: a sanitizer build whose terminal vanished was seen spinning in its
# exit-time leak check for an hour, taking a core from every later build.
end_console() {
	local p
	p=$(cat "$T/pid" 2>/dev/null)
	tm kill-session -t pc 2>/dev/null
	[ -n "$p" ] || return 0
	for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.02; done
	kill -9 "$p" 2>/dev/null
	return 0
}
cleanup() {
	end_console
	tm kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}
same() { if [ "$1" = "$2" ]; then ok; else bad "got '$1', expected '$2' ${3:-}"; fi; }

# pc CMD...: the command line on the test database; output in $T/out, $T/err, $rc
pc() {
	rc=0
	"$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || rc=$?
}
# intake FAMILY GIVEN BIRTH: a participant added from the command line
intake() {
	pc participant add --set family_name="$1" --set given_name="$2" --set birth_date="$3" \
		--set consent_date=2026-03-15 --set consent_sharing=oui \
		--set income_source=last_resort --set far_from_labour_market=oui \
		--set employment_barriers=oui
	[ "$rc" = 0 ] || { bad "intake $1 $2: $(cat "$T/err")"; }
}
# has_out TEXT / hasnt_out TEXT: the last pc output contains (or not) TEXT
has_out() { if grep -qF -- "$1" "$T/out"; then ok; else bad "output lacks: $1"; head -c 2000 "$T/out" >&2; echo >&2; fi; }

# start [ARGS...]: the console in a fresh session of WIDTHxHEIGHT (default
# 80x24); ENV may hold extra "NAME=value" words. A small script records the
# console's pid (it execs parcours) and, once it ends, its exit status, so
# the tests need not rely on tmux to reap it.
start() {
	local w=${WIDTH:-80} h=${HEIGHT:-24} args="" a
	end_console
	rm -f "$T/pid" "$T/rc"
	: >"$T/stderr"
	for a in "$@"; do args="$args '$a'"; done
	cat >"$T/run.sh" <<EOF
echo \$\$ >"$T/pid.tmp" && mv "$T/pid.tmp" "$T/pid"
exec env ${ENV:-} "$PARCOURS_BIN" $args 2>>"$T/stderr"
EOF
	tm new-session -d -s pc -x "$w" -y "$h" \
		"sh '$T/run.sh'; echo \$? >'$T/rc.tmp'; mv '$T/rc.tmp' '$T/rc'" \; \
		set-option -w -t pc remain-on-exit on
	local i=0
	while [ ! -s "$T/pid" ] && [ $i -lt 200 ]; do sleep 0.02; i=$((i + 1)); done
}
screen() { tm capture-pane -p -t pc; }
# keys KEY...: tmux key names (Enter, Tab, BTab, Escape, F2, C-s, Up...)
keys() { tm send-keys -t pc "$@"; }
# type TEXT: literal text, as typed
type_() { tm send-keys -t pc -l -- "$1"; }
console_pid() { cat "$T/pid"; }
cursor() { tm display -p -t pc '#{cursor_x},#{cursor_y}'; }
# line N: line N (0-based) of the screen
line() { screen | sed -n "$(($1 + 1))p"; }

# give_up: what follows a screen that never came would only time out too:
# show the screen and the console's stderr, and stop this test
give_up() {
	screen | sed 's/^/  | /' >&2
	[ -s "$T/stderr" ] && sed 's/^/  stderr: /' "$T/stderr" | head -20 >&2
	finish
	exit 1
}
# wait_for TEXT [SECONDS]: until TEXT is on the screen; a failure shows it
wait_for() {
	local t=${2:-$TIMEOUT} i=0
	while [ "$i" -lt $((t * 20)) ]; do
		if screen | grep -qF -- "$1"; then
			ok
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	bad "not on the screen after ${t}s: $1"
	give_up
}
# wait_gone TEXT: until TEXT has left the screen
wait_gone() {
	local i=0
	while [ "$i" -lt $((TIMEOUT * 20)) ]; do
		if ! screen | grep -qF -- "$1"; then
			ok
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	bad "still on the screen: $1"
	give_up
}
# key_until TEXT KEY [MAX]: presses KEY until TEXT is on the screen, one
# press at a time (each waits for the screen to change and settle), so a
# slow console cannot make the presses run past it
key_until() {
	local i=0 before
	while ! screen | grep -qF -- "$1" && [ "$i" -lt "${3:-12}" ]; do
		before=$(screen)
		keys "$2"
		for _ in $(seq 200); do [ "$(screen)" != "$before" ] && break; sleep 0.05; done
		settle
		i=$((i + 1))
	done
	wait_for "$1"
}
# settle: until the screen stops changing (after keys whose effect is an
# absence, e.g. a key that must be ignored)
settle() {
	local a b i=0
	a=$(screen)
	while [ "$i" -lt 40 ]; do
		sleep 0.05
		b=$(screen)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
}
# wait_exit: until the console has exited; its status in $exit_status
wait_exit() {
	local i=0
	exit_status=
	while [ "$i" -lt $((TIMEOUT * 20)) ]; do
		if [ -s "$T/rc" ]; then
			exit_status=$(cat "$T/rc")
			ok
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	bad "the console did not exit"
	give_up
}
# clean_exit: exited with status 0 and nothing on stderr (sanitizers included)
clean_exit() {
	wait_exit || return 1
	same "$exit_status" 0 "(exit status)"
	if [ -s "$T/stderr" ]; then
		bad "the console wrote on stderr:"
		head -40 "$T/stderr" >&2
	else
		ok
	fi
}
# line_of TEXT: the 0-based screen line where TEXT first appears (-1 if none)
line_of() {
	local n
	n=$(screen | grep -nF -- "$1" | head -1 | cut -d: -f1)
	echo $((${n:-0} - 1))
}
# matches EXPECTED_FILE: the screen equals a dump kept in tests/e2e/screens/
# (the login on the title line is replaced by LOGIN); E2E_REGEN=1 rewrites it
matches() {
	local want="$SRC/tests/e2e/screens/$1" got="$T/screen.txt"
	screen | sed 's/[[:space:]]*$//' | sed "1s/ $(id -un)\$/ LOGIN/" >"$got"
	if [ "${E2E_REGEN:-}" = 1 ]; then
		mkdir -p "$(dirname "$want")"
		cp "$got" "$want"
		ok
	elif diff -u "$want" "$got" >"$T/diff"; then
		ok
	else
		bad "screen differs from $1:"
		cat "$T/diff" >&2
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

pc init
[ "$rc" = 0 ] || { echo "parcours init failed: $(cat "$T/err")" >&2; exit 1; }

# add_objective TEXT: on the plan form's objectives (already in view), adds an
# objective TEXT in the living conditions domain, the person responsible;
# leaves the cursor on "Responsable".
add_objective() {
	keys +
	wait_for "> Objectif *"
	type_ "$1"
	keys Tab
	wait_for "> Domaine *"
	keys Enter
	wait_for "Conditions de vie (logement, revenu, transport)"
	keys Down Down Down Down Enter
	wait_for ": Conditions de vie"
	keys Tab Tab
	wait_for "> Responsable *"
	keys Space
	wait_for ": La personne"
}
