import type { CompetenceFramework } from "../competencies/framework";
import type { CompetenceProfile } from "../competencies/profile";
import type { LangString } from "../i18n/lang-string";
import type { PackageModel } from "../packages/model";
import type { CompetenceFrameworkInput, CompetenceProfileRow, VademecumModule } from "./compile";

/**
 * The compiler's input taken from what the platform stores: a framework, a package's LOM
 * record, a learner's competence profile. Pure, so the database code stays a list of queries.
 */

/** A stored framework in the shape the compiler reads: areas with their competences, level names. */
export function frameworkInput(framework: CompetenceFramework): CompetenceFrameworkInput {
  return {
    name: framework.key,
    areas: framework.areas.map((area) => ({
      code: area.code,
      name: area.name,
      competences: framework.competences
        .filter((competence) => competence.areaCode === area.code)
        .map((competence) => ({ code: competence.code, name: competence.name })),
    })),
    levels: framework.levels.map((level) => ({ level: level.level, name: level.name })),
  };
}

/**
 * A module's own words from its package: LOM title (else the manifest's), first description,
 * and the educational descriptions as its learning objectives.
 */
export function moduleFields(
  model: PackageModel,
  fallbackTitle: string,
): Pick<VademecumModule, "title" | "description" | "objectives" | "defaultLanguage"> {
  const title: LangString = nonEmpty(model.lom?.general.title) ?? nonEmpty(model.title) ?? { [model.defaultLanguage]: fallbackTitle };
  return {
    title,
    description: model.lom?.general.descriptions[0] ?? {},
    objectives: model.lom?.educational.flatMap((educational) => educational.descriptions) ?? [],
    defaultLanguage: model.defaultLanguage,
  };
}

function nonEmpty(value: LangString | null | undefined): LangString | undefined {
  return value && Object.values(value).some((text) => text.trim()) ? value : undefined;
}

/** The competences the learner has a level or a self-rating in, for the vademecum's summary. */
export function profileSummary(profile: CompetenceProfile): CompetenceProfileRow[] {
  return Object.values(profile.competences)
    .filter((standing) => standing.evidenceLevel > 0 || standing.selfRatedLevel !== null)
    .map((standing) => ({
      code: standing.code,
      level: standing.evidenceLevel > 0 ? standing.evidenceLevel : null,
      selfRatedLevel: standing.selfRatedLevel,
    }));
}
