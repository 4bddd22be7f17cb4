# A save is durable before it says "saved", and the disk's sync runs after
# the writers' line has moved on (src/store/writer.c): the log's fdatasync
# comes after the save released its ticket and before it printed anything,
# so writers in line no longer hold the line while the disk syncs. A sync
# that fails after the commit says so plainly: the change is in the file,
# but the disk did not confirm it.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
command -v strace >/dev/null || { bad "strace is missing (make deps installs it)"; finish; exit; }

# under AddressSanitizer, LeakSanitizer cannot stop a traced process to
# look for leaks: it is off for the traced commands (the same saves run
# untraced in every other test)
traced() { ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace "$@"; }

expect 0 init
intake Disque Léa 1990-02-01
F=$(cat "$T/out")
revisions() { sql "SELECT count(*) FROM revision WHERE form = 'profile'"; }

# 1. the order of the system calls of one save: ticket released, then the
# log synced, then the answer written
traced -f -y -e trace=fcntl,fdatasync,fsync,write -o "$T/trace" \
	"$PARCOURS_BIN" submit profile "$F" --set wellbeing=7 >"$T/out" 2>"$T/err"
same "$?" 0 "(the traced save: $(cat "$T/err"))"
# the ticket: a byte-range lock far above SQLite's (2^62 and beyond)
release=$(grep -n 'F_OFD_SETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=461[0-9]\{16\}' \
	"$T/trace" | tail -1 | cut -d: -f1)
sync=$(grep -n 'fdatasync([0-9]*<[^>]*-wal>)' "$T/trace" | tail -1 | cut -d: -f1)
answer=$(grep -n 'write(1' "$T/trace" | head -1 | cut -d: -f1)
[ -n "$release" ] && ok || bad "no ticket released in the trace"
[ -n "$sync" ] && ok || bad "the log was never synced: $(grep -c fdatasync "$T/trace") fdatasync calls"
[ -n "$answer" ] && ok || bad "the save wrote nothing to its output"
if [ -n "$release" ] && [ -n "$sync" ] && [ -n "$answer" ]; then
	[ "$release" -lt "$sync" ] && ok ||
		bad "the log was synced (line $sync) before the line moved on (line $release)"
	[ "$sync" -lt "$answer" ] && ok ||
		bad "the save answered (line $answer) before its log was synced (line $sync)"
fi
# the commit itself synced nothing but a new log's header: the first
# frames of a fresh log follow a synced header (SQLite's rule), the
# frames themselves wait for the sync after the line
if [ -n "$release" ]; then
	same "$(head -n "$release" "$T/trace" | grep -c 'fdatasync([0-9]*<[^>]*-wal>)')" 1 \
		"(syncs of the log before the line moved on: the new log's header only)"
fi
same "$(revisions)" 1 "(the traced save is stored)"

# 2. the disk refuses the sync: the user is told, in their language, and the
# change is in the file (it was committed before the sync). Each command
# starts a new log (the last to close removes it), whose header the commit
# syncs first: the syncs from the second on fail.
traced -f -o /dev/null -e trace=fdatasync -e inject=fdatasync:error=EIO:when=2+ \
	"$PARCOURS_BIN" submit profile "$F" --set wellbeing=3 >"$T/out" 2>"$T/err"
same "$?" 3 "(a save whose sync failed)"
has "$T/err" "the disk did not confirm the save: it is in the database, but a power cut could undo it"
same "$(revisions)" 2 "(committed before the sync)"
traced -f -o /dev/null -e trace=fdatasync -e inject=fdatasync:error=EIO:when=2+ \
	env LANGUAGE=fr "$PARCOURS_BIN" submit profile "$F" --set wellbeing=4 >"$T/out" 2>"$T/err"
same "$?" 3 "(in French)"
hasnt "$T/err" "the disk did not confirm"
has "$T/err" "coupure de courant"
# the file is whole
expect 0 check
finish
