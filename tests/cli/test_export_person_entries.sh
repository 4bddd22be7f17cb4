# export-person holds every entry of a form kept as entries (followup), each
# with all its revisions, the corrected text kept: text names the entry and
# its date; JSON gives each revision its entry id and date beside the period.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
entry_of() { sed -n "1s/.*entry \([0-9]*\) added.*/\1/p" "$T/out"; }
expect 0 submit followup "$A" --set meeting_date=2026-02-10 --set kind=in_person --set summary="Premier entretien"
E1=$(entry_of)
expect 0 submit followup "$B" --set meeting_date=2026-02-11 --set kind=phone --set summary="Appel de Gérald"
expect 0 submit followup "$A" --set meeting_date=2026-03-02 --set kind=phone --set summary="Appel de suivi"
E2=$(entry_of)
# a correction of the first entry: a second revision, the first text kept
expect 0 submit followup "$A" --entry "$E1" --set summary="Premier entretien, CV revu"
same "$(sql "SELECT count(*) FROM revision r JOIN participant p ON p.id = r.participant_id
             WHERE p.file_no = '$A' AND r.form = 'followup'")" 3

# ---- text ----
expect 0 export-person "$A"
cp "$T/out" "$T/a.txt"
has "$T/a.txt" "Follow-up, entry $E1 of 2026-02-10 (revision 1,"
has "$T/a.txt" "Follow-up, entry $E1 of 2026-02-10 (revision 2,"
has "$T/a.txt" "Follow-up, entry $E2 of 2026-03-02 (revision 1,"
has "$T/a.txt" "Summary: Premier entretien"
has "$T/a.txt" "Summary: Premier entretien, CV revu"
has "$T/a.txt" "Summary: Appel de suivi"
hasnt "$T/a.txt" "Appel de Gérald"
[ "$(grep -c '^Follow-up, entry' "$T/a.txt")" = 3 ] && ok || bad "not every follow-up revision is there"
LANGUAGE=fr expect 0 export-person "$A"
has "$T/out" "Suivi, entrée $E1 du 2026-02-10 (révision 2,"

# ---- JSON ----
expect 0 export-person "$A" --json
cp "$T/out" "$T/a.json"
q() { sqlite3 -batch -noheader :memory: "SELECT $1 FROM json_each(CAST(readfile('$T/a.json') AS TEXT), '\$.revisions') WHERE json_extract(value, '\$.form') = 'followup' ${2:-}"; }
same "$(q 'count(*)')" 3
same "$(q "group_concat(json_extract(value, '\$.entry') || '/' || json_extract(value, '\$.revision') || '/' || json_extract(value, '\$.entry_date'), ' ')")" \
	"$E1/1/2026-02-10 $E1/2/2026-02-10 $E2/1/2026-03-02"
same "$(q "json_extract(value, '\$.answers.summary')" "AND json_extract(value, '\$.revision') = 1 AND json_extract(value, '\$.entry') = $E1")" \
	"Premier entretien"
# forms that are not entries keep no entry key
same "$(sqlite3 -batch -noheader :memory: "SELECT count(*) FROM json_each(CAST(readfile('$T/a.json') AS TEXT), '\$.revisions') WHERE json_extract(value, '\$.form') = 'intake' AND json_extract(value, '\$.entry') IS NULL")" 1
finish
