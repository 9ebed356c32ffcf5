import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { StatusMessage } from "../components/organisation-fields";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireAdmin } from "../modules/auth/session.server";
import { createOrganisation, listOrganisations } from "../modules/organisations/admin.server";
import { publicBaseUrl } from "../modules/organisations/base-url.server";
import { OrganisationSchema } from "../modules/organisations/members";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "Organisations · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { organisations: await listOrganisations(db) };
}

type ActionResult = {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  created?: { name: string; manager: "added" | "invited"; invitationUrl?: string };
};

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const form = parseForm(OrganisationSchema, await request.formData());
  if (!form.ok) return data<ActionResult>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = await createOrganisation(db, { ...form.data, baseUrl: publicBaseUrl(request), now: new Date() });
  if (!result.ok) {
    return data<ActionResult>(
      { fieldErrors: { slug: ["organisations.errors.slugTaken"] }, values: { ...form.data } },
      { status: 400 },
    );
  }
  return data<ActionResult>({
    fieldErrors: {},
    values: {},
    created: { name: form.data.name, manager: result.manager, invitationUrl: result.invitationUrl },
  });
}

export default function AdminOrganisations() {
  const { t } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/admin" className="text-teal-800 underline">
          {t("organisations.admin.back")}
        </Link>
      </p>
      <PageHeader title={t("organisations.admin.title")} lead={t("organisations.admin.lead")} />
      {result?.created ? (
        <div className="mb-6">
          <StatusMessage>
            {t(result.created.manager === "added" ? "organisations.admin.createdAdded" : "organisations.admin.createdInvited", {
              name: result.created.name,
            })}
          </StatusMessage>
          {result.created.invitationUrl ? (
            <p className="mt-2 break-all rounded bg-stone-100 p-2 font-mono text-sm">{result.created.invitationUrl}</p>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="new-organisation-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="new-organisation-title" className="text-lg font-semibold">
          {t("organisations.admin.newTitle")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 md:grid-cols-2" noValidate>
          <TextField label={t("organisations.fields.name")} name="name" defaultValue={result?.values.name} errors={result?.fieldErrors.name} />
          <TextField
            label={t("organisations.fields.slug")}
            name="slug"
            hint={t("organisations.admin.slugHint")}
            defaultValue={result?.values.slug}
            errors={result?.fieldErrors.slug}
          />
          <TextField
            label={t("organisations.fields.country")}
            name="country"
            hint={t("organisations.admin.countryHint")}
            defaultValue={result?.values.country}
            errors={result?.fieldErrors.country}
          />
          <TextField
            label={t("organisations.fields.managerEmail")}
            name="managerEmail"
            type="email"
            hint={t("organisations.admin.managerHint")}
            defaultValue={result?.values.managerEmail}
            errors={result?.fieldErrors.managerEmail}
          />
          <div className="md:col-span-2">
            <SubmitButton>{t("organisations.admin.create")}</SubmitButton>
          </div>
        </Form>
      </section>
      <section aria-labelledby="organisations-title">
        <h2 id="organisations-title" className="mb-3 text-xl font-semibold">
          {t("organisations.admin.listTitle")}
        </h2>
        {organisations.length === 0 ? (
          <EmptyState>{t("organisations.admin.none")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {organisations.map((organisation) => (
              <li key={organisation.id} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{organisation.name}</h3>
                <p className="text-sm text-stone-700">
                  {organisation.slug}
                  {organisation.country ? ` · ${organisation.country}` : ""} ·{" "}
                  {t("organisations.teams.memberCount", { count: organisation.memberCount })}
                </p>
                <p className="break-all text-sm text-stone-700">
                  {t("organisations.admin.managers")}: {organisation.managers.join(", ") || t("organisations.admin.noManager")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
