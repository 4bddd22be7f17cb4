/* The file screen's "at a glance" block: this month's status (the
 * enrolment is the header's line, enrol.c), the plan's open objectives, the last follow-up and the open
 * referrals, in up to four lines above the "Read by" section. Figures
 * from pc_file_glance (due.h); a part the reader may not read is left out. */
#include <stdio.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "ui/month.h"
#include "ui/ui.h"

void ui_glance_load(struct ui_glance *g, const struct pc_participant *p)
{
	ui_glance_free(g);
	struct pc_problems pr = {0};
	g->loaded = pc_file_glance(ui_ctx, p, &g->g, &pr) == PC_OK;
	pc_problems_clear(&pr);
}

void ui_glance_free(struct ui_glance *g)
{
	if (g->loaded)
		pc_glance_clear(&g->g);
	g->loaded = false;
}

/* The lines of the block into out[4]; returns how many. */
static int lines(const struct ui_glance *g, char out[4][400])
{
	if (!g->loaded)
		return 0;
	const struct pc_glance *x = &g->g;
	int n = 0;
	/* the enrolment itself is the file's header line (enrol.c): here only
	 * how this month goes, and a work contract's end, what the counsellor
	 * acts on next */
	bool contract = x->programme && !x->end[0] && x->contract_end[0];
	if (x->programme && !x->end[0] && (x->month_shown || contract)) {
		out[n][0] = '\0';
		if (x->month_shown && x->month.status == PC_MONTH_NOT_REQUIRED) {
			snprintf(out[n], 400, _("Month %s: %s"), x->period,
			         pc_month_status_label(x->month.status));
		} else if (x->month_shown) {
			char h[PC_FORMAT_MAX], t[PC_FORMAT_MAX];
			snprintf(out[n], 400, _("Month %s: %s of %s, %s"), x->period,
			         pc_format_hours(h, sizeof(h), x->month.total),
			         pc_format_hours(t, sizeof(t), x->month.target),
			         pc_month_status_label(x->month.status));
		}
		if (contract) {
			size_t len = strlen(out[n]);
			snprintf(out[n] + len, 400 - len, len ? _("; contract until %s")
			                                     : _("Contract until %s"),
			         x->contract_end);
		}
		n++;
	}
	if (x->plan_shown) {
		if (!x->open_objectives)
			snprintf(out[n], 400, "%s", _("Plan: no open objective"));
		else if (x->next_due[0])
			snprintf(out[n], 400,
			         P_("Plan: %zu open objective, next due %s (%zu overdue)",
			            "Plan: %zu open objectives, next due %s (%zu overdue)",
			            x->open_objectives),
			         x->open_objectives, x->next_due, x->overdue_objectives);
		else
			snprintf(out[n], 400,
			         P_("Plan: %zu open objective", "Plan: %zu open objectives",
			            x->open_objectives),
			         x->open_objectives);
		n++;
	}
	if (x->followup_shown) {
		if (!x->last_meeting[0])
			snprintf(out[n], 400, "%s", _("No follow-up yet"));
		else if (x->next_meeting[0])
			snprintf(out[n], 400, _("Last follow-up %s, next %s"), x->last_meeting,
			         x->next_meeting);
		else
			snprintf(out[n], 400, _("Last follow-up %s"), x->last_meeting);
		n++;
	}
	if (x->referral_shown) {
		if (x->open_referrals)
			snprintf(out[n], 400,
			         P_("%zu referral pending since %s",
			            "%zu referrals pending, the oldest since %s",
			            x->open_referrals),
			         x->open_referrals, x->oldest_referral);
		else
			snprintf(out[n], 400, "%s", _("No referral pending"));
		n++;
	}
	return n;
}

int ui_glance_height(const struct ui_glance *g)
{
	char out[4][400];
	return lines(g, out);
}

void ui_glance_draw(const struct ui_glance *g, int y)
{
	char out[4][400];
	int n = lines(g, out);
	for (int i = 0; i < n; i++) {
		move(y + i, 0);
		clrtoeol();
		if (i == 0)
			attrset(A_BOLD);
		ui_put(y + i, 1, COLS - 2, out[i], true);
		attrset(A_NORMAL);
	}
}
