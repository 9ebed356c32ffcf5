import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { SubmitButton } from "../components/forms";
import { controlClass, dangerButtonClass, LabelledControl, StatusMessage } from "../components/organisation-fields";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { AssignmentSchema } from "../modules/organisations/assignments";
import {
  assignableCourses,
  createAssignment,
  deleteAssignment,
  listAssignments,
} from "../modules/organisations/assignments.server";
import { listMembers } from "../modules/organisations/members.server";
import { listTeams } from "../modules/organisations/teams.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { dateTimeFormat } from "../utils/formats";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const organisationId = organisation.organisationId;
  const [assignments, courses, teams, members] = await Promise.all([
    listAssignments(db, organisationId),
    assignableCourses(db),
    listTeams(db, organisationId),
    listMembers(db, organisationId),
  ]);
  return {
    assignments,
    courses,
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
    members: members
      .filter((member) => member.status === "active")
      .map((member) => ({ membershipId: member.membershipId, name: member.name, email: member.email })),
  };
}

type ActionResult = { intent: string; fieldErrors: FieldErrors; values: Record<string, string>; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "assign") {
    const form = parseForm(AssignmentSchema, formData);
    if (!form.ok) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
    const result = await createAssignment(db, organisation.organisationId, user.id, form.data);
    if (!result.ok) {
      const message = result.field === "what" ? "organisations.errors.courseRequired" : "organisations.errors.whoRequired";
      return data<ActionResult>(
        { intent, fieldErrors: { [result.field]: [message] }, values: Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])) },
        { status: 400 },
      );
    }
    return data<ActionResult>({ intent, fieldErrors: {}, values: {}, done: "organisations.assignments.created" });
  }
  if (intent === "delete") {
    await deleteAssignment(db, organisation.organisationId, String(formData.get("assignmentId") ?? ""));
    return data<ActionResult>({ intent, fieldErrors: {}, values: {}, done: "organisations.assignments.deleted" });
  }
  throw new Response("Unknown form.", { status: 400 });
}

export default function Assignments() {
  const { t, i18n } = useTranslation();
  const { assignments, courses, teams, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const form = result?.intent === "assign" ? result : undefined;
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const values = form?.fieldErrors && Object.keys(form.fieldErrors).length > 0 ? form.values : {};

  return (
    <>
      <PageHeader title={t("organisations.assignments.title")} lead={t("organisations.assignments.lead")} />
      {result?.done ? (
        <div className="mb-6">
          <StatusMessage>{t(result.done)}</StatusMessage>
        </div>
      ) : null}
      <section aria-labelledby="assign-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="assign-title" className="text-lg font-semibold">
          {t("organisations.assignments.newTitle")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 md:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="assign" />
          <LabelledControl
            label={t("organisations.fields.what")}
            hint={t("organisations.assignments.whatHint")}
            errors={form?.fieldErrors.what}
          >
            {(props) => (
              <select {...props} name="what" defaultValue={values.what ?? ""} className={controlClass}>
                <option value="">{t("organisations.assignments.chooseCourse")}</option>
                {courses.map((course) => (
                  <optgroup key={course.courseId} label={course.title}>
                    <option value={course.courseId}>{t("organisations.assignments.wholeCourse", { course: course.title })}</option>
                    {course.activities.map((activity) => (
                      <option key={activity.id} value={`${course.courseId}/${activity.id}`}>
                        {t("organisations.assignments.onlyActivity", { activity: activity.title })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </LabelledControl>
          <LabelledControl label={t("organisations.fields.who")} errors={form?.fieldErrors.who}>
            {(props) => (
              <select {...props} name="who" defaultValue={values.who ?? ""} className={controlClass}>
                <option value="">{t("organisations.assignments.chooseWho")}</option>
                {teams.length > 0 ? (
                  <optgroup label={t("organisations.nav.teams")}>
                    {teams.map((team) => (
                      <option key={team.id} value={`team:${team.id}`}>
                        {team.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label={t("organisations.nav.members")}>
                  {members.map((member) => (
                    <option key={member.membershipId} value={`member:${member.membershipId}`}>
                      {member.name} ({member.email})
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </LabelledControl>
          <LabelledControl label={t("organisations.fields.dueAt")} errors={form?.fieldErrors.dueAt}>
            {(props) => <input {...props} type="date" name="dueAt" defaultValue={values.dueAt ?? ""} className={controlClass} />}
          </LabelledControl>
          <LabelledControl
            label={t("organisations.fields.reason")}
            hint={t("organisations.assignments.reasonHint")}
            errors={form?.fieldErrors.reason}
          >
            {(props) => <input {...props} name="reason" defaultValue={values.reason ?? ""} className={controlClass} />}
          </LabelledControl>
          <div className="flex items-center gap-2">
            <input id="mandatory" type="checkbox" name="mandatory" defaultChecked={values.mandatory === "on"} className="h-5 w-5" />
            <label htmlFor="mandatory" className="font-medium">
              {t("organisations.fields.mandatory")}
            </label>
          </div>
          <div className="md:col-span-2">
            <SubmitButton>{t("organisations.assignments.assign")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="assignments-title">
        <h2 id="assignments-title" className="mb-3 text-xl font-semibold">
          {t("organisations.assignments.listTitle")}
        </h2>
        {assignments.length === 0 ? (
          <EmptyState>{t("organisations.assignments.none")}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {assignments.map((assignment) => (
              <li key={assignment.id} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">
                    {assignment.courseTitle}
                    {assignment.activityTitle ? <> · {assignment.activityTitle}</> : null}
                  </h3>
                  {assignment.mandatory ? (
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900">
                      {t("organisations.assignments.mandatory")}
                    </span>
                  ) : null}
                </div>
                <p className="text-sm text-stone-800">
                  {assignment.target.kind === "team"
                    ? t("organisations.assignments.toTeam", { name: assignment.target.name })
                    : t("organisations.assignments.toMember", { name: assignment.target.name })}
                  {assignment.dueAt ? <> · {t("organisations.assignments.due", { date: date.format(new Date(assignment.dueAt)) })}</> : null}
                </p>
                {assignment.reason ? <p className="text-sm text-stone-700">{assignment.reason}</p> : null}
                <p className="mt-1 text-sm">{t("organisations.assignments.progress", { done: assignment.done, count: assignment.learners })}</p>
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="assignmentId" value={assignment.id} />
                  <button type="submit" className={dangerButtonClass}>
                    {t("organisations.assignments.delete")}
                    <span className="sr-only">: {assignment.courseTitle}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
