/* The office's decisions on what a laptop may send (sync_rules.h): every
 * table of the schema, as migrations leave it, has one, so a table added
 * later without deciding fails here; and the decisions that guard the
 * office's own administration are the ones meant. */
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/i18n.h"
#include "parcours/sync_rules.h"
#include "test.h"
#include "test_ctx.h"

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-sync-rules-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char db[300], forms[500];
	snprintf(db, sizeof(db), "%s/office.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	CHECK(test_ctx_open(&c, forms, db, "admin", PC_STORE_CREATE, true));
	test_ctx_close(&c);

	sqlite3 *s = NULL;
	CHECK(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	sqlite3_stmt *q = NULL;
	CHECK(sqlite3_prepare_v2(s, "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
	                            "name NOT LIKE 'sqlite_%' ORDER BY name", -1, &q, NULL) == SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		bool known = pc_sync_rule_of(name) != PC_SYNC_RULE_UNDECIDED;
		if (!known)
			fprintf(stderr, "  table %s: no decision on what a laptop may send of it "
			                "(src/core/sync_rules.c RULES)\n", name);
		CHECK(known);
		tables++;
	}
	sqlite3_finalize(q);
	sqlite3_close(s);
	CHECK(tables >= 20);

	/* what the office administers never comes from a laptop */
	const char *office[] = {"staff", "staff_role", "local_site", "month_closing"};
	for (size_t i = 0; i < sizeof(office) / sizeof(office[0]); i++)
		CHECK(pc_sync_rule_of(office[i]) == PC_SYNC_RULE_OFFICE);
	CHECK(pc_sync_rule_of("revision") == PC_SYNC_RULE_FORM);
	CHECK(pc_sync_rule_of("entry") == PC_SYNC_RULE_FORM);
	CHECK(pc_sync_rule_of("participant") == PC_SYNC_RULE_PERSON);
	CHECK(pc_sync_rule_of("draft") == PC_SYNC_RULE_UNSENT);
	CHECK(pc_sync_rule_of("no_such_table") == PC_SYNC_RULE_UNDECIDED);

	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
