import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Library · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuthor(request);
  const entries = await db.learningObjectMetadata.findMany({
    select: {
      id: true,
      title: true,
      language: true,
      learningTimeMinutes: true,
      package: { select: { kind: true, version: true, course: { select: { identifier: true } } } },
    },
    orderBy: { title: "asc" },
    take: 200,
  });
  return { entries };
}

export default function Library() {
  const { t } = useTranslation();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("library.title")} lead={t("library.lead")} />
      {entries.length === 0 ? (
        <EmptyState>{t("library.empty")}</EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded-lg bg-white p-4 shadow-sm">
              <h2 className="font-semibold">{entry.title}</h2>
              <p className="mt-1 text-sm text-stone-700">
                {entry.package.course.identifier} · v{entry.package.version} · {entry.package.kind}
                {entry.language ? ` · ${entry.language}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
