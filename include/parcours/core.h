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
	/* the participant id a counsellor opened outside their caseload
	 * (caseload.h pc_exceptional_open), read as its counsellor; "" none */
	char exceptional[33];
};

/* The staff identity: the login of the REAL user id of the process
 * (getuid(), so a setgid or setuid binary still names its caller; never
 * $USER or $LOGNAME), or "uidNNNN" when that uid has no passwd entry. */
const char *pc_login(void);

/* The database path: `opt` (--db) if not NULL, else $PARCOURS_DB, else the
 * configuration's `database` (config.h pc_config_use), else
 * $XDG_DATA_HOME/parcours/parcours.db, else ~/.local/share/parcours/parcours.db.
 * The forms folder: `opt` (--forms), else $PARCOURS_FORMS, else, for the
 * database db_path (may be NULL), the office's forms its laptop copy
 * received (pc_copy_forms_dir) when that folder exists, else the
 * configuration's `forms`, else the installed share folder if it exists,
 * else ./forms. In a shared install (pc_config_shared) only the
 * configuration counts (the installed share folder for forms it does not
 * name; NULL for a database it does not name). Malloc'ed. */
char *pc_default_db_path(const char *opt);
char *pc_default_forms_dir(const char *opt, const char *db_path);
/* "DB.forms": where a laptop copy at db_path keeps the office's forms
 * (sync_forms.h). Malloc'ed; NULL out of memory. */
char *pc_copy_forms_dir(const char *db_path);

/* ---- intake ---- */
/* Creates a participant from intake answers (raw, as pc_validate takes them):
 * validates against the "intake" form, inserts the participant and revision 1
 * of intake in one transaction, and sets *file_no (malloc'ed). Likely
 * duplicates (pc_intake_likely) are added to `pr` as warnings (where =
 * their file number) but do not stop the intake. */
enum pc_status pc_intake_add(struct pc_ctx *c, const struct pc_json *raw, char **file_no,
			     struct pc_problems *pr);
/* The people already on file who are likely the person of a new intake,
 * asked before it is saved: the same family and given names, accent- and
 * case-blind, in either order, born on `birth` or on the day with its day
 * and month swapped (1985-07-03 for 1985-03-07). Names or a birth date
 * missing or not a date find no one. *out as pc_store_participant_search's
 * (by file number), free with pc_participants_free. */
