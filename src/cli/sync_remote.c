/* The subcommands of sync that talk to the office: init (a laptop copy),
 * sync itself (send and receive) and serve (the office's end). They speak
 * frames (sync_frame.c) over the pipes of `ssh HOST parcours --db PATH sync
 * serve`, like git and rsync, so the office applies its own roles and
 * audit; a local PATH runs this binary instead. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/sync_cli.h"
#include "cli/sync_progress.h"
#include "parcours/buf.h"
#include "parcours/copy.h"
#include "parcours/i18n.h"
#include "parcours/store.h"
#include "parcours/sync.h"
#include "parcours/sync_forms.h"

/* The problems of a refusal, as lines, and its status first. */
static bool send_error(int fd, struct cli *c, enum pc_status st)
{
	struct pc_buf b = {0};
	pc_buf_putc(&b, (char)('0' + st));
	for (size_t i = 0; i < c->pr.len; i++)
		pc_buf_printf(&b, "%s: %s\n", c->pr.items[i].where, c->pr.items[i].message);
	bool ok = !b.failed && sync_send_frame(fd, 'E', b.data, b.len);
	pc_buf_free(&b);
	return ok;
}

/* ---- the office's end ---- */

/* A 'W' frame: our forms folder's checksums line, a newline and its files
 * (sync_forms.h); problems in c->pr when it cannot be read. */
static enum pc_status forms_frame(struct cli *c, struct pc_buf *w)
{
	char *line = NULL;
	enum pc_status st = pc_sync_forms_line(c->forms_dir, &line, &c->pr);
	if (st == PC_OK) {
		pc_buf_printf(w, "%s\n", line);
		st = pc_sync_forms_pack(c->forms_dir, w, &c->pr);
	}
	if (st == PC_OK && w->failed) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	free(line);
	return st;
}

/* The laptop's forms folder checksums (*p) against ours: an empty 'W'
 * frame when they are the same, else ours whole. */
static bool serve_forms(struct cli *c, const unsigned char *p, size_t n)
{
	char *line = NULL;
	struct pc_buf w = {0};
	enum pc_status st = pc_sync_forms_line(c->forms_dir, &line, &c->pr);
	bool same = st == PC_OK && strlen(line) == n && !memcmp(line, p, n);
	if (st == PC_OK && !same)
		st = forms_frame(c, &w);
	bool ok = st == PC_OK ? sync_send_frame(1, 'W', w.data ? w.data : "", w.len)
	                      : send_error(1, c, st);
	free(line);
	pc_buf_free(&w);
	return ok;
}

