/* The model behind the participation month screen: one cell per day and
 * activity category holding hours as typed, turned into the participation
 * form's `entries` rows and back; the core's problems mapped back to their
 * cells; the month's figures over what is on screen; the last twelve
 * months' stored figures. Parsing, validation and the programme rules are
 * the core's: nothing here decides whether hours are right. No drawing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/value.h"
#include "ui/month.h"

/* Used when the person is not enrolled this month (the form's own values). */
static const char *const default_cats[] = {"work", "training", "social"};
static const char *const default_costs[] = {"childcare_costs", "transport_costs"};

int month_grid_weekday(const struct month_grid *g, int day)
{
	return (g->wday1 + day - 1) % 7;
}

/* Weekday of a date, 0 = Monday (Sakamoto's method). */
static int weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	int sunday0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
	return (sunday0 + 6) % 7;
}

void month_shift(char period[8], int by)
{
	int y = 0, m = 0;
	if (sscanf(period, "%4d-%2d", &y, &m) != 2)
		return;
	int k = y * 12 + (m - 1) + by;
	if (k < 12 || k >= 10000 * 12)
		return;
	char buf[32];
	snprintf(buf, sizeof(buf), "%04d-%02d", k / 12, k % 12 + 1);
	memcpy(period, buf, 8);
}

void month_hours_text(double hours, char *out, size_t n)
{
	long m = lround(hours * 60.0);
	const char *sign = m < 0 ? "-" : "";
	m = labs(m);
	if (m % 60)
		snprintf(out, n, "%s%ld:%02ld", sign, m / 60, m % 60);
	else
		snprintf(out, n, "%s%ld", sign, m / 60);
}

static void cells_clear(struct month_grid *g)
{
	for (int d = 0; d < MONTH_DAYS; d++)
		for (size_t c = 0; c < MONTH_CATS; c++) {
			free(g->cells[d][c].text);
			free(g->cells[d][c].note);
			memset(&g->cells[d][c], 0, sizeof(g->cells[d][c]));
		}
	pc_json_free(&g->extra);
}

static int cat_index(const struct month_grid *g, const char *value)
{
	for (size_t c = 0; value && c < g->ncats; c++)
		if (!strcmp(g->cats[c], value))
			return (int)c;
	return -1;
}

/* The grid cell a saved row belongs to, or NULL (another month, an
 * activity the grid has no column for, no hours). */
static struct month_cell *cell_of(struct month_grid *g, const struct pc_json *row)
{
	const char *date = ui_doc_text(row, "date"), *hours = ui_doc_text(row, "hours");
	int y, m, d, c = cat_index(g, ui_doc_text(row, "activity"));
	if (date && hours && c >= 0 && pc_parse_date(date, &y, &m, &d) && y == g->year &&
	    m == g->mon && d >= 1 && d <= g->ndays)
		return &g->cells[d - 1][c];
	return NULL;
}

/* The cells from the answers' entries; rows the grid cannot hold (another
 * month, another activity) go to `extra` untouched, so saving from the
 * grid never loses them. Several rows for the same day and activity (an
 * import, the full form) go there too, all of them: their cell shows the
 * sum and is changed in the full form, where each row keeps its note. */
static bool load_cells(struct month_grid *g)
{
	cells_clear(g);
	g->extra = pc_json_new(PC_JSON_ARRAY);
	if (!g->extra)
		return false;
	const struct pc_json *rows = pc_json_object_get(g->doc.raw, "entries");
	size_t n = rows && rows->kind == PC_JSON_ARRAY ? rows->len : 0;
	for (size_t i = 0; i < n; i++) {
		struct month_cell *cell = cell_of(g, rows->items[i]);
		if (cell)
			cell->rows++;
	}
	for (size_t i = 0; i < n; i++) {
		const struct pc_json *row = rows->items[i];
		struct month_cell *cell = cell_of(g, row);
		if (cell && cell->rows == 1) {
			const char *note = ui_doc_text(row, "note");
			cell->text = strdup(ui_doc_text(row, "hours"));
			cell->note = note ? strdup(note) : NULL;
			if (!cell->text || (note && !cell->note))
				return false;
			continue;
		}
		long min;
		if (cell && pc_parse_hours(ui_doc_text(row, "hours"), &min))
			cell->rows_minutes += min;
		struct pc_json *copy = pc_json_clone(row);
		if (!copy || !pc_json_array_push(g->extra, copy))
			return false;
	}
	return true;
}

