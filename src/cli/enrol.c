/* parcours enrol FILE_NO PROGRAMME --start YYYY-MM-DD [--hours H] [--ramp 20,40,60,80]
 *                [--counsellor LOGIN] [--reason TEXT] [--exception REASON]
 *                [--contract-end YYYY-MM-DD | --contract-months N]
 * parcours leave FILE_NO --date YYYY-MM-DD --reason REASON [--change-reason TEXT]
 * Enrolments in programmes and exits; the rules (and the list of exit
 * reasons) are the core's. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/contract.h"
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/participation.h"
#include "parcours/programme.h"

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

/* The options of issue 13 (closed months, contracts): argv[*i] taken into
 * `more` when it is one of them. Returns 1 when taken, 0 when not, -1 on a
 * usage error (printed). */
static int enrol_more_option(struct cli *c, int *i, struct pc_enrol_more *more)
{
	static const char *const names[] = {"--reason", "--contract-end", "--contract-months"};
	const char **dsts[] = {&more->reason, &more->contract_end, &more->contract_months};
	for (int k = 0; k < 3; k++)
		if (is_opt(c->argv[*i], names[k]))
			return (*dsts[k] = cli_optarg(c->argc, c->argv, i, names[k])) ? 1 : -1;
	return 0;
}

/* --exception REASON: a supervisor's reason for enrolling a person who does
 * not meet the programme's eligibility (eligibility.h). Taken apart from the
 * other options so that the rule's own option stays in one place: true when
 * argv[*i] was it (then *reason is set, or *rc to the usage error). */
static bool exception_opt(struct cli *c, int *i, const char **reason, int *rc)
{
	if (!is_opt(c->argv[*i], "--exception"))
		return false;
	if (!(*reason = cli_optarg(c->argc, c->argv, i, "--exception")))
		*rc = PC_USAGE;
	return true;
}

static int enrol_help(void)
{
	printf("%s\n\n", _("parcours enrol: enrol a person in a programme"));
	printf("  parcours enrol FILE_NO PROGRAMME --start YYYY-MM-DD [--hours H] "
	       "[--ramp 20,40,60,80]\n"
	       "                 [--counsellor LOGIN] [--reason TEXT] [--exception REASON]\n"
	       "                 [--contract-end YYYY-MM-DD | --contract-months N]\n\n");
	printf("%s\n", _("A start in a month already closed changes its report: give --reason, "
			 "kept for each closed month it changes."));
	printf("%s\n", _("A programme with work contracts (contract: in programmes.yaml) records "
			 "the contract's end: --contract-end, or --contract-months from the start, "
			 "else its usual length; renew it with parcours renew."));
	printf("%s\n",
	       _("A programme with eligibility conditions (programmes.yaml, parcours-forms(5)) "
	         "checks them on the person's latest intake. A person who does not meet them, or "
	         "whose intake does not answer them, is enrolled only by a supervisor who "
	         "confirms the exception with --exception REASON; the reason is kept and shown "
	         "with the enrolment. A counsellor asks a supervisor."));
	return 0;
}

int cli_enrol(struct cli *c)
{
	struct pc_enrol_more more = {0};
	const char *file_no = NULL, *programme = NULL, *start = NULL, *hours = NULL, *ramp = NULL,
		   *counsellor = NULL, *exception = NULL;
	int rc = 0;
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return enrol_help();
		if (exception_opt(c, &i, &exception, &rc))
			continue;
		static const char *const names[] = {"--start", "--hours", "--ramp", "--counsellor"};
		const char **dsts[] = {&start, &hours, &ramp, &counsellor};
		int k = 0;
		while (k < 4 && !is_opt(a, names[k]))
			k++;
		int more_rc = k < 4 ? 0 : enrol_more_option(c, &i, &more);
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			return enrol_help();
		} else if (more_rc) {
			rc = more_rc < 0 ? PC_USAGE : 0;
		} else if (k < 4) {
			if (!(*dsts[k] = cli_optarg(c->argc, c->argv, &i, names[k])))
				rc = PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for enrol: %s"), a);
		} else if (!file_no) {
			file_no = a;
		} else if (!programme) {
			programme = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!file_no || !programme || !start))
		rc = cli_usage("%s", _("usage: parcours enrol FILE_NO PROGRAMME --start YYYY-MM-DD "
				       "[--hours H] [--ramp 20,40,60,80] [--counsellor LOGIN] "
				       "[--reason TEXT] [--exception REASON] [--contract-end YYYY-MM-DD | "
				       "--contract-months N]"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	more.exception = exception;
	if (!rc) {
		enum pc_status st = pc_enrol_more(&c->ctx, file_no, programme, start, hours, ramp,
						  counsellor, &more, &c->pr);
		if (st == PC_OK)
			printf(_("%s enrolled in %s from %s\n"), file_no,
			       pc_programme_label(c->ctx.programmes, programme), start);
		if (st == PC_OK && more.contract_end_out[0])
			printf(_("contract until %s\n"), more.contract_end_out);
		rc = cli_report(c, st);
	}
	return rc;
}

/* The usage, and the reasons the shipped or --forms programmes file
 * offers, labelled in the user's language. */
static int leave_help(struct cli *c)
{
	printf("%s\n\n", _("parcours leave: record the end of a person's participation"));
	printf("  parcours leave FILE_NO --date YYYY-MM-DD --reason REASON "
	       "[--change-reason TEXT]\n\n");
	printf("%s\n", _("The date is not after today nor before the start of the enrolment. "
			 "REASON is a code of exit_reasons in programmes.yaml "
			 "(parcours-forms(5)); the file and reports show its label."));
	printf("%s\n", _("An exit dated back before the end of a closed month changes its report: "
			 "give --change-reason, kept for each closed month it changes."));
	if (cli_open(c, false, PC_STORE_READ, true))
		return 0; /* the problem is printed; the usage stands */
	struct pc_buf known = {0};
	pc_exit_reasons_format(&c->ctx.programmes->exit_reasons, &known);
	if (known.len)
		printf("%s %s\n", _("Reasons:"), known.data);
	pc_buf_free(&known);
	return 0;
}

int cli_leave(struct cli *c)
{
	const char *file_no = NULL, *date = NULL, *reason = NULL, *change_reason = NULL;
	int rc = 0;
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return leave_help(c);
		if (is_opt(a, "--date")) {
			if (!(date = cli_optarg(c->argc, c->argv, &i, "--date")))
				rc = PC_USAGE;
		} else if (is_opt(a, "--change-reason")) {
			if (!(change_reason = cli_optarg(c->argc, c->argv, &i, "--change-reason")))
				rc = PC_USAGE;
		} else if (is_opt(a, "--reason")) {
			if (!(reason = cli_optarg(c->argc, c->argv, &i, "--reason")))
				rc = PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for leave: %s"), a);
		} else if (!file_no) {
			file_no = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!file_no || !date || !reason))
		rc = cli_usage("%s", _("usage: parcours leave FILE_NO --date YYYY-MM-DD --reason REASON "
				       "[--change-reason TEXT]"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		enum pc_status st =
			pc_leave_more(&c->ctx, file_no, date, reason, change_reason, NULL, &c->pr);
		if (st == PC_OK)
			printf(_("%s left on %s (%s)\n"), file_no, date,
			       pc_exit_reason_label(&c->ctx.programmes->exit_reasons, reason));
		rc = cli_report(c, st);
	}
	return rc;
}
