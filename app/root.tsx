import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { AppShell } from "./components/app-shell";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { useNonce } from "./components/nonce";
import { getUser } from "./modules/auth/session.server";
import { preparedI18n, textDirection } from "./modules/i18n/i18n";
import { resolveLanguage } from "./modules/i18n/request.server";
import { languageNames, messagesVersion } from "./modules/i18n/locales.server";
import { startBackgroundJobs } from "./modules/organisations/scheduler.server";
import stylesheet from "./tailwind.css?url";
import { useRootData } from "./utils/root-data";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  startBackgroundJobs();
  const user = await getUser(request);
  const language = await resolveLanguage(request, user);
  return {
    user,
    language,
    messagesUrl: `/locales/${language}?v=${messagesVersion(language)}`,
    languages: languageNames(),
  };
}

// The root data (user, language, translations) changes only after a form submission.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod !== "GET" ? defaultShouldRevalidate : false;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  // Marks the page as interactive: until then, forms and links work as plain HTML.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  const nonce = useNonce();
  const language = data?.language ?? "en";
  const i18n = preparedI18n(language);
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {data ? <meta name="vademecum-messages" content={data.messagesUrl} /> : null}
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-stone-50 text-stone-900 antialiased">
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <AppShell>
      <GeneralErrorBoundary />
    </AppShell>
  );
}
