/* Message translation (i18n.h) from the French .mo catalogue compiled into
 * the binary: a binary search in msgfmt's sorted table. No setlocale, no
 * installed catalogue. Plural forms: French's rule (n > 1) is the only one
 * needed, so it is built in rather than read from the catalogue's header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "embedded.h"
#include "parcours/i18n.h"

static enum pc_lang current = PC_LANG_FR;

void pc_i18n_set_lang(enum pc_lang lang)
{
	current = lang;
}

enum pc_lang pc_i18n_lang(void)
{
	return current;
}

int pc_i18n_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "fr"))
		return PC_LANG_FR;
	if (!strcmp(s, "en"))
		return PC_LANG_EN;
	return -1;
}

enum pc_lang pc_i18n_from_env(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (!strncmp(v, "en", 2))
			return PC_LANG_EN;
		if (!strncmp(v, "fr", 2))
			return PC_LANG_FR;
		/* "C", "POSIX", "C.UTF-8" say nothing about language: keep looking */
		if (v[0] == 'C' || !strcmp(v, "POSIX"))
			continue;
		return PC_LANG_FR;
	}
	return PC_LANG_FR;
}

static uint32_t word(const unsigned char *mo, size_t off)
{
	uint32_t w;
	memcpy(&w, mo + off, 4);
	return w;
}

/* The translation of msgid in the embedded catalogue, or NULL; *tlen is its
 * length (a plural entry holds its forms separated by NUL bytes). The table
 * is checked for bounds on every access: the catalogue is our own file, but
 * a corrupt build must not read outside it. */
static const char *lookup(const char *msgid, uint32_t *tlen_out)
{
	const unsigned char *mo = pc_catalogue_fr;
	size_t size = pc_catalogue_fr_size;
	if (size < 28 || word(mo, 0) != 0x950412deu)
		return NULL;
	uint32_t n = word(mo, 8), orig = word(mo, 12), trans = word(mo, 16);
	if (orig > size || trans > size || n > (size - orig) / 8 || n > (size - trans) / 8)
		return NULL;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t len = word(mo, orig + mid * 8), off = word(mo, orig + mid * 8 + 4);
		if (off > size || len >= size - off)
			return NULL;
		int c = strcmp(msgid, (const char *)mo + off);
		if (c == 0) {
			uint32_t tlen = word(mo, trans + mid * 8), toff = word(mo, trans + mid * 8 + 4);
			if (toff > size || tlen >= size - toff || tlen == 0)
				return NULL;
			*tlen_out = tlen;
			return (const char *)mo + toff;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *pc_gettext(const char *msgid)
{
	if (current == PC_LANG_EN || !msgid || !*msgid)
		return msgid;
	uint32_t tlen;
	const char *t = lookup(msgid, &tlen);
	return t ? t : msgid;
}

const char *pc_ngettext(const char *singular, const char *plural, unsigned long n)
{
	const char *english = n == 1 ? singular : plural;
	if (current == PC_LANG_EN || !singular || !*singular)
		return english;
	uint32_t tlen;
	const char *t = lookup(singular, &tlen);
	if (!t)
		return english;
	if (n > 1) {
		size_t first = strlen(t);
		if (first + 1 >= tlen)
			return english; /* an entry without its plural form */
		t += first + 1;
	}
	return t;
}
