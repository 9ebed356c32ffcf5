import { LabelledControl } from "./organisation-fields";

/** A labelled input with its error messages announced to screen readers. */
export function TextField({
  label,
  name,
  type = "text",
  defaultValue,
  errors,
  autoComplete,
  required,
  hint,
}: {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  defaultValue?: string;
  errors?: string[];
  autoComplete?: string;
  required?: boolean;
  hint?: string;
}) {
  return (
    <LabelledControl label={label} errors={errors} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          required={required}
          className="rounded border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        />
      )}
    </LabelledControl>
  );
}

/** A message for the whole form (e.g. wrong credentials), announced when it appears. */
export function FormAlert({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-3 text-red-900">
      {message}
    </div>
  );
}

export function SubmitButton({ children, busy }: { children: React.ReactNode; busy?: boolean }) {
  return (
    <button
      type="submit"
      aria-disabled={busy || undefined}
      className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
