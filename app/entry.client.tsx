import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { i18nFor } from "./modules/i18n/i18n";

/**
 * The page's messages are not inside the HTML: they are fetched (and cached by the browser until
 * they change) before hydration, so the first render in the browser matches the server's.
 */
async function prepareMessages(): Promise<void> {
  const url = document.querySelector<HTMLMetaElement>('meta[name="vademecum-messages"]')?.content;
  if (!url) return;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) i18nFor(document.documentElement.lang || "en", await response.text());
  } catch {
    // Offline: the page stays as the server rendered it until the next navigation.
  }
}

void prepareMessages().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
