/* A YAML document read into a small tree of scalars, sequences and mappings
 * with their positions, under hard limits (size, depth, node count, no
 * aliases), so a hostile file is refused quickly. Internal to the core: the
 * form and programme loaders walk this tree; nothing else sees libyaml. */
#ifndef PARCOURS_YAML_TREE_H
#define PARCOURS_YAML_TREE_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct yblock;

/* The nodes of a tree and their texts are all held by its root (freed with
 * it by ytree_free), never one by one. */
struct ynode {
	enum ykind kind;
	char *text;   /* SCALAR: UTF-8, NUL-terminated */
	bool plain;   /* SCALAR written without quotes (so `true` and `12` are not strings) */
	int line, col; /* 1-based */
	struct ynode **kids; /* SEQ: items; MAP: key, value, key, value... */
	size_t n;
	struct yblock *blocks; /* the root: the memory of the whole tree */
};

enum {
	YAML_MAX_BYTES = 1 << 20,
	YAML_MAX_DEPTH = 32,
	YAML_MAX_NODES = 200000,
};

/* Reads and parses `path`. On any problem (missing, not a regular file, too
 * large, not UTF-8, binary, YAML syntax, aliases, too deep, several
 * documents) adds it to `pr` as "PATH:LINE:COL" and returns PC_UNUSABLE.
 * An empty document gives *root = NULL and PC_OK. */
enum pc_status ytree_load(const char *path, struct ynode **root, struct pc_problems *pr);
/* Frees a whole tree, given its root (NULL is fine); sets *root to NULL. */
void ytree_free(struct ynode **root);

/* The value of `key` in a MAP node, or NULL. */
struct ynode *ytree_get(const struct ynode *map, const char *key);

/* Reads `path` only as far as the first top-level key that is one of
 * `keys` (yaml_peek.c): returns its index and sets *value to its text when
 * it is a scalar (malloc'ed; NULL for a collection). -1 when no such key
 * comes before the end, or when the file cannot be read or parsed that far:
 * nothing is reported, since ytree_load says what is wrong. */
int ytree_peek(const char *path, const char *const *keys, size_t nkeys, char **value);

#endif
