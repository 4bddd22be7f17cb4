/* Before a new intake is saved: the people already on file who are likely
 * the same person (pc_intake_likely) offered in a list, so that the front
 * desk opens the existing file instead of creating a second one, or goes
 * on knowingly. Nothing is written here; the intake stays as typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "ui/ui.h"

static void list_free(struct pc_choice_list *l)
{
	for (size_t i = 0; i < l->len; i++) {
		free(l->items[i].value);
		free(l->items[i].label.fr);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* One line a match ("2026-0001  Côté, Élisabeth  born 1985-03-07"), then
 * the way on; values are file numbers, "" to go on. */
static bool list_build(struct pc_choice_list *l, const struct pc_participant *m, size_t n)
{
	if (!(l->items = calloc(n + 1, sizeof(*l->items))))
		return false;
	for (size_t i = 0; i <= n; i++) {
		char line[400];
		if (i < n)
			snprintf(line, sizeof(line), _("%s  %s, %s  born %s"), m[i].file_no,
			         m[i].family_name ? m[i].family_name : "",
			         m[i].given_name ? m[i].given_name : "",
			         m[i].birth_date ? m[i].birth_date : "-");
		else
			snprintf(line, sizeof(line), "%s", _("None of them: create a new file"));
		struct pc_choice *c = &l->items[l->len];
		c->value = strdup(i < n ? m[i].file_no : "");
		c->label.fr = strdup(line);
		c->label.en = c->label.fr;
		if (!c->value || !c->label.fr) {
			free(c->value);
			free(c->label.fr);
			return false;
		}
		l->len++;
	}
	return true;
}

/* What the question was about: names and birth date as typed. */
static char *said_of(const struct pc_json *raw)
{
	const char *f = ui_doc_text(raw, "family_name"), *g = ui_doc_text(raw, "given_name"),
		   *b = ui_doc_text(raw, "birth_date");
	size_t len = strlen(f ? f : "") + strlen(g ? g : "") + strlen(b ? b : "") + 3;
	char *s = malloc(len);
	if (s)
		snprintf(s, len, "%s\n%s\n%s", f ? f : "", g ? g : "", b ? b : "");
	return s;
}

enum ui_likely ui_likely_ask(const struct pc_json *raw, char **file_no, char **said)
{
	*file_no = NULL;
	struct pc_participant *m = NULL;
	size_t n = 0;
	struct pc_problems pr = {0};
	enum ui_likely r = UI_LIKELY_NONE;
	char *now = said_of(raw);
	if (now && *said && !strcmp(now, *said)) {
		free(now);
		return UI_LIKELY_NONE; /* asked already, and the user went on */
	}
	if (pc_intake_likely(ui_ctx, ui_doc_text(raw, "family_name"), ui_doc_text(raw, "given_name"),
	                     ui_doc_text(raw, "birth_date"), &m, &n, &pr) != PC_OK || !n)
		goto out; /* a failed look is no reason to stop the intake */
	struct pc_choice_list list = {0};
	struct ui_pick pick = {0};
	if (!list_build(&list, m, n) || !ui_pick_open(&pick, &list, NULL, false)) {
		list_free(&list);
		goto out;
	}
	r = UI_LIKELY_BACK;
	for (;;) {
		ui_message(false, "%s",
		           P_("This person may already have a file: Enter opens it, Esc goes back.",
		              "This person may already have a file: Enter opens the one chosen, "
		              "Esc goes back.",
		              n));
		ui_paint();
		ui_pick_draw(&pick, 8, 4); /* below the names typed */
		int key;
		if (!ui_getkey(&key))
			break; /* hangup: the form's flush keeps the draft */
		char *value = NULL;
		int k = ui_pick_key(&pick, key, &value);
		if (k < 0)
			break;
		if (k > 0) {
			if (value && *value) {
				*file_no = value;
				r = UI_LIKELY_OPEN;
			} else {
				free(value);
				r = UI_LIKELY_GO_ON;
				free(*said);
				*said = now;
				now = NULL;
			}
			break;
		}
	}
	ui_message(false, "%s", "");
	ui_pick_close(&pick);
	list_free(&list);
out:
	free(now);
	pc_participants_free(&m, n);
	pc_problems_clear(&pr);
	return r;
}
