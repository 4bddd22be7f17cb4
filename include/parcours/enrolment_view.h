/* A person's enrolments and exits as a screen shows them: programme titles
 * and exit reasons already turned into labels in the current language, and
 * only what the reader may see (the same rule as show: the intake's readers
 * see programmes and dates, the participation form's readers the reason of
 * an exit too). Read-only; enrolling and leaving are participation.h's. */
#ifndef PARCOURS_ENROLMENT_VIEW_H
#define PARCOURS_ENROLMENT_VIEW_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/err.h"

struct pc_enrolment_view {
	char *programme;   /* the code, as stored */
	char *title;       /* its title, or the code when the programme is gone */
	char *start, *end; /* YYYY-MM-DD; end NULL while it lasts */
	char *reason;      /* the exit's label (never the code when listed); NULL when
	                      open, not given, or not for this reader */
};

/* Every enrolment of p, oldest first, into *out (malloc'ed, free with
 * pc_enrolment_views_free). *n = 0 and PC_OK when the reader may not read
 * the intake (nothing is shown to them, as in show). PC_UNUSABLE when the
 * database cannot be read or memory runs out. */
enum pc_status pc_file_enrolments(struct pc_ctx *c, const struct pc_participant *p,
                                  struct pc_enrolment_view **out, size_t *n,
                                  struct pc_problems *pr);
void pc_enrolment_views_free(struct pc_enrolment_view **list, size_t n);
/* The open enrolment of the list (the last one without an end), or NULL. */
const struct pc_enrolment_view *pc_enrolment_views_open(const struct pc_enrolment_view *list,
                                                        size_t n);

#endif
