/* Shared by json.c and json_read.c; not a public API. */
#ifndef PARCOURS_JSON_INTERNAL_H
#define PARCOURS_JSON_INTERNAL_H
#include <stdbool.h>
#include "parcours/json.h"

/* Larger texts are refused before parsing: answers are small, and the
 * command line reads at most 16 MB anyway. */
enum { JSON_MAX_TEXT = 64 * 1024 * 1024 };

/* strtod in the "C" locale, whatever setlocale() the screen did. */
double json_c_strtod(const char *s, char **end);
/* Appends key (taken) and item (taken) to an object without looking for
 * an existing key; false on allocation failure. */
bool json_object_append(struct pc_json *obj, char *key, struct pc_json *item);

#endif
