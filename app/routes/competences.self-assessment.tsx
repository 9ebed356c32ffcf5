import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, SubmitButton } from "../components/forms";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { digComp22 } from "../modules/competencies/digcomp";
import {
  finishSelfAssessment,
  saveSelfAssessmentAnswers,
  selfAssessmentState,
} from "../modules/competencies/self-assessment.server";
import { digComp22SelfAssessment } from "../modules/competencies/self-assessment/digcomp-bank.server";
import {
  assessmentSteps,
  itemField,
  mergeStep,
  ratingField,
  readStep,
  resumeStep,
  reviewView,
  stepView,
  type StepView,
} from "../modules/competencies/self-assessment/steps";
import { pickLanguage } from "../modules/i18n/lang-string";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { formValues, type FieldErrors } from "../utils/forms";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "Self-assessment · Vademecum" }];

function stepParam(request: Request, count: number): number | null {
  const raw = new URL(request.url).searchParams.get("step");
  const step = Number(raw);
  return raw && Number.isInteger(step) && step >= 1 && step <= count ? step - 1 : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const bank = digComp22SelfAssessment();
  const steps = assessmentSteps(bank, digComp22());
  const state = await selfAssessmentState(db, user.id, bank);
  const requested = stepParam(request, steps.length);
  const title = pickLanguage(bank.title, [language])?.text ?? "";
  const lastCompleted = state.lastCompleted
    ? { completedAt: state.lastCompleted.completedAt.toISOString(), review: reviewView(bank, steps, state.lastCompleted.answers, language) }
    : null;
  const index = requested ?? (state.ongoing ? resumeStep(state.ongoing.answers, steps.length) : null);
  if (index === null) return { title, stepCount: steps.length, step: null, saved: null, lastCompleted };
  const saved = state.ongoing?.answers ?? { ratings: {}, answers: {}, savedSteps: [] };
  return {
    title,
    stepCount: steps.length,
    step: stepView(bank, digComp22(), steps, index, language, user.id),
    saved: { ratings: saved.ratings, answers: saved.answers },
    lastCompleted: null,
  };
}

type ActionResult = { fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const bank = digComp22SelfAssessment();
  const steps = assessmentSteps(bank, digComp22());
  const formData = await request.formData();
  const index = Number(formData.get("step"));
  if (!Number.isInteger(index) || index < 0 || index >= steps.length) throw new Response("Unknown step.", { status: 400 });
  const values = formValues(formData);
  const submission = readStep(bank, steps[index], values);
  const goingBack = formData.get("intent") === "back";
  if (!goingBack && Object.keys(submission.fieldErrors).length > 0) {
    return data<ActionResult>({ fieldErrors: submission.fieldErrors, values }, { status: 400 });
  }
  const saved = await saveSelfAssessmentAnswers(db, user.id, bank, (stored) => mergeStep(stored, steps[index], index, submission));
  if (goingBack) return redirect(`/competences/self-assessment?step=${Math.max(1, index)}`);
  if (index + 1 < steps.length) return redirect(`/competences/self-assessment?step=${index + 2}`);
  const missing = resumeStep(saved.answers, steps.length);
  if (!saved.answers.savedSteps.includes(missing)) return redirect(`/competences/self-assessment?step=${missing + 1}`);
  await finishSelfAssessment(db, user.id, bank);
  return redirect("/competences?saved=self-assessment");
}

export default function SelfAssessment() {
  const loaderData = useLoaderData<typeof loader>();
  if (!loaderData.step) return <Introduction {...loaderData} />;
  return <Step title={loaderData.title} step={loaderData.step} saved={loaderData.saved!} />;
}

