# Sync through `sync serve` as over SSH (a stand-in `ssh` that runs the
# command locally: the same pipes and framed protocol): three databases (an
# office and two laptops) change and converge; the same form changed on
# both sides is kept as two versions until a person decides, never
# silently; a sync cut after the office applied is run again and applies
# nothing twice; a counsellor's laptop receives only the changes about the
# people they follow; an office without the copy's key refuses the exchange.
# A copy holds its login's caseload alone (any role); a person newly
# assigned to it at the office reaches it whole at the next sync
# (test_sync_assign.sh has the details).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db A=$T/rn.db B=$T/vd.db
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SH'
#!/bin/sh
# ssh HOST COMMAND: runs COMMAND here through a shell, as sshd runs it with
# the login's shell; SSH_CUT=1 loses the office's answer to the changes
# (what follows its first, empty answer: the forms are the same)
echo "$1" >>"$SSH_LOG"
shift
if [ "${SSH_CUT:-}" = 1 ]; then
	sh -c "$*" | head -c 5
	exit 0
fi
exec sh -c "$*"
SH
chmod +x "$T/bin/ssh"
export PARCOURS_SSH=$T/bin/ssh PARCOURS_REMOTE=$PARCOURS_BIN SSH_LOG=$T/ssh.log
ME=$(id -un)
# what the laptops and the office share: the caseload of the laptops' login
data() {
	sqlite3 -batch "$1" "SELECT id, file_no, family_name, status, version FROM participant
	  WHERE counsellor = '$ME' ORDER BY id; SELECT participant_id, form, period, revision,
	  answers FROM revision WHERE participant_id IN (SELECT id FROM participant WHERE
	  counsellor = '$ME') ORDER BY 1, 2, 3, 4"
}

PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; P1=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; P2=$(cat "$T/out")
intake Bouchard Zéphirine 1960-07-07; P3=$(cat "$T/out")
expect 0 assign "$P1" "$ME"
expect 0 assign "$P2" "$ME"
expect 0 sync keygen --site BUR
expect 3 --db "$A" sync
expect 0 --db "$A" sync init "ssh://office.example$O" --site RN
has "$T/err" "copy made"
same "$(cat "$T/ssh.log")" "office.example"
expect 0 --db "$B" sync init "ssh://office.example$O" --site VD
expect 1 --db "$T/x.db" sync init "ssh://office.example$O" --site RN
has "$T/err" "site RN is taken"
# a code the numbering of files cannot take is refused, saying what one is
expect 1 --db "$T/x.db" sync init "ssh://office.example$O" --site ABCDEFGHIJKLMNOPQ
has "$T/err" "1 to 16 of A-Z, 0-9 and -"
expect 1 --db "$T/x.db" sync init "ssh://office.example$O" --site rn
# each copy holds the caseload of its login, nobody else
for db in "$A" "$B"; do
	same "$(sqlite3 "$db" "SELECT count(*) FROM participant")" 2
	if grep -qa "Bouchard" "$db"; then bad "$db holds $P3"; else ok; fi
done
same "$(sqlite3 "$B" "SELECT code FROM local_site")" VD

# three sides change different forms
expect 0 --db "$A" submit profile "$P1" --set wellbeing=7
expect 0 --db "$B" submit profile "$P2" --set wellbeing=4
expect 0 submit participation "$P1" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=4
expect 0 --db "$A" sync
has "$T/err" "sending"
has "$T/err" "changes from BUR"
expect 0 --db "$B" sync
expect 0 --db "$A" sync
same "$(data "$A")" "$(data "$O")" "(RN and the office differ)"
same "$(data "$B")" "$(data "$O")" "(VD and the office differ)"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 2

# the same form of the same person on two sides: both kept, never silently
expect 0 --db "$A" submit profile "$P2" --set wellbeing=9
expect 0 submit profile "$P2" --set wellbeing=2
expect 0 --db "$A" sync
has "$T/err" "1 conflicts"
expect 0 sync conflicts
has "$T/out" "$P2 profile revision 2: two versions"
has "$T/out" '"wellbeing":2'
has "$T/out" '"wellbeing":9'
expect 0 --db "$A" sync conflicts "$P2"
has "$T/out" "two versions"
# the office's revision 2 stays current until someone decides
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
	AND participant_id = (SELECT id FROM participant WHERE file_no = '$P2') ORDER BY revision DESC
	LIMIT 1")" 2
expect 2 sync resolve "$P2" profile --keep both
expect 1 sync resolve "$P1" profile --keep theirs
expect 0 sync resolve "$P2" profile --keep theirs
has "$T/out" "revision 3"
expect 0 sync conflicts
has "$T/out" "no sync conflict"
same "$(sql "SELECT resolution FROM sync_conflict")" "theirs"
same "$(sql "SELECT count(*) FROM audit WHERE detail = 'sync conflict revision=2 from=RN kept=theirs saved=3'")" 1
# the decision reaches the laptop like any save, and closes its conflict
expect 0 --db "$A" sync
has "$T/err" "1 conflict decided at BUR closed here"
same "$(sqlite3 "$A" "SELECT resolution FROM sync_conflict")" settled
same "$(sqlite3 "$A" "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE
	form = 'profile' AND revision = 3")" 9

