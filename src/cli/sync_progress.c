/* The progress line of sync's laptop end (sync_progress.h): what is moving
 * over the link, redrawn at most ten times a second with a carriage return
 * and padded over what it replaces (no terminal capability needed), in the
 * user's language. Not the step lines ("sending N changes...") nor the
 * report, which sync_remote.c prints as before. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/sync_progress.h"
#include "parcours/i18n.h"

enum phase { OFF, SENDING, WAITING, RECEIVING };
enum { REDRAW_MS = 100 };

static struct {
	enum phase phase;
	unsigned long long done, total;
	long long drawn_at; /* ms, monotonic; 0: never drawn */
	int width;          /* bytes of the line on screen, to pad over */
} P;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "2.7 kB", "534 kB", "18.2 MB": decimal units, as the step lines count
 * bytes; a tenth below 10 kB, so that a small exchange does not read 0. */
static void size_text(char out[32], unsigned long long b)
{
	if (b < 10000)
		snprintf(out, 32, _("%llu.%llu kB"), b / 1000, b / 100 % 10);
	else if (b < 1000000)
		snprintf(out, 32, _("%llu kB"), b / 1000);
	else
		snprintf(out, 32, _("%llu.%llu MB"), b / 1000000, b / 100000 % 10);
}

static void draw(int force)
{
	long long t = now_ms();
	if (P.phase == OFF || (!force && P.drawn_at && t - P.drawn_at < REDRAW_MS))
		return;
	char line[160], done[32], total[32];
	size_text(done, P.done);
	size_text(total, P.total);
	/* an office sending more than it announced reads 100%, not more */
	unsigned long long pct = !P.total ? 0 : P.done >= P.total ? 100 : P.done * 100 / P.total;
	if (P.phase == SENDING)
		snprintf(line, sizeof(line), _("sync: sending %s of %s (%llu%%)"), done, total, pct);
	else if (P.phase == WAITING)
		snprintf(line, sizeof(line), _("sync: %s sent, the office is applying them..."),
		         total);
	else
		snprintf(line, sizeof(line), _("sync: receiving %s of %s (%llu%%)"), done, total, pct);
	int w = (int)strlen(line);
	fprintf(stderr, "\r%s%*s", line, P.width > w ? P.width - w : 0, "");
	if (P.width > w) /* back to the end of the text */
		fprintf(stderr, "\r%s", line);
	fflush(stderr);
	P.width = w;
	P.drawn_at = t;
}

static void start(enum phase phase, unsigned long long total)
{
	sync_progress_end();
	if (!isatty(STDERR_FILENO))
		return;
	P.phase = phase;
	P.done = 0;
	P.total = total;
	draw(1);
}

void sync_progress_exchange(unsigned long long total)
{
	start(SENDING, total);
}

void sync_progress_copy(unsigned long long total)
{
	start(RECEIVING, total);
}

void sync_progress_sent(size_t n)
{
	if (P.phase != SENDING)
		return;
	P.done += n;
	if (P.done >= P.total) {
		P.phase = WAITING;
		draw(1);
	} else
		draw(0);
}

void sync_progress_received(size_t n)
{
	if (P.phase != RECEIVING)
		return;
	P.done += n;
	draw(P.done >= P.total);
}

void sync_progress_frame(size_t len)
{
	if (P.phase != SENDING && P.phase != WAITING)
		return;
	P.phase = RECEIVING;
	P.done = 0;
	P.total = len;
	draw(1);
}

void sync_progress_end(void)
{
	if (P.phase != OFF && P.width)
		fprintf(stderr, "\r%*s\r", P.width, "");
	fflush(stderr);
	P.phase = OFF;
	P.width = 0;
	P.drawn_at = 0;
}
