/* Quick ways to type a date in any date field: t or . in an empty (or
 * selected) field writes today, and the words for yesterday, today and
 * tomorrow, in French or English, become the date when the field is left.
 * What is stored is always the ISO date the person sees. */
#include <ctype.h>
#include <string.h>
#include "parcours/due.h"
#include "ui/ui.h"

bool ui_date_key(struct ui_edit *e, int key)
{
	if (key != 't' && key != 'T' && key != '.')
		return false;
	if (e->len && !e->selected)
		return false; /* typing inside a date: not a shortcut */
	return ui_edit_set(e, ui_ctx->today, false);
}

bool ui_date_word(const char *typed, char out[11])
{
	static const struct {
		const char *word;
		long days;
	} words[] = {
	    {"hier", -1},         {"yesterday", -1},      {"aujourd'hui", 0},
	    {"aujourd\u2019hui", 0}, {"auj", 0},          {"today", 0},
	    {"demain", 1},        {"tomorrow", 1},
	};
	char w[32];
	size_t n = 0;
	while (typed && isspace((unsigned char)*typed))
		typed++;
	for (; typed && *typed && n < sizeof(w) - 1; typed++)
		w[n++] = (char)tolower((unsigned char)*typed);
	while (n && isspace((unsigned char)w[n - 1]))
		n--;
	w[n] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(w, words[i].word))
			return pc_date_add_days(ui_ctx->today, words[i].days, out);
	return false;
}
