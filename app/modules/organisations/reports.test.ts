import { describe, expect, it } from "vitest";
import {
  buildReport,
  classifyAssignment,
  completionTrend,
  expandAssignments,
  filtersToParams,
  parseReportFilters,
  trendMonths,
  type ReportAssignment,
  type ReportInput,
  type ReportMember,
} from "./reports";

const NOW = new Date("2026-06-15T12:00:00Z");
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

function member(id: string, extra: Partial<ReportMember> = {}): ReportMember {
  return { membershipId: `m-${id}`, userId: id, name: `Name ${id}`, email: `${id}@example.org`, jobRole: "", deleted: false, ...extra };
}

function assignment(id: string, extra: Partial<ReportAssignment>): ReportAssignment {
  return { id, courseId: "c1", courseTitle: "Secure communication", nodeId: null, teamId: null, userId: null, dueAt: null, mandatory: false, ...extra };
}

/** Ana and Bea in team Navile, Carlo in no team; Dario is not a member (another organisation's learner). */
function input(): ReportInput {
  return {
    members: [member("ana"), member("bea"), member("carlo", { jobRole: "volunteer" })],
    teams: [{ id: "navile", name: "Navile" }],
    teamMembers: [
      { teamId: "navile", userId: "ana" },
      { teamId: "navile", userId: "bea" },
      { teamId: "navile", userId: "dario" },
    ],
    assignments: [
      assignment("a-team", { teamId: "navile", dueAt: day("2026-06-01") }),
      assignment("a-carlo", { userId: "carlo", courseId: "c2", courseTitle: "Online outreach", dueAt: day("2026-07-01") }),
      assignment("a-ana", { userId: "ana", dueAt: day("2026-09-01") }),
    ],
    progress: [
      { userId: "ana", courseId: "c1", nodeId: "", status: "passed", score: 0.9, lastAccessAt: day("2026-05-20"), completedAt: day("2026-05-20") },
      { userId: "bea", courseId: "c1", nodeId: "", status: "in-progress", score: null, lastAccessAt: day("2026-06-10"), completedAt: null },
      { userId: "bea", courseId: "c1", nodeId: "LA-1", status: "completed", score: null, lastAccessAt: day("2026-06-10"), completedAt: day("2026-06-10") },
      { userId: "carlo", courseId: "c2", nodeId: "", status: "failed", score: 0.3, lastAccessAt: day("2026-06-11"), completedAt: null },
      { userId: "dario", courseId: "c1", nodeId: "", status: "completed", score: null, lastAccessAt: day("2026-05-01"), completedAt: day("2026-05-01") },
    ],
  };
}

describe("classifying assigned training", () => {
  it.each([
    ["completed", day("2026-06-01"), "completed"],
    ["passed", day("2026-06-01"), "completed"],
    ["in-progress", day("2026-06-01"), "overdue"],
    ["failed", day("2026-06-01"), "overdue"],
    [null, day("2026-06-01"), "overdue"],
    ["in-progress", day("2026-07-01"), "in-progress"],
    ["failed", null, "in-progress"],
    ["not-started", day("2026-07-01"), "not-started"],
    [null, null, "not-started"],
  ] as const)("%s due %s is %s", (progress, dueAt, expected) => {
    expect(classifyAssignment(progress, dueAt, NOW)).toBe(expected);
  });

  it("is overdue only once the due moment has passed", () => {
    expect(classifyAssignment(null, new Date(NOW.getTime() + 1), NOW)).toBe("not-started");
    expect(classifyAssignment(null, new Date(NOW.getTime() - 1), NOW)).toBe("overdue");
  });
});

describe("expanding assignments to learners", () => {
  it("reaches the named learner and the team's current members, never non-members", () => {
    const rows = expandAssignments(input(), NOW);
    expect(rows.map((row) => [row.assignment.id, row.member.userId, row.status])).toEqual([
      ["a-team", "ana", "completed"],
      ["a-team", "bea", "overdue"],
      ["a-carlo", "carlo", "in-progress"],
      ["a-ana", "ana", "completed"],
    ]);
  });

  it("reads the progress of the assigned part, not the whole course", () => {
    const data = input();
    const rows = expandAssignments({ ...data, assignments: [assignment("part", { teamId: "navile", nodeId: "LA-1" })] }, NOW);
    expect(rows.map((row) => [row.member.userId, row.status, row.completedAt?.toISOString() ?? null])).toEqual([
      ["ana", "not-started", null],
      ["bea", "completed", "2026-06-10T12:00:00.000Z"],
    ]);
  });
});

