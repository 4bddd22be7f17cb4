# Staff and identity: the real uid names the caller (never $USER), the
# creator of a new database is its first admin, `init` and `demo` on an
# existing one change no role, an unknown or disabled login is refused by
# every command with whom to ask, staff changes are an admin's and are
# recorded in the audit log, and a schema-2 database keeps its staff.
# Other users are played with setpriv (util-linux), which needs root, as
# in CI (.ci/run) and `make check` in the project's container.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
me=$(id -un)
myname=$(getent passwd "$(id -u)" | cut -d: -f5 | cut -d, -f1)
[ -n "$myname" ] || myname=$me
roles() { sql "SELECT group_concat(role) FROM (SELECT role FROM staff_role WHERE login = '$1' ORDER BY role)"; }

# the creator of a new file is its first admin (and supervisor)
expect 0 init
has "$T/out" "$me is its first administrator"
same "$(roles "$me")" "admin,supervisor"
same "$(sql "SELECT name FROM staff WHERE login = '$me'")" "$myname"
expect 0 init
hasnt "$T/out" "first administrator"
same "$(sql "SELECT count(*) FROM staff")" 1

# the real uid, not $USER or $LOGNAME, and not the effective uid: a setgid
# or setuid binary still names its caller
USER=mallory LOGNAME=mallory expect 0 staff list
has "$T/out" "$me"
rc=0
setpriv --ruid=54321 "$PARCOURS_BIN" staff list >"$T/out" 2>"$T/err" || rc=$?
same "$rc" 1 "(real uid 54321, effective uid 0)"
has "$T/err" "uid54321: you are not on the staff of this database: ask an administrator: $myname ($me)"

# an unknown login is refused by every command, and the console does not start
for cmd in "participant find x" "show 2026-0001" "export profile" "staff list" "audit" \
	"report month 2026-03" "month close 2026-02" "init" "demo --participants 1" ""; do
	# shellcheck disable=SC2086
	as_expect 1 54322 $cmd
	has "$T/err" "uid54322: you are not on the staff of this database: ask an administrator"
done
same "$(sql "SELECT count(*) FROM staff")" 1
same "$(sql "SELECT count(*) FROM participant")" 0

# staff add: admin only, checked input
expect 0 staff add uid54321 --name "Élise Côté" --role counsellor
expect 0 staff add uid54323 --name "Marie Gagnon" --role admin
expect 1 staff add uid54321 --name "Again" --role admin
has "$T/err" "uid54321: is already on the staff"
same "$(roles uid54321)" "counsellor"
expect 1 staff add x --name "X" --role boss
has "$T/err" 'role: "boss" is not a role'
expect 1 staff add "bad/login" --name "X" --role admin
has "$T/err" "login: "
expect 1 staff add y --name " " --role admin
has "$T/err" "name: "
expect 1 staff add y --name $'Eve\e[2J' --role admin
has "$T/err" "name: "
expect 2 staff add z --role admin
expect 2 staff frobnicate
expect 0 staff --help
has "$T/out" "staff add LOGIN"
as_expect 1 54321 staff add uid54324 --name "Sneaky" --role admin
has "$T/err" "only an administrator may change the staff"
as_expect 1 54321 staff role uid54321 admin
same "$(roles uid54321)" "counsellor"
same "$(sql "SELECT count(*) FROM staff WHERE login = 'uid54324'")" 0

# every staff member may list the staff
as_expect 0 54321 staff list --json
same "$(jq_ "$T/out" '$[1].name')" "Élise Côté"
same "$(jq_ "$T/out" '$[1].roles')" '["counsellor"]'
same "$(jq_ "$T/out" '$[1].added_by')" "$me"
same "$(jq_ "$T/out" '$[1].disabled')" 0

