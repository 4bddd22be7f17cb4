/* What the console's screens and widgets share: the screen interface and
 * stack (tui.c), drawing helpers and prompts (layout.c), the line editor
 * (edit.c), the choice picker (pick.c), the form document (doc.c) and the
 * field panel (panel.c). Internal to src/ui/; the only header besides tui.h
 * that includes curses. */
#ifndef PARCOURS_UI_H
#define PARCOURS_UI_H
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include "parcours/audit.h"
#include "parcours/core.h"
#include "parcours/form.h"

struct pc_json;

/* ---- keys ----
 * A key is a Unicode character, or UI_KEY_BASE + a curses KEY_* code for
 * function and cursor keys, so one int carries both without overlap. */
enum { UI_KEY_BASE = 0x200000 };
enum { UI_CTRL_A = 1, UI_CTRL_C = 3, UI_CTRL_D = 4, UI_CTRL_E = 5, UI_CTRL_G = 7, UI_CTRL_H = 8,
       UI_CTRL_K = 11, UI_CTRL_L = 12, UI_CTRL_N = 14, UI_CTRL_P = 16, UI_CTRL_S = 19,
       UI_CTRL_U = 21, UI_CTRL_W = 23, UI_ESC = 27, UI_DEL = 127 };
static inline bool ui_is_fn(int key)
{
	return key >= UI_KEY_BASE;
}

/* ---- screens ----
 * Each screen is one file with its state kept there (ncdu style). `draw`
 * paints the whole screen into stdscr (after erase); `key` handles one key;
 * both leave the cursor where it belongs. Drawing never changes data. */
enum ui_result {
	UI_DONE,      /* handled; whatever changed was drawn */
	UI_REDRAW,    /* handled; repaint the screen with draw() */
	UI_UNHANDLED, /* not for this screen: the global keys get a chance */
};

/* One line of help: the keys (translated at draw time) and what they do. */
struct ui_keyhelp {
	const char *keys;
	const char *what;
	bool main; /* also shown on the bottom line */
};

struct ui_screen {
	const char *name;
	void (*draw)(void);
	enum ui_result (*key)(int key);
	void (*resume)(void); /* back on top after the screen above closed; may be NULL */
	void (*flush)(void);  /* hangup: keep what was typed (drafts); may be NULL */
	void (*close)(void);  /* leaves the stack: free the state; may be NULL */
	void (*cursor)(void); /* puts the cursor where the person works; may be NULL */
	/* work kept for a pause in typing (the list's count), done when no key
	 * came for a moment after the last one; returns true when some is
	 * still left; may be NULL */
	bool (*idle)(void);
	const struct ui_keyhelp *keys; /* ends with {NULL} */
};

/* The context every screen works with (set by tui_main). */
extern struct pc_ctx *ui_ctx;

/* The stack: push a screen whose state is already opened; pop closes the
 * top one and resumes the one below. Both ask for a full repaint. */
bool ui_push(const struct ui_screen *s);
void ui_pop(void);
const struct ui_screen *ui_top(void);
/* Asks for a full repaint of the top screen before the next key. */
void ui_redraw(void);
/* Ends the main loop after this key (q on the top screen). */
void ui_quit(void);
/* True when a hangup (SIGHUP, SIGTERM, lost terminal) was seen. */
bool ui_hungup(void);
/* Paints what is pending (the whole top screen after a change of screen
 * or size, or the "enlarge" notice) and places the cursor; no output yet. */
void ui_paint(void);
/* Sends the screen to the terminal and reads one key, blocking; false on
 * hangup. KEY_RESIZE is returned too, with a repaint pending. */
bool ui_getkey(int *key);
/* True while the terminal is below 80x24. */
bool ui_small(void);

/* ---- layout.c: drawing helpers ---- */
enum ui_attr_kind { UI_A_TITLE, UI_A_ERROR, UI_A_WARN, UI_A_KEY, UI_A_SELECT, UI_A_HEAD,
		    UI_A_DIM };
