import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Link } from "./link";

/**
 * The one error page of the app, used by root and by every route with URL parameters.
 * It says what happened in plain words and offers a way on; details stay in the server log.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 ? "badRequest" : "unexpected";
  if (!isRouteErrorResponse(error)) console.error(error);

  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl rounded-lg bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold text-teal-800">{t("errors.page.status", { status })}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold">
        {t(`errors.page.${kind}.title`)}
      </h1>
      <p className="mt-3 text-stone-700">{t(`errors.page.${kind}.body`)}</p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-teal-800 underline underline-offset-4">
          {t("errors.page.home")}
        </Link>
      </p>
    </section>
  );
}
