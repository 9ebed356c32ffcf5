import { createCookie } from "@remix-run/node";
import type { UserSummary } from "../auth/roles";
import { negotiateLanguage } from "./languages";
import { supportedLanguages } from "./locales.server";

/** The language a visitor picked on this browser before (or without) signing in. */
export const languageCookie = createCookie("vm_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

export async function resolveLanguage(request: Request, user: UserSummary | null): Promise<string> {
  const cookie = await languageCookie.parse(request.headers.get("Cookie"));
  return negotiateLanguage(
    {
      userSetting: user?.locale,
      cookie: typeof cookie === "string" ? cookie : null,
      acceptLanguage: request.headers.get("Accept-Language"),
    },
    supportedLanguages(),
  );
}
