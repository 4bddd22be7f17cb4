# A sync killed half-way (kill -9) and run again. strace's fault injection
# sends SIGKILL at the Nth read or write or sync of the database by the
# process that applies: while it reads what the changes meet, while its
# commit is half written, between the write and its fdatasync. After each
# kill the office holds all of the file or none of it, `check` and `audit
# verify` pass; run again, it holds exactly what a clean import gives, and
# nothing twice. The same over the link: the office's `sync serve` killed
# while it applies, then the laptop killed while it applies the office's
# answer; each time `sync` is run again and both ends converge.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
if ! command -v strace >/dev/null; then
	bad "strace missing: install strace (make deps does)"
	finish
	exit
fi
O=$T/office.db L=$T/laptop.db
p() { "$PARCOURS_BIN" "$@"; }
ME=$(id -un)
data() {
	sqlite3 -batch "$1" "SELECT id, file_no, family_name, counsellor, status, version
	  FROM participant ORDER BY id;
	  SELECT participant_id, form, period, revision, answers, saved_by FROM revision
	  ORDER BY 1, 2, 3, 4; SELECT * FROM participant_token ORDER BY 1, 2, 3, 4;
	  SELECT count(*) FROM sync_conflict; SELECT login, action, file_no, form FROM audit
	  WHERE action = 'change' ORDER BY seq"
}
revisions() { sqlite3 "$1" "SELECT count(*) FROM revision"; }
# killed N SYSCALL CMD...: runs parcours under strace, SIGKILL at the Nth
# SYSCALL of the process (not its children); rc is 137 when it hit
killed() {
	local n=$1 call=$2
	shift 2
	rc=0
	strace -o /dev/null -e trace="$call" -e inject="$call:signal=SIGKILL:when=$n" \
		"$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || rc=$?
}
# sane DB: the file opens, checks and its audit chain verifies
sane() {
	run --db "$1" check
	[ "$rc" = 0 ] && ok || { bad "check $1 after a kill: $(head -3 "$T/err")"; }
	run --db "$1" audit verify
	[ "$rc" = 0 ] && ok || { bad "audit verify $1 after a kill: $(head -3 "$T/err")"; }
}

PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
for n in Côté Gagnon Bouchard Tremblay Roy Gauthier Morin Lavoie; do
	intake "$n" Anne 1980-01-0$((${#n} % 9 + 1)) && F=$(cat "$T/out")
	expect 0 assign "$F" "$ME"
done
expect 0 sync keygen --site BUR
# the laptop's link to the office: a stand-in ssh running the command
# here, that can kill the office's end (KILL_AT=SYSCALL:N)
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SH'
#!/bin/sh
# ssh HOST COMMAND: COMMAND run here; KILL_AT=SYSCALL:N kills the office's end
shift
if [ -n "${KILL_AT:-}" ]; then
	exec strace -o /dev/null -e trace="${KILL_AT%:*}" \
		-e inject="${KILL_AT%:*}:signal=SIGKILL:when=${KILL_AT#*:}" sh -c "exec $*"
fi
exec sh -c "$*"
SH
chmod +x "$T/bin/ssh"
export PARCOURS_SSH=$T/bin/ssh PARCOURS_REMOTE=$PARCOURS_BIN
expect 0 --db "$L" sync init "ssh://office$O" --site RN
mapfile -t files < <(sqlite3 "$L" "SELECT file_no FROM participant ORDER BY file_no")
same "${#files[@]}" 8
# the laptop's changes: two profiles for each person, and a new person
for f in "${files[@]}"; do
	for w in 3 7; do expect 0 --db "$L" submit profile "$f" --set wellbeing=$w; done
done
expect 0 --db "$L" participant add --set family_name=Pelletier --set given_name=Luc \
	--set birth_date=1990-05-05 --set consent_date=2026-03-15 --set consent_sharing=oui
expect 0 --db "$L" sync export "$T/up.sync"

# the reference: a clean import into a copy of the office
cp "$O" "$T/ref.db" && cp "$O.sync-key" "$T/ref.db.sync-key"
expect 0 --db "$T/ref.db" sync import "$T/up.sync"
want=$(data "$T/ref.db")
before=$(revisions "$O") after=$(revisions "$T/ref.db")
[ "$after" -gt "$before" ] && ok || bad "the import added no revision ($before, $after)"

# how many reads, writes and syncs a clean import makes, on another copy
cp "$O" "$T/count.db" && cp "$O.sync-key" "$T/count.db.sync-key"
strace -c -o "$T/calls" "$PARCOURS_BIN" --db "$T/count.db" sync import "$T/up.sync" 2>/dev/null
calls() { awk -v c="$1" '$NF == c { print $4 }' "$T/calls"; }
nr=$(calls pread64) nw=$(calls pwrite64) ns=$(calls fdatasync)
[ "${nr:-0}" -gt 10 ] && [ "${nw:-0}" -gt 10 ] && [ "${ns:-0}" -ge 1 ] && ok ||
	bad "a clean import made $nr reads, $nw writes, $ns syncs"
points="pread64:$((nr / 10)) pread64:$((nr / 2)) pread64:$((nr * 9 / 10))"
points+=" pwrite64:1 pwrite64:$((nw / 2)) pwrite64:$nw"
for ((i = 1; i <= ns; i++)); do points+=" fdatasync:$i"; done
# each kill on a fresh copy of the office: all of the file or none of it,
# a sane file, and a second import then gives exactly the clean result
for k in $points; do
	cp "$O" "$T/k.db" && cp "$O.sync-key" "$T/k.db.sync-key"
	rm -f "$T/k.db-wal" "$T/k.db-shm"
	killed "${k#*:}" "${k%:*}" --db "$T/k.db" sync import "$T/up.sync"
	same "$rc" 137 "(killed at $k)"
	now=$(revisions "$T/k.db")
	if [ "$now" = "$before" ] || [ "$now" = "$after" ]; then ok; else
		bad "killed at $k: $now revisions, neither $before nor $after"
	fi
	sane "$T/k.db"
	expect 0 --db "$T/k.db" sync import "$T/up.sync"
	same "$(data "$T/k.db")" "$want" "(killed at $k, then imported again)"
done
# the office itself: killed in the middle of its commit, then imported
killed "$((nw / 2))" pwrite64 --db "$O" sync import "$T/up.sync"
same "$(revisions "$O")" "$before" "(the office killed half-way through its commit)"
expect 0 --db "$O" sync import "$T/up.sync"
same "$(data "$O")" "$want" "(office after kills and a last import)"
expect 0 --db "$O" sync import "$T/up.sync"
has "$T/err" "0 applied"
same "$(data "$O")" "$want" "(the same file once more)"

# over the link: both sides change, the office's end is killed while it applies
for f in "${files[@]:0:4}"; do expect 0 --db "$L" submit profile "$f" --set wellbeing=9; done
for f in "${files[@]:4:4}"; do expect 0 --db "$O" submit profile "$f" --set wellbeing=1; done
for k in pread64:20 pwrite64:10 fdatasync:1; do
	KILL_AT=$k expect 3 --db "$L" sync
	has "$T/err" "did not answer"
	sane "$O"
	sane "$L"
done
# the laptop killed while it applies the office's answer (its own writes
# come only then)
for k in pwrite64:3 fdatasync:1; do
	killed "${k#*:}" "${k%:*}" --db "$L" sync
	same "$rc" 137 "(the laptop killed at $k)"
	sane "$L"
done
expect 0 --db "$L" sync
expect 0 --db "$L" sync
# each person has three profiles now, on both sides, and no conflict
same "$(sqlite3 "$L" "SELECT count(*) FROM revision WHERE form = 'profile'")" 24
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 24
same "$(sql "SELECT count(*) FROM sync_conflict")" 0
common="SELECT p.file_no, r.form, r.period, r.revision, r.answers FROM revision r JOIN participant p
  ON p.id = r.participant_id ORDER BY 1, 2, 3, 4"
same "$(sqlite3 "$L" "$common")" "$(sql "$common")" "(laptop and office after the kills)"
finish
