/* parcours due [--counsellor LOGIN] [--within DAYS] [--csv [--raw]|--json]
 * What is due as of today for a caseload, grouped by kind: follow-ups,
 * objectives, evaluations, referrals, people without a follow-up for 30
 * days, people below their hours target last month. The rules and who may
 * see what are the core's (due.h); this file only writes the list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/due.h"
#include "parcours/i18n.h"
#include "parcours/store.h"
#include "parcours/text.h"

enum format { TEXT, CSV, JSON };

/* Writes out what b holds once it passes a chunk, so that a long list is
 * not held a second time as text; a failed write marks b failed, and what
 * follows is dropped. */
static void drain(struct pc_buf *b, size_t chunk)
{
	if (b->failed || !b->len || b->len < chunk)
		return;
	if (fwrite(b->data, 1, b->len, stdout) != b->len)
		b->failed = true;
	else
		pc_buf_reset(b);
}
enum { CHUNK = 65536, DUE_CACHE_KIB = 512 };

static void help(void)
{
	printf("%s\n\n", _("parcours due: what is due today in a caseload"));
	printf("  parcours due [--counsellor LOGIN] [--within DAYS] [--csv [--raw]|--json]\n\n");
	printf("%s\n", _("Follow-up meetings and plan objectives due within DAYS (7 unless "
	                 "given, 0: today and before), evaluations due within 30 days or "
	                 "overdue (yearly from the enrolment's start), referrals pending for "
	                 "more than 30 days, enrolled people with no follow-up for 30 days, and "
	                 "people below their hours target last month. A person who left their "
	                 "programme has nothing due."));
	printf("%s\n", _("A counsellor sees their own caseload; a supervisor sees everyone, or "
	                 "one counsellor's caseload with --counsellor."));
	printf("%s\n", _("CSV columns: kind, file_no, family_name, given_name, counsellor, what, "
	                 "date, days_late (negative: due in that many days)."));
}

static void text_line(struct pc_buf *b, const struct pc_due_item *it)
{
	pc_buf_puts(b, "  ");
	pc_text_escape_to(b, it->file_no, strlen(it->file_no), false);
	pc_buf_puts(b, "  ");
	pc_text_escape_to(b, it->family_name, strlen(it->family_name), false);
	pc_buf_puts(b, ", ");
	pc_text_escape_to(b, it->given_name, strlen(it->given_name), false);
	pc_buf_printf(b, "  %s  ", it->date);
	if (it->late > 0)
		pc_buf_printf(b, P_("%ld day late", "%ld days late", (unsigned long)it->late),
		              it->late);
	else if (it->late == 0)
		pc_buf_puts(b, _("due today"));
	else
		pc_buf_printf(b, P_("in %ld day", "in %ld days", (unsigned long)-it->late),
		              -it->late);
	pc_buf_puts(b, "  ");
	pc_text_escape_to(b, it->what, strlen(it->what), false);
	pc_buf_putc(b, '\n');
}

/* Writing the list as it streams out of the core (pc_due_each). */
struct writer {
	enum format fmt;
	bool raw;
	struct pc_buf b;
	struct pc_due_head head;
	size_t i;              /* items written */
	enum pc_due_kind kind; /* of the last one */
};

static bool write_head(void *ctx, const struct pc_due_head *h)
{
	struct writer *w = ctx;
	w->head = *h;
	if (w->fmt == CSV)
		pc_buf_puts(&w->b, "kind,file_no,family_name,given_name,counsellor,what,date,days_late\r\n");
	else if (w->fmt == JSON)
		pc_buf_printf(&w->b, "{\"today\":\"%s\",\"within\":%d,\"items\":[", h->today,
		              h->within);
	else if (!h->n)
		pc_buf_printf(&w->b, _("Nothing is due as of %s.\n"), h->today);
	else
		pc_buf_printf(&w->b, _("Due as of %s (%zu)\n"), h->today, h->n);
	return !w->b.failed;
}

static void csv_line(struct pc_buf *b, const struct pc_due_item *it, bool raw)
{
	const char *cells[] = {it->file_no, it->family_name, it->given_name,
	                       it->counsellor ? it->counsellor : "", it->what};
	pc_buf_puts(b, pc_due_kind_name(it->kind));
	for (size_t k = 0; k < sizeof(cells) / sizeof(*cells); k++) {
		pc_buf_putc(b, ',');
		pc_text_csv_cell(b, cells[k], raw);
	}
	pc_buf_printf(b, ",%s,%ld\r\n", it->date, it->late);
}

