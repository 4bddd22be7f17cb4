# Out of memory (a low `ulimit -v`): whichever allocation fails, a command
# says "out of memory" on stderr and exits 3; never silence, never a disk
# error. The limits tried go from the lowest at which the binary starts to
# where the commands work, so every allocation on the way gets its turn.
. "$SRC/tests/cli/lib.sh"

expect 0 init
intake Côté Élisabeth 1985-03-02
expect 0 submit profile 2026-0001 --set wellbeing=5

starts() { (ulimit -v "$1"; "$PARCOURS_BIN" --lang en --help >/dev/null 2>&1); }
works() { (ulimit -v "$1"; "$PARCOURS_BIN" --lang en "${@:2}" >/dev/null 2>&1); }
if ! starts 4000000; then
	echo "the binary cannot run under a 4 GB address-space limit (a sanitizer build reserves more): nothing to test"
	finish
	exit $?
fi
# lowest limit at which the binary starts, and at which every command works
low=2000
while ! starts $low && [ $low -lt 200000 ]; do low=$((low + 250)); done
high=$low
while ! works $high show 2026-0001 && [ $high -lt 400000 ]; do high=$((high + 500)); done
while ! works $high submit profile 2026-0001 --set wellbeing=5 && [ $high -lt 400000 ]; do
	high=$((high + 500))
done
echo "binary starts at ulimit -v $low, commands work at $high"
step=$(((high - low) / 30 + 1))
tried=0 oom=0
for ((v = low; v <= high; v += step)); do
	for cmd in "participant find cote" "show 2026-0001" "export profile" \
		"submit profile 2026-0001 --set wellbeing=6"; do
		rc=0
		# shellcheck disable=SC2086
		(ulimit -v $v; exec "$PARCOURS_BIN" --lang en $cmd) >"$T/out" 2>"$T/err" || rc=$?
		[ $rc = 0 ] || [ $rc = 127 ] && continue # worked, or the loader failed
		tried=$((tried + 1))
		[ -s "$T/err" ] && ok || bad "ulimit -v $v: $cmd exited $rc with nothing on stderr"
		if grep -q "out of memory" "$T/err"; then oom=$((oom + 1)); fi
		hasnt "$T/err" "disk"
		hasnt "$T/err" "YAML syntax error: ?"
		# (reading --set, submit reports a failed allocation as a usage error,
		# exit 2, still saying out of memory: src/cli/answers.c)
		if [ $rc = 3 ] || { [ $rc = 2 ] && [ "${cmd%% *}" = submit ]; }; then ok; else
			bad "ulimit -v $v: $cmd exited $rc, expected 3"
		fi
	done
done
echo "$tried failed runs, $oom saying out of memory"
[ "$tried" -gt 0 ] && ok || bad "no limit between $low and $high made a command fail"
same "$oom" "$tried" "(runs saying out of memory)"
# and the database is intact
expect 0 show 2026-0001
finish
