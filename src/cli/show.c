/* parcours show FILE_NO [--json]: everything held on one participant; the
 * text form with control characters escaped. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/text.h"

int cli_show(struct cli *c)
{
	const char *file_no = NULL;
	bool json = false;
	for (int i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--json"))
			json = true;
		else if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage(_("unknown option for show: %s"), c->argv[i]);
		else if (!file_no)
			file_no = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!file_no)
		return cli_usage("%s", _("usage: parcours show FILE_NO [--json]"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	struct pc_buf out = {0};
	enum pc_status st = pc_show(&c->ctx, file_no, json, &out, &c->pr);
	if (st == PC_OK && !json) {
		/* stored text is shown, never obeyed: escape sequences become visible */
		struct pc_buf safe = {0};
		pc_text_escape_to(&safe, out.data ? out.data : "", out.len, true);
		if (safe.failed) {
			pc_problems_add(&c->pr, false, file_no, "%s", _("out of memory"));
			st = PC_UNUSABLE;
		} else {
			fwrite(safe.data, 1, safe.len, stdout);
		}
		pc_buf_free(&safe);
	} else if (st == PC_OK) {
		fwrite(out.data, 1, out.len, stdout);
	}
	pc_buf_free(&out);
	return cli_report(c, st);
}
