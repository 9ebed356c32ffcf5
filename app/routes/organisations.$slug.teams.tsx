import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { TeamNameSchema } from "../modules/organisations/members";
import { createTeam, listTeams } from "../modules/organisations/teams.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  return { slug: organisation.organisationSlug, teams: await listTeams(db, organisation.organisationId) };
}

type ActionResult = { fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const form = parseForm(TeamNameSchema, await request.formData());
  if (!form.ok) return data<ActionResult>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = await createTeam(db, organisation.organisationId, form.data.name);
  if (!result.ok) {
    return data<ActionResult>({ fieldErrors: { name: ["organisations.errors.teamNameTaken"] }, values: { name: form.data.name } }, { status: 400 });
  }
  return redirect(`/organisations/${organisation.organisationSlug}/teams/${result.teamId}`);
}

export default function Teams() {
  const { t } = useTranslation();
  const { slug, teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("organisations.teams.title")} lead={t("organisations.teams.lead")} />
      <section aria-labelledby="new-team-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="new-team-title" className="text-lg font-semibold">
          {t("organisations.teams.newTitle")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
          <TextField
            label={t("organisations.fields.teamName")}
            name="name"
            autoComplete="off"
            hint={t("organisations.teams.nameHint")}
            defaultValue={result?.values.name}
            errors={result?.fieldErrors.name}
          />
          <SubmitButton>{t("organisations.teams.create")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="teams-title">
        <h2 id="teams-title" className="mb-3 text-xl font-semibold">
          {t("organisations.nav.teams")}
        </h2>
        {teams.length === 0 ? (
          <EmptyState>{t("organisations.teams.none")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {teams.map((team) => (
              <li key={team.id} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">
                  <Link to={`/organisations/${slug}/teams/${team.id}`} className="text-teal-800 underline underline-offset-4">
                    {team.name}
                  </Link>
                </h3>
                <p className="text-sm text-stone-700">
                  {t("organisations.teams.memberCount", { count: team.memberCount })} ·{" "}
                  {t("organisations.teams.assignmentCount", { count: team.assignmentCount })}
                </p>
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
