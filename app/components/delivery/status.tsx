import { useTranslation } from "react-i18next";

/** A progress bar that also says its value in words (never colour alone). */
export function ProgressBar({ ratio, label }: { ratio: number; label: string }) {
  const { t } = useTranslation();
  const percent = Math.round(ratio * 100);
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 flex-1 overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-teal-700" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-sm text-stone-700">{t("delivery.progress.percent", { percent })}</span>
    </div>
  );
}

const STATUS_STYLES: Record<string, string> = {
  completed: "border-teal-700 bg-teal-50 text-teal-900",
  passed: "border-teal-700 bg-teal-50 text-teal-900",
  current: "border-amber-700 bg-amber-50 text-amber-900",
  "in-progress": "border-amber-700 bg-amber-50 text-amber-900",
  available: "border-sky-700 bg-sky-50 text-sky-900",
  locked: "border-stone-400 bg-stone-100 text-stone-700",
};

/** A status in words, with a symbol, so it does not depend on colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const symbol = { completed: "✓", passed: "✓", locked: "🔒", current: "→", available: "○", "in-progress": "…" }[status] ?? "○";
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[status] ?? "border-stone-400 bg-white text-stone-800"}`}
    >
      <span aria-hidden="true">{symbol}</span>
      {t(`delivery.status.${status}`)}
    </span>
  );
}
