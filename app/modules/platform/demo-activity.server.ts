import type { Db } from "../../utils/db.server";
import { findUserSummary } from "../auth/session.server";
import type { UserSummary } from "../auth/roles";
import { digComp22 } from "../competencies/digcomp";
import { digComp22SelfAssessment } from "../competencies/self-assessment/digcomp-bank.server";
import { finishSelfAssessment, saveSelfAssessmentAnswers } from "../competencies/self-assessment.server";
import { assessmentSteps, itemField, mergeStep, ratingField, readStep } from "../competencies/self-assessment/steps";
import { ensureEnrolment } from "../delivery/enrolment.server";
import { indexDesign } from "../delivery/learning-design/design-index";
import { setProperty } from "../delivery/learning-design/engine";
import { changeRun } from "../delivery/ld-runs.server";
import { nextStep } from "../delivery/next-step";
import { markActivityDone, openActivityFor, openUnit, viewOf, type UnitSession } from "../delivery/player.server";
import { createAssignment } from "../organisations/assignments.server";
import { dueDateToInstant, instantToDueDate } from "../organisations/assignments";
import { requireReportFramework, saveTargetLevels } from "../organisations/reports-competences.server";
import { addTeamMember, createTeam, listTeams } from "../organisations/teams.server";
import type { CompletionRule, Property, PropertyValue } from "../standards/learning-design/model";
import { DEMO_ORGANISATION, seedDemoColleagues } from "./seed.server";

/**
 * A lived-in demo organisation: the demo learner's colleagues, two teams, training assigned by
 * the demo manager, a target profile, a finished self-assessment and months of progress. All of
 * it is made by the services the pages call, with clocks set in the past, so runs, progress,
 * evidence and reports agree as they would after real use. Runs once: nothing happens when the
 * demo learner already has an enrolment.
 */

const LEARNER = "learner@vademecum.test";
const MANAGER = "manager@vademecum.test";
const GIULIA = "giulia.ferri@vademecum.test";
const SAMIR = "samir.haddad@vademecum.test";
const PAOLO = "paolo.conti@vademecum.test";

const COURSES = {
  secureCommunication: "vademecum-secure-communication",
  onlineOutreach: "vademecum-online-outreach",
  digitalInclusion: "vademecum-digital-inclusion",
  collaboration: "vademecum-collaboration-peer-support",
  dataMonitoring: "vademecum-data-monitoring",
  wellbeing: "vademecum-wellbeing-safety",
} as const;

/** The organisation's target: level 4 where the work leans on communication and privacy, 3 elsewhere. */
const TARGET_LEVEL_4 = new Set(["2.1", "2.2", "2.4", "4.2", "4.3"]);
const TARGET_LEVEL = 3;

/** The demo learner's self-ratings (steps of the bank's scale, 1–5) by competence. */
const SELF_RATINGS: Record<string, number> = {
  "1.1": 4, "1.2": 3, "1.3": 2,
  "2.1": 4, "2.2": 3, "2.3": 3, "2.4": 3, "2.5": 4, "2.6": 2,
  "3.1": 2, "3.2": 2, "3.3": 1, "3.4": 1,
  "4.1": 3, "4.2": 3, "4.3": 3, "4.4": 2,
  "5.1": 3, "5.2": 4, "5.3": 2, "5.4": 3,
};

/** What the demo people write where an activity asks for text, by property. */
const WRITTEN_ANSWERS: Record<string, string> = {
  "P-coprod-plan": "Monthly open meeting with two peer-support experts and three service users to plan the drop-in hours.",
  "P-plan-revision": "Meet in the community centre instead of online, so everyone can take part.",
  "P-support-plan": "Thirty minutes at the help desk: log in to the public services portal together, then practise alone with me beside.",
  "P-first-step": "Turn off work notifications on my phone after 19:00.",
  "P-support-person": "My team coordinator.",
};
const DEFAULT_ANSWER = "Discussed with my team and agreed.";

