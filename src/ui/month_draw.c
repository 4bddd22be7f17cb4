/* Drawing the participation month screen (month.c): the grid of days and
 * categories with its totals, the figures against the target, the extra
 * costs, and the last twelve months as bars of '#' with '|' at the target
 * and the figures in text, so that nothing depends on colour. A single
 * cell can be drawn alone (typing, moving) to keep a slow link quiet.
 * Changes nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "ui/month.h"

enum { HEAD_Y = 1, COLS_Y = 2, DAYS_Y = 3, BAR_FIG_W = 13, RIGHT_MIN = 30, RIGHT_MAX = 60 };

static const char *const wday_short[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
                                         N_("Fr"), N_("Sa"), N_("Su")};
static const char *const wday_long[] = {N_("Monday"),   N_("Tuesday"), N_("Wednesday"),
                                        N_("Thursday"), N_("Friday"),  N_("Saturday"),
                                        N_("Sunday")};
static const char *const month_names[] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

int month_visible_days(void)
{
	int n = LINES - 7;
	return n < 1 ? 1 : n;
}

/* Right under the last day shown. */
static int totals_y(const struct month_grid *g)
{
	int vis = month_visible_days();
	return DAYS_Y + (g->ndays < vis ? g->ndays : vis);
}

static int grid_width(const struct month_grid *g)
{
	return MONTH_LABEL_W + (int)(g->ncats + 1) * MONTH_CELL_W;
}

static int right_x(const struct month_grid *g)
{
	return grid_width(g) + 2;
}

/* Wide enough for the bars to be read, not so wide that the eye gets lost. */
static int right_w(const struct month_grid *g)
{
	int w = COLS - right_x(g) - 1;
	return w > RIGHT_MAX ? RIGHT_MAX : w;
}

static bool weekend(const struct month_grid *g, int d)
{
	return month_grid_weekday(g, d + 1) >= 5;
}

/* A column heading: the usual categories have a short name. */
static const char *cat_short(const char *value)
{
	if (!strcmp(value, "work"))
		return _("Work");
	if (!strcmp(value, "training"))
		return _("Train");
	if (!strcmp(value, "social"))
		return _("Soc.");
	return value;
}

/* The category's label in the form (its choice), for the hint line. */
static const char *cat_label(const struct month_grid *g, const char *value)
{
	const struct pc_field *f = pc_form_field(g->doc.form, "entries.activity");
	const struct pc_choice *c = f && f->choices ? pc_choice_find(f->choices, value) : NULL;
	return c ? pc_text_get(&c->label) : value;
}

/* `s` right-aligned in exactly w columns (cut with "…" when longer). */
static void put_right(int y, int x, int w, const char *s)
{
	int tw = ui_text_width(s);
	move(y, x);
	if (tw >= w) {
		ui_put(y, x, w, s, true);
		return;
	}
	hline(' ', w - tw);
	ui_put(y, x + w - tw, tw, s, false);
}

static void draw_cost(struct month_view *v, size_t k, bool focused);

static int cost_y(const struct month_grid *g, size_t k)
{
	return DAYS_Y + MONTH_BARS + 3 + (int)k;
}

/* Where the cost's value is typed: a bracketed box at the right edge. */
static int cost_x(const struct month_grid *g)
{
	return right_x(g) + right_w(g) - MONTH_COST_W - 1;
}

static void draw_day_total(struct month_view *v, int d)
{
	const struct month_grid *g = &v->g;
	int y = DAYS_Y + d - v->top, x = MONTH_LABEL_W + (int)g->ncats * MONTH_CELL_W;
	char t[32] = "";
	if (g->day_minutes[d] > 0)
		month_hours_text((double)g->day_minutes[d] / 60.0, t, sizeof(t));
	attrset(A_NORMAL);
	put_right(y, x, MONTH_CELL_W - 2, t);
	addstr(g->day_minutes[d] > 24 * 60 ? "!" : " ");
}

