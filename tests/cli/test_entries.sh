# Forms kept as entries (period: entry), through the real binary: submit
# adds an entry and prints its id, --entry revises one with the keep-the-rest
# merge and a per-entry base revision, show and export give every entry,
# access applies as to any form, and a schema-3 database's followup
# revisions become entries on `parcours init`.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
# jlen FILE PATH: the length of a JSON array in a file
jlen() { sqlite3 -batch -noheader :memory: "SELECT json_array_length(CAST(readfile('$1') AS TEXT), '$2')"; }

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")

# ---- adding entries ----
expect 0 submit followup "$A" --set meeting_date=2026-03-02 --set kind=phone \
	--set summary="Premier appel"
has "$T/out" "$A followup: entry 1 added (revision 1 saved)"
E1=$(sed -n 's/.*: entry \([0-9]*\) added.*/\1/p' "$T/out")
same "$E1" 1
expect 0 submit followup "$A" --set meeting_date=2026-03-09 --set kind=in_person \
	--set summary="Rencontre au bureau" --set wellbeing=6
E2=$(sed -n 's/.*: entry \([0-9]*\) added.*/\1/p' "$T/out")
same "$E2" 2
# a second save without --entry is a new meeting, never a revision of the last
expect 0 submit followup "$B" --set meeting_date=2026-03-10 --set kind=group_workshop \
	--set summary="Atelier CV"
E3=$(sed -n 's/.*: entry \([0-9]*\) added.*/\1/p' "$T/out")
same "$(sql "SELECT count(*) FROM entry")" 3
same "$(sql "SELECT count(*) FROM revision WHERE form = 'followup'")" 3
same "$(sql "SELECT entry_date || ' ' || created_by FROM entry WHERE id = $E2")" "2026-03-09 $(id -un)"
# each entry its own revision 1, under period = its id
same "$(sql "SELECT group_concat(period || ':' || revision, ' ') FROM (SELECT * FROM revision WHERE form = 'followup' ORDER BY period)")" \
	"1:1 2:1 3:1"
# a new entry starts from nothing: a missing required answer is refused
expect 1 submit followup "$A" --set meeting_date=2026-03-11
has "$T/err" "summary: "
has "$T/err" "kind: "
same "$(sql "SELECT count(*) FROM entry")" 3
# dry run: says an entry would be added, adds none
expect 0 submit followup "$A" --set meeting_date=2026-03-11 --set kind=no_show \
	--set summary="Absente" --dry-run
has "$T/out" "a new entry would be added"
same "$(sql "SELECT count(*) FROM entry")" 3

# ---- revising an entry: keep the rest, the earlier text kept ----
expect 0 submit followup "$A" --entry "$E1" --set summary="Premier appel, rappel laissé"
has "$T/out" "$A followup: entry $E1, revision 2 saved"
has "$T/out" "summary: Premier appel -> Premier appel, rappel laissé"
same "$(sql "SELECT json_extract(answers, '\$.kind') FROM revision WHERE form = 'followup' AND period = '$E1' AND revision = 2")" phone
same "$(sql "SELECT json_extract(answers, '\$.summary') FROM revision WHERE form = 'followup' AND period = '$E1' AND revision = 1")" "Premier appel"
# the other entry is untouched
same "$(sql "SELECT max(revision) FROM revision WHERE form = 'followup' AND period = '$E2'")" 1
# the meeting date moves the entry's date
expect 0 submit followup "$A" --entry "$E1" --set meeting_date=2026-03-03
same "$(sql "SELECT entry_date FROM entry WHERE id = $E1")" 2026-03-03
# --base-revision is per entry: 3 is the latest of E1, 1 that of E2
expect 1 submit followup "$A" --entry "$E1" --base-revision 2 --set wellbeing=5
has "$T/err" "followup: revision 3 was saved by"
expect 0 submit followup "$A" --entry "$E2" --base-revision 1 --set wellbeing=5
expect 0 submit followup "$A" --entry "$E1" --base-revision 3 --set wellbeing=4
has "$T/out" "entry $E1, revision 4 saved"
# refused: an entry of another file, an unknown entry, a month, --entry elsewhere
expect 1 submit followup "$A" --entry "$E3" --set wellbeing=5
has "$T/err" "entry: file $A has no entry $E3 of the form \"followup\""
expect 1 submit followup "$A" --entry 99 --set wellbeing=5
has "$T/err" "entry: "
expect 1 submit followup "$A" --period 2026-03 --set wellbeing=5
has "$T/err" "period: the form \"followup\" is kept as entries"
expect 1 submit profile "$A" --entry 1 --set wellbeing=5
has "$T/err" "entry: the form \"profile\" is not kept as entries"
expect 2 submit followup "$A" --entry 0 --set wellbeing=5
expect 2 submit followup "$A" --entry abc --set wellbeing=5
expect 2 submit followup "$A" --entry -3 --set wellbeing=5
same "$(sql "SELECT count(*) FROM revision WHERE form = 'followup'")" 7
expect 0 submit --help
has "$T/out" "--entry ID"

