/* parcours participant add --set FIELD=VALUE... | --json PATH|-
 * parcours participant find TEXT...
 * Intake from the command line (prints the new file number) and the
 * accent- and case-blind search (one participant a line, tab-separated,
 * control characters escaped). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "parcours/text.h"

/* An intake naming a programme does not enrol (that is a counsellor's
 * decision, with a target): stderr says how, stdout keeps the file number
 * alone for scripts. */
static void enrol_hint(struct cli *c, const struct pc_json *answers, const char *file_no)
{
	const struct pc_json *prog = pc_json_object_get(answers, "programme");
	const struct pc_json *start = pc_json_object_get(answers, "start_date");
	if (!prog || prog->kind != PC_JSON_STRING ||
	    !pc_programme_find(c->ctx.programmes, prog->string))
		return;
	fprintf(stderr, _("%s is not enrolled yet: parcours enrol %s %s --start %s\n"), file_no,
		file_no, prog->string,
		start && start->kind == PC_JSON_STRING ? start->string : "YYYY-MM-DD");
}

static int add(struct cli *c)
{
	struct pc_json *answers = NULL;
	bool used_json = false, used_set = false;
	int rc = 0;
	for (int i = 1; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strncmp(a, "--set", 5) || !strncmp(a, "--json", 6))
			rc = cli_answers_option(c->argc, c->argv, &i, &answers, &used_json,
						&used_set);
		else
			rc = cli_usage(_("unknown option for participant add: %s"), a);
	}
	if (!rc && !answers)
		rc = cli_usage("%s", _("participant add needs the intake answers: --set "
				       "family_name=... --set given_name=... or --json FILE"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		char *file_no = NULL;
		enum pc_status st = pc_intake_add(&c->ctx, answers, &file_no, &c->pr);
		if (st == PC_OK) {
			printf("%s\n", file_no);
			enrol_hint(c, answers, file_no);
		}
		free(file_no);
		rc = cli_report(c, st);
	}
	pc_json_free(&answers);
	return rc;
}

/* One line of `participant find` per result, tab-separated. */
struct find_out {
	struct cli *c;
	struct pc_buf line;
	bool failed;
};

static bool print_row(void *ctx, const struct pc_participant *p)
{
	struct find_out *o = ctx;
	const char *cells[] = {p->file_no, p->family_name, p->given_name, p->birth_date,
			       p->programme};
	pc_buf_reset(&o->line);
	for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++) {
		if (k)
			pc_buf_putc(&o->line, '\t');
		/* a tab or escape sequence in a stored name stays visible text */
		if (cells[k])
			pc_text_escape_to(&o->line, cells[k], strlen(cells[k]), false);
	}
	pc_buf_putc(&o->line, '\n');
	if (o->line.failed) {
		pc_problems_add(&o->c->pr, false, "find", "%s", _("out of memory"));
		o->failed = true;
		return false;
	}
	fwrite(o->line.data, 1, o->line.len, stdout);
	return true;
}

static int find(struct cli *c)
{
	long limit = 50;
	struct pc_buf q = {0};
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strncmp(a, "--limit", 7) && (a[7] == '\0' || a[7] == '=')) {
			const char *v = cli_optarg(c->argc, c->argv, &i, "--limit");
			char *end;
			if (!v)
				return pc_buf_free(&q), PC_USAGE;
			limit = strtol(v, &end, 10);
			if (*end || limit < 1 || limit > 100000) {
				pc_buf_free(&q);
				return cli_usage(_("--limit takes a number from 1 to 100000 "
						   "(got \"%s\")"),
						 v);
			}
			continue;
		}
		if (q.len)
			pc_buf_putc(&q, ' ');
		pc_buf_puts(&q, a);
	}
	int rc = cli_open(c, true, PC_STORE_READ, false);
	if (rc) {
		pc_buf_free(&q);
		return rc;
	}
	/* every result written as it is read: memory stays that of one row
	 * whatever --limit is (issue 16) */
	struct find_out o = {.c = c};
	enum pc_status st = pc_search_each(&c->ctx, q.data ? q.data : "", (size_t)limit, print_row,
					   &o, &c->pr);
	if (st == PC_OK && o.failed)
		st = PC_UNUSABLE;
	pc_buf_free(&o.line);
	pc_buf_free(&q);
	return cli_report(c, st);
}

int cli_participant(struct cli *c)
{
	if (c->argc >= 1 && !strcmp(c->argv[0], "add"))
		return add(c);
	if (c->argc >= 1 && !strcmp(c->argv[0], "find"))
		return find(c);
	return cli_usage("%s", _("usage: parcours participant add --set FIELD=VALUE... | "
				 "parcours participant find TEXT"));
}