void month_draw_slot(struct month_view *v, int row, size_t col)
{
	struct month_grid *g = &v->g;
	if (row >= g->ndays) {
		draw_cost(v, (size_t)(row - g->ndays), row == v->row);
		return;
	}
	int d = row;
	if (d < v->top || d >= v->top + month_visible_days() || col >= g->ncats)
		return;
	int y = DAYS_Y + d - v->top, x = MONTH_LABEL_W + (int)col * MONTH_CELL_W;
	const struct month_cell *cell = &g->cells[d][col];
	bool focused = row == v->row && col == v->col;
	int w = MONTH_CELL_W - 2;
	if (focused && v->editing) {
		/* typing takes the mark's column too: "12:45" and the cursor */
		int cy, cx;
		attrset(A_NORMAL);
		ui_edit_draw(&v->edit, y, x, w + 1, 1, &cy, &cx);
		return;
	} else {
		char sum[32];
		if (cell->rows > 1)
			month_hours_text((double)cell->rows_minutes / 60.0, sum, sizeof(sum));
		const char *t = cell->rows > 1 ? sum
		                : cell->text   ? cell->text
		                : weekend(g, d) ? "-"
		                                : ".";
		bool blank = !cell->text && cell->rows < 2;
		attrset(focused                  ? ui_attr(UI_A_SELECT)
		        : blank && weekend(g, d) ? ui_attr(UI_A_DIM)
		                                 : A_NORMAL);
		put_right(y, x, w, t);
	}
	/* a refused value is marked by a character, not only by colour; "+"
	 * is a sum of several rows */
	attrset(cell->problem ? ui_attr(UI_A_ERROR) : A_NORMAL);
	mvaddstr(y, x + w, cell->problem ? "!" : cell->rows > 1 ? "+" : cell->note ? "*" : " ");
	attrset(A_NORMAL);
}

static void draw_day(struct month_view *v, int d)
{
	struct month_grid *g = &v->g;
	int y = DAYS_Y + d - v->top;
	char label[64];
	snprintf(label, sizeof(label), "%s %02d", _(wday_short[month_grid_weekday(g, d + 1)]),
	         d + 1);
	attrset(weekend(g, d) ? ui_attr(UI_A_DIM) : A_NORMAL);
	ui_put(y, 1, MONTH_LABEL_W - 2, label, false);
	attrset(A_NORMAL);
	for (size_t c = 0; c < g->ncats; c++)
		month_draw_slot(v, d, c);
	draw_day_total(v, d);
}

static void draw_grid(struct month_view *v)
{
	struct month_grid *g = &v->g;
	attrset(ui_attr(UI_A_HEAD));
	for (size_t c = 0; c < g->ncats; c++)
		put_right(COLS_Y, MONTH_LABEL_W + (int)c * MONTH_CELL_W, MONTH_CELL_W - 2,
		          cat_short(g->cats[c]));
	put_right(COLS_Y, MONTH_LABEL_W + (int)g->ncats * MONTH_CELL_W, MONTH_CELL_W - 2, _("Day"));
	attrset(A_NORMAL);
	int vis = month_visible_days();
	for (int d = v->top; d < g->ndays && d < v->top + vis; d++)
		draw_day(v, d);
	/* more days above or below: said above the day labels */
	mvaddstr(COLS_Y, 1, v->top > 0 ? "^" : " ");
	mvaddstr(COLS_Y, 2, v->top + vis < g->ndays ? "v" : " ");
	int y = totals_y(g);
	char t[32];
	long all = 0;
	attrset(A_BOLD);
	ui_put(y, 1, MONTH_LABEL_W - 2, _("Total"), true);
	for (size_t c = 0; c < g->ncats; c++) {
		month_hours_text((double)g->cat_minutes[c] / 60.0, t, sizeof(t));
		put_right(y, MONTH_LABEL_W + (int)c * MONTH_CELL_W, MONTH_CELL_W - 2, t);
		all += g->cat_minutes[c];
	}
	month_hours_text(g->prog ? g->live.total : (double)all / 60.0, t, sizeof(t));
	put_right(y, MONTH_LABEL_W + (int)g->ncats * MONTH_CELL_W, MONTH_CELL_W - 2, t);
	attrset(A_NORMAL);
}

