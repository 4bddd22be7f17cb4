/* Growable, always NUL-terminated byte buffer (buf.h), plus the two quoting
 * rules the outputs need (JSON strings and RFC 4180 CSV fields) and the
 * loop that writes a whole buffer to a descriptor. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/buf.h"
#include "parcours/text.h"

static bool grow(struct pc_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = true;
		return false;
	}
	b->data = d;
	b->cap = cap;
	return true;
}

void pc_buf_add(struct pc_buf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pc_buf_puts(struct pc_buf *b, const char *s)
{
	pc_buf_add(b, s, strlen(s));
}

void pc_buf_putc(struct pc_buf *b, char c)
{
	pc_buf_add(b, &c, 1);
}

void pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n)) {
		b->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void pc_buf_reset(struct pc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *pc_buf_take(struct pc_buf *b)
{
	if (b->failed) {
		pc_buf_free(b);
		return NULL;
	}
	char *s = b->data ? b->data : strdup("");
	*b = (struct pc_buf){0};
	return s;
}

void pc_buf_free(struct pc_buf *b)
{
	free(b->data);
	*b = (struct pc_buf){0};
}

void pc_buf_json_string(struct pc_buf *b, const char *s)
{
	pc_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80) {
			/* whatever a row holds, the document stays valid UTF-8 */
			uint32_t cp;
			size_t len = pc_utf8_decode((const char *)p, strnlen((const char *)p, 4), &cp);
			if (!len) {
				pc_buf_puts(b, "\\ufffd");
				continue;
			}
			pc_buf_add(b, (const char *)p, len);
			p += len - 1;
			continue;
		}
		switch (*p) {
		case '"': pc_buf_puts(b, "\\\""); break;
		case '\\': pc_buf_puts(b, "\\\\"); break;
		case '\n': pc_buf_puts(b, "\\n"); break;
		case '\r': pc_buf_puts(b, "\\r"); break;
		case '\t': pc_buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				pc_buf_printf(b, "\\u%04x", *p);
			else
				pc_buf_putc(b, (char)*p);
		}
	}
	pc_buf_putc(b, '"');
}

void pc_buf_csv_field(struct pc_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		pc_buf_puts(b, s);
		return;
	}
	pc_buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			pc_buf_putc(b, '"');
		pc_buf_putc(b, *p);
	}
	pc_buf_putc(b, '"');
}

bool pc_write_all(int fd, const void *p, size_t n)
{
	const char *b = p;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		b += w;
		n -= (size_t)w;
	}
	return true;
}
