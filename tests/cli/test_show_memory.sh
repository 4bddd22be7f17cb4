#!/bin/bash
# show and export-person stream a file of thousands of revisions (issue 16):
# one person with 3,000 saves of the profile and 600 of the plan (written
# by SQL from real saves) must cost less than 6 MB more than a person with
# one of each (they used to gather and parse every revision first: 12-18 MB
# more here; now about 2 MB, 3 under ASan, mostly the 2 MiB page cache
# filling), and still say everything: every revision in --json, the
# reasons, the plan's changes of status, and nothing at all of a file one
# of whose revisions is damaged.
. "$(dirname "$0")/lib.sh"
export LANGUAGE=en

expect 0 init
expect 0 staff role "$(id -un)" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
note=$(printf 'Suivi régulier, %.0s' $(seq 40))
for p in "$A" "$B"; do
	expect 0 submit profile "$p" --set wellbeing=6 --set health_followup=false \
		--set support_note="$note" --set interests="Menuiserie, cuisine"
	expect 0 submit plan "$p" --set plan_date=2026-03-01 --set goal="Retour aux études" \
		--set objectives.1.objective="Obtenir mon permis" --set objectives.1.domain=living \
		--set objectives.1.responsible=participant --set objectives.1.due_date=2026-06-30 \
		--set objectives.1.status=planned --set objectives.1.status_date=2026-03-01
done
# A's profile saved 3,000 times, its plan 600 times (the objective's status
# changes every 200 saves), two saves with a reason
sql "WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers,
                           saved_by, saved_at)
     SELECT r.participant_id, r.form, r.period, k.i, r.form_version,
            json_set(r.answers, '$.interests', 'Menuiserie, save ' || k.i), r.saved_by,
            r.saved_at FROM revision r, k
     WHERE r.form = 'profile' AND r.participant_id = (SELECT id FROM participant WHERE file_no = '$A');
     WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < 600)
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers,
                           saved_by, saved_at)
     SELECT r.participant_id, r.form, r.period, k.i, r.form_version,
            json_set(r.answers, '$.objectives[0].status',
                     CASE k.i / 200 WHEN 0 THEN 'planned' WHEN 1 THEN 'in_progress' ELSE 'achieved' END,
                     '$.objectives[0].status_date', printf('2026-03-%02d', 1 + k.i / 200)),
            r.saved_by, r.saved_at FROM revision r, k
     WHERE r.form = 'plan' AND r.participant_id = (SELECT id FROM participant WHERE file_no = '$A');
     INSERT INTO month_change (participant_id, form, period, revision, reason, changed_by, changed_at)
     SELECT id, 'profile', '', 1500, 'Correction demandée', 'x', '2026-03-01T00:00:00Z'
       FROM participant WHERE file_no = '$A';
     INSERT INTO month_change (participant_id, form, period, revision, reason, changed_by, changed_at)
     SELECT id, 'plan', '', 600, 'Bilan', 'x', '2026-03-01T00:00:00Z'
       FROM participant WHERE file_no = '$A';"
same "$(sql "SELECT count(*) FROM revision r JOIN participant p ON p.id = r.participant_id
             WHERE p.file_no = '$A'")" 3601 "revisions of A"

peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
# grows CMD...: the command on A costs less than 6 MB more than on B; A's
# output is left in $T/out
grows() {
	local small big
	small=$(peak "$@" "$B")
	big=$(peak "$@" "$A")
	echo "$*: A ${big} KB, B ${small} KB"
	if [ $((big - small)) -lt 6144 ]; then ok; else bad "$* grew by $((big - small)) KB for 3,600 revisions"; fi
}
json_ok() { # the same check as test_damaged.sh's
	if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))' "$1" 2>"$T/py"; then
		ok
	else
		bad "$2: invalid JSON: $(tail -1 "$T/py")"
	fi
}
revs() { sqlite3 -batch -noheader :memory: "SELECT json_array_length(json_extract(CAST(readfile('$T/out') AS TEXT), '$1'))"; }

grows show
has "$T/out" "Psychosocial profile (revision 3000,"
has "$T/out" "Interests: Menuiserie, save 3000"
has "$T/out" "  Reason given with revision 1500: Correction demandée"
has "$T/out" "  Reason given with revision 600: Bilan"
has "$T/out" "    Obtenir mon permis: Planned 2026-03-01, In progress 2026-03-02, Achieved 2026-03-03"
same "$(grep -c "Reason given" "$T/out")" 2 "reasons in show"

grows show --json
json_ok "$T/out" "show --json"
same "$(revs '$.forms.profile.revisions')" 3000 "profile revisions in show --json"
same "$(revs '$.forms.plan.revisions')" 600 "plan revisions in show --json"
same "$(jq_ "$T/out" '$.forms.profile.current.interests')" "Menuiserie, save 3000"
same "$(jq_ "$T/out" '$.forms.profile.revisions[1499].reason')" "Correction demandée"
same "$(jq_ "$T/out" '$.forms.profile.revisions[2999].answers.interests')" "Menuiserie, save 3000"

grows export-person --json
json_ok "$T/out" "export-person --json"
same "$(revs '$.revisions')" 3601 "revisions in export-person --json (the intake's too)"
# by form (intake, plan, profile), then revision
same "$(jq_ "$T/out" '$.revisions[2100].reason')" "Correction demandée"

grows export-person
same "$(grep -c "^Psychosocial profile (revision" "$T/out")" 3000 "profile revisions in export-person"
has "$T/out" "  Reason given: Bilan"
has "$T/out" "Who read or changed this file"

# one damaged revision among thousands: an error and nothing written
trig=$(sql "SELECT sql FROM sqlite_master WHERE name = 'revision_never_updated'")
sql "DROP TRIGGER revision_never_updated;
     UPDATE revision SET answers = '{\"wellbeing\":\"abc\"}' WHERE form = 'profile' AND revision = 2500
        AND participant_id = (SELECT id FROM participant WHERE file_no = '$A');
     $trig;"
for args in "show $A" "show $A --json" "export-person $A" "export-person $A --json"; do
	# shellcheck disable=SC2086
	expect 3 $args
	has "$T/err" "wellbeing: expected a whole number"
	same "$(wc -c <"$T/out")" 0 "bytes written by $args of a damaged file"
done
finish