/* The cells as entries rows of `obj` (day by day, then the kept rows), and
 * which cell each row came from. */
static bool write_entries(struct month_grid *g, struct pc_json *obj)
{
	size_t cap = (size_t)g->ndays * g->ncats + (g->extra ? g->extra->len : 0) + 1;
	long *map = realloc(g->rowmap, cap * sizeof(*map));
	struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
	if (!map || !rows) {
		pc_json_free(&rows);
		if (map)
			g->rowmap = map;
		return false;
	}
	g->rowmap = map;
	g->nrows = 0;
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++) {
			const struct month_cell *cell = &g->cells[d][c];
			if (!cell->text)
				continue;
			char date[40];
			snprintf(date, sizeof(date), "%04d-%02d-%02d", g->year, g->mon, d + 1);
			struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
			if (!row)
				goto fail;
			ui_doc_set_text(row, "date", date);
			ui_doc_set_text(row, "activity", g->cats[c]);
			ui_doc_set_text(row, "hours", cell->text);
			if (cell->note)
				ui_doc_set_text(row, "note", cell->note);
			if (!pc_json_array_push(rows, row))
				goto fail;
			map[g->nrows++] = d * MONTH_CATS + (long)c;
		}
	for (size_t i = 0; g->extra && i < g->extra->len; i++) {
		struct pc_json *copy = pc_json_clone(g->extra->items[i]);
		if (!copy || !pc_json_array_push(rows, copy))
			goto fail;
		map[g->nrows++] = -1;
	}
	return pc_json_object_set(obj, "entries", rows);
fail:
	pc_json_free(&rows);
	return false;
}

bool month_grid_set(struct month_grid *g, int day, size_t cat, const char *text)
{
	struct month_cell *cell = &g->cells[day][cat];
	bool empty = !text || !*text;
	if (empty ? !cell->text : cell->text && !strcmp(cell->text, text))
		return false;
	char *t = empty ? NULL : strdup(text);
	if (!empty && !t)
		return false;
	free(cell->text);
	cell->text = t;
	if (empty) {
		/* a cleared cell is a removed row, its note with it */
		free(cell->note);
		cell->note = NULL;
	}
	return true;
}

/* What the core's parser makes of each cell, and the sums by day (all of
 * them, so that a day over 24 h shows). */
static void sum_days(struct month_grid *g)
{
	memset(g->day_minutes, 0, sizeof(g->day_minutes));
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++) {
			struct month_cell *cell = &g->cells[d][c];
			long m = -1;
			if (cell->text && !pc_parse_hours(cell->text, &m))
				m = -1;
			cell->minutes = cell->text ? m : 0;
			if (m > 0)
				g->day_minutes[d] += m;
		}
	for (size_t i = 0; g->extra && i < g->extra->len; i++) {
		const struct pc_json *row = g->extra->items[i];
		const char *date = ui_doc_text(row, "date"), *hours = ui_doc_text(row, "hours");
		int y, m, d;
		long min;
		if (date && hours && pc_parse_date(date, &y, &m, &d) && y == g->year &&
		    m == g->mon && pc_parse_hours(hours, &min))
			g->day_minutes[d - 1] += min;
	}
}

/* A cell whose hours count in the totals: parsed and not refused. */
static bool counted(const struct month_cell *cell)
{
	return cell->text && cell->minutes > 0 && !cell->problem;
}

/* By category: the cells that count and the kept rows, so that the
 * columns add up to the month's total. */
static void sum_categories(struct month_grid *g)
{
	memset(g->cat_minutes, 0, sizeof(g->cat_minutes));
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++)
			if (counted(&g->cells[d][c]))
				g->cat_minutes[c] += g->cells[d][c].minutes;
	for (size_t i = 0; g->extra && i < g->extra->len; i++) {
		const struct pc_json *row = g->extra->items[i];
		const char *hours = ui_doc_text(row, "hours");
		int c = cat_index(g, ui_doc_text(row, "activity"));
		long m;
		if (c >= 0 && hours && pc_parse_hours(hours, &m))
			g->cat_minutes[c] += m;
	}
}

