# A shared install for an office: `make install-shared` into a scratch
# prefix (a binary built with the scratch configuration compiled in, setgid
# a scratch group), then used by logins that are not in that group. The
# roles hold through every command, the database cannot be opened around
# parcours, the caller's paths and hooks are ignored, new files are the
# group's, and installing again changes nothing. Needs root (groupadd, setpriv).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

if [ "$(id -u)" != 0 ]; then
	echo "not root: make install-shared needs groupadd and chown; left out"
	finish
	exit
fi
if findmnt -no OPTIONS -T "$T" | grep -qw nosuid; then
	bad "$T is on a nosuid mount: the setgid binary could not be tested there"
	finish
	exit
fi

G=pct$$
for _ in 1 2 3 4 5; do # another test may hold /etc/group's lock
	getent group "$G" >/dev/null || groupadd --system "$G" 2>/dev/null || sleep 1
done
getent group "$G" >/dev/null || { bad "cannot create group $G"; finish; exit; }
trap 'tmux -L "pcsh$$" kill-server 2>/dev/null; groupdel "$G" 2>/dev/null; rm -rf "$T"' EXIT
chmod 755 "$T" # the test logins must reach the prefix, not the data

P=$T/prefix
CONF=$T/etc/parcours.conf
DATA=$T/data
DB=$DATA/parcours.db
BIN=$P/bin/parcours
FORMS=$P/share/parcours/forms
install_shared() {
	(umask 077 && make -C "$SRC" --no-print-directory install-shared PREFIX="$P" \
		DATA_DIR="$DATA" CONF="$CONF" SHARED_GROUP="$G" SHARED_BUILD="$T/build" \
		SITE=t01 SUDO_UID=54100 SUDO_GID=54100 JOBS=2) >"$T/make.log" 2>&1
}
# the caller's paths and hooks are set for the cases that test them; the
# per-user binary ($PARCOURS_BIN) is given its own with mine
unset PARCOURS_DB PARCOURS_FORMS PARCOURS_TODAY
mine() { PARCOURS_DB=$T/parcours.db PARCOURS_FORMS=$SRC/forms "$@"; }

if install_shared; then ok; else
	bad "make install-shared failed"
	tail -20 "$T/make.log" >&2
	finish
	exit
fi

# --- what was installed, and how
mode() { stat -c '%a %U %G' "$1"; }
same "$(mode "$BIN")" "2755 root $G" "(the binary)"
same "$(mode "$FORMS")" "755 root root" "(the forms folder)"
same "$(mode "$FORMS/profile.yaml")" "644 root root" "(a form)"
same "$(mode "$FORMS/programmes.yaml")" "644 root root" "(the programmes)"
same "$(mode "$DATA")" "2770 root $G" "(the data folder)"
same "$(mode "$CONF")" "644 root root" "(the configuration)"
# created by parcours under the installer's umask 077: umask 007 applied
same "$(stat -c '%a %G' "$DB")" "660 $G" "(the database)"
[ -f "$P/share/man/man1/parcours.1" ] && ok || bad "parcours.1 not installed"
[ -f "$P/share/man/man5/parcours-forms.5" ] && ok || bad "parcours-forms.5 not installed"
has "$CONF" "database = $DB"
has "$CONF" "forms = $FORMS"
has "$CONF" "site = t01"
same "$(getent group "$G" | cut -d: -f4)" "" "(nobody was added to the group)"

# u UID CMD...: the installed binary run by a login outside the group
u() {
	local uid=$1
	shift
	rc=0
	setpriv --reuid="$uid" --regid="$uid" --clear-groups "$BIN" "$@" \
		>"$T/out" 2>"$T/err" || rc=$?
}
u_expect() {
	local want=$1
	shift
	u "$@"
	if [ "$rc" = "$want" ]; then ok; else
		bad "as uid $1: parcours ${*:2} exited $rc, expected $want"
		sed 's/^/  stderr: /' "$T/err" | head -5 >&2
	fi
}

u_expect 0 54100 --version
has "$T/out" "$CONF (shared installation)"
has "$T/out" "t01"
# the installer (SUDO_UID) is the first administrator
u_expect 0 54100 staff list
has "$T/out" "uid54100"
has "$T/out" "admin"
u_expect 0 54100 staff role uid54100 admin,supervisor
u_expect 0 54100 staff add uid54101 --name "Alex Conseil" --role counsellor
u_expect 0 54100 staff add uid54102 --name "Sam Accueil" --role frontdesk
u_expect 0 54102 participant add --set family_name=Côté --set given_name=Élisabeth \
	--set birth_date=1985-03-02 --set consent_date=2026-03-15 --set consent_sharing=oui
