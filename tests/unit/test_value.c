/* Unit tests of typed answers (value.h): every line of the corpus
 * tests/values/values.tsv through pc_value_parse, then --json values,
 * display in both languages, and edit text that parses back to the same
 * value. Messages are checked in English (the msgids). */
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "test.h"

/* ---- the fields under test */

static struct pc_choice choice_items[] = {
    {.value = "work", .label = {.fr = "Travail", .en = "Work"}},
    {.value = "training", .label = {.fr = "Formation", .en = "Training"}},
    {.value = "social", .label = {.fr = "Activité sociale", .en = "Social activity"}},
    {.value = "old", .label = {.fr = "Ancien", .en = "Old"}, .retired = true},
};
static const struct pc_choice_list activities = {.name = "", .items = choice_items, .len = 4};

static struct pc_field columns[] = {
    {.name = "date", .type = PC_TYPE_DATE},
    {.name = "activity", .type = PC_TYPE_CHOICE, .choices = &activities},
    {.name = "hours", .type = PC_TYPE_HOURS},
    {.name = "remark", .type = PC_TYPE_TEXT},
    {.name = "total", .type = PC_TYPE_DECIMAL, .calculate = "hours * 2"},
};

static struct pc_field fields[] = {
    {.name = "text", .type = PC_TYPE_TEXT},
    {.name = "textarea", .type = PC_TYPE_TEXTAREA},
    {.name = "integer", .type = PC_TYPE_INTEGER},
    {.name = "decimal", .type = PC_TYPE_DECIMAL},
    {.name = "date", .type = PC_TYPE_DATE},
    {.name = "boolean", .type = PC_TYPE_BOOLEAN},
    {.name = "choice", .type = PC_TYPE_CHOICE, .choices = &activities},
    {.name = "choices", .type = PC_TYPE_CHOICES, .choices = &activities},
    {.name = "hours", .type = PC_TYPE_HOURS},
    {.name = "entries", .type = PC_TYPE_REPEAT, .fields = columns, .nfields = 5},
    {.name = "note", .type = PC_TYPE_NOTE},
};

static const struct pc_field *field(enum pc_type t)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].type == t)
			return &fields[i];
	return NULL;
}

static struct pc_json *json(const char *s)
{
	return pc_json_parse(s, strlen(s), NULL, 0);
}

/* "where message || where message", as the corpus writes refusals. */
static char *problems_text(const struct pc_problems *pr, const char *field_name)
{
	struct pc_buf b = {0};
	for (size_t i = 0; i < pr->len; i++) {
		if (i)
			pc_buf_puts(&b, " || ");
		if (strcmp(pr->items[i].where, field_name))
			pc_buf_printf(&b, "@%s ", pr->items[i].where);
		pc_buf_puts(&b, pr->items[i].message);
	}
	pc_buf_add(&b, "", 0);
	return pc_buf_take(&b);
}

/* ---- the corpus */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undoes the corpus escapes in place; false on a malformed one. */
static bool unescape(char *s)
{
	char *w = s;
	for (const char *p = s; *p; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		case '\\':
			*w++ = '\\';
			break;
		case 'x':
			if (hexval(p[1]) < 0 || hexval(p[2]) < 0)
				return false;
			*w++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
			break;
		default:
			return false;
		}
	}
	*w = '\0';
	return true;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct pc_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pc_buf_add(&b, chunk, n);
	fclose(f);
	return pc_buf_take(&b);
}

/* parse(edit_text(v)) == v, in both languages. */
static void check_round_trip(const struct pc_field *f, const struct pc_json *v, int line)
{
	for (int lang = PC_LANG_FR; lang <= PC_LANG_EN; lang++) {
		pc_i18n_set_lang((enum pc_lang)lang);
		char *text = pc_value_edit_text(f, v);
		struct pc_problems pr = {0};
		struct pc_json *back = NULL;
		pc_i18n_set_lang(PC_LANG_EN);
		enum pc_status st =
		    text ? pc_value_parse(f, text, f->name, &back, &pr) : PC_UNUSABLE;
		test_checks++;
		if (st != PC_OK || !pc_json_equal(v, back)) {
			test_failures++;
			char *want = pc_json_to_string(v), *got = pc_json_to_string(back);
			fprintf(stderr,
			        "values.tsv:%d: edit text \"%s\" (%s) reads back as %s, not %s\n",
			        line, text ? text : "(null)", lang == PC_LANG_FR ? "fr" : "en",
			        got ? got : "(null)", want ? want : "(null)");
			free(want);
			free(got);
		}
		pc_json_free(&back);
		pc_problems_clear(&pr);
		free(text);
	}
}

