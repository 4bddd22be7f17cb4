# A save that waits past its bound says so plainly and stores nothing:
# first behind another program holding SQLite's write lock (the sqlite3
# shell), then behind a parcours save stuck in the line. PARCOURS_WRITE_WAIT
# shortens the bound (10 s by default) so the test takes a few seconds.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Attente Léa 1990-02-01
F=$(cat "$T/out")
revisions() { sql "SELECT count(*) FROM revision WHERE form = 'profile'"; }

# the sqlite3 shell holds the write lock until told to let go
mkfifo "$T/hold"
sqlite3 "$PARCOURS_DB" <"$T/hold" >"$T/shell" 2>&1 &
shell=$!
exec 7>"$T/hold"
printf 'BEGIN IMMEDIATE;\n.system touch %s/held\n' "$T" >&7
for _ in $(seq 200); do [ -e "$T/held" ] && break; sleep 0.05; done
same "$(ls "$T/held" 2>&1)" "$T/held" "(the shell holds the write lock: $(cat "$T/shell"))"

# 1. behind another program: the bound, how long, nothing saved
PARCOURS_WRITE_WAIT=0.5 expect 3 submit profile "$F" --set wellbeing=7
has "$T/err" "database: the database stayed busy for 0."
has "$T/err" "nothing was saved; try again"
same "$(revisions)" 0 "(nothing stored)"
PARCOURS_WRITE_WAIT=0.5 LANGUAGE=fr "$PARCOURS_BIN" submit profile "$F" --set wellbeing=7 2>"$T/err"
same "$?" 3 "(in French too)"
has "$T/err" "base de données occupée 0"

# 2. behind a parcours save stuck at the head of the line (it waits for
# the shell, with the default bound): the line did not move
"$PARCOURS_BIN" submit profile "$F" --set wellbeing=8 >"$T/first.out" 2>"$T/first.err" &
first=$!
# in line once it holds its ticket, a lock far above SQLite's bytes on the
# database file (src/store/writer.c), as /proc/locks shows it
ino=$(stat -c %i "$PARCOURS_DB")
for _ in $(seq 600); do grep -Eq "OFDLCK.*:$ino 461[0-9]{16} " /proc/locks && break; sleep 0.05; done
grep -Eq "OFDLCK.*:$ino 461[0-9]{16} " /proc/locks && ok || bad "the first save never got in line"
PARCOURS_WRITE_WAIT=0.5 expect 3 submit profile "$F" --set wellbeing=6
has "$T/err" "database: the saves ahead did not move for 0."
same "$(revisions)" 0 "(nothing stored while the line was stuck)"

# the shell lets go: the first save goes through, and the next one too
echo "ROLLBACK;" >&7
exec 7>&-
wait "$shell"
rc=0
wait "$first" || rc=$?
same "$rc" 0 "(the save at the head of the line: $(cat "$T/first.err"))"
expect 0 submit profile "$F" --set wellbeing=6
same "$(revisions)" 2 "(both saves stored, in order)"
same "$(sql "SELECT group_concat(json_extract(answers, '\$.wellbeing'), ' ')
	FROM (SELECT answers FROM revision WHERE form = 'profile' ORDER BY revision)")" "8 6"
finish
