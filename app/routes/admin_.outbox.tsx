import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "../components/forms";
import { Link } from "../components/link";
import { StatusMessage } from "../components/organisation-fields";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireAdmin } from "../modules/auth/session.server";
import { recentOutbox, sendOutbox, smtpTransport } from "../modules/mail/outbox.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "Outbox · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { ...(await recentOutbox(db)), smtp: smtpTransport() !== null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const transport = smtpTransport();
  if (!transport) return data({ report: null }, { status: 400 });
  return data({ report: await sendOutbox(db, transport, new Date()) });
}

export default function Outbox() {
  const { t, i18n } = useTranslation();
  const { entries, unsent, smtp } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/admin" className="text-teal-800 underline">
          {t("organisations.admin.back")}
        </Link>
      </p>
      <PageHeader
        title={t("organisations.outbox.title")}
        lead={smtp ? t("organisations.outbox.leadSmtp", { count: unsent }) : t("organisations.outbox.leadNoSmtp", { count: unsent })}
      >
        {smtp ? (
          <Form method="post">
            <SubmitButton>{t("organisations.outbox.send")}</SubmitButton>
          </Form>
        ) : null}
      </PageHeader>
      {result?.report ? (
        <div className="mb-6">
          <StatusMessage>{t("organisations.outbox.sent", { sent: result.report.sent, failed: result.report.failed })}</StatusMessage>
        </div>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState>{t("organisations.outbox.none")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded-lg bg-white p-4 shadow-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-semibold">{entry.subject}</span>{" "}
                  <span className="break-all text-sm text-stone-700">→ {entry.to}</span>
                </summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-stone-100 p-2 text-sm">{entry.text}</pre>
              </details>
              <p className="mt-1 text-sm text-stone-700">
                {entry.sentAt
                  ? t("organisations.outbox.sentAt", { date: date.format(new Date(entry.sentAt)) })
                  : t("organisations.outbox.waiting", { date: date.format(new Date(entry.createdAt)) })}
                {entry.attempts > 0 ? <> · {t("organisations.outbox.attempts", { count: entry.attempts })}</> : null}
              </p>
              {entry.lastError ? <p className="text-sm text-red-800">{entry.lastError}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
