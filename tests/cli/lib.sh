# Shared by the command-line tests: a private folder, pinned environment,
# and small assertions that count and report like "N passed, N failed".
set -u
: "${PARCOURS_BIN:?run through ctest (PARCOURS_BIN unset)}"
: "${SRC:?run through ctest (SRC unset)}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T TMPDIR=$T TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export PARCOURS_DB=$T/parcours.db PARCOURS_FORMS=$SRC/forms PARCOURS_TODAY=2026-03-15
unset XDG_DATA_HOME
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# run CMD...: runs parcours, keeping stdout in $T/out, stderr in $T/err, status in $rc
run() {
	rc=0
	"$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || rc=$?
}
# expect STATUS CMD...: run and check the exit status
expect() {
	local want=$1
	shift
	run "$@"
	if [ "$rc" = "$want" ]; then ok; else
		bad "parcours $* exited $rc, expected $want"
		sed 's/^/  stderr: /' "$T/err" | head -20 >&2
		sed 's/^/  stdout: /' "$T/out" | head -10 >&2
	fi
}
# has FILE TEXT: the file contains the fixed text
has() { if grep -qF -- "$2" "$1"; then ok; else bad "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -20 >&2; fi; }
hasnt() { if grep -qF -- "$2" "$1"; then bad "$1 should not contain: $2"; else ok; fi; }
# same A B: two strings are equal
same() { if [ "$1" = "$2" ]; then ok; else bad "got '$1', expected '$2' ${3:-}"; fi; }
# sql QUERY: one query on the test database through the sqlite3 shell
sql() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }
# jq_ FILE PATH: a JSON value from a file, via SQLite's JSON functions
jq_() { sqlite3 -batch -noheader :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2')"; }

# A valid intake for the shipped forms; extra --set arguments may follow.
# The person meets PAAS Action's eligibility (programmes.yaml) on each
# condition the arguments do not answer; see test_eligibility.sh for others.
intake() {
	local f eligible=()
	for f in income_source=last_resort far_from_labour_market=oui employment_barriers=oui; do
		case " ${*:4} " in *" ${f%%=*}="*) ;; *) eligible+=(--set "$f") ;; esac
	done
	run participant add --set family_name="$1" --set given_name="$2" --set birth_date="$3" \
		--set consent_date=2026-03-15 --set consent_sharing=oui "${eligible[@]}" "${@:4}"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# as UID CMD...: runs parcours with that real and effective uid (no passwd entry:
# its login is uidUID) and the group the database is shared through, as an
# office shares it (the store refuses a database open to every user).
# Needs root, for setpriv. as_expect STATUS UID CMD...: the same, checked.
as() {
	local uid=$1
	shift
	chgrp 54000 "$T" "$PARCOURS_DB" "$PARCOURS_DB"-* 2>/dev/null
	chmod 2770 "$T"
	chmod 660 "$PARCOURS_DB" "$PARCOURS_DB"-* 2>/dev/null
	rc=0
	setpriv --reuid="$uid" --regid=54000 --clear-groups "$PARCOURS_BIN" "$@" \
		>"$T/out" 2>"$T/err" || rc=$?
}
as_expect() {
	local want=$1
	shift
	as "$@"
	if [ "$rc" = "$want" ]; then ok; else
		bad "as uid $1: parcours ${*:2} exited $rc, expected $want"
		sed 's/^/  stderr: /' "$T/err" | head -5 >&2
	fi
}

# check_clean DB: `parcours check` of that database passes with nothing to
# rebuild (it repairs month totals found wrong and still exits 0)
check_clean() {
	expect 0 --db "$1" check
	if grep -q '^  month totals (.*): ok$' "$T/out"; then ok; else
		bad "check of $1 found month totals to rebuild"
		sed 's/^/  | /' "$T/out" >&2
	fi
}

# ---- two copies kept by sync (tests/cli/test_sync_*.sh) ----
# current DB FILE_NO FORM PERIOD FIELD: the field of the latest revision
current() {
	sqlite3 -batch "$1" "SELECT json_extract(r.answers, '$.$5') FROM revision r JOIN participant p
	  ON p.id = r.participant_id WHERE p.file_no = '$2' AND r.form = '$3' AND r.period = '$4'
	  ORDER BY r.revision DESC LIMIT 1"
}
# latest_all DB: what two copies must agree on, the latest answers of every
# form and entry of everyone
latest_all() {
	sqlite3 -batch "$1" "SELECT p.file_no, r.form, r.period, r.answers FROM revision r
	  JOIN participant p ON p.id = r.participant_id WHERE r.revision = (SELECT max(revision)
	  FROM revision x WHERE x.participant_id = r.participant_id AND x.form = r.form AND
	  x.period = r.period) ORDER BY 1, 2, 3"
}
# open_conflicts DB: how many sync conflicts wait for a decision there
open_conflicts() { sqlite3 -batch "$1" "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"; }