/* The attribute for a kind: monochrome unless colours are allowed. */
attr_t ui_attr(enum ui_attr_kind k);
void ui_colors_init(void);
/* Columns taken by UTF-8 text on screen. */
int ui_text_width(const char *s);
/* True for the bidirectional marks, embeddings, overrides and isolates,
 * which the screen shows as '?' rather than let them reorder a line. */
bool ui_bidi_control(uint32_t cp);
/* Draws UTF-8 `s` at y,x in at most `w` columns (never splitting a wide
 * character); control characters are shown as '?'. When `ellipsis` and it
 * does not fit, ends with "…". Returns the columns drawn. */
int ui_put(int y, int x, int w, const char *s, bool ellipsis);
/* Splits UTF-8 `s` in lines of at most `w` columns at spaces (words longer
 * than a line are cut); calls `line` for each (start, byte length). Returns
 * the number of lines. `line` may be NULL to count. */
int ui_wrap(const char *s, int w, void (*line)(void *ctx, const char *p, size_t n), void *ctx);
/* Draws wrapped text from y in at most `maxlines` lines; returns lines used. */
int ui_put_wrapped(int y, int x, int w, int maxlines, const char *s);
/* The reverse-video title line (top), the bottom key line, and the
 * message line just above it. */
void ui_title(const char *left, const char *right);
void ui_status(const struct ui_keyhelp *keys);
/* A message shown on the line above the keys until the next key. */
void ui_message(bool error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_message_draw(void);
/* Called by the main loop when a key arrives: an old message goes away. */
void ui_message_age(void);
/* Shows the first error of `pr` as a message, a location cut to its file
 * name ("skills.yaml:12:3: ..."): what a form definition said (tui.c). */
void ui_problem(const struct pc_problems *pr);
/* Asks a question on the message line and waits for one of the
 * characters of `answers` (lower case; upper case accepted too) or Esc.
 * Returns the character, UI_ESC for Esc, or 0 on hangup. */
int ui_ask(const char *question, const char *answers);
/* prompt.c: asks `question` above the message line and a line of text on
 * it; returns the text typed (malloc'ed) on Enter, NULL on Esc, on hangup
 * or when out of memory. */
char *ui_prompt(const char *question);
/* The same, starting from `initial` (the cursor at its end). */
char *ui_prompt_text(const char *question, const char *initial);
/* w on the file screen: writes export-person's text for the person to a new
 * file the user names (file_export.c). */
void ui_file_export(const char *file_no);
/* Local "YYYY-MM-DD HH:MM" of a UTC "YYYY-MM-DDTHH:MM:SSZ" stamp. */
void ui_local_time(const char *utc, char out[17]);

/* ---- scroll.c: the selection and first row of a list ---- */
struct ui_scroll {
	size_t sel;   /* the selected row, 0-based among all rows */
	size_t top;   /* the first row shown */
	size_t total; /* rows in all */
	size_t page;  /* rows shown at once (taken as 1 when 0) */
};
/* Keeps sel among the rows and top such that sel is shown and no row is
 * left blank at the bottom while rows above are hidden. */
void ui_scroll_fit(struct ui_scroll *s);
/* Up/Down, PgUp/PgDn (Ctrl-B/Ctrl-F), Home/End (Ctrl-A/Ctrl-E), and k/j
 * when `letters` (a list where no text is typed). True when the key is one
 * of these (moved or not); then s is fitted. */
bool ui_scroll_key(struct ui_scroll *s, int key, bool letters);
/* For a list with its own moves: the cursor key a Ctrl twin (Ctrl-B/F
 * pages, Ctrl-A/E first and last) or, when `letters`, k/j stands for;
 * any other key unchanged. */
int ui_scroll_alias(int key, bool letters);
/* n with thousands separated in the user's language: "5 214" (U+202F) in
 * French, "5,214" in English. */
void ui_thousands(unsigned long long n, char *out, size_t size);
/* "12-30 of 5,214" ("" when there is no row); `more`: the total is a
 * lower bound ("of 10,000+"). */
void ui_scroll_count(const struct ui_scroll *s, bool more, char *out, size_t size);
/* An up arrow at y,x when rows are hidden above, a down arrow at the
 * page's last line when rows are hidden below. */
void ui_scroll_marks(const struct ui_scroll *s, int y, int x);

/* ---- edit.c: a UTF-8 text editor for one field ---- */
struct ui_edit {
	wchar_t *s;     /* the text, NUL-terminated, no control characters */
	size_t len, cap;
	size_t cur;     /* cursor index, always at a character boundary */
	size_t off;     /* single line: first index shown */
	size_t vtop;    /* multi-line: first visual line shown */
	bool multiline; /* textarea: Enter inserts a line break */
	bool selected;  /* the whole text, as a field is entered: a character
	                 * typed or an erase replaces it, a move edits it */
};
enum ui_edit_result { UI_EDIT_CHANGED, UI_EDIT_MOVED, UI_EDIT_UNHANDLED };
/* Replaces the text with UTF-8 `s` (control characters dropped); cursor at
 * the end. Returns false on allocation failure. */
bool ui_edit_set(struct ui_edit *e, const char *s, bool multiline);
/* The same, the text selected when there is any and it is one line (a
 * field entered: typing replaces it, as in most form tools). */
bool ui_edit_enter(struct ui_edit *e, const char *s, bool multiline);
/* The text as malloc'ed UTF-8 (NULL on allocation failure). */
char *ui_edit_text(const struct ui_edit *e);
void ui_edit_free(struct ui_edit *e);
/* Handles an editing key: characters, arrows, Home/End, Backspace,
 * Delete, Ctrl-A/E/K/U/W, Enter in multi-line. `w` is the field width. */
enum ui_edit_result ui_edit_key(struct ui_edit *e, int key, int w, int h);
/* Lines a multi-line text takes when drawn w columns wide (at least 1). */
int ui_edit_lines(const struct ui_edit *e, int w);
/* Draws the text in a box of w columns and h lines at y,x and returns the
 * cursor position on screen. */
void ui_edit_draw(struct ui_edit *e, int y, int x, int w, int h, int *cy, int *cx);

/* ---- pick.c: a small list to pick one choice or toggle several ---- */
struct ui_pick {
	const struct pc_choice_list *list;
	size_t *index; /* offered items (not retired, or already chosen) */
	bool *on;      /* multi: toggled */
	size_t n, cur, top;
	bool multi, open;
};
/* Opens the picker over `list` for the current answer text (a value, or
 * "a,b" when multi). Returns false on allocation failure. */
bool ui_pick_open(struct ui_pick *p, const struct pc_choice_list *list, const char *current,
		  bool multi);
void ui_pick_close(struct ui_pick *p);
/* Draws the list as a framed box near y,x (kept inside the screen). */
void ui_pick_draw(struct ui_pick *p, int y, int x);
/* Handles a key: returns 1 when chosen (then *value is the malloc'ed
 * answer text, "" for none), -1 when cancelled, 0 otherwise. */
int ui_pick_key(struct ui_pick *p, int key, char **value);

/* ---- date_words.c: today with one key, yesterday in words ---- */
/* t or . in an empty or selected date field: today. True when handled. */
bool ui_date_key(struct ui_edit *e, int key);
/* "hier", "yesterday", "aujourd'hui", "today", "demain", "tomorrow" (any
 * case, spaces around): the ISO date, relative to the console's today. */
bool ui_date_word(const char *typed, char out[11]);

/* ---- likely.c: a new intake's likely duplicates, before it is saved ---- */
enum ui_likely {
	UI_LIKELY_NONE,  /* no one alike: save */
	UI_LIKELY_GO_ON, /* the user says none is the person: save */
	UI_LIKELY_OPEN,  /* *file_no (malloc'ed) is the person's file: open it */
	UI_LIKELY_BACK,  /* Esc or a hangup: back to the intake, nothing saved */
};
/* Looks for people already on file alike the intake typed in `raw` and,
 * when there are some, lists them with their file numbers and asks.
 * `*said` (malloc'ed, the caller's to free) remembers the names and birth
 * date the user already went on with: not asked twice for the same. */
enum ui_likely ui_likely_ask(const struct pc_json *raw, char **file_no, char **said);

/* ---- doc.c: the answers of one form being filled (no drawing) ---- */
struct ui_doc {
	const struct pc_form *form;
	struct pc_participant who; /* who.file_no == NULL: a new intake */
	char period[24];           /* "YYYY-MM" for a monthly form, a journal's entry
				      id ("17", "" for a new entry), else "" */
	struct pc_json *raw;       /* name -> typed text (repeats: array of row objects) */
	struct pc_json *saved;     /* raw of the current revision, to know what changed */
	struct pc_json *clean;     /* the last answers that validated (calculations) */
	struct pc_problems live;   /* problems of the latest validation */
	long long base;            /* the revision the answers started from */
	bool tried_save;           /* after a refused save, required is checked live */
	struct pc_json *other;     /* merging a sync conflict: the other copy's answers as
				      typed text (shown beside each field); saving closes
				      the conflict (pc_sync_resolve_merged). NULL otherwise */
	char other_site[33];       /* ... and the copy they come from */
};
/* Opens form `form` for participant `file_no` (NULL: new intake) and
 * `period`: loads the current revision as typed text. */
enum pc_status ui_doc_open(struct ui_doc *d, const struct pc_form *form, const char *file_no,
			   const char *period, struct pc_problems *pr);
void ui_doc_close(struct ui_doc *d);
/* The draft of this person for this form, if any: true with its date (local
 * time, "" when unknown). */
bool ui_doc_draft(struct ui_doc *d, char when[17], struct pc_json **draft, long long *base);
/* Whether participant p (NULL: a new intake) has a draft of `form` for
 * `period`, and when it was kept (local time, "" when unknown). */
bool ui_doc_draft_of(const struct pc_participant *p, const struct pc_form *form,
		     const char *period, char when[17]);
/* When there is a draft that differs from what `d` shows, asks whether to
 * resume it: true (and the draft, owned by the caller, with its base
 * revision) when the person says yes. */
bool ui_doc_ask_draft(struct ui_doc *d, struct pc_json **draft, long long *base);
/* Replaces the answers with a draft (takes ownership). */
void ui_doc_use(struct ui_doc *d, struct pc_json *draft, long long base);
/* Keeps the answers as this login's draft. */
enum pc_status ui_doc_keep(struct ui_doc *d, struct pc_problems *pr);
enum pc_status ui_doc_discard(struct ui_doc *d, struct pc_problems *pr);
/* Validates the answers as a draft: updates clean (calculations) and live. */
void ui_doc_refresh(struct ui_doc *d);
/* True when the answers differ from the saved revision. */
bool ui_doc_dirty(const struct ui_doc *d);
/* Saves (intake: adds the participant and sets *file_no, malloc'ed). */
enum pc_status ui_doc_save(struct ui_doc *d, char **file_no, struct pc_problems *pr);
/* The typed text of a top-level answer or of a repeat row's column; NULL
 * when none. `row` is NULL for top-level. */
const char *ui_doc_text(const struct pc_json *obj, const char *name);
/* Sets (or removes, when `text` is empty or NULL) a typed answer in `obj`.
 * Returns true when the value changed. */
bool ui_doc_set_text(struct pc_json *obj, const char *name, const char *text);
/* Which fields of `fields` are relevant, in order (an irrelevant field
 * counts as unanswered for those after it). `row` is a clean repeat row or
 * NULL. Fills vis[0..n). */
void ui_doc_relevance(const struct ui_doc *d, const struct pc_field *fields, size_t n,
		      const struct pc_json *row, bool *vis);
/* The text shown for a typed answer of `f` (choice labels, yes/no). */
char *ui_doc_show(const struct pc_field *f, const char *text);

/* ---- panel.c: the fields of a form or of one repeat row, to fill ---- */
struct ui_panel_line;
struct ui_panel {
	struct ui_doc *doc;
	const struct pc_field *fields; /* the form's top-level fields or a repeat's columns */
	size_t n;
	bool top;                 /* top-level: sections are shown */
	long row;                 /* repeat row index (0-based) or -1 */
	const struct pc_field *repeat; /* the repeat field of the row, or NULL */
	struct pc_json *obj;      /* where the typed answers live (raw or the row) */
	bool *vis;
	size_t cur;               /* focused field; n when none can be focused */
	struct ui_edit edit;      /* the focused field's text while typing */
	bool editing;             /* edit holds the focused field's text */
	struct ui_pick pick;
	struct ui_panel_line *lines;
	size_t nlines, cap;
	size_t topline;
	int y, h, hy, lw, vx;     /* area, hint line, label width, value column */
	int cy, cx;               /* where the cursor goes */
	char **texts;             /* texts made for the lines (problems, labels) */
	size_t ntexts, ctexts;
	void (*changed)(void *ctx); /* an answer changed (after it is stored) */
	void (*open_repeat)(void *ctx, const struct pc_field *f, bool add);
	void *ctx;
};
/* Sets up the panel; `row` < 0 for the top-level fields. */
bool ui_panel_init(struct ui_panel *p, struct ui_doc *doc, const struct pc_field *fields,
		   size_t n, const struct pc_field *repeat, long row);
void ui_panel_free(struct ui_panel *p);
/* Recomputes relevance and the lines (after answers or problems changed). */
void ui_panel_relayout(struct ui_panel *p);
/* Draws the panel in lines y..y+h-1 and the hint line at hy. */
void ui_panel_draw(struct ui_panel *p, int y, int h, int hy);
enum ui_result ui_panel_key(struct ui_panel *p, int key);
/* Stores the text being typed (when leaving, saving or hanging up). */
void ui_panel_commit(struct ui_panel *p);
/* Focuses the first field with an error; false when none. */
bool ui_panel_focus_problem(struct ui_panel *p);
/* Focuses field `name` when it is shown and can be focused; false otherwise. */
bool ui_panel_focus_field(struct ui_panel *p, const char *name);
/* Places the cursor on the focused field. */
void ui_panel_cursor(struct ui_panel *p);
/* Whether the key goes to a text being typed (so '?', 'q' are text). */
bool ui_panel_typing(const struct ui_panel *p);

/* ---- answers.c: saved answers shown read-only ---- */
struct ui_answer_line {
	char *label, *value;
	bool row; /* a repeat's row, under its field: "  1. value" */
};
struct ui_answers {
	struct ui_answer_line *lines;
	size_t n, cap, top;
	int lw;
};
/* Builds the lines of `json` (a revision's answers) for `form`. */
void ui_answers_build(struct ui_answers *a, const struct pc_form *form, const char *json);
void ui_answers_free(struct ui_answers *a);
/* A repeat's row as one line, "value · value" for the fields it answers
 * ("" when none); malloc'd, NULL when out of memory. */
char *ui_row_text(const struct pc_field *f, const struct pc_json *row);
void ui_answers_draw(struct ui_answers *a, int y, int h);
void ui_answers_scroll(struct ui_answers *a, int by);

/* ---- viewer.c: answers read in full, long values wrapped, scrolling ----
 * Pushes the viewer over a copy of `a`'s lines, under `title`; false (said
 * on the message line) when out of memory. */
extern const struct ui_screen ui_viewer_screen;
bool ui_viewer_open(const char *title, const struct ui_answers *a);

/* ---- file_access.c: caseload parts of the file screen ---- */
/* The "Read by" section: the latest audit entries about a participant,
 * for supervisors only (shown false for anyone else: nothing fetched). */
struct ui_readers {
	struct pc_audit_entry *e;
	size_t n;
	bool shown;
};
bool ui_readers_load(struct ui_readers *r, const struct pc_participant *p, size_t max);
void ui_readers_free(struct ui_readers *r);
/* Lines the section takes (0 when not shown); drawn from line y. */
int ui_readers_height(const struct ui_readers *r);
void ui_readers_draw(const struct ui_readers *r, int y);
/* A picker of the enabled counsellors (value: login). */
struct ui_counsellor_pick {
	struct pc_choice_list list;
	struct ui_pick pick;
};
/* false with a problem (none on the staff, the staff unreadable). */
bool ui_counsellor_pick_open(struct ui_counsellor_pick *cp, const char *current,
			     struct pc_problems *pr);
void ui_counsellor_pick_close(struct ui_counsellor_pick *cp);

/* ---- file_glance.c: the file at a glance (due.h pc_file_glance) ---- */
#include "parcours/due.h"
struct ui_glance {
	struct pc_glance g;
	bool loaded;
};
void ui_glance_load(struct ui_glance *g, const struct pc_participant *p);
void ui_glance_free(struct ui_glance *g);
/* Lines the block takes (0: nothing to show); drawn from line y. */
int ui_glance_height(const struct ui_glance *g);
void ui_glance_draw(const struct ui_glance *g, int y);

/* ---- the screens ---- */
extern const struct ui_screen ui_list_screen, ui_file_screen, ui_form_screen,
	ui_repeat_screen, ui_row_screen, ui_history_screen, ui_help_screen;
bool ui_list_open(void);
bool ui_file_open(const char *file_no);
/* Opens a form for a participant (file_no NULL: new intake). */
bool ui_form_open(const char *form_id, const char *file_no, const char *period);
/* The same to merge a sync conflict: this copy's answers, with `theirs`
 * (stored JSON, from copy `site`) shown beside each field that differs;
 * saving asks, then saves the merged revision and closes the conflict. */
bool ui_form_open_merge(const char *form_id, const char *file_no, const char *period,
			const char *theirs, const char *site);
/* conflict.c: a file's sync conflicts, the two versions side by side (k on
 * the file screen), opened on the conflict of `form` (and `period`) when
 * it has one. False, said on the message line, when there is none. */
extern const struct ui_screen ui_conflict_screen;
bool ui_conflict_open(const char *file_no, const char *form, const char *period);
bool ui_history_open(const struct pc_participant *p, const struct pc_form *form);
/* The same for the revisions of one period only (a journal's entry id). */
bool ui_history_open_period(const struct pc_participant *p, const struct pc_form *form,
			    const char *period);
/* A journal form's entries (journal.c): newest first, Enter opens one, a
 * adds one, h shows the history of one. */
extern const struct ui_screen ui_journal_screen;
bool ui_journal_open(const struct pc_participant *p, const struct pc_form *form);
bool ui_help_open(const struct ui_screen *from);
/* What is due (today.c): a counsellor's start page, t from the list. */
extern const struct ui_screen ui_today_screen;
bool ui_today_open(void);
/* session.c: record one AMI workshop session for the group (w from the list). */
extern const struct ui_screen ui_session_screen;
bool ui_session_open(void);
/* The month, below-target and year reports (r from the list). */
extern const struct ui_screen ui_reports_screen;
bool ui_reports_open(void);
/* The repeat table and a row of it, on the form being filled. */
bool ui_repeat_open(struct ui_doc *doc, const struct pc_field *f, bool add);
bool ui_row_open(struct ui_doc *doc, const struct pc_field *f, size_t row);
/* The form screen's reaction to an answer changed in a row, and its save
 * (F2 from a row goes back to the form and saves). */
void ui_form_changed(void);
void ui_form_save(void);

/* enrol.c: the enrolment panel of file `file_no` (leaving: record the
 * exit instead), prefilled with `programme` and `start` when given (NULL:
 * the person's programme, today). False, with the reason said, when the
 * reader may not enrol this person. */
extern const struct ui_screen ui_enrol_screen;
bool ui_enrol_open(const char *file_no, bool leaving, const char *programme, const char *start);
/* One line on p's enrolments for the file screen: the open one, or the
 * last with its exit reason, and the key to press. True when p is enrolled
 * now (the line then names the programme). */
bool ui_enrol_summary(const struct pc_participant *p, char *out, size_t size);
/* After an intake of file_no that names `programme` (a code; NULL or not
 * a programme: nothing) and `start` (may be NULL) is saved: when the
 * person has no open enrolment, asks whether to enrol them and opens the
 * prefilled panel on yes; says who enrols to a reader who may not. */
void ui_enrol_offer(const char *file_no, const char *programme, const char *start);

/* Key names and frequent texts, translated. */
const char *ui_yes(void);
const char *ui_no(void);

#endif
