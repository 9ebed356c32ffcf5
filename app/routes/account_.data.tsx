import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, TextField } from "../components/forms";
import { Link } from "../components/link";
import { dangerButtonClass } from "../components/organisation-fields";
import { verifyPassword } from "../modules/auth/password.server";
import { destroySession, requireUser } from "../modules/auth/session.server";
import { erasePersonalData } from "../modules/organisations/personal-data.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Your data · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, confirming: new URL(request.url).searchParams.get("delete") === "confirm" };
}

type ActionResult = { fieldErrors: Record<string, string[]>; formError?: string; organisations?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "delete") throw new Response("Unknown form.", { status: 400 });
  const password = String(formData.get("password") ?? "");
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!password || !(await verifyPassword(record.passwordHash, password))) {
    return data<ActionResult>({ fieldErrors: { password: ["errors.password.wrong"] } }, { status: 400 });
  }
  const result = await erasePersonalData(db, user.id, new Date());
  if (!result.ok) {
    return data<ActionResult>(
      { fieldErrors: {}, formError: "organisations.data.lastManager", organisations: result.organisations },
      { status: 400 },
    );
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function PersonalData() {
  const { t } = useTranslation();
  const { email, confirming } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("organisations.data.title")}</h1>
      <section aria-labelledby="export-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="export-title" className="text-lg font-semibold">
          {t("organisations.data.exportTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("organisations.data.exportLead")}</p>
        <p className="mt-4">
          <a href="/account/data/export" download className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
            {t("organisations.data.download")}
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="delete-title" className="text-lg font-semibold">
          {t("organisations.data.deleteTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("organisations.data.deleteLead")}</p>
        {confirming || result ? (
          <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <FormAlert
              message={
                result?.formError ? t(result.formError, { organisations: (result.organisations ?? []).join(", ") }) : null
              }
            />
            <p className="font-semibold">{t("organisations.data.confirmLead", { email })}</p>
            <TextField
              label={t("organisations.data.password")}
              name="password"
              type="password"
              autoComplete="current-password"
              errors={result?.fieldErrors.password}
            />
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" className={`${dangerButtonClass} px-4 py-2 text-base`}>
                {t("organisations.data.confirm")}
              </button>
              <Link to="/account/data" className="text-teal-800 underline">
                {t("organisations.actions.cancel")}
              </Link>
            </div>
          </Form>
        ) : (
          <p className="mt-4">
            <Link to="/account/data?delete=confirm" className={dangerButtonClass}>
              {t("organisations.data.deleteStart")}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
