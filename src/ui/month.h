/* What the participation month screen's files share: the grid of one
 * person's month (month_grid.c: cells as typed text <-> the form's answers,
 * problems mapped back to cells, live figures, the twelve-month bars), the
 * screen's state (month.c: cursor, keys, saving) and its drawing
 * (month_draw.c). Private to those three files, but for ui_month_open,
 * which the file screen calls. */
#ifndef PARCOURS_UI_MONTH_H
#define PARCOURS_UI_MONTH_H
#include "parcours/programme.h"
#include "ui/ui.h"

enum { MONTH_DAYS = 31, MONTH_CATS = 8, MONTH_COSTS = 4, MONTH_BARS = 12 };

struct month_cell {
	char *text;          /* hours as typed, NULL when empty */
	char *note;          /* the note of a saved row, kept as it was */
	long minutes;        /* parsed by the core; < 0 when the text is refused */
	const char *problem; /* the core's message (owned by doc.live), or NULL */
	int rows;            /* > 1: that many saved rows for this day and activity,
	                      * kept whole in the grid's `extra`: the cell shows
	                      * their sum and is changed in the full form */
	long rows_minutes;   /* their sum */
};

/* One month of the bar chart (stored figures; the shown month is live). */
struct month_bar {
	char period[8];
	bool enrolled;
	bool damaged; /* its saved answers do not read */
	double hours, target;
};

struct month_grid {
	struct ui_doc doc;
	const struct pc_programme *prog; /* NULL when not enrolled this month */
	struct pc_month stored;          /* from the store: month number, target */
	struct pc_month live;            /* the same over the answers on screen */
	int year, mon, ndays, wday1;     /* wday1: weekday of the 1st, 0 = Monday */
	const char *cats[MONTH_CATS];    /* the activity values, one per column */
	size_t ncats;
	struct month_cell cells[MONTH_DAYS][MONTH_CATS];
	long day_minutes[MONTH_DAYS]; /* what parsed, by day */
	long cat_minutes[MONTH_CATS];
	struct pc_json *extra; /* saved rows the grid cannot show, kept */
	const struct pc_field *costs[MONTH_COSTS];
	const char *cost_problem[MONTH_COSTS];
	size_t ncosts;
	const char *general; /* a problem no cell or cost holds */
	long *rowmap;        /* entries index -> day * MONTH_CATS + cat, -1 extra */
	size_t nrows;
	struct month_bar bars[MONTH_BARS];
};

/* Opens the month `period` ("YYYY-MM") of participant `file_no` and offers
 * its draft; false (with a message) when it cannot be opened. */
bool ui_month_open(const char *file_no, const char *period);
extern const struct ui_screen ui_month_screen;

/* ---- month_grid.c (no drawing) ---- */
/* Opens the participation month `period` of `file_no`: the saved answers,
 * the programme's categories and costs, the figures and the bars. */
enum pc_status month_grid_open(struct month_grid *g, const char *file_no, const char *period,
                               struct pc_problems *pr);
void month_grid_close(struct month_grid *g);
/* Replaces the answers with a draft (takes ownership) and rebuilds the grid. */
bool month_grid_use(struct month_grid *g, struct pc_json *draft, long long base);
/* Sets a cell's text (NULL or "" clears it); true when it changed. */
bool month_grid_set(struct month_grid *g, int day, size_t cat, const char *text);
/* Writes the cells back into the answers, validates them as a draft (or as
 * a save after a refused one), maps the problems to cells and recomputes
 * the figures. False on allocation failure. */
bool month_grid_sync(struct month_grid *g);
/* After validation: the problems of doc.live mapped to cells and costs. */
void month_grid_map_problems(struct month_grid *g);
/* The stored figures of the month and of the eleven before it. */
void month_grid_load_bars(struct month_grid *g);
/* Weekday (0 = Monday) of day `day` (1-based). */
int month_grid_weekday(const struct month_grid *g, int day);
/* "YYYY-MM" moved by `by` months. */
void month_shift(char period[8], int by);
/* Hours as "7", "7:30"; malloc'ed-free: writes into out. */
void month_hours_text(double hours, char *out, size_t n);

/* ---- the screen's state, shared with month_draw.c ---- */
struct month_view {
	struct month_grid g;
	bool open;
	int row;    /* 0..ndays-1 a day, then ndays + k the cost k */
	size_t col; /* category of a day row */
	int top;    /* first day shown */
	bool editing;
	struct ui_edit edit; /* the cell or cost being typed */
};

/* ---- month_draw.c ---- */
enum { MONTH_CELL_W = 7, MONTH_LABEL_W = 7, MONTH_COST_W = 10 };
/* Number of day rows that fit on the screen. */
int month_visible_days(void);
/* The whole screen. */
void month_draw_all(struct month_view *v);
/* One day cell or cost (after a move or a key typed in it). */
void month_draw_slot(struct month_view *v, int row, size_t col);
/* The hint line: the focused cell's problem or what it takes. */
void month_draw_hint(struct month_view *v);
/* Puts the cursor on the focused cell. */
void month_place_cursor(struct month_view *v);

#endif
