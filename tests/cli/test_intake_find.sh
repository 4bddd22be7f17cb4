# Intake from the command line, file numbers, accent-blind search, duplicate
# warning, refused input leaving nothing stored.
. "$SRC/tests/cli/lib.sh"

expect 0 init
same "$(stat -c %a "$PARCOURS_DB")" 600 "(database mode)"
same "$(sql 'PRAGMA journal_mode')" wal

intake Côté Élisabeth 1985-03-02
same "$rc" 0 "(first intake: $(cat "$T/err"))"
same "$(cat "$T/out")" 2026-0001
intake Tremblay Gérald 1971-11-30
same "$(cat "$T/out")" 2026-0002
intake Côté Anne-Marie 1990-06-01
same "$(cat "$T/out")" 2026-0003
intake Wapistan Marie-Ève 2001-01-15
same "$(cat "$T/out")" 2026-0004

for q in elisabeth ÉLISABETH cote COTÉ "cote el" "eli cot" 2026-0001 "côté élisabeth"; do
	expect 0 participant find "$q"
	has "$T/out" "2026-0001"
done
expect 0 participant find cote
same "$(wc -l <"$T/out")" 2 "(two Côté)"
expect 0 participant find anne-marie
has "$T/out" "2026-0003"
hasnt "$T/out" "2026-0001"
expect 0 participant find marie
has "$T/out" "2026-0003"
has "$T/out" "2026-0004"
expect 0 participant find 2026-000
same "$(wc -l <"$T/out")" 4
expect 0 participant find zzzz
same "$(wc -l <"$T/out")" 0

# a likely duplicate: same birth date and accent-blind names
intake cote ELISABETH 1985-03-02
same "$rc" 0
has "$T/err" "2026-0001"
same "$(cat "$T/out")" 2026-0005

# refused: missing required, bad date, bad phone; nothing stored, exit 1
before=$(sql 'SELECT count(*) FROM participant')
revs=$(sql 'SELECT count(*) FROM revision')
expect 1 participant add --set family_name=Roy --set birth_date=1985-02-30 --set consent_date=2026-03-15 --set consent_sharing=oui
has "$T/err" "given_name: "
has "$T/err" "birth_date: "
same "$(sql 'SELECT count(*) FROM participant')" "$before"
same "$(sql 'SELECT count(*) FROM revision')" "$revs"
same "$(cat "$T/out")" ""
# unknown field
expect 1 participant add --set family_name=Roy --set given_name=Luc --set birth_date=1985-02-03 --set consent_date=2026-03-15 --set consent_sharing=oui --set nmae=x
has "$T/err" "nmae: "
# the same in English
expect 1 --lang en participant add --set family_name=Roy --set birth_date=1985-02-30
has "$T/err" "given_name: This answer is required."

# usage errors: exit 2
expect 2 participant add --set nothing
expect 2 participant add
expect 2 participant
expect 2 participant add --set a=1 --json -
expect 2 frobnicate
expect 2 --lang de participant find x

finish
