# The audit log: a read (show, show --json), a change (intake, submit,
# enrol, leave, month close) and an export each leave one entry saying who,
# when, from which face, what and about whom; listing with filters for
# supervisors only; the hash chain is the documented SHA-256, verify finds
# an edited and a deleted row (once the triggers that refuse both are
# dropped by hand), and concurrent writers keep one unbroken chain.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
me=$(id -un)
n() { sql "SELECT count(*) FROM audit WHERE $1"; }
last() { sql "SELECT $1 FROM audit ORDER BY seq DESC LIMIT 1"; }

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
same "$(n "action = 'change' AND form = 'intake'")" 2
same "$(last "login || ' ' || face || ' ' || file_no || ' ' || detail")" "$me cli $B revision=1"
same "$(last "participant_id = (SELECT id FROM participant WHERE file_no = '$B')")" 1

# a change
expect 0 submit profile "$A" --set wellbeing=7
same "$(last "action || ' ' || file_no || ' ' || form || ' ' || detail")" "change $A profile revision=1"
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=4
same "$(last "form || ' ' || detail")" "participation revision=1 period=2026-02"
# a refused save records nothing
before=$(n 1)
expect 1 submit profile "$A" --set wellbeing=99
same "$(n 1)" "$before"

# a read, text and JSON; an unknown file number records nothing
expect 0 show "$A"
same "$(last "action || ' ' || file_no || ' ' || coalesce(form, '-') || ' ' || detail")" "read $A - show"
expect 0 show "$A" --json
same "$(last "action || ' ' || detail")" "read show json"
expect 1 show 1999-0001
same "$(last "detail")" "show json"
same "$(n "action = 'read'")" 2

# an export
expect 0 export profile
same "$(last "action || ' ' || coalesce(file_no, '-') || ' ' || form || ' ' || detail")" "export - profile format=csv"
expect 0 export intake --json
same "$(last "form || ' ' || detail")" "intake format=json"

# enrolment, leaving and closing a month are changes
expect 0 enrol "$B" paas_action --start 2026-01-15 --counsellor marie
same "$(last "action || ' ' || file_no || ' ' || detail")" \
	"change $B enrol programme=paas_action start=2026-01-15 counsellor=marie"
expect 0 leave "$B" --date 2026-02-20 --reason employment
same "$(last "detail")" "leave date=2026-02-20 reason=employment"
expect 0 month close 2026-02
same "$(last "action || ' ' || coalesce(file_no, '-') || ' ' || detail")" "change - close period=2026-02"
expect 1 month close 2026-13
same "$(last "detail")" "close period=2026-02"

# a read that cannot be recorded is not shown
cp "$PARCOURS_DB" "$T/ro.db"
chmod 444 "$T/ro.db"
expect 3 --db "$T/ro.db" show "$A"
[ ! -s "$T/out" ] && ok || bad "show printed a file it could not record reading"

# listing: text, CSV, JSON, by file, by login, since a day
total=$(n 1)
expect 0 audit
same "$(wc -l <"$T/out")" "$total"
expect 0 audit "$A"
same "$(wc -l <"$T/out")" "$(n "file_no = '$A'")"
hasnt "$T/out" "$B"
expect 0 audit "$A" --csv
same "$(head -1 "$T/out")" $'seq,at,login,face,action,file_no,form,detail,hash\r'
same "$(grep -c "^[0-9]*,.*,$me,cli,read,$A,,show," "$T/out")" 1
expect 0 audit --json --by "$me"
same "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$T/out') AS TEXT))")" "$total"
same "$(jq_ "$T/out" '$[0].action')" "role"
same "$(jq_ "$T/out" '$[0].hash')" "$(sql "SELECT hash FROM audit WHERE seq = 1")"
expect 0 audit --by nobody --json
same "$(cat "$T/out")" "[]"
expect 0 audit --since 2099-01-01 --csv
same "$(wc -l <"$T/out")" 1
expect 0 audit --since "$(date -u +%F)"
same "$(wc -l <"$T/out")" "$total"
expect 2 audit --since yesterday
expect 2 audit --csv --json
expect 0 audit --help
has "$T/out" "audit verify"

# only supervisors and admins read the log
sql "INSERT INTO staff (login, name, added_at) VALUES ('uid54321', 'Élise', 'x');
     INSERT INTO staff_role VALUES ('uid54321', 'counsellor')"
if [ "$(id -u)" = 0 ]; then
	# shared through a group, as an office shares it
	chgrp 54000 "$T" "$PARCOURS_DB"
	chmod 2770 "$T"
	chmod 660 "$PARCOURS_DB"
	rc=0
	setpriv --reuid=54321 --regid=54000 --clear-groups "$PARCOURS_BIN" audit \
		>"$T/out" 2>"$T/err" || rc=$?
	same "$rc" 1 "(a counsellor reads the audit log)"
	has "$T/err" "uid54321: only a supervisor or an administrator may read the audit log"
	[ ! -s "$T/out" ] && ok || bad "a refused audit printed something"
