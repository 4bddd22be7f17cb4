# Who may own the database and its -wal/-shm: this user, or the database's
# group when this process runs with it (a team's shared file). A companion
# planted by another user, open to everyone, or a link, is refused (exit 3,
# nothing read from it nor written into it); a database anyone may write is
# refused, one anyone may read is used with a warning. Simulating another
# user needs chown: as root, uid 12345 stands for a colleague.
. "$SRC/tests/cli/lib.sh"

expect 0 init
same "$(stat -c %a "$PARCOURS_DB")" 600
intake Côté Élisabeth 1985-03-02
expect 0 participant find cote
hasnt "$T/err" "warning"

# every command refuses the database because of FILE; FILE gets nothing
refused_by() { # FILE WHY
	local f=$1 sum dbsum
	sum=$(md5sum <"$f")
	dbsum=$(md5sum <"$PARCOURS_DB")
	for cmd in "participant find cote" "show 2026-0001" "export profile" \
		"submit profile 2026-0001 --set wellbeing=5" "init"; do
		# shellcheck disable=SC2086
		expect 3 $cmd
		has "$T/err" "$f"
	done
	same "$(md5sum <"$f")" "$sum" "($2: $f was written)"
	same "$(md5sum <"$PARCOURS_DB")" "$dbsum" "($2: the database changed)"
}

if [ "$(id -u)" = 0 ]; then
	# a -wal planted by another user in the folder: its contents would be read
	# as the latest saves, and the next intake written into a file they read
	cp "$PARCOURS_DB" "$T/planted.db"
	: >"$PARCOURS_DB-wal"
	chown 12345:12345 "$PARCOURS_DB-wal"
	chmod 666 "$PARCOURS_DB-wal"
	refused_by "$PARCOURS_DB-wal" "a planted -wal"
	has "$T/err" "12345"
	# even a private one (0600) of theirs
	chmod 600 "$PARCOURS_DB-wal"
	refused_by "$PARCOURS_DB-wal" "another user's -wal"
	rm -f "$PARCOURS_DB-wal"
	: >"$PARCOURS_DB-shm"
	chown 12345:12345 "$PARCOURS_DB-shm"
	refused_by "$PARCOURS_DB-shm" "a planted -shm"
	rm -f "$PARCOURS_DB-shm"

	# a database of another user, not shared with a group of ours
	chown 12345:12345 "$PARCOURS_DB"
	expect 3 participant find cote
	has "$T/err" "12345"
	expect 3 submit profile 2026-0001 --set wellbeing=5
	[ ! -e "$PARCOURS_DB-wal" ] && ok || bad "a -wal was created for another user's database"

	# shared through a group this process runs with (root's group 0): works,
	# and the companions SQLite creates carry the same owner and group
	chown 12345:0 "$PARCOURS_DB"
	chmod 660 "$PARCOURS_DB"
	expect 0 submit profile 2026-0001 --set wellbeing=5
	expect 0 show 2026-0001
	hasnt "$T/err" "warning"
	# a colleague's -wal of the shared group is fine too
	# (the reader holds the database open until its input is closed, however
	# slow the machine: a reader that left on a timer took the -wal with it)
	mkfifo "$T/hold"
	sqlite3 "$PARCOURS_DB" <"$T/hold" >/dev/null &
	reader=$!
	exec 7>"$T/hold"
	echo "SELECT count(*) FROM participant;" >&7
	for _ in $(seq 100); do [ -e "$PARCOURS_DB-wal" ] && break; sleep 0.1; done
	chown 12345:0 "$PARCOURS_DB-wal" "$PARCOURS_DB-shm"
	expect 0 submit profile 2026-0001 --set wellbeing=6
	same "$(sql "SELECT max(revision) FROM revision WHERE form = 'profile'")" 2
	# but not one of another group
	chown 12345:12345 "$PARCOURS_DB-wal"
	expect 3 show 2026-0001
	has "$T/err" "$PARCOURS_DB-wal"
	exec 7>&-
	wait "$reader" 2>/dev/null
	rm -f "$PARCOURS_DB-wal" "$PARCOURS_DB-shm"
	chown 0:0 "$PARCOURS_DB"
	chmod 600 "$PARCOURS_DB"
else
	echo "not root: cannot chown files to another user; the ownership cases are left out"
fi

# a -wal of ours that others may read while the database is private
: >"$PARCOURS_DB-wal"
chmod 644 "$PARCOURS_DB-wal"
refused_by "$PARCOURS_DB-wal" "a readable -wal"
has "$T/err" "0644"
rm -f "$PARCOURS_DB-wal"
# a link in place of the -wal: SQLite would write through it
echo "precious" >"$T/precious"
ln -s "$T/precious" "$PARCOURS_DB-wal"
refused_by "$PARCOURS_DB-wal" "a symbolic link"
same "$(cat "$T/precious")" precious
rm -f "$PARCOURS_DB-wal"

# a database every user may write: refused
chmod 602 "$PARCOURS_DB"
expect 3 participant find cote
has "$T/err" "0602"
# one every user may read: works, with a warning, and keeps working while
# its companions (created by SQLite with the database's mode) exist
chmod 644 "$PARCOURS_DB"
expect 0 --lang en participant find cote
has "$T/err" "warning"
has "$T/err" "every user"
has "$T/err" "0644"
{ echo "SELECT count(*) FROM participant;"; sleep 3; } | sqlite3 "$PARCOURS_DB" >/dev/null &
reader=$!
sleep 0.5
expect 0 submit profile 2026-0001 --set wellbeing=7
expect 0 show 2026-0001
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
# made private again while its companions stay readable: they must follow
chmod 600 "$PARCOURS_DB"
if [ -e "$PARCOURS_DB-wal" ]; then
	expect 3 show 2026-0001
	has "$T/err" "$PARCOURS_DB-"
	chmod o-rwx "$PARCOURS_DB-wal" "$PARCOURS_DB-shm"
fi
expect 0 show 2026-0001
hasnt "$T/err" "warning"
finish