/** A run that needs more steps than this does not finish by completing activities. */
const MAX_STEPS = 40;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export async function seedDemoActivity(db: Db, options: { now: Date }): Promise<{ created: boolean }> {
  const learner = await db.user.findUnique({ where: { email: LEARNER }, select: { id: true } });
  if (!learner || (await db.enrolment.count({ where: { userId: learner.id } })) > 0) return { created: false };
  const now = options.now.getTime();
  // Past activity happens in working hours: 08:30 UTC of the day.
  const daysAgo = (days: number) =>
    new Date(Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate() - days, 8, 30));

  await seedDemoColleagues(db);
  const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORGANISATION.slug }, select: { id: true } });
  const people = await demoPeople(db, organisation.id, [LEARNER, MANAGER, GIULIA, SAMIR, PAOLO]);
  const courses = await courseIds(db);

  const navile = await team(db, organisation.id, "Quartiere Navile", [people[LEARNER], people[GIULIA]]);
  const street = await team(db, organisation.id, "Unità di strada", [people[SAMIR], people[PAOLO]]);
  const due = (days: number) => dueDateToInstant(instantToDueDate(new Date(now + days * DAY)));
  const assign = async (input: Parameters<typeof createAssignment>[3]) => {
    const result = await createAssignment(db, organisation.id, people[MANAGER].summary.id, input);
    if (!result.ok) throw new Error(`The demo assignment of ${input.what.courseId} was refused (${result.field}).`);
  };
  await assign({
    what: { courseId: courses.secureCommunication, nodeId: null },
    who: { kind: "team", id: navile },
    dueAt: due(14),
    reason: "Required by our data protection policy for everyone who contacts service users.",
    mandatory: true,
  });
  await assign({
    what: { courseId: courses.onlineOutreach, nodeId: null },
    who: { kind: "team", id: street },
    dueAt: due(30),
    reason: "",
    mandatory: false,
  });
  await assign({
    what: { courseId: courses.wellbeing, nodeId: null },
    who: { kind: "member", id: people[LEARNER].membershipId },
    dueAt: due(-7),
    reason: "Agreed at your supervision meeting.",
    mandatory: false,
  });

  const { id: frameworkId, framework } = await requireReportFramework(db);
  await saveTargetLevels(
    db,
    organisation.id,
    frameworkId,
    "",
    Object.fromEntries(framework.competences.map(({ code }) => [code, TARGET_LEVEL_4.has(code) ? 4 : TARGET_LEVEL])),
  );

  // Each unit is taken by one person only: the organisation shares one run per unit, whose acts
  // wait for every learner in it (docs/decisions/009-ims-ld-runs.md).
  const lucia = people[LEARNER].summary;
  await selfAssess(db, lucia.id, daysAgo(150));
  await ensureEnrolment(db, lucia.id, courses.dataMonitoring);
  await takeUnit(db, lucia, courses.dataMonitoring, { from: daysAgo(125) });
  await takeUnit(db, people[PAOLO].summary, courses.onlineOutreach, { from: daysAgo(80), daysBetween: 2 });
  await takeUnit(db, lucia, courses.secureCommunication, { from: daysAgo(40) });
  await ensureEnrolment(db, people[GIULIA].summary.id, courses.digitalInclusion);
  await takeUnit(db, people[GIULIA].summary, courses.digitalInclusion, { from: daysAgo(12), activities: 3 });
  await ensureEnrolment(db, lucia.id, courses.collaboration);
  // Four of the eight activities the learner needs: the three foundations and one option.
  await takeUnit(db, lucia, courses.collaboration, { from: daysAgo(5), activities: 4 });
  return { created: true };
}

interface DemoPerson {
  summary: UserSummary;
  membershipId: string;
}

async function demoPeople(db: Db, organisationId: string, emails: string[]): Promise<Record<string, DemoPerson>> {
  const people: Record<string, DemoPerson> = {};
  for (const email of emails) {
    const membership = await db.membership.findFirst({
      where: { organisationId, user: { email } },
      select: { id: true, userId: true },
    });
    const summary = membership && (await findUserSummary(membership.userId, db));
    if (!membership || !summary) throw new Error(`The demo account ${email} is not a member of ${DEMO_ORGANISATION.name}.`);
    people[email] = { summary, membershipId: membership.id };
  }
  return people;
}

async function courseIds(db: Db): Promise<Record<keyof typeof COURSES, string>> {
  const rows = await db.course.findMany({ where: { identifier: { in: Object.values(COURSES) } }, select: { id: true, identifier: true } });
  const byIdentifier = new Map(rows.map((row) => [row.identifier, row.id]));
  const ids = {} as Record<keyof typeof COURSES, string>;
  for (const [key, identifier] of Object.entries(COURSES) as [keyof typeof COURSES, string][]) {
    const id = byIdentifier.get(identifier);
    if (!id) throw new Error(`The bundled course ${identifier} is not imported.`);
    ids[key] = id;
  }
  return ids;
}

/** The team with that name (created when missing) with the given people in it; returns its id. */
async function team(db: Db, organisationId: string, name: string, members: DemoPerson[]): Promise<string> {
  const created = await createTeam(db, organisationId, name);
  const teamId = created.ok ? created.teamId : (await listTeams(db, organisationId)).find((entry) => entry.name === name)?.id;
  if (!teamId) throw new Error(`The demo team ${name} could not be created.`);
  for (const member of members) await addTeamMember(db, organisationId, teamId, member.membershipId);
  return teamId;
}

