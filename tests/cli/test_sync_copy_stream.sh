#!/bin/bash
# `sync init` streams the caseload copy (issue 16): the office sends it in
# frames as it reads it, the laptop writes them to a temporary file as they
# come and keeps it only when the end frame's length and checksum match.
# - memory: a caseload of some 18 MB must not grow either end's peak by
#   more than 4 MB over a copy of two people (both used to hold the whole
#   copy in memory, the office twice);
# - a copy cut half-way, or altered in transit, leaves no laptop database
#   and no temporary file, with a plain message; a new init then works.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
ME=$(id -un)
O=$T/office.db
mkdir -p "$T/bin" "$T/lap"
PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
for n in Côté Gagnon; do
	intake "$n" Anne 1980-01-02 && F=$(cat "$T/out")
	expect 0 assign "$F" "$ME"
done
expect 0 sync keygen --site BUR

# the link: a stand-in ssh running the office's command here, its output
# passed through $FILTER (a shell command) when one is set; with DETACH set,
# the office's end is left to run on its own (not a child of the laptop,
# whose peak would otherwise count the office's: wait4 gives the largest of
# a process and its children)
cat >"$T/bin/ssh" <<'SH'
#!/bin/sh
shift
if [ -n "${FILTER:-}" ]; then
	sh -c "$*" | sh -c "$FILTER"
	exit 0
fi
if [ -n "${DETACH:-}" ]; then
	exec 3<&0
	(sh -c "$*" <&3 3<&- &)
	exit 0
fi
exec sh -c "$*"
SH
chmod +x "$T/bin/ssh"
export PARCOURS_SSH=$T/bin/ssh
# peaks (KB) of both ends of one `sync init`: the laptop's in $T/laptop.peak,
# the office's `sync serve` in $T/serve.peak; under AddressSanitizer freed
# blocks are not held in quarantine (that would measure the sanitizer)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0
export PARCOURS_REMOTE="/usr/bin/time -f %M -o $T/serve.peak $PARCOURS_BIN"
init_peaks() { # init_peaks LAPTOP SITE: status in $rc
	rc=0
	rm -f "$T/serve.peak"
	DETACH=1 /usr/bin/time -f %M -o "$T/laptop.peak" "$PARCOURS_BIN" --db "$1" sync init \
		"ssh://office$O" --site "$2" >"$T/out" 2>"$T/err" || rc=$?
	local i # the office's end ends once the laptop has closed the link
	for i in $(seq 100); do [ -s "$T/serve.peak" ] && break || sleep 0.1; done
}

init_peaks "$T/small.db" RA
same "$rc" 0 "(init of two people: $(head -3 "$T/err"))"
small_laptop=$(cat "$T/laptop.peak") small_serve=$(cat "$T/serve.peak")
same "$(sqlite3 "$T/small.db" "SELECT count(*) FROM participant")" 2

# 300 more people of the caseload, each with a February of some 60 KB of
# answers (200 entries with a 190-character note), written by SQL
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
            birth_date, counsellor, search_keys, created_at, updated_at)
     SELECT printf('%032x', i), printf('2025-%04d', i), 'Roy', 'Luc', 'roy', 'luc', '1980-01-01',
            '$ME', printf(' roy luc 2025-%04d 2025 %04d ', i, i),
            '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM k;
     WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT p.id, 'participation', '2026-02', 1, 1,
            json_object('entries', (SELECT json_group_array(json_object(
                'date', printf('2026-02-%02d', 1 + i % 28), 'activity', 'work',
                'hours', (i % 7) * 0.25, 'note', printf('%.190c', 'x'))) FROM k)),
            '$ME', '2026-02-28T10:00:00Z'
     FROM participant p WHERE p.file_no LIKE '2025-%';"
same "$(sql "SELECT count(*) FROM revision WHERE length(answers) > 50000")" 300

init_peaks "$T/big.db" RB
same "$rc" 0 "(init of 302 people: $(head -3 "$T/err"))"
big_laptop=$(cat "$T/laptop.peak") big_serve=$(cat "$T/serve.peak")
size=$(stat -c %s "$T/big.db")
echo "sync init of $size bytes: laptop ${big_laptop} KB (two people: ${small_laptop} KB)," \
	"office ${big_serve} KB (two people: ${small_serve} KB)"
[ "$size" -gt 16000000 ] && ok || bad "the big copy is only $size bytes"
if [ $((big_laptop - small_laptop)) -lt 4096 ]; then ok; else
	bad "the laptop's sync init grew by $((big_laptop - small_laptop)) KB for $size bytes"
fi
if [ $((big_serve - small_serve)) -lt 4096 ]; then ok; else
	bad "the office's sync serve grew by $((big_serve - small_serve)) KB for $size bytes"
fi
# the copy is whole: every revision of the caseload, the same answers
mine="SELECT p.file_no, r.form, r.period, r.revision, r.answers FROM revision r
      JOIN participant p ON p.id = r.participant_id WHERE p.counsellor = '$ME' ORDER BY 1, 2, 3, 4"
same "$(sqlite3 "$T/big.db" "$mine" | md5sum)" "$(sql "$mine" | md5sum)" "(the copy's revisions)"
expect 0 --db "$T/big.db" check

# cut half-way: the office's stream stops after half the copy
export PARCOURS_REMOTE=$PARCOURS_BIN
FILTER="head -c $((size / 2))" expect 3 --db "$T/lap/cut.db" sync init "ssh://office$O" --site RC
has "$T/err" "cut short"
same "$(ls -A "$T/lap")" "" "(files left by a cut copy)"
# altered: one byte of the middle of the copy changed on the way
flip="perl -e 'my \$at = $((size / 2)); my \$n = 0;
  while (sysread(STDIN, my \$b, 65536)) { if (\$n <= \$at && \$at < \$n + length \$b) {
    substr(\$b, \$at - \$n, 1) = chr(ord(substr(\$b, \$at - \$n, 1)) ^ 1) }
    \$n += length \$b; syswrite(STDOUT, \$b) }'"
FILTER=$flip expect 3 --db "$T/lap/cut.db" sync init "ssh://office$O" --site RD
has "$T/err" "checksum"
same "$(ls -A "$T/lap")" "" "(files left by an altered copy)"
# the same laptop path then takes a whole copy (a new site code: the office
# registered the others)
expect 0 --db "$T/lap/cut.db" sync init "ssh://office$O" --site RE
same "$(sqlite3 "$T/lap/cut.db" "SELECT count(*) FROM participant")" 302
expect 0 --db "$T/lap/cut.db" check
finish
