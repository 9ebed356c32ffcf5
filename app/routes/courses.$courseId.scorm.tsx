import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { contentOriginFor, openPlayer } from "../modules/delivery/scorm/player.server";
import type { ProgressStatus } from "../modules/progress/status";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.current.title} · ${data.view.courseTitle} · Vademecum` : "Vademecum" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const view = await openPlayer(db, {
    userId: user.id,
    courseId: params.courseId!,
    item: url.searchParams.get("item"),
    appOrigin: url.origin,
    contentOrigin: contentOriginFor(request),
  });
  if (!view) throw new Response("There is nothing to play here.", { status: 404 });
  return { view };
}

type SaveState = "idle" | "saving" | "saved" | "offline" | "rejected";

interface LauncherMessage {
  source: "vademecum-launcher";
  type: "status" | "navigate" | "finished";
  state?: SaveState;
  progress?: { itemId: string; status: ProgressStatus; courseStatus: ProgressStatus | null } | null;
  request?: "continue" | "previous" | "choice";
  target?: string | null;
}

const itemHref = (id: string) => `?item=${encodeURIComponent(id)}`;

function StatusBadge({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  const finished = status === "completed" || status === "passed";
  const tone = finished
    ? "bg-teal-100 text-teal-900"
    : status === "failed"
      ? "bg-amber-100 text-amber-900"
      : status === "in-progress"
        ? "bg-sky-100 text-sky-900"
        : "bg-stone-100 text-stone-700";
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>
      <span aria-hidden="true">{finished ? "✓" : status === "in-progress" ? "…" : status === "failed" ? "!" : "○"}</span>
      {t(`player.status.${status}`)}
    </span>
  );
}

export default function ScormPlayer() {
  const { t } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const frame = useRef<HTMLIFrameElement>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [statuses, setStatuses] = useState<Record<string, ProgressStatus>>({});
  const [courseStatus, setCourseStatus] = useState<ProgressStatus | null>(null);
  const leavingTo = useRef<string | null>(null);

  // Leaving a SCO: the launcher unloads it and answers once its last data is stored, so the
  // next page shows up-to-date progress. Without an answer the page moves on anyway.
  const goTo = useCallback(
    (id: string) => {
      const launcher = frame.current?.contentWindow;
      if (!launcher) return navigate(itemHref(id));
      leavingTo.current = id;
      launcher.postMessage({ type: "finish" }, view.contentOrigin);
      window.setTimeout(() => {
        if (leavingTo.current === id) navigate(itemHref(id));
      }, 6000);
    },
    [navigate, view.contentOrigin],
  );

  useEffect(() => {
    setSaveState("idle");
    setStatuses({});
    setCourseStatus(null);
  }, [view.launchUrl]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== view.contentOrigin || event.source !== frame.current?.contentWindow) return;
      const message = event.data as LauncherMessage;
      if (message?.source !== "vademecum-launcher") return;
      if (message.type === "status" && message.state) {
        setSaveState(message.state);
        const progress = message.progress;
        if (progress) {
          setStatuses((current) => ({ ...current, [progress.itemId]: progress.status }));
          if (progress.courseStatus) setCourseStatus(progress.courseStatus);
        }
      } else if (message.type === "finished" && leavingTo.current) {
        const id = leavingTo.current;
        leavingTo.current = null;
        navigate(itemHref(id));
      } else if (message.type === "navigate") {
        const target =
          message.request === "continue"
            ? view.next?.id
            : message.request === "previous"
              ? view.previous?.id
              : view.toc.find((entry) => entry.id === message.target && entry.launchable)?.id;
        if (target) goTo(target);
      }
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [view, navigate, goTo]);

  useEffect(() => {
    leavingTo.current = null;
  }, [view.launchUrl]);

  /** Plain clicks on a part's link go through goTo; other clicks (new tab, no JavaScript) follow the link. */
  const onItemClick = (id: string) => (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    goTo(id);
  };

  const askForStatus = () => frame.current?.contentWindow?.postMessage({ type: "status?" }, view.contentOrigin);
  const statusOf = (id: string, fallback: ProgressStatus) => statuses[id] ?? fallback;
  const shownCourseStatus = courseStatus ?? view.courseStatus;
  const hasToc = view.toc.length > 0;

  return (
    <>
      <PageHeader title={view.courseTitle}>
        <Link to="/learning" className="font-medium text-teal-800 underline underline-offset-4">
          {t("player.backToLearning")}
        </Link>
      </PageHeader>
      <div className={hasToc ? "grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]" : ""}>
        <section aria-labelledby="current-title" className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
            <h2 id="current-title" className="text-xl font-semibold">
              {view.current.title}
            </h2>
            <p role="status" aria-live="polite" className={`text-sm ${saveState === "offline" || saveState === "rejected" ? "font-semibold text-red-800" : "text-stone-700"}`}>
              {t(`player.save.${saveState}`)}
            </p>
          </div>
          <iframe
            key={view.launchUrl}
            ref={frame}
            title={view.current.title}
            src={view.launchUrl}
            onLoad={askForStatus}
            sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-downloads allow-modals"
            allow="fullscreen"
            className="block h-[75vh] min-h-96 w-full rounded-lg border border-stone-300 bg-white"
          />
          {hasToc ? (
            <nav aria-label={t("player.stepNavigation")} className="mt-3 flex flex-wrap justify-between gap-3">
              {view.previous ? (
                <Link to={itemHref(view.previous.id)} onClick={onItemClick(view.previous.id)} rel="prev" className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50">
                  <span aria-hidden="true">← </span>
                  {t("player.previous")}
                  <span className="sr-only">: {view.previous.title}</span>
                </Link>
              ) : (
                <span />
              )}
              {view.next ? (
                <Link to={itemHref(view.next.id)} onClick={onItemClick(view.next.id)} rel="next" className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
                  {t("player.next")}
                  <span className="sr-only">: {view.next.title}</span>
                  <span aria-hidden="true"> →</span>
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
        {hasToc ? (
          <nav aria-labelledby="toc-title" className="order-last rounded-lg bg-white p-4 shadow-sm lg:order-first">
            <h2 id="toc-title" className="text-lg font-semibold">
              {t("player.contents")}
            </h2>
            <p className="mt-1 text-sm text-stone-700">
              {t("player.courseStatus")} <StatusBadge status={shownCourseStatus} />
            </p>
            <ol className="mt-3 flex flex-col gap-1">
              {view.toc.map((entry) => {
                const current = entry.id === view.current.id;
                return (
                  <li key={entry.id} style={{ paddingLeft: `${entry.depth * 0.75}rem` }}>
                    {entry.launchable ? (
                      <Link
                        to={itemHref(entry.id)}
                        onClick={onItemClick(entry.id)}
                        aria-current={current ? "page" : undefined}
                        className={`flex items-start justify-between gap-2 rounded px-2 py-1.5 hover:bg-teal-50 ${current ? "bg-teal-50 font-semibold text-teal-900" : "text-stone-900"}`}
                      >
                        <span className="underline-offset-4 hover:underline">{entry.title}</span>
                        {entry.isSco || entry.status !== "not-started" ? <StatusBadge status={statusOf(entry.id, entry.status)} /> : null}
                      </Link>
                    ) : (
                      <span className="block px-2 pt-2 text-sm font-semibold uppercase tracking-wide text-stone-600">{entry.title}</span>
                    )}
                  </li>
                );
              })}
            </ol>
          </nav>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
