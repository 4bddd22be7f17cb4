# A damaged database is shown as damaged, never as empty: the list marks
# the hours it cannot read, the file's tab says the saved answers cannot be
# read, the form and the month grid refuse to open them for editing, and
# the history says so too. At 80x24, in French (the default).
. "$SRC/tests/e2e/lib.sh"

intake Côté Élisabeth 1985-03-02
pc enrol 2026-0001 paas_action --start 2026-01-15 --counsellor marie
same "$rc" 0 "(enrol: $(cat "$T/err"))"
pc submit profile 2026-0001 --set wellbeing=6
same "$rc" 0 "(profile: $(cat "$T/err"))"
pc submit participation 2026-0001 --period 2026-03 \
	--set entries.1.date=2026-03-03 --set entries.1.activity=work --set entries.1.hours=13
same "$rc" 0 "(participation: $(cat "$T/err"))"

# B: only February is damaged; March opens, its chart says February is damaged
intake Gagnon Gérald 1972-11-30
pc enrol 2026-0002 paas_action --start 2025-07-31
same "$rc" 0 "(enrol B: $(cat "$T/err"))"
for m in 02 03; do
	pc submit participation 2026-0002 --period 2026-$m \
		--set entries.1.date=2026-$m-03 --set entries.1.activity=work --set entries.1.hours=8
	same "$rc" 0 "(participation B $m: $(cat "$T/err"))"
done

# one bit flipped in every saved answer of this person, past the triggers
# and CHECKs as a disk fault would be (the trigger is put back)
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }
trig=$(db "SELECT sql FROM sqlite_master WHERE name = 'revision_never_updated'")
db "PRAGMA ignore_check_constraints = ON; DROP TRIGGER revision_never_updated;
    UPDATE revision SET answers = substr(answers, 1, instr(answers, ':') - 1) || ';' ||
                                  substr(answers, instr(answers, ':') + 1)
     WHERE (form IN ('profile', 'participation') AND participant_id =
            (SELECT id FROM participant WHERE file_no = '2026-0001'))
        OR (form = 'participation' AND period = '2026-02'); $trig;"

start
# the list: the month's hours are not 0, they are unreadable
wait_for "2026-0001 Côté, Élisabeth"
wait_for "endommagé"
keys Enter
wait_for "Dossier 2026-0001"
keys 2
wait_for "ENDOMMAGÉ : la révision 1 du"
wait_for "Les réponses enregistrées de ce formulaire sont endommagées"
wait_for "Demandez à l'administration de lancer parcours check"
# editing starts from nothing would overwrite: refused with the reason
keys Enter
wait_for "la base de données est endommagée"
wait_for "Dossier 2026-0001"
keys h
wait_for "Historique - Profil"
keys Enter
wait_for "ENDOMMAGÉ"
wait_for "ces réponses enregistrées ne peuvent pas être lues"
keys Escape Escape
wait_for "Dossier 2026-0001"
# the month tab
keys 5
wait_for "ENDOMMAGÉ : la révision 1 du"
keys Enter
wait_for "la base de données est endommagée"
keys Escape
wait_for "2026-0002 Gagnon, Gérald"
keys Down Enter
wait_for "Dossier 2026-0002"
keys 5
wait_for "enregistré le"
keys Enter
wait_for "Participation - Gagnon, Gérald (2026-0002)"
wait_for "2026-02 endommagé"
wait_for ">2026-03 #"
keys Escape
wait_for "Dossier 2026-0002"
keys Escape F10
clean_exit
finish