F=$(cat "$T/out")
u_expect 0 54100 submit profile "$F" --set wellbeing=7
u_expect 0 54100 show "$F" --json
has "$T/out" '"profile":{'

# --- a front desk login: no profile through any command
u_expect 0 54102 show "$F"
has "$T/out" "Côté"
hasnt "$T/out" "wellbeing"
u_expect 0 54102 show "$F" --json
has "$T/out" '"family_name"'
hasnt "$T/out" '"profile":{'
has "$T/out" '"not_shown":["profile"'
hasnt "$T/out" '"wellbeing"'
u_expect 1 54102 export profile
u_expect 1 54102 export profile --json
hasnt "$T/out" "wellbeing"

# --- and no way around parcours: the folder and file are the group's
for uid in 54102 54100; do
	rc=0
	setpriv --reuid=$uid --regid=$uid --clear-groups sqlite3 "$DB" \
		"SELECT count(*) FROM revision" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" != 0 ] && ok || bad "uid $uid opened the database with sqlite3"
	has "$T/err" "unable to open database"
	rc=0
	setpriv --reuid=$uid --regid=$uid --clear-groups cat "$DB" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" != 0 ] && ok || bad "uid $uid read the database file"
	has "$T/err" "Permission denied"
done
# nor through a file parcours reads for its caller
u_expect 2 54100 submit profile "$F" --json "$DB"
has "$T/err" "Permission denied"
u_expect 3 54102 forms check "$DB"
has "$T/err" "Permission denied"
u_expect 0 54102 forms check
has "$T/out" "$FORMS: ok"
PARCOURS_FORMS=$T/nowhere u_expect 0 54102 forms check
has "$T/out" "$FORMS: ok"
has "$T/err" "PARCOURS_FORMS: ignored (shared installation)"

# --- the caller's paths are ignored, and said to be
cp -r "$SRC/forms" "$T/evil"
sed -i 's/read: \[caseload, supervisor\]/read: [caseload, supervisor, frontdesk]/' \
	"$T/evil/profile.yaml"
has "$T/evil/profile.yaml" "frontdesk"
mine expect 0 forms check "$T/evil" # they would be used if they were not ignored
u_expect 0 54102 --forms "$T/evil" --db "$T/elsewhere.db" show "$F" --json
has "$T/err" "--forms: ignored (shared installation)"
has "$T/err" "--db: ignored (shared installation)"
has "$T/out" "Côté"
hasnt "$T/out" '"profile":{'
PARCOURS_FORMS=$T/evil PARCOURS_DB=$T/elsewhere.db PARCOURS_CONFIG=$T/evil.conf \
	u_expect 0 54102 show "$F" --json
has "$T/err" "PARCOURS_FORMS: ignored (shared installation)"
has "$T/err" "PARCOURS_DB: ignored (shared installation)"
has "$T/err" "PARCOURS_CONFIG: ignored (shared installation)"
hasnt "$T/out" '"profile":{'
[ ! -e "$T/elsewhere.db" ] && ok || bad "--db or PARCOURS_DB created a file"
# a pinned "today" would refuse a birth date after it; the shared install
# keeps the real date (the same intake is refused by a per-user binary)
mine expect 0 init
PARCOURS_TODAY=2000-01-01 mine expect 1 participant add --set family_name=Roy --set given_name=Léa \
	--set birth_date=2010-05-05 --set consent_date=2026-03-15 --set consent_sharing=oui
PARCOURS_TODAY=2000-01-01 u_expect 0 54102 participant add --set family_name=Roy \
	--set given_name=Léa --set birth_date=2010-05-05 --set consent_date=2026-03-15 \
	--set consent_sharing=oui
has "$T/err" "PARCOURS_TODAY: ignored (shared installation)"
# a key trace file would be written with the group's rights
PARCOURS_TRACE_KEYS=$DATA/trace u 54102 staff list
has "$T/err" "PARCOURS_TRACE_KEYS: ignored (shared installation)"

# --- init by another login changes no role
u_expect 0 54100 staff list
cp "$T/out" "$T/staff.before"
u 54101 init
u_expect 1 54199 init
has "$T/err" "uid54199: you are not on the staff of this database"
u_expect 0 54100 staff list
same "$(cat "$T/out")" "$(cat "$T/staff.before")" "(init by another login changed the staff)"

# --- companion files: the group's, 0660, while a console holds the file
S=pcsh$$ # a tmux server of this test's own
tmux -L "$S" new-session -d -s "$S" -x 80 -y 24 \
	"setpriv --reuid=54101 --regid=54101 --clear-groups $BIN; sleep 30"
