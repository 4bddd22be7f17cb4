/* parcours check [--json]: verifies the database without changing it (for
 * an administrator or a nightly cron; only month totals found wrong are
 * rebuilt) and prints a summary; exit 0 when all is well, 3 otherwise. The
 * checks are the core's (check.h). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/check.h"
#include "parcours/i18n.h"
#include "parcours/text.h"

/* Issues listed per section in the text summary (--json gives up to
 * PC_CHECK_KEEP); the count is always whole. */
enum { TEXT_SHOWN = 20 };

static void usage_text(FILE *f)
{
	fprintf(f, "%s\n\n%s\n", _("usage: parcours check [--json]"),
	        _("Verifies the database without changing it: SQLite's integrity check, every "
	          "saved answer against its form, the search keys against the names, and the "
	          "file-number counter. The month totals the reports add up are compared with "
	          "the answers, and all rebuilt when one is missing or wrong (the only write). "
	          "Exit status 0 when all is well, 3 otherwise."));
}

static void json_list(struct pc_buf *b, const char *name, const struct pc_check_list *l,
                      bool answers, bool counter)
{
	pc_buf_printf(b, ",\n  ");
	pc_buf_json_string(b, name);
	pc_buf_printf(b, ": {\"ok\": %s, \"count\": %zu, \"problems\": [",
	              l->total ? "false" : "true", l->total);
	for (size_t i = 0; i < l->len; i++) {
		const struct pc_check_issue *it = &l->items[i];
		pc_buf_puts(b, i ? ",\n    {" : "\n    {");
		if (it->file_no) {
			pc_buf_puts(b, "\"file_no\": ");
			pc_buf_json_string(b, it->file_no);
			pc_buf_puts(b, ", ");
		}
		if (answers) {
			pc_buf_puts(b, "\"form\": ");
			pc_buf_json_string(b, it->form ? it->form : "");
			pc_buf_puts(b, ", \"period\": ");
			pc_buf_json_string(b, it->period ? it->period : "");
			pc_buf_printf(b, ", \"revision\": %lld, ", it->revision);
		}
		if (counter)
			pc_buf_printf(b, "\"year\": %lld, ", it->revision);
		pc_buf_puts(b, "\"message\": ");
		pc_buf_json_string(b, it->message ? it->message : "");
		pc_buf_putc(b, '}');
	}
	pc_buf_puts(b, l->len ? "\n  ]}" : "]}");
}

/* A list of notices: worth knowing, not damage, so always "ok". */
static void json_notices(struct pc_buf *b, const char *name, const struct pc_check_list *l)
{
	pc_buf_printf(b, ",\n  ");
	pc_buf_json_string(b, name);
	pc_buf_printf(b, ": {\"ok\": true, \"count\": %zu, \"notices\": [", l->total);
	for (size_t i = 0; i < l->len; i++) {
		pc_buf_puts(b, i ? ",\n    {\"file_no\": " : "\n    {\"file_no\": ");
		pc_buf_json_string(b, l->items[i].file_no ? l->items[i].file_no : "");
		pc_buf_puts(b, ", \"message\": ");
		pc_buf_json_string(b, l->items[i].message ? l->items[i].message : "");
		pc_buf_putc(b, '}');
	}
	pc_buf_puts(b, l->len ? "\n  ]}" : "]}");
}

static void json_out(const struct pc_check *r, const char *db, bool complete, struct pc_buf *b)
{
	pc_buf_puts(b, "{\n  \"database\": ");
	pc_buf_json_string(b, db);
	pc_buf_printf(b,
	              ",\n  \"ok\": %s,\n  \"complete\": %s,\n  \"revisions\": %lld,\n"
	              "  \"participants\": %lld,\n  \"search_tokens\": %lld",
	              complete && pc_check_ok(r) ? "true" : "false", complete ? "true" : "false",
	              r->revisions, r->participants, r->token_rows);
	json_list(b, "integrity", &r->integrity, false, false);
	json_list(b, "answers", &r->answers, true, false);
	json_list(b, "search", &r->search, false, false);
	json_list(b, "file_counter", &r->counter, false, true);
	json_list(b, "month_totals", &r->totals, true, false);
	pc_buf_printf(b, ",\n  \"months\": %lld,\n  \"month_totals_rebuilt\": %s", r->months,
	              r->totals_rebuilt ? "true" : "false");
	json_notices(b, "exit_reasons", &r->exit_reasons);
	pc_buf_puts(b, "\n}\n");
}

/* One section of the text summary: a status line, then its issues. */
static void text_list(struct pc_buf *b, const char *title, const char *detail,
                      const struct pc_check_list *l)
{
	if (!l->total) {
		pc_buf_printf(b, _("  %s (%s): ok\n"), title, detail);
		return;
	}
	pc_buf_printf(b, P_("  %s (%s): %zu problem\n", "  %s (%s): %zu problems\n", l->total),
	              title, detail, l->total);
	size_t shown = l->len < TEXT_SHOWN ? l->len : TEXT_SHOWN;
	for (size_t i = 0; i < shown; i++) {
		const struct pc_check_issue *it = &l->items[i];
		pc_buf_puts(b, "    ");
		if (it->file_no)
			pc_buf_printf(b, "%s: ", it->file_no);
		if (it->form && *it->period)
			pc_buf_printf(b, _("%s %s revision %lld: "), it->form, it->period,
			              it->revision);
		else if (it->form)
			pc_buf_printf(b, _("%s revision %lld: "), it->form, it->revision);
		pc_buf_printf(b, "%s\n", it->message);
	}
	if (l->total > shown)
		pc_buf_printf(b, _("    ... and %zu more\n"), l->total - shown);
}

