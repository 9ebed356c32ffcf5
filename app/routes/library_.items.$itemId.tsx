import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemCard } from "../components/competences/item-card";
import { ItemEditor } from "../components/competences/item-editor";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { itemFormSchema, itemFormValues, type AuthoredItemBody } from "../modules/competencies/items";
import { findItem, itemFramework, saveAuthoredItem } from "../modules/competencies/items.server";
import { languageNames } from "../modules/i18n/locales.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "Assessment item · Vademecum" }];

function notFound(): Response {
  return new Response("Item not found.", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const { frameworkId, competences } = await itemFramework(db, await resolveLanguage(request, user));
  const item = await findItem(db, frameworkId, params.itemId ?? "");
  if (!item) throw notFound();
  const { body, ...view } = item;
  return {
    competences,
    languages: languageNames(),
    item: view,
    values: item.packageTitle === null ? itemFormValues(item.kind, item.competence, JSON.parse(body) as AuthoredItemBody) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const { frameworkId, competences } = await itemFramework(db, await resolveLanguage(request, user));
  const schema = itemFormSchema(languageNames().map((entry) => entry.language), competences.map((entry) => entry.code));
  const form = parseForm(schema, await request.formData());
  if (!form.ok) return data<{ fieldErrors: FieldErrors; values: Record<string, string> }>(form, { status: 400 });
  const saved = await saveAuthoredItem(db, frameworkId, form.data, params.itemId ?? "");
  if (!saved) throw notFound();
  return redirect(`/library/items?competence=${encodeURIComponent(form.data.competence)}`);
}

export default function EditItem() {
  const { t } = useTranslation();
  const { competences, languages, item, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <p>
        <Link to="/library/items" className="text-teal-800 underline">
          {t("competences.items.backToList")}
        </Link>
      </p>
      {values === null ? (
        <>
          <PageHeader
            title={t("competences.items.importedTitle")}
            lead={t("competences.items.importedLead", { title: item.packageTitle ?? "" })}
          />
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <p className="mb-3 text-sm text-stone-700">
              {item.competence} · {t(`competences.items.kinds.${item.kind}`)} · {item.identifier}
            </p>
            <ItemCard item={item} />
          </div>
        </>
      ) : (
        <>
          <PageHeader title={t("competences.items.editTitle")} />
          <ItemEditor
            competences={competences}
            languages={languages}
            values={result?.values ?? values}
            errors={result?.fieldErrors ?? {}}
          />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