/* One month of the chart: "> 2026-02 ########.....|.....  12/40". */
static void draw_bar(const struct month_view *v, int i, double scale)
{
	const struct month_grid *g = &v->g;
	const struct month_bar *b = &g->bars[i];
	int x = right_x(g), w = right_w(g), y = DAYS_Y + i;
	int bw = w - 1 - 7 - 1 - 1 - BAR_FIG_W;
	bool current = i == MONTH_BARS - 1;
	attrset(current ? A_BOLD : A_NORMAL);
	mvaddstr(y, x, current ? ">" : " ");
	ui_put(y, x + 1, 7, b->period, false);
	if (b->damaged || !b->enrolled) {
		ui_put(y, x + 9, w - 9, b->damaged ? _("damaged") : _("not enrolled"), true);
		attrset(A_NORMAL);
		return;
	}
	if (bw > 0) {
		char *bar = malloc((size_t)bw + 1);
		if (bar) {
			long fill = lround(b->hours / scale * (bw - 1));
			long tp = b->target > 0 ? lround(b->target / scale * (bw - 1)) : -1;
			for (int k = 0; k < bw; k++)
				bar[k] = k == tp ? '|' : k < fill ? '#' : k < tp ? '.' : ' ';
			bar[bw] = '\0';
			mvaddstr(y, x + 9, bar);
			free(bar);
		}
	}
	/* "57 h 30/80 h", as the file and the reports say it; the hours alone
	 * when both do not fit */
	char h[PC_FORMAT_MAX], tg[PC_FORMAT_MAX], fig[2 * PC_FORMAT_MAX + 2];
	pc_format_hours(h, sizeof(h), b->hours);
	if (b->target > 0)
		pc_format_hours(tg, sizeof(tg), b->target);
	else
		snprintf(tg, sizeof(tg), "-");
	if (pc_format_width(h) + 1 + pc_format_width(tg) <= BAR_FIG_W)
		snprintf(fig, sizeof(fig), "%s/%s", h, tg);
	else
		snprintf(fig, sizeof(fig), "%s", h);
	put_right(y, x + w - BAR_FIG_W, BAR_FIG_W, fig);
	attrset(A_NORMAL);
}


static void draw_cost(struct month_view *v, size_t k, bool focused)
{
	struct month_grid *g = &v->g;
	if (k >= g->ncosts || right_w(g) < RIGHT_MIN)
		return;
	int y = cost_y(g, k), x = cost_x(g);
	if (y > LINES - 4)
		return;
	const struct pc_field *f = g->costs[k];
	attrset(A_NORMAL);
	move(y, right_x(g));
	hline(' ', right_w(g));
	ui_put(y, right_x(g), x - right_x(g) - 2, pc_text_get(&f->label), true);
	mvaddstr(y, x - 1, "[");
	int w = MONTH_COST_W - 1;
	if (focused && v->editing) {
		int cy, cx;
		ui_edit_draw(&v->edit, y, x, w, 1, &cy, &cx);
	} else {
		const char *t = ui_doc_text(g->doc.raw, f->name);
		attrset(focused ? ui_attr(UI_A_SELECT) : A_NORMAL);
		put_right(y, x, w, t ? t : "");
		attrset(A_NORMAL);
	}
	mvaddstr(y, x + w, "]");
	attrset(g->cost_problem[k] ? ui_attr(UI_A_ERROR) : A_NORMAL);
	addstr(g->cost_problem[k] ? "!" : " ");
	attrset(A_NORMAL);
}

static void draw_right(struct month_view *v)
{
	struct month_grid *g = &v->g;
	int x = right_x(g), w = right_w(g);
	if (w < RIGHT_MIN)
		return;
	attrset(ui_attr(UI_A_HEAD));
	ui_put(COLS_Y, x, w, _("Last 12 months: # hours, | target"), true);
	attrset(A_NORMAL);
	double scale = 1;
	for (int i = 0; i < MONTH_BARS; i++)
		if (g->bars[i].enrolled) {
			if (g->bars[i].hours > scale)
				scale = g->bars[i].hours;
			if (g->bars[i].target > scale)
				scale = g->bars[i].target;
		}
	for (int i = 0; i < MONTH_BARS; i++)
		draw_bar(v, i, scale);
	char line[300], a[PC_FORMAT_MAX], b[PC_FORMAT_MAX], h[PC_FORMAT_MAX], t[PC_FORMAT_MAX];
	int y = DAYS_Y + MONTH_BARS;
	if (g->prog && g->live.status != PC_MONTH_NOT_ENROLLED) {
		pc_format_hours(h, sizeof(h), g->live.total);
		pc_format_hours(t, sizeof(t), g->live.target);
		snprintf(line, sizeof(line), _("%s of %s: %s"), h, t, pc_month_status_label(g->live.status));
		attrset(A_BOLD);
		ui_put(y, x, w, line, true);
		attrset(A_NORMAL);
		pc_format_money(a, sizeof(a), g->live.allowance_participant);
		pc_format_money(b, sizeof(b), g->live.allowance_organisation);
		snprintf(line, sizeof(line), _("Allowance to the person: %s"), a);
		ui_put(y + 1, x, w, line, true);
		snprintf(line, sizeof(line), _("To the organisation: %s"), b);
		ui_put(y + 2, x, w, line, true);
	} else {
		ui_put(y, x, w, _("Not enrolled in a programme this month."), true);
	}
	for (size_t k = 0; k < g->ncosts; k++)
		draw_cost(v, k, v->row == g->ndays + (int)k);
	/* rows the grid cannot show are counted, and said */
	y = cost_y(g, g->ncosts);
	if (g->extra && g->extra->len && y <= LINES - 4) {
		snprintf(line, sizeof(line), _("+%zu rows apart (f: full form)"), g->extra->len);
		ui_put(y, x, w, line, true);
	}
}

