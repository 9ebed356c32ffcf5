import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { SubmitButton, TextField } from "../components/forms";
import {
  controlClass,
  dangerButtonClass,
  LabelledControl,
  secondaryButtonClass,
  StatusMessage,
} from "../components/organisation-fields";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { TeamMemberSchema, TeamNameSchema } from "../modules/organisations/members";
import {
  addTeamMember,
  deleteTeam,
  removeTeamMember,
  renameTeam,
  teamDetail,
} from "../modules/organisations/teams.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const detail = await teamDetail(db, organisation.organisationId, params.teamId ?? "");
  return { slug: organisation.organisationSlug, ...detail };
}

type ActionResult = { intent: string; fieldErrors: FieldErrors; values: Record<string, string>; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const organisationId = organisation.organisationId;
  const teamId = params.teamId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "rename": {
      const form = parseForm(TeamNameSchema, formData);
      if (!form.ok) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
      const result = await renameTeam(db, organisationId, teamId, form.data.name);
      if (!result.ok) {
        return data<ActionResult>(
          { intent, fieldErrors: { name: ["organisations.errors.teamNameTaken"] }, values: { name: form.data.name } },
          { status: 400 },
        );
      }
      return data<ActionResult>({ intent, fieldErrors: {}, values: {}, done: "organisations.teams.renamed" });
    }
    case "add":
    case "removeMember": {
      const form = parseForm(TeamMemberSchema, formData);
      if (!form.ok) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
      if (intent === "add") await addTeamMember(db, organisationId, teamId, form.data.membershipId);
      else await removeTeamMember(db, organisationId, teamId, form.data.membershipId);
      return data<ActionResult>({
        intent,
        fieldErrors: {},
        values: {},
        done: intent === "add" ? "organisations.teams.added" : "organisations.teams.removedMember",
      });
    }
    case "delete": {
      await deleteTeam(db, organisationId, teamId);
      return redirect(`/organisations/${organisation.organisationSlug}/teams`);
    }
    default:
      throw new Response("Unknown form.", { status: 400 });
  }
}

export default function Team() {
  const { t } = useTranslation();
  const { slug, team, members, candidates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const rename = result?.intent === "rename" ? result : undefined;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/organisations/${slug}/teams`} className="text-teal-800 underline">
          {t("organisations.teams.back")}
        </Link>
      </p>
      <PageHeader title={team.name} lead={t("organisations.teams.detailLead")} />
      {result?.done ? (
        <div className="mb-6">
          <StatusMessage>{t(result.done)}</StatusMessage>
        </div>
      ) : null}

      <section aria-labelledby="team-members-title" className="mb-8">
        <h2 id="team-members-title" className="mb-3 text-xl font-semibold">
          {t("organisations.teams.membersTitle", { count: members.length })}
        </h2>
        {candidates.length > 0 ? (
          <Form method="post" className="mb-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-[1fr_auto] sm:items-end">
            <input type="hidden" name="intent" value="add" />
            <LabelledControl label={t("organisations.teams.addLabel")}>
              {(props) => (
                <select {...props} name="membershipId" className={controlClass}>
                  {candidates.map((candidate) => (
                    <option key={candidate.membershipId} value={candidate.membershipId}>
                      {candidate.name} ({candidate.email})
                    </option>
                  ))}
                </select>
              )}
            </LabelledControl>
            <SubmitButton>{t("organisations.teams.add")}</SubmitButton>
          </Form>
        ) : null}
        {members.length === 0 ? (
          <EmptyState>{t("organisations.teams.noMembers")}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {members.map((member) => (
              <li key={member.membershipId} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm">
                <span>
                  <span className="font-medium">{member.name}</span>{" "}
                  <span className="break-all text-sm text-stone-700">{member.email}</span>
                  {member.status !== "active" ? (
                    <span className="text-sm text-stone-700"> · {t(`organisations.status.${member.status}`)}</span>
                  ) : null}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeMember" />
                  <input type="hidden" name="membershipId" value={member.membershipId} />
                  <button type="submit" className={secondaryButtonClass}>
                    {t("organisations.teams.removeMember")}
                    <span className="sr-only">: {member.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="team-settings-title" className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="team-settings-title" className="text-lg font-semibold">
          {t("organisations.teams.settings")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <TextField
            label={t("organisations.fields.teamName")}
            name="name"
            autoComplete="off"
            defaultValue={rename?.values.name ?? team.name}
            errors={rename?.fieldErrors.name}
          />
          <SubmitButton>{t("organisations.teams.rename")}</SubmitButton>
        </Form>
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="delete" />
          <p className="mb-2 text-sm text-stone-700">{t("organisations.teams.deleteNote")}</p>
          <button type="submit" className={dangerButtonClass}>
            {t("organisations.teams.delete")}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
