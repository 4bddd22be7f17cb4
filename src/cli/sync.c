/* parcours sync [init|export|import|conflicts|resolve|keygen|serve]
 * Offline copies and offices merged both ways (parcours(1) SYNC): the
 * subcommands that work on this database alone (keys, the exchange file on
 * a USB key, conflicts); the ones that talk to the office (init, sync
 * itself, serve) are in sync_remote.c, the frames they speak in
 * sync_frame.c. The rules are the core's (sync.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/sync_cli.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/store.h"
#include "parcours/sync.h"
#include "parcours/sync_forms.h"

static void help(void)
{
	printf("%s\n", _("usage: parcours sync                      send and receive (a laptop copy)"));
	printf("%s\n", _("       parcours sync init PATH|ssh://HOST[/PATH] --site CODE"));
	printf("%s\n", _("       parcours sync export FILE [--to SITE]"));
	printf("%s\n", _("       parcours sync import FILE"));
	printf("%s\n", _("       parcours sync conflicts [FILE_NO]"));
	printf("%s\n", _("       parcours sync resolve FILE_NO FORM [--period YYYY-MM] --keep mine|theirs"));
	printf("%s\n", _("       parcours sync resolve FILE_NO FORM [--period YYYY-MM] --keep merged "
	                  "--set FIELD=VALUE..."));
	printf("%s\n", _("       parcours sync keygen --site CODE     at the office, once (admin)"));
	printf("%s\n", _("       parcours sync serve                  the office's end, run through ssh"));
	printf("%s\n", _("See SYNC in parcours(1)."));
}

bool sync_write_file(const char *path, const unsigned char *data, size_t n,
                     struct pc_problems *pr)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_TRUNC, 0600);
	bool ok = fd >= 0 && pc_write_all(fd, data, n);
	int err = errno;
	if (fd >= 0 && (fsync(fd) != 0 || close(fd) != 0))
		ok = false;
	if (!ok)
		pc_problems_add(pr, false, path, _("cannot be written: %s"), strerror(err));
	return ok;
}

void sync_cache(struct cli *c)
{
	/* the log is read once in order and the changes touch a few pages
	 * each: a bigger cache only holds more of the same exchange twice;
	 * statement journals of the exchange's one transaction go to a file
	 * past SQLite's threshold instead of growing in memory */
	pc_store_cache_kib(c->ctx.store, SYNC_CACHE_KIB);
	pc_store_temp_file(c->ctx.store);
}

unsigned char *sync_read_file(const char *path, size_t *n, struct pc_problems *pr)
{
	*n = 0;
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t cap = 0;
	bool ok = f != NULL;
	/* the file's size and one byte more, to see its end in one read: a
	 * file held once, not in a buffer grown by doubling */
	struct stat sb;
	if (ok && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= 0 &&
	    (unsigned long long)sb.st_size < SIZE_MAX - 1) {
		cap = (size_t)sb.st_size + 1;
		if (!(data = malloc(cap)))
			ok = false;
	}
	while (ok) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 65536;
			unsigned char *d = realloc(data, cap);
			if (!d) {
				ok = false;
				break;
			}
			data = d;
		}
		size_t r = fread(data + *n, 1, cap - *n, f);
		*n += r;
		if (r == 0)
			break;
	}
	int err = errno;
	if (f && ferror(f))
		ok = false;
	if (f)
		fclose(f);
	if (!ok) {
		pc_problems_add(pr, false, path, _("cannot be read: %s"), strerror(err));
		free(data);
		return NULL;
	}
	return data;
}