# the audit log names the entry of each change
expect 0 audit --csv
has "$T/out" ",followup,revision=1 entry=$E1,"
has "$T/out" ",followup,revision=4 entry=$E1,"

# ---- show: every entry, newest first ----
expect 0 show "$A"
has "$T/out" "Follow-up (2 entries, newest first)"
has "$T/out" "Entry $E2, 2026-03-09, by $(id -un)"
has "$T/out" "Entry $E1, 2026-03-03, by $(id -un)"
has "$T/out" "Premier appel, rappel laissé"
hasnt "$T/out" "Atelier CV"
[ "$(grep -n "Entry $E2," "$T/out" | cut -d: -f1)" -lt "$(grep -n "Entry $E1," "$T/out" | cut -d: -f1)" ] \
	&& ok || bad "show: entries not newest first"
expect 0 show "$A" --json
cp "$T/out" "$T/a.json"
same "$(jq_ "$T/a.json" '$.forms.followup.entries[0].id')" "$E2"
same "$(jq_ "$T/a.json" '$.forms.followup.entries[0].date')" 2026-03-09
same "$(jq_ "$T/a.json" '$.forms.followup.entries[0].author')" "$(id -un)"
same "$(jq_ "$T/a.json" '$.forms.followup.entries[0].revision_count')" 2
same "$(jq_ "$T/a.json" '$.forms.followup.entries[1].id')" "$E1"
same "$(jq_ "$T/a.json" '$.forms.followup.entries[1].revision_count')" 4
same "$(jq_ "$T/a.json" '$.forms.followup.entries[1].current.summary')" "Premier appel, rappel laissé"
same "$(jq_ "$T/a.json" '$.forms.followup.entries[1].revisions[0].answers.summary')" "Premier appel"
same "$(jlen "$T/a.json" '$.forms.followup.entries')" 2
same "$(jq_ "$T/a.json" '$.forms.followup.form_version')" 3
# other forms keep their shape
same "$(jq_ "$T/a.json" '$.forms.intake.current.family_name')" "Côté"

# ---- export: one row per entry, entry, date and author first ----
expect 0 export followup --csv
same "$(head -1 "$T/out" | cut -d, -f1-8)" "file_no,entry,date,author,revision,form_version,by,at"
same "$(wc -l <"$T/out")" 4 "(header + 3 entries)"
grep "^$A,$E1," "$T/out" >"$T/row1"
has "$T/row1" "$A,$E1,2026-03-03,$(id -un),4,3,"
has "$T/row1" "Premier appel, rappel laissé"
grep -q "^$B,$E3,2026-03-10," "$T/out" && ok || bad "export: no row for $B's entry"
expect 0 export followup --json
same "$(jlen "$T/out" '$')" 3
same "$(jq_ "$T/out" '$[0].entry')" "$E1"
same "$(jq_ "$T/out" '$[0].date')" 2026-03-03
same "$(jq_ "$T/out" '$[0].revision')" 4
same "$(jq_ "$T/out" '$[1].entry')" "$E2"
same "$(jq_ "$T/out" '$[2].file_no')" "$B"

