# Reads po/fr.po and prints each entry whose French does not start as its
# English does: a capitalised word that lost its capital, or a lower-case
# message (those that follow "FIELD: ") that gained one. Acronyms (YAML,
# JSON) and French day and month names, which take no capital, are fine.
function cap_word(s) { return s ~ /^([A-Z]|É|È|Ê|À|Â|Ç|Î|Ô)([a-z]|é|è|ê|à|â|ç|î|ô|û|ï|')/ }
function low(s) { return s ~ /^([a-z]|é|è|ê|à|â|ç|î|ô)/ }
function flush() {
	if (id != "" && str != "" && str !~ names) {
		if (cap_word(id) && low(str)) print "capital lost: " id " -> " str
		if (low(id) && cap_word(str)) print "capital added: " id " -> " str
	}
	id = ""; str = ""
}
BEGIN {
	names = "^(lu|ma|me|je|ve|sa|di|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|" \
		"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|" \
		"décembre)$"
}
/^msgid "/ { flush(); mode = "id"; s = $0; sub(/^msgid "/, "", s); sub(/"$/, "", s); id = s; next }
/^msgid_plural/ { mode = "skip"; next }
/^msgstr(\[0\])? "/ { mode = "str"; s = $0; sub(/^msgstr(\[0\])? "/, "", s); sub(/"$/, "", s); str = s; next }
/^msgstr\[/ { mode = "skip"; next }
/^"/ { s = $0; sub(/^"/, "", s); sub(/"$/, "", s); if (mode == "id") id = id s; else if (mode == "str") str = str s; next }
END { flush() }
