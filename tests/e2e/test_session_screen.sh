# The AMI workshop session screen (w from the list): the people enrolled in
# AMI on the date typed are a checklist, Space marks who was present, F2
# records one session for the group through the same core as `parcours
# session add`; another date reloads the list; a session with nobody is
# refused. The reports screen shows the weeks of AMI (w).
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

intake Côté Élisabeth 1985-03-02
intake Gagnon Gérald 1972-11-30
intake Wapistan Anne 1990-06-21
pc enrol 2026-0001 ami --start 2026-03-02
pc enrol 2026-0002 ami --start 2026-03-02
pc enrol 2026-0003 paas_action --start 2026-03-02
same "$rc" 0 "(enrol)"
start --lang en
wait_for "2026-0001 Côté, Élisabeth"
keys F7
wait_for "AMI workshop session"
# today (2026-03-15): the two people enrolled in AMI, not the PAAS one
wait_for "Enrolled in AMI on 2026-03-15: 2, 0 present"
wait_for "[ ] 2026-0001  Côté, Élisabeth"
wait_for "[ ] 2026-0002  Gagnon, Gérald"
if screen | grep -qF "2026-0003"; then bad "a person not in AMI is offered"; else ok; fi
# the cursor starts on the title
type_ "Cuisine collective"
keys BTab
keys p
wait_for "( ) morning   (x) afternoon"
keys Tab Tab Space
wait_for "[x] 2026-0001  Côté, Élisabeth"
wait_for "Enrolled in AMI on 2026-03-15: 2, 1 present"
keys F2
wait_for "Session 1 recorded: 1 person present."
wait_for "2026-0001 Côté, Élisabeth"
same "$(db "SELECT session_date || '|' || half || '|' || title FROM ami_session")" \
	"2026-03-15|pm|Cuisine collective"
same "$(db "SELECT count(*) FROM ami_presence")" 1 "(presences)"

# another date: the list follows it; nobody was enrolled on March 1
keys F7
wait_for "Enrolled in AMI on 2026-03-15: 2, 0 present"
keys BTab BTab C-u
type_ "2026-03-01"
keys Tab
wait_for "Enrolled in AMI on 2026-03-01: 0, 0 present"
wait_for "(nobody: enrol people in AMI first, or change the date)"
keys Tab
type_ "Budget"
keys F2
wait_for "name the people present by their file numbers"
same "$(db "SELECT count(*) FROM ami_session")" 1 "(a refused session was stored)"
keys Escape
wait_for "No session recorded."

# the reports screen: w shows the AMI weeks of the month
keys C-r
wait_for "Reports - month 2026-03"
keys w
wait_for "Reports - AMI workshops, 2026-03"
wait_for "2026-0001  Côté, Élisabeth"
wait_for "week 2026-W11 (2026-03-09 to 2026-03-15): 1, below target"
keys Escape
wait_for "2026-0001 Côté, Élisabeth"
keys F10
clean_exit
finish
