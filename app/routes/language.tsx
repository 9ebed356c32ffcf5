import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "../modules/auth/roles";
import { getUser } from "../modules/auth/session.server";
import { matchLanguage } from "../modules/i18n/languages";
import { supportedLanguages } from "../modules/i18n/locales.server";
import { languageCookie } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";

const LanguageSchema = z.object({ language: z.string().max(35), redirectTo: z.string().optional() });

/** Switches the UI language: saved on the account when signed in, on this browser always. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  const language = parsed.success ? matchLanguage(parsed.data.language, supportedLanguages()) : undefined;
  if (!parsed.success || !language) throw new Response("Unknown language.", { status: 400 });
  const user = await getUser(request);
  if (user) await db.user.update({ where: { id: user.id }, data: { locale: language } });
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(language) },
  });
}

export async function loader() {
  return redirect("/");
}
