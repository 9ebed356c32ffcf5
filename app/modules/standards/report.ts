/**
 * The validation report every standards parser writes into: problems that say what is wrong,
 * where (file, line, element) and how bad, each with a stable code that tools and tests can
 * rely on while the wording of the message may change.
 */

export type Severity = "error" | "warning";

/**
 * The variable parts of a problem's message (file names, element names, identifiers, values,
 * counts, text from a third-party parser), so the interface can word the message in the
 * reader's language: app/locales/<language>/problems.json holds one sentence per code with
 * `{{name}}` slots. Where one code has several wordings, a `context` param picks one, as
 * i18next's context does: { context: "missing" } reads "cp.organizations.empty_missing".
 */
export type ProblemParams = Record<string, string | number>;

export interface Problem {
  /** Stable, dotted code, e.g. "cp.item.missing-resource". */
  code: string;
  /** Plain words, in English: what is wrong and, when it helps, what happens instead. */
  message: string;
  /**
   * What the message interpolates, for translations. Every problem reported now has params (empty
   * when the message has no variable parts); reports stored before they existed have none.
   */
  params?: ProblemParams;
  /** The package-relative file the problem is in, or null when it concerns the package. */
  file: string | null;
  line: number | null;
  /** The element concerned, as written in the file (e.g. "item"), when there is one. */
  element?: string;
  severity: Severity;
}

export interface ProblemLocation {
  file?: string | null;
  line?: number | null;
  element?: string;
}

/** Collects problems in the order they are found. */
export class ProblemCollector {
  readonly problems: Problem[] = [];

  error(code: string, message: string, location: ProblemLocation = {}, params?: ProblemParams): void {
    this.add("error", code, message, location, params);
  }

  warning(code: string, message: string, location: ProblemLocation = {}, params?: ProblemParams): void {
    this.add("warning", code, message, location, params);
  }

  add(severity: Severity, code: string, message: string, location: ProblemLocation = {}, params?: ProblemParams): void {
    const problem: Problem = {
      code,
      message,
      params: params ?? {},
      file: location.file ?? null,
      line: location.line ?? null,
      severity,
    };
    if (location.element !== undefined) problem.element = location.element;
    this.problems.push(problem);
  }

  get errors(): Problem[] {
    return this.problems.filter((problem) => problem.severity === "error");
  }

  get warnings(): Problem[] {
    return this.problems.filter((problem) => problem.severity === "warning");
  }

  hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === "error");
  }
}

/** "file:line: message" for people reading a terminal. */
export function formatProblem(problem: Problem): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ""}: ` : "";
  return `${problem.severity} ${problem.code}: ${where}${problem.message}`;
}
