import type { ItemGroup, PropertyValue } from "../../standards/learning-design/model";

/**
 * The state of one run of a unit of learning, as plain JSON: the caller stores it and hands it
 * back to the engine's pure functions, which return a new state and the events it should act on.
 * Times are ISO 8601 strings.
 */
export interface RunState {
  startedAt: string;
  /** userId → the roles the person was given (sub-roles imply their parent roles). */
  roles: Record<string, string[]>;
  /** userId → activity or activity-structure identifier → when the person opened and completed it. */
  activities: Record<string, Record<string, { startedAt?: string; completedAt?: string }>>;
  /** userId → role-part identifier → when the person completed it. */
  roleParts: Record<string, Record<string, string>>;
  /** Acts and plays are shared by everyone in the run: the next act starts for all at once. */
  acts: Record<string, { startedAt: string; completedAt?: string }>;
  plays: Record<string, { startedAt: string; completedAt?: string }>;
  unitCompletedAt: string | null;
  properties: PropertyStore;
  /** userId → show/hide decisions of conditions, by element identifier or "class:<name>". */
  visibility: Record<string, Record<string, boolean>>;
  /** userId → condition number → the branch taken last time ("then", "else", "else-if:…", "none"). */
  conditionOutcomes: Record<string, Record<string, string>>;
  /** roleId → activities that notifications made available to that role. */
  available: Record<string, string[]>;
  notifications: DeliveredNotification[];
}

/**
 * Property values by scope. glob and globpers values outlive the run: a caller that keeps them
 * elsewhere copies them in before and out after each call.
 */
export interface PropertyStore {
  loc: Record<string, PropertyValue>;
  locpers: Record<string, Record<string, PropertyValue>>;
  locrole: Record<string, Record<string, PropertyValue>>;
  globpers: Record<string, Record<string, PropertyValue>>;
  glob: Record<string, PropertyValue>;
}

export type CompletableElement =
  | "learning-activity"
  | "support-activity"
  | "activity-structure"
  | "role-part"
  | "act"
  | "play"
  | "unit-of-learning";

/** A level C notification as delivered: the caller turns it into inbox messages (and e-mail). */
export interface DeliveredNotification {
  id: string;
  at: string;
  subject: string | null;
  /** Everyone who receives it, with the role they receive it for. */
  recipients: { userId: string; roleRef: string }[];
  roleRefs: string[];
  /** The activity it made available to those roles, if any. */
  activity: { kind: "learning-activity" | "support-activity"; ref: string } | null;
  /** Properties that hold recipients' e-mail addresses, as named by email-data. */
  emailPropertyRefs: string[];
  /** What caused it: the completion of an element (by a person, or by the run), or a condition. */
  trigger: { kind: CompletableElement | "condition"; identifier: string; userId: string | null };
}

export type RunEvent =
  | { kind: "completed"; element: CompletableElement; identifier: string; userId: string | null; at: string }
  | { kind: "feedback"; element: CompletableElement; identifier: string; userId: string | null; feedback: ItemGroup }
  | { kind: "notification"; notification: DeliveredNotification }
  | { kind: "warning"; code: string; message: string };

export type RunResult =
  | { ok: true; state: RunState; events: RunEvent[] }
  | { ok: false; code: string; message: string };