for _ in $(seq 50); do [ -e "$DB-shm" ] && break; sleep 0.2; done
same "$(stat -c '%a %u %G' "$DB-wal" 2>&1)" "660 54101 $G" "(the -wal)"
same "$(stat -c '%a %u %G' "$DB-shm" 2>&1)" "660 54101 $G" "(the -shm)"
tmux -L "$S" kill-server 2>/dev/null
for _ in $(seq 50); do [ -e "$DB-shm" ] || break; sleep 0.2; done
rm -f "$DB-wal" "$DB-shm"
# one of another group is refused, even the caller's own
for suffix in -wal -journal; do
	: >"$DB$suffix"
	chown 54100:54100 "$DB$suffix"
	chmod 660 "$DB$suffix"
	u_expect 3 54100 staff list
	has "$T/err" "$DB$suffix does not belong to the group of the shared installation ($G)"
	rm -f "$DB$suffix"
done
# a database its owner could open, but not the group's
chown 54100:54100 "$DB"
u_expect 3 54100 staff list
has "$T/err" "$DB does not belong to the group of the shared installation"
chown root:"$G" "$DB"
u_expect 0 54100 staff list

# --- the configuration: only root may change it; a bad line says where
cp "$CONF" "$T/conf.orig"
echo "colour = blue" >>"$CONF"
u_expect 3 54100 staff list
has "$T/err" "$CONF:5: unknown key \"colour\""
cp "$T/conf.orig" "$CONF"
chmod 664 "$CONF"
u_expect 3 54100 staff list
has "$T/err" "owned by root that only root may change"
chmod 644 "$CONF"
u_expect 0 54100 staff list

# --- ncurses ignores TERMINFO, TERMINFO_DIRS and ~/.terminfo for a setgid
# program: a terminal described only there is unknown to the shared console
infocmp -x xterm-256color | sed '1,/^xterm/ s/^xterm-256color|[^,]*,/pcterm|test terminal,/' \
	>"$T/pcterm.src"
tic -x -o "$T/ti" "$T/pcterm.src"
chmod -R a+rX "$T/ti"
console() { # UID BINARY ENV...: the console in a pseudo-terminal, then F10 (quit;
	# q would be typed into the search, Ctrl-Q eaten as XON before raw mode)
	local uid=$1 bin=$2
	shift 2
	rc=0
	printf '\033[21~' | timeout 20 script -qec "setpriv --reuid=$uid --regid=$uid --clear-groups \
		env TERM=pcterm $* $bin" /dev/null >"$T/out" 2>&1 || rc=$?
}
mkdir -p "$T/own" && chown 54101 "$T/own"
PARCOURS_DB=$T/own/p.db PARCOURS_FORMS=$SRC/forms setpriv --reuid=54101 --regid=54101 --clear-groups "$PARCOURS_BIN" init \
	>/dev/null 2>&1
# a per-user binary finds pcterm through each (so the entry is good)...
for env in "TERMINFO=$T/ti" "TERMINFO_DIRS=$T/ti"; do
	console 54101 "$PARCOURS_BIN" "PARCOURS_DB=$T/own/p.db PARCOURS_FORMS=$SRC/forms" "$env"
	same "$rc" 0 "(per-user console with $env)"
	hasnt "$T/out" "the terminal cannot be used"
done
# ...the shared one does not
for env in "TERMINFO=$T/ti" "TERMINFO_DIRS=$T/ti"; do
	console 54101 "$BIN" "$env"
	same "$rc" 3 "(shared console with $env)"
	has "$T/out" "the terminal cannot be used (TERM=pcterm)"
done

# --- installing again changes no role, no data, not the configuration
echo "# edited by the office" >>"$CONF"
md5=$(md5sum <"$CONF")
u_expect 0 54100 show "$F" --json
cp "$T/out" "$T/show.before"
if install_shared; then ok; else bad "make install-shared (again) failed"; tail -5 "$T/make.log" >&2; fi
has "$T/make.log" "kept as it is"
same "$(md5sum <"$CONF")" "$md5" "(the configuration was rewritten)"
u_expect 0 54100 staff list
same "$(cat "$T/out")" "$(cat "$T/staff.before")" "(installing again changed the staff)"
u_expect 0 54100 show "$F" --json
same "$(cat "$T/out")" "$(cat "$T/show.before")" "(installing again changed the file)"
same "$(mode "$BIN")" "2755 root $G" "(the binary, again)"

finish