static void check_case(int line, char *type, char *input, const char *expected)
{
	int t = pc_type_parse(type);
	const struct pc_field *f = t >= 0 ? field((enum pc_type)t) : NULL;
	test_checks++;
	if (!f || !unescape(input)) {
		test_failures++;
		fprintf(stderr, "values.tsv:%d: bad line (type \"%s\")\n", line, type);
		return;
	}
	struct pc_problems pr = {0};
	struct pc_json *v = NULL;
	enum pc_status st = pc_value_parse(f, input, f->name, &v, &pr);
	char *got;
	if (st == PC_OK)
		got = v ? pc_json_to_string(v) : strdup("null");
	else {
		char *msgs = problems_text(&pr, f->name);
		got = malloc(strlen(msgs ? msgs : "") + 2);
		if (got)
			sprintf(got, "!%s", msgs ? msgs : "");
		free(msgs);
	}
	/* a refusal has problems, a success none */
	bool consistent = (st == PC_OK) == (pr.len == 0) && (st == PC_OK || st == PC_REFUSED) &&
	                  (st == PC_OK || v == NULL);
	test_checks++;
	if (!got || strcmp(got, expected) || !consistent) {
		test_failures++;
		fprintf(stderr, "values.tsv:%d: %s \"%s\": got %s, expected %s\n", line, type,
		        input, got ? got : "(null)", expected);
	}
	if (st == PC_OK && v)
		check_round_trip(f, v, line);
	free(got);
	pc_json_free(&v);
	pc_problems_clear(&pr);
}

