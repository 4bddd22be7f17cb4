# A sync file written at another schema (a newer or older parcours at the
# other end) is refused before anything is applied, in English and French,
# with exit status 1, both ends left as they were; the same exchange from
# the right schema then goes through. One binary cannot write another
# schema, so the test re-seals a real file with the schema line changed,
# using both ends' keys (libsodium's crypto_box through Python's ctypes).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db KEY=$T/usb
export PARCOURS_DB=$O
mkdir -p "$KEY"
ME=$(id -un)
# reseal IN SENDER_DB RECEIVER_DB FROM TO OUT: the file IN opened with the
# receiver's secret key, its first FROM replaced by TO, sealed again from
# the sender to the receiver
reseal() {
	python3 - "$@" <<'PY'
import ctypes, sys
src, sender, receiver, old, new, out = sys.argv[1:7]
na = ctypes.CDLL("libsodium.so.23")
assert na.sodium_init() >= 0
f = open(src, "rb").read()
ssk = open(sender + ".sync-key", "rb").read()
rsk = open(receiver + ".sync-key", "rb").read()
spk, nonce, box = f[8:40], f[40:64], f[64:]
plain = ctypes.create_string_buffer(len(box) - 16)
assert na.crypto_box_open_easy(plain, box, ctypes.c_ulonglong(len(box)), nonce, spk, rsk) == 0
text = plain.raw
assert old.encode() in text, "no " + old
text = text.replace(old.encode(), new.encode(), 1)
rpk = ctypes.create_string_buffer(32)
na.crypto_scalarmult_base(rpk, rsk)
sealed = ctypes.create_string_buffer(len(text) + 16)
assert na.crypto_box_easy(sealed, text, ctypes.c_ulonglong(len(text)), nonce, rpk.raw, ssk) == 0
open(out, "wb").write(f[:64] + sealed.raw)
PY
}
# everything of a database that an import could change
state() {
	sqlite3 -batch "$1" "SELECT participant_id, form, revision, answers FROM revision ORDER BY 1, 2, 3;
	  SELECT * FROM sync_peer; SELECT * FROM sync_seen; SELECT count(*) FROM sync_log;
	  SELECT count(*), max(hash) FROM audit; SELECT count(*) FROM sync_conflict"
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
expect 0 --db "$L" submit profile "$A" --set wellbeing=8
expect 0 submit profile "$B" --set wellbeing=3
expect 0 --db "$L" sync export "$KEY/up.sync"
expect 0 sync export "$KEY/down.sync" --to RN
V=$(sql "PRAGMA user_version")
[ "$V" -gt 11 ] && ok || bad "schema version '$V'"
reseal "$KEY/up.sync" "$L" "$O" "
schema $V
" "
schema $((V + 1))
" "$KEY/up-newer.sync" || bad "the laptop's file could not be re-sealed"
reseal "$KEY/down.sync" "$O" "$L" "
schema $V
" "
schema $((V - 1))
" "$KEY/down-older.sync" || bad "the office's file could not be re-sealed"
office=$(state "$O")
laptop=$(state "$L")

# at the office, from a laptop of a newer schema
expect 1 sync import "$KEY/up-newer.sync"
has "$T/err" "the schema differs (version $((V + 1)) at RN, $V here)"
has "$T/err" "nothing was applied"
expect 1 --lang fr sync import "$KEY/up-newer.sync"
has "$T/err" "le schéma diffère (version $((V + 1)) à RN, $V ici)"
has "$T/err" "rien n'a été appliqué"
# on the laptop, from an office of an older schema
expect 1 --db "$L" sync import "$KEY/down-older.sync"
has "$T/err" "the schema differs (version $((V - 1)) at BUR, $V here)"
expect 1 --db "$L" --lang fr sync import "$KEY/down-older.sync"
has "$T/err" "le schéma diffère (version $((V - 1)) à BUR, $V ici)"
same "$(state "$O")" "$office" "(the office changed)"
same "$(state "$L")" "$laptop" "(the laptop changed)"

# the files as written go through
expect 0 sync import "$KEY/up.sync"
expect 0 --db "$L" sync import "$KEY/down.sync"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 2
same "$(sqlite3 "$L" "SELECT count(*) FROM revision WHERE form = 'profile'")" 2
finish
