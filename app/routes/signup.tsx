import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { signUp } from "../modules/auth/accounts.server";
import { PASSWORD_MIN_LENGTH, SignUpSchema } from "../modules/auth/forms";
import { homePathFor } from "../modules/auth/roles";
import { createSession, getUser } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

type SignUpResult = { fieldErrors: FieldErrors; values: Record<string, string> };

export const meta: MetaFunction = () => [{ title: "Create an account · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const secretFields = ["password", "confirmPassword"];
  const form = parseForm(SignUpSchema, await request.formData(), { secretFields });
  if (!form.ok) return data<SignUpResult>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = await signUp(db, { ...form.data, locale: await resolveLanguage(request, null) });
  if (!result.ok) {
    const { name, email } = form.data;
    return data<SignUpResult>({ fieldErrors: { email: ["errors.email.taken"] }, values: { name, email } }, { status: 400 });
  }
  return redirect("/learning", { headers: { "Set-Cookie": await createSession(result.userId, request) } });
}

export default function SignUp() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  return (
    <section aria-labelledby="sign-up-title" className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm sm:p-8">
      <h1 id="sign-up-title" className="text-2xl font-bold">
        {t("auth.signUp.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t("auth.signUp.intro")}</p>
      <Form method="post" className="mt-6 flex flex-col gap-4" noValidate>
        <TextField
          label={t("auth.fields.name")}
          name="name"
          autoComplete="name"
          required
          defaultValue={actionData?.values.name}
          errors={errors?.name}
        />
        <TextField
          label={t("auth.fields.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values.email}
          errors={errors?.email}
        />
        <TextField
          label={t("auth.fields.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          errors={errors?.password}
        />
        <TextField
          label={t("auth.fields.confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={errors?.confirmPassword}
        />
        <SubmitButton>{t("auth.signUp.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t("auth.signUp.haveAccount")}{" "}
        <Link to="/login" className="font-medium text-teal-800 underline">
          {t("auth.signIn.link")}
        </Link>
      </p>
    </section>
  );
}
