/* The frames of sync's link (sync_remote.c): a type byte, a 4-byte length,
 * the bytes; and the caseload copy of `sync init` sent as a stream of them,
 * so that neither end ever holds the copy in memory. Not what a request
 * means (sync_remote.c) nor how the copy is made (copy.h). */
#include <errno.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/sync_cli.h"
#include "cli/sync_progress.h"
#include "parcours/buf.h"
#include "parcours/copy.h"
#include "parcours/i18n.h"

enum { MAX_FRAME = 1 << 30, CHUNK = 64 * 1024, END_LEN = 8 + SHA256_DIGEST_SIZE };

/* Written a chunk at a time (pc_write_all), so that the progress line
 * moves while a changeset of several MB goes down a pipe. */
static bool put_all(int fd, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n) {
		size_t k = n < CHUNK ? n : CHUNK;
		if (!pc_write_all(fd, b, k))
			return false;
		b += k;
		n -= k;
		sync_progress_sent(k);
	}
	return true;
}

/* counted: bytes the progress line counts, the payloads of the frames
 * whose total it was given (not the headers, nor the end frame's). */
static bool get_all(int fd, void *p, size_t n, bool counted)
{
	unsigned char *b = p;
	while (n) {
		ssize_t r = read(fd, b, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		b += r;
		n -= (size_t)r;
		if (counted)
			sync_progress_received((size_t)r);
	}
	return true;
}

bool sync_send_frame(int fd, char type, const void *p, size_t n)
{
	unsigned char h[5] = {(unsigned char)type, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
	                      (unsigned char)(n >> 8), (unsigned char)n};
	return n < MAX_FRAME && put_all(fd, h, 5) && put_all(fd, p, n);
}

/* A frame's type and length, or 0 at the end of the stream. */
static char recv_head(int fd, size_t *len)
{
	unsigned char h[5];
	if (!get_all(fd, h, 5, false))
		return 0;
	*len = (size_t)h[1] << 24 | (size_t)h[2] << 16 | (size_t)h[3] << 8 | h[4];
	return (char)h[0];
}

char sync_recv_frame(int fd, unsigned char **p, size_t *n)
{
	size_t len = 0;
	char type = recv_head(fd, &len);
	*p = NULL;
	*n = 0;
	if (!type || len >= MAX_FRAME || !(*p = malloc(len + 1)))
		return 0;
	sync_progress_frame(len);
	if (!get_all(fd, *p, len, true)) {
		free(*p);
		*p = NULL;
		return 0;
	}
	(*p)[len] = '\0';
	*n = len;
	return (char)type;
}

enum pc_status sync_office_refusal(const unsigned char *ans, size_t len, const char *url,
                                   struct pc_problems *pr)
{
	sync_progress_end();
	fputs((const char *)ans + (len ? 1 : 0), stderr);
	pc_problems_add(pr, false, url, "%s", _("the office refused the exchange"));
	return len && ans[0] >= '1' && ans[0] <= '3' ? (enum pc_status)(ans[0] - '0')
	                                             : PC_UNUSABLE;
}

/* A length of the copy's frames: 8 bytes, most significant first. */
static void put_u64(unsigned char out[8], uint64_t v)
{
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)(v >> (56 - 8 * i));
}

static uint64_t get_u64(const unsigned char in[8])
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | in[i];
	return v;
}

/* The end frame: the copy's length and its SHA-256. */
static void end_frame(unsigned char out[END_LEN], uint64_t len, struct sha256_ctx *sum)
{
	put_u64(out, len);
	sha256_digest(sum, SHA256_DIGEST_SIZE, out + 8);
}

bool sync_send_total(int fd, unsigned long long total)
{
	unsigned char b[8];
	put_u64(b, total);
	return sync_send_frame(fd, 'T', b, sizeof(b));
}

enum pc_status sync_recv_total(int in, const char *url, unsigned long long *total,
                               struct pc_problems *pr)
{
	unsigned char *p = NULL;
	size_t n = 0;
	char t = sync_recv_frame(in, &p, &n);
	enum pc_status st = PC_OK;
	if (t == 'T' && n == 8)
		*total = get_u64(p);
	else if (t == 'E')
		st = sync_office_refusal(p, n, url, pr);
	else if (t == 'W') { /* the forms, which come after the total */
		pc_problems_add(pr, false, url, "%s",
		                _("the office did not announce the size of the copy (its parcours "
		                  "is older than this one: update it there); nothing was kept"));
		st = PC_UNUSABLE;
	} else {
		pc_problems_add(pr, false, url, "%s", _("a malformed answer was received"));
		st = PC_UNUSABLE;
	}
	free(p);
	return st;
}

