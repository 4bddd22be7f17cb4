/* parcours submit FORM FILE_NO [--period YYYY-MM | --entry ID] [--reason TEXT]
 *   [--set PATH=VALUE...] [--json PATH|-] [--unset PATH...]
 *   [--replace | --from-draft] [--base-revision N] [--dry-run]
 * Changes what it names and keeps the rest: the core merges the changes
 * onto the current revision (or the draft), validates and saves; this file
 * only reads options and prints the revision (and a journal's entry) and
 * what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/entry.h"
#include "parcours/short_id.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"

static const char *usage_line(void)
{
	return _("usage: parcours submit FORM FILE_NO [--period YYYY-MM|--entry ID] "
		 "[--set PATH=VALUE...] "
		 "[--json PATH|-] [--unset PATH...] [--replace|--from-draft] "
		 "[--base-revision N] [--reason TEXT] [--dry-run]");
}

static void help(void)
{
	printf("%s\n\n", usage_line());
	printf("  --entry ID           %s\n", _("a form kept as entries: revise entry ID, or DATE/N "
					       "(the Nth entry dated DATE, as shown where ids are "
					       "long); without it, a new entry is added"));
	printf("  --set PATH=VALUE     %s\n", _("change one answer; a row cell is entries.N.column, "
					       "a new row entries.+.column"));
	printf("  --json PATH|-        %s\n", _("change the answers named by one JSON object "
					       "(null clears one)"));
	printf("  --unset PATH         %s\n", _("clear an answer (NAME), a row (entries.N) or a "
					       "cell (entries.N.column)"));
	printf("  --replace            %s\n", _("the answers given are the whole form"));
	printf("  --from-draft         %s\n", _("start from your draft instead of the current "
					       "revision"));
	printf("  --base-revision N    %s\n", _("refuse the save unless N is the latest revision"));
	printf("  --reason TEXT        %s\n", _("why the change is made (needed for a closed month)"));
	printf("  --dry-run            %s\n", _("validate and show the changes without saving"));
}

/* Stored text on one line: control characters (a textarea's line breaks)
 * written as escapes so a value cannot move the cursor or fake a line. */
static void put_value(const char *s)
{
	if (!s) {
		fputs(_("(no answer)"), stdout);
		return;
	}
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\n')
			fputs("\\n", stdout);
		else if (ch < 0x20 || ch == 0x7f)
			printf("\\x%02x", ch);
		else
			putchar(ch);
	}
}

static void print_changes(const struct pc_submission *s)
{
	if (!s->nchanges)
		printf("  %s\n", _("(no answer changed)"));
	for (size_t i = 0; i < s->nchanges; i++) {
		printf("  %s: ", s->changes[i].path);
		put_value(s->changes[i].before);
		fputs(" -> ", stdout);
		put_value(s->changes[i].after);
		putchar('\n');
	}
}

static int parse_base(const char *v, long long *out)
{
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n < 0 || v[0] == '-' || v[0] == '+' || v[0] == ' ')
		return cli_usage(_("--base-revision takes a revision number, e.g. 3 (got \"%s\")"),
				 v);
	*out = n;
	return 0;
}

/* An entry id, or DATE/N (short_id.h), read once the database is open. */
static int parse_entry(const char *v, const char **out)
{
	char date[11];
	long long id = 0, n = 0;
	if (!pc_entry_id_parse(v, &id) && !pc_short_id_parse(v, date, &n))
		return cli_usage(_("--entry takes an entry number, e.g. 12 or 2026-03-15/1 (got "
				   "\"%s\")"),
				 v);
	*out = v;
	return 0;
}

/* The entry --entry names, once the database is open. */
static int find_entry(struct cli *c, struct pc_submit_request *rq, const char *text)
{
	enum pc_status st = pc_entry_find(&c->ctx, rq->file_no, rq->form_id, text, &rq->entry,
					  &c->pr);
	if (st == PC_OK && !rq->entry) {
		pc_problems_add(&c->pr, false, rq->file_no, _("%s has no entry %s of form %s"),
				rq->file_no, text, rq->form_id);
		st = PC_REFUSED;
	}
	return st == PC_OK ? 0 : cli_report(c, st);
}

