/* The console's main loop: terminal set-up (escape sequences terminfo does
 * not list, a terminal that cannot address the cursor refused), the stack of
 * screens, keys and their plain or Ctrl aliases, resize (a notice below
 * 80x24), hangup (SIGHUP, SIGTERM, a terminal that is gone: drafts are kept,
 * then exit), forms whose definition fails when first needed, and the
 * optional per-key timing log (PARCOURS_TRACE_KEYS). */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "parcours/caseload.h"
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "ui/tui.h"
#include "ui/ui.h"

enum { MIN_COLS = 80, MIN_LINES = 24, STACK_MAX = 16, MAX_ERRORS = 20 };
/* Milliseconds to wait for the rest of an escape sequence after Esc. A
 * terminal writes a key's whole sequence at once and SSH carries it in one
 * packet, so the bytes normally arrive together; the wait only covers a
 * sequence split across packets on a slow or jittery link (about one
 * round of a congested 3G link), and stays short enough that Esc alone
 * still feels immediate. ESCDELAY in the environment overrides it. */
enum { ESC_DELAY_MS = 100 };
/* a pause in typing after which a screen does the work it kept (idle) */
enum { IDLE_MS = 120 };
enum { CTRL_B = 2, CTRL_F = 6 };

struct pc_ctx *ui_ctx;

static const struct ui_screen *stack[STACK_MAX];
static size_t depth;
static bool need_redraw, quitting;
static volatile sig_atomic_t hangup_signal;
static bool hung_up;
static int errors; /* consecutive read errors: a terminal that is gone */
static FILE *trace_log;

static void on_hangup(int sig)
{
	hangup_signal = sig;
}

bool ui_push(const struct ui_screen *s)
{
	if (depth >= STACK_MAX) {
		if (s->close)
			s->close();
		return false;
	}
	stack[depth++] = s;
	need_redraw = true;
	return true;
}

void ui_pop(void)
{
	if (!depth)
		return;
	const struct ui_screen *s = stack[--depth];
	if (s->close)
		s->close();
	if (depth && stack[depth - 1]->resume)
		stack[depth - 1]->resume();
	need_redraw = true;
}

const struct ui_screen *ui_top(void)
{
	return depth ? stack[depth - 1] : NULL;
}

void ui_redraw(void)
{
	need_redraw = true;
}

void ui_quit(void)
{
	quitting = true;
}

bool ui_hungup(void)
{
	return hung_up || hangup_signal;
}

static bool too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

static void draw_small(void)
{
	const char *msg = _("Enlarge the window (at least 80 x 24)");
	erase();
	int w = ui_text_width(msg);
	int y = LINES / 2, x = w < COLS ? (COLS - w) / 2 : 0;
	attrset(A_BOLD);
	ui_put(y < 0 ? 0 : y, x, COLS, msg, true);
	attrset(A_NORMAL);
	move(y < 0 ? 0 : y, x);
}

void ui_paint(void)
{
	if (need_redraw) {
		need_redraw = false;
		if (too_small()) {
			draw_small();
			return;
		}
		if (ui_top()) {
			erase();
			ui_top()->draw();
		}
	}
	if (!too_small() && ui_top() && ui_top()->cursor)
		ui_top()->cursor();
}

/* After Esc: when what follows at once is "[" or "O", the terminal sent a
 * CSI or SS3 sequence that neither terminfo nor define_key() knows (a
 * modified key, a focus report...). It is read to its final byte and
 * dropped, so that it never acts as Esc followed by letters. */
static bool unknown_sequence(void)
{
	wint_t wc;
	nodelay(stdscr, TRUE);
	int r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return false;
	if (r == KEY_CODE_YES) {
		ungetch((int)wc);
		return false;
	}
	if (wc != '[' && wc != 'O') {
		unget_wch((wchar_t)wc);
		return false;
	}
	bool csi = wc == '[';
	/* parameters and intermediates (0x20-0x3f), then one final byte */
	for (int n = 0; n < 32; n++) {
		r = wget_wch(stdscr, &wc);
		if (r != OK)
			break;
		if (!csi || (wc >= 0x40 && wc <= 0x7e))
			break;
		if (wc < 0x20 || wc > 0x3f) {
			unget_wch((wchar_t)wc);
			break;
		}
	}
	return true;
}

/* One key from the terminal, or false on hangup. Errors without a signal
 * are counted: a closed terminal returns errors for ever. */
static bool read_key(int *key, bool wait)
{
	for (;;) {
		if (hangup_signal) {
			hung_up = true;
			return false;
		}
		wint_t wc;
		nodelay(stdscr, !wait);
		int r = wget_wch(stdscr, &wc);
		if (r == ERR) {
			if (hangup_signal) {
				hung_up = true;
				return false;
			}
			if (!wait)
				return false;
			if (errno == EINTR)
				continue;
			if (++errors >= MAX_ERRORS) {
				hung_up = true;
				return false;
			}
			continue;
		}
		errors = 0;
		*key = r == KEY_CODE_YES ? UI_KEY_BASE + (int)wc : (int)wc;
		if (*key == UI_ESC && unknown_sequence())
			continue;
		return true;
	}
}

