import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/page-header";
import { EmptyVademecum, VademecumDocumentView, VademecumForm } from "../components/vademecum-document";
import { requireUser } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { parseVademecumQuery, readerLanguages, utcDate } from "../modules/vademecum/options";
import { isEmptyVademecum, learnerVademecum } from "../modules/vademecum/vademecum.server";
import { vademecumView } from "../modules/vademecum/view";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "My vademecum · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const query = parseVademecumQuery(new URL(request.url).searchParams, utcDate(new Date()));
  const doc = await learnerVademecum(db, user.id, query.choice, readerLanguages(language, request.headers.get("Accept-Language")));
  if (!doc) throw new Response("Not found", { status: 404 });
  return data(
    {
      choice: query.choice,
      dateInvalid: !query.ok && query.invalid.includes("date"),
      view: isEmptyVademecum(doc) ? null : vademecumView(doc),
    },
    { status: query.ok ? 200 : 400 },
  );
}

export default function MyVademecum() {
  const { t } = useTranslation();
  const { choice, dateInvalid, view } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("vademecum.title")} lead={t("vademecum.lead")} />
      <VademecumForm
        key={`${choice.date}-${choice.includeInProgress}`}
        action="/vademecum"
        downloadAction="/vademecum/download"
        choice={choice}
        dateInvalid={dateInvalid}
        canDownload={view !== null}
      />
      {view ? (
        <VademecumDocumentView view={view} />
      ) : (
        <EmptyVademecum
          title={t("vademecum.empty.title")}
          body={t("vademecum.empty.body")}
          hint={choice.includeInProgress ? undefined : t("vademecum.empty.inProgress")}
        />
      )}
    </>
  );
}
