import { pickLanguage, type LangString } from "../i18n/lang-string";
import type { EvidenceKind } from "./evidence";
import type { CompetenceFramework } from "./framework";
import type { Gap, ModuleRecommendation, TargetProfile } from "./gaps";
import type { CompetenceChange, CompetenceProfile, ConfidenceLabel, LevelBasis, LevelSource, SourceStatus } from "./profile";

/**
 * A learner's profile as the pages show it: names in the reader's language, competences grouped
 * by area, each with its target, and every source with the module it came from.
 */
export interface ProfileView {
  framework: { key: string; title: string; levels: { level: number; name: string }[] };
  computedAt: string;
  areas: { code: string; name: string; competences: CompetenceView[] }[];
}

export interface CompetenceView {
  code: string;
  name: string;
  evidenceLevel: number;
  selfRatedLevel: number | null;
  basis: LevelBasis;
  confidence: ConfidenceLabel;
  targetLevel: number | null;
  sources: SourceView[];
}

export interface SourceView {
  kind: EvidenceKind;
  status: SourceStatus;
  occurredAt: string;
  recordedLevel: number;
  countedLevel: number;
  /** The module's title for module and score records. */
  title?: string;
  /** The course to link to. */
  courseId?: string;
  score?: { scaled: number; mastery: number };
}

/** What the view knows about a module that gave evidence, by package id. */
export type ModuleIndex = ReadonlyMap<string, { title: string; courseId: string }>;

export function localText(value: LangString | undefined, language: string): string {
  return pickLanguage(value, [language])?.text ?? "";
}

function sourceView(source: LevelSource, modules: ModuleIndex): SourceView {
  const module = modules.get(source.source.id);
  return {
    kind: source.kind,
    status: source.status,
    occurredAt: source.occurredAt.toISOString(),
    recordedLevel: source.recordedLevel,
    countedLevel: source.countedLevel,
    ...(module ? { title: module.title, courseId: module.courseId } : source.source.title ? { title: source.source.title } : {}),
    ...(source.score ? { score: source.score } : {}),
  };
}

export function profileView(
  framework: CompetenceFramework,
  profile: CompetenceProfile,
  target: TargetProfile | null,
  modules: ModuleIndex,
  language: string,
): ProfileView {
  return {
    framework: {
      key: framework.key,
      title: localText(framework.title, language),
      levels: framework.levels.map((level) => ({ level: level.level, name: localText(level.name, language) })),
    },
    computedAt: profile.computedAt.toISOString(),
    areas: framework.areas.map((area) => ({
      code: area.code,
      name: localText(area.name, language),
      competences: framework.competences
        .filter((competence) => competence.areaCode === area.code)
        .map((competence): CompetenceView => {
          const standing = profile.competences[competence.code];
          return {
            code: competence.code,
            name: localText(competence.name, language),
            evidenceLevel: standing?.evidenceLevel ?? 0,
            selfRatedLevel: standing?.selfRatedLevel ?? null,
            basis: standing?.basis ?? "none",
            confidence: standing?.confidenceLabel ?? "none",
            targetLevel: target?.levels[competence.code] ?? null,
            sources: (standing?.sources ?? []).map((source) => sourceView(source, modules)),
          };
        }),
    })),
  };
}

export interface ChangeView {
  code: string;
  name: string;
  direction: CompetenceChange["direction"];
  evidenceLevel: { from: number; to: number };
  selfRatedLevel: { from: number | null; to: number | null };
  reason?: CompetenceChange["reason"];
  newSources: SourceView[];
}

export function changeViews(
  changes: readonly CompetenceChange[],
  framework: CompetenceFramework,
  modules: ModuleIndex,
  language: string,
): ChangeView[] {
  const names = new Map(framework.competences.map((competence) => [competence.code, localText(competence.name, language)]));
  return changes.map((change) => ({
    code: change.code,
    name: names.get(change.code) ?? change.code,
    direction: change.direction,
    evidenceLevel: change.evidenceLevel,
    selfRatedLevel: change.selfRatedLevel,
    ...(change.reason ? { reason: change.reason } : {}),
    newSources: change.newSources.map((source) => sourceView(source, modules)),
  }));
}

export interface GapView extends Gap {
  name: string;
}

export interface RecommendationView {
  courseId: string;
  title: string;
  learningTimeMinutes: number | null;
  closes: { code: string; name: string; fromLevel: number; toLevel: number }[];
}

export function gapViews(gaps: readonly Gap[], framework: CompetenceFramework, language: string): GapView[] {
  const names = new Map(framework.competences.map((competence) => [competence.code, localText(competence.name, language)]));
  return gaps.map((gap) => ({ ...gap, name: names.get(gap.code) ?? gap.code }));
}

export function recommendationViews(
  recommendations: readonly ModuleRecommendation[],
  courses: ReadonlyMap<string, { courseId: string; title: string }>,
  framework: CompetenceFramework,
  language: string,
): RecommendationView[] {
  const names = new Map(framework.competences.map((competence) => [competence.code, localText(competence.name, language)]));
  return recommendations.flatMap((recommendation) => {
    const course = courses.get(recommendation.moduleId);
    if (!course) return [];
    return [
      {
        courseId: course.courseId,
        title: course.title,
        learningTimeMinutes: recommendation.learningTimeMinutes ?? null,
        closes: recommendation.closes.map((close) => ({ ...close, name: names.get(close.code) ?? close.code })),
      },
    ];
  });
}
