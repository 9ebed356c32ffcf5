import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AREA_PATHS, areasFor } from "../modules/auth/roles";
import { useRootData } from "../utils/root-data";
import { Link, NavLink, useLinkFollowing } from "./link";

/** The page frame: skip link, header with navigation per role, language switcher, footer. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  const followLinks = useLinkFollowing();

  return (
    // Clicks on the page's links bubble up to this frame, which has the router follow them.
    <div className="flex min-h-screen flex-col" onClick={followLinks}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-teal-900 focus:shadow"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="border-b border-teal-900/10 bg-teal-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            Vademecum
          </Link>
          {user ? (
            <nav aria-label={t("shell.mainNavigation")} className="order-last w-full md:order-none md:w-auto md:flex-1">
              <ul className="flex flex-wrap gap-1">
                {areasFor(user).map((area) => (
                  <li key={area}>
                    <NavLink
                      to={AREA_PATHS[area]}
                      className={({ isActive }) =>
                        `block rounded px-3 py-2 text-sm font-medium hover:bg-teal-700 ${
                          isActive ? "bg-teal-900 underline underline-offset-4" : ""
                        }`
                      }
                    >
                      {t(`nav.${area}`)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : (
            <div className="flex-1" />
          )}
          <div className="flex flex-wrap items-center gap-3">
            <LanguageSwitcher redirectTo={here} />
            {user ? (
              <>
                <Link to="/account" className="rounded px-2 py-2 text-sm underline-offset-4 hover:underline">
                  {t("nav.account")}
                  <span className="sr-only">: {user.name}</span>
                </Link>
                <form method="post" action="/logout">
                  <button
                    type="submit"
                    className="rounded border border-white/60 px-3 py-1.5 text-sm hover:bg-teal-700"
                  >
                    {t("nav.signOut")}
                  </button>
                </form>
              </>
            ) : (
              <Link to="/login" className="rounded border border-white/60 px-3 py-1.5 text-sm hover:bg-teal-700">
                {t("nav.signIn")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-stone-600">{t("shell.footer")}</div>
      </footer>
    </div>
  );
}

function LanguageSwitcher({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const data = useRootData();
  const languages = data?.languages ?? [];
  if (languages.length < 2) return null;
  return (
    <form method="post" action="/language" className="flex items-center gap-2">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="language-switcher" className="sr-only">
        {t("shell.language")}
      </label>
      <select
        id="language-switcher"
        name="language"
        defaultValue={data?.language}
        className="rounded border border-white/60 bg-teal-900 px-2 py-1.5 text-sm text-white"
      >
        {languages.map(({ language, name }) => (
          <option key={language} value={language} lang={language}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-white/60 px-2 py-1.5 text-sm hover:bg-teal-700">
        {t("shell.changeLanguage")}
      </button>
    </form>
  );
}
