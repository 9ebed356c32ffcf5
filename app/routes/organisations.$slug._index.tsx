import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { organisationOverview } from "../modules/organisations/overview.server";
import { db } from "../utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  return organisationOverview(db, organisation.organisationId);
}

export default function OrganisationOverview() {
  const { t } = useTranslation();
  const { organisation, memberCount, assignmentCount, teams } = useLoaderData<typeof loader>();
  const base = `/organisations/${organisation.slug}`;
  return (
    <>
      <PageHeader title={organisation.name} lead={t("organisations.overview.lead")} />
      <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3">
        {(
          [
            ["members", memberCount],
            ["teams", teams.length],
            ["assignments", assignmentCount],
          ] as const
        ).map(([section, value]) => (
          <div key={section} className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-stone-700">
              <Link to={`${base}/${section}`} className="underline underline-offset-4">
                {t(`organisations.nav.${section}`)}
              </Link>
            </dt>
            <dd className="text-2xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
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
                  <Link to={`${base}/teams/${team.id}`} className="text-teal-800 underline underline-offset-4">
                    {team.name}
                  </Link>
                </h3>
                <p className="text-sm text-stone-700">{t("organisations.teams.memberCount", { count: team.memberCount })}</p>
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
