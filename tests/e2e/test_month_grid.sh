# The participation month grid: a person enrolled in PAAS Action from
# 2026-01-15 with a ramp of 20, 40, 60 h; February is month 2 (40 h).
# Hours typed as 3:30 and 3,5 in cells, totals and status against the
# target, a refused value (25 h, "abc") marked with the core's message and
# nothing saved, a save checked through the command line (show --json and
# the month report), a draft offered when the month is reopened, a closed
# month saved with a reason, a dropped link while typing, the screen at
# 80x24 and 120x40, English, and the bytes a key typed in a cell costs.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
pc enrol 2026-0001 paas_action --start 2026-01-15 --ramp 20,40,60
same "$rc" 0 "(enrol)"

# open_month: from the list to the file, the participation tab, Enter
open_month() {
	wait_for "2026-0001 Tremblay, Gérald"
	keys Enter
	wait_for "$1"
	key_until "$2" Right
	keys Enter
}
# quit FILE_TITLE: from the month back to the file, the list, and out
quit() {
	keys Escape
	wait_for "$1"
	keys Escape
	wait_gone "$1"
	keys F10
}
# total_line: the grid's totals row, spaces squeezed
total_line() { screen | grep -E '^ Total ' | tr -s ' '; }

start
open_month "Dossier 2026-0001" "Mois 2026-03 (< >)"
wait_for "mars 2026 - PAAS Action, mois 3 du programme, cible 60 h"
keys PPage
wait_for "février 2026 - PAAS Action, mois 2 du programme, cible 40 h"
wait_for "0 h sur 40 h : sous la cible"
# Tuesday 3: work 3:30, training 3,5; Wednesday 4: training 2
keys Down Down
type_ "3:30"
keys Tab
type_ "3,5"
keys Enter
type_ "2"
keys Enter
wait_for "9 h sur 40 h : sous la cible"
same "$(total_line)" " Total 3:30 5:30 0 9" "(totals row)"
wait_for " ma 03  3:30    3,5      .      7"
wait_for "Allocation à la personne : 130,00 $"
wait_for "2026-02 ##"
wait_for "9 h/40 h"

# refused values: a day over 24 h and letters; the core's words, the cells marked
keys Left
type_ "25"
keys Tab
wait_for "Une journée ne peut pas dépasser 24 heures."
# a letter never starts a cell (it may be a key): said, nothing typed
type_ "a"
wait_for "Les heures s'écrivent 3, 3,5, 3.5 ou 3:30."
type_ "3bc"
keys Tab
wait_for "heures attendues"
wait_for " je 05    25!   3bc!     .     25!"
# refused cells do not count
wait_for "9 h sur 40 h : sous la cible"
keys F2
wait_for "Non enregistré : 2 réponses à corriger."
# the cursor went to the first refused cell, its message on the help line
wait_for "! Une journée ne peut pas dépasser 24 heures."
pc report month 2026-02 --csv
has_out "2026-0001,paas_action,40,0,below,0.00,150.00,0.00,0,0,0"
pc show 2026-0001 --json
same "$(grep -c '"2026-02"' "$T/out")" 0 "(nothing saved for February)"

# cleared, then saved
keys Delete Right Delete
wait_gone "25!"
wait_gone "3bc!"
keys C-s
wait_for "Enregistré (révision 1)."
pc report month 2026-02 --csv
has_out "2026-0001,paas_action,40,9,below,130.00,150.00,0.00,3.5,5.5,0,2,"
pc show 2026-0001 --json
has_out '{"date":"2026-02-03","activity":"work","hours":3.5}'
has_out '{"date":"2026-02-03","activity":"training","hours":3.5}'
has_out '{"date":"2026-02-04","activity":"training","hours":2}'
has_out '"total_hours":9'
matches month_grid_80x24.txt

