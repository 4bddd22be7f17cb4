/* The headless face: one command per file, sharing the plumbing in cli.c
 * (opening the database and forms, reporting problems, exit statuses) and
 * answers.c (--set and --json). Commands print; the core never does. */
#ifndef PARCOURS_CLI_H
#define PARCOURS_CLI_H
#include <stdbool.h>
#include "parcours/core.h"
#include "parcours/err.h"

struct pc_json;
struct pc_problem;

struct cli {
	const char *db_opt;    /* --db */
	const char *forms_opt; /* --forms */
	int argc;              /* the command's own arguments, after its name */
	char **argv;
	struct pc_ctx ctx;
	char *db_path, *forms_dir;
	struct pc_problems pr;
	bool founded; /* cli_open made the caller the first admin of a new file */
	/* set before cli_open by a face that asks for forms one by one
	 * (pc_formset_get): the folder is opened, no form loaded up front */
	bool lazy_forms;
	/* set with lazy_forms by a face that enrols nobody (submit) or not at
	 * once (the console, whose enrolment and file screens ask
	 * pc_eligibility_check_intake when opened): the programmes'
	 * eligibility conditions, which only an enrolment reads, are not
	 * checked against the intake here, so the intake is not loaded for
	 * them (a third of a submit's instructions, of the console's start);
	 * every command that loads all forms still checks them */
	bool enrols_nobody;
	/* set before cli_open by a command whose work reads no programme rule
	 * (a save of any form but the monthly participation): programmes.yaml
	 * is not read, c->ctx.programmes stays NULL, and a problem in that
	 * file is told to the commands that need it, not to this one */
	bool reads_no_programmes;
};

/* Opens what a command needs: the forms (and the expression evaluator) when
 * `forms`, the store in `mode` when `store`. The forms are all loaded and
 * checked, unless c->lazy_forms: then only the programmes (none with
 * c->reads_no_programmes) and, when they have eligibility conditions and
 * c->enrols_nobody is false, the intake they are checked against. Returns
 * an exit status: 0, or 3 with the problems printed. */
int cli_open(struct cli *c, bool store, enum pc_store_mode mode, bool forms);
void cli_close(struct cli *c);
/* Loads the forms of c->forms_dir again, as cli_open did (the folder's
 * files changed: a laptop received the office's); PC_UNUSABLE with the
 * problems in c->pr. */
enum pc_status cli_reload_forms(struct cli *c);
/* Prints one problem to stderr as "where: message" (a warning as "where:
 * warning: message"), escaped and cut so that echoed input cannot act on the
 * terminal or flood it (see TEXT OUTPUT in parcours(1)). */
void cli_print_problem(const struct pc_problem *p);
/* Prints the problems of c->pr with cli_print_problem, at most 20 and then
 * how many more there were, clears the list and returns `st` as an exit
 * status. A form read on demand that failed to load since (pc_formset_failures)
 * is printed too, and makes a PC_OK status 3. */
int cli_report(struct cli *c, enum pc_status st);
/* Prints "parcours: MESSAGE" and a pointer to --help on stderr; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The value of option argv[*i] ("--x V" or "--x=V"): advances *i; NULL with a
 * usage message when the value is missing. */
const char *cli_optarg(int argc, char **argv, int *i, const char *name);

/* `write`s for output the core hands over in chunks (pc_show_write,
 * pc_person_export_write): stdout as is, or with control characters made
 * visible (stored text is shown, never obeyed); the chunks of text end at
 * a line's end, so no character is split. False when stdout fails. */
bool cli_write_stdout(void *ctx, const char *data, size_t len);
bool cli_write_escaped(void *ctx, const char *data, size_t len);

/* Collects the answers of --set FIELD=VALUE (repeated) or --json PATH|- from
 * argv[*i] (one option; call it for each). Returns 0 or 2 (usage). */
int cli_answers_option(int argc, char **argv, int *i, struct pc_json **answers, bool *used_json,
		       bool *used_set);

/* The same for submit: --set PATH=VALUE, --unset PATH or --json PATH|-
 * added to `edits` (core.h). Returns 0 or 2 (usage). */
int cli_edits_option(int argc, char **argv, int *i, struct pc_edits *edits, bool *used_json,
		     bool *used_set);

int cli_init(struct cli *c);
int cli_demo(struct cli *c);
int cli_forms(struct cli *c);
int cli_participant(struct cli *c);
int cli_submit(struct cli *c);
int cli_show(struct cli *c);
int cli_export(struct cli *c);
int cli_enrol(struct cli *c);
int cli_leave(struct cli *c);
int cli_report_cmd(struct cli *c);
int cli_month(struct cli *c);
int cli_check(struct cli *c);
int cli_staff(struct cli *c);
int cli_audit(struct cli *c);
int cli_assign(struct cli *c);
int cli_export_person(struct cli *c);
int cli_due(struct cli *c);
int cli_renew(struct cli *c);
int cli_session(struct cli *c);
int cli_sync(struct cli *c);

#endif
