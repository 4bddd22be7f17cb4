/* What the list does on a key (search.h in core.h): its reads held in one
 * read transaction see one state of the file however others write
 * meanwhile, and its count, done in a pause, gives way as soon as a key is
 * waiting (the stop callback) and is exact otherwise. Real file, shipped
 * forms. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "test.h"
#include "test_ctx.h"

static char *add_person(struct pc_ctx *c, const char *family, const char *given)
{
	char text[400];
	snprintf(text, sizeof(text),
	         "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"birth_date\":\"1985-03-02\","
	         "\"consent_date\":\"2026-03-15\",\"consent_sharing\":\"oui\"}",
	         family, given);
	struct pc_json *in = pc_json_parse(text, strlen(text), NULL, 0);
	struct pc_problems pr = {0};
	char *file_no = NULL;
	CHECK(in && pc_intake_add(c, in, &file_no, &pr) == PC_OK);
	for (size_t i = 0; !file_no && i < pr.len; i++) /* say why, when it was refused */
		fprintf(stderr, "intake of %s %s: %s: %s\n", family, given, pr.items[i].where,
		        pr.items[i].message);
	pc_json_free(&in);
	pc_problems_clear(&pr);
	return file_no;
}

static size_t found(struct pc_ctx *c, const char *query)
{
	struct pc_participant *p = NULL;
	size_t n = 0;
	struct pc_problems pr = {0};
	CHECK(pc_search(c, query, 1000, &p, &n, &pr) == PC_OK);
	pc_participants_free(&p, n);
	pc_problems_clear(&pr);
	return n;
}

static size_t counted(struct pc_ctx *c, const char *query)
{
	size_t n = 0;
	bool more = true;
	struct pc_problems pr = {0};
	CHECK(pc_search_count(c, query, 10000, &n, &more, &pr) == PC_OK);
	CHECK(!more);
	pc_problems_clear(&pr);
	return n;
}

static int asked;

static bool stop_now(void *ctx)
{
	(void)ctx;
	asked++;
	return true;
}

static bool never(void *ctx)
{
	(void)ctx;
	asked++;
	return false;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-search-keys-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/s.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx a, b;
	struct pc_problems pr = {0};
	CHECK(test_ctx_open(&a, forms, db, "marie", PC_STORE_CREATE, true));
	CHECK(test_ctx_open(&b, forms, db, "marie", PC_STORE_WRITE, false));
	free(add_person(&a, "Côté", "Élisabeth"));
	free(add_person(&a, "Cote", "Benoît"));
	free(add_person(&a, "Roy", "Zoé"));

	/* a key's reads: one state of the file while another session adds */
	bool own = false;
	CHECK(pc_search_hold(&a, &own, &pr) == PC_OK);
	CHECK(own);
	CHECK(found(&a, "cote") == 2);
	free(add_person(&b, "Côté", "André"));
	CHECK(found(&b, "cote") == 3);
	CHECK(found(&a, "cote") == 2);   /* still the state of the key */
	CHECK(counted(&a, "cote") == 2); /* the count too */
	/* held already: a nested hold does nothing, its release neither */
	bool inner = true;
	CHECK(pc_search_hold(&a, &inner, &pr) == PC_OK);
	CHECK(!inner);
	pc_search_release(&a, inner);
	CHECK(found(&a, "cote") == 2);
	pc_search_release(&a, own);
	CHECK(found(&a, "cote") == 3); /* the next key sees the addition */
	/* nothing left open: a write goes through */
	free(add_person(&a, "Roy", "Anne"));

	/* enough people for a count to take many steps */
	CHECK(pc_store_begin(a.store, &pr) == PC_OK);
	for (int i = 0; i < 300; i++) {
		char given[32];
		snprintf(given, sizeof(given), "Claude%d", i);
		free(add_person(&a, "Caron", given));
	}
	CHECK(pc_store_commit(a.store, &pr) == PC_OK);
	size_t n = 99;
	bool more = false, stopped = false;
	asked = 0;
	CHECK(pc_search_count_until(&a, "c", 10000, stop_now, NULL, &n, &more, &stopped, &pr) ==
	      PC_OK);
	CHECK(stopped && asked == 1 && more && n == 0); /* a key came: gave way */
	asked = 0;
	CHECK(pc_search_count_until(&a, "c", 10000, never, NULL, &n, &more, &stopped, &pr) ==
	      PC_OK);
	CHECK(!stopped && asked > 0 && !more && n == 303); /* else exact */
	CHECK(pc_search_count_until(&a, "c", 100, never, NULL, &n, &more, &stopped, &pr) ==
	      PC_OK);
	CHECK(!stopped && more && n == 100); /* "100+" */
	CHECK(pc_search_count_until(&a, "", 10000, never, NULL, &n, &more, &stopped, &pr) ==
	      PC_OK);
	CHECK(!stopped && n == 305);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	test_ctx_close(&b);
	test_ctx_close(&a);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