static void draw_head(struct month_view *v)
{
	struct month_grid *g = &v->g;
	char line[400], prog[200];
	if (g->prog && g->stored.month >= 1) {
		char t[PC_FORMAT_MAX];
		pc_format_hours(t, sizeof(t), g->stored.target);
		snprintf(prog, sizeof(prog), _("%s, month %d of the programme, target %s"),
		         pc_text_get(&g->prog->title), g->stored.month, t);
	} else {
		/* said with the way out: the enrolment is made on the file */
		snprintf(prog, sizeof(prog), "%s",
		         _("not enrolled: Esc, then p on the file enrols"));
	}
	snprintf(line, sizeof(line), "%s %d - %s", _(month_names[g->mon - 1]), g->year, prog);
	attrset(A_BOLD);
	ui_put(HEAD_Y, 1, COLS - 2, line, true);
	attrset(A_NORMAL);
}

void month_draw_hint(struct month_view *v)
{
	struct month_grid *g = &v->g;
	int y = LINES - 3;
	move(y, 0);
	clrtoeol();
	const char *problem = NULL;
	char line[600];
	line[0] = '\0';
	if (v->row < g->ndays) {
		const struct month_cell *cell = &g->cells[v->row][v->col];
		problem = cell->problem;
		const struct pc_field *h = pc_form_field(g->doc.form, "entries.hours");
		snprintf(line, sizeof(line), _("%s %d %s, %s: %s%s%s"),
		         _(wday_long[month_grid_weekday(g, v->row + 1)]), v->row + 1,
		         _(month_names[g->mon - 1]), cat_label(g, g->cats[v->col]),
		         h ? pc_text_get(&h->hint) : "", cell->note ? " * " : "",
		         cell->note ? cell->note : "");
	} else {
		size_t k = (size_t)(v->row - g->ndays);
		problem = k < g->ncosts ? g->cost_problem[k] : NULL;
		if (k < g->ncosts)
			snprintf(line, sizeof(line), _("%s: %s"), pc_text_get(&g->costs[k]->label),
			         pc_text_get(&g->costs[k]->hint));
	}
	if (!problem)
		problem = g->general;
	if (problem) {
		attrset(ui_attr(UI_A_ERROR));
		mvaddstr(y, 0, "! ");
		ui_put(y, 2, COLS - 3, problem, true);
		attrset(A_NORMAL);
		return;
	}
	attrset(ui_attr(UI_A_DIM));
	ui_put(y, 2, COLS - 3, line, true);
	attrset(A_NORMAL);
}

void month_draw_all(struct month_view *v)
{
	draw_head(v);
	draw_grid(v);
	draw_right(v);
	month_draw_hint(v);
}

void month_place_cursor(struct month_view *v)
{
	struct month_grid *g = &v->g;
	int y, x, w;
	if (v->row < g->ndays) {
		y = DAYS_Y + v->row - v->top;
		x = MONTH_LABEL_W + (int)v->col * MONTH_CELL_W;
		w = v->editing ? MONTH_CELL_W - 1 : MONTH_CELL_W - 2;
	} else {
		y = cost_y(g, (size_t)(v->row - g->ndays));
		x = cost_x(g);
		w = MONTH_COST_W - 1;
	}
	if (v->editing) {
		/* drawn again at the same place only to learn where the cursor is */
		int cy, cx;
		ui_edit_draw(&v->edit, y, x, w, 1, &cy, &cx);
		move(cy, cx);
	} else {
		move(y, x + w - 1);
	}
}
