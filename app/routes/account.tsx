import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { changePassword } from "../modules/auth/accounts.server";
import { ChangePasswordSchema, PASSWORD_MIN_LENGTH, PreferencesSchema } from "../modules/auth/forms";
import { currentSessionId, requireUser } from "../modules/auth/session.server";
import { matchLanguage } from "../modules/i18n/languages";
import { languageNames, supportedLanguages } from "../modules/i18n/locales.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "Your account · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, languages: languageNames() };
}

type ActionResult = {
  intent: "preferences" | "password";
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  saved: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "preferences") {
    const form = parseForm(PreferencesSchema, formData);
    if (!form.ok) {
      return data<ActionResult>({ intent, fieldErrors: form.fieldErrors, values: form.values, saved: false }, { status: 400 });
    }
    const locale = form.data.locale ? (matchLanguage(form.data.locale, supportedLanguages()) ?? null) : null;
    await db.user.update({ where: { id: user.id }, data: { name: form.data.name, locale } });
    return data<ActionResult>({ intent, fieldErrors: {}, values: {}, saved: true });
  }
  if (intent === "password") {
    const secretFields = ["currentPassword", "newPassword", "confirmPassword"];
    const form = parseForm(ChangePasswordSchema, formData, { secretFields });
    if (!form.ok) {
      return data<ActionResult>({ intent, fieldErrors: form.fieldErrors, values: {}, saved: false }, { status: 400 });
    }
    const result = await changePassword(db, {
      userId: user.id,
      currentPassword: form.data.currentPassword,
      newPassword: form.data.newPassword,
      keepSessionId: await currentSessionId(request),
    });
    if (!result.ok) {
      return data<ActionResult>(
        { intent, fieldErrors: { currentPassword: ["errors.password.wrong"] }, values: {}, saved: false },
        { status: 400 },
      );
    }
    return data<ActionResult>({ intent, fieldErrors: {}, values: {}, saved: true });
  }
  throw new Response("Unknown form.", { status: 400 });
}

export default function Account() {
  const { t } = useTranslation();
  const { user, languages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const preferences = result?.intent === "preferences" ? result : undefined;
  const password = result?.intent === "password" ? result : undefined;

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <p>
        <Link to="/account/data" className="font-medium text-teal-800 underline">{t("organisations.data.link")}</Link>
      </p>
      <section aria-labelledby="preferences-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="preferences-title" className="text-lg font-semibold">
          {t("account.preferences")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("account.signedInAs", { email: user.email })}</p>
        {/* A full page load, so a new language arrives with its messages. */}
        <Form method="post" reloadDocument className="mt-4 flex flex-col gap-4" noValidate>
          <input type="hidden" name="intent" value="preferences" />
          {preferences?.saved ? <p role="status" className="text-teal-800">{t("account.saved")}</p> : null}
          <TextField
            label={t("auth.fields.name")}
            name="name"
            autoComplete="name"
            defaultValue={preferences?.values.name ?? user.name}
            errors={preferences?.fieldErrors.name}
          />
          <div className="flex flex-col gap-1">
            <label htmlFor="locale" className="font-medium">
              {t("account.language")}
            </label>
            <select
              id="locale"
              name="locale"
              defaultValue={user.locale ?? ""}
              className="rounded border border-stone-400 bg-white px-3 py-2"
            >
              <option value="">{t("account.languageFromBrowser")}</option>
              {languages.map(({ language, name }) => (
                <option key={language} value={language} lang={language}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton>{t("account.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="password-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="password-title" className="text-lg font-semibold">
          {t("account.changePassword")}
        </h2>
        <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          {password?.saved ? <p role="status" className="text-teal-800">{t("account.passwordChanged")}</p> : null}
          <TextField
            label={t("account.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            errors={password?.fieldErrors.currentPassword}
          />
          <TextField
            label={t("account.newPassword")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
            errors={password?.fieldErrors.newPassword}
          />
          <TextField
            label={t("auth.fields.confirmPassword")}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            errors={password?.fieldErrors.confirmPassword}
          />
          <SubmitButton>{t("account.changePassword")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
