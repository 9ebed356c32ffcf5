import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemCard } from "../components/competences/item-card";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { itemFramework, listItems } from "../modules/competencies/items.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Assessment items · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const { frameworkId, competences } = await itemFramework(db, await resolveLanguage(request, user));
  const requested = new URL(request.url).searchParams.get("competence") ?? "";
  const competence = competences.some((entry) => entry.code === requested) ? requested : "";
  return { competences, competence, items: await listItems(db, frameworkId, competence || undefined) };
}

export default function AssessmentItems() {
  const { t } = useTranslation();
  const { competences, competence, items } = useLoaderData<typeof loader>();
  const groups = competences
    .map((entry) => ({ ...entry, items: items.filter((item) => item.competence === entry.code) }))
    .filter((group) => group.items.length > 0);
  return (
    <>
      <PageHeader title={t("competences.items.title")} lead={t("competences.items.lead")}>
        <Link to="/library/items/new" className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
          {t("competences.items.new")}
        </Link>
      </PageHeader>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="competence-filter" className="font-medium">
            {t("competences.items.filter")}
          </label>
          <select id="competence-filter" name="competence" defaultValue={competence} className="max-w-full rounded border border-stone-400 bg-white px-3 py-2">
            <option value="">{t("competences.items.allCompetences")}</option>
            {competences.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.code} {entry.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50">
          {t("competences.items.show")}
        </button>
      </Form>
      {groups.length === 0 ? (
        <EmptyState>{t("competences.items.empty")}</EmptyState>
      ) : (
        groups.map((group) => (
          <section key={group.code} aria-labelledby={`competence-${group.code}`} className="mb-8">
            <h2 id={`competence-${group.code}`} className="mb-3 text-xl font-semibold">
              {group.code} {group.name}
            </h2>
            <ul className="grid gap-3 md:grid-cols-2">
              {group.items.map((item) => (
                <li key={item.id} className="flex flex-col gap-2 rounded-lg bg-white p-4 shadow-sm">
                  <p className="text-sm text-stone-700">
                    {t(`competences.items.kinds.${item.kind}`)} ·{" "}
                    {item.packageTitle ? t("competences.items.fromPackage", { title: item.packageTitle }) : t("competences.items.writtenHere")}
                  </p>
                  <ItemCard item={item} />
                  <p>
                    <Link to={`/library/items/${item.id}`} className="text-teal-800 underline">
                      {item.packageTitle ? t("competences.items.view") : t("competences.items.edit")}
                      <span className="sr-only"> {item.identifier}</span>
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
