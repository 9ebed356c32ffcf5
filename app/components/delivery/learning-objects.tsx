import { useTranslation } from "react-i18next";
import type { EnvironmentSection } from "../../modules/delivery/player.server";
import type { HtmlNode } from "../../modules/delivery/html-tree";
import { Link } from "../link";
import { LdContent, type FieldErrors } from "./ld-content";

/**
 * The environments of an activity: XHTML learning objects shown in the page, questions with
 * their answer, SCOs through the SCORM player, other files as downloads, the monitor service.
 */
export function LearningObjects({
  courseId,
  run,
  environments,
  errors,
}: {
  courseId: string;
  run: string;
  environments: EnvironmentSection[];
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      {environments.map((environment) => (
        <section key={environment.identifier} aria-labelledby={`env-${environment.identifier}`} className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm">
          <h2 id={`env-${environment.identifier}`} className="text-xl font-semibold">
            {environment.title ?? t("delivery.player.materials")}
          </h2>
          {environment.objects.map((object) => {
            switch (object.kind) {
              case "page":
                return (
                  <section key={object.identifier} className="border-t border-stone-200 pt-4">
                    <h3 className="mb-2 text-lg font-semibold" lang={object.page.language}>{object.page.title ?? object.title}</h3>
                    <LdContent tree={object.page.tree} views={object.page.views} errors={errors} language={object.page.language} />
                  </section>
                );
              case "question":
                return (
                  <section key={object.identifier} lang={object.question.language} className="border-t border-stone-200 pt-4">
                    <h3 className="mb-2 font-semibold">{object.title}</h3>
                    <Tree nodes={object.question.stem} />
                    <Tree nodes={object.question.prompt} />
                    <ol className="mt-2 list-[upper-alpha] pl-6">
                      {object.question.choices.map((choice) => (
                        <li key={choice.identifier}>
                          <Tree nodes={choice.text} />
                        </li>
                      ))}
                    </ol>
                    <details className="mt-2">
                      <summary className="cursor-pointer font-medium text-teal-800">{t("delivery.player.showAnswer")}</summary>
                      <ul className="mt-1 pl-6">
                        {object.question.choices
                          .filter((choice) => choice.correct)
                          .map((choice) => (
                            <li key={choice.identifier}>
                              <Tree nodes={choice.text} />
                            </li>
                          ))}
                      </ul>
                    </details>
                  </section>
                );
              case "sco":
                return (
                  <p key={object.identifier}>
                    <a href={object.href} className="inline-block rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900">
                      {t("delivery.player.openExercise", { title: object.title ?? "" })}
                    </a>
                  </p>
                );
              case "vademecum":
                return (
                  <p key={object.identifier}>
                    <Link to="/vademecum" className="font-medium text-teal-800 underline underline-offset-4">
                      {t("delivery.player.vademecum")}
                    </Link>
                  </p>
                );
              case "file":
                return (
                  <p key={object.identifier}>
                    <a href={object.href} download={object.fileName} className="font-medium text-teal-800 underline underline-offset-4">
                      {t("delivery.player.download", { title: object.title ?? object.fileName, file: object.fileName })}
                    </a>
                  </p>
                );
            }
          })}
          {environment.services.map((service) =>
            service.kind === "monitor" ? (
              <p key={service.identifier}>
                <Link to={`/courses/${courseId}/ld/monitor${run}`} className="font-medium text-teal-800 underline underline-offset-4">
                  {service.title ?? t("delivery.monitor.open")}
                </Link>
              </p>
            ) : (
              <p key={service.identifier} className="text-stone-700">{service.title}</p>
            ),
          )}
        </section>
      ))}
    </>
  );
}

function Tree({ nodes }: { nodes: HtmlNode[] }) {
  return <LdContent tree={nodes} views={[]} />;
}
