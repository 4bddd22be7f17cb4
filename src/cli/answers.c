/* Answers given on the command line: --set FIELD=VALUE (repeated; repeat
 * rows as entries.N.column) or --json PATH|- (one object), and for submit
 * the changes (--set, --json, --unset) the core applies to a revision.
 * Values stay the text a person typed; the core parses them exactly as the
 * screen does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "parcours/json.h"

enum { MAX_JSON_INPUT = 16 * 1024 * 1024, MAX_ROWS = 10000 };

static char *read_all(const char *path, size_t *len)
{
	/* read with the caller's own rights, even in a shared install */
	FILE *f = strcmp(path, "-") ? pc_config_fopen_as_caller(path, "rb") : stdin;
	if (!f) {
		cli_usage(_("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct pc_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= MAX_JSON_INPUT)
		pc_buf_add(&b, chunk, n);
	bool err = ferror(f);
	if (f != stdin)
		fclose(f);
	if (err || b.failed || b.len > MAX_JSON_INPUT) {
		cli_usage(err ? _("cannot read %s") : _("%s is too large (more than 16 MB)"), path);
		pc_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return pc_buf_take(&b);
}

static int from_json(const char *path, struct pc_json **answers)
{
	size_t len = 0;
	char *text = read_all(path, &len);
	if (!text)
		return PC_USAGE;
	char err[256];
	struct pc_json *v = pc_json_parse_unique(text, len, err, sizeof(err));
	free(text);
	if (!v)
		return cli_usage("%s: %s", path, err);
	if (v->kind != PC_JSON_OBJECT) {
		pc_json_free(&v);
		return cli_usage(_("%s: the answers must be one JSON object, e.g. {\"wellbeing\": 7}"),
				 path);
	}
	*answers = v;
	return 0;
}

/* Puts VALUE at PATH: "name" or "repeat.N.column" (N from 1). */
static int set_one(struct pc_json *answers, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return cli_usage(_("--set takes FIELD=VALUE, e.g. --set wellbeing=7 (got \"%s\")"),
				 arg);
	char *path = strndup(arg, (size_t)(eq - arg));
	struct pc_json *value = pc_json_new_string(eq + 1);
	int rc = 0;
	if (!path || !value) {
		rc = cli_usage("%s", _("out of memory"));
		goto out;
	}
	char *dot = strchr(path, '.');
	if (!dot) {
		if (pc_json_object_get(answers, path)) {
			rc = cli_usage(_("%s is given twice"), path);
			goto out;
		}
		if (!pc_json_object_set(answers, path, value))
			rc = cli_usage("%s", _("out of memory"));
		value = NULL;
		goto out;
	}
	*dot = '\0';
	char *col = strchr(dot + 1, '.');
	char *end = NULL;
	long row = col ? strtol(dot + 1, &end, 10) : 0;
	if (!col || end != col || row < 1 || row > MAX_ROWS || !col[1] || strchr(col + 1, '.')) {
		rc = cli_usage(_("a row is given as REPEAT.N.COLUMN=VALUE with N from 1, "
				 "e.g. --set entries.1.hours=3 (got \"%s\")"),
			       arg);
		goto out;
	}
	struct pc_json *rows = pc_json_object_get(answers, path);
	if (!rows) {
		rows = pc_json_new(PC_JSON_ARRAY);
		if (!rows || !pc_json_object_set(answers, path, rows)) {
			rc = cli_usage("%s", _("out of memory"));
			goto out;
		}
	}
	if (rows->kind != PC_JSON_ARRAY) {
		rc = cli_usage(_("%s is given both as a value and as rows"), path);
		goto out;
	}
	while (rows->len < (size_t)row) {
		if (!pc_json_array_push(rows, pc_json_new(PC_JSON_OBJECT))) {
			rc = cli_usage("%s", _("out of memory"));
			goto out;
		}
	}
	struct pc_json *obj = rows->items[row - 1];
	if (pc_json_object_get(obj, col + 1)) {
		*dot = '.';
		rc = cli_usage(_("%s is given twice"), arg);
		goto out;
	}
	if (!pc_json_object_set(obj, col + 1, value))
		rc = cli_usage("%s", _("out of memory"));
	value = NULL;
out:
	pc_json_free(&value);
	free(path);
	return rc;
}

int cli_answers_option(int argc, char **argv, int *i, struct pc_json **answers, bool *used_json,
		       bool *used_set)
{
	const char *a = argv[*i];
	bool is_set = !strncmp(a, "--set", 5) && (a[5] == '\0' || a[5] == '=');
	const char *v = cli_optarg(argc, argv, i, is_set ? "--set" : "--json");
	if (!v)
		return PC_USAGE;
	if (is_set ? *used_json : (*used_set || *used_json))
		return cli_usage("%s", _("give the answers either with --set or with one --json, "
					 "not both"));
	if (!is_set) {
		*used_json = true;
		pc_json_free(answers);
		return from_json(v, answers);
	}
	*used_set = true;
	if (!*answers && !(*answers = pc_json_new(PC_JSON_OBJECT)))
		return cli_usage("%s", _("out of memory"));
	return set_one(*answers, v);
}

int cli_edits_option(int argc, char **argv, int *i, struct pc_edits *edits, bool *used_json,
		     bool *used_set)
{
	const char *a = argv[*i];
	const char *name = !strncmp(a, "--set", 5)     ? "--set"
			   : !strncmp(a, "--unset", 7) ? "--unset"
						       : "--json";
	const char *v = cli_optarg(argc, argv, i, name);
	if (!v)
		return PC_USAGE;
	struct pc_problems pr = {0};
	enum pc_status st = PC_OK;
	if (!strcmp(name, "--unset")) {
		st = pc_edits_unset(edits, v, &pr);
	} else if ((!strcmp(name, "--set") && *used_json) ||
		   (!strcmp(name, "--json") && (*used_set || *used_json))) {
		return cli_usage("%s", _("give the answers either with --set or with one --json, "
					 "not both"));
	} else if (!strcmp(name, "--set")) {
		*used_set = true;
		const char *eq = strchr(v, '=');
		if (!eq || eq == v)
			return cli_usage(
				_("--set takes FIELD=VALUE, e.g. --set wellbeing=7 (got \"%s\")"), v);
		char *path = strndup(v, (size_t)(eq - v));
		if (!path)
			return cli_usage("%s", _("out of memory"));
		st = pc_edits_set(edits, path, eq + 1, &pr);
		free(path);
	} else {
		*used_json = true;
		struct pc_json *obj = NULL;
		int rc = from_json(v, &obj);
		if (rc)
			return rc;
		st = pc_edits_set_json(edits, obj, &pr);
		pc_json_free(&obj);
	}
	int rc = 0;
	if (st != PC_OK && pr.len)
		rc = cli_usage("%s: %s", pr.items[0].where, pr.items[0].message);
	else if (st != PC_OK)
		rc = cli_usage("%s", _("out of memory"));
	pc_problems_clear(&pr);
	return rc;
}
