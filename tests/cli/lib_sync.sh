# Shared by the sync tests that drive an office and a laptop copy: $L is
# the laptop's database. Sourced after lib.sh.
# lap STATUS ARGS...: a command on the laptop, with no forms folder named
# (it uses the office's, kept in $L.forms)
lap() {
	local want=$1
	shift
	env -u PARCOURS_FORMS "$PARCOURS_BIN" --db "$L" "$@" >"$T/out" 2>"$T/err" && rc=0 || rc=$?
	if [ "$rc" = "$want" ]; then ok; else
		bad "laptop: parcours $* exited $rc, expected $want"
		sed 's/^/  stderr: /' "$T/err" | head -20 >&2
	fi
}
# count DB FORM: how many revisions of FORM the database holds
count() { sqlite3 -batch "$1" "SELECT count(*) FROM revision WHERE form = '$2'"; }
# sums DIR: every file of a forms folder with its SHA-256, by name
sums() { (cd "$1" && sha256sum -- *.yaml); }
