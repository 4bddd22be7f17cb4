# An exchange in bounded memory (issue 16): a laptop's big months (48
# participation months of 200 attendances with a 190-character detail, a
# 2.4 MB exchange file) travel by `sync export` / `sync import`. The file
# used to be held four times on the way out (the changes, the plain text,
# the sealed copy, buffers grown by doubling) and three on the way in (read
# by doubling, then decrypted into a copy): 9.3 and 7.8 MB more than the
# same command with nothing to send. Each side now holds it once, and must
# grow by less than 5 and 6 MB. The office must hold what the laptop typed.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db KEY=$T/usb
mkdir -p "$KEY"
ME=$(id -un)
peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $? $(cat "$T/err")" >&2
	cat "$T/peak"
}
PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
people=()
for i in 1 2 3 4 5 6 7 8; do
	intake "Mémoire$i" Léa 1985-03-0$i
	people+=("$(cat "$T/out")")
	expect 0 assign "${people[-1]}" "$ME"
	expect 0 enrol "${people[-1]}" paas_action --start 2025-09-02
done
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
# the baselines: an exchange with nothing in it, each way
out0=$(peak --db "$L" sync export "$KEY/empty.sync")
in0=$(peak sync import "$KEY/empty.sync")
# six heavy months for each person, typed on the laptop
for month in 2025-09 2025-10 2025-11 2025-12 2026-01 2026-02; do
	{
		printf '{"entries": ['
		for ((k = 0; k < 200; k++)); do
			[ "$k" = 0 ] || printf ','
			printf '{"date": "%s-%02d", "activity": "work", "hours": 1, "note": "%s"}' \
				"$month" $((5 + k % 20)) "$(printf '%0190d' "$k")"
		done
		printf '], "transport_costs": 0}'
	} >"$T/month-$month.json"
	for f in "${people[@]}"; do
		expect 0 --db "$L" submit participation "$f" --period "$month" --json "$T/month-$month.json"
	done
done
out1=$(peak --db "$L" sync export "$KEY/big.sync")
size=$(stat -c %s "$KEY/big.sync")
echo "sync export: ${out1} KB, with nothing to send ${out0} KB; the file ${size} bytes"
[ "$size" -gt 2000000 ] && ok || bad "the exchange is only $size bytes"
if [ $((out1 - out0)) -lt 5120 ]; then ok; else bad "sync export grew by $((out1 - out0)) KB"; fi
in1=$(peak sync import "$KEY/big.sync")
has "$T/err" "48 applied"
echo "sync import: ${in1} KB, with nothing to apply ${in0} KB"
if [ $((in1 - in0)) -lt 6144 ]; then ok; else bad "sync import grew by $((in1 - in0)) KB"; fi
# what the laptop typed is at the office, whole
same "$(sql "SELECT count(*) FROM revision WHERE form = 'participation'
	AND json_array_length(answers, '\$.entries') = 200")" 48 "(heavy months at the office)"
expect 0 check
finish
