import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { inbox, markRead } from "../modules/delivery/inbox.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "Inbox · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return inbox(db, user.id);
}

const ReadSchema = z.object({ intent: z.enum(["read", "read-all"]), id: z.string().max(100).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ReadSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Unknown form.", { status: 400 });
  await markRead(db, user.id, parsed.data.intent === "read" ? (parsed.data.id ?? null) : null, new Date());
  return redirect("/inbox");
}

export default function Inbox() {
  const { t, i18n } = useTranslation();
  const { entries, unread } = useLoaderData<typeof loader>();
  const time = dateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("delivery.inbox.title")} lead={t("delivery.inbox.unread", { count: unread })}>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900">
              {t("delivery.inbox.readAll")}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      {entries.length === 0 ? (
        <EmptyState>{t("delivery.inbox.empty")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className={`flex flex-col gap-2 rounded-lg border bg-white p-4 shadow-sm ${entry.read ? "border-stone-200" : "border-l-4 border-teal-800"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {entry.read ? null : <span className="mr-2 rounded bg-teal-800 px-1.5 py-0.5 text-xs font-semibold text-white">{t("delivery.inbox.new")}</span>}
                  {entry.subject}
                </h2>
                <time dateTime={entry.createdAt} className="text-sm text-stone-600">{time.format(new Date(entry.createdAt))}</time>
              </div>
              {entry.body ? <p className="whitespace-pre-wrap text-stone-800">{entry.body}</p> : null}
              {entry.link ? (
                <p className="text-stone-800">
                  {entry.link.opensActivity
                    ? t("delivery.inbox.activityOpened", { course: entry.link.courseTitle })
                    : t("delivery.inbox.fromCourse", { course: entry.link.courseTitle })}{" "}
                  <Link to={entry.link.href} className="font-medium text-teal-800 underline underline-offset-4">
                    {t("delivery.inbox.open")}
                  </Link>
                </p>
              ) : null}
              {entry.read ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={entry.id} />
                  <button type="submit" className="text-sm font-medium text-teal-800 underline underline-offset-4">
                    {t("delivery.inbox.markRead")}
                    <span className="sr-only">: {entry.subject}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
