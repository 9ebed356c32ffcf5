import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NavLink } from "../components/link";
import { requireManager } from "../modules/auth/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  return { organisation: { name: organisation.organisationName, slug: organisation.organisationSlug } };
}

const SECTIONS = ["overview", "members", "teams", "assignments", "reports", "indicators", "vademecum"] as const;

/** The manager's organisation: a name and the sub-navigation over every page of it. */
export default function OrganisationLayout() {
  const { t } = useTranslation();
  const { organisation } = useLoaderData<typeof loader>();
  const base = `/organisations/${organisation.slug}`;
  return (
    <>
      <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-teal-800">{organisation.name}</p>
      <nav aria-label={t("organisations.nav.label")} className="mb-6 border-b border-stone-200">
        <ul className="-mb-px flex flex-wrap gap-x-1">
          {SECTIONS.map((section) => (
            <li key={section}>
              <NavLink
                to={section === "overview" ? base : `${base}/${section}`}
                end={section === "overview"}
                className={({ isActive }) =>
                  `block border-b-2 px-3 py-2 text-sm font-medium ${
                    isActive ? "border-teal-800 text-teal-900" : "border-transparent text-stone-700 hover:border-stone-400"
                  }`
                }
              >
                {t(`organisations.nav.${section}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
