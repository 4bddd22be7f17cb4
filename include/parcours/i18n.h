/* Messages in the user's language. Message ids are English; the French
 * catalogue (po/fr.po) is compiled into the binary, so no locale needs to be
 * installed. French is the default. Not for form labels: those come from the
 * YAML (struct pc_text in form.h). */
#ifndef PARCOURS_I18N_H
#define PARCOURS_I18N_H

enum pc_lang { PC_LANG_FR, PC_LANG_EN };

/* Translation of msgid in the current language (msgid itself in English or
 * when missing). Never NULL; the result lives as long as the program. */
const char *pc_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(s) pc_gettext(s)
#define N_(s) (s)
/* The form of a counted message for n in the current language: English
 * takes `singular` for n == 1; French, the catalogue's first form for n of 0
 * or 1 and its second one above (Plural-Forms: nplurals=2; plural=(n > 1)).
 * Never NULL. Extracted by xgettext with -kP_:1,2. */
const char *pc_ngettext(const char *singular, const char *plural, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));
#define P_(s, p, n) pc_ngettext(s, p, n)

void pc_i18n_set_lang(enum pc_lang lang);
enum pc_lang pc_i18n_lang(void);
/* The language the environment asks for: LANGUAGE, LC_ALL, LC_MESSAGES, LANG
 * in that order; "en..." gives English, anything else French. */
enum pc_lang pc_i18n_from_env(void);
/* Parses "fr" or "en"; returns -1 for anything else. */
int pc_i18n_parse(const char *s);

#endif
