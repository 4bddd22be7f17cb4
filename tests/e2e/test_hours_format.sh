# One voice for hours on screen (issue 14): the list, the file and the
# month screen say the same "57 h 30 sur 80 h" (French) and "57:30 h of
# 80 h" (English), where they used to show "57,5/80", "57:30/80" and
# "57 h 30"; money reads "130,00 $" / "$130.00".
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
# month 9 of PAAS Action in March 2026: a target of 80 h; 7 days of 8 h
# and one of 1:30 = 57:30
pc enrol 2026-0001 paas_action --start 2025-07-01
same "$rc" 0 "(enrol)"
args=()
n=1
for d in 02 03 04 05 06 09 10; do
	args+=(--set "entries.$n.date=2026-03-$d" --set "entries.$n.activity=work" --set "entries.$n.hours=8")
	n=$((n + 1))
done
args+=(--set "entries.$n.date=2026-03-11" --set "entries.$n.activity=training" --set "entries.$n.hours=1:30")
pc submit participation 2026-0001 --period 2026-03 "${args[@]}"
same "$rc" 0 "(hours: $(cat "$T/err"))"

# the hours of the file and of the month screen, as each shows them
check_screens() { # FILE_TITLE MONTH_TAB FILE_TEXT MONTH_TEXT BAR_TEXT MONEY
	wait_for "2026-0001 Tremblay, Gérald"
	keys Enter
	wait_for "$1"
	wait_for "$3"
	key_until "$2" Right
	keys Enter
	wait_for "$4"
	wait_for "$5"
	wait_for "$6"
	if screen | grep -qE '57[,.]5|57:30/'; then bad "another spelling of the hours: $(screen | grep -E '57[,.]5|57:30/')"; else ok; fi
	keys Escape
	wait_for "$1"
	keys Escape
	wait_gone "$1"
}

# French at 120 columns: the list has room for the target
WIDTH=120 HEIGHT=30 start
wait_for "2026-0001 Tremblay, Gérald"
wait_for "57 h 30/80 h"
check_screens "Dossier 2026-0001" "Mois 2026-03 (< >)" \
	"2026-03 : 57 h 30 sur 80 h, sous la cible" "57 h 30 sur 80 h : sous la cible" \
	">2026-03" "Allocation à la personne : 130,00 \$"
keys F10
clean_exit

# 80 columns: the hours alone in the list, never cut
start
wait_for "2026-0001 Tremblay, Gérald"
row=$(screen | grep -F "2026-0001 Tremblay")
if echo "$row" | grep -qE ' 57 h 30 *$'; then ok; else bad "list row: $row"; fi
keys F10
clean_exit

# English
WIDTH=120 HEIGHT=30 start --lang en
wait_for "57:30 h/80 h"
check_screens "File 2026-0001" "Month 2026-03 (< >)" \
	"2026-03: 57:30 h of 80 h, below target" "57:30 h of 80 h: below target" \
	"57:30 h/80 h" "Allowance to the person: \$130.00"
keys F10
clean_exit
finish
