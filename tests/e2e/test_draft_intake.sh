# A new intake (no file yet) loses nothing either: SIGTERM keeps its draft,
# a closed terminal too; reopening offers it; leaving asks, and discarding
# removes it for good.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
# SIGTERM during a new intake
keys IC
wait_for "Accueil - nouvelle personne"
type_ "Wapistan"
keys Tab
type_ "Marie-Ève"
# the keys must have reached the console (not still in the terminal's
# buffer) for it to have anything to keep
wait_for "Marie-Ève"
kill -TERM "$(console_pid)"
clean_exit
start
wait_for "2026-0001 Tremblay, Gérald"
keys IC
wait_for "existe : le reprendre ? (o/n)"
keys o
wait_for "Nom de famille *                : Wapistan"
wait_for "Prénom *                        : Marie-Ève"
# leaving asks; discarding removes the draft
keys Escape
wait_for "Non enregistré. o : quitter (brouillon gardé), e : l'effacer, n : rester"
keys n
wait_gone "Non enregistré. o : quitter"
wait_for "> Nom de famille *                : Wapistan"
keys Escape
wait_for "Non enregistré. o : quitter"
keys e
wait_for "Brouillon effacé."
keys IC
wait_for "Accueil - nouvelle personne"
settle
if screen | grep -qF "le reprendre"; then bad "a discarded draft was offered"; else ok; fi
same "$(line 3)" "> Nom de famille *                :" "(an empty intake)"

# the terminal closes under it (the SSH window is closed)
type_ "Fermé"
pid=$(console_pid)
tm kill-session -t pc
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then bad "the console survived its terminal"; else ok; fi
if [ -s "$T/stderr" ]; then bad "stderr: $(head -20 "$T/stderr")"; else ok; fi
start
wait_for "2026-0001 Tremblay, Gérald"
keys IC
wait_for "existe : le reprendre ? (o/n)"
keys o
wait_for "Nom de famille *                : Fermé"
keys Escape o
wait_for "Brouillon conservé."
keys F10
clean_exit
finish
