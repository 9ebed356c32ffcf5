import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { organisationOverview } from "../modules/organisations/overview.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  return organisationOverview(db, organisation.organisationId);
}

export default function OrganisationHome() {
  const { t } = useTranslation();
  const { organisation, memberCount, assignmentCount, teams, members } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={organisation.name} lead={t("organisation.lead")} />
      <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3">
        {[
          [t("organisation.members"), memberCount],
          [t("organisation.teams"), teams.length],
          [t("organisation.assignments"), assignmentCount],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-stone-700">{label}</dt>
            <dd className="text-2xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="teams-title" className="mb-8">
        <h2 id="teams-title" className="mb-3 text-xl font-semibold">
          {t("organisation.teams")}
        </h2>
        {teams.length === 0 ? (
          <EmptyState>{t("organisation.noTeams")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {teams.map((team) => (
              <li key={team.id} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{team.name}</h3>
                <p className="text-sm text-stone-700">{t("organisation.teamMembers", { count: team.memberCount })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title" className="mb-3 text-xl font-semibold">
          {t("organisation.members")}
        </h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("organisation.members")}</caption>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-4 py-2">{t("organisation.name")}</th>
                <th scope="col" className="px-4 py-2">{t("auth.fields.email")}</th>
                <th scope="col" className="px-4 py-2">{t("organisation.role")}</th>
                <th scope="col" className="px-4 py-2">{t("organisation.status")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id} className="border-t border-stone-200">
                  <td className="px-4 py-2">{member.name}</td>
                  <td className="px-4 py-2">{member.email}</td>
                  <td className="px-4 py-2">{t(`roles.${member.role}`)}</td>
                  <td className="px-4 py-2">{t(`organisation.memberStatus.${member.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
