import { beforeAll, describe, expect, it } from "vitest";
import { assignmentsOf } from "../../app/modules/organisations/assignments.server";
import { isDone } from "../../app/modules/organisations/assignments";
import { prepareInstallation } from "../../app/modules/platform/setup.server";
import { COURSE_NODE } from "../../app/modules/progress/progress.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const prepare = () => prepareInstallation(database.db, { NODE_ENV: "development" }, { contentDir: `${database.dir}/content` });

async function counts() {
  const db = database.db;
  return {
    users: await db.user.count(),
    teams: await db.team.count(),
    teamMembers: await db.teamMember.count(),
    assignments: await db.assignment.count(),
    enrolments: await db.enrolment.count(),
    progress: await db.progress.count(),
    evidence: await db.competenceEvidence.count(),
    selfAssessments: await db.selfAssessment.count(),
    targetLevels: await db.targetLevel.count(),
    runs: await db.ldRun.count(),
    notifications: await db.notification.count(),
  };
}

beforeAll(async () => {
  await prepare();
}, 120_000);

describe("the demo activity", () => {
  it("gives the demo learner two completed modules, one half-way, and a finished self-assessment before them", async () => {
    const db = database.db;
    const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@vademecum.test" } });
    const courses = await db.progress.findMany({
      where: { nodeId: COURSE_NODE, enrolment: { userId: learner.id } },
      select: { status: true, completedAt: true, enrolment: { select: { packageId: true, course: { select: { identifier: true } } } } },
    });
    const byCourse = Object.fromEntries(courses.map((row) => [row.enrolment.course.identifier, row.status]));
    expect(byCourse).toEqual({
      "vademecum-data-monitoring": "completed",
      "vademecum-secure-communication": "completed",
      "vademecum-collaboration-peer-support": "in-progress",
    });

    const collaboration = await db.progress.findMany({
      where: { enrolment: { userId: learner.id, course: { identifier: "vademecum-collaboration-peer-support" } } },
    });
    const doneActivities = collaboration.filter((row) => row.nodeId.startsWith("LA-") && row.status === "completed");
    expect(doneActivities).toHaveLength(4);

    const assessments = await db.selfAssessment.findMany({ where: { userId: learner.id } });
    expect(assessments).toHaveLength(1);
    const completedAt = assessments[0].completedAt!;
    expect(completedAt).not.toBeNull();
    const answers = JSON.parse(assessments[0].answers) as { ratings: Record<string, number> };
    expect(Object.keys(answers.ratings)).toHaveLength(21);
    for (const row of courses.filter((course) => course.status === "completed")) {
      expect(row.completedAt!.getTime()).toBeGreaterThan(completedAt.getTime());
    }

    for (const row of courses.filter((course) => course.status === "completed")) {
      const linked = await db.packageCompetence.findMany({ where: { packageId: row.enrolment.packageId }, select: { competenceId: true } });
      expect(linked.length).toBeGreaterThan(0);
      const evidence = await db.competenceEvidence.findMany({
        where: { userId: learner.id, source: "module-completed", sourceRef: row.enrolment.packageId },
        select: { competenceId: true, observedAt: true },
      });
      expect(evidence.map((record) => record.competenceId).sort()).toEqual(linked.map((link) => link.competenceId).sort());
      expect(evidence.every((record) => record.observedAt.getTime() === row.completedAt!.getTime())).toBe(true);
    }
  });

  it("gives the organisation colleagues, two teams, three assignments (one overdue for the learner) and a target profile", async () => {
    const db = database.db;
    const organisation = await db.organisation.findUniqueOrThrow({
      where: { slug: "cooperativa-demo" },
      include: { teams: { include: { members: { include: { user: true } } } }, assignments: true, targetLevels: true },
    });
    expect(Object.fromEntries(organisation.teams.map((team) => [team.name, team.members.map((member) => member.user.email).sort()]))).toEqual({
      "Quartiere Navile": ["giulia.ferri@vademecum.test", "learner@vademecum.test"],
      "Unità di strada": ["paolo.conti@vademecum.test", "samir.haddad@vademecum.test"],
    });
    expect(organisation.assignments).toHaveLength(3);
    expect(organisation.assignments.filter((assignment) => assignment.mandatory)).toHaveLength(1);
    expect(organisation.targetLevels).toHaveLength(21);

    const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@vademecum.test" } });
    const overdue = (await assignmentsOf(db, learner.id)).filter(
      (assignment) => assignment.dueAt !== null && Date.parse(assignment.dueAt) < Date.now() && !isDone(assignment.status),
    );
    expect(overdue.map((assignment) => assignment.title)).toEqual([
      "Wellbeing and safety online for social workers and peer supporters",
    ]);

    const completions = await db.progress.findMany({ where: { nodeId: COURSE_NODE, status: "completed" }, select: { completedAt: true } });
    const months = new Set(completions.map((row) => row.completedAt!.toISOString().slice(0, 7)));
    expect(completions).toHaveLength(3);
    expect(months.size).toBeGreaterThan(1);
  });

  it("changes nothing when the set-up runs again", async () => {
    const before = await counts();
    await prepare();
    await expect(counts()).resolves.toEqual(before);
  }, 60_000);
});