static bool serve_init(struct cli *c, const unsigned char *p, size_t n)
{
	const unsigned char *nl = memchr(p, '\n', n);
	if (!nl || (size_t)(p + n - (nl + 1)) != PC_SYNC_KEY) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("a malformed request was received"));
		return send_error(1, c, PC_REFUSED);
	}
	char site[33] = "";
	snprintf(site, sizeof(site), "%.*s", (int)(nl - p), (const char *)p);
	char *office = NULL, dir[] = "/tmp/parcours-sync-XXXXXX";
	unsigned char office_pk[PC_SYNC_KEY];
	long long seq = 0;
	struct pc_buf path = {0}, head = {0}, forms = {0};
	/* the forms in use here go with the copy (doc/sync.md), read before
	 * the site is registered so that a folder unread registers nothing */
	enum pc_status st = forms_frame(c, &forms);
	if (st == PC_OK)
		st = pc_sync_register(&c->ctx, site, nl + 1, &office, office_pk, &seq, &c->pr);
	if (st == PC_OK && !mkdtemp(dir)) {
		pc_problems_add(&c->pr, false, dir, _("cannot be created: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	pc_buf_printf(&path, "%s/copy.db", dir);
	if (st == PC_OK && path.failed) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	/* the copy reads each page once: a cache would only fill (issue 16) */
	pc_store_cache_kib(c->ctx.store, 512);
	if (st == PC_OK)
		st = pc_copy_caseload(&c->ctx, path.data, site, &c->pr);
	int fd = st == PC_OK ? open(path.data, O_RDONLY | O_CLOEXEC) : -1;
	if (st == PC_OK && fd < 0) {
		pc_problems_add(&c->pr, false, path.data, _("cannot be read: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	/* read from the open descriptor, the file leaves nothing behind */
	if (path.data)
		unlink(path.data);
	rmdir(dir);
	struct stat sb;
	if (st == PC_OK && fstat(fd, &sb) != 0) {
		pc_problems_add(&c->pr, false, path.data, _("cannot be read: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	/* "OFFICE\nSEQ\n" + its public key, the size of what follows (the
	 * laptop's progress line counts up to it), the forms, then the copy */
	bool ok;
	if (st == PC_OK) {
		pc_buf_printf(&head, "%s\n%lld\n", office, seq);
		pc_buf_add(&head, (const char *)office_pk, PC_SYNC_KEY);
		ok = !head.failed && sync_send_frame(1, 'C', head.data, head.len) &&
		     sync_send_total(1, forms.len + (unsigned long long)sb.st_size) &&
		     sync_send_frame(1, 'W', forms.data, forms.len);
		if (ok && sync_send_copy(1, fd, path.data, &ok, &c->pr) != PC_OK && ok)
			ok = send_error(1, c, PC_UNUSABLE);
	} else
		ok = send_error(1, c, st);
	if (fd >= 0)
		close(fd);
	free(office);
	pc_buf_free(&path);
	pc_buf_free(&head);
	pc_buf_free(&forms);
	return ok;
}

/* Imports the laptop's changes (*p, freed here once applied, so that the
 * request and the answer are not held together) and answers with ours. */
static bool serve_push(struct cli *c, unsigned char **p, size_t n)
{
	struct pc_sync_report rep;
	enum pc_status st = pc_sync_import(&c->ctx, p, n, &rep, &c->pr);
	free(*p);
	*p = NULL;
	unsigned char *out = NULL;
	size_t len = 0, entries = 0;
	/* the laptop took our forms before it sent ('S'): none in the answer */
	if (st == PC_OK)
		st = pc_sync_export(&c->ctx, rep.from, false, &out, &len, &entries, &c->pr);
	bool ok = st == PC_OK ? sync_send_frame(1, 'F', out, len) : send_error(1, c, st);
	free(out);
	return ok;
}

int sync_serve(struct cli *c)
{
	if (c->argc != 1)
		return cli_usage("%s", _("usage: parcours sync serve"));
	signal(SIGPIPE, SIG_IGN);
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc) {
		send_error(1, c, (enum pc_status)rc);
		return rc;
	}
	sync_cache(c);
	unsigned char *p = NULL;
	size_t n = 0;
	char type;
	bool ok = true;
	while (ok && (type = sync_recv_frame(0, &p, &n)) != 0) {
		if (type == 'I')
			ok = serve_init(c, p, n);
		else if (type == 'S')
			ok = serve_forms(c, p, n);
		else if (type == 'P')
			ok = serve_push(c, &p, n);
		else
			ok = false;
		free(p);
		p = NULL;
		pc_problems_clear(&c->pr);
	}
	free(p);
	return cli_report(c, ok ? PC_OK : PC_UNUSABLE);
}

/* ---- the laptop's end ---- */

struct link {
	pid_t pid;
	int to, from;
};

/* Adds WORD to B quoted for a POSIX shell: ssh hands the remote side one
 * command line, which the login's shell splits again. */
static void shell_word(struct pc_buf *b, const char *word)
{
	pc_buf_add(b, "'", 1);
	for (const char *q; (q = strchr(word, '\'')) != NULL; word = q + 1) {
		pc_buf_add(b, word, (size_t)(q - word));
		pc_buf_add(b, "'\\''", 4);
	}
	pc_buf_printf(b, "%s'", word);
}

/* Starts the office's end: `ssh HOST 'parcours [--db PATH] sync serve'` for
 * ssh://HOST[/PATH] ($PARCOURS_SSH instead of ssh, $PARCOURS_REMOTE, a
 * command line of the remote shell, instead of parcours), the path quoted
 * for the remote shell; else this binary on the local PATH. */
static bool link_open(const char *url, struct link *l, struct pc_problems *pr)
{
	char host[256] = "", self[4096] = "";
	const char *path = url, *argv[10];
	struct pc_buf remote = {0};
	int argc = 0;
	if (!strncmp(url, "ssh://", 6)) {
		const char *h = url + 6, *slash = strchr(h, '/');
		size_t hl = slash ? (size_t)(slash - h) : strlen(h);
		if (!hl || hl >= sizeof(host)) {
			pc_problems_add(pr, false, url, "%s", _("not a valid ssh://HOST[/PATH]"));
			return false;
		}
		memcpy(host, h, hl);
		path = slash && slash[1] ? slash : NULL;
		const char *ssh = getenv("PARCOURS_SSH"), *cmd = getenv("PARCOURS_REMOTE");
		pc_buf_printf(&remote, "%s", cmd && *cmd ? cmd : "parcours");
		if (path) {
			pc_buf_printf(&remote, " --db ");
			shell_word(&remote, path);
		}
		pc_buf_printf(&remote, " sync serve");
		if (remote.failed) {
			pc_buf_free(&remote);
			pc_problems_add(pr, false, url, "%s", _("out of memory"));
			return false;
		}
		argv[argc++] = ssh && *ssh ? ssh : "ssh";
		argv[argc++] = host;
		argv[argc++] = remote.data;
	} else {
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if (n <= 0) {
			pc_problems_add(pr, false, url, "%s", _("this program cannot find itself"));
			return false;
		}
		self[n] = '\0';
		argv[argc++] = self;
		if (path) {
			argv[argc++] = "--db";
			argv[argc++] = path;
		}
		argv[argc++] = "sync";
		argv[argc++] = "serve";
	}
	argv[argc] = NULL;
	int in[2], out[2];
	if (pipe(in) != 0 || pipe(out) != 0) {
		pc_buf_free(&remote);
		pc_problems_add(pr, false, url, _("cannot be reached: %s"), strerror(errno));
		return false;
	}
	fflush(NULL);
	l->pid = fork();
	if (l->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]), close(in[1]), close(out[0]), close(out[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	pc_buf_free(&remote);
	close(in[0]);
	close(out[1]);
	l->to = in[1];
	l->from = out[0];
	if (l->pid < 0) {
		close(l->to), close(l->from);
		pc_problems_add(pr, false, url, _("cannot be reached: %s"), strerror(errno));
		return false;
	}
	return true;
}

static void link_close(struct link *l)
{
	if (l->to >= 0)
		close(l->to);
	if (l->from >= 0)
		close(l->from);
	if (l->pid > 0)
		waitpid(l->pid, NULL, 0);
	l->to = l->from = -1;
	l->pid = 0;
}

/* One request and its answer: the answer's type, or 0 with problems. An
 * 'E' answer's problems are the office's, printed as they came. */
static char exchange(struct link *l, const char *url, char type, const void *p, size_t n,
                     unsigned char **ans, size_t *len, enum pc_status *st,
                     struct pc_problems *pr)
{
	char t = sync_send_frame(l->to, type, p, n) ? sync_recv_frame(l->from, ans, len) : 0;
	if (!t) {
		pc_problems_add(pr, false, url, "%s",
		                _("the office did not answer (no connection, or parcours missing "
		                  "there); nothing was applied here"));
		*st = PC_UNUSABLE;
	} else if (t == 'E')
		*st = sync_office_refusal(*ans, *len, url, pr);
	return t;
}

/* The office's answer to a copy request, "OFFICE\nSEQ\n" then its public
 * key (the database follows in frames of its own): the two lines cut by
 * position, since the key's bytes may be anything (a scanf "\n" would eat
 * those that look blank). *used: where the key starts. */
static bool copy_answer(const unsigned char *ans, size_t len, char office[33], long long *seq,
                        size_t *used)
{
	const unsigned char *nl1 = memchr(ans, '\n', len);
	const unsigned char *nl2 = nl1 ? memchr(nl1 + 1, '\n', len - (size_t)(nl1 + 1 - ans)) : NULL;
	if (!nl2 || nl1 == ans || nl1 - ans > 32 || nl2 - nl1 < 2 || nl2 - nl1 > 20)
		return false;
	char num[21];
	memcpy(num, nl1 + 1, (size_t)(nl2 - nl1 - 1));
	num[nl2 - nl1 - 1] = '\0';
	char *end;
	errno = 0;
	*seq = strtoll(num, &end, 10);
	if (*end || errno || *seq < 0)
		return false;
	memcpy(office, ans, (size_t)(nl1 - ans));
	office[nl1 - ans] = '\0';
	*used = (size_t)(nl2 + 1 - ans);
	return *used + PC_SYNC_KEY == len;
}

/* The office's forms from a 'W' frame ("LINE\n" then its files):
 * *line its checksums (pointing into w), *pack and *n its files. */
static bool forms_frame_read(const unsigned char *w, size_t len, const char **line,
                             const void **pack, size_t *n, struct pc_problems *pr)
{
	unsigned char *nl = memchr(w, '\n', len);
	if (!nl) {
		pc_problems_add(pr, false, "sync", "%s", _("a malformed answer was received"));
		return false;
	}
	*nl = '\0'; /* the line ends there; the pack follows */
	*line = (const char *)w;
	*pack = nl + 1;
	*n = len - (size_t)(nl + 1 - w);
	return true;
}

int sync_init(struct cli *c)
{
	const char *url = NULL, *site = NULL;
	for (int i = 1; i < c->argc; i++) {
		if (!strncmp(c->argv[i], "--site", 6)) {
			if (!(site = cli_optarg(c->argc, c->argv, &i, "--site")))
				return 2;
		} else if (!url && c->argv[i][0] != '-')
			url = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!url || !site)
		return cli_usage("%s", _("usage: parcours sync init PATH|ssh://HOST[/PATH] --site CODE"));
	char *dest = pc_default_db_path(c->db_opt);
	if (!dest)
		return cli_report(c, PC_UNUSABLE);
	struct stat sb;
	if (stat(dest, &sb) == 0) {
		pc_problems_add(&c->pr, false, dest, "%s",
		                _("already exists: sync init makes a new copy (choose it with --db)"));
		free(dest);
		return cli_report(c, PC_REFUSED);
	}
	signal(SIGPIPE, SIG_IGN);
	unsigned char pk[PC_SYNC_KEY], sk[PC_SYNC_KEY];
	enum pc_status st = pc_sync_keypair(pk, sk, &c->pr);
	/* the default database's folder on a laptop where nothing ran yet */
	if (st == PC_OK)
		st = pc_store_make_folders(dest, &c->pr);
	struct link l = {.to = -1, .from = -1};
	unsigned char *ans = NULL;
	size_t len = 0;
	struct pc_buf req = {0};
	pc_buf_printf(&req, "%s\n", site);
	pc_buf_add(&req, (const char *)pk, PC_SYNC_KEY);
	if (st == PC_OK && !link_open(url, &l, &c->pr))
		st = PC_UNUSABLE;
	if (st == PC_OK) {
		fprintf(stderr, "%s", _("sync: asking the office for a copy...\n"));
		if (exchange(&l, url, 'I', req.data, req.len, &ans, &len, &st, &c->pr) != 'C' &&
		    st == PC_OK)
			st = PC_UNUSABLE;
	}
	/* "OFFICE\nSEQ\n" + its public key, then the database */
	char office[33] = "";
	long long seq = 0;
	size_t used = 0;
	if (st == PC_OK && !copy_answer(ans, len, office, &seq, &used)) {
		pc_problems_add(&c->pr, false, url, "%s", _("a malformed answer was received"));
		st = PC_UNUSABLE;
	}
	/* the size of the forms and the copy, then the forms, kept beside the
	 * copy once it has arrived */
	unsigned long long total = 0;
	if (st == PC_OK && (st = sync_recv_total(l.from, url, &total, &c->pr)) == PC_OK)
		sync_progress_copy(total);
	unsigned char *forms = NULL;
	size_t nforms = 0;
	if (st == PC_OK) {
		char t = sync_recv_frame(l.from, &forms, &nforms);
		if (t == 'E')
			st = sync_office_refusal(forms, nforms, url, &c->pr);
		else if (t != 'W') {
			pc_problems_add(&c->pr, false, url, "%s", _("a malformed answer was received"));
			st = PC_UNUSABLE;
		}
	}
	unsigned long long bytes = 0;
	if (st == PC_OK)
		st = sync_recv_copy(l.from, url, dest, &bytes, &c->pr);
	sync_progress_end();
	link_close(&l);
	bool wrote = st == PC_OK;
	char *forms_dir = wrote ? pc_copy_forms_dir(dest) : NULL;
	if (wrote && !forms_dir) {
		pc_problems_add(&c->pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	const char *line = NULL;
	const void *pack = NULL;
	size_t npack = 0;
	char *none = NULL; /* a new copy: there was no former set */
	if (st == PC_OK && !forms_frame_read(forms, nforms, &line, &pack, &npack, &c->pr))
		st = PC_UNUSABLE;
	if (st == PC_OK)
		st = pc_sync_forms_receive(forms_dir, line, pack, npack, &none, &c->pr);
	pc_sync_forms_keep(&none);
	free(forms);
	int rc = 0; /* cli_open's, which has said why */
	if (st == PC_OK) {
		c->db_opt = dest;
		rc = cli_open(c, true, PC_STORE_WRITE, true);
		st = rc ? (enum pc_status)rc : pc_sync_adopt(&c->ctx, site, pk, sk, office,
		                                              ans + used, url, seq, &c->pr);
		if (st == PC_OK)
			fprintf(stderr, _("sync: copy made at %s (%zu bytes), site %s, office %s\n"), dest,
			        (size_t)bytes, site, office);
	}
	if (st != PC_OK && wrote) {
		/* no half-made copy: a new init starts clean (with another site
		 * code, the office having registered this one) */
		if (c->ctx.store)
			pc_store_close(&c->ctx.store);
		struct pc_buf key = {0};
		pc_buf_printf(&key, "%s.sync-key", dest);
		unlink(dest);
		if (key.data)
			unlink(key.data);
		pc_buf_free(&key);
		if (forms_dir)
			pc_sync_forms_remove(forms_dir);
	}
	free(forms_dir);
	memset(sk, 0, sizeof(sk));
	pc_buf_free(&req);
	free(ans);
	free(dest);
	return rc ? rc : cli_report(c, st);
}

/* Before anything is sent, this copy's forms folder against the office's
 * ('S', answered by 'W'): when the office's differs, this copy takes it
 * (sync_take_forms) or, using a folder of its own, is refused. */
static enum pc_status forms_agree(struct cli *c, struct link *l, const char *url,
                                  const char *office)
{
	char *line = NULL;
	unsigned char *ans = NULL;
	size_t len = 0, npack = 0;
	const char *theirs = NULL;
	const void *pack = NULL;
	enum pc_status st = pc_sync_forms_line(c->forms_dir, &line, &c->pr);
	char t = st == PC_OK ? exchange(l, url, 'S', line, strlen(line), &ans, &len, &st, &c->pr)
	                     : 0;
	if (st == PC_OK && t != 'W') {
		pc_problems_add(&c->pr, false, url, "%s", _("a malformed answer was received"));
		st = PC_UNUSABLE;
	}
	if (st == PC_OK && len > 0) { /* empty: the same at both ends */
		if (!forms_frame_read(ans, len, &theirs, &pack, &npack, &c->pr))
			st = PC_UNUSABLE;
		else
			st = sync_take_forms(c, office, theirs, pack, npack, "parcours sync", NULL);
	}
	free(line);
	free(ans);
	return st;
}

int sync_run(struct cli *c)
{
	signal(SIGPIPE, SIG_IGN);
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	sync_cache(c);
	char *office = NULL, *url = NULL;
	unsigned char *out = NULL, *ans = NULL;
	size_t n = 0, entries = 0, len = 0;
	struct link l = {.to = -1, .from = -1};
	enum pc_status st = pc_sync_upstream(&c->ctx, &office, &url, &c->pr);
	if (st == PC_OK && !link_open(url, &l, &c->pr))
		st = PC_UNUSABLE;
	/* the same forms at both ends before anything moves */
	if (st == PC_OK)
		st = forms_agree(c, &l, url, office);
	if (st == PC_OK)
		st = pc_sync_export(&c->ctx, office, false, &out, &n, &entries, &c->pr);
	if (st == PC_OK) {
		fprintf(stderr, _("sync: sending %zu changes to %s (%zu bytes)...\n"), entries, office,
		        n);
		sync_progress_exchange(n + 5); /* the frame's header and bytes */
		if (exchange(&l, url, 'P', out, n, &ans, &len, &st, &c->pr) != 'F' && st == PC_OK)
			st = PC_UNUSABLE;
		sync_progress_end();
	}
	link_close(&l);
	free(out); /* sent: not held while the answer is applied */
	out = NULL;
	if (st == PC_OK) {
		fprintf(stderr, _("sync: receiving %zu bytes from %s...\n"), len, office);
		struct pc_sync_report rep;
		st = pc_sync_import(&c->ctx, &ans, len, &rep, &c->pr);
		if (st == PC_OK)
			sync_print_report(&rep);
	}
	free(out);
	free(ans);
	free(office);
	free(url);
	return cli_report(c, st);
}