static void print_saved(struct cli *c, const struct pc_submit_request *rq,
			const struct pc_submission *s, bool dry_run)
{
	bool journal = s->form->period == PC_PERIOD_ENTRY;
	char entry[PC_SHORT_ID];
	if (pc_entry_number(&c->ctx, s->entry, entry, &c->pr) != PC_OK)
		snprintf(entry, sizeof(entry), "%lld", s->entry);
	if (dry_run && journal && !s->entry)
		printf(_("%s %s: a new entry would be added (dry run: nothing saved)\n"),
		       rq->file_no, rq->form_id);
	else if (dry_run && journal)
		printf(_("%s %s: entry %s, revision %lld would be saved (dry run: nothing "
			 "saved)\n"),
		       rq->file_no, rq->form_id, entry, s->base + 1);
	else if (dry_run)
		printf(_("%s %s: revision %lld would be saved (dry run: nothing saved)\n"),
		       rq->file_no, rq->form_id, s->base + 1);
	else if (journal && !rq->entry)
		printf(_("%s %s: entry %s added (revision %lld saved)\n"), rq->file_no,
		       rq->form_id, entry, s->revision);
	else if (journal)
		printf(_("%s %s: entry %s, revision %lld saved\n"), rq->file_no, rq->form_id,
		       entry, s->revision);
	else
		printf(_("%s %s: revision %lld saved\n"), rq->file_no, rq->form_id, s->revision);
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

int cli_submit(struct cli *c)
{
	struct pc_submit_request rq = {.from = PC_SUBMIT_CURRENT, .base_revision = -1};
	struct pc_edits *edits = pc_edits_new();
	bool used_json = false, used_set = false, replace = false, from_draft = false,
	     dry_run = false, any = false;
	const char *entry_text = NULL;
	int rc = edits ? 0 : cli_usage("%s", _("out of memory"));
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (is_opt(a, "--set") || is_opt(a, "--json") || is_opt(a, "--unset")) {
			rc = cli_edits_option(c->argc, c->argv, &i, edits, &used_json, &used_set);
			any = true;
		} else if (is_opt(a, "--period")) {
			if (!(rq.period = cli_optarg(c->argc, c->argv, &i, "--period")))
				rc = PC_USAGE;
		} else if (is_opt(a, "--entry")) {
			const char *v = cli_optarg(c->argc, c->argv, &i, "--entry");
			rc = v ? parse_entry(v, &entry_text) : PC_USAGE;
		} else if (is_opt(a, "--reason")) {
			if (!(rq.reason = cli_optarg(c->argc, c->argv, &i, "--reason")))
				rc = PC_USAGE;
		} else if (is_opt(a, "--base-revision")) {
			const char *v = cli_optarg(c->argc, c->argv, &i, "--base-revision");
			rc = v ? parse_base(v, &rq.base_revision) : PC_USAGE;
		} else if (!strcmp(a, "--replace")) {
			replace = true;
		} else if (!strcmp(a, "--from-draft")) {
			from_draft = true;
		} else if (!strcmp(a, "--dry-run")) {
			dry_run = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help();
			pc_edits_free(&edits);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for submit: %s"), a);
		} else if (!rq.form_id) {
			rq.form_id = a;
		} else if (!rq.file_no) {
			rq.file_no = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!rq.form_id || !rq.file_no))
		rc = cli_usage("%s", usage_line());
	if (!rc && replace && from_draft)
		rc = cli_usage("%s", _("--replace and --from-draft cannot be used together"));
	if (!rc && !any && !from_draft)
		rc = cli_usage("%s", _("submit needs answers: --set FIELD=VALUE, --unset FIELD or "
				       "--json FILE"));
	rq.from = replace ? PC_SUBMIT_NOTHING : from_draft ? PC_SUBMIT_DRAFT : PC_SUBMIT_CURRENT;
	rq.edits = edits;
	/* one form and the programmes, not every form, and not the intake for
	 * the eligibility conditions a save never reads: see cli_open */
	c->lazy_forms = true;
	c->enrols_nobody = true;
	/* only the participation's hours are checked against its programme
	 * (participation.c); the programmes were a tenth of a save's work */
	c->reads_no_programmes = rq.form_id && strcmp(rq.form_id, PC_PARTICIPATION_FORM) != 0;
	if (!rc)
		rc = cli_open(c, true, dry_run ? PC_STORE_READ : PC_STORE_WRITE, true);
	const struct pc_form *form = NULL;
	if (!rc && pc_formset_get(c->ctx.forms, rq.form_id, &form, &c->pr) != PC_OK)
		rc = cli_report(c, PC_UNUSABLE);
	if (!rc && entry_text)
		rc = find_entry(c, &rq, entry_text);
	if (!rc) {
		struct pc_submission s;
		enum pc_status st = pc_submission_prepare(&c->ctx, &rq, &s, &c->pr);
		if (st == PC_OK && !dry_run)
			st = pc_submission_commit(&c->ctx, &s, &c->pr);
		if (st == PC_OK) {
			print_saved(c, &rq, &s, dry_run);
			print_changes(&s);
		}
		pc_submission_clear(&s);
		rc = cli_report(c, st);
	}
	pc_edits_free(&edits);
	return rc;
}
