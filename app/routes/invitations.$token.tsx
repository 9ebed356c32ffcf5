import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormAlert, SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { PASSWORD_MIN_LENGTH } from "../modules/auth/forms";
import { createSession, getUser } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { acceptInvitation, acceptWithNewAccount, viewInvitation } from "../modules/organisations/invitations.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "Invitation · Vademecum" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const invitation = await viewInvitation(db, params.token ?? "", new Date());
  const signIn = `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`;
  return { invitation, signIn, user: user ? { email: user.email, name: user.name } : null };
}

const NewAccountSchema = z
  .object({
    name: z.string().trim().min(1, "errors.name.required").max(100, "errors.name.tooLong"),
    password: z.string().min(PASSWORD_MIN_LENGTH, "errors.password.tooShort").max(200, "errors.password.tooLong"),
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.password.mismatch",
  });

type ActionResult = { fieldErrors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const user = await getUser(request);
  const formData = await request.formData();
  const now = new Date();
  if (formData.get("intent") === "accept" && user) {
    const result = await acceptInvitation(db, token, user.id, now);
    if (!result.ok) return data<ActionResult>({ fieldErrors: {}, values: {}, formError: "organisations.invitation.gone" }, { status: 400 });
    return redirect("/learning");
  }
  if (formData.get("intent") === "create" && !user) {
    const secretFields = ["password", "confirmPassword"];
    const form = parseForm(NewAccountSchema, formData, { secretFields });
    if (!form.ok) return data<ActionResult>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
    const result = await acceptWithNewAccount(
      db,
      token,
      { name: form.data.name, password: form.data.password, locale: await resolveLanguage(request, null) },
      now,
    );
    if (!result.ok || !result.userId) {
      const formError = result.ok || result.reason === "invalid" ? "organisations.invitation.gone" : "organisations.invitation.signInInstead";
      return data<ActionResult>({ fieldErrors: {}, values: { name: form.data.name }, formError }, { status: 400 });
    }
    return redirect("/learning", { headers: { "Set-Cookie": await createSession(result.userId, request) } });
  }
  throw new Response("Unknown form.", { status: 400 });
}

export default function Invitation() {
  const { t } = useTranslation();
  const { invitation, signIn, user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  if (invitation.state !== "valid") {
    return (
      <section aria-labelledby="invitation-title" className="mx-auto max-w-xl rounded-lg bg-white p-6 shadow-sm sm:p-8">
        <h1 id="invitation-title" className="text-2xl font-bold">
          {t(`organisations.invitation.${invitation.state}.title`)}
        </h1>
        <p className="mt-3 text-stone-700">
          {t(`organisations.invitation.${invitation.state}.body`, {
            organisation: invitation.state === "unknown" ? "" : invitation.organisationName,
          })}
        </p>
        <p className="mt-6">
          <Link to="/" className="font-medium text-teal-800 underline">
            {t("organisations.invitation.home")}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="invitation-title" className="mx-auto max-w-xl rounded-lg bg-white p-6 shadow-sm sm:p-8">
      <h1 id="invitation-title" className="text-2xl font-bold">
        {t("organisations.invitation.title", { organisation: invitation.organisationName })}
      </h1>
      <p className="mt-3 text-stone-700">
        {t("organisations.invitation.lead", {
          organisation: invitation.organisationName,
          role: t(`organisations.roles.${invitation.role}`),
          email: invitation.email,
        })}
      </p>
      <div className="mt-4">
        <FormAlert message={result?.formError ? t(result.formError) : null} />
      </div>
      {user ? (
        <Form method="post" className="mt-6 flex flex-col gap-3">
          <input type="hidden" name="intent" value="accept" />
          {user.email !== invitation.email ? (
            <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
              {t("organisations.invitation.otherAccount", { email: user.email })}
            </p>
          ) : null}
          <div>
            <SubmitButton>{t("organisations.invitation.join", { organisation: invitation.organisationName })}</SubmitButton>
          </div>
        </Form>
      ) : invitation.hasAccount ? (
        <p className="mt-6">
          <Link
            to={signIn}
            className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900"
          >
            {t("organisations.invitation.signIn")}
          </Link>
        </p>
      ) : (
        <>
          <h2 className="mt-6 text-lg font-semibold">{t("organisations.invitation.createTitle")}</h2>
          <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
            <input type="hidden" name="intent" value="create" />
            <TextField
              label={t("auth.fields.name")}
              name="name"
              autoComplete="name"
              required
              defaultValue={result?.values.name}
              errors={result?.fieldErrors.name}
            />
            <TextField
              label={t("auth.fields.password")}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
              errors={result?.fieldErrors.password}
            />
            <TextField
              label={t("auth.fields.confirmPassword")}
              name="confirmPassword"
              type="password"
              autoComplete="new-password"
              required
              errors={result?.fieldErrors.confirmPassword}
            />
            <SubmitButton>{t("organisations.invitation.createAndJoin")}</SubmitButton>
          </Form>
          <p className="mt-6 text-sm">
            {t("organisations.invitation.haveAccount")}{" "}
            <Link to={signIn} className="font-medium text-teal-800 underline">
              {t("organisations.invitation.signIn")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
