/* A glance at a definition file (yaml_tree.h): which of a few top-level
 * keys comes first and its scalar value, read a few KiB at a time and
 * stopped there, with no tree built. The form set uses it to know which
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

int ytree_peek(const char *path, const char *const *keys, size_t nkeys, char **value)
{
	*value = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	int found = -1;
	yaml_parser_t p;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > YAML_MAX_BYTES ||
	    !yaml_parser_initialize(&p)) {
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
