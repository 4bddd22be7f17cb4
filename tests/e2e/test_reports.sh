# The reports screen (r from the list): the month report as `parcours
# report` computes it, below-target only by counsellor, the year, and
# moving between months, the year's activity (a); the figures match the
# command line's.
. "$SRC/tests/e2e/lib.sh"
# re REGEX: a line of the screen matches the extended regular expression
re() { if screen | grep -qE -- "$1"; then ok; else bad "no line matches: $1"; screen >&2; fi; }

intake Côté Élisabeth 1985-03-02
pc enrol 2026-0001 paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor marie
pc submit participation 2026-0001 --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=3:30 \
	--set entries.2.date=2026-02-04 --set entries.2.activity=social --set entries.2.hours=3,5
intake Gagnon Gérald 1972-11-30
pc enrol 2026-0002 paas_action --start 2025-07-31 --counsellor luc
pc submit followup 2026-0001 --set meeting_date=2026-03-02 --set kind=in_person --set summary=Rencontre
# the dates the files were opened, so the activity's counts do not follow the clock
sqlite3 "$PARCOURS_DB" "UPDATE participant SET created_at = '2026-02-02T10:00:00Z' WHERE file_no = '2026-0001';
	UPDATE participant SET created_at = '2025-07-20T10:00:00Z' WHERE file_no = '2026-0002'"
# wide enough for every column of the text report
WIDTH=130 HEIGHT=30 start
wait_for "2026-0001 Côté, Élisabeth"
keys F5
# today is 2026-03-15: the March report first
wait_for "Participation en mars 2026"
wait_for "2026-0002  Gagnon, Gérald"
keys '<'
wait_for "Participation en février 2026"
# February: month 2 of a 20,40,60 ramp, 7 hours recorded
re "2026-0001  Côté, Élisabeth .* 40 h +7 h sous la cible +130,00 [$] +150,00 [$]"
# no hours at all: said as such (a month with no participation, issue 13)
re "2026-0002  Gagnon, Gérald .* 80 h +0 h aucune heure +0,00 [$] +150,00 [$]"
keys b
wait_for "Sous la cible en février 2026"
wait_for "Suivi par : luc"
wait_for "Suivi par : marie"
keys y
wait_for "Année 2026"
wait_for "personnes participantes servies : 2"
# a: the year's activity, as `parcours report activity` counts it
keys a
wait_for "Rapports - activité en 2026"
wait_for "1 nouvel accueil"
wait_for "2 personnes rejointes"
wait_for "Inscriptions par programme : 1"
wait_for "  PAAS Action : 1"
wait_for "Suivis par type de rencontre : 1"
wait_for "  Entrevue : 1"
wait_for "Profil des 2 personnes rejointes"
wait_for "    35 à 44 ans : 1"
wait_for "    45 à 54 ans : 1"
# < goes back a year: Gagnon's file was opened and enrolled in 2025
keys '<'
wait_for "Rapports - activité en 2025"
wait_for "1 nouvel accueil"
wait_for "1 personne rejointe"
wait_for "  PAAS Action : 1"
keys '>'
wait_for "Rapports - activité en 2026"
keys Escape
wait_for "2026-0001 Côté, Élisabeth"
keys F10
clean_exit
finish
