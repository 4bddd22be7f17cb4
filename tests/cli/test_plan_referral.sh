# The action plan's objectives (status and the date it changed), and
# referrals: partners taken from forms/partners.yaml and shown by name, the
# consent rule (no referral without the intake's consent to share), the
# outcome date a decided outcome needs, and bad partners files refused by
# `forms check`.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
# A consents to sharing with partners; B only with Services Québec
intake Côté Élisabeth 1985-03-02 --set consent_partners=oui; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")

# ---- the plan's objectives ----
expect 0 submit plan "$A" --set plan_date=2026-03-01 --set goal="Retour aux études" \
	--set objectives.1.objective="Obtenir mon permis" --set objectives.1.domain=living \
	--set objectives.1.responsible=participant --set objectives.1.due_date=2026-06-30 \
	--set objectives.1.status=planned --set objectives.1.status_date=2026-03-01
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.forms.plan.current.objectives[0].status')" planned
same "$(jq_ "$T/out" '$.forms.plan.current.objectives[0].status_date')" 2026-03-01
# a status date in the future is refused
expect 1 submit plan "$A" --set objectives.1.status=in_progress \
	--set objectives.1.status_date=2026-04-01
has "$T/err" "objectives.1.status_date: "
expect 0 submit plan "$A" --set objectives.1.status=in_progress \
	--set objectives.1.status_date=2026-03-10
expect 0 submit plan "$A" --set objectives.1.status=achieved \
	--set objectives.1.status_date=2026-03-14
# each change of status is kept, with its date, in the plan's revisions
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.forms.plan.revisions[0].answers.objectives[0].status')" planned
same "$(jq_ "$T/out" '$.forms.plan.revisions[1].answers.objectives[0].status_date')" 2026-03-10
same "$(jq_ "$T/out" '$.forms.plan.current.objectives[0].status')" achieved
same "$(jq_ "$T/out" '$.forms.plan.current.objectives_achieved')" 1
expect 0 show "$A"
has "$T/out" "Achieved"
has "$T/out" "Living conditions (housing, income, transport)"
# the changes of status with their dates, read from the plan's revisions
has "$T/out" "Changes of status (Objectives of the plan):"
has "$T/out" "    Obtenir mon permis: Planned 2026-03-01, In progress 2026-03-10, Achieved 2026-03-14"
expect 0 --lang fr show "$A"
has "$T/out" "    Obtenir mon permis: Prévu 2026-03-01, En cours 2026-03-10, Atteint 2026-03-14"

# ---- referrals ----
expect 0 submit referral "$A" --set referral_date=2026-03-05 --set partner=clsc \
	--set reason="Soutien psychosocial" --set outcome=pending
has "$T/out" "referral: entry 1 added"
# the person has not consented to sharing with partners other than Services Québec
expect 1 submit referral "$B" --set referral_date=2026-03-05 --set partner=clsc \
	--set reason="Soutien psychosocial" --set outcome=pending
has "$T/err" "partner: no referral to CLSC, CIUSSS or CISSS without the person's consent"
has "$T/err" "record the consent in the intake first"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'referral'")" 1
# the CLE needs the consent to share with Services Québec, which B gave
expect 0 submit referral "$B" --set referral_date=2026-03-05 --set partner=cle \
	--set reason="Admissibilité PAAS" --set outcome=pending
# once the intake holds the consent, the referral is taken
expect 0 submit intake "$B" --set consent_partners=oui
expect 0 submit referral "$B" --set referral_date=2026-03-06 --set partner=clsc \
	--set reason="Soutien psychosocial" --set outcome=pending
# an outcome other than pending needs its date, not in the future
expect 1 submit referral "$A" --entry 1 --set outcome=accepted
has "$T/err" "outcome_date: "
expect 1 submit referral "$A" --entry 1 --set outcome=accepted --set outcome_date=2026-03-20
has "$T/err" "outcome_date: "
expect 1 submit referral "$A" --entry 1 --set outcome=accepted --set outcome_date=2026-03-01
has "$T/err" "outcome_date: "
expect 0 submit referral "$A" --entry 1 --set outcome=accepted --set outcome_date=2026-03-12
# partners by name, never by code, in show and the text export
expect 0 show "$A"
has "$T/out" "CLSC, CIUSSS or CISSS"
has "$T/out" "Accepted"
expect 0 --lang fr show "$A"
has "$T/out" "CLSC, CIUSSS ou CISSS"
# the export, for spreadsheets and programs, keeps the stable codes
expect 0 export referral
has "$T/out" "2026-03-05,clsc,,Soutien psychosocial,accepted,2026-03-12"
# an unknown partner is refused like any unknown choice
expect 1 submit referral "$A" --set referral_date=2026-03-05 --set partner=nowhere \
	--set reason="x"
has "$T/err" "partner: "

# ---- evaluations ----
expect 0 submit evaluation "$A" --set evaluation_date=2026-03-14 \
	--set attainment.1.objective="Obtenir mon permis" --set attainment.1.level=attained \
	--set next_evaluation=2027-06-01
has "$T/err" "next_evaluation: "
has "$T/err" "more than a year away"
expect 1 submit evaluation "$A" --set evaluation_date=2026-03-14 --set next_evaluation=2026-03-01
has "$T/err" "next_evaluation: "

# ---- forms check on partners files ----
mkdir "$T/f"
cp "$SRC"/forms/*.yaml "$T/f/"
cat >"$T/f/partners.yaml" <<'Y'
partners:
  - code: clsc
    name: {fr: CLSC, en: CLSC}
  - code: clsc
    kind: Santé
  - {code: Bad, name: X, phone: 123}
Y
expect 3 forms check "$T/f"
has "$T/err" "partners.yaml:4:11: the partner code \"clsc\" appears twice"
has "$T/err" "partners.yaml:4:5: a partner needs a \"name\""
has "$T/err" "partners.yaml:6:12: the partner code \"Bad\" must use only a-z, 0-9 and _"
has "$T/err" "partners.yaml:6:26: unknown key \"phone\" in a partner"
has "$T/err" "referral.yaml:33:18: the choices file \"partners.yaml\" cannot be used"
rm "$T/f/partners.yaml"
expect 3 forms check "$T/f/referral.yaml"
has "$T/err" "partners.yaml:1:1: "
has "$T/err" "referral.yaml:33:18: the choices file \"partners.yaml\" cannot be used"
sed -i 's/choices: partners.yaml/choices: ..\/partners.yaml/' "$T/f/referral.yaml"
expect 3 forms check "$T/f/referral.yaml"
has "$T/err" "a list file is named without a folder"
finish
