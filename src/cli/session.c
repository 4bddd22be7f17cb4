/* parcours session add --date YYYY-MM-DD --half am|pm --title TITLE FILE_NO...
 * parcours session change ID [--add FILE_NO]... [--remove FILE_NO]... [--reason TEXT]
 * parcours session show ID
 * AMI workshops recorded once for the group present (ami.h); the rules and
 * the refusals are the core's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/ami.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

static int help(void)
{
	printf("%s\n\n", _("parcours session: AMI workshop sessions, recorded once for the group"));
	printf("  parcours session add --date YYYY-MM-DD --half am|pm --title TITLE "
	       "[--reason TEXT] FILE_NO...\n");
	printf("  parcours session change ID [--add FILE_NO]... [--remove FILE_NO]... "
	       "[--reason TEXT]\n");
	printf("  parcours session show ID\n\n");
	printf("%s\n", _("add: one session (a half-day) with the people present, each enrolled in "
			 "a workshop programme on that date; change: add or remove people, the "
			 "removal kept with who, when and why; show: the session and every change. "
			 "A session in a closed month needs --reason. Attendance is counted in "
			 "half-days a week: see parcours report ami."));
	return 0;
}

/* A session number: digits only, from 1, or DATE/N (short_id.h). */
static bool parse_id(const char *s)
{
	char date[11];
	long long n = 0;
	char *end = NULL;
	long long v = s && *s >= '0' && *s <= '9' ? strtoll(s, &end, 10) : 0;
	return (end && !*end && v > 0) || (s && pc_short_id_parse(s, date, &n));
}

/* The session `text` names, once the database is open; PC_REFUSED with a
 * problem when there is none. */
static enum pc_status find_id(struct cli *c, const char *text, long long *id)
{
	enum pc_status st = pc_ami_session_find(&c->ctx, text, id, &c->pr);
	if (st == PC_OK && !*id) {
		pc_problems_add(&c->pr, false, "session", _("there is no AMI session %s"), text);
		st = PC_REFUSED;
	}
	return st;
}

/* The number to show for session `id`. */
static void number(struct cli *c, long long id, char out[PC_SHORT_ID])
{
	if (pc_ami_session_number(&c->ctx, id, out, &c->pr) != PC_OK)
		snprintf(out, PC_SHORT_ID, "%lld", id);
}

static int add(struct cli *c)
{
	const char *date = NULL, *half = NULL, *title = NULL, *reason = NULL;
	const char **people = calloc((size_t)c->argc + 1, sizeof(*people));
	size_t n = 0;
	int rc = 0;
	if (!people) {
		fprintf(stderr, "parcours: %s\n", _("out of memory"));
		return PC_UNUSABLE;
	}
	for (int i = 1; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		static const char *const names[] = {"--date", "--half", "--title", "--reason"};
		const char **dsts[] = {&date, &half, &title, &reason};
		int k = 0;
		while (k < 4 && !is_opt(a, names[k]))
			k++;
		if (k < 4) {
			if (!(*dsts[k] = cli_optarg(c->argc, c->argv, &i, names[k])))
				rc = PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for session add: %s"), a);
		} else {
			people[n++] = a;
		}
	}
	if (!rc && (!date || !half || !title || !n))
		rc = cli_usage("%s", _("usage: parcours session add --date YYYY-MM-DD --half am|pm "
				       "--title TITLE FILE_NO..."));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		long long id = 0;
		enum pc_status st = pc_ami_session_add(&c->ctx, date, half, title, people, n, reason,
						       &id, &c->pr);
		char num[PC_SHORT_ID];
		if (st == PC_OK)
			number(c, id, num);
		if (st == PC_OK)
			printf(P_("session %s: %s %s, %s, %zu person present\n",
				  "session %s: %s %s, %s, %zu people present\n", n),
			       num, date, half, title, n);
		rc = cli_report(c, st);
	}
	free(people);
	return rc;
}