static void set_cell_problem(struct month_grid *g, long slot, const char *message)
{
	struct month_cell *cell = &g->cells[slot / MONTH_CATS][slot % MONTH_CATS];
	if (!cell->problem)
		cell->problem = message;
}

void month_grid_map_problems(struct month_grid *g)
{
	for (int d = 0; d < MONTH_DAYS; d++)
		for (size_t c = 0; c < MONTH_CATS; c++)
			g->cells[d][c].problem = NULL;
	memset(g->cost_problem, 0, sizeof(g->cost_problem));
	g->general = NULL;
	const struct pc_problems *pr = &g->doc.live;
	for (size_t i = 0; i < pr->len; i++) {
		const struct pc_problem *p = &pr->items[i];
		if (p->warning)
			continue;
		bool placed = false;
		if (!strncmp(p->where, "entries.", 8)) {
			/* "entries.3.hours": the third row written */
			char *end;
			long n = strtol(p->where + 8, &end, 10);
			if (n >= 1 && (size_t)n <= g->nrows && g->rowmap[n - 1] >= 0) {
				set_cell_problem(g, g->rowmap[n - 1], p->message);
				placed = true;
			}
		} else if (!strcmp(p->where, "entries")) {
			/* the rows of one day together: every cell of such days */
			for (int d = 0; d < g->ndays; d++) {
				if (g->day_minutes[d] <= 24 * 60)
					continue;
				for (size_t c = 0; c < g->ncats; c++)
					if (g->cells[d][c].text) {
						set_cell_problem(g, d * MONTH_CATS + (long)c,
						                 p->message);
						placed = true;
					}
			}
		} else {
			for (size_t k = 0; k < g->ncosts; k++)
				if (!strcmp(p->where, g->costs[k]->name) && !g->cost_problem[k]) {
					g->cost_problem[k] = p->message;
					placed = true;
				}
		}
		if (!placed && !g->general)
			g->general = p->message;
	}
}

/* The month's figures over the answers on screen, by the core's rules for
 * this person's stored enrolment. */
static void compute_live(struct month_grid *g)
{
	g->live = g->stored;
	if (!g->prog || g->stored.month < 1)
		return;
	struct pc_json *answers = pc_json_new(PC_JSON_OBJECT);
	struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
	if (!answers || !rows || !pc_json_object_set(answers, "entries", rows)) {
		pc_json_free(&answers);
		return;
	}
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++) {
			long m = g->cells[d][c].minutes;
			if (!counted(&g->cells[d][c]))
				continue;
			struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
			struct pc_json *h = pc_json_new_number((double)m / 60.0);
			if (!row || !h || !ui_doc_set_text(row, "activity", g->cats[c]) ||
			    !pc_json_object_set(row, "hours", h) ||
			    !pc_json_array_push(rows, row)) {
				pc_json_free(&row);
				pc_json_free(&answers);
				return;
			}
		}
	for (size_t i = 0; g->extra && i < g->extra->len; i++) {
		const struct pc_json *src = g->extra->items[i];
		const char *hours = ui_doc_text(src, "hours"), *act = ui_doc_text(src, "activity");
		long m;
		if (!hours || !act || !pc_parse_hours(hours, &m))
			continue;
		struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
		struct pc_json *h = pc_json_new_number((double)m / 60.0);
		if (!row || !h || !ui_doc_set_text(row, "activity", act) ||
		    !pc_json_object_set(row, "hours", h) || !pc_json_array_push(rows, row)) {
			pc_json_free(&row);
			pc_json_free(&answers);
			return;
		}
	}
	for (size_t k = 0; k < g->ncosts; k++) {
		const char *t = ui_doc_text(g->doc.raw, g->costs[k]->name);
		if (t)
			ui_doc_set_text(answers, g->costs[k]->name, t);
	}
	/* the stored enrolment's rules on what is on screen */
	const struct pc_programme *prog = NULL;
	struct pc_problems pr = {0};
	pc_participant_month_answers(ui_ctx, &g->doc.who, g->doc.period, answers, &prog, &g->live,
				     &pr);
	pc_problems_clear(&pr);
	pc_json_free(&answers);
}

bool month_grid_sync(struct month_grid *g)
{
	bool ok = write_entries(g, g->doc.raw);
	sum_days(g);
	ui_doc_refresh(&g->doc);
	month_grid_map_problems(g);
	sum_categories(g);
	compute_live(g);
	struct month_bar *b = &g->bars[MONTH_BARS - 1];
	b->enrolled = g->prog && g->live.status != PC_MONTH_NOT_ENROLLED;
	b->hours = g->live.total;
	b->target = g->live.target;
	return ok;
}

