/* The reports screen: the month report (everyone, or only those below
 * their target), the year report and the year's activity, computed by the core exactly as
 * `parcours report` prints them, shown in a scrolling page. Opened with r
 * from the participants list. A long report shows how many rows are done
 * while it is computed; a line is selected, and Enter on a participant's
 * row (it starts with a file number) opens that file. Nothing here changes
 * data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/activity.h"
#include "parcours/ami.h"
#include "parcours/buf.h"
#include "parcours/file_no.h"
#include "parcours/i18n.h"
#include "parcours/participation.h"
#include "parcours/value.h"
#include "ui.h"

enum report_kind { REPORT_MONTH, REPORT_BELOW, REPORT_YEAR, REPORT_ACTIVITY, REPORT_AMI };

static struct {
	enum report_kind kind;
	int year, month;
	char *text;    /* the report, lines separated by '\n' */
	size_t *lines; /* offsets of line starts */
	size_t nlines;
	struct ui_scroll S; /* the selected line and the first shown */
	int left;      /* first column shown */
} R;

static const struct ui_keyhelp keys[] = {
	{N_("<, >"), N_("Previous or next month"), true},
	{N_("b"), N_("Below target only"), true},
	{N_("y"), N_("Year"), true},
	{N_("a"), N_("Activity"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Enter"), N_("Open the file of the participant's row"), false},
	{N_("Up, Down, PgUp, PgDn"), N_("Scroll"), false},
	{N_("Home, End"), N_("First or last line"), false},
	{N_("Left, Right"), N_("Scroll sideways"), false},
	{N_("m"), N_("Everyone in the month"), false},
	{N_("w"), N_("AMI workshops: half-days a week"), false},
	{N_("Shift-PgUp, Shift-PgDn"), N_("Previous or next month (as < >)"), false},
	{NULL, NULL, false},
};

static bool line_file_no(size_t i, char *out, size_t size);

static bool add(void *ctx, const char *data, size_t len)
{
	pc_buf_add(ctx, data, len);
	return !((struct pc_buf *)ctx)->failed;
}

/* Shown while a long report is computed: the rows done so far. */
static void progress(void *ctx, size_t done)
{
	(void)ctx;
	ui_message(false, _("Computing the report: %zu rows..."), done);
	ui_message_draw();
	doupdate();
}

static void report_free(void)
{
	free(R.text);
	free(R.lines);
	R.text = NULL;
	R.lines = NULL;
	R.nlines = 0;
	R.S = (struct ui_scroll){0};
	R.left = 0;
}

/* Computes the report of the current kind and period into R.text. */
static void compute(void)
{
	report_free();
	struct pc_buf b = {0};
	struct pc_problems pr = {0};
	struct pc_report_out out = {.format = PC_REPORT_TEXT, .write = add, .progress = progress,
				    .ctx = &b};
	char period[8];
	snprintf(period, sizeof(period), "%04d-%02d", R.year, R.month);
	enum pc_status st =
		R.kind == REPORT_YEAR	  ? pc_report_year(ui_ctx, R.year, &out, &pr)
		: R.kind == REPORT_ACTIVITY ? pc_report_activity(ui_ctx, R.year, &out, &pr)
		: R.kind == REPORT_AMI	    ? pc_report_ami(ui_ctx, period, &out, &pr)
					    : pc_report_month(ui_ctx, period, R.kind == REPORT_BELOW, &out, &pr);
	if (st != PC_OK) {
		pc_buf_reset(&b);
		for (size_t i = 0; i < pr.len; i++)
			pc_buf_printf(&b, "%s\n", pr.items[i].message);
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("the report failed"));
	}
	else
		ui_message(false, "%s", _("Report up to date"));
	pc_problems_clear(&pr);
	R.text = pc_buf_take(&b);
	if (!R.text)
		return;
	size_t n = 1;
	for (const char *s = R.text; *s; s++)
		n += *s == '\n';
	R.lines = calloc(n, sizeof(size_t));
	if (!R.lines)
		return;
	R.lines[R.nlines++] = 0;
	for (size_t i = 0; R.text[i]; i++)
		if (R.text[i] == '\n' && R.text[i + 1])
			R.lines[R.nlines++] = i + 1;
	/* the selection starts on the first participant's row */
	char no[32];
	for (size_t i = 0; i < R.nlines; i++)
		if (line_file_no(i, no, sizeof(no))) {
			R.S.sel = i;
			break;
		}
}

static int page(void)
{
	int h = LINES - 4;
	return h > 1 ? h : 1;
}

/* The part of a line from display column `left` on (report lines are
 * mostly ASCII; a wide character counts as it is drawn). */
static const char *from_column(const char *s, int left)
{
	int col = 0;
	while (*s && *s != '\n' && col < left) {
		col++;
		s++;
		while ((*s & 0xC0) == 0x80)
			s++;
	}
	return s;
}

static void reports_draw(void)
{
	char title[128];
	if (R.kind == REPORT_YEAR)
		snprintf(title, sizeof(title), _("Reports - year %d"), R.year);
	else if (R.kind == REPORT_ACTIVITY)
		snprintf(title, sizeof(title), _("Reports - activity in %d"), R.year);
	else if (R.kind == REPORT_AMI)
		snprintf(title, sizeof(title), _("Reports - AMI workshops, %04d-%02d"), R.year, R.month);
	else
		snprintf(title, sizeof(title), R.kind == REPORT_BELOW ? _("Reports - below target, %04d-%02d")
								       : _("Reports - month %04d-%02d"),
			 R.year, R.month);
	R.S.total = R.nlines;
	R.S.page = (size_t)page();
	ui_scroll_fit(&R.S);
	char count[96];
	ui_scroll_count(&R.S, false, count, sizeof(count));
	ui_title(title, count);
	for (int y = 0; y < page() && R.S.top + (size_t)y < R.nlines; y++) {
		size_t i = R.S.top + (size_t)y;
		const char *line = R.text + R.lines[i];
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *copy = strndup(line, n);
		if (i == R.S.sel) {
			attrset(ui_attr(UI_A_SELECT));
			move(2 + y, 0);
			hline(' ', COLS);
		}
		if (copy)
			ui_put(2 + y, 1, COLS - 2, from_column(copy, R.left), true);
		attrset(A_NORMAL);
		free(copy);
	}
	ui_scroll_marks(&R.S, 2, COLS - 1);
	ui_message_draw();
	ui_status(keys);
}

/* The file number a report line starts with ("2026-0042 ..." or
 * "RN-2026-0042 ..."), if any. */
static bool line_file_no(size_t i, char *out, size_t size)
{
	if (i >= R.nlines)
		return false;
	const char *s = R.text + R.lines[i];
	while (*s == ' ')
		s++;
	size_t n = strcspn(s, " \n");
	struct pc_file_no no;
	if (!n || n >= size)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return pc_file_no_parse(out, &no);
}

static void move_month(int by)
{
	int m = R.year * 12 + (R.month - 1) + by;
	R.year = m / 12;
	R.month = m % 12 + 1;
}

static enum ui_result reports_key(int key)
{
	switch (key) {
	case '<':
	case UI_KEY_BASE + KEY_SPREVIOUS:
		if (R.kind == REPORT_YEAR || R.kind == REPORT_ACTIVITY)
			R.year--;
		else
			move_month(-1);
		compute();
		return UI_REDRAW;
	case '>':
	case UI_KEY_BASE + KEY_SNEXT:
		if (R.kind == REPORT_YEAR || R.kind == REPORT_ACTIVITY)
			R.year++;
		else
			move_month(1);
		compute();
		return UI_REDRAW;
	case 'b':
		R.kind = R.kind == REPORT_BELOW ? REPORT_MONTH : REPORT_BELOW;
		compute();
		return UI_REDRAW;
	case 'm':
		R.kind = REPORT_MONTH;
		compute();
		return UI_REDRAW;
	case 'y':
		R.kind = R.kind == REPORT_YEAR ? REPORT_MONTH : REPORT_YEAR;
		compute();
		return UI_REDRAW;
	case 'a':
		R.kind = R.kind == REPORT_ACTIVITY ? REPORT_MONTH : REPORT_ACTIVITY;
		compute();
		return UI_REDRAW;
	case 'w':
		R.kind = R.kind == REPORT_AMI ? REPORT_MONTH : REPORT_AMI;
		compute();
		return UI_REDRAW;
	case ' ':
		return reports_key(UI_KEY_BASE + KEY_NPAGE);
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER: {
		char no[32];
		if (line_file_no(R.S.sel, no, sizeof(no)))
			ui_file_open(no);
		else
			ui_message(false, "%s", _("This line is not a participant's: choose a row that starts with a file number."));
		return UI_REDRAW;
	}
	case UI_KEY_BASE + KEY_RIGHT:
		R.left += 10;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_LEFT:
		R.left = R.left > 10 ? R.left - 10 : 0;
		return UI_REDRAW;
	case UI_ESC:
	case 'q':
		ui_pop();
		return UI_DONE;
	default:
		return ui_scroll_key(&R.S, key, true) ? UI_REDRAW : UI_UNHANDLED;
	}
}

static void reports_close(void)
{
	report_free();
}

const struct ui_screen ui_reports_screen = {
	.name = "reports",
	.draw = reports_draw,
	.key = reports_key,
	.close = reports_close,
	.keys = keys,
};

bool ui_reports_open(void)
{
	int d;
	memset(&R, 0, sizeof(R));
	if (!pc_parse_date(ui_ctx->today, &R.year, &R.month, &d)) {
		R.year = 2026;
		R.month = 1;
	}
	R.kind = REPORT_MONTH;
	if (!ui_push(&ui_reports_screen))
		return false;
	compute();
	return true;
}
