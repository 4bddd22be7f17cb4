/* A core context on a real database for the unit tests: the forms folder
 * (with its programmes.yaml when there is one), the expression engine, the
 * store, and the login admitted. Shared so that every test opens parcours
 * the way the program does. */
#ifndef PARCOURS_TEST_CTX_H
#define PARCOURS_TEST_CTX_H
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/programme.h"
#include "parcours/staff.h"

/* Opens c for `login` on db; with `found`, a login meeting a database that
 * has no staff yet becomes its admin and supervisor (pc_staff_admit). The
 * problems are printed on stderr; false if anything failed. */
static inline bool test_ctx_open(struct pc_ctx *c, const char *forms, const char *db,
				 const char *login, enum pc_store_mode mode, bool found)
{
	struct pc_problems pr = {0};
	memset(c, 0, sizeof(*c));
	c->login = login;
	strcpy(c->today, "2026-03-15");
	char programmes[600];
	snprintf(programmes, sizeof(programmes), "%s/programmes.yaml", forms);
	bool ok = (access(programmes, F_OK) != 0 ||
		   pc_programmes_load(programmes, &c->programmes, &pr) == PC_OK) &&
		  pc_expr_open(&c->expr, &pr) == PC_OK &&
		  pc_formset_load(forms, c->expr, &c->forms, &pr) == PC_OK &&
		  pc_store_open(db, mode, &c->store, &pr) == PC_OK &&
		  pc_staff_admit(c, found, NULL, &pr) == PC_OK;
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	return ok;
}

static inline void test_ctx_close(struct pc_ctx *c)
{
	pc_store_close(&c->store);
	pc_programmes_free(&c->programmes);
	pc_formset_free(&c->forms);
	pc_expr_close(&c->expr);
}

#endif
