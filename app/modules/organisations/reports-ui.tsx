import { useTranslation } from "react-i18next";
import type { AssignmentStatus } from "./reports";

/** Pieces the report pages share. Dates are shown as YYYY-MM-DD (UTC), the same on server and browser. */
export function day(date: Date | string | null | undefined): string {
  if (!date) return "";
  return (typeof date === "string" ? new Date(date) : date).toISOString().slice(0, 10);
}

const STATUS_STYLE: Record<AssignmentStatus, string> = {
  "not-started": "border-stone-400 bg-white text-stone-800",
  "in-progress": "border-sky-700 bg-sky-50 text-sky-900",
  completed: "border-teal-700 bg-teal-50 text-teal-900",
  overdue: "border-red-700 bg-red-50 text-red-900 font-semibold",
};

const STATUS_MARK: Record<AssignmentStatus, string> = {
  "not-started": "○",
  "in-progress": "◐",
  completed: "✓",
  overdue: "!",
};

/** A status as a word with a mark, never as a colour alone. */
export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${STATUS_STYLE[status]}`}>
      <span aria-hidden="true">{STATUS_MARK[status]}</span>
      {t(`reports.status.${status}`)}
    </span>
  );
}

/** A table that scrolls sideways inside its own box on narrow screens, with its caption. */
export function ScrollTable({ caption, children, captionHidden }: { caption: string; children: React.ReactNode; captionHidden?: boolean }) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className={captionHidden ? "sr-only" : "px-4 pt-3 text-left font-semibold"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export const fieldClass = "rounded border border-stone-400 bg-white px-3 py-2 text-base";
export const buttonClass = "rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900";
export const linkClass = "font-medium text-teal-800 underline underline-offset-4";
