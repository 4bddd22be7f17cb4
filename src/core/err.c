/* The problem list (err.h). Never prints; allocation failures degrade to a
 * shorter list rather than a crash. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/err.h"

static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void pc_problems_add(struct pc_problems *pr, bool warning, const char *where, const char *fmt, ...)
{
	if (!pr)
		return;
	if (pr->len == pr->cap) {
		size_t cap = pr->cap ? pr->cap * 2 : 8;
		struct pc_problem *items = realloc(pr->items, cap * sizeof(*items));
		if (!items)
			return;
		pr->items = items;
		pr->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	char *w = strdup(where ? where : "");
	if (!msg || !w) {
		free(msg);
		free(w);
		return;
	}
	pr->items[pr->len++] = (struct pc_problem){.where = w, .message = msg, .warning = warning};
}

size_t pc_problems_errors(const struct pc_problems *pr)
{
	size_t n = 0;
	for (size_t i = 0; pr && i < pr->len; i++)
		n += !pr->items[i].warning;
	return n;
}

void pc_problems_clear(struct pc_problems *pr)
{
	if (!pr)
		return;
	for (size_t i = 0; i < pr->len; i++) {
		free(pr->items[i].where);
		free(pr->items[i].message);
	}
	free(pr->items);
	*pr = (struct pc_problems){0};
}

void pc_problems_take(struct pc_problems *to, struct pc_problems *from, const char *prefix)
{
	for (size_t i = 0; i < from->len; i++) {
		struct pc_problem *p = &from->items[i];
		if (prefix && *prefix)
			pc_problems_add(to, p->warning, prefix, "%s", p->message);
		else
			pc_problems_add(to, p->warning, p->where, "%s", p->message);
		if (prefix && *prefix && to->len && to->items[to->len - 1].message) {
			struct pc_problem *q = &to->items[to->len - 1];
			size_t n = strlen(prefix) + strlen(p->where) + 1;
			char *w = malloc(n);
			if (w) {
				snprintf(w, n, "%s%s", prefix, p->where);
				free(q->where);
				q->where = w;
			}
		}
	}
	pc_problems_clear(from);
}
