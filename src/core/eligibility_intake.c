/* The programmes' eligibility conditions checked against the intake form
 * (eligibility.h): whatever may enrol someone asks it before evaluating a
 * condition, so that a condition on a field the intake does not have is
 * said at programmes.yaml:LINE:COL instead of refusing everyone. Loads the
 * intake only when a programme has conditions. Not here: evaluating them
 * for a person (eligibility_exception.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/eligibility.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"

enum pc_status pc_eligibility_check_intake(struct pc_ctx *c, struct pc_problems *pr)
{
	const struct pc_form *intake = NULL;
	bool asked = false;
	enum pc_status st = PC_OK;
	char *path = NULL;
	for (size_t i = 0; st == PC_OK && c->programmes && i < c->programmes->len; i++) {
		const struct pc_eligibility *e = &c->programmes->items[i].eligibility;
		if (!e->len)
			continue;
		if (!asked) {
			asked = true;
			st = c->forms ? pc_formset_get(c->forms, "intake", &intake, pr) : PC_OK;
			size_t n =
			    (c->forms ? strlen(c->forms->dir) : 1) + sizeof("/programmes.yaml");
			if (st == PC_OK && !(path = malloc(n))) {
				pc_problems_add(pr, false, "programmes", "%s", _("out of memory"));
				st = PC_UNUSABLE;
			} else if (st == PC_OK) {
				snprintf(path, n, "%s/programmes.yaml",
				         c->forms ? c->forms->dir : ".");
			}
		}
		if (st == PC_OK && !pc_eligibility_check_form(path, e, intake, pr))
			st = PC_UNUSABLE;
	}
	free(path);
	return st;
}
