import { ProblemCollector, type Problem } from "../report";
import type { XmlElement } from "../xml";
import type { UnitOfLearning } from "./model";
import { toUnitOfLearning, type ResourceResolver } from "./normalize";
import { readLearningDesign } from "./read";

export interface LearningDesignContext {
  /** Package-relative path of the manifest, used in problems. */
  file: string;
  /** Looks up a manifest resource by identifier. */
  resolveResource: ResourceResolver;
}

export interface LearningDesignResult {
  /** Present only when the design has no errors. */
  design?: UnitOfLearning;
  problems: Problem[];
}

/**
 * Parses the `imsld:learning-design` element found in a manifest's `organizations` into a
 * checked UnitOfLearning. Problems say what is wrong, in which element and on which line.
 */
export function parseLearningDesign(element: XmlElement, context: LearningDesignContext): LearningDesignResult {
  const problems = new ProblemCollector();
  const raw = readLearningDesign(element, context.file, problems);
  const design = raw && toUnitOfLearning(raw, context.file, context.resolveResource, problems);
  return problems.hasErrors() || !design ? { problems: problems.problems } : { design, problems: problems.problems };
}
