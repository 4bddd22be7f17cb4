/* libFuzzer target: the value parsers (dates, integers, decimals, hours,
 * booleans). Whatever they accept must read back the same from its edit
 * text, as the screen does when a saved answer is edited again. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	int y, m, d;
	long long i;
	double x;
	long minutes;
	bool b;
	if (pc_parse_date(s, &y, &m, &d) && (m < 1 || m > 12 || d < 1 || d > pc_days_in_month(y, m)))
		abort();
	(void)pc_parse_integer(s, &i);
	if (pc_parse_decimal(s, &x) && !isfinite(x))
		abort();
	if (pc_parse_hours(s, &minutes) && minutes < 0)
		abort();
	(void)pc_parse_bool(s, &b);
	static const enum pc_type types[] = {PC_TYPE_TEXT,  PC_TYPE_TEXTAREA, PC_TYPE_INTEGER,
					     PC_TYPE_DECIMAL, PC_TYPE_DATE,   PC_TYPE_BOOLEAN,
					     PC_TYPE_HOURS};
	for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
		struct pc_field f = {.name = "x", .type = types[k]};
		struct pc_problems pr = {0};
		struct pc_json *v = NULL;
		if (pc_value_parse(&f, s, "x", &v, &pr) == PC_OK && v) {
			char *edit = pc_value_edit_text(&f, v);
			struct pc_json *back = NULL;
			if (!edit || pc_value_parse(&f, edit, "x", &back, &pr) != PC_OK ||
			    !pc_json_equal(v, back))
				abort();
			char *shown = pc_value_display(&f, v);
			free(shown);
			free(edit);
			pc_json_free(&back);
		}
		pc_json_free(&v);
		pc_problems_clear(&pr);
	}
	free(s);
	return 0;
}
