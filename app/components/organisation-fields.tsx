import { useId } from "react";
import { useTranslation } from "react-i18next";

/** Form controls of the organisation pages that TextField does not cover: selects, dates, text areas. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="text-sm text-red-800">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

export function LabelledControl({
  label,
  errors,
  hint,
  children,
}: {
  label: string;
  errors?: string[];
  hint?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": errors?.length ? true : undefined })}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export const controlClass =
  "w-full rounded border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

export const secondaryButtonClass =
  "rounded border border-teal-800 bg-white px-3 py-1.5 text-sm font-semibold text-teal-900 hover:bg-teal-50";

export const dangerButtonClass =
  "rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50";

/** A message that says a change was made, announced to screen readers. */
export function StatusMessage({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded border border-teal-300 bg-teal-50 px-4 py-3 text-teal-900">
      {children}
    </p>
  );
}
