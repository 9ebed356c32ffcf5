import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useRevalidator, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { NavigationFormSchema, type NavigationForm, type RefusalReason } from "../modules/delivery/scorm/course-sequencing";
import { contentOriginFor, openPlayer, requestNavigation } from "../modules/delivery/scorm/player.server";
import type { ProgressStatus } from "../modules/progress/status";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.current?.title ?? data.view.courseTitle} · ${data.view.courseTitle} · Vademecum` : "Vademecum" },
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

/** A navigation request to the SCORM 2004 sequencer: a redirect to what it delivers, or why it refused. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = NavigationFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw new Response("This is not a navigation request.", { status: 400 });
  const outcome = await requestNavigation(db, { userId: user.id, courseId: params.courseId!, form: form.data });
  if (!outcome) throw new Response("There is nothing to play here.", { status: 404 });
  if (outcome.deliver) return redirect(`/courses/${params.courseId}/scorm${itemHref(outcome.deliver)}`);
  if (outcome.endSession) return redirect(`/courses/${params.courseId}`);
  return data({ refusal: outcome.refusal });
}

type SaveState = "idle" | "saving" | "saved" | "offline" | "rejected";

interface LauncherMessage {
  source: "vademecum-launcher";
  type: "status" | "navigate" | "sequenced" | "finished";
  state?: SaveState;
  progress?: { itemId: string; status: ProgressStatus; courseStatus: ProgressStatus | null } | null;
  /** SCORM 1.2: the SCO asks for flow navigation. */
  request?: "continue" | "previous";
  /** SCORM 2004: what the sequencer did with the SCO's navigation request. */
  navigation?: { deliver: string | null; endSession: boolean; refusal: RefusalReason | null };
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
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const frame = useRef<HTMLIFrameElement>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [statuses, setStatuses] = useState<Record<string, ProgressStatus>>({});
  const [courseStatus, setCourseStatus] = useState<ProgressStatus | null>(null);
  const [scoRefusal, setScoRefusal] = useState<RefusalReason | null>(null);
  const leaving = useRef<(() => void) | null>(null);

  // Leaving a SCO: the launcher unloads it and answers once its last data is stored, so the
  // next page shows up-to-date progress (and the sequencer knows how the SCO ended). Without
  // an answer the page moves on anyway.
  const leaveThen = useCallback(
    (next: () => void) => {
      const launcher = frame.current?.contentWindow;
      if (!launcher) return next();
      leaving.current = next;
      launcher.postMessage({ type: "finish" }, view.contentOrigin);
      window.setTimeout(() => {
        if (leaving.current === next) {
          leaving.current = null;
          next();
        }
      }, 6000);
    },
    [view.contentOrigin],
  );
  const goTo = useCallback((id: string) => leaveThen(() => navigate(itemHref(id))), [leaveThen, navigate]);
  const requestNavigation = useCallback(
    (form: NavigationForm) => leaveThen(() => submit(form.target ? { request: form.request, target: form.target } : { request: form.request }, { method: "post" })),
    [leaveThen, submit],
  );

  useEffect(() => {
    setSaveState("idle");
    setStatuses({});
    setCourseStatus(null);
    setScoRefusal(null);
    leaving.current = null;
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
      } else if (message.type === "finished" && leaving.current) {
        const next = leaving.current;
        leaving.current = null;
        next();
      } else if (message.type === "sequenced" && message.navigation) {
        // The SCO's own navigation request, already carried out by the sequencer.
        const { deliver, endSession, refusal } = message.navigation;
        leaving.current = null;
        if (deliver) navigate(itemHref(deliver));
        else if (endSession) navigate(`/courses/${view.courseId}`);
        else {
          setScoRefusal(refusal);
          revalidator.revalidate();
        }
      } else if (message.type === "navigate" && !view.sequencing) {
        const target = message.request === "continue" ? view.next?.id : message.request === "previous" ? view.previous?.id : undefined;
        if (target) goTo(target);
      }
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [view, navigate, goTo, revalidator]);

  /** Plain clicks go through the launcher first; other clicks (new tab, no JavaScript) follow the link or submit the form. */
  const plainClick = (event: React.MouseEvent) => !(event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
  const onItemClick = (id: string) => (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (!plainClick(event)) return;
    event.preventDefault();
    goTo(id);
  };
  const onRequestClick = (form: NavigationForm) => (event: React.MouseEvent<HTMLButtonElement>) => {
    if (!plainClick(event)) return;
    event.preventDefault();
    requestNavigation(form);
  };

  const askForStatus = () => frame.current?.contentWindow?.postMessage({ type: "status?" }, view.contentOrigin);
  const statusOf = (id: string, fallback: ProgressStatus) => statuses[id] ?? fallback;
  const shownCourseStatus = courseStatus ?? view.courseStatus;
  const hasToc = view.toc.length > 0;
  const refusal = scoRefusal ?? actionData?.refusal ?? null;
  const sequencing = view.sequencing;

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
              {view.current?.title ?? t("player.sequencing.nothingOpen")}
            </h2>
            {view.current ? (
              <p role="status" aria-live="polite" className={`text-sm ${saveState === "offline" || saveState === "rejected" ? "font-semibold text-red-800" : "text-stone-700"}`}>
                {t(`player.save.${saveState}`)}
              </p>
            ) : null}
          </div>
          {refusal ? (
            <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
              {t("player.sequencing.refused")} {t(`player.refusal.${refusal}`)}
            </p>
          ) : null}
          {view.launchUrl && view.current ? (
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
          ) : (
            <div className="rounded-lg border border-stone-300 bg-white p-6 text-stone-800">
              {sequencing?.refusal && !refusal ? <p>{t(`player.refusal.${sequencing.refusal}`)}</p> : null}
              <p>{t("player.sequencing.chooseNext")}</p>
            </div>
          )}
          {sequencing ? (
            <Form method="post" aria-label={t("player.stepNavigation")} className="mt-3 flex flex-wrap justify-between gap-3">
              <button
                type="submit"
                name="request"
                value="previous"
                disabled={!sequencing.previous}
                onClick={onRequestClick({ request: "previous" })}
                className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50 disabled:cursor-not-allowed disabled:border-stone-300 disabled:text-stone-500 disabled:hover:bg-transparent"
              >
                <span aria-hidden="true">← </span>
                {t("player.previous")}
              </button>
              <button
                type="submit"
                name="request"
                value="continue"
                disabled={!sequencing.continue}
                onClick={onRequestClick({ request: "continue" })}
                className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-700"
              >
                {t("player.next")}
                <span aria-hidden="true"> →</span>
              </button>
            </Form>
          ) : hasToc ? (
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
                const current = entry.id === view.current?.id;
                const badge = entry.isSco || entry.status !== "not-started" ? <StatusBadge status={statusOf(entry.id, entry.status)} /> : null;
                const entryClass = `flex w-full items-start justify-between gap-2 rounded px-2 py-1.5 text-left hover:bg-teal-50 ${current ? "bg-teal-50 font-semibold text-teal-900" : "text-stone-900"}`;
                return (
                  <li key={entry.id} style={{ paddingLeft: `${entry.depth * 0.75}rem` }}>
                    {!entry.launchable ? (
                      <span className="block px-2 pt-2 text-sm font-semibold uppercase tracking-wide text-stone-600">{entry.title}</span>
                    ) : !entry.enabled ? (
                      <div className="flex flex-col gap-0.5 px-2 py-1.5 text-stone-600">
                        <span className="flex items-start justify-between gap-2">
                          <span>
                            {entry.title}
                            <span className="sr-only"> ({t("player.sequencing.unavailable")})</span>
                          </span>
                          {badge}
                        </span>
                        {entry.refusal ? <span className="text-xs">{t(`player.refusal.${entry.refusal}`)}</span> : null}
                      </div>
                    ) : sequencing ? (
                      <Form method="post">
                        <input type="hidden" name="target" value={entry.id} />
                        <button
                          type="submit"
                          name="request"
                          value="choice"
                          onClick={onRequestClick({ request: "choice", target: entry.id })}
                          aria-current={current ? "page" : undefined}
                          className={entryClass}
                        >
                          <span className="underline-offset-4 hover:underline">{entry.title}</span>
                          {badge}
                        </button>
                      </Form>
                    ) : (
                      <Link to={itemHref(entry.id)} onClick={onItemClick(entry.id)} aria-current={current ? "page" : undefined} className={entryClass}>
                        <span className="underline-offset-4 hover:underline">{entry.title}</span>
                        {badge}
                      </Link>
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