bool ui_getkey(int *key)
{
	doupdate();
	if (!read_key(key, true))
		return false;
	if (*key == UI_KEY_BASE + KEY_RESIZE)
		need_redraw = true;
	return true;
}

bool ui_small(void)
{
	return too_small();
}

/* Keys every screen shares, when the screen did not take them. */
static void global_key(int key)
{
	const struct ui_screen *top = ui_top();
	switch (key) {
	case UI_KEY_BASE + KEY_F(1):
	case UI_CTRL_G:
	case '?':
		if (top != &ui_help_screen)
			ui_help_open(top);
		else
			ui_pop();
		break;
	case UI_CTRL_L:
		clearok(curscr, TRUE);
		need_redraw = true;
		break;
	case UI_ESC:
		if (depth > 1)
			ui_pop();
		break;
	default:
		break;
	}
}

/* The key a plain or Ctrl key stands for where the screen has no use of
 * its own for it (0: none). Every action thus has a key that any terminal
 * sends, function and cursor keys being lost by some links. q is Esc, so
 * it goes back one screen; the list takes q itself to quit. */
static int alias_of(int key)
{
	switch (key) {
	case CTRL_F:
		return UI_KEY_BASE + KEY_NPAGE;
	case CTRL_B:
		return UI_KEY_BASE + KEY_PPAGE;
	case UI_CTRL_A:
		return UI_KEY_BASE + KEY_HOME;
	case UI_CTRL_E:
		return UI_KEY_BASE + KEY_END;
	case UI_CTRL_N:
	case 'j':
		return UI_KEY_BASE + KEY_DOWN;
	case UI_CTRL_P:
	case 'k':
		return UI_KEY_BASE + KEY_UP;
	case 'q':
		return UI_ESC;
	default:
		return 0;
	}
}

static void dispatch(int key)
{
	const struct ui_screen *top = ui_top();
	if (!top)
		return;
	ui_message_age();
	/* Ctrl-C arrives as a key (raw mode): it means "back", never "lose" */
	if (key == UI_CTRL_C)
		key = UI_ESC;
	/* help is always reachable, even from a text field */
	if (key == UI_KEY_BASE + KEY_F(1) || key == UI_CTRL_G) {
		global_key(key);
		return;
	}
	enum ui_result r = top->key(key);
	/* a plain or Ctrl key the screen did not take acts as the key it
	 * stands for: the screen keeps the first say (a text field types j) */
	int alias = alias_of(key);
	if (r == UI_UNHANDLED && alias) {
		key = alias;
		r = top->key(key);
	}
	if (r == UI_REDRAW)
		need_redraw = true;
	else if (r == UI_UNHANDLED)
		global_key(key);
	/* forms are read when first needed: one whose definition could not be
	 * used while this key was handled is said, where the screen did not */
	struct pc_problems pr = {0};
	if (pc_formset_failures(ui_ctx->forms, &pr))
		ui_problem(&pr);
	pc_problems_clear(&pr);
}

void ui_problem(const struct pc_problems *pr)
{
	const struct pc_problem *p = NULL;
	for (size_t i = pr->len; i-- > 0;)
		if (!p || !pr->items[i].warning)
			p = &pr->items[i]; /* the first error, else the first */
	if (!p) {
		ui_message(true, "%s", _("out of memory"));
		return;
	}
	/* a definition's FILE:LINE:COL: the folder is known, the file is not */
	const char *where = strrchr(p->where, '/');
	ui_message(true, "%s: %s", where ? where + 1 : p->where, p->message);
}

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* CPU time of the process: a key's cost apart from the machine's load */
static long long cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long started_us;

void tui_note_start(void)
{
	started_us = now_us();
}

/* Waits for the next key; while the top screen has work for a pause
 * (idle), does it each time IDLE_MS pass without a key. */
static bool next_key(int *key, bool *idle_left)
{
	const struct ui_screen *top;
	while (*idle_left && (top = ui_top()) && top->idle && !ui_hungup()) {
		doupdate();
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
		if (poll(&p, 1, IDLE_MS) != 0)
			break;
		*idle_left = top->idle();
		ui_paint();
	}
	return ui_getkey(key);
}

/* The loop: a key, then every key already typed (a paste, a fast typist
 * over a slow link) before one screen update. */
static void run(void)
{
	bool idle_left = true;
	bool first = true;
	while (!quitting && depth) {
		int key;
		ui_paint();
		if (first && trace_log) {
			/* from main() to the first screen handed to the terminal:
			 * forms loaded, database opened, the list searched and drawn */
			doupdate();
			fprintf(trace_log, "start 0 %lld\n", now_us() - started_us);
			fflush(trace_log);
		}
		first = false;
		if (!next_key(&key, &idle_left))
			return;
		idle_left = true;
		long long t0 = trace_log ? now_us() : 0, c0 = trace_log ? cpu_us() : 0;
		int n = 0;
		for (;;) {
			if (key == UI_KEY_BASE + KEY_RESIZE)
				need_redraw = true;
			else if (!too_small())
				dispatch(key);
			n++;
			if (quitting || !depth || ui_hungup() || !read_key(&key, false))
				break;
		}
		if (ui_hungup())
			return;
		if (trace_log) {
			ui_paint();
			doupdate();
			fprintf(trace_log, "%s %d %lld %lld\n", ui_top() ? ui_top()->name : "-", n,
				now_us() - t0, cpu_us() - c0);
			fflush(trace_log);
		}
	}
}

