import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeader } from "../components/page-header";
import { EmptyVademecum, VademecumDocumentView, VademecumForm } from "../components/vademecum-document";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { parseVademecumQuery, readerLanguages, utcDate } from "../modules/vademecum/options";
import { isEmptyVademecum, organisationVademecum } from "../modules/vademecum/vademecum.server";
import { vademecumView } from "../modules/vademecum/view";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Vademecum · ${loaded?.organisation.name ?? "Organisation"} · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const language = await resolveLanguage(request, user);
  const query = parseVademecumQuery(new URL(request.url).searchParams, utcDate(new Date()));
  const doc = await organisationVademecum(db, organisation.organisationId, query.choice, readerLanguages(language, request.headers.get("Accept-Language")));
  if (!doc) throw new Response("Organisation not found.", { status: 404 });
  return data(
    {
      organisation: { name: organisation.organisationName, slug: organisation.organisationSlug },
      choice: query.choice,
      dateInvalid: !query.ok && query.invalid.includes("date"),
      view: isEmptyVademecum(doc) ? null : vademecumView(doc),
    },
    { status: query.ok ? 200 : 400 },
  );
}

export default function OrganisationVademecum() {
  const { t } = useTranslation();
  const { organisation, choice, dateInvalid, view } = useLoaderData<typeof loader>();
  const base = `/organisations/${organisation.slug}/vademecum`;
  return (
    <>
      <PageHeader
        title={t("vademecum.organisationTitle", { organisation: organisation.name })}
        lead={t("vademecum.organisationLead")}
      />
      <VademecumForm
        key={choice.date}
        action={base}
        downloadAction={`${base}/download`}
        choice={choice}
        dateInvalid={dateInvalid}
        canDownload={view !== null}
        showInProgress={false}
      />
      {view ? (
        <VademecumDocumentView view={view} />
      ) : (
        <EmptyVademecum title={t("vademecum.organisationEmpty.title")} body={t("vademecum.organisationEmpty.body")} />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