static int do_keygen(struct cli *c)
{
	const char *site = NULL;
	for (int i = 1; i < c->argc; i++) {
		if (!strncmp(c->argv[i], "--site", 6)) {
			if (!(site = cli_optarg(c->argc, c->argv, &i, "--site")))
				return 2;
		} else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!site)
		return cli_usage("%s", _("usage: parcours sync keygen --site CODE"));
	int rc = cli_open(c, true, PC_STORE_WRITE, false);
	if (rc)
		return rc;
	enum pc_status st = pc_sync_keygen(&c->ctx, site, &c->pr);
	if (st == PC_OK)
		printf(_("this database is now site %s of sync; its secret key is %s.sync-key\n"),
		       site, c->db_path);
	return cli_report(c, st);
}

static int do_export(struct cli *c)
{
	const char *file = NULL, *to = NULL;
	for (int i = 1; i < c->argc; i++) {
		if (!strncmp(c->argv[i], "--to", 4)) {
			if (!(to = cli_optarg(c->argc, c->argv, &i, "--to")))
				return 2;
		} else if (!file && c->argv[i][0] != '-')
			file = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!file)
		return cli_usage("%s", _("usage: parcours sync export FILE [--to SITE]"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc)
		sync_cache(c);
	if (rc)
		return rc;
	unsigned char *data = NULL;
	size_t n = 0, entries = 0;
	enum pc_status st = pc_sync_export(&c->ctx, to, true, &data, &n, &entries, &c->pr);
	if (st == PC_OK && !sync_write_file(file, data, n, &c->pr))
		st = PC_UNUSABLE;
	if (st == PC_OK)
		fprintf(stderr, _("sync: %zu changes written to %s (%zu bytes, encrypted)\n"), entries,
		        file, n);
	free(data);
	return cli_report(c, st);
}

void sync_print_report(const struct pc_sync_report *r)
{
	fprintf(stderr, _("sync: %zu changes from %s: %zu applied, %zu already applied, %zu "
	                  "conflicts, %zu audit entries\n"),
	        r->entries, r->from, r->applied, r->skipped, r->conflicts, r->audit);
	if (r->settled)
		fprintf(stderr,
		        P_("sync: %zu conflict decided at %s closed here\n",
		                 "sync: %zu conflicts decided at %s closed here\n", r->settled),
		        r->settled, r->from);
	if (r->unheld)
		fprintf(stderr,
		        _("sync: %zu changes from %s are about people this copy does not hold "
		          "(newly assigned to you?): they were left aside; run parcours sync init "
		          "again for a copy that holds them\n"),
		        r->unheld, r->from);
	if (r->arrived)
		fprintf(stderr, _("sync: %zu people newly assigned to you arrived from %s\n"),
		        r->arrived, r->from);
	if (r->removed)
		fprintf(stderr,
		        _("sync: %zu people no longer in your caseload at %s were removed from "
		          "this copy\n"),
		        r->removed, r->from);
	if (r->kept)
		fprintf(stderr,
		        _("sync: no longer in your caseload at %s, kept here until what was typed "
		          "about them reaches it (drafts, conflicts or changes not sent yet): %s\n"),
		        r->from, r->kept_files);
}

enum pc_status sync_take_forms(struct cli *c, const char *office, const char *theirs,
                               const void *pack, size_t n, const char *again,
                               struct sync_forms_taken *taken)
{
	char *line = NULL, *dir = NULL, *names = NULL, *kept = NULL;
	enum pc_status st = pc_sync_forms_line(c->forms_dir, &line, &c->pr);
	if (st != PC_OK || !strcmp(line, theirs)) /* the same at both ends */
		goto out;
	if (!(dir = pc_copy_forms_dir(c->db_path))) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	st = pc_sync_forms_receive(dir, theirs, pack, n, &kept, &c->pr);
	bool wrote = st == PC_OK;
	if (st == PC_OK && !(names = pc_sync_forms_differ(theirs, line))) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	/* a copy made before its forms travelled, on the installed folder,
	 * takes the new one now: what it would open from now on */
	char *now = st == PC_OK ? pc_default_forms_dir(c->forms_opt, c->db_path) : NULL;
	if (now && !strcmp(now, dir) && strcmp(now, c->forms_dir) != 0) {
		free(c->forms_dir);
		c->forms_dir = now;
		now = NULL;
	}
	free(now);
	if (st == PC_OK && strcmp(dir, c->forms_dir) != 0) {
		/* the office's set stays where this copy will find it */
		pc_problems_add(&c->pr, false, c->forms_dir,
		                _("differs from the forms of %s (%s); nothing was sent or applied: "
		                  "run %s again without --forms or PARCOURS_FORMS to use the "
		                  "office's, kept in %s"),
		                office, names, again, dir);
		st = PC_REFUSED;
	} else if (st == PC_OK) {
		fprintf(stderr, _("sync: the forms of %s changed (%s): received into %s\n"), office,
		        names, dir);
		st = cli_reload_forms(c);
	}
	if (st == PC_OK && taken) { /* the caller keeps it or puts it back */
		taken->dir = dir;
		taken->old = kept;
		dir = kept = NULL;
	} else if (st == PC_UNUSABLE && wrote) /* not loaded: the former set back */
		pc_sync_forms_undo(dir, &kept, &c->pr);
	pc_sync_forms_keep(&kept);
out:
	free(line);
	free(dir);
	free(names);
	return st;
}

/* The office's forms folder first when the file carries a new one (a
 * laptop that never sees the link), then the changes, all or nothing:
 * when they are refused the former forms folder is put back. */
static int do_import(struct cli *c)
{
	if (c->argc != 2 || c->argv[1][0] == '-')
		return cli_usage("%s", _("usage: parcours sync import FILE"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	sync_cache(c);
	size_t n = 0, npack = 0;
	unsigned char *data = sync_read_file(c->argv[1], &n, &c->pr);
	struct pc_sync_incoming *in = NULL;
	struct pc_sync_report rep;
	enum pc_status st = data ? pc_sync_open(&c->ctx, &data, n, &in, &c->pr) : PC_REFUSED;
	const char *line = NULL;
	const void *pack = NULL;
	struct sync_forms_taken taken = {0};
	if (st == PC_OK && pc_sync_incoming_forms(in, &line, &pack, &npack))
		st = sync_take_forms(c, pc_sync_incoming_from(in), line, pack, npack,
		                     "parcours sync import FILE", &taken);
	if (st == PC_OK)
		st = pc_sync_apply(&c->ctx, in, &rep, &c->pr);
	if (st == PC_OK)
		sync_print_report(&rep);
	if (st != PC_OK && taken.dir && pc_sync_forms_undo(taken.dir, &taken.old, &c->pr) == PC_OK)
		fprintf(stderr,
		        _("sync: nothing was applied: the former forms folder is back in %s\n"),
		        taken.dir);
	pc_sync_forms_keep(&taken.old);
	free(taken.dir);
	pc_sync_incoming_free(&in);
	free(data);
	return cli_report(c, st);
}

static int do_conflicts(struct cli *c)
{
	if (c->argc > 2)
		return cli_usage("%s", _("usage: parcours sync conflicts [FILE_NO]"));
	int rc = cli_open(c, true, PC_STORE_READ, false);
	if (rc)
		return rc;
	struct pc_sync_conflict *v = NULL;
	size_t n = 0;
	enum pc_status st = pc_sync_conflicts(&c->ctx, c->argc == 2 ? c->argv[1] : NULL, &v, &n,
	                                      &c->pr);
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		printf(_("%s %s%s%s revision %lld: two versions\n"), v[i].file_no, v[i].form,
		       *v[i].period ? " " : "", v[i].period, v[i].revision);
		printf(_("  mine:   %s\n"), v[i].mine);
		printf(_("  theirs: %s (%s, %s at %s)\n"), v[i].answers, v[i].origin, v[i].saved_by,
		       v[i].saved_at);
	}
	if (st == PC_OK && !n)
		printf("%s\n", _("no sync conflict"));
	pc_sync_conflicts_free(&v, n);
	return cli_report(c, st);
}

static const char *resolve_usage(void)
{
	return _("usage: parcours sync resolve FILE_NO FORM [--period YYYY-MM] --keep "
	         "mine|theirs|merged [--set PATH=VALUE...] [--json PATH|-] [--unset PATH...]");
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

/* --keep mine|theirs, or merged with submit's --set, --json and --unset
 * applied to this side's answers. */
static int do_resolve(struct cli *c)
{
	const char *file_no = NULL, *form = NULL, *period = NULL, *keep = NULL;
	struct pc_edits *edits = pc_edits_new();
	bool used_json = false, used_set = false, any = false;
	int rc = edits ? 0 : cli_usage("%s", _("out of memory"));
	for (int i = 1; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (is_opt(a, "--set") || is_opt(a, "--json") || is_opt(a, "--unset")) {
			rc = cli_edits_option(c->argc, c->argv, &i, edits, &used_json, &used_set);
			any = true;
		} else if (is_opt(a, "--period")) {
			if (!(period = cli_optarg(c->argc, c->argv, &i, "--period")))
				rc = 2;
		} else if (is_opt(a, "--keep")) {
			if (!(keep = cli_optarg(c->argc, c->argv, &i, "--keep")))
				rc = 2;
		} else if (a[0] != '-' && !file_no)
			file_no = a;
		else if (a[0] != '-' && !form)
			form = a;
		else
			rc = cli_usage(_("unexpected argument: %s"), a);
	}
	bool merged = keep && !strcmp(keep, "merged");
	if (!rc && (!file_no || !form || !keep ||
	            (strcmp(keep, "mine") && strcmp(keep, "theirs") && !merged)))
		rc = cli_usage("%s", resolve_usage());
	if (!rc && merged && !any)
		rc = cli_usage("%s", _("--keep merged needs the answers that differ from this "
		                       "version: --set FIELD=VALUE, --unset FIELD or --json FILE"));
	if (!rc && !merged && any)
		rc = cli_usage("%s", _("--set, --json and --unset go with --keep merged only"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc) {
		pc_edits_free(&edits);
		return rc;
	}
	long long revision = 0;
	bool theirs = strcmp(keep, "theirs") == 0;
	enum pc_status st =
	    merged ? pc_sync_resolve_merged(&c->ctx, file_no, form, period, edits, NULL, -1,
	                                    &revision, &c->pr)
	           : pc_sync_resolve(&c->ctx, file_no, form, period, theirs, &revision, &c->pr);
	if (st == PC_OK && merged)
		printf(_("%s %s: merged version saved as revision %lld\n"), file_no, form,
		       revision);
	else if (st == PC_OK && theirs)
		printf(_("%s %s: their version kept as revision %lld\n"), file_no, form, revision);
	else if (st == PC_OK)
		printf(_("%s %s: this version kept as revision %lld\n"), file_no, form, revision);
	pc_edits_free(&edits);
	return cli_report(c, st);
}

int cli_sync(struct cli *c)
{
	const char *sub = c->argc ? c->argv[0] : NULL;
	for (int i = 0; i < c->argc; i++)
		if (!strcmp(c->argv[i], "--help") || !strcmp(c->argv[i], "-h")) {
			help();
			return 0;
		}
	if (!sub)
		return sync_run(c);
	if (!strcmp(sub, "keygen"))
		return do_keygen(c);
	if (!strcmp(sub, "export"))
		return do_export(c);
	if (!strcmp(sub, "import"))
		return do_import(c);
	if (!strcmp(sub, "conflicts"))
		return do_conflicts(c);
	if (!strcmp(sub, "resolve"))
		return do_resolve(c);
	if (!strcmp(sub, "init"))
		return sync_init(c);
	if (!strcmp(sub, "serve"))
		return sync_serve(c);
	return cli_usage(_("unknown sync command: %s"), sub);
}
