/* libFuzzer target: the form-definition loader. Each input is written to a
 * file and loaded as a form; any problem must be reported, never a crash,
 * a leak or a hang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pc_expr *ev;
	static char path[64];
	if (!ev) {
		struct pc_problems pr = {0};
		if (pc_expr_open(&ev, &pr) != PC_OK)
			abort();
		snprintf(path, sizeof(path), "/tmp/parcours-fuzz-form-%d.yaml", (int)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct pc_problems pr = {0};
	struct pc_form *form = NULL;
	enum pc_status st = pc_form_load(path, ev, &form, &pr);
	/* a refused file always says why; an accepted one has an id */
	if (st != PC_OK && pr.len == 0)
		abort();
	if (st == PC_OK && (!form || !form->id))
		abort();
	pc_form_free(&form);
	pc_problems_clear(&pr);
	unlink(path);
	return 0;
}
