import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemEditor } from "../components/competences/item-editor";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { itemFormSchema } from "../modules/competencies/items";
import { itemFramework, saveAuthoredItem } from "../modules/competencies/items.server";
import { languageNames } from "../modules/i18n/locales.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "New assessment item · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const { competences } = await itemFramework(db, await resolveLanguage(request, user));
  return { competences, languages: languageNames() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const { frameworkId, competences } = await itemFramework(db, await resolveLanguage(request, user));
  const schema = itemFormSchema(languageNames().map((entry) => entry.language), competences.map((entry) => entry.code));
  const form = parseForm(schema, await request.formData());
  if (!form.ok) return data<{ fieldErrors: FieldErrors; values: Record<string, string> }>(form, { status: 400 });
  await saveAuthoredItem(db, frameworkId, form.data);
  return redirect(`/library/items?competence=${encodeURIComponent(form.data.competence)}`);
}

export default function NewItem() {
  const { t } = useTranslation();
  const { competences, languages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <p>
        <Link to="/library/items" className="text-teal-800 underline">
          {t("competences.items.backToList")}
        </Link>
      </p>
      <PageHeader title={t("competences.items.newTitle")} lead={t("competences.items.newLead")} />
      <ItemEditor competences={competences} languages={languages} values={result?.values ?? {}} errors={result?.fieldErrors ?? {}} />
    </div>
  );
}
