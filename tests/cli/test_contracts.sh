# Work contracts (issue 13; mie-de-pain-insertion.txt: Premières Heures,
# chantier "6 mois renouvelable", "un an"): the end is recorded at
# enrolment, renewals are kept with who and when, and a contract ending
# within 30 days (or ended with neither renewal nor exit) is due.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
me=$(id -un)

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Diallo Moïse 2001-01-09; C=$(cat "$T/out")
intake Roy Zoé 1999-04-04; D=$(cat "$T/out")
end_of() { sql "SELECT c.end_date FROM contract_term c JOIN enrolment e ON e.id = c.enrolment_id JOIN participant p ON p.id = e.participant_id WHERE p.file_no = '$1' ORDER BY c.renewal DESC LIMIT 1"; }

# ---- at enrolment
# refusals: a programme without contracts, both options, bad values
expect 1 enrol "$A" paas_action --start 2026-01-05 --contract-months 6
has "$T/err" "contract_months: PAAS Action has no work contract: leave out --contract-end and --contract-months"
expect 1 enrol "$A" chantier --start 2026-01-05 --hours 30 --contract-months 6 --contract-end 2026-07-04
has "$T/err" "contract_end: give the contract's end date or its length in months, not both"
expect 1 enrol "$A" chantier --start 2026-01-05 --hours 30 --contract-months 0
has "$T/err" "contract_months: \"0\" is not a number of months from 1 to 60"
expect 1 enrol "$A" chantier --start 2026-01-05 --hours 30 --contract-end 2025-12-31
has "$T/err" "contract_end: the contract ends on 2025-12-31, before the enrolment's start on 2026-01-05"
expect 1 enrol "$A" chantier --start 2026-01-05 --hours 30 --contract-end 2026-02-30
has "$T/err" "contract_end: \"2026-02-30\" is not a date"
same "$(sql "SELECT count(*) FROM enrolment")" 0 "nothing stored by the refusals"
same "$(sql "SELECT count(*) FROM contract_term")" 0 "no contract stored by the refusals"
# the chantier's usual length (6 months) when none is given: from the 31st
# of August the contract ends on the last day of February
expect 0 enrol "$A" chantier --start 2025-08-31 --hours 30
has "$T/out" "contract until 2026-02-28"
same "$(end_of "$A")" 2026-02-28
# a year ("un an"): the day before the same day a year later
expect 0 enrol "$B" chantier --start 2026-01-15 --hours 35 --contract-months 12
has "$T/out" "contract until 2027-01-14"
# Premières Heures names no usual length: the end is given
expect 0 enrol "$C" premieres_heures --start 2026-02-02 --hours 20 --contract-end 2026-04-10
same "$(end_of "$C")" 2026-04-10
expect 0 enrol "$D" premieres_heures --start 2026-03-02 --hours 12
hasnt "$T/out" "contract until"
same "$(end_of "$D")" "" "no end recorded when none is given"
# nothing recorded for a programme without contracts
intake Wapistan Anne 1990-06-21; E=$(cat "$T/out")
expect 0 enrol "$E" paas_action --start 2026-01-05
same "$(sql "SELECT count(*) FROM contract_term")" 3 "contract terms"

# ---- due (today is 2026-03-15): A's ended on 2026-02-28 with neither
# renewal nor exit, C's ends on 2026-04-10 (26 days), B's in 2027 is not due
expect 0 due
has "$T/out" "Work contracts ending within 30 days or ended (2)"
has "$T/out" "contract over with no renewal nor exit: Work integration site"
expect 0 due --csv
has "$T/out" "contract_end,$A,Côté,Élisabeth,,contract over with no renewal nor exit: Work integration site,2026-02-28,15"
hasnt "$T/out" "contract_end,$B"
has "$T/out" "contract_end,$C,Diallo,Moïse,,contract ends: Premières Heures,2026-04-10,-26"
expect 0 due --json
has "$T/out" '"kind":"contract_end"'
# 31 days ahead is not yet due
PARCOURS_TODAY=2026-03-10 run due --csv
hasnt "$T/out" "contract_end,$C"