void month_grid_load_bars(struct month_grid *g)
{
	for (int i = 0; i < MONTH_BARS; i++) {
		struct month_bar *b = &g->bars[i];
		memcpy(b->period, g->doc.period, sizeof(b->period));
		month_shift(b->period, i - (MONTH_BARS - 1));
		if (i == MONTH_BARS - 1) {
			b->enrolled = g->prog && g->live.status != PC_MONTH_NOT_ENROLLED;
			b->hours = g->live.total;
			b->target = g->live.target;
			continue;
		}
		const struct pc_programme *prog = NULL;
		struct pc_month m;
		struct pc_problems pr = {0};
		enum pc_status st = pc_participant_month(ui_ctx, &g->doc.who, b->period, &prog, &m, &pr);
		if (st != PC_OK)
			m.status = PC_MONTH_NOT_ENROLLED;
		b->damaged = st == PC_UNUSABLE;
		pc_problems_clear(&pr);
		b->enrolled = prog && m.status != PC_MONTH_NOT_ENROLLED;
		b->hours = m.total;
		b->target = m.target;
	}
}

/* The columns: the programme's categories, else the form's three. */
static void choose_columns(struct month_grid *g)
{
	g->ncats = 0;
	if (g->prog && g->prog->ncategories) {
		for (size_t c = 0; c < g->prog->ncategories && c < MONTH_CATS; c++)
			g->cats[g->ncats++] = g->prog->categories[c];
	} else {
		for (size_t c = 0; c < sizeof(default_cats) / sizeof(default_cats[0]); c++)
			g->cats[g->ncats++] = default_cats[c];
	}
	g->ncosts = 0;
	size_t n = g->prog ? g->prog->nextra : sizeof(default_costs) / sizeof(default_costs[0]);
	for (size_t k = 0; k < n && g->ncosts < MONTH_COSTS; k++) {
		const char *name = g->prog ? g->prog->extra_costs[k] : default_costs[k];
		const struct pc_field *f = pc_form_field(g->doc.form, name);
		if (f && !f->calculate && f->type != PC_TYPE_REPEAT)
			g->costs[g->ncosts++] = f;
	}
}

enum pc_status month_grid_open(struct month_grid *g, const char *file_no, const char *period,
                               struct pc_problems *pr)
{
	memset(g, 0, sizeof(*g));
	const struct pc_form *form = pc_formset_find(ui_ctx->forms, PC_PARTICIPATION_FORM);
	char extra;
	if (!form) {
		pc_problems_add(pr, false, PC_PARTICIPATION_FORM, _("there is no form \"%s\""),
		                PC_PARTICIPATION_FORM);
		return PC_UNUSABLE;
	}
	if (sscanf(period, "%4d-%2d%c", &g->year, &g->mon, &extra) != 2 || g->mon < 1 ||
	    g->mon > 12) {
		pc_problems_add(pr, false, "period", "%s", period);
		return PC_REFUSED;
	}
	g->ndays = pc_days_in_month(g->year, g->mon);
	g->wday1 = weekday(g->year, g->mon, 1);
	enum pc_status st = ui_doc_open(&g->doc, form, file_no, period, pr);
	if (st != PC_OK)
		return st;
	st = pc_participant_month(ui_ctx, &g->doc.who, period, &g->prog, &g->stored, pr);
	if (st != PC_OK)
		goto fail;
	choose_columns(g);
	/* the saved answers in the grid's row order, so that only a real
	 * change makes the month unsaved */
	if (!load_cells(g) || !write_entries(g, g->doc.saved) || !month_grid_sync(g)) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto fail;
	}
	month_grid_load_bars(g);
	return PC_OK;
fail:
	month_grid_close(g);
	return st;
}

bool month_grid_use(struct month_grid *g, struct pc_json *draft, long long base)
{
	ui_doc_use(&g->doc, draft, base);
	return load_cells(g) && month_grid_sync(g);
}

void month_grid_close(struct month_grid *g)
{
	cells_clear(g);
	free(g->rowmap);
	ui_doc_close(&g->doc);
	memset(g, 0, sizeof(*g));
}
