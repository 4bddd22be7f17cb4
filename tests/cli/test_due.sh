# parcours due: what is due as of today (PARCOURS_TODAY=2026-03-15) in a
# caseload, through the real binary: follow-ups, objectives, evaluations,
# referrals, people without a follow-up and below their target, grouped by
# kind in text, CSV (formula guard) and JSON; an exit ends what is due; a
# counsellor sees their own caseload, a supervisor everyone, others nothing.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
FD=54601 C1=54602 C2=54603

expect 0 init
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
intake Côté Élisabeth 1985-03-02 --set consent_partners=oui; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Wapistan Anne-Marie 1990-06-21 --set consent_partners=oui; C=$(cat "$T/out")
intake Roy Denis 1968-01-09; D=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2025-04-01 --counsellor uid$C1
expect 0 enrol "$B" paas_action --start 2025-12-01 --counsellor uid$C2
expect 0 enrol "$C" paas_action --start 2025-05-01 --counsellor uid$C1
expect 0 assign "$D" uid$C1

# A: the last meeting planned the next for March 12; objectives; referrals
expect 0 submit followup "$A" --set meeting_date=2026-02-20 --set kind=phone --set summary=Un \
	--set next_meeting=2026-02-27
expect 0 submit followup "$A" --set meeting_date=2026-03-02 --set kind=in_person --set summary=Deux \
	--set next_meeting=2026-03-12
expect 0 submit plan "$A" --set plan_date=2026-01-10 --set goal="Retour aux études" \
	--set objectives.1.objective="Inscription au SARCA" --set objectives.1.due_date=2026-03-10 \
	--set objectives.1.domain=training --set objectives.1.responsible=participant --set objectives.1.status_date=2026-01-10 \
	--set objectives.1.status=planned \
	--set objectives.2.objective="CV à jour" --set objectives.2.due_date=2026-03-01 \
	--set objectives.2.domain=training --set objectives.2.responsible=participant --set objectives.2.status_date=2026-01-10 \
	--set objectives.2.status=achieved \
	--set objectives.3.objective="=SUM(1)" --set objectives.3.due_date=2026-03-20 \
	--set objectives.3.domain=training --set objectives.3.responsible=participant --set objectives.3.status_date=2026-01-10 \
	--set objectives.3.status=in_progress \
	--set objectives.4.objective="Permis de conduire" --set objectives.4.due_date=2026-04-30 \
	--set objectives.4.domain=training --set objectives.4.responsible=participant --set objectives.4.status_date=2026-01-10 \
	--set objectives.4.status=planned
expect 0 submit referral "$A" --set referral_date=2026-02-01 --set partner=clsc --set outcome=pending --set reason=Santé
expect 0 submit referral "$A" --set referral_date=2026-02-02 --set partner=cle --set outcome=accepted --set outcome_date=2026-02-10 --set reason=Emploi
expect 0 submit referral "$A" --set referral_date=2026-03-01 --set partner=sarca --set outcome=pending --set reason=Santé
# C left: her overdue meeting and old referral are no longer due
expect 0 submit followup "$C" --set meeting_date=2026-01-05 --set kind=phone --set summary=Trois \
	--set next_meeting=2026-01-20
expect 0 submit referral "$C" --set referral_date=2026-01-02 --set partner=clsc --set outcome=pending --set reason=Santé
expect 0 leave "$C" --date 2026-02-15 --reason employment
# D is not enrolled: a meeting planned is still due, nothing else
expect 0 submit followup "$D" --set meeting_date=2026-03-01 --set kind=phone --set summary=Quatre \
	--set next_meeting=2026-03-14

# ---- usage ----
expect 0 due --help
has "$T/out" "parcours due [--counsellor LOGIN] [--within DAYS] [--csv [--raw]|--json]"
expect 2 due --within -1
has "$T/err" "--within takes a number of days"
expect 2 due --within abc
expect 2 due --csv --json
expect 2 due --raw
expect 2 due extra
expect 2 due --bogus

