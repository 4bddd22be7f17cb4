# The database file: created 0600 by init, idempotent init, and every kind of
# unusable file refused with exit 3, a message, and the file left as it was.
. "$SRC/tests/cli/lib.sh"

# no database yet: reading commands say to run init, and create nothing
expect 3 participant find x
has "$T/err" "parcours init"
[ ! -e "$PARCOURS_DB" ] && ok || bad "find created the database"

expect 0 init
same "$(stat -c %a "$PARCOURS_DB")" 600
expect 0 init
has "$T/out" "$PARCOURS_DB"

# default location: XDG_DATA_HOME, then ~/.local/share
(unset PARCOURS_DB; export XDG_DATA_HOME=$T/xdg; "$PARCOURS_BIN" init >/dev/null 2>&1)
[ -f "$T/xdg/parcours/parcours.db" ] && ok || bad "XDG_DATA_HOME not honoured"
(unset PARCOURS_DB; "$PARCOURS_BIN" init >/dev/null 2>&1)
[ -f "$HOME/.local/share/parcours/parcours.db" ] && ok || bad "~/.local/share not used"

refused() { # FILE DESCRIPTION: every command refuses FILE with exit 3, FILE unchanged
	local f=$1 sum
	sum=$(md5sum <"$f")
	for cmd in "participant find x" "show 2026-0001" "init" "export profile" \
		"submit profile 2026-0001 --set wellbeing=5"; do
		# shellcheck disable=SC2086
		expect 3 --db "$f" $cmd
		[ -s "$T/err" ] && ok || bad "no message for $2 ($cmd)"
	done
	same "$(md5sum <"$f")" "$sum" "($2 changed)"
	[ ! -e "$f-wal" ] && ok || bad "$2: a -wal file was created"
}

echo "hello, I am not a database" >"$T/text.db"
refused "$T/text.db" "a text file"
head -c 8192 /dev/urandom >"$T/random.db"
refused "$T/random.db" "random bytes"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
refused "$T/other.db" "another program's SQLite file"
cp "$PARCOURS_DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
refused "$T/newer.db" "a newer schema"
expect 3 --db "$T/newer.db" participant find x
has "$T/err" "999"
# truncated: the first half of a real database holding data
"$PARCOURS_BIN" --db "$T/full.db" demo --participants 60 >/dev/null 2>&1
sqlite3 "$T/full.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$T/full.db")
head -c $((size / 2)) "$T/full.db" >"$T/trunc.db"
chmod 600 "$T/trunc.db"
rc=0; "$PARCOURS_BIN" --db "$T/trunc.db" export intake >/dev/null 2>"$T/err" || rc=$?
same "$rc" 3 "(truncated database)"
# garbled pages in the middle
cp "$T/full.db" "$T/garbled.db"
dd if=/dev/urandom of="$T/garbled.db" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
rc=0; "$PARCOURS_BIN" --db "$T/garbled.db" export intake >/dev/null 2>"$T/err" || rc=$?
same "$rc" 3 "(garbled database)"

# a read-only folder: writing commands refuse with exit 3, nothing written
mkdir "$T/ro"
cp "$PARCOURS_DB" "$T/ro/p.db"
chmod 555 "$T/ro"
chmod 444 "$T/ro/p.db"
sum=$(md5sum <"$T/ro/p.db")
expect 3 --db "$T/ro/p.db" participant add --set family_name=A --set given_name=B \
	--set birth_date=1980-01-01 --set consent_date=2026-03-15 --set consent_sharing=oui
[ -s "$T/err" ] && ok || bad "no message for a read-only database"
same "$(md5sum <"$T/ro/p.db")" "$sum"
chmod 755 "$T/ro"

# a path that cannot be created
expect 3 --db /proc/nope/p.db init
finish
