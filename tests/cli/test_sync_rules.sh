# The office applies its own rules to what a laptop sends (parcours(1)
# SYNC): each change is weighed for the laptop's login as it stands at the
# office now. A change about a person the office never sent it, a staff
# row, a form the login may not write, or answers the office's form
# refuses: the whole file is refused, nothing applied, an audit entry at the
# office, a message naming the site and the file number, and the laptop
# keeps its changes. What a laptop typed about a person reassigned since it
# received them is accepted, and they leave the laptop. An ordinary sync
# still applies everything, and a
# counsellor takes a new person's intake on a laptop (offline intake): the
# office holds them, assigned to that login, numbered with the laptop's site.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db
ME=$(id -un) CHEF=uid54100
# the shipped forms and a supervisors' note, at both ends
cp -r "$SRC/forms" "$T/forms"
cat >"$T/forms/secret.yaml" <<'YAML'
form: secret
version: 1
order: 95
title: {fr: "Note confidentielle", en: "Confidential note"}
period: none
access:
  read: [supervisor]
  write: [supervisor]
sections:
  - title: {fr: "Note", en: "Note"}
    fields:
      - name: note
        type: text
        label: {fr: "Note", en: "Note"}
YAML
export PARCOURS_FORMS=$T/forms
# what a refused file must leave as it was at the office
data() {
	sqlite3 -batch "$O" "SELECT id, file_no, counsellor, version FROM participant ORDER BY id;
	  SELECT participant_id, form, period, revision, answers FROM revision ORDER BY 1, 2, 3, 4;
	  SELECT * FROM staff ORDER BY login; SELECT * FROM staff_role ORDER BY 1, 2"
}
new_laptop() { L=$T/$1.db; expect 0 --db "$L" sync init "$O" --site "$1"; }
refusals() { sql "SELECT count(*) FROM audit WHERE action = 'sync_refused'"; }
# refused SITE FILE_NO TEXT: the laptop's sync is refused, nothing applied
# at the office, one more audit entry there, the laptop keeps its changes
refused() {
	local before count logged
	before=$(data) count=$(refusals) logged=$(sqlite3 "$L" "SELECT count(*) FROM sync_log")
	expect 1 --db "$L" sync
	has "$T/err" "site $1"
	[ -z "$2" ] || has "$T/err" "$2"
	has "$T/err" "$3"
	has "$T/err" "nothing was applied"
	has "$T/err" "the office refused the exchange"
	same "$(data)" "$before" "(a refused file changed the office)"
	same "$(refusals)" $((count + 1)) "(no audit entry of the refusal)"
	same "$(sqlite3 "$L" "SELECT count(*) FROM sync_log")" "$logged" "(the laptop lost changes)"
	same "$(sqlite3 "$L" "SELECT count(*) FROM sync_peer WHERE sent > 0")" 0
}

PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
expect 0 staff add "$CHEF" --name "Chef d'équipe" --role admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
expect 0 sync keygen --site BUR
# the laptop's login is a counsellor only at the office
as_expect 0 54100 staff role "$ME" counsellor
# at the office a counsellor takes no intake, as before
intake Roy Aurèle 1991-05-05
same "$rc" 1 "(a counsellor took an intake at the office)"
has "$T/err" "do not allow changing this form"
new_laptop RA
new_laptop RB

# an ordinary sync applies everything, an intake taken on the laptop included
L=$T/RA.db
expect 0 --db "$L" submit profile "$B" --set wellbeing=7
expect 0 --db "$L" participant add --set family_name=Tremblay --set given_name=Luc \
	--set birth_date=1990-01-01 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set income_source=last_resort --set far_from_labour_market=oui --set employment_barriers=oui
N=$(cat "$T/out")
same "$N" RA-2026-0001
same "$(sqlite3 "$L" "SELECT counsellor FROM participant WHERE file_no = '$N'")" "$ME"
expect 0 --db "$L" submit profile "$N" --set wellbeing=5
expect 0 --db "$L" sync
same "$(sql "SELECT counsellor FROM participant WHERE file_no = '$N'")" "$ME" \
	"(the office did not take the laptop's new person, assigned to its login)"
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
	AND participant_id = (SELECT id FROM participant WHERE file_no = '$N')")" 5
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
	AND participant_id = (SELECT id FROM participant WHERE file_no = '$B') ORDER BY revision
	DESC LIMIT 1")" 7
same "$(refusals)" 0
expect 0 --db "$L" participant find Tremblay
has "$T/out" "$N"

# a person reassigned at the office since the copy: what RB typed while it
# held them is theirs to send, and the exchange takes them off RB
L=$T/RB.db
as_expect 0 54100 assign "$A" "$CHEF"
expect 0 --db "$L" submit profile "$A" --set wellbeing=4
expect 0 --db "$L" sync
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
	AND participant_id = (SELECT id FROM participant WHERE file_no = '$A') ORDER BY revision
	DESC LIMIT 1")" 4
expect 0 --db "$L" sync
same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE file_no = '$A'")" 0
same "$(refusals)" 0

# a person the office never sent to the laptop (its record of whom RF holds
# emptied by hand, as a file forged about someone else would be): refused
new_laptop RF
expect 0 --db "$L" submit profile "$B" --set wellbeing=6
sqlite3 "$O" "DELETE FROM sync_held WHERE site = 'RF'"
as_expect 0 54100 assign "$B" "$CHEF"
refused RF "$B" "not in the caseload of $ME"
same "$(sql "SELECT file_no || ' ' || login FROM audit WHERE action = 'sync_refused'")" "$B $ME"
has <(sql "SELECT detail FROM audit WHERE action = 'sync_refused'") "site=RF"
as_expect 0 54100 audit verify
# the office's message names the site and the person in French too
LANGUAGE=fr run --db "$L" sync
has "$T/err" "site RF"
has "$T/err" "$B"
has "$T/err" "rien n'a été appliqué"
as_expect 0 54100 assign "$B" "$ME"

# a staff row changed on a laptop whose login was made admin there (forged)
new_laptop RC
sqlite3 "$L" "INSERT INTO staff_role (login, role) VALUES ('$ME', 'admin')"
expect 0 --db "$L" staff add mallory --name Mallory --role admin,supervisor
refused RC "" "the table staff is changed at the office only"
same "$(sql "SELECT count(*) FROM staff WHERE login = 'mallory'")" 0

# a form the login may not write at the office (a supervisor's role forged)
new_laptop RD
sqlite3 "$L" "INSERT INTO staff_role (login, role) VALUES ('$ME', 'supervisor')"
expect 0 --db "$L" submit secret "$B" --set note=Confidentiel
refused RD "$B" "do not allow changing the form secret"

# answers the office's form refuses (the laptop's forms were altered)
new_laptop RE
cp -r "$T/forms" "$T/lforms"
sed -i '71s/max: 10$/max: 100/' "$T/lforms/profile.yaml"
PARCOURS_FORMS=$T/lforms expect 0 --db "$L" submit profile "$B" --set wellbeing=50
refused RE "$B" "the office's form profile refuses these answers"
has "$T/err" "wellbeing"

# after all that, RA still syncs as it did
expect 0 --db "$T/RA.db" submit profile "$B" --set wellbeing=8
expect 0 --db "$T/RA.db" sync
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
	AND participant_id = (SELECT id FROM participant WHERE file_no = '$B') ORDER BY revision
	DESC LIMIT 1")" 8
finish
