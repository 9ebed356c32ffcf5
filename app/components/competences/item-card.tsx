import { useTranslation } from "react-i18next";
import type { ItemView } from "../../modules/competencies/items";

/** An item's text in every language it has, the right answer marked in words and with a sign. */
export function ItemCard({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-3">
      {item.languages.map((version) => (
        <div key={version.language} lang={version.language === "x-none" ? undefined : version.language}>
          <p className="text-xs font-semibold uppercase text-stone-700">{version.language}</p>
          <p className="font-medium">{version.prompt}</p>
          <ul className="mt-1 text-sm">
            {version.choices.map((choice) => (
              <li key={choice.id} className={choice.correct ? "font-semibold text-teal-900" : undefined}>
                {choice.correct ? "✓ " : "– "}
                {choice.text || t(`competences.items.${choice.id === "true" ? "true" : "false"}`)}
                {choice.correct ? <span className="sr-only"> ({t("competences.items.rightAnswer")})</span> : null}
              </li>
            ))}
          </ul>
          {version.explanation ? <p className="mt-1 text-sm text-stone-700">{version.explanation}</p> : null}
        </div>
      ))}
    </div>
  );
}