# ---- renewals
expect 1 renew "$E" --months 6
has "$T/err" "programme: PAAS Action has no work contract to renew"
expect 1 renew "$A" --until 2026-02-01
has "$T/err" "until: the contract already runs until 2026-02-28: a renewal ends after it"
expect 2 renew "$A" --until 2026-09-01 --months 3
expect 2 renew "$A"
expect 1 renew "$A" --months 61
has "$T/err" "months: \"61\" is not a number of months from 1 to 60"
# 6 more months from the day after the end: 2026-03-01 to 2026-08-31
expect 0 renew "$A" --months 6
has "$T/out" "$A: contract renewed until 2026-08-31"
expect 0 renew "$A" --until 2027-02-28
same "$(sql "SELECT group_concat(renewal || '/' || end_date || '/' || set_by, ' ') FROM (SELECT c.* FROM contract_term c JOIN enrolment e ON e.id = c.enrolment_id JOIN participant p ON p.id = e.participant_id WHERE p.file_no = '$A' ORDER BY c.renewal)")" \
	"0/2026-02-28/$me 1/2026-08-31/$me 2/2027-02-28/$me" "every renewal kept with who"
# a Premières Heures contract without an end: renew records the first one
expect 0 renew "$D" --months 3
has "$T/out" "renewed until 2026-06-01"
same "$(sql "SELECT renewal FROM contract_term c JOIN enrolment e ON e.id = c.enrolment_id JOIN participant p ON p.id = e.participant_id WHERE p.file_no = '$D'")" 0 "a first end, not a renewal"
# renewed: no longer due
expect 0 due --csv
hasnt "$T/out" "contract_end,$A"
# an exit ends what is due
expect 0 leave "$C" --date 2026-03-14 --reason employment
expect 0 due --csv
hasnt "$T/out" "contract_end"
# after an exit there is nothing to renew
expect 1 renew "$C" --months 6
has "$T/err" "this person is not enrolled in a programme"
# the audit log has each renewal
expect 0 audit "$A" --csv
has "$T/out" "renew until=2026-08-31 renewal=1"

# ---- shown in show, show --json and export-person
expect 0 show "$A"
has "$T/out" "contract until 2027-02-28 (first end 2026-02-28; renewals: 2)"
has "$T/out" "renewed until 2026-08-31 by $me on 20"
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.enrolments[0].contract.end')" 2027-02-28
same "$(jq_ "$T/out" '$.enrolments[0].contract.renewals')" 2
same "$(jq_ "$T/out" '$.enrolments[0].contract.terms[1].end')" 2026-08-31
same "$(jq_ "$T/out" '$.enrolments[0].contract.terms[1].by')" "$me"
expect 0 show "$E" --json
same "$(jq_ "$T/out" '$.enrolments[0].contract')" "" "null for a programme without contracts"
expect 0 export-person "$A"
has "$T/out" "contract until 2027-02-28"
expect 0 export-person "$A" --json
same "$(jq_ "$T/out" '$.enrolments[0].contract.terms[2].end')" 2027-02-28

# ---- programmes.yaml: contract: is checked like the rest
mkdir "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
sed -i 's/contract: {months: \[6, 12\], renewable: true}/contract: {months: [0], renewable: maybe}/' "$T/forms/programmes.yaml"
expect 3 --forms "$T/forms" renew "$A" --months 1
has "$T/err" "programmes.yaml:"
has "$T/err" "\"months\" must be a number from 1 to 60"
# --help, and French
expect 0 renew --help
has "$T/out" "--until YYYY-MM-DD"
LANGUAGE= LANG=fr_CA.UTF-8 LC_ALL=fr_CA.UTF-8 run --lang fr renew "$A" --until 2026-01-01
has "$T/err" "until: le contrat court déjà jusqu'au 2027-02-28 : un renouvellement se termine après"
finish
