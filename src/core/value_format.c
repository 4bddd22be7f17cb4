/* Stored values back to text (value.h): what the screen and `show` display
 * in the current language, and the text that editing starts from, which
 * the parsers read back as the same value. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "value_internal.h"

/* ---- values back to text */

/* Appends the JSON spelling of a number ("3.5", "1e-06") without an
 * exponent ("0.000001"), since the typed-number grammar has none. */
static void put_plain(struct pc_buf *b, const char *num)
{
	const char *e = strpbrk(num, "eE");
	if (!e) {
		pc_buf_puts(b, num);
		return;
	}
	long shift = strtol(e + 1, NULL, 10);
	if (*num == '-')
		pc_buf_putc(b, *num++);
	char digits[40];
	size_t n = 0;
	long point = -1; /* digits before the decimal point */
	for (const char *p = num; p < e && n < sizeof(digits); p++) {
		if (*p == '.')
			point = (long)n;
		else
			digits[n++] = *p;
	}
	point = (point < 0 ? (long)n : point) + shift;
	if (point <= 0) {
		pc_buf_puts(b, "0.");
		for (long i = 0; i < -point; i++)
			pc_buf_putc(b, '0');
		pc_buf_add(b, digits, n);
	} else if ((size_t)point >= n) {
		pc_buf_add(b, digits, n);
		for (long i = (long)n; i < point; i++)
			pc_buf_putc(b, '0');
	} else {
		pc_buf_add(b, digits, (size_t)point);
		pc_buf_putc(b, '.');
		pc_buf_add(b, digits + point, n - (size_t)point);
	}
}

/* A number as typed: "3.5", "12", with ',' in French when `localized`. */
static void put_number(struct pc_buf *b, const struct pc_json *v, bool localized)
{
	char *s = pc_json_to_string(v);
	if (!s) {
		b->failed = true;
		return;
	}
	size_t start = b->len;
	put_plain(b, s);
	free(s);
	if (localized && pc_i18n_lang() == PC_LANG_FR && !b->failed)
		for (char *p = b->data + start; *p; p++)
			if (*p == '.')
				*p = ',';
}

/* Hours as people read them (format.h: "3 h 30", "3:30 h"); for editing
 * always "3:30", or "3" when whole. */
static void put_hours(struct pc_buf *b, double hours, bool display)
{
	if (display) {
		char s[PC_FORMAT_MAX];
		pc_buf_puts(b, pc_format_hours(s, sizeof(s), hours));
		return;
	}
	long long m = llround(hours * 60);
	if (m < 0) {
		pc_buf_putc(b, '-');
		m = -m;
	}
	if (m % 60 == 0)
		pc_buf_printf(b, "%lld", m / 60);
	else
		pc_buf_printf(b, "%lld:%02lld", m / 60, m % 60);
}

static void put_choice(struct pc_buf *b, const struct pc_field *f, const struct pc_json *v,
                       bool display)
{
	if (v->kind != PC_JSON_STRING) {
		char *s = pc_json_to_string(v);
		pc_buf_puts(b, s ? s : "");
		b->failed |= !s;
		free(s);
		return;
	}
	const struct pc_choice *c = display ? pc_choice_find(f->choices, v->string) : NULL;
	const char *label = c ? pc_text_get(&c->label) : "";
	pc_buf_puts(b, *label ? label : v->string);
}

/* Shared by display and edit_text; kinds that do not fit the field's type
 * (an old answer after the form changed) are shown as JSON, never lost. */
static char *to_text(const struct pc_field *f, const struct pc_json *v, bool display)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	if (!v || v->kind == PC_JSON_NULL || f->type == PC_TYPE_NOTE)
		return pc_buf_take(&b);
	bool fr = pc_i18n_lang() == PC_LANG_FR;
	if (v->kind == PC_JSON_STRING && f->type != PC_TYPE_CHOICE && f->type != PC_TYPE_CHOICES) {
		pc_buf_puts(&b, v->string);
	} else if (v->kind == PC_JSON_NUMBER && f->type == PC_TYPE_HOURS) {
		put_hours(&b, value_number_of(v), display);
	} else if (v->kind == PC_JSON_NUMBER &&
	           (f->type == PC_TYPE_DECIMAL || f->type == PC_TYPE_INTEGER)) {
		put_number(&b, v, display);
	} else if ((v->kind == PC_JSON_TRUE || v->kind == PC_JSON_FALSE) &&
	           f->type == PC_TYPE_BOOLEAN) {
		bool t = v->kind == PC_JSON_TRUE;
		if (display)
			pc_buf_puts(&b, t ? _("yes") : _("no"));
		else
			pc_buf_puts(&b, t ? (fr ? "oui" : "yes") : (fr ? "non" : "no"));
	} else if (f->type == PC_TYPE_CHOICE ||
	           (f->type == PC_TYPE_CHOICES && v->kind == PC_JSON_STRING)) {
		put_choice(&b, f, v, display);
	} else if (f->type == PC_TYPE_CHOICES && v->kind == PC_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				pc_buf_puts(&b, display ? ", " : ",");
			put_choice(&b, f, v->items[i], display);
		}
	} else if (f->type == PC_TYPE_REPEAT && v->kind == PC_JSON_ARRAY && display) {
		if (v->len == 0)
			pc_buf_puts(&b, _("no rows"));
		else if (v->len == 1)
			pc_buf_puts(&b, _("1 row"));
		else
			pc_buf_printf(&b, _("%zu rows"), v->len);
	} else {
		pc_json_write(v, &b, 0);
	}
	return pc_buf_take(&b);
}

char *pc_value_display(const struct pc_field *f, const struct pc_json *v)
{
	return to_text(f, v, true);
}

char *pc_value_edit_text(const struct pc_field *f, const struct pc_json *v)
{
	return to_text(f, v, false);
}
