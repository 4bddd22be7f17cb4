/* libFuzzer target: --json answers. Each input is read as JSON and, when it
 * is an object, validated against a form with every field type, as
 * `parcours submit --json` does; the result must be a clean object or a
 * list of problems. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char form_yaml[] =
	"form: f\nversion: 1\ntitle: F\nperiod: month\nsections:\n  - title: S\n    fields:\n"
	"      - {name: t, type: text, label: T, max: 20, pattern: '[a-z ]*'}\n"
	"      - {name: ta, type: textarea, label: TA}\n"
	"      - {name: i, type: integer, label: I, min: 0, max: 10}\n"
	"      - {name: d, type: decimal, label: D}\n"
	"      - {name: dt, type: date, label: DT, warn: \"age($dt) < 16\"}\n"
	"      - {name: b, type: boolean, label: B}\n"
	"      - {name: c, type: choice, label: C, choices: l}\n"
	"      - {name: cs, type: choices, label: CS, choices: l, relevant: \"$b\"}\n"
	"      - {name: h, type: hours, label: H, max: 24}\n"
	"      - {name: n, type: note, label: N}\n"
	"      - name: r\n        type: repeat\n        label: R\n        fields:\n"
	"          - {name: date, type: date, label: D, constraint: \"substr($date, 1, 7) = $period\"}\n"
	"          - {name: hours, type: hours, label: H, required: true}\n"
	"      - {name: total, type: hours, label: TT, calculate: \"(SELECT sum(json_extract(value, "
	"'$.hours')) FROM json_each($r))\"}\n"
	"choices:\n  l:\n    - {value: a, label: A}\n    - {value: b, label: B}\n"
	"    - {value: old, label: Old, retired: true}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pc_expr *ev;
	static struct pc_form *form;
	if (!form) {
		struct pc_problems pr = {0};
		char path[64];
		snprintf(path, sizeof(path), "/tmp/parcours-fuzz-answers-%d.yaml", (int)getpid());
		FILE *f = fopen(path, "w");
		if (!f || pc_expr_open(&ev, &pr) != PC_OK)
			abort();
		fputs(form_yaml, f);
		fclose(f);
		if (pc_form_load(path, ev, &form, &pr) != PC_OK)
			abort();
		unlink(path);
	}
	char err[256];
	struct pc_json *raw = pc_json_parse((const char *)data, size, err, sizeof(err));
	if (!raw)
		return 0;
	/* what is written reads back and writes the same (numbers keep 15
	 * significant digits, so the text, not the double, is the fixed point) */
	char *text = pc_json_to_string(raw);
	struct pc_json *again = text ? pc_json_parse(text, strlen(text), err, sizeof(err)) : NULL;
	char *text2 = again ? pc_json_to_string(again) : NULL;
	if (text && (!text2 || strcmp(text, text2)))
		abort();
	free(text);
	free(text2);
	pc_json_free(&again);
	struct pc_problems pr = {0};
	struct pc_json *clean = NULL;
	enum pc_status st = pc_validate(form, ev, raw, "2026-02", PC_VALIDATE_SAVE, &clean, &pr);
	if (st == PC_OK && (!clean || clean->kind != PC_JSON_OBJECT))
		abort();
	if (st == PC_REFUSED && (clean || pc_problems_errors(&pr) == 0))
		abort();
	pc_json_free(&clean);
	pc_json_free(&raw);
	pc_problems_clear(&pr);
	return 0;
}
