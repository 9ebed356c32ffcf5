import type { ActivityTree } from "./activity-tree";
import { navigate, type NavigationRequestType } from "./navigation";
import { failed, NOW, passed } from "./test-course";
import { reportAttempt, type RuntimeReport } from "./rollup";
import { initialState, type SequencingState } from "./tracking";

/**
 * Test support: plays a script against a tree. Steps are navigation requests ("start",
 * "continue", "choice:id", …) or "pass" / "fail" / "report:{json}" for the last delivered SCO
 * (ignored while nothing has been delivered).
 * Each navigation request yields the delivered activity, "end" when the session ended, the
 * exception code, or "-" when nothing was delivered.
 */
export function walk(tree: ActivityTree, steps: string[]): { outcomes: string[]; state: SequencingState } {
  let state = initialState(tree);
  let delivered: string | null = null;
  const outcomes: string[] = [];
  for (const step of steps) {
    if (step === "pass" || step === "fail" || step.startsWith("report:")) {
      const runtime: RuntimeReport = step === "pass" ? passed : step === "fail" ? failed : JSON.parse(step.slice("report:".length));
      if (delivered !== null) state = reportAttempt(tree, state, delivered, runtime);
      continue;
    }
    const [type, target] = step.split(":");
    const result = navigate(tree, state, { type: type as NavigationRequestType, target }, NOW);
    state = result.state;
    if (result.deliver) delivered = result.deliver;
    outcomes.push(result.exception ?? result.deliver ?? (result.endSession ? "end" : "-"));
  }
  return { outcomes, state };
}