static void close_all(void)
{
	while (depth) {
		const struct ui_screen *s = stack[--depth];
		if (s->close)
			s->close();
	}
}

/* Sequences that xterm, VT220 and their emulators (PuTTY, tmux, screen,
 * the Linux console) send but that a terminfo entry such as vt100 does not
 * list: without them PgDn or Home would arrive as Esc followed by letters. */
static void define_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} seqs[] = {
		{"\033[1~", KEY_HOME},  {"\033[4~", KEY_END},   {"\033[7~", KEY_HOME},
		{"\033[8~", KEY_END},   {"\033[H", KEY_HOME},   {"\033[F", KEY_END},
		{"\033OH", KEY_HOME},   {"\033OF", KEY_END},    {"\033[5~", KEY_PPAGE},
		{"\033[6~", KEY_NPAGE}, {"\033[2~", KEY_IC},    {"\033[3~", KEY_DC},
		{"\033[Z", KEY_BTAB},   {"\033[A", KEY_UP},     {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT},  {"\033[D", KEY_LEFT},   {"\033OA", KEY_UP},
		{"\033OB", KEY_DOWN},   {"\033OC", KEY_RIGHT},  {"\033OD", KEY_LEFT},
		{"\033OP", KEY_F(1)},   {"\033OQ", KEY_F(2)},   {"\033OR", KEY_F(3)},
		{"\033OS", KEY_F(4)},   {"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},
		{"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)}, {"\033[15~", KEY_F(5)},
		{"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)},
		{"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033OM", KEY_ENTER},
	};
	for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		if (key_defined(seqs[i].seq) <= 0) /* terminfo's own meaning wins */
			define_key(seqs[i].seq, seqs[i].code);
}

/* A terminal that cannot place the cursor (TERM=dumb, a printing
 * terminal) cannot show screens: told, like an unknown TERM. */
static bool addressable(void)
{
	const char *cup = tigetstr("cup");
	return cup && cup != (char *)-1 && *cup && tigetflag("hc") <= 0;
}

/* UTF-8 is needed to read and show accents; a C locale gets C.UTF-8. */
static void locale_setup(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8")) {
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	/* numbers and dates are formatted by the core, never by the locale */
	setlocale(LC_NUMERIC, "C");
}

static void signals_setup(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the blocked read must return */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* writing to a closed terminal must not kill us before drafts are kept */
	signal(SIGPIPE, SIG_IGN);
}

int tui_main(struct pc_ctx *ctx)
{
	ui_ctx = ctx;
	locale_setup();
	const char *tp = pc_config_env("PARCOURS_TRACE_KEYS"); /* NULL when shared */
	if (tp && *tp)
		trace_log = fopen(tp, "a");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "parcours: %s\n",
			_("the console needs a terminal; scripts use the commands (parcours --help)"));
		if (trace_log)
			fclose(trace_log);
		return PC_USAGE;
	}
	/* ncurses reads ESCDELAY itself when it is set */
	bool own_delay = !getenv("ESCDELAY");
	/* newterm rather than initscr, which exits on an unknown TERM */
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (scr && !addressable()) {
		endwin();
		delscreen(scr);
		const char *t = getenv("TERM");
		fprintf(stderr, "parcours: %s (TERM=%s)\n",
			_("the terminal cannot place the cursor: use a terminal such as xterm, "
			  "vt100 or linux, or the commands (parcours --help)"),
			t ? t : "");
		if (trace_log)
			fclose(trace_log);
		return PC_UNUSABLE;
	}
	if (!scr) {
		const char *t = getenv("TERM");
		fprintf(stderr, "parcours: %s (TERM=%s)\n", _("the terminal cannot be used"),
			t ? t : "");
		if (trace_log)
			fclose(trace_log);
		return PC_UNUSABLE;
	}
	if (own_delay)
		set_escdelay(ESC_DELAY_MS);
	define_keys();
	raw(); /* Ctrl-S, Ctrl-Q and Ctrl-C arrive as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	ui_colors_init();
	signals_setup(); /* after newterm, which installs its own SIGTERM handler */
	int rc = 0;
	/* a counsellor starts on what is due in their caseload, the list below it */
	if (!ui_list_open() || (pc_caseload_first(ui_ctx) && !ui_today_open())) {
		endwin();
		fprintf(stderr, "parcours: %s\n", _("the console could not start"));
		rc = PC_UNUSABLE;
	}
	else
		run();
	if (ui_hungup()) {
		/* keep what was typed, screen by screen from the top */
		for (size_t i = depth; i-- > 0;)
			if (stack[i]->flush)
				stack[i]->flush();
	}
	close_all();
	endwin();
	delscreen(scr);
	if (trace_log)
		fclose(trace_log);
	return rc;
}
