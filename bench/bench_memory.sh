#!/bin/bash
# `make bench` sweep of peak memory (issue 16): the maximum resident set
# (/usr/bin/time -f %M, the child's own getrusage) of every command of
# parcours(1) that reads many rows, on copies of the big databases, one row
# per command, against the goal of 8 MiB. Figures are measured here.
# Usage: bench_memory.sh PARCOURS_BINARY FORMS DB... (each DB is copied).
set -u
BIN=$1 FORMS=$2
shift 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC PARCOURS_TODAY=2026-11-15
GOAL=8192 # KiB
me=$(id -un)
dbs=() names=()
for src in "$@"; do
	[ -f "$src" ] || continue
	i=${#dbs[@]}
	cp "$src" "$T/db$i.db" && "$BIN" --db "$T/db$i.db" --forms "$FORMS" init >/dev/null || exit 1
	"$BIN" --db "$T/db$i.db" --forms "$FORMS" staff role "$me" admin,supervisor,counsellor >/dev/null 2>&1
	"$BIN" --db "$T/db$i.db" --forms "$FORMS" sync keygen --site BIG >/dev/null 2>&1
	# a big caseload for sync init and due: one person in 50 (2,000 at 100k)
	sqlite3 "$T/db$i.db" "UPDATE participant SET counsellor = '$me' WHERE id % 50 = 7"
	dbs+=("$T/db$i.db")
	names+=("$(sqlite3 "$T/db$i.db" 'SELECT count(*) FROM participant') participants")
done
[ ${#dbs[@]} -gt 0 ] || { echo "bench_memory.sh: no database" >&2; exit 2; }

# peak DB ARGS...: KiB at the peak of one command on DB (output discarded)
peak() {
	local db=$1
	shift
	/usr/bin/time -f %M -o "$T/peak" "$BIN" --db "$db" --forms "$FORMS" "$@" >"$T/out" 2>"$T/err"
	tail -n 1 "$T/peak"
}
over=0
# row LABEL [(NOTE)] ARGS...: one table row, the command on every database
row() {
	local label=$1 line note=""
	shift
	case $1 in "("*) note=" $1" && shift ;; esac
	line="| peak memory: \`parcours ${label}\`${note} |"
	for db in "${dbs[@]}"; do
		local k
		k=$(peak "$db" "$@")
		line+=" $(awk -v k="$k" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
		[ "$k" -gt "$GOAL" ] && { line+=" **over**"; over=$((over + 1)); }
		line+=" |"
	done
	echo "$line"
}
f=$(sqlite3 "${dbs[0]}" "SELECT p.file_no FROM participant p JOIN revision r ON r.participant_id = p.id
 GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1")
header="| command (goal ≤ 8 MiB) |"
for n in "${names[@]}"; do header+=" $n |"; done
echo "$header"
echo "|---|$(printf -- '---|%.0s' "${names[@]}")"
row "participant find --limit 100000" participant find --limit 100000
row "participant find --limit 100000 2026" participant find --limit 100000 2026
row "participant find --limit 100000 a" participant find --limit 100000 a
row "participant find 2026" participant find 2026
nrev=$(sqlite3 "${dbs[0]}" "SELECT count(*) FROM revision r JOIN participant p ON p.id = r.participant_id
 WHERE p.file_no = '$f'")
# a person with the median number of saved revisions
g=$(sqlite3 "${dbs[0]}" "SELECT p.file_no FROM participant p JOIN revision r ON r.participant_id = p.id
 GROUP BY p.id ORDER BY count(*), p.id LIMIT 1 OFFSET (SELECT count(DISTINCT participant_id) / 2 FROM revision)")
row "show FILE_NO" "(the most revisions: $nrev)" show "$f"
row "show FILE_NO --json" "(the most revisions)" show "$f" --json
row "export-person FILE_NO --json" "(the most revisions)" export-person "$f" --json
row "show FILE_NO" "(a median person)" show "$g"
row "export-person FILE_NO --json" "(a median person)" export-person "$g" --json
for form in intake profile participation followup plan skills; do
	row "export $form --csv" export "$form" --csv
done
row "export intake --json" export intake --json
row "export participation --json" export participation --json
row "report month 2026-06" report month 2026-06
row "report month 2026-06 --csv" report month 2026-06 --csv
row "report month 2026-06 --json" report month 2026-06 --json
row "report below 2026-06" report below 2026-06
row "report below 2026-06 --json" report below 2026-06 --json
row "report year 2026" report year 2026
row "report year 2026 --json" report year 2026 --json
row "report activity 2026" report activity 2026
row "report activity 2026 --csv" report activity 2026 --csv
row "report activity 2026 --json" report activity 2026 --json
row "report ami 2026-06" report ami 2026-06
row "check" check
row "check --json" check --json
row "audit" audit
row "audit --csv" audit --csv
row "audit verify" audit verify
row "staff list" staff list
row "due --counsellor $me --within 365" due --counsellor "$me" --within 365
row "due --counsellor $me --json" due --counsellor "$me" --json
row "forms check" forms check
# sync: a laptop copy of the caseload, then its changes sent back
line="| peak memory: \`parcours sync init\` / \`sync export\` / \`sync import\`, caseload of one in 50 |"
for db in "${dbs[@]}"; do
	rm -f "$T/lap.db"*
	a=$(peak "$T/lap.db" sync init "$db" --site LAP)
	"$BIN" --db "$T/lap.db" --forms "$FORMS" submit profile "$f" --set wellbeing=3 >/dev/null 2>&1
	b=$(peak "$T/lap.db" sync export "$T/up.sync")
	c=$(peak "$db" sync import "$T/up.sync")
	line+=" $(awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { printf "%.1f / %.1f / %.1f MiB", a / 1024, b / 1024, c / 1024 }')"
	for k in "$a" "$b" "$c"; do [ "$k" -gt "$GOAL" ] && { line+=" **over**"; over=$((over + 1)); break; }; done
	line+=" |"
done
echo "$line"
echo "| commands over 8 MiB in this sweep | $over |"
