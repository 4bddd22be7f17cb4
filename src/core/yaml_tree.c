/* Reads one YAML file into a tree (yaml_tree.h) with libyaml's event API.
 * The limits are checked before and during parsing: the file is read whole
 * only when small, checked as UTF-8 text first, and aliases are refused
 * outright, so alias bombs and deep nesting never cost memory or time. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "yaml_tree.h"

struct loader {
	const char *path;
	struct pc_problems *pr;
	size_t nodes;
};

static void problem(struct loader *l, int line, int col, const char *msg)
{
	char where[4096];
	snprintf(where, sizeof(where), "%s:%d:%d", l->path, line, col);
	pc_problems_add(l->pr, false, where, "%s", msg);
}

void ytree_free(struct ynode **n)
{
	if (!n || !*n)
		return;
	for (size_t i = 0; i < (*n)->n; i++)
		ytree_free(&(*n)->kids[i]);
	free((*n)->kids);
	free((*n)->text);
	free(*n);
	*n = NULL;
}

struct ynode *ytree_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == Y_SCALAR && !strcmp(map->kids[i]->text, key))
			return map->kids[i + 1];
	return NULL;
}

static bool add_kid(struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **k = realloc(parent->kids, cap * sizeof(*k));
		if (!k)
			return false;
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
	return true;
}

/* Reads the whole file if it is a regular file within the size limit. */
static char *read_small(struct loader *l, size_t *len)
{
	int fd = open(l->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		char msg[512];
		snprintf(msg, sizeof(msg), _("cannot read this file: %s"), strerror(errno));
		problem(l, 1, 1, msg);
		return NULL;
	}
	struct stat st;
	char *data = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		problem(l, 1, 1, _("not a regular file"));
		goto out;
	}
	if (st.st_size > YAML_MAX_BYTES) {
		problem(l, 1, 1, _("the file is larger than 1 MiB: it cannot be a form definition"));
		goto out;
	}
	data = malloc((size_t)st.st_size + 1);
	if (!data) {
		problem(l, 1, 1, _("out of memory"));
		goto out;
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	data[got] = '\0';
	*len = got;
out:
	close(fd);
	return data;
}

/* Points at the first byte that is not UTF-8 text (or a NUL / control
 * character other than tab, CR, LF); sets its line and column. */
static bool text_ok(struct loader *l, const char *s, size_t n)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			problem(l, line, col, _("this file is not UTF-8 text"));
			return false;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) {
			problem(l, line, col, _("this file holds binary data, not text"));
			return false;
		}
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += k;
	}
	return true;
}

static struct ynode *new_node(struct loader *l, enum ykind kind, const yaml_mark_t *m)
{
	if (++l->nodes > YAML_MAX_NODES) {
		problem(l, (int)m->line + 1, (int)m->column + 1, _("the file has too many elements"));
		return NULL;
	}
	struct ynode *n = calloc(1, sizeof(*n));
	if (!n) {
		problem(l, (int)m->line + 1, (int)m->column + 1, _("out of memory"));
		return NULL;
	}
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

static void parser_problem(struct loader *l, yaml_parser_t *p)
{
	const yaml_mark_t *m = p->problem_mark.line || p->problem_mark.column ? &p->problem_mark
									      : &p->context_mark;
	char msg[512];
	if (p->error == YAML_MEMORY_ERROR)
		snprintf(msg, sizeof(msg), "%s", _("out of memory"));
	else if (p->context)
		snprintf(msg, sizeof(msg), _("YAML syntax error: %s %s"), p->problem ? p->problem : "",
			 p->context);
	else
		snprintf(msg, sizeof(msg), _("YAML syntax error: %s"), p->problem ? p->problem : "?");
	problem(l, (int)m->line + 1, (int)m->column + 1, msg);
}

/* Builds the tree from events with an explicit stack (no recursion, so
 * depth is a counter, not the C stack). */
static struct ynode *build(struct loader *l, yaml_parser_t *p, bool *ok)
{
	struct ynode *stack[YAML_MAX_DEPTH + 1];
	size_t depth = 0;
	struct ynode *root = NULL;
	int documents = 0;
	*ok = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			parser_problem(l, p);
			goto fail;
		}
		struct ynode *node = NULL;
		const yaml_mark_t *m = &ev.start_mark;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			*ok = true;
			return root;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				problem(l, (int)m->line + 1, (int)m->column + 1,
					_("a definition file holds one YAML document only"));
				yaml_event_delete(&ev);
				goto fail;
			}
			break;
		case YAML_ALIAS_EVENT:
			problem(l, (int)m->line + 1, (int)m->column + 1,
				_("YAML aliases (*name) are not allowed in definitions"));
			yaml_event_delete(&ev);
			goto fail;
		case YAML_SCALAR_EVENT:
			if (!(node = new_node(l, Y_SCALAR, m)) ||
			    !(node->text = strndup((const char *)ev.data.scalar.value,
						   ev.data.scalar.length))) {
				free(node);
				yaml_event_delete(&ev);
				goto fail;
			}
			node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= YAML_MAX_DEPTH) {
				problem(l, (int)m->line + 1, (int)m->column + 1,
					_("the definition is nested too deeply"));
				yaml_event_delete(&ev);
				goto fail;
			}
			node = new_node(l, ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP, m);
			if (!node) {
				yaml_event_delete(&ev);
				goto fail;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (!node)
			continue;
		if (depth == 0) {
			root = node;
		} else if (!add_kid(stack[depth - 1], node)) {
			problem(l, node->line, node->col, _("out of memory"));
			ytree_free(&node);
			goto fail;
		}
		if (node->kind != Y_SCALAR)
			stack[depth++] = node;
	}
fail:
	ytree_free(&root);
	return NULL;
}

enum pc_status ytree_load(const char *path, struct ynode **root, struct pc_problems *pr)
{
	struct loader l = {.path = path, .pr = pr};
	*root = NULL;
	size_t len = 0;
	char *data = read_small(&l, &len);
	if (!data)
		return PC_UNUSABLE;
	if (!text_ok(&l, data, len)) {
		free(data);
		return PC_UNUSABLE;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		problem(&l, 1, 1, _("out of memory"));
		free(data);
		return PC_UNUSABLE;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	bool ok;
	*root = build(&l, &p, &ok);
	yaml_parser_delete(&p);
	free(data);
	return ok ? PC_OK : PC_UNUSABLE;
}