/**
 * The whole self-assessment, area by area as the form posts it: a self-rating for every
 * competence and an answer to every knowledge item, right up to one level above the rating.
 */
async function selfAssess(db: Db, userId: string, at: Date): Promise<void> {
  const bank = digComp22SelfAssessment();
  const steps = assessmentSteps(bank, digComp22());
  for (const [index, step] of steps.entries()) {
    const values: Record<string, string> = {};
    for (const question of step.questions) {
      const rating = SELF_RATINGS[question.competence] ?? 3;
      values[ratingField(question.competence)] = String(rating);
      const level = bank.scale.find((entry) => entry.step === rating)?.level ?? 0;
      for (const item of question.knowledgeItems) {
        const wrong = item.options.find((option) => option.id !== item.correctOptionId);
        values[itemField(item.id)] = item.level <= level + 1 || !wrong ? item.correctOptionId : wrong.id;
      }
    }
    const submission = readStep(bank, step, values);
    await saveSelfAssessmentAnswers(db, userId, bank, (stored) => mergeStep(stored, step, index, submission));
  }
  await finishSelfAssessment(db, userId, bank, at);
}

async function openAt(db: Db, user: UserSummary, courseId: string, at: number): Promise<UnitSession> {
  const opened = await openUnit(db, user, courseId, { now: new Date(at).toISOString() });
  if (!opened.ok) throw new Error(`${user.email} cannot open the demo course ${courseId}: ${opened.reason}.`);
  return opened.session;
}

/**
 * Takes a unit as a learner would: opens the next activity, spends a few minutes on it and
 * completes it by its own rule, one activity a day (or every daysBetween days) from `from`,
 * until the unit is completed or `activities` activities are done.
 */
async function takeUnit(
  db: Db,
  user: UserSummary,
  courseId: string,
  plan: { from: Date; daysBetween?: number; activities?: number },
): Promise<void> {
  let at = plan.from.getTime();
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const session = await openAt(db, user, courseId, at);
    const view = viewOf(session);
    if (view.unitCompleted || step === plan.activities) return;
    const next = nextStep(view);
    if (!next) throw new Error(`The demo course "${session.course.title}" has nothing left to do for ${user.email} but is not completed.`);
    await openActivityFor(db, session, next.identifier);
    at += (10 + ((step * 7) % 15)) * MINUTE;
    await completeActivity(db, await openAt(db, user, courseId, at), next.identifier);
    at += (plan.daysBetween ?? 1) * DAY;
  }
  throw new Error(`The demo course ${courseId} was not completed after ${MAX_STEPS} activities.`);
}

type PropertyRule = Extract<CompletionRule, { kind: "when-property-value-is-set" }>;

/** Completes an activity by its complete-activity rule: the person says so, or sets the property it waits for. */
async function completeActivity(db: Db, session: UnitSession, activityId: string): Promise<void> {
  const index = indexDesign(session.uol);
  const rules = (index.learningActivities.get(activityId) ?? index.supportActivities.get(activityId))?.completion ?? [];
  const failed = (code: string) => new Error(`The demo learner could not complete ${activityId} of "${session.course.title}": ${code}.`);
  if (rules.some((rule) => rule.kind === "user-choice")) {
    const outcome = await markActivityDone(db, session, activityId);
    if (!outcome.ok) throw failed(outcome.code);
    return;
  }
  const rule = rules.find((candidate): candidate is PropertyRule => candidate.kind === "when-property-value-is-set");
  const property = rule && index.properties.get(rule.propertyRef);
  if (!rule || !property) throw failed("it completes neither by choice nor by a property");
  const value = rule.value ?? answerFor(property, session.now);
  const result = await changeRun(db, session, session.userId, session.now, (state) =>
    setProperty(session.uol, state, session.userId, property.identifier, value, session.now),
  );
  if (!result.ok) throw failed(result.code);
}

/** A valid value for a property: its first allowed value, the lowest number allowed, or a short text. */
function answerFor(property: Property, now: string): PropertyValue {
  const allowed = (type: string) => property.restrictions.find((restriction) => restriction.type === type)?.value;
  const enumeration = allowed("enumeration");
  if (enumeration !== undefined) return enumeration;
  switch (property.datatype) {
    case "boolean":
      return true;
    case "integer":
    case "real":
      return allowed("minInclusive") ?? "1";
    case "datetime":
      return now;
    case "duration":
      return "PT30M";
    default:
      return WRITTEN_ANSWERS[property.identifier] ?? DEFAULT_ANSWER;
  }
}
