/* parcours report month|below YYYY-MM [--csv [--raw]|--json]
 * parcours report year YYYY [--csv [--raw]|--json]
 * parcours report activity YYYY [--csv [--raw]|--json]
 * parcours month close YYYY-MM
 * Reports go to stdout as they are computed (text with control characters
 * escaped); on a terminal, long ones show how many rows are done on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "parcours/activity.h"
#include "parcours/ami.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/participation.h"
#include "parcours/store.h"
#include "parcours/text.h"

static bool write_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) == len;
}

/* The text report holds stored names: escape sequences in them are shown,
 * never obeyed. Chunks end at a line's end, so no character is split. */
static bool write_text(void *ctx, const char *data, size_t len)
{
	struct pc_buf b = {0};
	pc_text_escape_to(&b, data, len, true);
	bool ok = !b.failed && write_stdout(ctx, b.data ? b.data : "", b.len);
	pc_buf_free(&b);
	return ok;
}

static void progress(void *ctx, size_t done)
{
	(void)ctx;
	fputc('\r', stderr);
	fprintf(stderr, _("%zu rows..."), done);
	fflush(stderr);
}

static int help(void)
{
	printf("%s\n\n", _("parcours report: counts over every file (supervisors)"));
	printf("  parcours report month|below YYYY-MM [--csv [--raw]|--json]\n");
	printf("  parcours report year YYYY [--csv [--raw]|--json]\n");
	printf("  parcours report activity YYYY [--csv [--raw]|--json]\n");
	printf("  parcours report ami YYYY-MM [--csv [--raw]|--json]\n\n");
	printf("%s\n", _("month: hours, targets and allowances of each person; below: only those "
			  "below their target, by counsellor; year: the year per programme; "
			  "activity: new intakes, people reached and their profile, enrolments, "
			  "exits, follow-ups and referrals of a year. --raw: CSV names as stored, "
			  "without the formula guard."));
	printf("%s\n", _("ami: the half-days of each person in each week (Monday to Sunday) "
			  "of AMI workshops against the programme's range, 2 to 4 a week."));
	return 0;
}

int cli_report_cmd(struct cli *c)
{
	const char *kind = NULL, *when = NULL;
	bool csv = false, json = false, raw = false;
	int rc = 0;
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return help();
		if (!strcmp(a, "--csv"))
			csv = true;
		else if (!strcmp(a, "--json"))
			json = true;
		else if (!strcmp(a, "--raw"))
			raw = true;
		else if (a[0] == '-' && a[1])
			rc = cli_usage(_("unknown option for report: %s"), a);
		else if (!kind)
			kind = a;
		else if (!when)
			when = a;
		else
			rc = cli_usage(_("unexpected argument: %s"), a);
	}
	if (!rc && (!kind || !when ||
		    (strcmp(kind, "month") && strcmp(kind, "below") && strcmp(kind, "year") &&
		     strcmp(kind, "activity") && strcmp(kind, "ami"))))
		rc = cli_usage("%s", _("usage: parcours report month|below YYYY-MM "
				       "[--csv [--raw]|--json], parcours report year|activity YYYY "
				       "[--csv [--raw]|--json]"));
	if (!rc && csv && json)
		rc = cli_usage("%s", _("--csv and --json cannot be used together: choose one"));
	if (!rc && raw && !csv)
		rc = cli_usage("%s", _("--raw only applies to CSV output"));
	/* the month, below and year reports read the kept month totals: the
	 * participation form is loaded only for a month without them, no
	 * other (loading every form was a tenth of the month report) */
	if (!rc && (!strcmp(kind, "month") || !strcmp(kind, "below") || !strcmp(kind, "year")))
		c->lazy_forms = c->enrols_nobody = true;
	if (!rc)
		rc = cli_open(c, true, PC_STORE_READ, true);
	if (rc)
		return rc;
	/* the below-target list reads each person once, in counsellor order:
	 * a small page cache, which also bounds the sort of its keys */
	if (!strcmp(kind, "below"))
		pc_store_cache_kib(c->ctx.store, 512);
	bool tty = isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
	enum pc_report_format fmt = csv ? PC_REPORT_CSV : json ? PC_REPORT_JSON : PC_REPORT_TEXT;
	struct pc_report_out out = {.format = fmt,
				    .write = fmt == PC_REPORT_TEXT ? write_text : write_stdout,
				    .progress = tty ? progress : NULL, .raw = raw};
	enum pc_status st;
	if (!strcmp(kind, "year") || !strcmp(kind, "activity")) {
		char *end = NULL;
		long year = strtol(when, &end, 10);
		if (!end || *end || strlen(when) != 4)
			year = 0;
		st = !strcmp(kind, "year") ? pc_report_year(&c->ctx, (int)year, &out, &c->pr)
					   : pc_report_activity(&c->ctx, (int)year, &out, &c->pr);
	} else if (!strcmp(kind, "ami")) {
		st = pc_report_ami(&c->ctx, when, &out, &c->pr);
	} else {
		st = pc_report_month(&c->ctx, when, !strcmp(kind, "below"), &out, &c->pr);
	}
	if (tty)
		fputs("\r             \r", stderr);
	if (fflush(stdout) != 0 && st == PC_OK) {
		pc_problems_add(&c->pr, false, "report", "%s", _("the report could not be written"));
		st = PC_UNUSABLE;
	}
	return cli_report(c, st);
}

int cli_month(struct cli *c)
{
	if (c->argc != 2 || strcmp(c->argv[0], "close"))
		return cli_usage("%s", _("usage: parcours month close YYYY-MM"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	enum pc_status st = pc_month_close(&c->ctx, c->argv[1], &c->pr);
	if (st == PC_OK)
		printf(_("%s closed\n"), c->argv[1]);
	return cli_report(c, st);
}
