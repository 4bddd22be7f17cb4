/* The vocabulary of the synthetic participants (demo.c): Québec, First
 * Nations and newcomers' names, places, and the phrases answers are made
 * of. Data only. */
#include <stddef.h>
#include "demo_words.h"

const struct family families[] = {
    {"Côté", "cote", QC, NULL, NULL, NULL},
    {"Gagnon", "gagnon", QC, NULL, NULL, NULL},
    {"Tremblay", "tremblay", QC, NULL, NULL, NULL},
    {"Bélanger", "belanger", QC, NULL, NULL, NULL},
    {"Lévesque", "levesque", QC, NULL, NULL, NULL},
    {"Bouchard", "bouchard", QC, NULL, NULL, NULL},
    {"Gauthier", "gauthier", QC, NULL, NULL, NULL},
    {"Roy", "roy", QC, NULL, NULL, NULL},
    {"Gagné", "gagne", QC, NULL, NULL, NULL},
    {"Morin", "morin", QC, NULL, NULL, NULL},
    {"Pelletier", "pelletier", QC, NULL, NULL, NULL},
    {"Bergeron", "bergeron", QC, NULL, NULL, NULL},
    {"Lavoie", "lavoie", QC, NULL, NULL, NULL},
    {"Fortin", "fortin", QC, NULL, NULL, NULL},
    {"Ouellet", "ouellet", QC, NULL, NULL, NULL},
    {"Thériault", "theriault", QC, NULL, NULL, NULL},
    {"Poirier", "poirier", QC, NULL, NULL, NULL},
    {"Saint-Pierre", "saint-pierre", QC, NULL, NULL, NULL},
    {"O'Connor", "oconnor", QC, NULL, NULL, NULL},
    {"Dubé", "dube", QC, NULL, NULL, NULL},
    {"Girard", "girard", QC, NULL, NULL, NULL},
    {"Hébert", "hebert", QC, NULL, NULL, NULL},
    {"Béliveau", "beliveau", QC, NULL, NULL, NULL},
    {"Bédard", "bedard", QC, NULL, NULL, NULL},
    {"Séguin", "seguin", QC, NULL, NULL, NULL},
    {"Desjardins", "desjardins", QC, NULL, NULL, NULL},
    {"Wapistan", "wapistan", FN, "Innu", "french,innu", NULL},
    {"Mestokosho", "mestokosho", FN, "Ekuanitshit", "french,innu", NULL},
    {"Kurtness", "kurtness", FN, "Mashteuiatsh", "french,innu", NULL},
    {"Picard", "picard", FN, "Pessamit", "french,innu", NULL},
    {"Ottawa", "ottawa", FN, "Manawan", "french,atikamekw", NULL},
    {"Awashish", "awashish", FN, "Opitciwan", "french,atikamekw", NULL},
    {"Petiquay", "petiquay", FN, "Wemotaci", "french,atikamekw", NULL},
    {"Vollant", "vollant", FN, "Uashat mak Mani-utenam", "french,innu", NULL},
    {"Mukash", "mukash", FN, "Whapmagoostui", "english,cree", NULL},
    {"Bacon", "bacon", FN, "Pessamit", "french,innu", NULL},
    {"Nguyen", "nguyen", NEW, NULL, "french,other", "Vietnamien"},
    {"Diallo", "diallo", NEW, NULL, "french,other", "Peul"},
    {"Benali", "benali", NEW, NULL, "french,arabic", NULL},
    {"Traoré", "traore", NEW, NULL, "french,other", "Bambara"},
    {"Jean-Baptiste", "jean-baptiste", NEW, NULL, "french,haitian_creole", NULL},
    {"Rodríguez", "rodriguez", NEW, NULL, "french,spanish", NULL},
};


const struct given women[] = {
    {"Élisabeth", "elisabeth"}, {"Geneviève", "genevieve"}, {"Anne-Marie", "anne-marie"},
    {"Maïté", "maite"},         {"Noémie", "noemie"},       {"Zoé", "zoe"},
    {"Hélène", "helene"},       {"Chloé", "chloe"},         {"Marie-Ève", "marie-eve"},
    {"Josée", "josee"},         {"Mélanie", "melanie"},     {"Nathalie", "nathalie"},
    {"Émilie", "emilie"},       {"Kateri", "kateri"},       {"Aïcha", "aicha"},
    {"Fatoumata", "fatoumata"}, {"Laurence", "laurence"},   {"Ginette", "ginette"},
    {"Joséphine", "josephine"}, {"Océane", "oceane"},       {"Linh", "linh"},
};

const struct given men[] = {
    {"Gérald", "gerald"},     {"François", "francois"},   {"Jérôme", "jerome"},
    {"Moïse", "moise"},       {"Mathéo", "matheo"},       {"Éric", "eric"},
    {"Stéphane", "stephane"}, {"Sébastien", "sebastien"}, {"Jean-François", "jean-francois"},
    {"Luc", "luc"},           {"André", "andre"},         {"Benoît", "benoit"},
    {"Réjean", "rejean"},     {"Gaétan", "gaetan"},       {"Mamadou", "mamadou"},
    {"Karim", "karim"},       {"Thierry", "thierry"},     {"Olivier", "olivier"},
    {"Félix", "felix"},       {"Loïc", "loic"},           {"Minh", "minh"},
};