function Introduction({
  title,
  stepCount,
  lastCompleted,
}: {
  title: string;
  stepCount: number;
  lastCompleted: { completedAt: string; review: ReturnType<typeof reviewView> } | null;
}) {
  const { t, i18n } = useTranslation();
  const date = dateTimeFormat(i18n.language, { dateStyle: "long" });
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={title} lead={t("competences.selfAssessment.intro", { steps: stepCount })} />
      <ul className="ml-5 list-disc text-stone-800">
        <li>{t("competences.selfAssessment.howRating")}</li>
        <li>{t("competences.selfAssessment.howItems")}</li>
        <li>{t("competences.selfAssessment.howSaved")}</li>
      </ul>
      {lastCompleted ? (
        <p>{t("competences.selfAssessment.lastDone", { date: date.format(new Date(lastCompleted.completedAt)) })}</p>
      ) : null}
      <p>
        <Link to="/competences/self-assessment?step=1" className="inline-block rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
          {lastCompleted ? t("competences.actions.retake") : t("competences.actions.start")}
        </Link>
      </p>
      {lastCompleted && lastCompleted.review.length > 0 ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title" className="mb-3 text-xl font-semibold">
            {t("competences.selfAssessment.reviewTitle")}
          </h2>
          {lastCompleted.review.map((area) => (
            <details key={area.area.code} className="mb-2 rounded-lg bg-white p-4 shadow-sm">
              <summary className="cursor-pointer font-semibold">
                {area.area.code}. {area.area.name}
              </summary>
              <ul className="mt-3 flex flex-col gap-4">
                {area.items.map((item) => (
                  <li key={item.id}>
                    <p className="font-medium">{item.stem}</p>
                    <p className={item.correct ? "text-teal-900" : "text-red-800"}>
                      {item.correct ? "✓ " : "✗ "}
                      {t(item.correct ? "competences.selfAssessment.youAnsweredRight" : "competences.selfAssessment.youAnsweredWrong", {
                        answer: item.chosen,
                        correct: item.correctAnswer,
                      })}
                    </p>
                    <p className="text-sm text-stone-700">{item.explanation}</p>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}

function Step({ title, step, saved }: { title: string; step: StepView; saved: { ratings: Record<string, number>; answers: Record<string, string> } }) {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  const isLast = step.index + 1 === step.count;
  const checkedRating = (competence: string, value: number) =>
    result ? result.values[ratingField(competence)] === String(value) : saved.ratings[competence] === value;
  const checkedAnswer = (item: string, option: string) =>
    result ? (result.values[itemField(item)] ?? "") === option : (saved.answers[item] ?? "") === option;

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={title} lead={t("competences.selfAssessment.progress", { current: step.index + 1, count: step.count })} />
      <div
        role="progressbar"
        aria-label={t("competences.selfAssessment.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={step.count}
        aria-valuenow={step.index + 1}
        aria-valuetext={t("competences.selfAssessment.progress", { current: step.index + 1, count: step.count })}
        className="h-3 w-full overflow-hidden rounded-full border border-stone-500 bg-white"
      >
        <div className="h-full bg-teal-700" style={{ width: `${((step.index + 1) / step.count) * 100}%` }} />
      </div>
      <Form method="post" action={`/competences/self-assessment?step=${step.index + 1}`} className="flex flex-col gap-8" noValidate>
        <input type="hidden" name="step" value={step.index} />
        <h2 className="text-xl font-semibold">
          {step.area.code}. {step.area.name}
        </h2>
        {Object.keys(errors).length > 0 ? (
          <FormAlert
            message={t("competences.selfAssessment.errors.summary", { count: Object.keys(errors).length })}
          />
        ) : null}
        {step.questions.map((question) => {
          const field = ratingField(question.competence);
          const errorId = `${field}-error`;
          return (
            <section key={question.competence} className="rounded-lg bg-white p-4 shadow-sm sm:p-6" aria-labelledby={`${field}-title`}>
              <h3 id={`${field}-title`} className="text-lg font-semibold">
                {question.competence} {question.name}
              </h3>
              <fieldset className="mt-3" aria-describedby={errors[field] ? errorId : undefined}>
                <legend className="font-medium">{question.question}</legend>
                <p className="mt-1 text-sm text-stone-700">{step.prompt}</p>
                {errors[field] ? (
                  <p id={errorId} className="mt-2 font-medium text-red-800">
                    {t(errors[field][0])}
                  </p>
                ) : null}
                <div className="mt-3 flex flex-col gap-2">
                  {step.scale.map((entry) => (
                    <label key={entry.step} className="flex items-start gap-3 rounded border border-stone-300 p-3 has-[:checked]:border-teal-800 has-[:checked]:bg-teal-50">
                      <input
                        type="radio"
                        name={field}
                        value={entry.step}
                        defaultChecked={checkedRating(question.competence, entry.step)}
                        aria-invalid={errors[field] ? true : undefined}
                        className="mt-1 h-5 w-5 shrink-0"
                      />
                      <span>{entry.label}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              {question.items.length > 0 ? (
                <div className="mt-6 flex flex-col gap-5">
                  <p className="text-sm font-medium text-stone-800">{t("competences.selfAssessment.itemsLead")}</p>
                  {question.items.map((item) => (
                    <fieldset key={item.id}>
                      <legend className="font-medium">{item.stem}</legend>
                      <div className="mt-2 flex flex-col gap-1">
                        {item.options.map((option) => (
                          <label key={option.id} className="flex items-start gap-3 py-1">
                            <input
                              type="radio"
                              name={itemField(item.id)}
                              value={option.id}
                              defaultChecked={checkedAnswer(item.id, option.id)}
                              className="mt-1 h-5 w-5 shrink-0"
                            />
                            <span>{option.text}</span>
                          </label>
                        ))}
                        <label className="flex items-start gap-3 py-1 text-stone-700">
                          <input
                            type="radio"
                            name={itemField(item.id)}
                            value=""
                            defaultChecked={checkedAnswer(item.id, "")}
                            className="mt-1 h-5 w-5 shrink-0"
                          />
                          <span>{t("competences.selfAssessment.skipItem")}</span>
                        </label>
                      </div>
                    </fieldset>
                  ))}
                </div>
              ) : null}
            </section>
          );
        })}
        <div className="flex flex-row-reverse flex-wrap justify-between gap-3">
          <SubmitButton>{isLast ? t("competences.selfAssessment.finish") : t("competences.selfAssessment.next")}</SubmitButton>
          {step.index > 0 ? (
            <button
              type="submit"
              name="intent"
              value="back"
              className="rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50"
            >
              {t("competences.selfAssessment.back")}
            </button>
          ) : null}
        </div>
        <p className="text-sm text-stone-700">{t("competences.selfAssessment.savedHint")}</p>
      </Form>
    </div>
  );
}
