/* parcours: reads the global options (--db, --forms, --lang) and the
 * configuration file, sets a shared (setgid) install apart from its
 * caller's paths, picks the face (a command, or the console when there is
 * none) and returns its exit status. Nothing else happens here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "ui/tui.h"

static const struct command {
	const char *name;
	int (*run)(struct cli *c);
} commands[] = {
	{"init", cli_init},       {"demo", cli_demo}, {"forms", cli_forms},
	{"participant", cli_participant}, {"submit", cli_submit}, {"show", cli_show},
	{"export", cli_export}, {"enrol", cli_enrol}, {"leave", cli_leave},
	{"report", cli_report_cmd}, {"month", cli_month},
	{"check", cli_check},
	{"staff", cli_staff}, {"audit", cli_audit}, {"assign", cli_assign},
	{"export-person", cli_export_person}, {"due", cli_due},
	{"renew", cli_renew},
	{"session", cli_session}, {"sync", cli_sync},
};

static void help(void)
{
	printf("%s\n\n", _("parcours: case-worker console for insertion programmes"));
	printf("  parcours [--db FILE] [--forms DIR] [--lang fr|en]   %s\n", _("the console"));
	printf("  parcours init [--site CODE]                         %s\n",
	       _("create or upgrade the database"));
	printf("  parcours demo [--participants N]                    %s\n",
	       _("add synthetic participants"));
	printf("  parcours forms check [PATH...]                      %s\n",
	       _("check form definitions"));
	printf("  parcours participant add --set FIELD=VALUE...       %s\n",
	       _("intake; prints the file number"));
	printf("  parcours participant find TEXT                      %s\n",
	       _("search by name or file number"));
	printf("  parcours submit FORM FILE_NO [--period YYYY-MM] [--set PATH=VALUE...|--json PATH|-]\n"
	       "                  [--unset PATH...] [--replace|--from-draft] [--base-revision N]\n"
	       "                  [--reason TEXT] [--dry-run]\n");
	printf("  parcours show FILE_NO [--json] [--exceptional REASON] %s\n",
	       _("everything held on one participant"));
	printf("  parcours export FORM [--csv [--raw]|--json]         %s\n",
	       _("all current answers of a form"));
	printf("  parcours enrol FILE_NO PROGRAMME --start YYYY-MM-DD [--hours H] [--ramp 20,40,60,80]\n"
	       "                 [--counsellor LOGIN]\n");
	printf("  parcours enrol ... [--reason TEXT] [--contract-end YYYY-MM-DD | --contract-months N]\n");
	printf("  parcours leave FILE_NO --date YYYY-MM-DD --reason REASON [--change-reason TEXT]\n");
	printf("  parcours renew FILE_NO (--until YYYY-MM-DD | --months N)  %s\n",
	       _("renew a work contract"));
	printf("  parcours export-person FILE_NO [--json]             %s\n",
	       _("everything held on one person"));
	printf("  parcours due [--counsellor LOGIN] [--within DAYS] [--csv|--json]\n"
	       "                                                      %s\n",
	       _("what is due today in a caseload"));
	printf("  parcours report month YYYY-MM [--csv [--raw]|--json] %s\n",
	       _("hours, targets and allowances of a month"));
	printf("  parcours report below YYYY-MM [--csv [--raw]|--json] %s\n",
	       _("who is below target, by counsellor"));
	printf("  parcours report year YYYY [--csv [--raw]|--json]    %s\n",
	       _("the year per programme"));
	printf("  parcours report activity YYYY [--csv [--raw]|--json] %s\n",
	       _("people reached and services given in a year"));
	printf("  parcours report ami YYYY-MM [--csv [--raw]|--json]  %s\n",
	       _("AMI half-days a week of each person (supervisor)"));
	printf("  parcours session add|change|show ...                %s\n",
	       _("AMI workshop sessions, recorded once for the group"));
	printf("  parcours month close YYYY-MM                        %s\n",
	       _("lock a reported month (supervisor)"));
	printf("  parcours check [--json]                             %s\n",
	       _("verify the database (exit 3 when damaged)"));
	printf("  parcours staff list|add|role|disable|enable ...     %s\n",
	       _("who may use the database, with which roles"));
	printf("  parcours assign FILE_NO LOGIN                       %s\n",
	       _("give a participant a counsellor (supervisor)"));
	printf("  parcours sync [init|export|import|conflicts|resolve|keygen|serve] ...\n"
	       "                                                      %s\n",
	       _("offline copies and offices merged both ways"));
	printf("  parcours audit [FILE_NO] [--by LOGIN] [--since DATE] [--csv|--json] | verify\n"
	       "                                                      %s\n",
	       _("who read or changed what (supervisor)"));
	putchar('\n');
	printf("%s\n", _("CSV: a text cell starting with = + - @, a tab or a carriage return gets a "
			 "leading ' (spreadsheet formulas); --raw writes cells as stored."));
	printf(_("Configuration: $PARCOURS_CONFIG, else %s when it exists (database, forms, "
		 "site); a shared (setgid) install reads only %s and ignores --db, --forms and "
		 "PARCOURS_*.\n"),
	       pc_config_default_path(), pc_config_default_path());
	printf("%s\n", _("Exit status: 0 done, 1 refused input, 2 usage, 3 database or "
			 "definition unusable. See parcours(1)."));
}

/* Removes the global options from argv wherever they are; returns 0 or 2. */
static int global_options(struct cli *c, int *argc, char **argv)
{
	int out = 1;
	int lang = -1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (!strncmp(a, "--db", 4) && (a[4] == '\0' || a[4] == '='))
			dst = &c->db_opt;
		else if (!strncmp(a, "--forms", 7) && (a[7] == '\0' || a[7] == '='))
			dst = &c->forms_opt;
		if (dst) {
			if (!(*dst = cli_optarg(*argc, argv, &i, dst == &c->db_opt ? "--db" : "--forms")))
				return PC_USAGE;
			if (!**dst)
				return cli_usage(_("%s needs a value"), a);
			continue;
		}
		if (!strncmp(a, "--lang", 6) && (a[6] == '\0' || a[6] == '=')) {
			const char *v = cli_optarg(*argc, argv, &i, "--lang");
			if (!v)
				return PC_USAGE;
			if ((lang = pc_i18n_parse(v)) < 0)
				return cli_usage(_("--lang takes fr or en (got \"%s\")"), v);
			pc_i18n_set_lang((enum pc_lang)lang);
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* "parcours: NAME: ignored (shared installation)" */
static void ignored(const char *name)
{
	fprintf(stderr, "parcours: ");
	fprintf(stderr, _("%s: ignored (shared installation)"), name);
	fputc('\n', stderr);
}

/* A shared install (config.h): what the caller chose for paths and the test
 * hooks are set aside, each said once on stderr (the values are never
 * read); new files are the group's (umask 007). */
static void shared_setup(struct cli *c)
{
	static const char *const hooks[] = {"PARCOURS_DB", "PARCOURS_FORMS", "PARCOURS_TODAY",
	                                    "PARCOURS_TRACE_KEYS", "PARCOURS_CONFIG",
	                                    "PARCOURS_WRITE_WAIT"};
	umask(007);
	if (c->db_opt)
		ignored("--db");
	if (c->forms_opt)
		ignored("--forms");
	c->db_opt = c->forms_opt = NULL;
	/* whether each is set, never its value; then gone, so that nothing
	 * later (forms check, once the group is given up) reads it */
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		if (getenv(hooks[i]))
			ignored(hooks[i]);
		unsetenv(hooks[i]);
	}
}

static void version(const struct pc_config *cfg)
{
	printf("parcours %s\n", PARCOURS_VERSION);
	if (cfg->path && pc_config_shared())
		printf(_("configuration: %s (shared installation)\n"), cfg->path);
	else if (cfg->path)
		printf(_("configuration: %s\n"), cfg->path);
	if (cfg->site)
		printf(_("site: %s\n"), cfg->site);
}

static int run(struct cli *c, int argc, char **argv, const struct pc_config *cfg)
{
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		version(cfg);
		return 0;
	}
	int rc;
	if (argc < 2) {
		/* no command: the console */
		c->ctx.face = PC_FACE_TUI;
		/* the list needs the programmes, not every form; the intake is
		 * checked against them when a file or an enrolment opens */
		c->lazy_forms = true;
		c->enrols_nobody = true;
		rc = cli_open(c, true, PC_STORE_WRITE, true);
		if (!rc)
			rc = tui_main(&c->ctx);
		cli_close(c);
		return rc;
	}
	/* checking definitions never needs the database: in a shared install
	 * the paths it is given are read with the caller's rights alone */
	if (!strcmp(argv[1], "forms") && pc_config_shared() &&
	    pc_config_drop_group(&c->pr) != PC_OK)
		return cli_report(c, PC_UNUSABLE);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		c->argc = argc - 2;
		c->argv = argv + 2;
		rc = commands[i].run(c);
		cli_close(c);
		return rc;
	}
	return cli_usage(_("unknown command \"%s\""), argv[1]);
}

int main(int argc, char **argv)
{
	tui_note_start();
	struct cli c = {0};
	pc_i18n_set_lang(pc_i18n_from_env());
	int rc = global_options(&c, &argc, argv);
	if (rc)
		return rc;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "help"))) {
		help();
		return 0;
	}
	if (pc_config_shared())
		shared_setup(&c);
	struct pc_config cfg;
	if (pc_config_read(&cfg, &c.pr) != PC_OK)
		return cli_report(&c, PC_UNUSABLE);
	pc_config_use(&cfg);
	rc = run(&c, argc, argv, &cfg);
	pc_config_clear(&cfg);
	return rc;
}