const struct city cities[] = {
    {"Montréal", "H2X", "514"},      {"Montréal", "H1W", "438"},  {"Québec", "G1K", "418"},
    {"Rouyn-Noranda", "J9X", "819"}, {"Sept-Îles", "G4R", "418"}, {"Trois-Rivières", "G9A", "819"},
    {"Gatineau", "J8Y", "873"},      {"Saguenay", "G7H", "581"},  {"Longueuil", "J4K", "450"},
    {"Val-d'Or", "J9P", "819"},
};

const char *const streets[] = {
    "rue Saint-Denis", "rue Principale",   "rue des Érables",   "rue Notre-Dame Ouest",
    "avenue du Lac",   "rue de l'Église",  "boulevard Laurier", "rue Sainte-Catherine Est",
    "rue Perreault",   "avenue Larivière", "rue du Père-Divet", "chemin du Roy",
};

const char *const relations[] = {"mère",      "sœur",     "frère",        "amie",  "ami",
                                        "conjointe", "conjoint", "intervenante", "fille", "tante"};
const struct referrer referrers[] = {
    {"cle", "CLE de Rouyn-Noranda"},
    {"cle", "CLE de Sept-Îles"},
    {"services_quebec", "Services Québec de Trois-Rivières"},
    {"community_org", "Maison du Père"},
    {"community_org", "Centre Élisabeth-Bruyère"},
    {"health_network", "CLSC Hochelaga-Maisonneuve"},
    {"school", "SARCA du centre de services scolaire"},
    {"justice", "Services correctionnels du Québec"},
    {"band_council", "Centre de santé de la communauté"},
    {"self", NULL},
    {"family", NULL},
};
const char *const households[] = {
    "alone", "alone", "couple", "couple_children", "single_parent", "with_family", "roommates"};

const char *const barriers[] = {
    "transport", "childcare", "income",   "housing", "health",  "mental_health",  "addiction",
    "isolation", "literacy",  "language", "justice", "digital", "discrimination", "schooling"};
const char *const needs[] = {"carpooling",        "transit_pass", "daycare",
                                    "financial_support", "food",         "housing_help",
                                    "health_referral",   "francisation", "literacy_training",
                                    "digital_training",  "legal_help",   "work_clothes"};
/* elders last: offered to First Nations participants only */
const char *const supports[] = {"family",        "partner",   "friends", "community_org",
                                       "professionals", "spiritual", "elders"};
const char *const housings[] = {
    "tenant",        "tenant",       "tenant",  "social_housing", "with_family",
    "rooming_house", "transitional", "shelter", "owner",          "homeless"};
const char *const transports[] = {"car", "public_transit", "carpool", "bike", "walking"};
const char *const availabilities[] = {"mornings", "afternoons", "evenings", "weekends"};
const char *const interests[] = {
    "Cuisine, jardinage",
    "Menuiserie et réparation de vélos",
    "Couture, friperie",
    "Informatique, jeux vidéo",
    "Artisanat (perlage, raquettes)",
    "Soins aux animaux",
    "Musique, chant",
    "Chasse, pêche et territoire",
    "Entretien ménager, organisation",
    "Service à la clientèle",
};
const char *const health_notes[] = {
    "Douleurs lombaires, évite de soulever des charges lourdes.",
    "Suivi au CLSC pour anxiété; médication stable.",
    "Diabète de type 2, bien contrôlé.",
    "Difficultés de sommeil depuis la perte de son logement.",
    "En rétablissement, suivi en dépendance depuis six mois.",
};

const char *const levels[] = {"to_develop", "in_progress", "acquired", "strength"};
const char *const rated[] = {
    "know_reading",     "know_writing",  "know_math",  "know_computer", "know_resources",
    "know_trade",       "do_manual",     "do_cooking", "do_customer",   "do_tools",
    "do_instructions",  "do_job_search", "do_budget",  "be_punctual",   "be_teamwork",
    "be_communication", "be_autonomy",   "be_stress",  "be_respect",    "be_perseverance",
};
const char *const education[] = {
    "primary",   "secondary_incomplete", "secondary_incomplete", "des", "dep", "aec", "dec",
    "university"};
const char *const employers[] = {
    "Restaurant Chez Ginette",
    "IGA Extra",
    "Tim Hortons",
    "Friperie La Renaissance",
    "Hôtel Le Noranda",
    "Ferme Beaulieu",
    "Entretien ménager Côté inc.",
    "Pourvoirie du Lac-Duparquet",
    "Centre de tri Recyc-Québec",
    "Dépanneur du Coin",
};
const char *const job_titles[] = {
    "Plongeur",
    "Caissière",
    "Commis d'entrepôt",
    "Préposée à l'entretien ménager",
    "Aide-cuisinier",
    "Manœuvre",
    "Journalier agricole",
    "Guide de pêche",
    "Préposé aux bénéficiaires",
    "Commis à la friperie",
};
const char *const reasons[] = {"end_of_contract", "laid_off", "quit",  "dismissed",
                                      "health",          "family",   "moved", "other"};

