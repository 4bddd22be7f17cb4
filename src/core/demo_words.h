/* The vocabulary tables of demo_words.c, each with its count; internal to
 * the demo. */
#ifndef PARCOURS_DEMO_WORDS_H
#define PARCOURS_DEMO_WORDS_H

enum origin { QC, FN, NEW };

struct family {
	const char *name, *ascii;
	enum origin origin;
	const char *community; /* FN: nation or community */
	const char *languages; /* the skills answer; NULL: French, maybe English */
	const char *other_language;
};

struct given {
	const char *name, *ascii;
};

struct city {
	const char *name, *fsa, *area;
};

struct referrer {
	const char *value, *detail; /* detail NULL: none to give */
};

extern const struct family families[];
extern const int families_n;
extern const struct given women[];
extern const int women_n;
extern const struct given men[];
extern const int men_n;
extern const struct city cities[];
extern const int cities_n;
extern const char *const streets[];
extern const int streets_n;
extern const char *const relations[];
extern const int relations_n;
extern const struct referrer referrers[];
extern const int referrers_n;
extern const char *const households[];
extern const int households_n;
extern const char *const barriers[];
extern const int barriers_n;
extern const char *const needs[];
extern const int needs_n;
extern const char *const supports[];
extern const int supports_n;
extern const char *const housings[];
extern const int housings_n;
extern const char *const transports[];
extern const int transports_n;
extern const char *const availabilities[];
extern const int availabilities_n;
extern const char *const interests[];
extern const int interests_n;
extern const char *const health_notes[];
extern const int health_notes_n;
extern const char *const levels[];
extern const int levels_n;
extern const char *const rated[];
extern const int rated_n;
extern const char *const education[];
extern const int education_n;
extern const char *const employers[];
extern const int employers_n;
extern const char *const job_titles[];
extern const int job_titles_n;
extern const char *const reasons[];
extern const int reasons_n;
extern const char *const hours_typed[];
extern const int hours_typed_n;
extern const char *const activity_notes[];
extern const int activity_notes_n;
extern const char *const goals[];
extern const int goals_n;
extern const char *const orientations[];
extern const int orientations_n;
extern const char *const step_actions[];
extern const int step_actions_n;
extern const char *const responsibles[];
extern const int responsibles_n;
extern const char *const partners[];
extern const int partners_n;
extern const char *const meeting_kinds[];
extern const int meeting_kinds_n;
extern const char *const topics[];
extern const int topics_n;
extern const char *const summaries[];
extern const int summaries_n;

#endif
