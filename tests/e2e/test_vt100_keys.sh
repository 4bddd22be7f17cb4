# Old terminals' keys: under TERM=vt100, whose terminfo lists neither
# PgUp/PgDn nor Home/End nor Shift-Tab, the xterm and VT220 sequences a
# terminal (or tmux, PuTTY) sends still act as those keys, never as Esc
# followed by letters; an unknown CSI sequence is dropped whole; every
# action has a Ctrl or plain key too (Ctrl-F/B, Ctrl-A/E, j/k, q).
. "$SRC/tests/e2e/lib.sh"

raw() { tm send-keys -t pc -l "$1"; }
marked() { screen | grep '^>' | head -1; }

intake Tremblay Alice 1990-04-02
FILE=$(cat "$T/out")

ENV="TERM=vt100" start
wait_for "Tremblay"
keys C-n
wait_for "> Nom de famille *"
# PgDn (CSI 6~) moves several fields down; the clean form stays open
raw $'\e[6~'
wait_for "> Code postal"
# Shift-Tab (CSI Z): the field before
raw $'\e[Z'
wait_for "> Municipalité"
# PgUp (CSI 5~) back to the top
raw $'\e[5~'
wait_for "> Nom de famille *"
# Home and End in a text field, in their VT220 (1~ 4~), xterm (H F) and
# SS3 (OH OF) spellings
type_ "Gagnon"
raw $'\e[1~'
type_ "A"
raw $'\e[4~'
type_ "B"
raw $'\eOH'
type_ "C"
raw $'\eOF'
type_ "D"
raw $'\e[H'
type_ "E"
raw $'\e[F'
type_ "F"
wait_for "> Nom de famille *                : ECAGagnonBDF"
# Ctrl-A and Ctrl-E too
keys C-a
type_ "1"
keys C-e
type_ "2"
wait_for "> Nom de famille *                : 1ECAGagnonBDF2"
# sequences no table knows (Ctrl-Up, the start of a bracketed paste) are
# dropped whole: no Esc, no "[1;5A" typed into the field
raw $'\e[1;5A'
raw $'\e[200~'
type_ "3"
wait_for "> Nom de famille *                : 1ECAGagnonBDF23"
if screen | grep -qF "Non enregistré. o : quitter"; then bad "an unknown sequence acted as Esc"; else ok; fi
# Ctrl-F pages down like PgDn; Ctrl-B back up
keys C-f
wait_for "> Code postal"
keys C-b
wait_for "> Nom de famille *"
# in a text field q and j are text
keys C-u
type_ "qj"
wait_for "> Nom de famille *                : qj"
keys C-u
settle
# a clean form: Esc leaves it at once (nothing was kept)
keys Escape
wait_for "Tremblay"

# the file screen: q goes back one screen, never quits
keys Enter
wait_for "$FILE"
wait_for "Dossier $FILE"
keys q
wait_for "parcours - Participants"
if [ -s "$T/rc" ]; then bad "q on the file screen quit the console"; else ok; fi
# the help: j/k and Ctrl-F scroll, q goes back
keys F1
wait_for "Aide : les touches de cet écran"
keys q
wait_gone "Aide : les touches de cet écran"
keys F10
clean_exit

# the list of revisions: j and k move like Down and Up
pc submit profile "$FILE" --set wellbeing=5
pc submit profile "$FILE" --set wellbeing=6
pc submit profile "$FILE" --set wellbeing=7
ENV="TERM=vt100" start
wait_for "Tremblay"
keys Enter
wait_for "Dossier $FILE"
keys 2
wait_for "Profil"
keys h
wait_for "Historique - "
sel() { tm capture-pane -p -e -t pc | grep -a $'\e\\[7m' | sed 's/\x1b\[[0-9;]*m//g' | awk '{print $1}' | grep -E '^[0-9]+$' | head -1; }
same "$(sel)" 3 "(newest revision selected first)"
keys j
settle
same "$(sel)" 2 "(j moves down)"
keys j
settle
same "$(sel)" 1 "(j again)"
keys k
settle
same "$(sel)" 2 "(k moves up)"
keys q q
wait_for "parcours - Participants"
keys F10
clean_exit
finish
