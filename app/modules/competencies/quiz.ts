/** A knowledge item as scoring sees it: which competence, at which level, which answer is right. */
export interface ScorableItem {
  id: string;
  competence: string;
  /** The proficiency level whose knowledge the item checks. */
  level: number;
  correctOptionId: string;
}

/** Option ids chosen, by item id; an item left out was not answered. */
export type QuizAnswers = Readonly<Record<string, string | undefined>>;

export interface QuizOutcome {
  competence: string;
  /** The level the answers show (0 = none): see scoreKnowledgeItems. */
  level: number;
  correct: number;
  answered: number;
  total: number;
}

/**
 * Turns answered knowledge items into a level per competence. The learner climbs the items'
 * levels from the lowest: a level is shown when every item at that level and below was answered
 * correctly, and the first wrong or unanswered item stops the climb. So a lucky guess on a harder
 * item cannot make up for a wrong answer on an easier one, and a quiz never shows a level higher
 * than its hardest item. Competences with no answered item get no outcome: skipping says nothing.
 */
export function scoreKnowledgeItems(items: readonly ScorableItem[], answers: QuizAnswers): QuizOutcome[] {
  const byCompetence = new Map<string, ScorableItem[]>();
  for (const item of items) {
    const list = byCompetence.get(item.competence) ?? [];
    list.push(item);
    byCompetence.set(item.competence, list);
  }
  const outcomes: QuizOutcome[] = [];
  for (const [competence, competenceItems] of byCompetence) {
    const answered = competenceItems.filter((item) => answers[item.id] !== undefined).length;
    if (answered === 0) continue;
    const isCorrect = (item: ScorableItem) => answers[item.id] === item.correctOptionId;
    const correct = competenceItems.filter(isCorrect).length;
    const levels = [...new Set(competenceItems.map((item) => item.level))].sort((a, b) => a - b);
    let level = 0;
    for (const candidate of levels) {
      if (!competenceItems.filter((item) => item.level === candidate).every(isCorrect)) break;
      level = candidate;
    }
    outcomes.push({ competence, level, correct, answered, total: competenceItems.length });
  }
  return outcomes;
}
