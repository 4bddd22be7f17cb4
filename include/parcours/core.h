/* The core's context and the operations the faces call: intake, saving a
 * form, search, showing a file, exporting a form. Each validates through
 * validate.h, writes through store.h in one transaction, and reports
 * problems; none prints. */
#ifndef PARCOURS_CORE_H
#define PARCOURS_CORE_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/buf.h"
#include "parcours/form.h"
#include "parcours/store.h"

struct pc_json;
struct pc_expr;

/* Which face an operation comes from, for the audit log (audit.h). */
enum pc_face { PC_FACE_CLI, PC_FACE_TUI };

/* What every operation needs. The faces own these and fill them. */
struct pc_ctx {
	struct pc_store *store;
	struct pc_formset *forms;
	struct pc_expr *expr;
	struct pc_programmes *programmes; /* forms/programmes.yaml, may be empty */
	const char *login; /* the Unix login: the staff identity */
	char today[11];    /* pc_clock_today() */
	enum pc_face face; /* PC_FACE_CLI unless the console set it */
};

/* The staff identity: the login of the REAL user id of the process
 * (getuid(), so a setgid or setuid binary still names its caller; never
 * $USER or $LOGNAME), or "uidNNNN" when that uid has no passwd entry. */
const char *pc_login(void);

/* The database path: `opt` (--db) if not NULL, else $PARCOURS_DB, else
 * $XDG_DATA_HOME/parcours/parcours.db, else ~/.local/share/parcours/parcours.db.
 * The forms folder: `opt` (--forms), else $PARCOURS_FORMS, else the installed
 * share folder if it exists, else ./forms. Malloc'ed. */
char *pc_default_db_path(const char *opt);
char *pc_default_forms_dir(const char *opt);

/* ---- intake ---- */
/* Creates a participant from intake answers (raw, as pc_validate takes them):
 * validates against the "intake" form, inserts the participant and revision 1
 * of intake in one transaction, and sets *file_no (malloc'ed). Likely
 * duplicates (same birth date, accent-blind same names) are added to `pr` as
 * warnings (where = their file number) but do not stop the intake. */
enum pc_status pc_intake_add(struct pc_ctx *c, const struct pc_json *raw, char **file_no,
			     struct pc_problems *pr);

/* ---- saving a form ---- */
/* Validates `raw` against form `form_id` and appends a revision for the
 * participant `file_no` and `period` ("YYYY-MM" for monthly forms, NULL or ""
 * otherwise; a wrong one is refused). When base_revision >= 0 another save
 * since then is refused as a conflict. Saving intake also updates the
 * participant's names and birth date. *revision receives the new number. */
enum pc_status pc_submission_save(struct pc_ctx *c, const char *form_id, const char *file_no,
				  const char *period, const struct pc_json *raw,
				  long long base_revision, long long *revision,
				  struct pc_problems *pr);

/* The same for a month that a supervisor has closed: `reason` (required
 * then) is recorded with the new revision. pc_submission_save refuses a
 * closed month. */
enum pc_status pc_submission_save_reason(struct pc_ctx *c, const char *form_id,
					 const char *file_no, const char *period,
					 const struct pc_json *raw, long long base_revision,
					 const char *reason, long long *revision,
					 struct pc_problems *pr);

/* ---- search ---- */
/* Accent- and case-blind prefix search on names and file number; every word
 * of `query` must match. An empty query lists the first `limit` participants
 * by name. */
enum pc_status pc_search(struct pc_ctx *c, const char *query, size_t limit,
			 struct pc_participant **out, size_t *n, struct pc_problems *pr);
/* The search tokens of a participant, NUL-separated, ending with "\0\0";
 * malloc'ed (used by the store on insert/update). */
char *pc_search_tokens(const char *file_no, const char *family, const char *given);

/* ---- show ---- */
/* Everything held on one participant as JSON (the documented shape of
 * `show --json`) or as readable text, appended to `out`. */
enum pc_status pc_show(struct pc_ctx *c, const char *file_no, bool json, struct pc_buf *out,
		       struct pc_problems *pr);

/* ---- export ---- */
enum pc_export_format { PC_EXPORT_CSV, PC_EXPORT_JSON };
/* All current answers of a form, written through `write` in chunks (so
 * 100,000 rows never sit in memory at once). CSV: RFC 4180, UTF-8, a header
 * row of file_no[,period], then one column per field (multi-choice "a,b",
 * repeats as JSON). JSON: an array of {"file_no", "period"?, "revision",
 * "form_version", "by", "at", "answers"}. */
enum pc_status pc_export(struct pc_ctx *c, const char *form_id, enum pc_export_format fmt,
			 bool (*write)(void *ctx, const char *data, size_t len), void *wctx,
			 struct pc_problems *pr);

/* ---- one participant's file, for the screens ---- */
/* The participant with this file number; PC_REFUSED when unknown. */
enum pc_status pc_file_get(struct pc_ctx *c, const char *file_no, struct pc_participant *out,
			   struct pc_problems *pr);
/* The latest revision of a form (out->revision = 0 when never saved). */
enum pc_status pc_file_current(struct pc_ctx *c, const struct pc_participant *p,
			       const char *form_id, const char *period, struct pc_revision *out,
			       struct pc_problems *pr);
/* Every revision of the participant, ordered by form, period, revision. */
enum pc_status pc_file_history(struct pc_ctx *c, const struct pc_participant *p,
			       struct pc_revision **out, size_t *n, struct pc_problems *pr);

/* ---- drafts: what was typed but not saved, kept per login ----
 * `p` may be NULL for the intake of a person not yet created (one such
 * draft per login); pc_intake_add discards it when the intake is saved. */
/* Keeps `answers` (a JSON object as typed, see pc_validate's raw) as the
 * draft of this login for participant+form+period, with the revision it
 * started from. Written at once (one small transaction). */
enum pc_status pc_draft_keep(struct pc_ctx *c, const struct pc_participant *p, const char *form_id,
			     const char *period, const struct pc_json *answers,
			     long long base_revision, struct pc_problems *pr);
/* The draft, or *answers = NULL when there is none; `kept_at` (may be
 * NULL) receives when it was kept, UTC "YYYY-MM-DDTHH:MM:SSZ". */
enum pc_status pc_draft_find(struct pc_ctx *c, const struct pc_participant *p, const char *form_id,
			     const char *period, struct pc_json **answers, long long *base_revision,
			     char kept_at[21], struct pc_problems *pr);
enum pc_status pc_draft_discard(struct pc_ctx *c, const struct pc_participant *p,
				const char *form_id, const char *period, struct pc_problems *pr);

#endif
