/* Reads one YAML file into a tree (yaml_tree.h) with libyaml's event API.
 * The limits are checked before and during parsing: the file is read whole
 * only when small, checked as UTF-8 text first, and aliases are refused
 * outright, so alias bombs and deep nesting never cost memory or time.
 * A tree's nodes, texts and lists of children are cut from a few large
 * blocks freed at once: one malloc and one free per node, text and list
 * were a fifth of the instructions of a `parcours submit`. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "yaml_tree.h"

/* A block of a tree's memory; a new one is at least BLOCK_MIN bytes (a
 * form of 10 KB fits in three). */
struct yblock {
	struct yblock *next;
	size_t used, size;
	max_align_t data[];
};
enum { BLOCK_MIN = 16384 };

struct loader {
	const char *path;
	struct pc_problems *pr;
	size_t nodes;
	struct yblock *blocks; /* newest first */
	struct ynode **open;   /* the children of the collections still open */
	size_t nopen, capopen;
};

static void problem(struct loader *l, int line, int col, const char *msg)
{
	char where[4096];
	snprintf(where, sizeof(where), "%s:%d:%d", l->path, line, col);
	pc_problems_add(l->pr, false, where, "%s", msg);
}

static void blocks_free(struct yblock *b)
{
	while (b) {
		struct yblock *next = b->next;
		free(b);
		b = next;
	}
}

void ytree_free(struct ynode **root)
{
	if (!root || !*root)
		return;
	blocks_free((*root)->blocks);
	*root = NULL;
}

/* `size` bytes of the tree's memory, aligned for any type; NULL when out
 * of memory. */
static void *tree_alloc(struct loader *l, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size = (size + align - 1) / align * align;
	struct yblock *b = l->blocks;
	if (!b || b->size - b->used < size) {
		size_t want = size > BLOCK_MIN ? size : BLOCK_MIN;
		if (!(b = malloc(sizeof(*b) + want)))
			return NULL;
		b->next = l->blocks;
		b->used = 0;
		b->size = want;
		l->blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return p;
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

/* Adds a child to the innermost open collection; its list is copied into
 * the tree when the collection ends (close_kids). */
static bool add_kid(struct loader *l, struct ynode *kid)
{
	if (l->nopen == l->capopen) {
		size_t cap = l->capopen ? l->capopen * 2 : 256;
		struct ynode **k = realloc(l->open, cap * sizeof(*k));
		if (!k)
			return false;
		l->open = k;
		l->capopen = cap;
	}
	l->open[l->nopen++] = kid;
	return true;
}

/* Gives collection `node` the children added since `first`. */
static bool close_kids(struct loader *l, struct ynode *node, size_t first)
{
	node->n = l->nopen - first;
	if (node->n && !(node->kids = tree_alloc(l, node->n * sizeof(*node->kids))))
		return false;
	if (node->n)
		memcpy(node->kids, l->open + first, node->n * sizeof(*node->kids));
	l->nopen = first;
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
		/* most of a definition is ASCII: decoded here, without a call */
		uint32_t cp = (unsigned char)s[i];
		size_t k = cp < 0x80 ? 1 : pc_utf8_decode(s + i, n - i, &cp);
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
	struct ynode *n = tree_alloc(l, sizeof(*n));
	if (n)
		*n = (struct ynode){0};
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
 * depth is a counter, not the C stack). The tree's memory is l->blocks
 * until the root takes it. */
static struct ynode *build(struct loader *l, yaml_parser_t *p, bool *ok)
{
	struct ynode *stack[YAML_MAX_DEPTH + 1];
	size_t first[YAML_MAX_DEPTH + 1]; /* where each open one's children start */
	size_t depth = 0;
	struct ynode *root = NULL;
	int documents = 0;
	*ok = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			parser_problem(l, p);
			return NULL;
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
				return NULL;
			}
			break;
		case YAML_ALIAS_EVENT:
			problem(l, (int)m->line + 1, (int)m->column + 1,
				_("YAML aliases (*name) are not allowed in definitions"));
			yaml_event_delete(&ev);
			return NULL;
		case YAML_SCALAR_EVENT:
			node = new_node(l, Y_SCALAR, m);
			if (node && (node->text = tree_alloc(l, ev.data.scalar.length + 1))) {
				memcpy(node->text, ev.data.scalar.value, ev.data.scalar.length);
				node->text[ev.data.scalar.length] = '\0';
			} else if (node) {
				problem(l, node->line, node->col, _("out of memory"));
				node = NULL;
			}
			if (!node) {
				yaml_event_delete(&ev);
				return NULL;
			}
			node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= YAML_MAX_DEPTH) {
				problem(l, (int)m->line + 1, (int)m->column + 1,
					_("the definition is nested too deeply"));
				yaml_event_delete(&ev);
				return NULL;
			}
			node = new_node(l, ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP, m);
			if (!node) {
				yaml_event_delete(&ev);
				return NULL;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth && !close_kids(l, stack[depth - 1], first[depth - 1])) {
				problem(l, (int)m->line + 1, (int)m->column + 1, _("out of memory"));
				yaml_event_delete(&ev);
				return NULL;
			}
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
		} else if (!add_kid(l, node)) {
			problem(l, node->line, node->col, _("out of memory"));
			return NULL;
		}
		if (node->kind != Y_SCALAR) {
			first[depth] = l->nopen;
			stack[depth++] = node;
		}
	}
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
	free(l.open);
	if (*root)
		(*root)->blocks = l.blocks;
	else
		blocks_free(l.blocks);
	return ok ? PC_OK : PC_UNUSABLE;
}