# ---- access: as for any form ----
if [ "$(id -u)" = 0 ]; then
	FD=54501 C1=54502 C2=54503
	expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
	expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
	expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
	expect 0 enrol "$A" paas_action --start 2026-01-15 --counsellor uid$C1
	as_expect 0 $C1 submit followup "$A" --set meeting_date=2026-03-12 --set kind=phone \
		--set summary="Appel de suivi"
	same "$(sql "SELECT created_by FROM entry ORDER BY id DESC LIMIT 1")" uid$C1
	as_expect 1 $C2 submit followup "$A" --set meeting_date=2026-03-12 --set kind=phone \
		--set summary="Pas mon dossier"
	as_expect 1 $C2 submit followup "$A" --entry "$E1" --set wellbeing=2
	as_expect 1 $FD submit followup "$A" --set meeting_date=2026-03-12 --set kind=phone \
		--set summary="Accueil"
	same "$(sql "SELECT count(*) FROM entry")" 4
	# a counsellor's export: the entries of their caseload only
	as_expect 0 $C1 export followup --csv
	same "$(wc -l <"$T/out")" 4 "(header + $A's 3 entries)"
	hasnt "$T/out" "$B,"
	as_expect 0 $C2 export followup --csv
	same "$(wc -l <"$T/out")" 1
	as_expect 0 $C2 show "$A" --json
	same "$(jq_ "$T/out" '$.forms.followup')" ""
fi

# a reason given with a new entry is kept with that entry's revision
expect 0 submit followup "$B" --set meeting_date=2026-03-11 --set kind=phone \
	--set summary="Appel" --reason "saisie tardive"
E4=$(sed -n 's/.*: entry \([0-9]*\) added.*/\1/p' "$T/out")
same "$(sql "SELECT period || '/' || revision FROM month_change WHERE reason = 'saisie tardive'")" "$E4/1"

# ---- a schema-3 database: old followup revisions become entries ----
rm -f "$T"/old.db*
O=$T/old.db
me=$(id -un)
sqlite3 "$O" ".read $SRC/data/001_initial.sql" ".read $SRC/data/002_programmes.sql" \
	".read $SRC/data/003_staff_audit.sql" \
	"PRAGMA user_version = 3" "PRAGMA application_id = 1346589267" \
	"INSERT INTO staff VALUES ('$me', '$me', 0, NULL, '2025-01-01T00:00:00Z', 1)" \
	"INSERT INTO staff_role VALUES ('$me', 'supervisor')" \
	"INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
	        created_at, updated_at) VALUES
	        ('p1', '2025-0001', 'Côté', 'Élise', 'cote', 'elise', '2025-01-01', '2025-01-01'),
	        ('p2', '2025-0002', 'Roy', 'Luc', 'roy', 'luc', '2025-01-01', '2025-01-01')" \
	"INSERT INTO revision VALUES
	 ('p1', 'followup', '', 1, 1, '{\"meeting_date\":\"2025-02-03\",\"kind\":\"phone\",\"summary\":\"Appel\"}', 'ana', '2025-02-03T15:00:00Z'),
	 ('p1', 'followup', '', 2, 1, '{\"meeting_date\":\"2025-02-10\",\"kind\":\"in_person\",\"summary\":\"Rencontre\"}', 'ana', '2025-02-10T15:00:00Z'),
	 ('p1', 'followup', '', 3, 1, '{\"meeting_date\":\"2025-02-10\",\"kind\":\"in_person\",\"summary\":\"Rencontre, corrigée\"}', 'bob', '2025-02-11T09:00:00Z'),
	 ('p1', 'followup', '', 4, 1, '{\"meeting_date\":\"2025-03-01\",\"kind\":\"video\",\"summary\":\"Visio\"}', 'bob', '2025-03-01T10:00:00Z'),
	 ('p2', 'followup', '', 1, 1, '{\"meeting_date\":\"2025-02-05\",\"kind\":\"phone\",\"summary\":\"Autre\"}', 'ana', '2025-02-05T10:00:00Z'),
	 ('p1', 'profile', '', 1, 1, '{\"wellbeing\":5}', 'ana', '2025-02-03T15:00:00Z')" \
	"INSERT INTO draft VALUES
	 ('p1', 'followup', '', 'ana', '{\"meeting_date\":\"2025-03-01\",\"summary\":\"Visio, précisé\"}', 4, '2025-03-02T00:00:00Z'),
	 ('p1', 'followup', '', 'bob', '{\"meeting_date\":\"2025-03-20\",\"summary\":\"Nouvelle\"}', 4, '2025-03-20T00:00:00Z')"
