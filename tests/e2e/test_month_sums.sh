# The month grid with several rows for the same day and activity (saved
# from the full form or the command line): the cell shows their sum marked
# "+", is not typed over (that would merge the rows and drop their notes),
# and f opens the same month in the full form; a save from the grid keeps
# every row.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
pc enrol 2026-0001 paas_action --start 2026-01-15
same "$rc" 0 "(enrol)"
pc submit participation 2026-0001 --period 2026-03 \
	--set entries.1.date=2026-03-03 --set entries.1.activity=work --set entries.1.hours=2 \
	--set entries.1.note="Matin" \
	--set entries.2.date=2026-03-03 --set entries.2.activity=work --set entries.2.hours=1:30 \
	--set entries.2.note="Après-midi" \
	--set entries.3.date=2026-03-04 --set entries.3.activity=work --set entries.3.hours=4
same "$rc" 0 "(three rows, two on the 3rd)"

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
key_until "Mois 2026-03 (< >)" Right
keys Enter
wait_for "mars 2026 - PAAS Action, mois 3 du programme"
wait_for "+2 lignes à part (f : formulaire complet)"
# the 3rd sums its two rows; the 4th is a plain cell
wait_for " ma 03  3:30+"
wait_for " me 04     4 "
wait_for "7 h 30 sur "
# typing over the summed cell is refused, with the way to change it
keys Down Down
type_ "5"
wait_for "2 lignes ce jour pour cette activité : les modifier dans le formulaire (f)."
wait_for " ma 03  3:30+"
# the plain cell below is typed as usual, and a save keeps both rows of the 3rd
keys Down
type_ "6"
keys Enter
wait_for "9 h 30 sur "
keys F2
wait_for "Enregistré (révision 2)."
pc show 2026-0001 --json
has_out '{"date":"2026-03-03","activity":"work","hours":2,"note":"Matin"}'
has_out '{"date":"2026-03-03","activity":"work","hours":1.5,"note":"Après-midi"}'
has_out '{"date":"2026-03-04","activity":"work","hours":6}'
# f: the same month in the full form
keys f
wait_for "Participation - Tremblay, Gérald (2026-0001)"
wait_for "3 lignes"
keys Escape
wait_for "Dossier 2026-0001"
finish