# cut after the office applied: run again, nothing applied twice
expect 0 --db "$A" submit profile "$P1" --set wellbeing=5
n=$(sql "SELECT count(*) FROM revision")
SSH_CUT=1 expect 3 --db "$A" sync
has "$T/err" "did not answer"
same "$(sql "SELECT count(*) FROM revision")" $((n + 1))
expect 0 --db "$A" sync
has "$T/err" "0 conflicts"
same "$(sql "SELECT count(*) FROM revision")" $((n + 1))
same "$(sql "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")" 0
expect 0 audit verify

# the office works on P3, whom no laptop follows: no sync fails for it
expect 0 submit profile "$P3" --set wellbeing=3
expect 0 enrol "$P3" chantier --start 2026-01-15 --hours 35 --contract-months 12
expect 0 renew "$P3" --months 6
expect 0 --db "$A" sync
has "$T/err" "0 conflicts"
hasnt "$T/err" "left aside"
same "$(sqlite3 "$A" "SELECT count(*) FROM contract_term")" 0
same "$(sqlite3 "$A" "SELECT count(*) FROM enrolment")" 0
same "$(sqlite3 "$A" "SELECT count(*) FROM participant WHERE file_no = '$P3'")" 0
# P3 newly assigned to the laptop's login: the next sync brings them whole
expect 0 assign "$P3" "$ME"
expect 0 submit profile "$P3" --set wellbeing=4
expect 0 --db "$A" sync
has "$T/err" "1 people newly assigned to you arrived"
hasnt "$T/err" "sync init"
same "$(sqlite3 "$A" "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN
	participant p ON p.id = r.participant_id WHERE p.file_no = '$P3' AND form = 'profile'
	ORDER BY revision DESC LIMIT 1")" 4
same "$(sqlite3 "$A" "SELECT count(*) FROM contract_term")" \
	"$(sql "SELECT count(*) FROM contract_term")"
expect 0 --db "$A" sync
expect 0 --db "$T/rn2.db" sync init "ssh://office.example$O" --site RN2
same "$(sqlite3 "$T/rn2.db" "SELECT count(*) FROM participant")" 3
same "$(sqlite3 "$T/rn2.db" "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN
	participant p ON p.id = r.participant_id WHERE p.file_no = '$P3' AND form = 'profile'
	ORDER BY revision DESC LIMIT 1")" 4

# a counsellor's laptop receives the changes about the people they follow
# only (VD stands for the laptop of counsellor uid5001, who follows P2)
expect 0 staff add uid5001 --name "Conseillère" --role counsellor
expect 0 assign "$P2" uid5001
sqlite3 "$O" "UPDATE sync_peer SET login = 'uid5001' WHERE site = 'VD'"
expect 0 submit profile "$P1" --set wellbeing=6
expect 0 submit profile "$P2" --set wellbeing=7
expect 0 --db "$B" sync
same "$(sqlite3 "$B" "SELECT counsellor FROM participant WHERE file_no = '$P2'")" uid5001
same "$(sqlite3 "$B" "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN
	participant p ON p.id = r.participant_id WHERE p.file_no = '$P2' AND form = 'profile'
	ORDER BY revision DESC LIMIT 1")" 7
same "$(sqlite3 "$B" "SELECT count(*) FROM revision r JOIN participant p ON
	p.id = r.participant_id WHERE p.file_no = '$P1' AND json_extract(answers, '$.wellbeing') = 6")" 0

# the copy of uid5001 is theirs: another counsellor may not bring its file in
expect 0 staff add uid5002 --name "Autre" --role counsellor
expect 0 --db "$B" sync export "$T/vd.sync"
chmod 644 "$T/vd.sync"
n=$(sql "SELECT count(*) FROM sync_log")
as_expect 1 5002 sync import "$T/vd.sync"
has "$T/err" "only they or a supervisor"
same "$(sql "SELECT count(*) FROM sync_log")" "$n"

# a copy whose key the office does not know is refused, nothing applied
sqlite3 "$O" "DELETE FROM sync_peer WHERE site = 'VD'"
expect 0 --db "$B" submit profile "$P2" --set wellbeing=1
n=$(sql "SELECT count(*) FROM revision")
expect 1 --db "$B" sync
has "$T/err" "does not know"
same "$(sql "SELECT count(*) FROM revision")" "$n"

# an office key whose first bytes read as blanks (a key is random: about
# one in forty starts with one) still reaches the copy whole: the answer is
# cut by position, not by a scanner that skips white space
O2=$T/office2.db
expect 0 --db "$O2" init
expect 0 --db "$O2" staff role "$ME" admin,supervisor,counsellor
expect 0 --db "$O2" sync keygen --site BU2
k=$(sqlite3 "$O2" "SELECT hex(substr(public_key, 4)) FROM sync_self")
sqlite3 "$O2" "UPDATE sync_self SET public_key = X'0A2009$k'"
expect 0 --db "$T/blank.db" sync init "ssh://office.example$O2" --site RB
same "$(sqlite3 "$T/blank.db" "SELECT hex(public_key) FROM sync_peer WHERE site = 'BU2'")" \
	"$(sqlite3 "$O2" "SELECT hex(public_key) FROM sync_self")"
finish
