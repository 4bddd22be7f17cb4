# TERM=vt100, TERM=linux and NO_COLOR give the same clean screen; vt100 and
# NO_COLOR without a single colour (bold and reverse only); colours appear
# only when the terminal has them (xterm, the linux console) and NO_COLOR
# is unset. Plain and Ctrl keys do what the
# function keys do. English with --lang en or LANG=en_*, French otherwise;
# the help lists the keys of the screen it came from.
. "$SRC/tests/e2e/lib.sh"

# colour codes other than "default" (39, 49) in a capture with attributes
colours() { tm capture-pane -p -e -t pc | grep -aoE $'\e\\[[0-9;]*m' | grep -cE '\[(3[0-7]|4[0-7]|38;|48;|9[0-7]|10[0-7])'; }

for env in "TERM=vt100" "TERM=linux" "TERM=xterm-256color NO_COLOR=1" "TERM=xterm-256color"; do
	ENV="$env" start
	wait_for "Aucune personne pour l'instant"
	keys C-n
	wait_for "Accueil - nouvelle personne"
	keys C-s
	wait_for "Non enregistré : 5 réponses à corriger."
	wait_for "! Cette réponse est obligatoire."
	screen >"$T/screen.$(echo "$env" | tr ' =' '__')"
	n=$(colours)
	case "$env" in
	*NO_COLOR* | *vt100*) same "$n" 0 "(colour codes with $env)" ;;
	*) [ "$n" -gt 0 ] && ok || bad "no colour at all with $env" ;;
	esac
	keys Escape
	wait_for "Aucune personne pour l'instant"
	keys C-q
	clean_exit
done
# the same text whatever the terminal
for f in "$T"/screen.TERM_vt100 "$T"/screen.TERM_linux "$T"/screen.TERM_xterm-256color; do
	if cmp -s "$f" "$T/screen.TERM_xterm-256color_NO_COLOR_1"; then ok; else
		bad "$(basename "$f") differs:"
		diff "$f" "$T/screen.TERM_xterm-256color_NO_COLOR_1" >&2
	fi
done

# help: the keys of the screen it was opened from
start
wait_for "Aucune personne pour l'instant"
keys '?'
wait_for "Aide : les touches de cet écran"
wait_for "Recherche par nom ou numéro (jamais une commande)"
wait_for "Partout"
keys Escape
wait_for "Aucune personne pour l'instant"
keys IC
wait_for "> Nom de famille"
# in a text field ? is text; F1 and Ctrl-G are help
type_ "Qui?"
wait_for "> Nom de famille *                : Qui?"
keys C-g
wait_for "Aide : les touches de cet écran"
wait_for "Enregistrer (comme F2)"
if screen | grep -qF "Lettres, chiffres"; then bad "help of the wrong screen"; else ok; fi
keys Escape
wait_for "> Nom de famille *                : Qui?"
keys Escape d
wait_for "Aucune personne pour l'instant"
keys F10
clean_exit

# English, by option and by environment
start --lang en
wait_for "No participant yet: Ins starts an intake."
wait_for "Search: (type a name or a file number)"
keys IC
wait_for "Intake - new participant"
wait_for "> Family name *"
keys C-s
wait_for "Not saved: 5 answers to fix."
wait_for "! This answer is required."
keys F1
wait_for "Help: the keys of this screen"
wait_for "Save (as F2)"
keys Escape Escape
wait_for "No participant yet"
keys F10
clean_exit
ENV="LANG=en_CA.UTF-8 LC_ALL=" start
wait_for "No participant yet: Ins starts an intake."
keys F10
clean_exit
finish