# typing in a cell sends a few bytes, not a repainted screen
keys Down Down Down
settle
tm pipe-pane -t pc -o "cat >>'$T/bytes'"
sleep 0.2
: >"$T/bytes"
type_ "1"
type_ "2"
type_ ":"
type_ "4"
type_ "5"
wait_for "12:45"
settle
bytes=$(stat -c %s "$T/bytes")
echo "typing 5 keys in a cell: $bytes bytes"
tm pipe-pane -t pc
if [ "$bytes" -lt 100 ]; then ok; else bad "typing 5 keys in a cell sent $bytes bytes"; fi
keys Escape
wait_gone "12:45"

# a draft: kept when the cell is left, offered when the month is reopened
keys Up Up Right
type_ "1,25"
keys Down
wait_for "non enregistré"
keys Escape
wait_for "o : quitter (brouillon gardé)"
keys o
wait_for "Brouillon conservé."
wait_for "Dossier 2026-0001"
keys Enter
wait_for "mars 2026 - PAAS Action"
keys '<'
wait_for "Un brouillon du"
keys o
wait_for "Brouillon repris."
wait_for "10 h 15 sur 40 h : sous la cible"

# a month a supervisor closed: the save asks for the reason
pc month close 2026-02
same "$rc" 0 "(month close)"
keys F2
wait_for "Le mois 2026-02 est fermé. Motif de la modification :"
type_ "feuille de présence reçue en retard"
keys Enter
wait_for "Enregistré (révision 2)."
pc report month 2026-02 --csv
has_out "2026-0001,paas_action,40,10.25,below,130.00,150.00,0.00,3.5,5.5,1.25,2,"
quit "Dossier 2026-0001"
clean_exit

# 120x40: the whole month at once, the bars and costs beside it
WIDTH=120 HEIGHT=40 start
open_month "Dossier 2026-0001" "Mois 2026-03 (< >)"
wait_for "mars 2026 - PAAS Action"
keys '<'
wait_for "février 2026 - PAAS Action, mois 2 du programme, cible 40 h"
wait_for " sa 28"
# extra costs below the figures
keys End Down
type_ "12,50"
keys Down
type_ "3,25"
keys Up
wait_for "Frais de garde (\$)"
case "$(screen | grep -F 'Frais de transport')" in *"[3,25"*|*" 3,25]"*) ok ;; *) bad "transport costs not shown: $(screen | grep -F 'Frais de transport')" ;; esac
matches month_grid_120x40.txt
keys Escape
wait_for "o : quitter (brouillon gardé)"
keys e
wait_for "Brouillon effacé."
keys Escape
wait_gone "Dossier 2026-0001"
keys F10
clean_exit

# a dropped link while typing in a cell: the hours typed are in the draft
start
open_month "Dossier 2026-0001" "Mois 2026-03 (< >)"
wait_for "mars 2026 - PAAS Action"
keys Down
type_ "4:15"
wait_for " lu 02 4:15"
kill -HUP "$(console_pid)"
clean_exit
start
open_month "Dossier 2026-0001" "; brouillon du 20"
wait_for "existe : le reprendre ? (o/n)"
keys o
wait_for "Brouillon repris."
wait_for "4 h 15 sur 60 h : sous la cible"
keys Escape
wait_for "o : quitter (brouillon gardé)"
keys e
wait_for "Brouillon effacé."
keys Escape
wait_gone "Dossier 2026-0001"
keys F10
clean_exit

# English
start --lang en
open_month "File 2026-0001" "Month 2026-03 (< >)"
wait_for "March 2026 - PAAS Action, month 3 of the programme, target 60 h"
keys PPage
wait_for "February 2026 - PAAS Action, month 2 of the programme, target 40 h"
wait_for "10:15 h of 40 h: below target"
wait_for "Last 12 months: # hours, | target"
keys F1
wait_for "Next or previous cell"
keys Escape
wait_gone "Next or previous cell"
quit "File 2026-0001"
clean_exit
finish
