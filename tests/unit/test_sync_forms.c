/* The forms folder a laptop copy receives (sync_forms.h): the checksums
 * line names every *.yaml and nothing else, a pack unpacked elsewhere gives
 * the same line, a new pack replaces the folder whole, and a pack that is
 * cut, names a file outside the folder or does not give the sender's line
 * is refused with the folder left as it was; a folder replaced can be put
 * back (the exchange that brought it refused) or kept;
 * pc_sync_forms_differ names the files that differ. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/buf.h"
#include "parcours/sync_forms.h"
#include "test.h"

static char root[] = "/tmp/pc-syncforms-XXXXXX";

static char *path_of(const char *dir, const char *name)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s%s%s", root, dir, *name ? "/" : "", name);
	return p;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	FILE *f = fopen(path_of(dir, name), "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *line_of(const char *dir)
{
	struct pc_problems pr = {0};
	char *line = NULL;
	CHECK(pc_sync_forms_line(path_of(dir, ""), &line, &pr) == PC_OK);
	pc_problems_clear(&pr);
	return line;
}

static bool has(const struct pc_problems *pr, const char *text)
{
	for (size_t i = 0; i < pr->len; i++)
		if (strstr(pr->items[i].message, text))
			return true;
	return false;
}

/* The pack written into dest, the former set dropped. */
static enum pc_status install(const char *dest, const char *line, const char *pack, size_t n,
                              struct pc_problems *pr)
{
	char *old = NULL;
	enum pc_status st = pc_sync_forms_receive(path_of(dest, ""), line, pack, n, &old, pr);
	CHECK(st == PC_OK || old == NULL);
	pc_sync_forms_keep(&old);
	CHECK(old == NULL);
	return st;
}

/* A pack with one file of that name and content, refused into dest. */
static void refused(const char *pack, size_t n, const char *dest, const char *why)
{
	struct pc_problems pr = {0};
	CHECK(install(dest, "", pack, n, &pr) != PC_OK);
	CHECK(has(&pr, why));
	pc_problems_clear(&pr);
}

int main(void)
{
	CHECK(mkdtemp(root) != NULL);
	mkdir(path_of("office", ""), 0700);
	write_file("office", "intake.yaml", "form: intake\nversion: 1\n");
	write_file("office", "programmes.yaml", "programmes:\n  - id: a\n    target_hours: 80\n");
	write_file("office", "notes.txt", "not sent\n");
	write_file("office", ".hidden.yaml", "not sent\n");

	char *office = line_of("office");
	CHECK(office && strstr(office, "intake.yaml=") == office);
	CHECK(office && strstr(office, ",programmes.yaml="));
	CHECK(office && !strstr(office, "notes") && !strstr(office, "hidden"));

	struct pc_buf pack = {0};
	struct pc_problems pr = {0};
	CHECK(pc_sync_forms_pack(path_of("office", ""), &pack, &pr) == PC_OK);
	CHECK(!pack.failed && pack.len > 0);

	/* a laptop's folder, with a file of its own: replaced whole */
	mkdir(path_of("laptop", ""), 0700);
	write_file("laptop", "old.yaml", "form: old\n");
	CHECK(install("laptop", office, pack.data, pack.len, &pr) == PC_OK);
	char *laptop = line_of("laptop");
	CHECK_STR(laptop, office);
	CHECK(access(path_of("laptop", "old.yaml"), F_OK) != 0);
	struct stat sb;
	CHECK(stat(path_of("laptop", ""), &sb) == 0 && (sb.st_mode & 0777) == 0700);
	CHECK(stat(path_of("laptop", "intake.yaml"), &sb) == 0 && (sb.st_mode & 0777) == 0600);
	/* and made where there was none */
	CHECK(install("new", office, pack.data, pack.len, &pr) == PC_OK);
	char *fresh = line_of("new");
	CHECK_STR(fresh, office);
	CHECK(pr.len == 0);

	/* the hours of a programme change: the line differs, naming the file */
	write_file("office", "programmes.yaml", "programmes:\n  - id: a\n    target_hours: 60\n");
	write_file("office", "visit.yaml", "form: visit\n");
	char *changed = line_of("office");
	char *names = pc_sync_forms_differ(changed, laptop);
	CHECK_STR(names, "programmes.yaml, visit.yaml");
	free(names);
	names = pc_sync_forms_differ(laptop, laptop);
	CHECK_STR(names, "");
	free(names);

	/* bad packs: the folder stays as it was, no temporary folder left */
	refused("../evil.yaml 3\nabc", 18, "laptop", "arriv");
	refused("sub/x.yaml 3\nabc", 16, "laptop", "arriv");
	refused(".x.yaml 3\nabc", 13, "laptop", "arriv");
	refused("x.sh 3\nabc", 10, "laptop", "arriv");
	refused("x.yaml 30\nabc", 13, "laptop", "arriv"); /* cut */
	refused("x.yaml\nabc", 10, "laptop", "arriv");
	refused(pack.data, pack.len, "laptop", "arriv"); /* not the sender's files */
	char *after = line_of("laptop");
	CHECK_STR(after, office);
	size_t left = 0;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "ls -A %s | grep -c tmp", root);
	FILE *ls = popen(cmd, "r");
	CHECK(ls && fscanf(ls, "%zu", &left) == 1 && left == 0);
	if (ls)
		pclose(ls);
	/* a name with a space is a plain name; put back, the former set is
	 * there again and no temporary folder is left */
	const char *mine =
	    "my form.yaml=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
	char *old = NULL;
	CHECK(pc_sync_forms_receive(path_of("laptop", ""), mine, "my form.yaml 3\nabc", 18, &old,
	                            &pr) == PC_OK);
	CHECK(old != NULL);
	CHECK(access(path_of("laptop", "my form.yaml"), F_OK) == 0);
	CHECK(pc_sync_forms_undo(path_of("laptop", ""), &old, &pr) == PC_OK);
	CHECK(old == NULL);
	char *back = line_of("laptop");
	CHECK_STR(back, office);
	free(back);
	ls = popen(cmd, "r");
	CHECK(ls && fscanf(ls, "%zu", &left) == 1 && left == 0);
	if (ls)
		pclose(ls);
	/* where there was none, put back is none again */
	CHECK(pc_sync_forms_receive(path_of("none", ""), mine, "my form.yaml 3\nabc", 18, &old,
	                            &pr) == PC_OK);
	CHECK(old == NULL && access(path_of("none", "my form.yaml"), F_OK) == 0);
	CHECK(pc_sync_forms_undo(path_of("none", ""), &old, &pr) == PC_OK);
	CHECK(access(path_of("none", ""), F_OK) != 0);
	CHECK(install("laptop", mine, "my form.yaml 3\nabc", 18, &pr) == PC_OK);
	CHECK(access(path_of("laptop", "my form.yaml"), F_OK) == 0);
	CHECK(pr.len == 0);

	pc_sync_forms_remove(path_of("laptop", ""));
	CHECK(access(path_of("laptop", ""), F_OK) != 0);
	free(office);
	free(laptop);
	free(fresh);
	free(changed);
	free(after);
	pc_buf_free(&pack);
	pc_problems_clear(&pr);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
