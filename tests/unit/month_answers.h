/* Generated participation answers for the month tests (test_month_scan.c,
 * test_month_totals.c): well formed, odd (escapes, repeated keys, wrong
 * types, dates outside the enrolment) and damaged (cut, bytes changed),
 * from a fixed seed; and the comparison of two months to the bit. */
#ifndef TEST_MONTH_ANSWERS_H
#define TEST_MONTH_ANSWERS_H
#include "parcours/buf.h"
#include "parcours/programme.h"

static unsigned long seed = 20261201;
static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rnd((unsigned)n)];
}
#define PICK(a) pick(a, sizeof(a) / sizeof(a[0]))

static void sp(struct pc_buf *b)
{
	static const char *const w[] = {"", "", "", " ", "\n  ", "\t"};
	pc_buf_puts(b, PICK(w));
}

static void date_value(struct pc_buf *b)
{
	static const char *const d[] = {
		"\"2026-03-02\"", "\"2026-03-15\"", "\"2026-03-31\"", "\"2026-02-27\"",
		"\"2026-04-01\"", "\"2026-03-09\"", "\"2026-02-30\"", "\" 2026-03-05\"",
		"\"2026-3-05\"",  "null",           "20260305",       "\"1899-03-05\"",
		"\"2026-03-10\"", "\"2026-03-11\""};
	pc_buf_puts(b, rnd(40) ? d[rnd(6)] : PICK(d)); /* mostly good ones */
}

static void activity_value(struct pc_buf *b)
{
	static const char *const a[] = {"\"work\"", "\"training\"", "\"social\"", "\"work\"",
					"\"autre\"", "\"w\\u006frk\"", "null", "3", "[\"work\"]",
					"\"wor\"", "\"workk\"", "\"travail\""};
	pc_buf_puts(b, rnd(40) ? a[rnd(5)] : PICK(a));
}

static void hours_value(struct pc_buf *b)
{
	static const char *const h[] = {"7.5", "6.5", "3", "0", "2.25", "0.3333333333333333",
					"1e1", "2.5E0", "-0", "-1.5", "\"3,5\"", "true", "null",
					"24", "7.123456789012345678", "12345678901234567890", "0.1",
					"1E400", "01", "1.", "3.75", "1.0000000000000002", "8"};
	pc_buf_puts(b, rnd(40) ? h[rnd(6)] : PICK(h));
}

static void note_value(struct pc_buf *b)
{
	static const char *const n[] = {"\"atelier cuisine\"", "\"friperie élevée\"",
					"\"ligne\\nsuivante\"", "\"\\u00e9\"", "null", "\"\"",
					"\"\xC3\x28\"", "\"tab\there\"", "{\"x\": [1, 2]}"};
	pc_buf_puts(b, rnd(20) ? n[rnd(2)] : PICK(n));
}

static void row(struct pc_buf *b)
{
	static const char *const keys[] = {"date", "activity", "hours", "note", "other", "hours"};
	pc_buf_putc(b, '{');
	unsigned n = rnd(6);
	unsigned order[6] = {0, 1, 2, 3, 4, 5};
	for (unsigned i = 0; i < 5; i++) {
		unsigned j = i + rnd(6 - i), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	/* usually the three keys the form saves, sometimes others or fewer */
	if (rnd(20))
		n = 3, order[0] = 0, order[1] = 1, order[2] = 2;
	for (unsigned i = 0; i < n; i++) {
		pc_buf_puts(b, i ? "," : "");
		sp(b);
		pc_buf_printf(b, "\"%s\"", keys[order[i]]);
		sp(b);
		pc_buf_putc(b, ':');
		sp(b);
		switch (order[i]) {
		case 0:
			date_value(b);
			break;
		case 1:
			activity_value(b);
			break;
		case 2:
		case 5:
			hours_value(b);
			break;
		default:
			note_value(b);
		}
	}
	if (!rnd(10)) { /* the tree keeps the last of a repeated key */
		pc_buf_puts(b, n ? ", \"hours\": " : "\"hours\": ");
		hours_value(b);
	}
	pc_buf_putc(b, '}');
}

static void answers_text(struct pc_buf *b)
{
	static const char *const extra[] = {"12.5", "0", "3", "\"12,50 $\"", "null", "1e16",
					    "4.25", "true", "-2"};
	if (!rnd(50))
		pc_buf_puts(b, "\xEF\xBB\xBF");
	pc_buf_putc(b, '{');
	unsigned nkeys = 1 + rnd(5);
	for (unsigned k = 0; k < nkeys; k++) {
		pc_buf_puts(b, k ? "," : "");
		sp(b);
		unsigned which = rnd(10);
		if (which < 4) {
			pc_buf_puts(b, "\"entries\":");
			sp(b);
			if (!rnd(30)) {
				pc_buf_puts(b, rnd(2) ? "null" : "{}");
				continue;
			}
			pc_buf_putc(b, '[');
			unsigned nrows = rnd(14);
			for (unsigned i = 0; i < nrows; i++) {
				pc_buf_puts(b, i ? "," : "");
				sp(b);
				row(b);
			}
			pc_buf_putc(b, ']');
		} else if (which < 6) {
			pc_buf_puts(b, rnd(2) ? "\"transport_costs\": " : "\"childcare_costs\": ");
			pc_buf_puts(b, rnd(12) ? extra[rnd(3)] : PICK(extra));
		} else if (which < 8) {
			pc_buf_puts(b, "\"work_hours\": ");
			pc_buf_puts(b, rnd(12) ? extra[rnd(3)] : PICK(extra));
		} else if (rnd(3)) {
			pc_buf_puts(b, "\"unknown\": [1, {\"a\": \"b\"}, null, -2.5e3]");
		} else {
			pc_buf_puts(b, rnd(2) ? "\"unknown\": [1, {\"a\": \"b\"}, null]"
					      : "\"x\\u0041\": 1");
		}
	}
	sp(b);
	pc_buf_putc(b, '}');
	sp(b);
	/* damage: cut short, or one byte changed */
	unsigned d = rnd(12);
	if (d == 0 && b->len > 1)
		b->len = 1 + rnd((unsigned)b->len - 1), b->data[b->len] = '\0';
	else if (d == 1 && b->len) {
		static const char bytes[] = "{}[],:\"\\ 0a-.eE\x80";
		b->data[rnd((unsigned)b->len)] = bytes[rnd(sizeof(bytes) - 1)];
	}
}

static bool same(const struct pc_month *a, const struct pc_month *b)
{
	bool ok = a->month == b->month && a->target == b->target && a->total == b->total &&
		  a->status == b->status && a->other_hours == b->other_hours &&
		  a->outside_hours == b->outside_hours &&
		  a->allowance_participant == b->allowance_participant &&
		  a->allowance_organisation == b->allowance_organisation &&
		  a->extra_costs == b->extra_costs;
	for (int i = 0; i < 8; i++)
		ok = ok && a->hours[i] == b->hours[i];
	return ok;
}

#endif
