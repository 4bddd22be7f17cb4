# report activity YEAR: a year's new intakes, enrolments by programme, exits
# by reason, follow-up entries by kind (an entry counted once, by its current
# revision), referrals by partner and outcome, and the profile of the people
# reached (ages on December 31, income source, barriers), as labels in the
# user's language; text, CSV (formula guard) and JSON. Every expected figure
# below was counted by hand from the data typed here. Supervisors only.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
# A, B, C open their file in 2026; D and E in 2025 (the dates are set, as a
# file imported from another office keeps its opening date)
intake Côté Élisabeth 1985-03-02 --set income_source=last_resort --set consent_partners=oui
A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30 --set income_source=employment_insurance; B=$(cat "$T/out")
intake Wapistan Anne-Marie 2003-06-21 --set income_source=last_resort --set consent_partners=oui
C=$(cat "$T/out")
intake Tremblay Luc 1960-01-10; D=$(cat "$T/out")
intake Roy Marie 1990-04-04 --set income_source=social_solidarity; E=$(cat "$T/out")
sql "UPDATE participant SET created_at = '2026-02-0' || substr(file_no, -1) || 'T10:00:00Z'
     WHERE file_no IN ('$A', '$B', '$C');
     UPDATE participant SET created_at = '2025-05-01T10:00:00Z' WHERE file_no IN ('$D', '$E');"

# enrolments: A and C in PAAS Action, B in Premières Heures during 2026;
# D from 2025 (ended in 2025), E from 2025 (still open)
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 enrol "$B" premieres_heures --start 2026-02-01 --hours 12
expect 0 enrol "$C" paas_action --start 2026-03-01
expect 0 enrol "$D" paas_action --start 2025-06-01
expect 0 leave "$D" --date 2025-12-15 --reason dropped_out
expect 0 enrol "$E" chantier --start 2025-09-01 --hours 100
expect 0 leave "$A" --date 2026-03-10 --reason employment
expect 0 leave "$B" --date 2026-03-12 --reason moved

# follow-ups: A's entry of 02-10 first typed an interview, corrected to a
# phone call; E's of 2025 is out of the year
fu() { expect 0 submit followup "$1" --set meeting_date="$2" --set kind="$3" --set summary="Rencontre"; }
fu "$A" 2026-02-10 in_person; FIRST=$(sed -n "1s/.*entry \([0-9]*\) added.*/\1/p" "$T/out")
fu "$A" 2026-03-01 in_person
fu "$A" 2026-03-05 phone
fu "$C" 2026-03-02 no_show
fu "$E" 2025-12-20 in_person
expect 0 submit followup "$A" --entry "$FIRST" --set kind=phone

# referrals: two of A's to the CLSC (one pending, one accepted), C's to the food bank
expect 0 submit referral "$A" --set referral_date=2026-03-01 --set partner=clsc --set reason="Soutien" --set outcome=pending
expect 0 submit referral "$A" --set referral_date=2026-02-15 --set partner=clsc --set reason="Soutien" \
	--set outcome=accepted --set outcome_date=2026-03-10
expect 0 submit referral "$C" --set referral_date=2026-03-02 --set partner=food_bank --set reason="Dépannage" \
	--set outcome=done --set outcome_date=2026-03-05

# barriers: D's profile must not count (not reached in 2026); C has none
expect 0 submit profile "$A" --set barriers=transport,childcare
expect 0 submit profile "$B" --set barriers=transport
expect 0 submit profile "$D" --set barriers=health
expect 0 submit profile "$E" --set barriers=housing

# ---- text ----
expect 0 report activity 2026
has "$T/out" "Activity in 2026 (2026-01-01 to 2026-12-31)"
has "$T/out" "3 new intakes"
# A, B, C (files opened) and E (enrolment open); not D
has "$T/out" "4 people reached"
has "$T/out" "Enrolments by programme: 3"
has "$T/out" "  PAAS Action: 2"
has "$T/out" "  Premières Heures: 1"
hasnt "$T/out" "Work integration site"
has "$T/out" "Exits by reason: 2"
has "$T/out" "  Employment: 1"
has "$T/out" "  Moved away: 1"
hasnt "$T/out" "Stopped or dropped out"
has "$T/out" "Follow-up entries by kind: 4"
has "$T/out" "  Interview: 1"
has "$T/out" "  By phone: 2"
has "$T/out" "  No-show: 1"
has "$T/out" "Referrals by partner and outcome: 3"
has "$T/out" "  CLSC, CIUSSS or CISSS, Pending: 1"
has "$T/out" "  CLSC, CIUSSS or CISSS, Accepted: 1"
has "$T/out" "  Food bank, Done: 1"
has "$T/out" "Profile of the 4 people reached"
has "$T/out" "  Age on 2026-12-31"
has "$T/out" "    under 25: 1"
has "$T/out" "    35 to 44: 2"
has "$T/out" "    45 to 54: 1"
hasnt "$T/out" "65 and over"
has "$T/out" "  Main source of income"
has "$T/out" "    Social assistance (last-resort financial assistance): 2"
has "$T/out" "    Employment insurance: 1"
has "$T/out" "    Social solidarity (severe limitations to employment): 1"
has "$T/out" "  Barriers to employment"
has "$T/out" "    Transport: 2"
has "$T/out" "    Childcare: 1"
has "$T/out" "    Housing: 1"
has "$T/out" "    (not recorded): 1"
hasnt "$T/out" "Physical health"
# labels, never codes
hasnt "$T/out" "paas_action"
hasnt "$T/out" "last_resort"