# ---- a supervisor (the founder) sees everyone, grouped by kind ----
expect 0 due
has "$T/out" "Due as of 2026-03-15 (8)"
has "$T/out" "Follow-up meetings due (2)"
has "$T/out" "  $A  Côté, Élisabeth  2026-03-12  3 days late  planned at the meeting of 2026-03-02"
has "$T/out" "  $D  Roy, Denis  2026-03-14  1 day late  planned at the meeting of 2026-03-01"
has "$T/out" "Objectives due or overdue (2)"
has "$T/out" "  $A  Côté, Élisabeth  2026-03-10  5 days late  Inscription au SARCA"
has "$T/out" "  $A  Côté, Élisabeth  2026-03-20  in 5 days  =SUM(1)"
hasnt "$T/out" "CV à jour"
hasnt "$T/out" "Permis de conduire"
has "$T/out" "Evaluations due within 30 days or overdue (1)"
has "$T/out" "  $A  Côté, Élisabeth  2026-04-01  in 17 days  first yearly evaluation"
has "$T/out" "Referrals pending for more than 30 days (1)"
has "$T/out" "  $A  Côté, Élisabeth  2026-03-03  12 days late  CLSC, CIUSSS or CISSS"
has "$T/out" "No follow-up for 30 days (1)"
has "$T/out" "  $B  Gagnon, Gérald  2025-12-31  74 days late  no follow-up since the start on 2025-12-01"
has "$T/out" "Below the hours target last month (1)"
has "$T/out" "  $A  Côté, Élisabeth  2026-02-28  15 days late  0 h of "
# an exit ends what is due
hasnt "$T/out" "$C"
# the order of the groups is fixed: follow-ups first, hours last
same "$(grep -n 'Follow-up meetings due' "$T/out" | cut -d: -f1)" 3
same "$(tail -1 "$T/out" | cut -c1-11)" "  $A"
# the list names what the files say: one "read" entry of the audit, about no file
same "$(sql "SELECT action || '|' || coalesce(file_no, '-') || '|' || detail FROM audit
	WHERE detail LIKE 'due list%' ORDER BY seq DESC LIMIT 1")" "read|-|due list caseload=* items=8" \
	"(a due list is recorded in the audit)"
expect 0 audit verify

# ---- --within widens follow-ups and objectives, not the rest ----
expect 0 due --within 60
has "$T/out" "  $A  Côté, Élisabeth  2026-04-30  in 46 days  Permis de conduire"
has "$T/out" "Referrals pending for more than 30 days (1)"
expect 0 due --within 0
hasnt "$T/out" "=SUM(1)"
has "$T/out" "Inscription au SARCA"

# an evaluation done moves the next one a year on; its own next date wins when earlier
expect 0 submit evaluation "$A" --set evaluation_date=2026-03-14 --set next_evaluation=2026-09-14 \
	--set attainment.1.objective="CV à jour" --set attainment.1.level=attained
expect 0 due
hasnt "$T/out" "Evaluations due within 30 days or overdue"
hasnt "$T/out" "first yearly evaluation"
PARCOURS_TODAY=2026-09-01 expect 0 due
has "$T/out" "  $A  Côté, Élisabeth  2026-09-14  in 13 days  yearly evaluation"

# ---- CSV and JSON ----
expect 0 due --csv
same "$(head -1 "$T/out")" $'kind,file_no,family_name,given_name,counsellor,what,date,days_late\r'
has "$T/out" "objective,$A,Côté,Élisabeth,uid$C1,'=SUM(1),2026-03-20,-5"
has "$T/out" "no_followup,$B,Gagnon,Gérald,uid$C2,no follow-up since the start on 2025-12-01,2025-12-31,74"
same "$(grep -c $'\r$' "$T/out")" 8
expect 0 due --csv --raw
has "$T/out" "objective,$A,Côté,Élisabeth,uid$C1,=SUM(1),2026-03-20,-5"
expect 0 due --json
same "$(sqlite3 -batch :memory: "SELECT json_valid(CAST(readfile('$T/out') AS TEXT))")" 1
same "$(jq_ "$T/out" '$.today')" 2026-03-15
same "$(jq_ "$T/out" '$.within')" 7
same "$(jq_ "$T/out" '$.items[0].kind')" followup
same "$(jq_ "$T/out" '$.items[0].days_late')" 3
same "$(jq_ "$T/out" '$.items[0].given_name')" "Élisabeth"
same "$(sqlite3 -batch :memory: "SELECT json_array_length(CAST(readfile('$T/out') AS TEXT), '$.items')")" 7

# ---- who sees what ----
as_expect 0 $C1 due
has "$T/out" "$A"
has "$T/out" "$D"
hasnt "$T/out" "$B"
as_expect 1 $C1 due --counsellor uid$C2
has "$T/err" "uid$C1: a counsellor sees what is due in their own caseload only"
as_expect 0 $C2 due --json
same "$(sqlite3 -batch :memory: "SELECT json_array_length(CAST(readfile('$T/out') AS TEXT), '$.items')")" 1
same "$(jq_ "$T/out" '$.items[0].kind')" no_followup
expect 0 due --counsellor uid$C2 --csv
same "$(grep -c "^" "$T/out")" 2
as_expect 1 $FD due
has "$T/err" "uid$FD: what is due is listed for counsellors and supervisors"
# an empty list says so, and stays valid JSON
PARCOURS_TODAY=2026-03-15 expect 0 due --counsellor nobody
has "$T/out" "Nothing is due as of 2026-03-15."
expect 0 due --counsellor nobody --json
same "$(cat "$T/out")" '{"today":"2026-03-15","within":7,"items":[]}'

# ---- French ----
LANGUAGE=fr expect 0 due --counsellor uid$C2
has "$T/out" "Aucun suivi depuis 30 jours (1)"

finish