const char *const hours_typed[] = {"3",    "3,5", "3:30", "2h30", "4",   "2",
                                          "1:45", "6",   "7,5",  "5",    "3 h", "2,25"};
const char *const activity_notes[] = {
    "Atelier cuisine", "Friperie",     "Entretien du jardin communautaire", "Atelier CV",
    "Sortie au musée", "Francisation", "Initiation à l'informatique",       "Cercle de parole",
};

const char *const goals[] = {
    "Retourner aux études pour obtenir mon DEP en cuisine.",
    "Trouver un emploi à temps partiel d'ici un an.",
    "Sortir de l'isolement et reprendre une routine.",
    "Faire de la francisation puis un stage en entreprise.",
    "Me préparer à une mesure active d'emploi.",
};
const char *const orientations[] = {"employment", "employment_measure", "training", "school",
                                           "social",     "volunteering"};
const char *const step_actions[] = {
    "S'inscrire au SARCA",
    "Préparer un CV",
    "Faire une demande de carte OPUS",
    "Prendre rendez-vous au CLSC",
    "Visiter un centre de formation professionnelle",
    "Participer à l'atelier cuisine trois fois par semaine",
    "Ouvrir un compte bancaire",
    "Faire une demande de place en garderie",
};
const char *const responsibles[] = {"participant", "participant", "counsellor", "both",
                                           "partner"};
const char *const partners[] = {"CLE", "SARCA", "CLSC", "Carrefour jeunesse-emploi"};
const char *const meeting_kinds[] = {"in_person", "in_person", "phone", "video",
                                            "home_visit"};
const char *const topics[] = {"employment", "training", "income",        "housing",
                                     "health",     "family",   "participation", "plan"};
const char *const summaries[] = {
    "Bonne participation ce mois-ci; la personne se dit plus confiante.",
    "Retards fréquents à cause du transport; démarches pour une carte de transport.",
    "Discussion sur le budget; référence à un service d'aide alimentaire.",
    "Révision du plan : première étape réalisée, la suivante reportée d'un mois.",
    "La personne a déménagé; mise à jour des coordonnées.",
};

const int families_n = (int)(sizeof(families) / sizeof(families[0]));
const int women_n = (int)(sizeof(women) / sizeof(women[0]));
const int men_n = (int)(sizeof(men) / sizeof(men[0]));
const int cities_n = (int)(sizeof(cities) / sizeof(cities[0]));
const int streets_n = (int)(sizeof(streets) / sizeof(streets[0]));
const int relations_n = (int)(sizeof(relations) / sizeof(relations[0]));
const int referrers_n = (int)(sizeof(referrers) / sizeof(referrers[0]));
const int households_n = (int)(sizeof(households) / sizeof(households[0]));
const int barriers_n = (int)(sizeof(barriers) / sizeof(barriers[0]));
const int needs_n = (int)(sizeof(needs) / sizeof(needs[0]));
const int supports_n = (int)(sizeof(supports) / sizeof(supports[0]));
const int housings_n = (int)(sizeof(housings) / sizeof(housings[0]));
const int transports_n = (int)(sizeof(transports) / sizeof(transports[0]));
const int availabilities_n = (int)(sizeof(availabilities) / sizeof(availabilities[0]));
const int interests_n = (int)(sizeof(interests) / sizeof(interests[0]));
const int health_notes_n = (int)(sizeof(health_notes) / sizeof(health_notes[0]));
const int levels_n = (int)(sizeof(levels) / sizeof(levels[0]));
const int rated_n = (int)(sizeof(rated) / sizeof(rated[0]));
const int education_n = (int)(sizeof(education) / sizeof(education[0]));
const int employers_n = (int)(sizeof(employers) / sizeof(employers[0]));
const int job_titles_n = (int)(sizeof(job_titles) / sizeof(job_titles[0]));
const int reasons_n = (int)(sizeof(reasons) / sizeof(reasons[0]));
const int hours_typed_n = (int)(sizeof(hours_typed) / sizeof(hours_typed[0]));
const int activity_notes_n = (int)(sizeof(activity_notes) / sizeof(activity_notes[0]));
const int goals_n = (int)(sizeof(goals) / sizeof(goals[0]));
const int orientations_n = (int)(sizeof(orientations) / sizeof(orientations[0]));
const int step_actions_n = (int)(sizeof(step_actions) / sizeof(step_actions[0]));
const int responsibles_n = (int)(sizeof(responsibles) / sizeof(responsibles[0]));
const int partners_n = (int)(sizeof(partners) / sizeof(partners[0]));
const int meeting_kinds_n = (int)(sizeof(meeting_kinds) / sizeof(meeting_kinds[0]));
const int topics_n = (int)(sizeof(topics) / sizeof(topics[0]));
const int summaries_n = (int)(sizeof(summaries) / sizeof(summaries[0]));
