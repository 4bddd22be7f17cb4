#!/usr/bin/env bash
# make bench, the console's part: what it costs over a slow link and with a
# large caseload. Runs the real binary in a private tmux server, records
# every byte it writes to the terminal (tmux pipe-pane) and the time it
# takes to handle each key (PARCOURS_TRACE_KEYS: from the key read to the
# screen update handed to the terminal, in microseconds), and prints a
# markdown table. Figures are measured in this run, never typed in. The
# console runs in English so that the script does not depend on the
# catalogue; the French screens have the same layout.
#
#   bench/tui_bytes.sh [PARCOURS_BIN]      (default build/parcours)
#   BENCH_PARTICIPANTS=100000 (default)    size of the search database
#   BENCH_DB=FILE                          reuse (or build once) that database
#   BENCH_TERM=xterm-256color (default)    terminal type the console writes for
set -eu
BIN=${1:-${PARCOURS_BIN:-build/parcours}}
HERE=$(cd "$(dirname "$0")/.." && pwd)
FORMS=${PARCOURS_FORMS:-$HERE/forms}
N=${BENCH_PARTICIPANTS:-100000}
BENCH_DB=${BENCH_DB:-$(dirname "$BIN")/bench-tui-$N.db}
TERMTYPE=${BENCH_TERM:-xterm-256color}
command -v tmux >/dev/null || { echo "tui_bytes: tmux is needed" >&2; exit 1; }
[ -x "$BIN" ] || { echo "tui_bytes: no binary at $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

T=$(mktemp -d)
RUN=0
SOCK="parcours-bench-$$-$RUN"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME=$T TMUX_TMPDIR=$T TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= PARCOURS_FORMS=$FORMS
export PARCOURS_TODAY=2026-03-15
unset NO_COLOR

screen() { tm capture-pane -p -t pc; }
wait_for() {
	local i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 400 ]; then
			echo "tui_bytes: \"$1\" never appeared:" >&2
			screen >&2
			exit 1
		fi
		sleep 0.05
	done
}
# wait_line A B: a line of the screen holds both A and B
wait_line() {
	local i=0
	while ! screen | grep -F -- "$1" | grep -qF -- "$2"; do
		i=$((i + 1))
		if [ $i -gt 400 ]; then
			echo "tui_bytes: no line with \"$1\" and \"$2\":" >&2
			screen >&2
			exit 1
		fi
		sleep 0.05
	done
}
size() { stat -c %s "$T/bytes"; }
# the byte count once the terminal output has stopped growing
settled() {
	local a b
	a=$(size)
	while :; do
		sleep 0.1
		b=$(size)
		[ "$a" = "$b" ] && break
		a=$b
	done
	echo "$a"
}
# start DB [KEYTRACE]: the console at 80x24, its output recorded
start() {
	tm kill-server 2>/dev/null || true
	# a new server each time: the old one may still be shutting down
	RUN=$((RUN + 1))
	SOCK="parcours-bench-$$-$RUN"
	: >"$T/bytes"
	tm new-session -d -s pc -x 80 -y 24 \
		"exec env TERM=$TERMTYPE PARCOURS_DB='$1' PARCOURS_TRACE_KEYS='${2:-}' '$BIN' --lang en"
	tm pipe-pane -o -t pc "cat >> '$T/bytes'"
}

# ---- bytes, on a small database ----
DB=$T/small.db
"$BIN" --db "$DB" init >/dev/null
"$BIN" --db "$DB" participant add --set family_name=Tremblay --set given_name=Gérald \
	--set birth_date=1971-11-30 --set consent_date=2026-03-15 --set consent_sharing=oui >/dev/null
start "$DB"
wait_for "Tremblay, Gérald"
b0=$(settled)

tm send-keys -t pc IC
wait_for "> Family name"
b1=$(settled)
open_intake=$((b1 - b0))

