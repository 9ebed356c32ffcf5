import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LdContent } from "../components/delivery/ld-content";
import { LearningObjects } from "../components/delivery/learning-objects";
import { StatusBadge } from "../components/delivery/status";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormAlert } from "../components/forms";
import { Link } from "../components/link";
import { requireUser } from "../modules/auth/session.server";
import { parsePropertyForm } from "../modules/delivery/forms";
import {
  activityPage,
  markActivityDone,
  openActivityFor,
  requireUnit,
  runParameter,
  setActivityProperties,
} from "../modules/delivery/player.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import type { FieldErrors } from "../utils/forms";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.activity.title ?? "Activity"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const url = new URL(request.url);
  const opened = await requireUnit(db, user, params.courseId!, { now: new Date().toISOString(), runId: url.searchParams.get("run") });
  const session = await openActivityFor(db, opened, params.activityId!);
  const activity = await activityPage(db, session, params.activityId!, language, url.searchParams.get("person"));
  if (!activity) throw new Response("Activity not found.", { status: 404 });
  return { courseId: session.course.id, courseTitle: session.course.title, run: runParameter(session), activity };
}

type ActionResult = { fieldErrors: FieldErrors; message: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const url = new URL(request.url);
  const session = await requireUnit(db, user, params.courseId!, { now: new Date().toISOString(), runId: url.searchParams.get("run") });
  const activityId = params.activityId!;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "complete") {
    const outcome = await markActivityDone(db, session, activityId);
    if (!outcome.ok && outcome.code !== "run.already-completed") {
      return data<ActionResult>({ fieldErrors: {}, message: `delivery.errors.${outcome.code}` }, { status: 409 });
    }
    return redirect(url.pathname + url.search);
  }
  if (intent === "set-property") {
    const booleans = new Set(session.uol.properties.filter((property) => property.datatype === "boolean").map((property) => property.identifier));
    const form = parsePropertyForm(formData, booleans);
    if (!form.ok) return data<ActionResult>({ fieldErrors: form.fieldErrors, message: null }, { status: 400 });
    const outcome = await setActivityProperties(db, session, activityId, form.values, form.subjectId, language);
    if (!outcome.ok) {
      const key = outcome.code === "run.property-type" || outcome.code === "run.property-restriction" ? "delivery.errors.invalidValue" : `delivery.errors.${outcome.code}`;
      return data<ActionResult>(
        { fieldErrors: outcome.propertyRef ? { [outcome.propertyRef]: [key] } : {}, message: outcome.propertyRef ? null : key },
        { status: 400 },
      );
    }
    return redirect(url.pathname + url.search);
  }
  throw new Response("Unknown form.", { status: 400 });
}

export default function ActivityPage() {
  const { t, i18n } = useTranslation();
  const { courseId, courseTitle, run, activity } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const activityHref = (identifier: string) => `/courses/${courseId}/ld/${encodeURIComponent(identifier)}${run}`;
  const time = dateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-6">
      <nav aria-label={t("delivery.player.breadcrumb")} className="text-sm">
        <Link to={`/courses/${courseId}/ld${run}`} className="font-medium text-teal-800 underline underline-offset-4">
          {t("delivery.player.backToModule", { title: courseTitle })}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{activity.title}</h1>
        <StatusBadge status={activity.locked ? "locked" : activity.status} />
      </header>

      {activity.locked ? (
        <section className="rounded-lg border border-stone-300 bg-white p-5">
          <p>{t("delivery.player.lockedIntro")}</p>
          <ul className="mt-2 list-disc pl-6">
            {activity.waitingFor.map((blocker) => (
              <li key={blocker.identifier}>
                <Link to={activityHref(blocker.identifier)} className="text-teal-800 underline underline-offset-4">{blocker.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <>
          <FormAlert message={result?.message ? t(result.message) : null} />
          {activity.people.length > 0 ? (
            <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
              {run ? <input type="hidden" name="run" value={run.slice("?run=".length)} /> : null}
              <div className="flex flex-col gap-1">
                <label htmlFor="person" className="font-medium">{t("delivery.player.person")}</label>
                <select id="person" name="person" defaultValue={activity.personId ?? ""} className="rounded border border-stone-400 bg-white px-3 py-2">
                  {activity.people.map((person) => (
                    <option key={person.userId} value={person.userId}>{person.name}</option>
                  ))}
                </select>
              </div>
              <button type="submit" className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900">
                {t("delivery.player.show")}
              </button>
            </Form>
          ) : null}

          {activity.pages.map((page, index) => (
            <LdContent key={index} tree={page.tree} views={page.views} errors={result?.fieldErrors} language={page.language} />
          ))}

          <LearningObjects courseId={courseId} run={run} environments={activity.environments} errors={result?.fieldErrors} />

          {activity.status === "completed" ? (
            <section aria-labelledby="done-title" className="rounded-lg border border-teal-700 bg-teal-50 p-5">
              <h2 id="done-title" className="text-lg font-semibold text-teal-900">{t("delivery.player.done")}</h2>
              {activity.feedback.map((page, index) => (
                <LdContent key={index} tree={page.tree} views={page.views} language={page.language} />
              ))}
            </section>
          ) : activity.canComplete ? (
            <Form method="post" className="rounded-lg bg-white p-5 shadow-sm">
              <input type="hidden" name="intent" value="complete" />
              <p className="mb-3 text-stone-700">{t("delivery.player.markDoneHint")}</p>
              <button type="submit" className="rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
                {t("delivery.player.markDone")}
              </button>
            </Form>
          ) : (
            <p className="rounded-lg bg-white p-4 text-stone-700 shadow-sm">
              {activity.deadline
                ? t("delivery.player.completesAt", { time: time.format(new Date(activity.deadline)) })
                : activity.completesBy.includes("when-property-value-is-set")
                  ? t("delivery.player.completesWhenSaved")
                  : t("delivery.player.completesByRule")}
            </p>
          )}

          {activity.next && activity.status === "completed" ? (
            <p>
              <Link to={activityHref(activity.next.identifier)} className="inline-block rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
                {t("delivery.player.nextActivity", { title: activity.next.title })}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