static int change(struct cli *c)
{
	const char *reason = NULL, *id_text = NULL;
	const char **in = calloc((size_t)c->argc + 1, sizeof(*in));
	const char **out = calloc((size_t)c->argc + 1, sizeof(*out));
	size_t nin = 0, nout = 0;
	int rc = 0;
	if (!in || !out) {
		fprintf(stderr, "parcours: %s\n", _("out of memory"));
		rc = PC_UNUSABLE;
	}
	for (int i = 1; i < c->argc && !rc; i++) {
		const char *a = c->argv[i], *v;
		if (is_opt(a, "--add") || is_opt(a, "--remove") || is_opt(a, "--reason")) {
			const char *name = a[2] == 'a' ? "--add" : a[4] == 'm' ? "--remove" : "--reason";
			if (!(v = cli_optarg(c->argc, c->argv, &i, name)))
				rc = PC_USAGE;
			else if (name[2] == 'a')
				in[nin++] = v;
			else if (name[4] == 'm')
				out[nout++] = v;
			else
				reason = v;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for session change: %s"), a);
		} else if (!id_text) {
			id_text = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!id_text || !parse_id(id_text)))
		rc = cli_usage("%s", _("usage: parcours session change ID [--add FILE_NO]... "
				       "[--remove FILE_NO]... [--reason TEXT]"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		long long id = 0;
		char num[PC_SHORT_ID];
		enum pc_status st = find_id(c, id_text, &id);
		if (st == PC_OK)
			st = pc_ami_session_change(&c->ctx, id, in, nin, out, nout, reason, &c->pr);
		if (st == PC_OK)
			number(c, id, num);
		if (st == PC_OK)
			printf(_("session %s: %zu added, %zu removed\n"), num, nin, nout);
		rc = cli_report(c, st);
	}
	free(in);
	free(out);
	return rc;
}

static int show(struct cli *c)
{
	if (c->argc != 2 || !parse_id(c->argv[1]))
		return cli_usage("%s", _("usage: parcours session show ID"));
	int rc = cli_open(c, true, PC_STORE_READ, true);
	if (rc)
		return rc;
	struct pc_ami_session s;
	long long id = 0;
	enum pc_status st = find_id(c, c->argv[1], &id);
	if (st == PC_OK)
		st = pc_ami_session_get(&c->ctx, id, &s, &c->pr);
	if (st == PC_OK) {
		char num[PC_SHORT_ID];
		number(c, s.id, num);
		size_t present = 0;
		for (size_t i = 0; i < s.npeople; i++)
			present += !s.people[i].removed_at;
		printf(_("Session %s: %s %s, %s (recorded by %s at %s)\n"), num, s.date, s.half,
		       s.title, s.created_by, s.created_at);
		printf(P_("%zu person present\n", "%zu people present\n", present), present);
		for (size_t i = 0; i < s.npeople; i++) {
			const struct pc_ami_presence *p = &s.people[i];
			if (!p->removed_at)
				printf("  %s  %s, %s\n", p->file_no, p->family_name, p->given_name);
		}
		printf("%s\n", _("Changes:"));
		for (size_t i = 0; i < s.npeople; i++) {
			const struct pc_ami_presence *p = &s.people[i];
			printf(_("  %s %s added %s (%s)\n"), p->added_at, p->added_by, p->file_no,
			       p->added_reason ? p->added_reason : "-");
		}
		for (size_t i = 0; i < s.npeople; i++) {
			const struct pc_ami_presence *p = &s.people[i];
			if (p->removed_at)
				printf(_("  %s %s removed %s (%s)\n"), p->removed_at, p->removed_by,
				       p->file_no, p->removed_reason ? p->removed_reason : "-");
		}
		if (s.hidden)
			printf(P_("%zu more person whose participation you may not read\n",
				  "%zu more people whose participation you may not read\n",
				  s.hidden),
			       s.hidden);
		pc_ami_session_clear(&s);
	}
	return cli_report(c, st);
}

int cli_session(struct cli *c)
{
	const char *sub = c->argc ? c->argv[0] : "";
	for (int i = 0; i < c->argc; i++)
		if (!strcmp(c->argv[i], "--help") || !strcmp(c->argv[i], "-h"))
			return help();
	if (!strcmp(sub, "add"))
		return add(c);
	if (!strcmp(sub, "change"))
		return change(c);
	if (!strcmp(sub, "show"))
		return show(c);
	return cli_usage("%s", _("usage: parcours session add|change|show (see parcours session "
			       "--help)"));
}