enum pc_status sync_send_copy(int out, int file, const char *path, bool *link_ok,
                              struct pc_problems *pr)
{
	unsigned char *chunk = malloc(CHUNK), end[END_LEN];
	struct sha256_ctx sum;
	uint64_t len = 0;
	*link_ok = chunk != NULL;
	if (!chunk) {
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	sha256_init(&sum);
	for (;;) {
		ssize_t r = read(file, chunk, CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			pc_problems_add(pr, false, path, _("cannot be read: %s"), strerror(errno));
			free(chunk);
			return PC_UNUSABLE;
		}
		if (r == 0)
			break;
		sha256_update(&sum, (size_t)r, chunk);
		len += (uint64_t)r;
		if (!(*link_ok = sync_send_frame(out, 'D', chunk, (size_t)r)))
			break;
	}
	free(chunk);
	if (*link_ok) {
		end_frame(end, len, &sum);
		*link_ok = sync_send_frame(out, 'Z', end, END_LEN);
	}
	return PC_OK;
}

static enum pc_status cut_short(const char *url, uint64_t len, struct pc_problems *pr)
{
	pc_problems_add(pr, false, url,
	                _("the copy was cut short (%llu bytes received): nothing was kept"),
	                (unsigned long long)len);
	return PC_UNUSABLE;
}

/* Receives the data frames into fd up to the end frame, whose length and
 * checksum must be those received. */
static enum pc_status recv_data(int in, int fd, const char *url, const char *tmp,
                                uint64_t *len, struct pc_problems *pr)
{
	unsigned char *chunk = malloc(CHUNK), end[END_LEN], want[END_LEN];
	struct sha256_ctx sum;
	enum pc_status st = chunk ? PC_OK : PC_UNUSABLE;
	if (!chunk)
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
	sha256_init(&sum);
	*len = 0;
	for (char type = 'D'; st == PC_OK && type == 'D';) {
		size_t n = 0;
		type = recv_head(in, &n);
		if (type == 'D' && n <= CHUNK && get_all(in, chunk, n, true)) {
			sha256_update(&sum, n, chunk);
			*len += n;
			if (!put_all(fd, chunk, n)) {
				pc_problems_add(pr, false, tmp, _("cannot be written: %s"), strerror(errno));
				st = PC_UNUSABLE;
			}
		} else if (type == 'Z' && n == END_LEN && get_all(in, end, n, false)) {
			end_frame(want, *len, &sum);
			if (memcmp(end, want, 8) != 0)
				st = cut_short(url, *len, pr);
			else if (memcmp(end + 8, want + 8, SHA256_DIGEST_SIZE) != 0) {
				pc_problems_add(pr, false, url, "%s",
				                _("the copy arrived altered (its checksum differs): "
				                  "nothing was kept"));
				st = PC_UNUSABLE;
			}
		} else if (type == 'E') {
			unsigned char *e = n < MAX_FRAME ? malloc(n + 1) : NULL;
			if (e && get_all(in, e, n, false)) {
				e[n] = '\0';
				st = sync_office_refusal(e, n, url, pr);
			} else
				st = cut_short(url, *len, pr);
			free(e);
		} else
			st = cut_short(url, *len, pr);
	}
	free(chunk);
	return st;
}

enum pc_status sync_recv_copy(int in, const char *url, const char *dest, unsigned long long *bytes,
                              struct pc_problems *pr)
{
	struct pc_buf tmp = {0};
	pc_buf_printf(&tmp, "%s.tmp-XXXXXX", dest);
	if (tmp.failed) {
		pc_buf_free(&tmp);
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	int fd = mkstemp(tmp.data); /* mode 0600 */
	if (fd < 0) {
		pc_problems_add(pr, false, dest, _("cannot be written: %s"), strerror(errno));
		pc_buf_free(&tmp);
		return PC_UNUSABLE;
	}
	uint64_t len = 0;
	enum pc_status st = recv_data(in, fd, url, tmp.data, &len, pr);
	if (st == PC_OK && fsync(fd) != 0) {
		pc_problems_add(pr, false, tmp.data, _("cannot be written: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	if (close(fd) != 0 && st == PC_OK) {
		pc_problems_add(pr, false, tmp.data, _("cannot be written: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	int err = st == PC_OK ? pc_copy_put_in_place(tmp.data, dest) : 0;
	if (err) {
		pc_problems_add(pr, false, dest, "%s",
		                err == EEXIST ? _("already exists: sync init makes a new copy "
		                                  "(choose it with --db)")
		                              : strerror(err));
		st = err == EEXIST ? PC_REFUSED : PC_UNUSABLE;
	}
	if (st != PC_OK)
		unlink(tmp.data);
	*bytes = len;
	pc_buf_free(&tmp);
	return st;
}