else
	bad "run as root: a counsellor is played with setpriv"
fi

# the chain: the documented SHA-256 over "<bytes>:<text>," fields, recomputed here
expect 0 audit verify
has "$T/out" "$total entries, chain intact"
has "$T/out" "last hash: $(last hash)"
for seq in 1 5 "$total"; do
	fields=$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT
		length(CAST(seq AS BLOB)) || ':' || seq || ',' ||
		coalesce(length(CAST(at AS BLOB)) || ':' || at || ',', '~,') ||
		coalesce(length(CAST(login AS BLOB)) || ':' || login || ',', '~,') ||
		coalesce(length(CAST(face AS BLOB)) || ':' || face || ',', '~,') ||
		coalesce(length(CAST(action AS BLOB)) || ':' || action || ',', '~,') ||
		coalesce(length(CAST(participant_id AS BLOB)) || ':' || participant_id || ',', '~,') ||
		coalesce(length(CAST(file_no AS BLOB)) || ':' || file_no || ',', '~,') ||
		coalesce(length(CAST(form AS BLOB)) || ':' || form || ',', '~,') ||
		coalesce(length(CAST(detail AS BLOB)) || ':' || detail || ',', '~,') ||
		coalesce(length(CAST(prev_hash AS BLOB)) || ':' || prev_hash || ',', '~,')
		FROM audit WHERE seq = $seq")
	same "$(printf '%s' "$fields" | sha256sum | cut -d' ' -f1)" \
		"$(sql "SELECT hash FROM audit WHERE seq = $seq")" "(hash of entry $seq)"
done
same "$(sql "SELECT prev_hash FROM audit WHERE seq = 1")" "$(printf '0%.0s' $(seq 64))"
same "$(sql "SELECT count(*) FROM audit a JOIN audit b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash")" 0

# append-only: the triggers refuse UPDATE and DELETE
sqlite3 "$PARCOURS_DB" "UPDATE audit SET detail = 'x' WHERE seq = 2" 2>"$T/err" && bad "UPDATE allowed"
has "$T/err" "never changed"
sqlite3 "$PARCOURS_DB" "DELETE FROM audit WHERE seq = 2" 2>"$T/err" && bad "DELETE allowed"
has "$T/err" "never deleted"

# with the triggers dropped by hand, verify finds an edited and a deleted row
tamper() { # NAME SQL: a copy of the database, tampered with
	cp "$PARCOURS_DB" "$T/$1.db"
	sqlite3 "$T/$1.db" "DROP TRIGGER audit_never_updated; DROP TRIGGER audit_never_deleted; $2"
}
tamper edited "UPDATE audit SET login = 'someone' WHERE seq = 4"
expect 3 --db "$T/edited.db" audit verify
has "$T/err" "audit 4: the chain is broken here: its content was changed after it was written"
has "$T/out" "3 entries intact before entry 4"
tamper deleted "DELETE FROM audit WHERE seq = 6"
expect 3 --db "$T/deleted.db" audit verify
has "$T/err" "audit 7: the chain is broken here: an entry before it is missing"
# a row rewritten with its own hash recomputed still breaks the next link
tamper rehashed "UPDATE audit SET detail = 'show', hash = '$(printf 'a%.0s' $(seq 64))' WHERE seq = 8"
expect 3 --db "$T/rehashed.db" audit verify
has "$T/err" "audit 8: "
tamper renumbered "DELETE FROM audit WHERE seq = 9; UPDATE audit SET seq = seq - 1 WHERE seq > 9"
expect 3 --db "$T/renumbered.db" audit verify
has "$T/err" "audit 9: "
tamper first "DELETE FROM audit WHERE seq = 1"
expect 3 --db "$T/first.db" audit verify
has "$T/err" "audit 2: "

# concurrent writers (4 processes, 10 saves each, each on its own file:
# two saves racing on one form are refused by design) keep one chain
for w in 1 2 3 4; do
	intake "Écrivain$w" Test 1980-01-0$w
	eval "W$w=\$(cat \"\$T/out\")"
done
before=$(n 1)
for w in 1 2 3 4; do
	eval "file=\$W$w"
	(for i in 1 2 3 4 5 6 7 8 9 10; do
		"$PARCOURS_BIN" submit profile "$file" --set wellbeing=$(((w + i) % 10 + 1)) >/dev/null 2>&1 ||
			echo "writer $w save $i failed" >>"$T/writers"
	done) &
done
wait
[ ! -s "$T/writers" ] && ok || bad "$(cat "$T/writers")"
same "$(n 1)" "$((before + 40))"
same "$(sql "SELECT max(seq) - min(seq) + 1 = count(*) FROM audit")" 1
expect 0 audit verify
has "$T/out" "$((before + 40)) entries, chain intact"
finish
