/* parcours staff list [--json]
 * parcours staff add LOGIN --name "NAME" --role ROLE[,ROLE...]
 * parcours staff role LOGIN ROLE[,ROLE...]
 * parcours staff disable|enable LOGIN
 * Who may use the database and with which roles. Every staff member may
 * list; the changes are an administrator's (decided in src/core/staff.c). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"

static int usage(void)
{
	return cli_usage("%s", _("usage: parcours staff list [--json] | add LOGIN --name NAME "
	                         "--role ROLE[,ROLE] | role LOGIN ROLE[,ROLE] | disable LOGIN | "
	                         "enable LOGIN"));
}

static void help(void)
{
	printf("%s\n\n", _("parcours staff: who may use the database, with which roles"));
	printf("  parcours staff list [--json]\n");
	printf("  parcours staff add LOGIN --name \"NAME\" --role ROLE[,ROLE...]\n");
	printf("  parcours staff role LOGIN ROLE[,ROLE...]\n");
	printf("  parcours staff disable LOGIN\n");
	printf("  parcours staff enable LOGIN\n\n");
	printf("%s\n", _("Roles: admin, supervisor, counsellor, frontdesk. A login is the "
	                 "Unix login of the person. Changes are for administrators and are "
	                 "recorded in the audit log."));
}

static int list(struct cli *c, bool json)
{
	struct pc_staff *all = NULL;
	size_t n = 0;
	enum pc_status st = pc_staff_list(&c->ctx, &all, &n, &c->pr);
	if (st != PC_OK)
		return cli_report(c, st);
	struct pc_buf b = {0};
	if (json)
		pc_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		char roles[48];
		pc_roles_format(all[i].roles, roles, sizeof(roles));
		if (json) {
			pc_buf_puts(&b, i ? ",\n{\"login\":" : "\n{\"login\":");
			pc_buf_json_string(&b, all[i].login);
			pc_buf_puts(&b, ",\"name\":");
			pc_buf_json_string(&b, all[i].name);
			pc_buf_puts(&b, ",\"roles\":[");
			for (char *r = roles, *comma; *r; r = comma ? comma + 1 : r + strlen(r)) {
				comma = strchr(r, ',');
				if (comma)
					*comma = '\0';
				pc_buf_puts(&b, r == roles ? "" : ",");
				pc_buf_json_string(&b, r);
			}
			pc_buf_printf(&b, "],\"disabled\":%s,\"added_by\":",
			              all[i].disabled ? "true" : "false");
			if (all[i].added_by)
				pc_buf_json_string(&b, all[i].added_by);
			else
				pc_buf_puts(&b, "null");
			pc_buf_puts(&b, ",\"added_at\":");
			pc_buf_json_string(&b, all[i].added_at);
			pc_buf_putc(&b, '}');
		} else {
			pc_buf_printf(&b, "%-16s %-28s %-30s%s\n", all[i].login, all[i].name, roles,
			              all[i].disabled ? _("disabled") : "");
		}
	}
	if (json)
		pc_buf_puts(&b, n ? "\n]\n" : "]\n");
	if (b.failed) {
		pc_problems_add(&c->pr, false, "staff", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	} else {
		fwrite(b.data, 1, b.len, stdout);
	}
	pc_buf_free(&b);
	pc_staff_list_free(&all, n);
	return cli_report(c, st);
}

static int add(struct cli *c)
{
	const char *login = NULL, *name = NULL, *role = NULL;
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strncmp(a, "--name", 6) && (a[6] == '\0' || a[6] == '=')) {
			if (!(name = cli_optarg(c->argc, c->argv, &i, "--name")))
				return PC_USAGE;
		} else if (!strncmp(a, "--role", 6) && (a[6] == '\0' || a[6] == '=')) {
			if (!(role = cli_optarg(c->argc, c->argv, &i, "--role")))
				return PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage(_("unknown option for staff add: %s"), a);
		} else if (!login) {
			login = a;
		} else {
			return cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!login || !name || !role)
		return cli_usage("%s", _("usage: parcours staff add LOGIN --name NAME --role "
		                         "ROLE[,ROLE]"));
	unsigned roles = 0;
	if (!pc_roles_parse(role, &roles, &c->pr))
		return cli_report(c, PC_REFUSED);
	int rc = cli_open(c, true, PC_STORE_WRITE, false);
	if (rc)
		return rc;
	enum pc_status st = pc_staff_add(&c->ctx, login, name, roles, &c->pr);
	if (st == PC_OK)
		printf(_("%s added (%s)\n"), login, role);
	return cli_report(c, st);
}

int cli_staff(struct cli *c)
{
	if (c->argc < 1)
		return usage();
	const char *verb = c->argv[0];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
		help();
		return 0;
	}
	if (!strcmp(verb, "list")) {
		bool json = false;
		for (int i = 1; i < c->argc; i++) {
			if (!strcmp(c->argv[i], "--json"))
				json = true;
			else
				return cli_usage(_("unexpected argument: %s"), c->argv[i]);
		}
		int rc = cli_open(c, true, PC_STORE_READ, false);
		return rc ? rc : list(c, json);
	}
	if (!strcmp(verb, "add"))
		return add(c);
	bool role = !strcmp(verb, "role");
	bool disable = !strcmp(verb, "disable"), enable = !strcmp(verb, "enable");
	if (!role && !disable && !enable)
		return usage();
	if (c->argc != (role ? 3 : 2) || c->argv[1][0] == '-')
		return usage();
	const char *login = c->argv[1];
	unsigned roles = 0;
	if (role && !pc_roles_parse(c->argv[2], &roles, &c->pr))
		return cli_report(c, PC_REFUSED);
	int rc = cli_open(c, true, PC_STORE_WRITE, false);
	if (rc)
		return rc;
	enum pc_status st = role ? pc_staff_set_roles(&c->ctx, login, roles, &c->pr)
	                         : pc_staff_set_disabled(&c->ctx, login, disable, &c->pr);
	char now[48];
	pc_roles_format(roles, now, sizeof(now));
	if (st == PC_OK && role)
		printf(_("%s: roles now %s\n"), login, now);
	else if (st == PC_OK)
		printf(disable ? _("%s disabled\n") : _("%s enabled\n"), login);
	return cli_report(c, st);
}