expect 3 --db "$O" show 2025-0001
has "$T/err" "parcours init"
expect 0 --db "$O" init
# the newest schema, whichever later migrations add
has "$T/out" "schema $(ls "$SRC"/data/*.sql | sed 's#.*/0*\([0-9]*\)_.*#\1#' | sort -n | tail -1)"
# four meetings: p1's revisions 2 and 3 were one meeting (same date), corrected
same "$(sql_o() { sqlite3 -batch -noheader "$O" "$1"; }; sql_o "SELECT group_concat(id || ' ' || participant_id || ' ' || entry_date || ' ' || created_by, ', ') FROM (SELECT * FROM entry ORDER BY id)")" \
	"1 p1 2025-02-03 ana, 2 p1 2025-02-10 ana, 3 p1 2025-03-01 bob, 4 p2 2025-02-05 ana"
same "$(sqlite3 -batch -noheader "$O" "SELECT group_concat(participant_id || ':' || period || ':' || revision || ':' || saved_by, ' ') FROM (SELECT * FROM revision WHERE form = 'followup' ORDER BY participant_id, period, revision)")" \
	"p1:1:1:ana p1:2:1:ana p1:2:2:bob p1:3:1:bob p2:4:1:ana"
# every answer kept; other forms untouched; the guard against changes is back
same "$(sqlite3 -batch -noheader "$O" "SELECT json_extract(answers, '\$.summary') FROM revision WHERE period = '2' AND revision = 1")" "Rencontre"
same "$(sqlite3 -batch -noheader "$O" "SELECT period || revision FROM revision WHERE form = 'profile'")" "1"
if sqlite3 "$O" "UPDATE revision SET saved_by = 'x'" 2>/dev/null; then bad "revisions writable after the migration"; else ok; fi
# drafts: a correction of the last meeting follows its entry, a new meeting stays new
same "$(sqlite3 -batch -noheader "$O" "SELECT period || '/' || base_revision FROM draft WHERE login = 'ana'")" "3/1"
same "$(sqlite3 -batch -noheader "$O" "SELECT period || '/' || base_revision FROM draft WHERE login = 'bob'")" "/0"
expect 0 --db "$O" show 2025-0001 --json
same "$(jlen "$T/out" '$.forms.followup.entries')" 3
same "$(jq_ "$T/out" '$.forms.followup.entries[0].id')" 3
same "$(jq_ "$T/out" '$.forms.followup.entries[1].revision_count')" 2
same "$(jq_ "$T/out" '$.forms.followup.entries[1].current.summary')" "Rencontre, corrigée"
expect 0 --db "$O" submit followup 2025-0001 --set meeting_date=2026-03-12 --set kind=phone \
	--set summary="Après la migration"
has "$T/out" "entry 5 added"
expect 0 --db "$O" submit followup 2025-0001 --entry 2 --base-revision 2 --set duration=1:00
has "$T/out" "entry 2, revision 3 saved"
finish