static void test_corpus(void)
{
	const char *src = getenv("SRC");
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/values/values.tsv", src ? src : ".");
	char *text = read_file(path);
	CHECK(text != NULL);
	if (!text) {
		fprintf(stderr, "cannot read %s (set SRC to the source folder)\n", path);
		return;
	}
	int line = 0, cases = 0;
	int per_type[PC_TYPE_NOTE + 1][2] = {{0}};
	for (char *p = text, *next; p && *p; p = next) {
		line++;
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		if (!*p || *p == '#')
			continue;
		char *tab1 = strchr(p, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		test_checks++;
		if (!tab2 || strchr(tab2 + 1, '\t')) {
			test_failures++;
			fprintf(stderr, "values.tsv:%d: expected three TAB-separated fields\n",
			        line);
			continue;
		}
		*tab1 = *tab2 = '\0';
		int t = pc_type_parse(p);
		if (t >= 0)
			per_type[t][tab2[1] == '!']++;
		check_case(line, p, tab1 + 1, tab2 + 1);
		cases++;
	}
	free(text);
	/* the corpus keeps covering every type, good and bad */
	CHECK(cases >= 300);
	for (int t = 0; t <= PC_TYPE_NOTE; t++) {
		CHECK(per_type[t][1] >= 12);
		CHECK(per_type[t][0] >= 2);
	}
}

/* ---- low-level parsers */

static void test_low_level(void)
{
	int y, m, d;
	CHECK(pc_parse_date("2024-02-29", &y, &m, &d) && y == 2024 && m == 2 && d == 29);
	CHECK(!pc_parse_date("2023-02-29", &y, &m, &d));
	CHECK(!pc_parse_date(NULL, &y, &m, &d));
	CHECK(pc_days_in_month(2024, 2) == 29 && pc_days_in_month(2100, 2) == 28);
	CHECK(pc_days_in_month(2000, 2) == 29 && pc_days_in_month(2026, 4) == 30);
	CHECK(pc_days_in_month(2026, 12) == 31 && pc_days_in_month(2026, 13) == 0);
	CHECK(pc_days_in_month(2026, 0) == 0);
	long long i = 0;
	CHECK(pc_parse_integer("1 000", &i) && i == 1000);
	CHECK(!pc_parse_integer("", &i) && !pc_parse_integer(NULL, &i));
	double x = 0;
	CHECK(pc_parse_decimal("12,50 $", &x) && x == 12.5);
	CHECK(pc_parse_decimal("-1", &x) && x == -1);
	CHECK(!pc_parse_decimal("1e3", &x));
	long mins = 0;
	CHECK(pc_parse_hours("3:30", &mins) && mins == 210);
	CHECK(pc_parse_hours("3 h", &mins) && mins == 180);
	CHECK(pc_parse_hours("0,333", &mins) && mins == 20);
	CHECK(pc_parse_hours("10000", &mins) && mins == 600000);
	CHECK(!pc_parse_hours("10000:01", &mins));
	CHECK(!pc_parse_hours("-1", &mins));
	bool b = false;
	CHECK(pc_parse_bool(" Vrai ", &b) && b);
	CHECK(pc_parse_bool("N", &b) && !b);
	CHECK(!pc_parse_bool("", &b));
}

/* ---- values from --json */

/* Runs from_json on `in` (JSON text) for `f`; compares with `want` (JSON
 * text, or "!messages" as in the corpus). */
static void from_json_is(const struct pc_field *f, const char *in, const char *want)
{
	struct pc_json *j = json(in);
	CHECK(j != NULL);
	struct pc_problems pr = {0};
	struct pc_json *v = NULL;
	enum pc_status st = pc_value_from_json(f, j, f->name, &v, &pr);
	char *got;
	if (st == PC_OK) {
		got = v ? pc_json_to_string(v) : strdup("null");
	} else {
		char *msgs = problems_text(&pr, f->name);
		got = malloc(strlen(msgs ? msgs : "") + 2);
		if (got)
			sprintf(got, "!%s", msgs ? msgs : "");
		free(msgs);
	}
	test_checks++;
	if (!got || strcmp(got, want) || (st == PC_OK) != (pr.len == 0)) {
		test_failures++;
		fprintf(stderr, "from_json %s %s: got %s, expected %s\n", f->name, in,
		        got ? got : "(null)", want);
	}
	free(got);
	pc_json_free(&v);
	pc_json_free(&j);
	pc_problems_clear(&pr);
}

static void test_from_json(void)
{
	const struct pc_field *integer = field(PC_TYPE_INTEGER), *decimal = field(PC_TYPE_DECIMAL);
	const struct pc_field *hours = field(PC_TYPE_HOURS), *boolean = field(PC_TYPE_BOOLEAN);
	const struct pc_field *choice = field(PC_TYPE_CHOICE), *choices = field(PC_TYPE_CHOICES);
	const struct pc_field *text = field(PC_TYPE_TEXT), *date = field(PC_TYPE_DATE);
	const struct pc_field *rep = field(PC_TYPE_REPEAT), *note = field(PC_TYPE_NOTE);

	/* null is no answer for every type */
	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
		from_json_is(&fields[k], "null", "null");
	/* strings go through the typed-text parser */
	from_json_is(integer, "\"1 000\"", "1000");
	from_json_is(hours, "\"3:30\"", "3.5");
	from_json_is(decimal, "\"4,75\"", "4.75");
	from_json_is(choices, "\"work, social\"", "[\"work\",\"social\"]");
	from_json_is(date, "\"2026-02-30\"", "!2026-02-30 is not a date in the calendar");
	/* numbers */
	from_json_is(integer, "7", "7");
	from_json_is(integer, "7.0", "7");
	from_json_is(integer, "1e3", "1000");
	from_json_is(integer, "7.5", "!expected a whole number");
	from_json_is(integer, "1e30", "!expected a whole number");
	from_json_is(decimal, "3.5", "3.5");
	from_json_is(decimal, "-2", "-2");
	from_json_is(hours, "2.25", "2.25");
	from_json_is(hours, "3", "3");
	from_json_is(hours, "0.333333333", "0.333333333");
	from_json_is(hours, "0.3333333333333333", "0.333333333");
	from_json_is(hours, "-1", "!hours cannot be negative");
	from_json_is(hours, "10000.5", "!more than 10000 hours");
	from_json_is(hours, "1e300", "!more than 10000 hours");
	from_json_is(choice, "2", "!\"2\" is not one of the choices: work, training, social");
	from_json_is(boolean, "1", "!expected yes or no");
	from_json_is(text, "12", "!expected text");
	from_json_is(date, "20260902", "!expected a date as YYYY-MM-DD, e.g. 2026-09-02");
	/* booleans */
	from_json_is(boolean, "true", "true");
	from_json_is(boolean, "false", "false");
	from_json_is(boolean, "\"non\"", "false");
	from_json_is(text, "true", "!expected text");
	from_json_is(hours, "false", "!expected hours as 3, 3.5, 3,5 or 3:30");
	/* arrays of choices: list order, duplicates removed, each one checked */
	from_json_is(choices, "[\"social\",\"work\",\"social\"]", "[\"work\",\"social\"]");
	from_json_is(choices, "[\"Formation\"]", "[\"training\"]");
	from_json_is(choices, "[]", "null");
	from_json_is(choices, "[\"\"]", "null");
	from_json_is(choices, "[\"work\",\"old\"]", "!\"old\" is no longer offered");
	from_json_is(choices, "[\"work\",\"nope\"]",
	             "!\"nope\" is not one of the choices: work, training, social");
	from_json_is(choices, "[\"work\",[\"x\"]]",
	             "!expected a list of choices among: work, training, social");
	from_json_is(choices, "[\"work,social\"]",
	             "!\"work,social\" is not one of the choices: work, training, social");
	from_json_is(choices, "{\"a\":1}",
	             "!expected a list of choices among: work, training, social");
	from_json_is(choice, "[\"work\"]", "!expected one of the choices: work, training, social");
	from_json_is(choice, "\"old\"", "!\"old\" is no longer offered");
	/* repeats */
	from_json_is(rep, "[{\"hours\":\"1:15\",\"activity\":\"work\"},{\"hours\":2.25}]",
	             "[{\"activity\":\"work\",\"hours\":1.25},{\"hours\":2.25}]");
	from_json_is(rep, "[{\"date\":\"2026-03-02\"},null]",
	             "!@entries.2 expected a row: an object of column names and values");
	from_json_is(rep, "[{\"a\":1},{\"hours\":\"x\",\"b\":2}]",
	             "!@entries.1.a unknown field || @entries.2.b unknown field || "
	             "@entries.2.hours expected hours as 3, 3.5, 3,5 or 3:30");
	from_json_is(rep, "{\"hours\":1}", "!expected a list of rows");
	from_json_is(rep, "3", "!expected a list of rows");
	from_json_is(rep, "\"[{\\\"hours\\\":\\\"0:30\\\"}]\"", "[{\"hours\":0.5}]");
	from_json_is(rep, "[{\"total\":null}]", "[{}]");
	/* notes take no answer of any kind */
	from_json_is(note, "1", "!this field is computed or informative: it takes no answer");
	from_json_is(note, "\"x\"", "!this field is computed or informative: it takes no answer");
	from_json_is(note, "[]", "!this field is computed or informative: it takes no answer");
	from_json_is(note, "true", "!this field is computed or informative: it takes no answer");
	from_json_is(note, "\" \"", "null");
	/* objects are never a value */
	from_json_is(text, "{}", "!expected text");
	from_json_is(integer, "[1]", "!expected a whole number");
}

/* ---- display and edit text */

static void display_is(enum pc_lang lang, const struct pc_field *f, const char *v, const char *want)
{
	pc_i18n_set_lang(lang);
	struct pc_json *j = v ? json(v) : NULL;
	char *s = pc_value_display(f, j);
	test_checks++;
	if (!s || strcmp(s, want)) {
		test_failures++;
		fprintf(stderr, "display %s %s (%s): got \"%s\", expected \"%s\"\n", f->name,
		        v ? v : "NULL", lang == PC_LANG_FR ? "fr" : "en", s ? s : "(null)", want);
	}
	free(s);
	pc_json_free(&j);
	pc_i18n_set_lang(PC_LANG_EN);
}

static void edit_is(enum pc_lang lang, const struct pc_field *f, const char *v, const char *want)
{
	pc_i18n_set_lang(lang);
	struct pc_json *j = v ? json(v) : NULL;
	char *s = pc_value_edit_text(f, j);
	test_checks++;
	if (!s || strcmp(s, want)) {
		test_failures++;
		fprintf(stderr, "edit text %s %s (%s): got \"%s\", expected \"%s\"\n", f->name,
		        v ? v : "NULL", lang == PC_LANG_FR ? "fr" : "en", s ? s : "(null)", want);
	}
	free(s);
	pc_json_free(&j);
	pc_i18n_set_lang(PC_LANG_EN);
}

static void test_display(void)
{
	const enum pc_lang FR = PC_LANG_FR, EN = PC_LANG_EN;
	const struct pc_field *hours = field(PC_TYPE_HOURS), *decimal = field(PC_TYPE_DECIMAL);
	const struct pc_field *boolean = field(PC_TYPE_BOOLEAN), *choice = field(PC_TYPE_CHOICE);
	const struct pc_field *choices = field(PC_TYPE_CHOICES), *rep = field(PC_TYPE_REPEAT);
	const struct pc_field *integer = field(PC_TYPE_INTEGER), *text = field(PC_TYPE_TEXT);
	const struct pc_field *date = field(PC_TYPE_DATE), *note = field(PC_TYPE_NOTE);

	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		display_is(FR, &fields[k], NULL, "");
		display_is(EN, &fields[k], "null", "");
		edit_is(FR, &fields[k], NULL, "");
	}
	display_is(FR, hours, "3.5", "3 h 30");
	display_is(EN, hours, "3.5", "3:30 h"); /* format.h: one spelling of hours */
	display_is(FR, hours, "3", "3 h");
	display_is(EN, hours, "3", "3 h");
	display_is(FR, hours, "0.75", "0 h 45");
	display_is(EN, hours, "2.083333333", "2:05 h");
	display_is(FR, hours, "0.333333333", "0 h 20");
	display_is(FR, decimal, "3.5", "3,5");
	display_is(EN, decimal, "3.5", "3.5");
	display_is(FR, decimal, "12.5", "12,5");
	display_is(FR, decimal, "1234.56", "1234,56");
	display_is(FR, decimal, "12", "12");
	display_is(EN, decimal, "-0.25", "-0.25");
	display_is(FR, integer, "1000", "1000");
	display_is(EN, boolean, "true", "yes");
	display_is(EN, boolean, "false", "no");
	/* French comes from the catalogue */
	display_is(FR, boolean, "true", "oui");
	display_is(FR, boolean, "false", "non");
	display_is(FR, choice, "\"work\"", "Travail");
	display_is(EN, choice, "\"work\"", "Work");
	display_is(FR, choice, "\"old\"", "Ancien"); /* retired, still readable */
	display_is(EN, choice, "\"gone\"", "gone");  /* unknown: as is */
	display_is(FR, choices, "[\"work\",\"social\"]", "Travail, Activité sociale");
	display_is(EN, choices, "[\"work\",\"social\",\"old\"]", "Work, Social activity, Old");
	display_is(EN, rep, "[{},{}]", "2 rows");
	display_is(EN, rep, "[{\"hours\":1}]", "1 row");
	display_is(EN, rep, "[]", "no rows");
	display_is(FR, text, "\"Côté\"", "Côté");
	display_is(FR, date, "\"2026-09-02\"", "2026-09-02");
	display_is(FR, note, "\"x\"", "");
	/* a value of another kind (the form changed since) is shown, not lost */
	display_is(EN, integer, "\"abc\"", "abc");
	display_is(EN, boolean, "1", "1");
	display_is(EN, choices, "\"work\"", "Work");

	edit_is(FR, hours, "3.5", "3:30");
	edit_is(EN, hours, "3", "3");
	edit_is(FR, hours, "0.333333333", "0:20");
	edit_is(FR, decimal, "3.5", "3.5");
	edit_is(FR, decimal, "0.000001", "0.000001");
	edit_is(EN, decimal, "-1.5e-7", "-0.00000015");
	edit_is(EN, decimal, "1.25e20", "125000000000000000000");
	edit_is(EN, decimal, "1e300",
	        "1"
	        "000000000000000000000000000000000000000000000000000000000000"
	        "000000000000000000000000000000000000000000000000000000000000"
	        "000000000000000000000000000000000000000000000000000000000000"
	        "000000000000000000000000000000000000000000000000000000000000"
	        "000000000000000000000000000000000000000000000000000000000000");
	display_is(FR, decimal, "-1.5e-7", "-0,00000015");
	edit_is(FR, integer, "12", "12");
	edit_is(FR, boolean, "true", "oui");
	edit_is(FR, boolean, "false", "non");
	edit_is(EN, boolean, "true", "yes");
	edit_is(EN, boolean, "false", "no");
	edit_is(FR, choice, "\"work\"", "work");
	edit_is(FR, choices, "[\"work\",\"social\"]", "work,social");
	edit_is(FR, date, "\"2026-09-02\"", "2026-09-02");
	edit_is(FR, text, "\"a, b\"", "a, b");
	edit_is(FR, rep, "[{\"hours\":3.5,\"activity\":\"work\"}]",
	        "[{\"hours\":3.5,\"activity\":\"work\"}]");
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	test_low_level();
	test_corpus();
	test_from_json();
	test_display();
	TEST_DONE();
}
