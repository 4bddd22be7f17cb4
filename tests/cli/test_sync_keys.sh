# Two copies never collide on creation (parcours(1) FILE NUMBERS AND SITE
# CODES, SYNC): between the same two syncs the office (no site code of
# its own numbering) and a laptop copy (site RN) each take people in, enrol
# them and write journal entries, on new people and on the same person.
# After the sync, both ways: nothing collided, both hold the same rows of
# the caseload, participant and enrolment keys are 32 random hex digits on
# both sides, the laptop's files are numbered RN-2026-NNNN, the office's
# new ones follow its plain sequence and the numbers that existed before
# are unchanged; the laptop's entry ids are random from 2^32, the office's
# stay a small sequence; someone the laptop's counsellor does not follow
# never reaches it.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
PARCOURS_DB=$O
ME=$(id -un)
mine="SELECT id FROM participant WHERE counsellor = '$ME'"
# the rows of the caseload that both copies must hold alike
data() {
	sqlite3 -batch "$1" "SELECT id, file_no, family_name, given_name, birth_date, counsellor,
	  programme FROM participant WHERE counsellor = '$ME' ORDER BY id;
	  SELECT id, participant_id, programme, start_date, end_date, hours, created_by FROM
	  enrolment WHERE participant_id IN ($mine) ORDER BY id;
	  SELECT id, participant_id, form, entry_date, created_by FROM entry WHERE participant_id
	  IN ($mine) ORDER BY id;
	  SELECT participant_id, form, period, revision, answers FROM revision WHERE participant_id
	  IN ($mine) ORDER BY 1, 2, 3, 4"
}
# keys DB TABLE: the keys of TABLE that are not 32 lower-case hex digits
keys() {
	sqlite3 -batch "$1" "SELECT id FROM $2 WHERE length(id) <> 32 OR id GLOB '*[^0-9a-f]*'"
}
note() { # note FILE_NO SUMMARY [DB]
	expect 0 --db "${3:-$O}" submit followup "$1" --set meeting_date=2026-03-12 \
		--set kind=phone --set summary="$2"
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
same "$A $B" "2026-0001 2026-0002"
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
expect 0 enrol "$A" chantier --start 2026-01-15 --hours 35 --contract-months 12
note "$A" "Avant la copie"
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
before=$(sql "SELECT id || ' ' || file_no FROM participant ORDER BY id")

# --- between two syncs, both sides create ---
# the laptop: two people of its own, an enrolment each for one of them
# and for B, entries on B, on its new person and on A
PARCOURS_DB=$L intake Roy Luc 1990-05-05; C=$(cat "$T/out")
PARCOURS_DB=$L intake Ouellet Anne 1975-02-02; D=$(cat "$T/out")
same "$C $D" "RN-2026-0001 RN-2026-0002" "(the laptop's numbers carry its site)"
expect 0 --db "$L" enrol "$C" chantier --start 2026-03-02 --hours 20 --contract-months 6
expect 0 --db "$L" enrol "$B" chantier --start 2026-03-09 --hours 30 --contract-months 6
note "$B" "Portable, B" "$L"
note "$C" "Portable, C" "$L"
note "$A" "Portable, A" "$L"
# the office: two people, one of them for the laptop's counsellor, an
# enrolment, entries on A and on its new person
intake Bouchard Zéphirine 1960-07-07; X=$(cat "$T/out")
intake Tremblay Jean 1980-01-01; Y=$(cat "$T/out")
same "$X $Y" "2026-0003 2026-0004" "(the office's numbers keep their form)"
expect 0 assign "$X" "$ME"
expect 0 enrol "$X" chantier --start 2026-03-02 --hours 35 --contract-months 12
note "$A" "Bureau, A"
note "$X" "Bureau, X"

# --- the sync, both ways (the second brings what the first confirmed) ---
expect 0 --db "$L" sync
has "$T/err" "0 conflicts"
has "$T/err" "1 people newly assigned to you arrived"
expect 0 --db "$L" sync
has "$T/err" "0 conflicts"
expect 0 sync conflicts
has "$T/out" "no sync conflict"

# nothing collided: every row is there once, on both sides
same "$(sql "SELECT count(*) FROM participant")" 6 "(the office: A B C D X Y)"
same "$(sqlite3 "$L" "SELECT count(*) FROM participant")" 5 "(the laptop: A B C D X)"
same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE file_no = '$Y'")" 0
same "$(sql "SELECT count(*) FROM enrolment")" 4
same "$(sql "SELECT count(*) FROM entry")" 6
same "$(data "$L")" "$(data "$O")" "(the laptop and the office differ)"
# the numbers: the laptop's with its site, the office's and the old ones as they were
same "$(sql "SELECT group_concat(file_no, ' ') FROM (SELECT file_no FROM participant
	ORDER BY file_no)")" "2026-0001 2026-0002 2026-0003 2026-0004 RN-2026-0001 RN-2026-0002"
for f in "$A" "$B"; do
	same "$(sql "SELECT id FROM participant WHERE file_no = '$f'")" \
		"$(echo "$before" | awk -v f="$f" '$2 == f { print $1 }')" "($f kept its key)"
	same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE file_no = '$f'")" 1
done
same "$(sql "SELECT family_name FROM participant WHERE file_no = '$C'")" Roy
same "$(sql "SELECT family_name FROM participant WHERE file_no = '$D'")" Ouellet
same "$(sql "SELECT family_name FROM participant WHERE file_no = '$X'")" Bouchard
same "$(sql "SELECT site || ':' || year || ':' || last FROM file_counter ORDER BY site")" \
	":2026:4" "(the office's counter did not take the laptop's numbers)"
same "$(sqlite3 "$L" "SELECT site || ':' || year || ':' || last FROM file_counter
	WHERE site = 'RN'")" "RN:2026:2"
# the keys promised: 32 random hex digits for people and enrolments
for db in "$O" "$L"; do
	same "$(keys "$db" participant)" "" "(participant keys in $db)"
	same "$(keys "$db" enrolment)" "" "(enrolment keys in $db)"
done
same "$(sql "SELECT count(DISTINCT substr(id, 1, 8)) FROM participant")" 6 "(keys look random)"
# entries: the laptop's from 2^32 up, the office's a small sequence
same "$(sql "SELECT group_concat(s, '|') FROM (SELECT json_extract(r.answers, '$.summary') s
	FROM entry e JOIN revision r ON r.period = CAST(e.id AS TEXT) AND r.form = e.form WHERE
	e.id >= 4294967296 ORDER BY 1)")" "Portable, A|Portable, B|Portable, C"
same "$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM entry WHERE id < 4294967296
	ORDER BY id)")" "1 2 3"
# A's journal holds its three entries on both sides, in the order written
same "$(sqlite3 "$L" "SELECT count(*) FROM entry e JOIN participant p ON p.id = e.participant_id
	WHERE p.file_no = '$A'")" 3
expect 0 check
expect 0 --db "$L" check
expect 0 audit verify
# and the new people are found by name on both sides
expect 0 participant find Roy
same "$(cut -f1 "$T/out")" "$C"
expect 0 --db "$L" participant find Bouchard
same "$(cut -f1 "$T/out")" "$X"
finish