enum pc_status pc_intake_likely(struct pc_ctx *c, const char *family, const char *given,
				const char *birth, struct pc_participant **out, size_t *n,
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

/* ---- changing part of a form (submission_merge.c) ----
 * What a command asks to change, applied on top of the answers a save
 * starts from (the current revision, a draft, or nothing for a whole form).
 * PATH is "name", "repeat.N.column" (row N from 1, as `show` numbers the
 * rows of the starting answers; a row past the last is added, with empty
 * rows in between as a whole form would have them) or "repeat.+.column": a
 * new row appended after the others; the `+` changes of one command fill
 * one new row until a column repeats, which starts the next new row.
 * Refused with PC_USAGE (a problem at the path): a malformed path, the same
 * path twice, a path both set and unset, a row both changed and removed. */
struct pc_edits;
/* NULL on allocation failure. */
struct pc_edits *pc_edits_new(void);
void pc_edits_free(struct pc_edits **e);
/* Sets PATH to `text`, typed text parsed like the screen's ("" clears it). */
enum pc_status pc_edits_set(struct pc_edits *e, const char *path, const char *text,
			    struct pc_problems *pr);
/* Each key of the JSON object `obj` replaces that whole answer (a repeat's
 * rows included); null clears it (RFC 7396 on the top level). */
enum pc_status pc_edits_set_json(struct pc_edits *e, const struct pc_json *obj,
				 struct pc_problems *pr);
/* Clears PATH: "name" (the answer), "repeat.N" (removes row N: later rows
 * move up once every change is applied) or "repeat.N.column". */
enum pc_status pc_edits_unset(struct pc_edits *e, const char *path, struct pc_problems *pr);
/* Applies the edits, in order, to `start` (raw answers as pc_validate takes
 * them; NULL for none) into a new object *out (caller frees). Row removals
 * apply after the other changes, then new rows are appended. PC_REFUSED
 * with problems when a path does not fit `form` (rows of a field that has
 * none, a row to remove that does not exist). */
enum pc_status pc_edits_apply(const struct pc_edits *e, const struct pc_form *form,
			      const struct pc_json *start, struct pc_json **out,
			      struct pc_problems *pr);
/* Stored (normalized) answers back to the raw text the screen and --set
 * use: answerable fields of `form` only (calculated, informative and
 * no-longer-asked answers are left out). NULL on allocation failure. */
struct pc_json *pc_answers_to_raw(const struct pc_form *form, const struct pc_json *stored);

/* ---- saving part of a form: prepare (read, merge, validate), then commit ---- */
enum pc_submit_from {
	PC_SUBMIT_CURRENT, /* the current revision (none: an empty form) */
	PC_SUBMIT_DRAFT,   /* this login's draft; the check is against its base revision */
	PC_SUBMIT_NOTHING, /* the edits are the whole form (--replace) */
};

struct pc_submit_request {
	const char *form_id, *file_no;
	const char *period;       /* "YYYY-MM" for monthly forms, else NULL */
	long long entry;          /* journal forms (entry.h): the entry to revise; 0 adds one */
	const char *reason;       /* NULL, or why: needed for a closed month, recorded */
	enum pc_submit_from from;
	long long base_revision;  /* >= 0: refused unless this is the latest revision;
				     -1: checked against the one read by prepare */
	const struct pc_edits *edits; /* may be NULL: nothing changed */
};

/* One answer whose value a save changes; `before`/`after` are edit text
 * (what --set takes), NULL for no answer. `path` as "entries.3.hours". */
struct pc_change {
	char *path, *before, *after;
};

/* A save read, merged and validated, not yet written. Owned by the caller;
 * release with pc_submission_clear. */
struct pc_submission {
	const struct pc_form *form;
	struct pc_participant who;
	char *period;        /* "" when the form is not kept by month; a journal's
				entry id ("17"), "" for a new entry */
	long long entry;     /* a journal's entry; a new one's id once committed */
	char *reason;        /* trimmed, or NULL */
	bool closed;         /* the month is closed (then reason is set) */
	long long base;      /* the latest revision when read (0: none) */
	long long check;     /* what commit checks against (-1: nothing) */
	struct pc_json *clean; /* the validated answers to save */
	struct pc_change *changes; /* what differs from revision `base` */
	size_t nchanges;
	long long revision;  /* set by pc_submission_commit */
	long long settles;   /* a decision on a sync conflict: the number it
				settles, saved with the revision (sync.h); else 0 */
};
void pc_submission_clear(struct pc_submission *s);

/* The answers whose value differs between two stored answer objects
 * (`before` may be NULL), in the form's order, repeat rows column by column
 * (row numbers as stored), then answers `form` no longer asks. *out is
 * malloc'ed (NULL when nothing changed); free with pc_changes_free. */
enum pc_status pc_changes_list(const struct pc_form *form, const struct pc_json *before,
			       const struct pc_json *after, struct pc_change **out, size_t *n,
			       struct pc_problems *pr);
void pc_changes_free(struct pc_change **list, size_t n);

/* Reads the participant and the starting answers, checks the period, the
 * reason (valid UTF-8 text of at most 1000 characters, no control
 * characters) and the base revision (refused, PC_REFUSED at the form's
 * name, with the login and time of the latest save when it is not the
 * latest), applies the edits, validates (SAVE mode) and lists the changes.
 * Writes nothing: a dry run stops here. Stored answers that cannot be read
 * are PC_UNUSABLE. */
enum pc_status pc_submission_prepare(struct pc_ctx *c, const struct pc_submit_request *rq,
				     struct pc_submission *out, struct pc_problems *pr);
/* The same, with the whole answers typed as `whole` in place of rq's edits
 * (what pc_submission_save takes). */
enum pc_status pc_submission_prepare_whole(struct pc_ctx *c, const struct pc_submit_request *rq,
					   const struct pc_json *whole, struct pc_submission *out,
					   struct pc_problems *pr);
/* Writes a prepared save in one transaction: the revision (refused, as a
 * conflict, when another save came after s->check), the reason, the
 * participant's names for intake, and drops this login's draft. Sets
 * s->revision. */
enum pc_status pc_submission_commit(struct pc_ctx *c, struct pc_submission *s,
				    struct pc_problems *pr);

/* ---- search ---- */
/* Accent- and case-blind prefix search on names and file number; every word
 * of `query` must match. An empty query lists the first `limit` participants
 * by name. */
enum pc_status pc_search(struct pc_ctx *c, const char *query, size_t limit,
			 struct pc_participant **out, size_t *n, struct pc_problems *pr);
/* The same from the offset-th result on (the list's later pages). */
enum pc_status pc_search_window(struct pc_ctx *c, const char *query, size_t offset,
				size_t limit, struct pc_participant **out, size_t *n,
				struct pc_problems *pr);
/* The same results, at most `limit`, each handed to each(ctx, p) as it is
 * read (p valid during the call only; each returns false to stop): a
 * command's long list in the memory of one row. */
enum pc_status pc_search_each(struct pc_ctx *c, const char *query, size_t limit,
			      bool (*each)(void *ctx, const struct pc_participant *p), void *ctx,
			      struct pc_problems *pr);
/* How many participants the query finds: exact up to `cap`; *more when
 * there are more, or when counting would slow typing down (*count 0). */
enum pc_status pc_search_count(struct pc_ctx *c, const char *query, size_t cap, size_t *count,
			       bool *more, struct pc_problems *pr);
/* The same, counted for as long as it takes unless stop(ctx) says to give
 * up (a key is waiting): then *stopped, *count 0 and *more. */
enum pc_status pc_search_count_until(struct pc_ctx *c, const char *query, size_t cap,
				     bool (*stop)(void *), void *ctx, size_t *count, bool *more,
				     bool *stopped, struct pc_problems *pr);
/* Every read between pc_search_hold and pc_search_release is one read
 * transaction: a key's search and the rows it draws see one state of the
 * file and take its locks once. Nothing may be written in between. */
enum pc_status pc_search_hold(struct pc_ctx *c, bool *own, struct pc_problems *pr);
void pc_search_release(struct pc_ctx *c, bool own);
/* The console's connection: a small page cache (it reads a few pages per
 * key), so its memory stays bounded over a long session. */
void pc_search_console(struct pc_ctx *c);
/* The search tokens of a participant, NUL-separated, ending with "\0\0";
 * malloc'ed (used by the store on insert/update). */
char *pc_search_tokens(const char *file_no, const char *family, const char *given);

/* ---- show ---- */
/* Everything held on one participant as JSON (the documented shape of
 * `show --json`) or as readable text, appended to `out`. */
enum pc_status pc_show(struct pc_ctx *c, const char *file_no, bool json, struct pc_buf *out,
		       struct pc_problems *pr);
/* The same, handed to `write` in chunks as it is read (text chunks end at a
 * line's end): only the list of form+periods and one revision at a time are
 * held, whatever the number of revisions. Nothing is written before every
 * revision has been read and checked (a damaged one: PC_UNUSABLE);
 * PC_UNUSABLE ("the output could not be written") when `write` returns
 * false. */
enum pc_status pc_show_write(struct pc_ctx *c, const char *file_no, bool json,
			     bool (*write)(void *ctx, const char *data, size_t len), void *wctx,
			     struct pc_problems *pr);

/* ---- export ---- */
/* CSV guards text cells against spreadsheet formulas (pc_text_csv_cell);
 * CSV_RAW writes them as stored. */
enum pc_export_format { PC_EXPORT_CSV, PC_EXPORT_JSON, PC_EXPORT_CSV_RAW };
/* All current answers of a form, written through `write` in chunks (so
 * 100,000 rows never sit in memory at once). CSV: RFC 4180, UTF-8, a header
 * row of file_no[,period], then one column per field (multi-choice "a,b",
 * repeats as JSON). JSON: an array of {"file_no", "period"?, "revision",
 * "form_version", "by", "at", "answers"}.
 * A journal form (entry.h) gives one row per entry: columns (keys)
 * entry, date, author after file_no, in file then date order. */
enum pc_status pc_export(struct pc_ctx *c, const char *form_id, enum pc_export_format fmt,
			 bool (*write)(void *ctx, const char *data, size_t len), void *wctx,
			 struct pc_problems *pr);

/* ---- one participant's file, for the screens ---- */
/* The participant with this file number; PC_REFUSED when unknown. */
enum pc_status pc_file_get(struct pc_ctx *c, const char *file_no, struct pc_participant *out,
			   struct pc_problems *pr);
/* The latest revision of a form (out->revision = 0 when never saved).
 * PC_REFUSED, nothing fetched, when c->login may not read that form of p
 * (staff.h pc_staff_can_form). */
enum pc_status pc_file_current(struct pc_ctx *c, const struct pc_participant *p,
			       const char *form_id, const char *period, struct pc_revision *out,
			       struct pc_problems *pr);
/* Every revision of the participant that c->login may read (the forms they
 * may not read are not fetched), ordered by form, period, revision;
 * PC_REFUSED when they may read no form. */
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