# 2025: D and E opened their files, D and E enrolled, D left; E's follow-up
expect 0 report activity 2025
has "$T/out" "2 new intakes"
has "$T/out" "2 people reached"
has "$T/out" "  Stopped or dropped out: 1"
has "$T/out" "  Interview: 1"
has "$T/out" "    65 and over: 1"
has "$T/out" "    35 to 44: 1"
# an empty year: one of each, singular and plural, and (none)
expect 0 report activity 2020
has "$T/out" "0 new intakes"
has "$T/out" "(none)"

# ---- French ----
LANGUAGE=fr expect 0 report activity 2026
has "$T/out" "Activité en 2026 (du 2026-01-01 au 2026-12-31)"
has "$T/out" "3 nouveaux accueils"
has "$T/out" "4 personnes rejointes"
has "$T/out" "  Emploi : 1"
has "$T/out" "  Entrevue : 1"
has "$T/out" "  Banque alimentaire, Réalisée : 1"
has "$T/out" "    moins de 25 ans : 1"
has "$T/out" "  Freins à l'emploi"
has "$T/out" "    Aide sociale (aide financière de dernier recours) : 2"
LANGUAGE=fr expect 0 report activity 2025
has "$T/out" "2 nouveaux accueils"
sql "UPDATE participant SET created_at = '2024-01-01T00:00:00Z' WHERE file_no = '$E'"
LANGUAGE=fr expect 0 report activity 2025
has "$T/out" "1 nouvel accueil"
sql "UPDATE participant SET created_at = '2025-05-01T10:00:00Z' WHERE file_no = '$E'"

# ---- CSV ----
expect 0 report activity 2026 --csv
has "$T/out" "section,code,label,outcome,outcome_label,count"
has "$T/out" "new_intakes,,,,,3"
has "$T/out" "people_reached,,,,,4"
has "$T/out" "enrolments,paas_action,PAAS Action,,,2"
has "$T/out" "exits,moved,Moved away,,,1"
has "$T/out" "followups,phone,By phone,,,2"
has "$T/out" "referrals,clsc,\"CLSC, CIUSSS or CISSS\",accepted,Accepted,1"
has "$T/out" "age,under_25,under 25,,,1"
has "$T/out" "income_source,employment_insurance,Employment insurance,,,1"
has "$T/out" "barriers,,(not recorded),,,1"
same "$(grep -c $'\r$' "$T/out")" "$(wc -l <"$T/out")" "(every CSV line ends in CRLF)"
# a label that a spreadsheet would take as a formula is guarded, unless --raw
mkdir -p "$T/forms" && cp "$SRC"/forms/*.yaml "$T/forms/"
sed -i 's/{fr: "Transport", en: "Transport"}/{fr: "=Transport", en: "=Transport"}/' "$T/forms/profile.yaml"
PARCOURS_FORMS=$T/forms expect 0 report activity 2026 --csv
has "$T/out" "barriers,transport,'=Transport,,,2"
PARCOURS_FORMS=$T/forms expect 0 report activity 2026 --csv --raw
has "$T/out" "barriers,transport,=Transport,,,2"

# ---- JSON ----
expect 0 report activity 2026 --json
cp "$T/out" "$T/a.json"
same "$(jq_ "$T/a.json" '$.year')" 2026
same "$(jq_ "$T/a.json" '$.new_intakes')" 3
same "$(jq_ "$T/a.json" '$.people_reached')" 4
same "$(jq_ "$T/a.json" '$.enrolments[0].code')" paas_action
same "$(jq_ "$T/a.json" '$.enrolments[0].label')" "PAAS Action"
same "$(jq_ "$T/a.json" '$.enrolments[0].count')" 2
same "$(jq_ "$T/a.json" '$.exits[0].label')" Employment
same "$(jq_ "$T/a.json" '$.followups[1].code')" phone
same "$(jq_ "$T/a.json" '$.followups[1].count')" 2
same "$(jq_ "$T/a.json" '$.referrals[1].partner')" clsc
same "$(jq_ "$T/a.json" '$.referrals[1].outcome_label')" Accepted
same "$(jq_ "$T/a.json" '$.profile.age_on')" 2026-12-31
same "$(jq_ "$T/a.json" '$.profile.age[1].code')" 35_44
same "$(jq_ "$T/a.json" '$.profile.age[1].count')" 2
same "$(jq_ "$T/a.json" '$.profile.barriers[3].code')" ""
same "$(jq_ "$T/a.json" '$.profile.barriers[3].label')" "(not recorded)"
same "$(jq_ "$T/a.json" '$.profile.income_source[0].count')" 2

# ---- usage and refusals ----
expect 0 report --help
has "$T/out" "parcours report activity YYYY [--csv [--raw]|--json]"
expect 2 report activity
expect 2 report activity 2026 --csv --json
expect 1 report activity 26
has "$T/err" "year: "
expect 0 staff add uid54101 --name "Counsellor One" --role counsellor
expect 0 staff add uid54102 --name "Super Visor" --role supervisor
as_expect 1 54101 report activity 2026
as_expect 0 54102 report activity 2026 --json
same "$(jq_ "$T/out" '$.people_reached')" 4
finish
