#!/usr/bin/env bash
# make bench: sync of 1,000 changes each way between an office and a laptop
# copy (each change one saved form, so one changeset), and a laptop copy of
# the 100,000-participant database when BENCH_DB names one, then a sync
# bringing it 300 people newly assigned at the office. Prints the
# wall time of each step (export, import), measured here with date +%s%N.
set -euo pipefail
BIN=${1:?usage: sync.sh PARCOURS_BIN}
N=${SYNC_CHANGES:-1000}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export PARCOURS_FORMS=${PARCOURS_FORMS:-forms} PARCOURS_TODAY=2026-03-15 LANGUAGE=en
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
O=$W/office.db L=$W/laptop.db
"$BIN" --db "$O" init >/dev/null
"$BIN" --db "$O" demo --participants 200 >/dev/null
"$BIN" --db "$O" sync keygen --site BUR >/dev/null
mapfile -t files < <(sqlite3 "$O" "SELECT file_no FROM participant ORDER BY file_no LIMIT 100")
# the laptop holds its login's caseload: the second 50 people
me=$(id -un)
"$BIN" --db "$O" staff role "$me" admin,supervisor,counsellor >/dev/null
for ((i = 50; i < 100; i++)); do "$BIN" --db "$O" assign "${files[$i]}" "$me" >/dev/null; done
"$BIN" --db "$L" sync init "$O" --site RN 2>/dev/null
# N changes on each side, all about the laptop's people: office on 25 of
# them, laptop on the 25 others (the same form on both sides is a conflict,
# measured by the tests, not here)
for ((i = 0; i < N; i++)); do
	f=${files[$((75 + i % 25))]} g=${files[$((50 + i % 25))]}
	echo "submit profile $f --set wellbeing=$((i % 9 + 1))"
	echo "submit profile $g --set wellbeing=$(((i + 3) % 9 + 1))" >&3
done >"$W/office.cmds" 3>"$W/laptop.cmds"
while read -r line; do "$BIN" --db "$O" $line >/dev/null 2>&1; done <"$W/office.cmds"
while read -r line; do "$BIN" --db "$L" $line >/dev/null 2>&1; done <"$W/laptop.cmds"
t=$(date +%s%N); "$BIN" --db "$L" sync export "$W/up.sync" 2>/dev/null; e1=$(ms "$t")
t=$(date +%s%N); "$BIN" --db "$O" sync import "$W/up.sync" 2>"$W/r1"; i1=$(ms "$t")
t=$(date +%s%N); "$BIN" --db "$O" sync export "$W/down.sync" --to RN 2>/dev/null; e2=$(ms "$t")
t=$(date +%s%N); "$BIN" --db "$L" sync import "$W/down.sync" 2>"$W/r2"; i2=$(ms "$t")
printf 'sync laptop->office: %s changes, %s bytes: export %s ms, import %s ms (%s)\n' "$N" \
	"$(stat -c %s "$W/up.sync")" "$e1" "$i1" "$(tr -d '\n' <"$W/r1")"
printf 'sync office->laptop: %s bytes: export %s ms, import %s ms (%s)\n' \
	"$(stat -c %s "$W/down.sync")" "$e2" "$i2" "$(tr -d '\n' <"$W/r2")"
if [ -n "${BENCH_DB:-}" ] && [ -f "$BENCH_DB" ]; then
	cp "$BENCH_DB" "$W/big.db"
	"$BIN" --db "$W/big.db" init >/dev/null # an older schema migrates
	"$BIN" --db "$W/big.db" sync keygen --site BIG >/dev/null
	"$BIN" --db "$W/big.db" staff role "$me" admin,supervisor,counsellor >/dev/null
	# a caseload of 300, spread over the file
	sqlite3 "$W/big.db" "SELECT file_no FROM participant WHERE id % 331 = 7 LIMIT 300" |
		while read -r f; do "$BIN" --db "$W/big.db" assign "$f" "$me" >/dev/null; done
	t=$(date +%s%N); "$BIN" --db "$W/copy.db" sync init "$W/big.db" --site LAP 2>/dev/null
	printf 'sync init from %s, a caseload of %s: %s ms, copy %s bytes\n' "$(basename "$BENCH_DB")" \
		"$(sqlite3 "$W/copy.db" 'SELECT count(*) FROM participant')" "$(ms "$t")" "$(stat -c %s "$W/copy.db")"
	# by USB key, nothing changed: the office's file for the laptop carries
	# its forms folder, the laptop's for the office none
	t=$(date +%s%N); "$BIN" --db "$W/big.db" sync export "$W/key-down.sync" --to LAP 2>/dev/null; e4=$(ms "$t")
	t=$(date +%s%N); "$BIN" --db "$W/copy.db" sync import "$W/key-down.sync" 2>/dev/null; i4=$(ms "$t")
	"$BIN" --db "$W/copy.db" sync export "$W/key-up.sync" 2>/dev/null
	printf 'sync by key, a caseload of 300, no change: office->laptop %s bytes (forms folder %s bytes), export %s ms, import %s ms; laptop->office %s bytes\n' \
		"$(stat -c %s "$W/key-down.sync")" "$(cat "$PARCOURS_FORMS"/*.yaml | wc -c)" "$e4" "$i4" \
		"$(stat -c %s "$W/key-up.sync")"
	# 300 more people assigned at the office after the copy: the next sync
	# brings them whole (sync_newcomers.c)
	sqlite3 "$W/big.db" "SELECT file_no FROM participant WHERE counsellor IS NOT '$me'
		ORDER BY substr(id, 9) LIMIT 300" | while read -r f; do "$BIN" --db "$W/big.db" assign "$f" "$me" >/dev/null; done
	t=$(date +%s%N); "$BIN" --db "$W/copy.db" sync 2>"$W/r3"; s3=$(ms "$t")
	printf 'sync bringing newly assigned people to the laptop: %s ms, %s people on it after (%s)\n' \
		"$s3" "$(sqlite3 "$W/copy.db" 'SELECT count(*) FROM participant')" \
		"$(grep -o '[0-9]* people newly assigned[^\n]*' "$W/r3" | tr -d '\n')"
fi