static void json_item(struct pc_buf *b, const struct pc_due_item *it, bool first)
{
	pc_buf_printf(b, "%s\n{\"kind\":\"%s\",\"file_no\":", first ? "" : ",",
	              pc_due_kind_name(it->kind));
	pc_buf_json_string(b, it->file_no);
	pc_buf_puts(b, ",\"family_name\":");
	pc_buf_json_string(b, it->family_name);
	pc_buf_puts(b, ",\"given_name\":");
	pc_buf_json_string(b, it->given_name);
	pc_buf_puts(b, ",\"counsellor\":");
	if (it->counsellor)
		pc_buf_json_string(b, it->counsellor);
	else
		pc_buf_puts(b, "null");
	pc_buf_puts(b, ",\"what\":");
	pc_buf_json_string(b, it->what);
	pc_buf_printf(b, ",\"date\":\"%s\",\"days_late\":%ld}", it->date, it->late);
}

static bool write_item(void *ctx, const struct pc_due_item *it)
{
	struct writer *w = ctx;
	if (w->fmt == CSV) {
		csv_line(&w->b, it, w->raw);
	} else if (w->fmt == JSON) {
		json_item(&w->b, it, w->i == 0);
	} else {
		/* items come grouped by kind: a heading before each group */
		if (w->i == 0 || it->kind != w->kind)
			pc_buf_printf(&w->b, "\n%s (%zu)\n", pc_due_kind_title(it->kind),
			              w->head.per_kind[it->kind]);
		w->kind = it->kind;
		text_line(&w->b, it);
	}
	w->i++;
	drain(&w->b, CHUNK);
	return !w->b.failed;
}

int cli_due(struct cli *c)
{
	enum format fmt = TEXT;
	bool raw = false;
	const char *counsellor = NULL;
	int within = PC_DUE_WITHIN_DEFAULT;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help();
			return 0;
		}
		if (!strcmp(a, "--csv") || !strcmp(a, "--json")) {
			enum format want = a[2] == 'c' ? CSV : JSON;
			if (fmt != TEXT && fmt != want)
				return cli_usage("%s", _("choose --csv or --json, not both"));
			fmt = want;
		} else if (!strcmp(a, "--raw")) {
			raw = true;
		} else if (!strncmp(a, "--counsellor", 12) && (a[12] == '\0' || a[12] == '=')) {
			if (!(counsellor = cli_optarg(c->argc, c->argv, &i, "--counsellor")))
				return PC_USAGE;
		} else if (!strncmp(a, "--within", 8) && (a[8] == '\0' || a[8] == '=')) {
			const char *v = cli_optarg(c->argc, c->argv, &i, "--within");
			if (!v)
				return PC_USAGE;
			char *end;
			errno = 0;
			long n = strtol(v, &end, 10);
			if (!*v || *end || errno || n < 0 || n > 3660 || *v == '+' || *v == ' ')
				return cli_usage(_("--within takes a number of days from 0 to 3660 "
				                   "(got \"%s\")"),
				                 v);
			within = (int)n;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage(_("unknown option for due: %s"), a);
		} else {
			return cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (raw && fmt != CSV)
		return cli_usage("%s", _("--raw only applies to CSV output"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true); /* the audit */
	if (rc)
		return rc;
	/* one person at a time, a few pages each: a small cache is as fast */
	pc_store_cache_kib(c->ctx.store, DUE_CACHE_KIB);
	struct writer w = {.fmt = fmt, .raw = raw};
	enum pc_status st = pc_due_each(&c->ctx, counsellor, within, write_head, write_item, &w, &c->pr);
	if (st == PC_OK && fmt == JSON)
		pc_buf_puts(&w.b, w.i ? "\n]}\n" : "]}\n");
	/* what was written stays written: a failure half-way says so */
	drain(&w.b, 0);
	if (w.b.failed || fflush(stdout) != 0) {
		pc_problems_add(&c->pr, false, "due", "%s", _("the list could not be written"));
		st = PC_UNUSABLE;
	}
	pc_buf_free(&w.b);
	return cli_report(c, st);
}
