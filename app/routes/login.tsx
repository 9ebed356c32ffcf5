import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { signIn } from "../modules/auth/accounts.server";
import { SignInSchema } from "../modules/auth/forms";
import { homePathFor, safeRedirect } from "../modules/auth/roles";
import { createSession, findUserSummary, getUser } from "../modules/auth/session.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

type SignInResult = { fieldErrors: FieldErrors; values: Record<string, string>; formError: string | null };

export const meta: MetaFunction = () => [{ title: "Sign in · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(SignInSchema, await request.formData(), { secretFields: ["password"] });
  if (!form.ok) return data<SignInResult>({ fieldErrors: form.fieldErrors, values: form.values, formError: null }, { status: 400 });
  const { email, password, redirectTo } = form.data;
  const result = await signIn(db, email, password, context.clientIp ?? "unknown");
  if (!result.ok) {
    const formError = result.reason === "locked" ? "auth.signIn.locked" : "auth.signIn.invalid";
    return data<SignInResult>(
      { fieldErrors: {}, values: { email, redirectTo: redirectTo ?? "" }, formError },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  const cookie = await createSession(result.userId, request);
  const user = await findUserSummary(result.userId);
  return redirect(safeRedirect(redirectTo, user ? homePathFor(user) : "/learning"), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function SignIn() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = actionData?.values.redirectTo ?? searchParams.get("redirectTo") ?? "";

  return (
    <section aria-labelledby="sign-in-title" className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm sm:p-8">
      <h1 id="sign-in-title" className="text-2xl font-bold">
        {t("auth.signIn.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t("auth.signIn.intro")}</p>
      <Form method="post" className="mt-6 flex flex-col gap-4" noValidate>
        <FormAlert message={actionData?.formError ? t(actionData.formError) : null} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label={t("auth.fields.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values.email}
          errors={actionData?.fieldErrors.email}
        />
        <TextField
          label={t("auth.fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={actionData?.fieldErrors.password}
        />
        <SubmitButton busy={navigation.state === "submitting"}>{t("auth.signIn.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t("auth.signIn.noAccount")}{" "}
        <Link to="/signup" className="font-medium text-teal-800 underline">
          {t("auth.signUp.link")}
        </Link>
      </p>
    </section>
  );
}
