/* parcours audit [FILE_NO] [--by LOGIN] [--since YYYY-MM-DD] [--exceptional] [--csv|--json]
 * parcours audit verify
 * The audit log for supervisors and administrators: listed oldest first
 * (text, CSV or JSON), or its hash chain checked (exit 3 at the first
 * broken entry). Who may is decided in the core (pc_staff_can). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/value.h"

enum format { TEXT, CSV, JSON };

struct out {
	enum format fmt;
	size_t rows;
	bool failed;
};

/* The CSV header or the JSON bracket, once the log may be read. */
static void start(struct out *o)
{
	if (o->fmt == CSV)
		fputs("seq,at,login,face,action,file_no,form,detail,hash\r\n", stdout);
	else if (o->fmt == JSON)
		fputc('[', stdout);
}

static bool each(void *ctx, const struct pc_audit_entry *e)
{
	struct out *o = ctx;
	if (!o->rows)
		start(o);
	struct pc_buf b = {0};
	const char *cols[] = {e->at, e->login, e->face, e->action, e->file_no, e->form, e->detail};
	static const char *const keys[] = {"at",      "login", "face",  "action",
	                                   "file_no", "form",  "detail"};
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
	if (o->fmt == JSON) {
		pc_buf_printf(&b, "%s{\"seq\":%lld", o->rows ? ",\n" : "\n", e->seq);
		for (size_t i = 0; i < NCOLS; i++) {
			pc_buf_printf(&b, ",\"%s\":", keys[i]);
			if (cols[i])
				pc_buf_json_string(&b, cols[i]);
			else
				pc_buf_puts(&b, "null");
		}
		pc_buf_puts(&b, ",\"hash\":");
		pc_buf_json_string(&b, e->hash ? e->hash : "");
		pc_buf_putc(&b, '}');
	} else if (o->fmt == CSV) {
		pc_buf_printf(&b, "%lld", e->seq);
		for (size_t i = 0; i < NCOLS; i++) {
			pc_buf_putc(&b, ',');
			pc_buf_csv_field(&b, cols[i] ? cols[i] : "");
		}
		pc_buf_puts(&b, ",");
		pc_buf_csv_field(&b, e->hash ? e->hash : "");
		pc_buf_puts(&b, "\r\n");
	} else {
		pc_buf_printf(&b, "%6lld  %s  %-12s %-3s  %-8s %-10s %-12s %s\n", e->seq, e->at,
		              e->login, e->face, e->action, e->file_no ? e->file_no : "-",
		              e->form ? e->form : "-", e->detail ? e->detail : "");
	}
	o->rows++;
	o->failed |= b.failed || fwrite(b.data, 1, b.len, stdout) != b.len;
	pc_buf_free(&b);
	return !o->failed;
}

static int verify(struct cli *c)
{
	int rc = cli_open(c, true, PC_STORE_READ, false);
	if (rc)
		return rc;
	long long n = 0, broken = 0;
	char last[65];
	enum pc_status st = pc_audit_verify(&c->ctx, &n, &broken, last, &c->pr);
	if (st == PC_OK) {
		printf(_("%lld entries, chain intact\n"), n);
		if (*last)
			printf(_("last hash: %s\n"), last);
	} else if (broken) {
		printf(_("%lld entries intact before entry %lld\n"), n, broken);
	}
	return cli_report(c, st);
}

int cli_audit(struct cli *c)
{
	struct pc_audit_filter f = {0};
	enum format fmt = TEXT;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			printf("%s\n\n", _("parcours audit: who read or changed what (supervisors "
			                   "and administrators)"));
			printf("  parcours audit [FILE_NO] [--by LOGIN] [--since YYYY-MM-DD] "
			       "[--exceptional] [--csv|--json]\n");
			printf("  parcours audit verify\n\n");
			printf("%s\n", _("verify recomputes the hash chain: exit 0 when intact, 3 "
			                 "naming the first broken entry."));
			printf("%s\n", _("--exceptional lists only the files opened outside a "
			                 "caseload, with the reason given."));
			return 0;
		}
		if (!strcmp(a, "verify") && i == 0 && c->argc == 1)
			return verify(c);
		if (!strcmp(a, "--csv") || !strcmp(a, "--json")) {
			enum format want = a[2] == 'c' ? CSV : JSON;
			if (fmt != TEXT && fmt != want)
				return cli_usage("%s", _("choose --csv or --json, not both"));
			fmt = want;
		} else if (!strcmp(a, "--exceptional")) {
			f.action = pc_audit_action_name(PC_AUDIT_EXCEPTIONAL);
		} else if (!strncmp(a, "--by", 4) && (a[4] == '\0' || a[4] == '=')) {
			if (!(f.login = cli_optarg(c->argc, c->argv, &i, "--by")))
				return PC_USAGE;
		} else if (!strncmp(a, "--since", 7) && (a[7] == '\0' || a[7] == '=')) {
			if (!(f.since = cli_optarg(c->argc, c->argv, &i, "--since")))
				return PC_USAGE;
			int y, m, d;
			if (strlen(f.since) != 10 || !pc_parse_date(f.since, &y, &m, &d))
				return cli_usage(_("--since takes a date YYYY-MM-DD (got \"%s\")"),
				                 f.since);
		} else if (a[0] == '-' && a[1]) {
			return cli_usage(_("unknown option for audit: %s"), a);
		} else if (!f.file_no) {
			f.file_no = a;
		} else {
			return cli_usage(_("unexpected argument: %s"), a);
		}
	}
	int rc = cli_open(c, true, PC_STORE_READ, false);
	if (rc)
		return rc;
	struct out o = {.fmt = fmt};
	enum pc_status st = pc_audit_list(&c->ctx, &f, each, &o, &c->pr);
	if (st == PC_OK && !o.rows)
		start(&o);
	if (st == PC_OK && fmt == JSON)
		fputs(o.rows ? "\n]\n" : "]\n", stdout);
	if (st == PC_OK && (o.failed || fflush(stdout) != 0)) {
		pc_problems_add(&c->pr, false, "audit", "%s",
		                _("the audit log could not be written"));
		st = PC_UNUSABLE;
	}
	return cli_report(c, st);
}