describe("the organisation report", () => {
  const noFilters = parseReportFilters(new URLSearchParams());

  it("counts each assignment per learner and totals them", () => {
    const report = buildReport(input(), noFilters, NOW);
    expect(report.totals).toEqual({ "not-started": 0, "in-progress": 1, completed: 2, overdue: 1, total: 4 });
    expect(report.assignments.map((a) => [a.id, a.teamName ?? a.memberName, a.counts.total, a.counts.overdue])).toEqual([
      ["a-team", "Navile", 2, 1],
      ["a-carlo", "Name carlo", 1, 0],
      ["a-ana", "Name ana", 1, 0],
    ]);
  });

  it("counts per team the training of its current members, and members in no team apart", () => {
    const report = buildReport(input(), noFilters, NOW);
    expect(report.teams.map((team) => [team.name, team.members, team.counts.completed, team.counts.overdue, team.counts["in-progress"]])).toEqual([
      ["Navile", 2, 2, 1, 0],
      [null, 1, 0, 0, 1],
    ]);
  });

  it("lists each member's courses once, with the most urgent due date", () => {
    const report = buildReport(input(), noFilters, NOW);
    const ana = report.members.rows.find((row) => row.membershipId === "m-ana")!;
    expect(ana.courses).toHaveLength(1);
    expect(ana.courses[0]).toMatchObject({ courseTitle: "Secure communication", status: "completed", score: 0.9 });
    expect(ana.courses[0].dueAt?.toISOString()).toBe("2026-06-01T12:00:00.000Z");
    expect(ana.teamNames).toEqual(["Navile"]);
    expect(report.members.total).toBe(3);
  });

  it("filters by team, status, module and due date, and lists only the members found", () => {
    const overdue = buildReport(input(), parseReportFilters(new URLSearchParams("status=overdue")), NOW);
    expect(overdue.totals.total).toBe(1);
    expect(overdue.members.rows.map((row) => row.name)).toEqual(["Name bea"]);

    const team = buildReport(input(), parseReportFilters(new URLSearchParams("team=navile")), NOW);
    expect(team.totals.total).toBe(3);
    expect(team.teams.map((row) => row.name)).toEqual(["Navile"]);
    expect(team.members.rows.map((row) => row.name)).toEqual(["Name ana", "Name bea"]);

    const course = buildReport(input(), parseReportFilters(new URLSearchParams("course=c2")), NOW);
    expect(course.assignments.map((row) => row.id)).toEqual(["a-carlo"]);

    const due = buildReport(input(), parseReportFilters(new URLSearchParams("dueFrom=2026-06-15&dueTo=2026-07-01")), NOW);
    expect(due.assignments.map((row) => row.id)).toEqual(["a-carlo"]);
  });

  it("pages the member list", () => {
    const data = input();
    const many = { ...data, members: Array.from({ length: 120 }, (_, index) => member(`u${String(index).padStart(3, "0")}`)) };
    const page3 = buildReport(many, parseReportFilters(new URLSearchParams("page=3")), NOW).members;
    expect([page3.page, page3.pageCount, page3.rows.length, page3.rows[0].name]).toEqual([3, 3, 20, "Name u100"]);
    expect(buildReport(many, parseReportFilters(new URLSearchParams("page=99")), NOW).members.page).toBe(3);
  });
});

describe("filters in the query string", () => {
  it("ignores values that do not parse instead of failing", () => {
    const filters = parseReportFilters(new URLSearchParams("status=lost&dueFrom=2026-13-45&page=-2&groupBy=planet&team=navile"));
    expect(filters).toEqual({ team: "navile", groupBy: "team", role: "", page: 1 });
  });

  it("round-trips, leaving defaults out", () => {
    const filters = parseReportFilters(new URLSearchParams("status=overdue&groupBy=member&page=2&role=volunteer"));
    expect(filtersToParams(filters).toString()).toBe("status=overdue&groupBy=member&role=volunteer&page=2");
    expect(filtersToParams(parseReportFilters(new URLSearchParams())).toString()).toBe("");
  });
});

describe("completions over time", () => {
  it("has the last twelve calendar months, oldest first", () => {
    expect(trendMonths(NOW)).toEqual([
      "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
      "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
    ]);
  });

  it("counts a completed course once per learner, whatever assigned it, in its month", () => {
    const rows = expandAssignments(input(), NOW);
    const trend = completionTrend(rows, NOW);
    expect(trend.find((month) => month.month === "2026-05")?.completions).toBe(1);
    expect(trend.reduce((sum, month) => sum + month.completions, 0)).toBe(1);
  });

  it("leaves out completions older than the window", () => {
    const data = input();
    const progress = [{ ...data.progress[0], completedAt: day("2024-01-10") }, ...data.progress.slice(1)];
    expect(completionTrend(expandAssignments({ ...data, progress }, NOW), NOW).every((month) => month.completions === 0)).toBe(true);
  });
});
