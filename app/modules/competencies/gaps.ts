import { standingOf, type CompetenceProfile } from "./profile";

/** The levels a role or a person should reach, e.g. "peer-support expert": 2.1 → 3, 4.2 → 4. */
export interface TargetProfile {
  /** Framework key, e.g. "DigComp 2.2". */
  framework: string;
  name?: string;
  /** Target level by competence code; competences left out have no target. */
  levels: Record<string, number>;
}

export interface Gap {
  code: string;
  targetLevel: number;
  /** What the evidence shows; only this closes a gap. */
  evidenceLevel: number;
  /** targetLevel − evidenceLevel, always at least 1. */
  size: number;
  /** Shown beside the gap; it never closes it. */
  selfRatedLevel: number | null;
  /**
   * True when the learner rates themselves at or above the target: the gap may be one of
   * evidence rather than skill, and a quiz or assessment is the quickest way to close it.
   */
  selfRatingMeetsTarget: boolean;
}

/**
 * The open gaps of a profile against a target, biggest first (then in the target's order).
 * A gap is the target level minus the evidence-based level; self-ratings are shown beside it.
 */
export function computeGaps(profile: CompetenceProfile, target: TargetProfile): Gap[] {
  if (profile.framework !== target.framework) {
    throw new Error(`The profile is in ${profile.framework} but the target in ${target.framework}`);
  }
  const gaps: Gap[] = [];
  for (const [code, targetLevel] of Object.entries(target.levels)) {
    const standing = standingOf(profile, code);
    const size = targetLevel - standing.evidenceLevel;
    if (size <= 0) continue;
    gaps.push({
      code,
      targetLevel,
      evidenceLevel: standing.evidenceLevel,
      size,
      selfRatedLevel: standing.selfRatedLevel,
      selfRatingMeetsTarget: standing.selfRatedLevel !== null && standing.selfRatedLevel >= targetLevel,
    });
  }
  return gaps
    .map((gap, order) => ({ gap, order }))
    .sort((a, b) => b.gap.size - a.gap.size || a.order - b.order)
    .map(({ gap }) => gap);
}

/** A module that can be recommended: the competences it develops and the level it aims at. */
export interface ModuleOffer {
  id: string;
  competences: { code: string; targetLevel: number }[];
  learningTimeMinutes?: number;
  completed?: boolean;
}

export interface ModuleRecommendation {
  moduleId: string;
  /** The gaps it closes (fully or in part), given the modules recommended before it. */
  closes: { code: string; fromLevel: number; toLevel: number }[];
  /** The number of levels it closes, summed over its competences. */
  levelsClosed: number;
  learningTimeMinutes?: number;
}

/**
 * Orders modules so that following the list closes the gaps fastest. Each step picks the module
 * that closes the most levels of what is still open (a module aimed at level 3 closes a gap
 * from 1 to 4 only up to 3); ties go to the shorter module (unknown length last), then to the
 * module listed first. Completed modules, and modules that close nothing left open, are not listed.
 */
export function recommendModules(gaps: readonly Gap[], modules: readonly ModuleOffer[]): ModuleRecommendation[] {
  const open = new Map(gaps.map((gap) => [gap.code, { reached: gap.evidenceLevel, target: gap.targetLevel }]));
  const candidates = modules.filter((module) => !module.completed);
  const picked = new Set<number>();
  const recommendations: ModuleRecommendation[] = [];

  const closesOf = (module: ModuleOffer) => {
    const closes: ModuleRecommendation["closes"] = [];
    for (const { code, targetLevel } of module.competences) {
      const gap = open.get(code);
      if (!gap) continue;
      const toLevel = Math.min(targetLevel, gap.target);
      if (toLevel > gap.reached) closes.push({ code, fromLevel: gap.reached, toLevel });
    }
    return closes;
  };
  const length = (module: ModuleOffer) => module.learningTimeMinutes ?? Number.POSITIVE_INFINITY;

  for (;;) {
    let best: { index: number; closes: ModuleRecommendation["closes"]; levels: number } | undefined;
    candidates.forEach((module, index) => {
      if (picked.has(index)) return;
      const closes = closesOf(module);
      const levels = closes.reduce((sum, close) => sum + close.toLevel - close.fromLevel, 0);
      if (levels === 0) return;
      if (
        !best ||
        levels > best.levels ||
        (levels === best.levels && length(module) < length(candidates[best.index]))
      ) {
        best = { index, closes, levels };
      }
    });
    if (!best) break;
    const module = candidates[best.index];
    picked.add(best.index);
    for (const close of best.closes) open.get(close.code)!.reached = close.toLevel;
    recommendations.push({
      moduleId: module.id,
      closes: best.closes,
      levelsClosed: best.levels,
      ...(module.learningTimeMinutes !== undefined ? { learningTimeMinutes: module.learningTimeMinutes } : {}),
    });
  }
  return recommendations;
}
