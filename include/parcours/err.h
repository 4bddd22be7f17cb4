/* Status codes and the problem list every fallible core function fills.
 * The core never prints: it records each problem (where + message) and the
 * face decides how to show it. Not a logging facility. */
#ifndef PARCOURS_ERR_H
#define PARCOURS_ERR_H
#include <stdbool.h>
#include <stddef.h>

/* Values are the exit codes of the command-line contract (DESIGN.md). */
enum pc_status {
	PC_OK = 0,       /* done */
	PC_REFUSED = 1,  /* refused input: validation, unknown file number, permission, conflict */
	PC_USAGE = 2,    /* bad command line */
	PC_UNUSABLE = 3, /* the database or a definition could not be used */
};

/* One problem. `where` is a field path ("entries.2.hours"), a location
 * ("forms/intake.yaml:12:5") or a short subject ("database"); never NULL.
 * `message` is already translated. Both are owned by the list. */
struct pc_problem {
	char *where;
	char *message;
	bool warning; /* a soft check: shown, but saving is allowed */
};

struct pc_problems {
	struct pc_problem *items;
	size_t len, cap;
};

/* Appends a problem; `fmt` is printf-style and should already be translated
 * with _(). Allocation failure is recorded as a last "out of memory" item when
 * possible and never crashes. */
void pc_problems_add(struct pc_problems *pr, bool warning, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Number of non-warning problems. */
size_t pc_problems_errors(const struct pc_problems *pr);
/* Frees the items; the list can be reused. */
void pc_problems_clear(struct pc_problems *pr);
/* Moves every item of `from` to the end of `to`, prefixing each `where` with
 * `prefix` when it is not NULL (e.g. "entries.2." in front of "hours"). */
void pc_problems_take(struct pc_problems *to, struct pc_problems *from, const char *prefix);

#endif
