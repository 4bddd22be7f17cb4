/* Unit tests of reading stored answers back (stored.h): what the save path
 * writes always reads back (validated answers of every type, calculations
 * included), and each wrong shape is refused with its field path; a text
 * that does not parse is damage with the file number, form and period. */
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/stored.h"
#include "parcours/validate.h"
#include "test.h"

static const char form_yaml[] =
    "form: t\n"
    "version: 2\n"
    "title: T\n"
    "period: none\n"
    "sections:\n"
    "  - title: S\n"
    "    fields:\n"
    "      - {name: name, type: text, label: N}\n"
    "      - {name: note, type: textarea, label: NO}\n"
    "      - {name: count, type: integer, label: C}\n"
    "      - {name: amount, type: decimal, label: A}\n"
    "      - {name: born, type: date, label: B}\n"
    "      - {name: ok, type: boolean, label: O}\n"
    "      - {name: kind, type: choice, label: K, choices: kinds}\n"
    "      - {name: kinds, type: choices, label: KS, choices: kinds}\n"
    "      - {name: spent, type: hours, label: H}\n"
    "      - {name: info, type: note, label: I}\n"
    "      - name: rows\n"
    "        type: repeat\n"
    "        label: R\n"
    "        fields:\n"
    "          - {name: day, type: date, label: D}\n"
    "          - {name: hours, type: hours, label: H}\n"
    "      - {name: twice, type: decimal, label: T, calculate: \"coalesce($amount, 0) * 2\"}\n"
    "choices:\n"
    "  kinds:\n"
    "    - {value: a, label: A}\n"
    "    - {value: b, label: B}\n";

static struct pc_form *form;

static bool shape(const char *text, const char *want_why)
{
	struct pc_json *v = pc_json_parse(text, strlen(text), NULL, 0);
	char why[512] = "";
	bool ok = v && pc_stored_shape_ok(form, v, why, sizeof(why));
	if (want_why && !strstr(why, want_why)) {
		fprintf(stderr, "  %s: got \"%s\", expected \"%s\"\n", text, why, want_why);
		ok = !ok; /* make the caller's CHECK fail */
	}
	pc_json_free(&v);
	return ok;
}

/* Whatever pc_validate cleans for saving reads back as sound. */
static void test_saved_reads_back(struct pc_expr *ev)
{
	const char *raw_text =
	    "{\"name\":\"Côté\",\"note\":\"a\\nb\",\"count\":\"12\",\"amount\":\"12,50\","
	    "\"born\":\"1985-03-02\",\"ok\":\"oui\",\"kind\":\"a\",\"kinds\":\"a,b\","
	    "\"spent\":\"3:30\",\"rows\":[{\"day\":\"2026-02-03\",\"hours\":\"2,5\"}]}";
	struct pc_json *raw = pc_json_parse(raw_text, strlen(raw_text), NULL, 0);
	struct pc_json *clean = NULL;
	struct pc_problems pr = {0};
	CHECK(raw && pc_validate(form, ev, raw, NULL, PC_VALIDATE_SAVE, &clean, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "  %s: %s\n", pr.items[i].where, pr.items[i].message);
	char *text = clean ? pc_json_to_string(clean) : NULL;
	struct pc_json *back = NULL;
	CHECK(text && pc_stored_answers(form, "t", "2026-0001", "", text, &back, &pr) == PC_OK);
	CHECK(back && pc_json_equal(back, clean));
	CHECK(pc_json_object_get(back, "twice") != NULL);
	CHECK(pr.len == 0);
	pc_json_free(&back);
	free(text);
	pc_json_free(&clean);
	pc_json_free(&raw);
	pc_problems_clear(&pr);
}

static void test_shapes(void)
{
	CHECK(shape("{}", NULL));
	CHECK(shape("{\"name\":null,\"count\":null}", NULL));
	/* answers of fields the form no longer has: any JSON */
	CHECK(shape("{\"gone\":[1,{\"x\":true}],\"count\":3}", NULL));
	CHECK(!shape("[]", "expected an object of answers"));
	CHECK(!shape("\"x\"", "expected an object of answers"));
	CHECK(!shape("{\"name\":3}", "name: expected text"));
	CHECK(!shape("{\"count\":\"3\"}", "count: expected a whole number"));
	CHECK(!shape("{\"count\":3.5}", "count: expected a whole number"));
	CHECK(!shape("{\"amount\":\"12\"}", "amount: expected a number"));
	CHECK(!shape("{\"spent\":1e300}", "spent: the number is out of range"));
	CHECK(!shape("{\"born\":\"2026-02-30\"}", "born: expected a date"));
	CHECK(!shape("{\"born\":\"abc\"}", "born: expected a date"));
	CHECK(!shape("{\"ok\":\"oui\"}", "ok: expected true or false"));
	CHECK(!shape("{\"kind\":[\"a\"]}", "kind: expected text"));
	CHECK(!shape("{\"kinds\":\"a\"}", "kinds: expected a list of choices"));
	CHECK(!shape("{\"kinds\":[\"a\",1]}", "kinds: expected a list of choices"));
	CHECK(!shape("{\"rows\":{}}", "rows: expected a list of rows"));
	CHECK(
	    !shape("{\"rows\":[{\"day\":\"2026-02-03\"},3]}", "rows.2: expected a row of answers"));
	CHECK(!shape("{\"rows\":[{\"hours\":\"2\"}]}", "rows.1.hours: expected a number"));
	CHECK(!shape("{\"twice\":\"x\"}", "twice: expected a number"));
	/* a note field holds no answer; whatever is there is not checked */
	CHECK(shape("{\"info\":[1]}", NULL));
}

static void test_damage_named(void)
{
	struct pc_problems pr = {0};
	struct pc_json *v = (struct pc_json *)1;
	CHECK(pc_stored_answers(form, "t", "2026-0042", "2026-02", "{\"count\";1}", &v, &pr) ==
	      PC_UNUSABLE);
	CHECK(v == NULL);
	CHECK(pr.len == 1 && !strcmp(pr.items[0].where, "2026-0042"));
	CHECK(pr.len == 1 && strstr(pr.items[0].message, "\"t\" for 2026-02") &&
	      strstr(pr.items[0].message, "damaged"));
	pc_problems_clear(&pr);
	/* never saved: no answers, no problem */
	CHECK(pc_stored_answers(form, "t", "2026-0042", "", NULL, &v, &pr) == PC_OK && !v);
	/* a removed form: only the object is checked */
	CHECK(pc_stored_answers(NULL, "gone", "2026-0042", "", "{\"count\":\"x\"}", &v, &pr) ==
	      PC_OK);
	pc_json_free(&v);
	CHECK(pc_stored_answers(NULL, "gone", "2026-0042", "", "7", &v, &pr) == PC_UNUSABLE);
	CHECK(pr.len == 1 && strstr(pr.items[0].message, "\"gone\""));
	pc_problems_clear(&pr);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-stored-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof(path), "%s/t.yaml", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		TEST_DONE();
	fputs(form_yaml, f);
	fclose(f);
	struct pc_problems pr = {0};
	struct pc_expr *ev = NULL;
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	CHECK(pc_form_load(path, ev, &form, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	if (form) {
		test_shapes();
		test_saved_reads_back(ev);
		test_damage_named();
	}
	pc_form_free(&form);
	pc_expr_close(&ev);
	remove(path);
	rmdir(dir);
	TEST_DONE();
}
