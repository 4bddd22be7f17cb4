/* JSON values: the representation of answers in memory, in the database and
 * in --json input and output. A strict RFC 8259 reader with limits (depth,
 * size) and a writer. Not a general-purpose library: no comments, no NaN. */
#ifndef PARCOURS_JSON_H
#define PARCOURS_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/buf.h"

enum pc_json_kind {
	PC_JSON_NULL,
	PC_JSON_FALSE,
	PC_JSON_TRUE,
	PC_JSON_NUMBER,
	PC_JSON_STRING,
	PC_JSON_ARRAY,
	PC_JSON_OBJECT,
};

struct pc_json {
	enum pc_json_kind kind;
	double number;         /* NUMBER */
	long long integer;     /* NUMBER, valid when `integral` */
	bool integral;         /* NUMBER written without fraction/exponent and fits long long */
	char *string;          /* STRING: UTF-8, NUL-terminated, no embedded NUL */
	size_t len, cap;       /* ARRAY / OBJECT: number of items */
	struct pc_json **items; /* ARRAY items, OBJECT values (in insertion order) */
	char **keys;           /* OBJECT keys, parallel to items */
};

enum { PC_JSON_MAX_DEPTH = 64 };

/* Parses `len` bytes of `text`. On error returns NULL and writes a message
 * (translated, with the byte offset) into `err` (size `errlen`). Rejects
 * invalid UTF-8, NUL in strings, duplicate keys keep the last value. */
struct pc_json *pc_json_parse(const char *text, size_t len, char *err, size_t errlen);
/* The same, refusing an object with a duplicate key ("the key "x" is given
 * twice"): for answers people and scripts send, where the last value
 * silently winning would hide a mistake. */
struct pc_json *pc_json_parse_unique(const char *text, size_t len, char *err, size_t errlen);
void pc_json_free(struct pc_json **v);
struct pc_json *pc_json_clone(const struct pc_json *v);
bool pc_json_equal(const struct pc_json *a, const struct pc_json *b);

/* Constructors return NULL on allocation failure. */
struct pc_json *pc_json_new(enum pc_json_kind kind); /* NULL/FALSE/TRUE/ARRAY/OBJECT */
struct pc_json *pc_json_new_bool(bool b);
struct pc_json *pc_json_new_integer(long long i);
struct pc_json *pc_json_new_number(double d); /* integral if d is a whole number in range */
struct pc_json *pc_json_new_string(const char *s);
struct pc_json *pc_json_new_stringn(const char *s, size_t n);

/* Containers take ownership of `item` (freed on failure); return false on
 * allocation failure. object_set replaces an existing key in place. */
bool pc_json_array_push(struct pc_json *arr, struct pc_json *item);
bool pc_json_object_set(struct pc_json *obj, const char *key, struct pc_json *item);
struct pc_json *pc_json_object_get(const struct pc_json *obj, const char *key);
void pc_json_object_remove(struct pc_json *obj, const char *key);

/* Writes `v`; indent 0 is compact, otherwise pretty-printed with that many
 * spaces. Numbers: integral as integers, others with up to 15 significant
 * digits ("3.5", not "3.5000000000000001"). */
void pc_json_write(const struct pc_json *v, struct pc_buf *out, int indent);
/* Convenience: malloc'ed compact text, NULL on allocation failure. */
char *pc_json_to_string(const struct pc_json *v);

#endif