# init and demo by someone else change no role (they used to make the caller admin)
as_expect 0 54321 init
hasnt "$T/out" "first administrator"
# (a counsellor may not take a new intake: the demo obeys the forms' access)
as_expect 1 54321 demo --participants 2
has "$T/err" "your roles (counsellor) do not allow changing this form"
same "$(roles uid54321)" "counsellor"
same "$(sql "SELECT count(*) FROM staff_role WHERE role = 'admin'")" 2

# whom to ask names every enabled admin
as_expect 1 54399 staff list
has "$T/err" "ask an administrator: $myname ($me), Marie Gagnon (uid54323)"

# roles are a set; changes are kept by the audit log
expect 0 staff role uid54321 counsellor,frontdesk
same "$(roles uid54321)" "counsellor,frontdesk"
expect 1 staff role uid54321 ""
expect 1 staff role nobody counsellor
has "$T/err" "nobody: is not on the staff"

# disabled: refused everywhere with whom to ask, until enabled again
expect 0 staff disable uid54321
as_expect 1 54321 participant find x
has "$T/err" "uid54321: your access to this database is disabled: ask an administrator"
as_expect 1 54321 staff list
expect 0 staff list
has "$T/out" "disabled"
expect 0 staff enable uid54321
as_expect 0 54321 participant find x

# the last enabled administrator cannot go
expect 0 staff disable uid54323
expect 1 staff role "$me" supervisor
has "$T/err" "$me: is the last administrator"
expect 1 staff disable "$me"
has "$T/err" "is the last administrator"
same "$(roles "$me")" "admin,supervisor"
expect 0 staff enable uid54323
expect 0 staff role "$me" supervisor,counsellor
same "$(roles "$me")" "counsellor,supervisor"
expect 1 staff add w --name W --role admin
as_expect 0 54323 staff role "$me" admin,supervisor

# every staff change is in the audit log, by whom, in order
expect 0 audit --csv
same "$(grep -c ',role,' "$T/out")" 10
has "$T/out" "first_admin login=$me roles=admin,supervisor"
has "$T/out" ",$me,cli,role,,,add login=uid54321 roles=counsellor name=Élise Côté,"
has "$T/out" "roles login=uid54321 roles=counsellor,frontdesk was=counsellor"
has "$T/out" "disable login=uid54321"
has "$T/out" "enable login=uid54321"
has "$T/out" ",uid54323,cli,role,,,\"roles login=$me roles=admin,supervisor was=supervisor,counsellor\","
expect 0 audit verify

# a schema-2 database (before staff names and audit) keeps its staff and roles
rm -f "$T"/old.db*
sqlite3 "$T/old.db" ".read $SRC/data/001_initial.sql" ".read $SRC/data/002_programmes.sql" \
	"PRAGMA user_version = 2" "PRAGMA application_id = 1346589267" \
	"INSERT INTO staff VALUES ('$me', 'supervisor', '2025-01-01T00:00:00Z'),
	        ('ana', 'counsellor', '2025-02-01T00:00:00Z'), ('zoe', 'admin', '2025-03-01')"
expect 3 --db "$T/old.db" staff list
has "$T/err" "parcours init"
expect 0 --db "$T/old.db" init
# the newest schema, whichever later migrations add
has "$T/out" "schema $(ls "$SRC"/data/*.sql | sed 's#.*/0*\([0-9]*\)_.*#\1#' | sort -n | tail -1)"
hasnt "$T/out" "first administrator"
expect 0 --db "$T/old.db" staff list --json
same "$(jq_ "$T/out" '$[0].login')" "ana"
same "$(jq_ "$T/out" '$[0].roles')" '["counsellor"]'
same "$(jq_ "$T/out" '$[0].added_at')" "2025-02-01T00:00:00Z"
same "$(jq_ "$T/out" '$[1].roles')" '["supervisor"]'
# a schema-2 admin could do everything: they stay admin and become supervisor
same "$(jq_ "$T/out" '$[2].roles')" '["admin","supervisor"]'
same "$(jq_ "$T/out" '$[2].name')" "zoe"
expect 0 --db "$T/old.db" audit verify
has "$T/out" "0 entries, chain intact"
finish