NAME="Côté-Tremblay Élodie" # 20 characters
typed=""
for ((i = 0; i < ${#NAME}; i++)); do
	c=${NAME:i:1}
	typed=$typed$c
	x0=$(tm display -p -t pc '#{cursor_x}')
	tm send-keys -t pc -l -- "$c"
	# a trailing space is not in a capture: wait for the cursor instead
	while [ "$(tm display -p -t pc '#{cursor_x}')" = "$x0" ]; do sleep 0.02; done
	wait_for ": ${typed% }"
done
b2=$(settled)
type_keys=$((b2 - b1))

tm send-keys -t pc Tab
wait_for "> Given name"
b3=$(settled)
next_field=$((b3 - b2))

tm send-keys -t pc -l -- "$NAME"
wait_line "Given name" "$NAME"
b4=$(settled)
type_paste=$((b4 - b3))

tm send-keys -t pc Escape d
wait_for "Tremblay, Gérald"
settled >/dev/null
tm send-keys -t pc Enter
wait_for "File 2026-0001"
b5=$(settled)
tm send-keys -t pc Enter
wait_line "> Family name" "Tremblay"
b6=$(settled)
open_saved=$((b6 - b5))
tm send-keys -t pc Escape
wait_for "File 2026-0001"
b7=$(settled)
back_file=$((b7 - b6))
tm send-keys -t pc Escape
wait_for "Ins New intake"
settled >/dev/null
b8=$(settled)
tm send-keys -t pc -l t
wait_for "Search: t"
b9=$(settled)
search_key_small=$((b9 - b8))

# ---- search at N participants ----
if [ ! -s "$BENCH_DB" ]; then
	echo "tui_bytes: building $N participants in $BENCH_DB (once; a few minutes)..." >&2
	"$BIN" --db "$BENCH_DB" demo --participants "$N" >/dev/null
fi
count=$("$BIN" --db "$BENCH_DB" participant find --limit 100000 "" | wc -l)
start "$BENCH_DB" "$T/trace"
wait_for "Search:"
first_screen=$(awk '$1 == "start" {print $3; exit}' "$T/trace")
wait_for "Ins New intake"
lines() { wc -l <"$T/trace" 2>/dev/null || echo 0; }
n0=$(lines)
keys_sent=0
for q in tremblay gagnon "cote el" roy 2026-01; do
	for ((i = 0; i < ${#q}; i++)); do
		before=$(lines)
		tm send-keys -t pc -l -- "${q:i:1}"
		keys_sent=$((keys_sent + 1))
		k=0
		while [ "$(lines)" -le "$before" ] && [ $k -lt 400 ]; do
			sleep 0.02
			k=$((k + 1))
		done
	done
	tm send-keys -t pc C-u
	k=0
	before=$(lines)
	while [ "$(lines)" -le "$before" ] && [ $k -lt 400 ]; do sleep 0.02; k=$((k + 1)); done
done
# one line per key handled while searching: "list KEYS MICROSECONDS"
tail -n +"$((n0 + 1))" "$T/trace" | awk '$1 == "list" && $2 == 1 {print $3}' | sort -n >"$T/us"
samples=$(wc -l <"$T/us")
pick() { sed -n "$1p" "$T/us"; }
med=$(pick $(((samples + 1) / 2)))
p90=$(pick $(((samples * 9 + 9) / 10)))
max=$(tail -1 "$T/us")
ms() { awk -v u="$1" 'BEGIN { printf "%.1f ms", u / 1000 }'; }

# BENCH_ROWS_ONLY=1 (make bench): only the rows, which continue the table
# that parcours_bench printed, so make bench shows one table
if [ -z "${BENCH_ROWS_ONLY:-}" ]; then
	echo
	echo "### Console ($TERMTYPE, 80x24; bytes written to the terminal, measured with tmux pipe-pane)"
	echo
	echo "| measure | value |"
	echo "| --- | --- |"
fi
echo "| console ($TERMTYPE, 80x24): open a new intake form, bytes to the terminal | $open_intake bytes |"
echo "| type a 20-character name (\"$NAME\", 23 bytes of UTF-8), key by key | $type_keys bytes ($(awk -v b="$type_keys" 'BEGIN { printf "%.1f", b / 20 }') a key) |"
echo "| the same 20 characters pasted at once | $type_paste bytes |"
echo "| move to the next field (Tab) | $next_field bytes |"
echo "| open a saved form from a file | $open_saved bytes |"
echo "| back from the form to the file | $back_file bytes |"
echo "| one key in the search field (results change), 1 participant | $search_key_small bytes |"
echo "| start to first screen (forms loaded, database opened, list drawn), $count participants | $(ms "$first_screen") |"
echo "| keystroke to updated search results, $count participants: median | $(ms "$med") |"
echo "| same: 90th percentile / worst of $samples keys | $(ms "$p90") / $(ms "$max") |"
if [ -z "${BENCH_ROWS_ONLY:-}" ]; then
	echo
	echo "Search timing: PARCOURS_TRACE_KEYS logs, per key, the time from the key read"
	echo "to the updated screen handed to the terminal: pc_search with one result per"
	echo "visible line, the hours of the month of rows not seen yet, drawing, doupdate."
	echo "Terminal and network delay are not included."
fi
