import { useNavigate } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { VADEMECUM_FORMATS, type VademecumChoice, type VademecumFormat } from "../modules/vademecum/options";
import type { VademecumView } from "../modules/vademecum/view";
import { Link } from "./link";

type DownloadStatus =
  | { state: "preparing"; format: VademecumFormat }
  | { state: "ready"; format: VademecumFormat; file: string }
  | { state: "failed"; format: VademecumFormat };

/**
 * The choices (date, modules in progress) and the three downloads, in one GET form so that it
 * works without JavaScript: "Show" reloads the page, a download button asks the download route
 * for the file. With JavaScript a download is fetched while the page says it is being prepared
 * (a PDF of a long vademecum takes a few seconds), then saved under the server's file name.
 */
export function VademecumForm({
  action,
  downloadAction,
  choice,
  dateInvalid,
  canDownload,
  showInProgress = true,
}: {
  action: string;
  downloadAction: string;
  choice: VademecumChoice;
  dateInvalid: boolean;
  canDownload: boolean;
  /** An organisation's vademecum includes every assigned module, so it has no such choice. */
  showInProgress?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [status, setStatus] = useState<DownloadStatus | null>(null);
  const formatName = (format: VademecumFormat) =>
    format === "pdf"
      ? t("vademecum.downloads.pdfName")
      : format === "epub"
        ? t("vademecum.downloads.epubName")
        : t("vademecum.downloads.htmlName");

  async function download(format: VademecumFormat, url: string) {
    setStatus({ state: "preparing", format });
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`The server answered ${response.status}`);
      const blob = await response.blob();
      const disposition = response.headers.get("Content-Disposition") ?? "";
      const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `vademecum.${format}`;
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setStatus({ state: "ready", format, file });
    } catch {
      setStatus({ state: "failed", format });
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget, submitter)) {
      if (typeof value === "string" && value !== "") params.append(name, value);
    }
    event.preventDefault();
    if (submitter instanceof HTMLButtonElement && submitter.name === "format") {
      if (status?.state !== "preparing") void download(submitter.value as VademecumFormat, `${downloadAction}?${params}`);
    } else {
      navigate(`${action}?${params}`);
    }
  }

  const hints = {
    date: `${id}-date-hint`,
    dateError: `${id}-date-error`,
    inProgress: `${id}-progress-hint`,
  };
  const buttonClass =
    "flex h-full w-full flex-col items-start rounded-lg border border-teal-800 bg-white px-4 py-3 text-left hover:bg-teal-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-800";

  return (
    <form method="get" action={action} onSubmit={submit} className="mb-8 grid gap-6 lg:grid-cols-2">
      <fieldset className="rounded-lg bg-white p-4 shadow-sm">
        <legend className="float-left mb-3 text-lg font-semibold">{t("vademecum.options.legend")}</legend>
        <div className="clear-left flex flex-col gap-1">
          <label htmlFor={`${id}-date`} className="font-medium">
            {t("vademecum.options.date")}
          </label>
          <p id={hints.date} className="text-sm text-stone-700">
            {t("vademecum.options.dateHint")}
          </p>
          <input
            id={`${id}-date`}
            name="date"
            type="date"
            defaultValue={choice.date}
            aria-invalid={dateInvalid || undefined}
            aria-describedby={dateInvalid ? `${hints.date} ${hints.dateError}` : hints.date}
            className="w-full max-w-xs rounded border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
          />
          {dateInvalid ? (
            <p id={hints.dateError} className="text-sm font-medium text-red-800">
              {t("vademecum.options.dateError")}
            </p>
          ) : null}
        </div>
        {showInProgress ? (
          <div className="mt-4 flex items-start gap-2">
            <input
              id={`${id}-progress`}
              name="inProgress"
              type="checkbox"
              value="1"
              defaultChecked={choice.includeInProgress}
              aria-describedby={hints.inProgress}
              className="mt-1 size-5 accent-teal-800"
            />
            <div>
              <label htmlFor={`${id}-progress`} className="font-medium">
                {t("vademecum.options.includeInProgress")}
              </label>
              <p id={hints.inProgress} className="text-sm text-stone-700">
                {t("vademecum.options.includeInProgressHint")}
              </p>
            </div>
          </div>
        ) : null}
        <button
          type="submit"
          className="mt-4 rounded bg-teal-800 px-4 py-2 font-medium text-white hover:bg-teal-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-800"
        >
          {t("vademecum.options.show")}
        </button>
      </fieldset>
      {canDownload ? (
        <section aria-labelledby={`${id}-downloads`} className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id={`${id}-downloads`} className="text-lg font-semibold">
            {t("vademecum.downloads.title")}
          </h2>
          <p className="mb-3 text-sm text-stone-700">{t("vademecum.downloads.lead")}</p>
          <ul className="grid gap-2 sm:grid-cols-3 lg:grid-cols-1 xl:grid-cols-3">
            {VADEMECUM_FORMATS.map((format) => (
              <li key={format}>
                <button type="submit" formAction={downloadAction} name="format" value={format} className={buttonClass}>
                  <span className="font-semibold text-teal-900">
                    {format === "pdf"
                      ? t("vademecum.downloads.pdf")
                      : format === "epub"
                        ? t("vademecum.downloads.epub")
                        : t("vademecum.downloads.html")}
                  </span>
                  <span className="text-sm text-stone-700">
                    {format === "pdf"
                      ? t("vademecum.downloads.pdfHint")
                      : format === "epub"
                        ? t("vademecum.downloads.epubHint")
                        : t("vademecum.downloads.htmlHint")}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div role="status" className="mt-3 min-h-6 text-sm">
            {status?.state === "preparing" ? (
              <span className="flex flex-wrap items-center gap-2">
                <progress
                  aria-label={t("vademecum.downloads.preparing", { format: formatName(status.format) })}
                  className="h-2 w-24 accent-teal-800"
                />
                {t("vademecum.downloads.preparing", { format: formatName(status.format) })}
              </span>
            ) : status?.state === "ready" ? (
              t("vademecum.downloads.ready", { format: formatName(status.format), file: status.file })
            ) : status?.state === "failed" ? (
              <span className="font-medium text-red-800">
                {t("vademecum.downloads.failed", { format: formatName(status.format) })}
              </span>
            ) : null}
          </div>
        </section>
      ) : null}
    </form>
  );
}

/**
 * The compiled vademecum inside the page. Its markup was made on the server by the same code as
 * the HTML download, with authored text sanitized again and everything else escaped; it holds
 * no scripts. The page's own heading comes first, so the document's title is a level-2 heading.
 */
export function VademecumDocumentView({ view }: { view: VademecumView }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <article
      aria-labelledby={`${id}-title`}
      lang={view.lang}
      className="overflow-hidden rounded-lg bg-white px-4 py-6 shadow-sm sm:px-8"
    >
      <style dangerouslySetInnerHTML={{ __html: view.css }} />
      <div className={view.scope}>
        <header className="cover">
          <p className="cover-kicker">Vademecum</p>
          <h2 id={`${id}-title`}>{view.title}</h2>
          <p className="subtitle">{view.subtitle}</p>
          <p className="date">
            <time dateTime={view.date}>{view.dateText}</time>
            {" · "}
            {t("vademecum.summary.entries", { count: view.entryCount })}{" "}
            {t("vademecum.summary.modules", { count: view.modules.length })}
          </p>
          <section aria-labelledby={`${id}-modules`} className="modules">
            <h3 id={`${id}-modules`}>{view.modulesTitle}</h3>
            <ul>
              {view.modules.map((module) => (
                <li key={module.id}>
                  <cite lang={module.title.lang === view.lang ? undefined : module.title.lang}>{module.title.text}</cite>
                  {module.inProgress ? (
                    <>
                      {" "}
                      <span className="badge badge-progress">{view.inProgressLabel}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </header>
        <nav className="contents" aria-labelledby={`${id}-contents`}>
          <h2 id={`${id}-contents`}>{view.contentsTitle}</h2>
          <div dangerouslySetInnerHTML={{ __html: view.contentsHtml }} />
        </nav>
        <div dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
      </div>
    </article>
  );
}

/** What an empty vademecum says, with the way to fill it. */
export function EmptyVademecum({ title, body, hint }: { title: string; body: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="vademecum-empty-title" className="rounded-lg border border-dashed border-stone-300 bg-white p-6">
      <h2 id="vademecum-empty-title" className="text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-2 max-w-2xl text-stone-700">{body}</p>
      {hint ? <p className="mt-2 max-w-2xl text-stone-700">{hint}</p> : null}
      <p className="mt-4">
        <Link to="/catalogue" className="font-medium text-teal-800 underline underline-offset-4">
          {t("vademecum.empty.catalogue")}
        </Link>
      </p>
    </section>
  );
}
