import { Form } from "@remix-run/react";
import { createElement, useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PlaceholderView } from "../../modules/delivery/content.server";
import type { HtmlNode } from "../../modules/delivery/html-tree";
import type { PropertyField } from "../../modules/standards/learning-design/xhtml";

/**
 * Renders an authored page (sanitized by the server into an HtmlNode tree) with its IMS LD
 * placeholders: view-property as the value, set-property as a small form that posts to the
 * page's action and works without JavaScript.
 */

const ATTRIBUTE_NAMES: Record<string, string> = { colspan: "colSpan", rowspan: "rowSpan", hreflang: "hrefLang" };
const VOID = new Set(["br", "hr", "img"]);
/** Elements that may not contain a form: rendered as a div when a form sits inside. */
const PHRASING = new Set(["p", "span", "em", "strong", "b", "i", "u", "small", "a", "h2", "h3", "h4", "h5", "h6"]);

export type FieldErrors = Record<string, string[]>;

export function LdContent({
  tree,
  views,
  errors,
  language,
}: {
  tree: HtmlNode[];
  views: PlaceholderView[];
  errors?: FieldErrors;
  language?: string;
}) {
  const containsForm = (node: HtmlNode): boolean =>
    node.type === "placeholder"
      ? views[node.index]?.kind === "form"
      : node.type === "element" && node.children.some(containsForm);
  const render = (node: HtmlNode, key: number): ReactNode => {
    if (node.type === "text") return node.value;
    if (node.type === "placeholder") {
      const view = views[node.index];
      return view ? <Placeholder key={key} view={view} errors={errors} /> : null;
    }
    const props: Record<string, unknown> = { key };
    for (const [name, value] of Object.entries(node.attributes)) props[ATTRIBUTE_NAMES[name] ?? name] = value;
    const name = PHRASING.has(node.name) && node.children.some(containsForm) ? "div" : node.name;
    if (VOID.has(name)) return createElement(name, props);
    return createElement(name, props, ...node.children.map(render));
  };
  return (
    <div
      lang={language}
      className="leading-relaxed [&_a]:text-teal-800 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-stone-300 [&_blockquote]:pl-4 [&_h2]:mb-2 [&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mb-2 [&_h3]:mt-4 [&_h3]:text-lg [&_h3]:font-semibold [&_li]:my-1 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-3 [&_table]:my-3 [&_td]:border [&_td]:border-stone-300 [&_td]:p-2 [&_th]:border [&_th]:border-stone-300 [&_th]:p-2 [&_th]:text-left [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6"
    >
      {tree.map(render)}
    </div>
  );
}

function humanize(value: string): string {
  const text = value.replace(/[-_]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Placeholder({ view, errors }: { view: PlaceholderView; errors?: FieldErrors }) {
  const { t } = useTranslation();
  if (view.kind === "values") {
    return (
      <>
        {view.values.map((value) => (
          <span key={value.propertyRef} className="ld-value">
            {value.showTitle && value.title ? <strong>{value.title}: </strong> : null}
            {value.value === null || value.value === "" ? (
              <em className="text-stone-600">{t("delivery.property.notSet")}</em>
            ) : (
              <span className="whitespace-pre-wrap">{value.value}</span>
            )}
          </span>
        ))}
      </>
    );
  }
  return (
    <Form method="post" className="my-4 flex flex-col gap-4 rounded-lg border border-stone-300 bg-stone-50 p-4">
      <input type="hidden" name="intent" value="set-property" />
      <input type="hidden" name="fields" value={view.fields.map((field) => field.field.propertyRef).join(" ")} />
      {view.subjectId ? <input type="hidden" name="subject" value={view.subjectId} /> : null}
      {view.title ? <p className="font-semibold">{view.title}</p> : null}
      {view.fields.map((field) => (
        <PropertyInput key={field.field.propertyRef} field={field.field} value={field.value} errors={errors?.[field.field.propertyRef]} />
      ))}
      <div>
        <button type="submit" className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
          {t("delivery.property.save")}
        </button>
      </div>
    </Form>
  );
}

function PropertyInput({ field, value, errors }: { field: PropertyField; value: string | null; errors?: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const name = `p:${field.propertyRef}`;
  const label = field.label ?? t("delivery.property.answer");
  const invalid = errors?.length ? true : undefined;
  const describedBy = invalid ? errorId : undefined;
  const inputClass = "rounded border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
  const errorList = invalid ? (
    <ul id={errorId} className="text-sm text-red-800">
      {errors!.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  ) : null;

  if (field.input === "select" && field.options.length <= 4) {
    return (
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
        <legend className="mb-1 font-medium">{label}</legend>
        {field.options.map((option) => (
          <label key={option} className="flex items-center gap-2">
            <input type="radio" name={name} value={option} defaultChecked={value === option} required className="h-5 w-5" />
            {humanize(option)}
          </label>
        ))}
        {errorList}
      </fieldset>
    );
  }
  if (field.input === "checkbox") {
    return (
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name={name} value="true" defaultChecked={value === "true"} className="h-5 w-5" aria-describedby={describedBy} />
          {label}
        </label>
        {errorList}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {field.input === "select" ? (
        <select id={id} name={name} defaultValue={value ?? ""} required aria-invalid={invalid} aria-describedby={describedBy} className={inputClass}>
          <option value="">{t("delivery.property.choose")}</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </select>
      ) : field.input === "textarea" ? (
        <textarea
          id={id}
          name={name}
          rows={8}
          defaultValue={value ?? ""}
          required
          maxLength={field.maxLength ?? undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={inputClass}
        />
      ) : (
        <input
          id={id}
          name={name}
          type={field.input === "number" ? "number" : field.input === "url" ? "url" : field.input === "datetime" ? "datetime-local" : "text"}
          defaultValue={value ?? ""}
          required
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          step={field.datatype === "integer" ? 1 : field.input === "number" ? "any" : undefined}
          maxLength={field.maxLength ?? undefined}
          pattern={field.pattern ?? undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={inputClass}
        />
      )}
      {errorList}
    </div>
  );
}
