# One typing model on the participant list: every character typed goes to
# the search, so a name never runs a command ("quintal" once quit, "nadeau"
# opened an intake, "roy" the reports, "tremblay" the today screen, "mathieu"
# switched the caseload). Commands are function and Ctrl keys, said on the
# key line and in the help.
. "$SRC/tests/e2e/lib.sh"

intake Quintal Marie 1980-01-01
intake Nadeau Paul 1975-05-05
intake Roy Anne 1990-09-09
intake Tremblay Luc 1962-02-02
start --lang en
wait_for "1-4 of 4"
for name in quintal nadeau roy tremblay mathieu; do
	type_ "$name"
	wait_for "Search: $name"
	settle
	if [ -s "$T/rc" ]; then bad "typing $name ended the console"; give_up; fi
	screen | grep -qF "parcours - Participants" && ok || bad "typing $name left the list"
	case $name in
	mathieu) wait_for "No participant matches this search." ;;
	*) wait_for "1-1 of 1" ;;
	esac
	screen | grep -qi "^ *20[0-9-]* *$name" && ok || [ "$name" = mathieu ] || bad "$name not found"
	keys C-u
	wait_for "1-4 of 4"
done
# the typed text is never lost: Enter opens the match, Esc comes back to it
type_ "nad"
wait_for "1-1 of 1"
keys Enter
wait_for "File 2026-0002"
keys Escape
wait_for "Search: nad"
# Esc on the list erases the search and never quits
keys Escape
wait_for "1-4 of 4"
keys Escape q
wait_for "Search: q"
keys C-u
# the key line and the help say the same
wait_for "Ins New intake"
wait_for "F10 Quit"
keys F1
wait_for "Search by name or file number (never a command)"
wait_for "Ctrl-O, Ctrl-Y, Ctrl-Q"
keys Escape
wait_for "1-4 of 4"
# the commands: Ins and Ctrl-N an intake, F5 and Ctrl-R the reports, F6
# and Ctrl-T today, F10 and Ctrl-Q quit
keys IC
wait_for "> Family name"
keys Escape
wait_for "1-4 of 4"
keys C-n
wait_for "> Family name"
keys Escape
wait_for "1-4 of 4"
keys F5
wait_for "Reports - month"
keys Escape
wait_for "1-4 of 4"
keys C-r
wait_for "Reports - month"
keys Escape
wait_for "1-4 of 4"
keys C-t
wait_for "Today"
keys Escape
wait_for "1-4 of 4"
keys C-q
clean_exit
finish
