import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { managedOrganisations } from "../modules/auth/roles";
import { requireUser } from "../modules/auth/session.server";

/** Managers of one organisation go straight to it; managers of several choose. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisations = managedOrganisations(user);
  if (organisations.length === 0) throw new Response("You do not manage an organisation.", { status: 403 });
  if (organisations.length === 1) throw redirect(`/organisations/${organisations[0].organisationSlug}`);
  return { organisations: organisations.map(({ organisationSlug, organisationName }) => ({ organisationSlug, organisationName })) };
}

export default function ChooseOrganisation() {
  const { t } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("organisation.choose")} />
      <ul className="flex flex-col gap-2">
        {organisations.map((organisation) => (
          <li key={organisation.organisationSlug}>
            <Link className="font-medium text-teal-800 underline" to={`/organisations/${organisation.organisationSlug}`}>
              {organisation.organisationName}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
