# A repeat's table at 80x24 sizes its columns by type: the plan's seven
# columns show a date whole (10 wide: "2026-12-15", never "2026-12-…") and
# a status whole ("Abandonné"), the text columns sharing what is left.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
pc submit plan 2026-0001 --set plan_date=2026-03-01 --set goal="Retourner aux études" \
	--set objectives.1.objective="Obtenir mon permis de conduire" --set objectives.1.domain=living \
	--set objectives.1.steps="Cours théoriques puis examen" --set objectives.1.responsible=counsellor \
	--set objectives.1.due_date=2026-12-15 --set objectives.1.status=abandoned \
	--set objectives.1.status_date=2026-03-10 \
	--set objectives.2.objective="S'inscrire au SARCA" --set objectives.2.domain=training \
	--set objectives.2.responsible=participant --set objectives.2.due_date=2026-11-30 \
	--set objectives.2.status=in_progress --set objectives.2.status_date=2026-03-02
same "$rc" 0 "(plan saved: $(cat "$T/err"))"

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys 4
wait_for "Plan d'action"
keys Enter
wait_for "> Date du plan *"
keys Tab Tab Tab
wait_for "> Objectifs du plan"
keys Enter
wait_for "Plan d'action > Objectifs du plan"
wait_for "Échéance"
row1=$(line_of "Obtenir")
row2=$(line_of "S'inscrir")
l1=$(line "$row1")
l2=$(line "$row2")
for want in "2026-12-15" "Abandonné" "2026-03-10"; do
	case "$l1" in *"$want"*) ok ;; *) bad "row 1 '$l1' lacks '$want'" ;; esac
done
for want in "2026-11-30" "En cours" "2026-03-02"; do
	case "$l2" in *"$want"*) ok ;; *) bad "row 2 '$l2' lacks '$want'" ;; esac
done
# the headers of the date columns are whole too
wait_for "Depuis le"
matches plan_table_80x24.txt
keys Escape
wait_for "> Objectifs du plan"
keys Escape
wait_for "Dossier 2026-0001"
keys q
wait_for "parcours - Participants"
keys F10
clean_exit
finish