static void text_out(const struct pc_check *r, const char *db, bool complete, struct pc_buf *b)
{
	char detail[160];
	pc_buf_printf(b, _("Checking %s\n"), db);
	text_list(b, _("integrity"), "PRAGMA integrity_check", &r->integrity);
	snprintf(detail, sizeof(detail),
	         P_("%lld revision read", "%lld revisions read", (unsigned long)r->revisions),
	         r->revisions);
	text_list(b, _("answers"), detail, &r->answers);
	char people[64];
	snprintf(people, sizeof(people),
	         P_("%lld participant", "%lld participants", (unsigned long)r->participants),
	         r->participants);
	snprintf(detail, sizeof(detail),
	         P_("%s, %lld search token", "%s, %lld search tokens", (unsigned long)r->token_rows),
	         people, r->token_rows);
	text_list(b, _("search"), detail, &r->search);
	text_list(b, _("file numbers"), _("counter ahead of every file number"), &r->counter);
	snprintf(detail, sizeof(detail),
	         P_("%lld participation month read", "%lld participation months read",
	            (unsigned long)r->months),
	         r->months);
	text_list(b, _("month totals"), detail, &r->totals);
	if (r->totals_rebuilt)
		pc_buf_printf(b, "    %s\n",
		              _("all rebuilt from the answers: the reports read them right again"));
	if (r->exit_reasons.total) {
		/* a notice: the summary below still says all is well */
		pc_buf_printf(b,
		              P_("  exit reasons: %zu exit with a reason not in the list (kept, "
		                 "shown as written)\n",
		                 "  exit reasons: %zu exits with a reason not in the list (kept, "
		                 "shown as written)\n",
		                 r->exit_reasons.total),
		              r->exit_reasons.total);
		size_t shown = r->exit_reasons.len < TEXT_SHOWN ? r->exit_reasons.len : TEXT_SHOWN;
		for (size_t i = 0; i < shown; i++)
			pc_buf_printf(b, "    %s: %s\n", r->exit_reasons.items[i].file_no
			                                     ? r->exit_reasons.items[i].file_no
			                                     : "?",
			              r->exit_reasons.items[i].message);
		if (r->exit_reasons.total > shown)
			pc_buf_printf(b, _("    ... and %zu more\n"), r->exit_reasons.total - shown);
	}
	if (!complete)
		pc_buf_printf(b, "%s\n", _("The check could not read the whole database."));
	else if (pc_check_ok(r))
		pc_buf_printf(b, "%s\n", _("All is well."));
	else
		pc_buf_printf(b, "%s\n",
		              _("The database is damaged: restore it from a backup, or keep it "
		                "aside and ask for help; do not keep working in it."));
}

int cli_check(struct cli *c)
{
	bool json = false;
	for (int i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--json")) {
			json = true;
		} else if (!strcmp(c->argv[i], "--help") || !strcmp(c->argv[i], "-h")) {
			usage_text(stdout);
			return 0;
		} else if (c->argv[i][0] == '-' && c->argv[i][1]) {
			return cli_usage(_("unknown option for check: %s"), c->argv[i]);
		} else {
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
		}
	}
	int rc = cli_open(c, true, PC_STORE_READ, true);
	if (rc)
		return rc;
	struct pc_check r;
	enum pc_status st = pc_check(&c->ctx, &r, NULL, NULL, &c->pr);
	struct pc_buf out = {0};
	if (json)
		json_out(&r, c->db_path, st == PC_OK, &out);
	else
		text_out(&r, c->db_path, st == PC_OK, &out);
	if (out.failed) {
		pc_problems_add(&c->pr, false, "check", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	} else if (json) {
		fwrite(out.data, 1, out.len, stdout);
	} else {
		/* messages quote stored names and keys: shown, never obeyed */
		struct pc_buf safe = {0};
		pc_text_escape_to(&safe, out.data ? out.data : "", out.len, true);
		if (safe.failed) {
			pc_problems_add(&c->pr, false, "check", "%s", _("out of memory"));
			st = PC_UNUSABLE;
		} else {
			fwrite(safe.data, 1, safe.len, stdout);
		}
		pc_buf_free(&safe);
	}
	if (fflush(stdout) != 0 && st == PC_OK) {
		pc_problems_add(&c->pr, false, "check", "%s",
		                _("the summary could not be written"));
		st = PC_UNUSABLE;
	}
	pc_buf_free(&out);
	bool damaged = st == PC_OK && !pc_check_ok(&r);
	pc_check_clear(&r);
	/* the summary on stdout already says what is wrong: exit 3 with no
	 * second message (cli_report would take silence for lack of memory) */
	if (damaged) {
		cli_report(c, PC_OK);
		return PC_UNUSABLE;
	}
	return cli_report(c, st);
}
