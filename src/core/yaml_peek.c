/* A glance at a definition file (yaml_tree.h): which of a few top-level
 * keys comes first and its scalar value, from the first lines when they are
 * as simple as usual, else read by libyaml a few KiB at a time and stopped
 * there, with no tree built. The form set uses it to know which
 * file holds which form without loading them. It reports no problem: a
 * file it cannot read is loaded, and its problems reported, by ytree_load. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "yaml_tree.h"

/* What the parser reads at a time: the key sought is usually within the
 * first lines, after a comment. */
enum { PEEK_CHUNK = 2048 };

struct source {
	int fd;
	size_t total;
};

static int read_some(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct source *s = data;
	size_t want = size < PEEK_CHUNK ? size : PEEK_CHUNK;
	if (s->total + want > YAML_MAX_BYTES)
		want = YAML_MAX_BYTES - s->total;
	ssize_t n;
	do
		n = read(s->fd, buf, want);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return 0;
	*got = (size_t)n;
	s->total += (size_t)n;
	return 1;
}

static int key_index(const yaml_event_t *ev, const char *const *keys, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++)
		if (ev->data.scalar.length == strlen(keys[i]) &&
		    !memcmp(ev->data.scalar.value, keys[i], ev->data.scalar.length))
			return (int)i;
	return -1;
}

/* Walks the events of the top-level mapping: a key, then its value (a
 * scalar, or a collection skipped by depth). */
static int walk(yaml_parser_t *p, const char *const *keys, size_t nkeys, char **value)
{
	size_t depth = 0;
	bool want_key = true;
	int found = -1;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev))
			return -1;
		yaml_event_type_t type = ev.type;
		int result = -2; /* -2: go on */
		if (type == YAML_STREAM_END_EVENT || type == YAML_ALIAS_EVENT ||
		    (depth == 0 && type == YAML_SEQUENCE_START_EVENT)) {
			result = -1;
		} else if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
			depth++;
		} else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
			if (--depth == 0)
				result = -1; /* the end of the top-level mapping */
			else if (depth == 1)
				want_key = !want_key;
			if (result == -2 && depth == 1 && want_key && found >= 0)
				result = found; /* the key's value was a collection */
		} else if (type == YAML_SCALAR_EVENT && depth == 0) {
			result = -1; /* a document that is one scalar */
		} else if (type == YAML_SCALAR_EVENT && depth == 1 && want_key) {
			found = key_index(&ev, keys, nkeys);
			want_key = false;
		} else if (type == YAML_SCALAR_EVENT && depth == 1) {
			want_key = true;
			if (found >= 0) {
				*value = strndup((const char *)ev.data.scalar.value,
				                 ev.data.scalar.length);
				result = *value ? found : -1;
			}
		}
		yaml_event_delete(&ev);
		if (result != -2)
			return result;
	}
}

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The usual file: comments and blank lines, then "KEY: value" or "KEY:" at
 * the margin, KEY one of `keys` and the value a plain word of a-z, 0-9, _.
 * -2 when the file is not that simple (libyaml then reads it). */
static int simple_start(const char *s, size_t n, const char *const *keys, size_t nkeys,
                        char **value)
{
	size_t i = 0;
	while (i < n && (s[i] == '#' || s[i] == '\n' || s[i] == ' ')) {
		size_t eol = i;
		while (eol < n && s[eol] != '\n')
			eol++;
		bool blank = true;
		for (size_t k = i; k < eol && blank; k++)
			blank = s[k] == ' ';
		if (s[i] != '#' && !blank)
			return -2; /* an indented first line */
		if (eol == n)
			return -2; /* the line goes on past what was read */
		i = eol + 1;
	}
	for (size_t k = 0; k < nkeys; k++) {
		size_t len = strlen(keys[k]);
		if (n - i <= len || memcmp(s + i, keys[k], len) || s[i + len] != ':')
			continue;
		size_t v = i + len + 1, end;
		if (v < n && s[v] != ' ' && s[v] != '\n')
			return -2; /* "form:x" is one scalar, not a key */
		while (v < n && s[v] == ' ')
			v++;
		for (end = v; end < n && is_id_char(s[end]); end++)
			;
		size_t after = end;
		while (after < n && s[after] == ' ')
			after++;
		if (after + 1 >= n || s[after] != '\n')
			return -2; /* more on the line, or past what was read */
		if (end == v)
			return (int)k; /* "KEY:" and a collection below */
		/* the next line at the margin: not the rest of a plain scalar */
		if (s[after + 1] == ' ' || s[after + 1] == '\t')
			return -2;
		return (*value = strndup(s + v, end - v)) ? (int)k : -1;
	}
	return -2;
}

int ytree_peek(const char *path, const char *const *keys, size_t nkeys, char **value)
{
	*value = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	int found = -1;
	yaml_parser_t p;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > YAML_MAX_BYTES) {
		close(fd);
		return -1;
	}
	char head[PEEK_CHUNK];
	ssize_t got = pread(fd, head, sizeof(head), 0);
	if (got > 0 && (found = simple_start(head, (size_t)got, keys, nkeys, value)) != -2) {
		close(fd);
		return found;
	}
	if (!yaml_parser_initialize(&p)) {
		close(fd);
		return -1;
	}
	struct source src = {.fd = fd};
	yaml_parser_set_input(&p, read_some, &src);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	found = walk(&p, keys, nkeys, value);
	yaml_parser_delete(&p);
	close(fd);
	if (found < 0) {
		free(*value);
		*value = NULL;
	}
	return found;
}
