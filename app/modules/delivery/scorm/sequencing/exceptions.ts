/**
 * The exception codes of the SCORM 2004 4th edition Sequencing and Navigation (SN) book, each
 * named after the process that raises it (NB = navigation request, TB = termination request,
 * SB = sequencing request and its subprocesses, DB = delivery request), with a plain
 * explanation a learner-facing message or a log can use.
 */
export const SEQUENCING_EXCEPTIONS = {
  "NB.2.1-1": "The sequencing session has already begun, so it cannot be started or resumed again.",
  "NB.2.1-2": "The sequencing session has not begun: there is no current activity.",
  "NB.2.1-3": "There is no suspended activity to resume.",
  "NB.2.1-4": "Flow navigation is not allowed here: the parent's controlMode has flow=\"false\", or the current activity is the root.",
  "NB.2.1-5": "Moving backward is not allowed: the parent's controlMode has flow=\"false\" or forwardOnly=\"true\".",
  "NB.2.1-6": "Cannot move backward from the root of the activity tree.",
  "NB.2.1-8": "Leaving the current activity by choice is not allowed: an active ancestor has choiceExit=\"false\".",
  "NB.2.1-10": "Choosing this activity is not allowed: its parent's controlMode has choice=\"false\".",
  "NB.2.1-11": "The chosen activity does not exist in the activity tree.",
  "NB.2.1-12": "The current activity has already been terminated.",
  "NB.2.1-13": "The navigation request is not one the SCORM 2004 sequencer knows.",
  "TB.2.3-1": "There is no current activity to terminate.",
  "TB.2.3-3": "There is nothing to suspend: the root activity is not active.",
  "TB.2.3-4": "An exitParent post-condition cannot leave the root of the activity tree.",
  "SB.2.1-2": "The cluster has no available children to flow into.",
  "SB.2.1-3": "The beginning of the course has been reached: there is no previous activity.",
  "SB.2.1-4": "Moving backward is not allowed: the parent's controlMode has forwardOnly=\"true\".",
  "SB.2.2-1": "Flow is not allowed: the parent's controlMode has flow=\"false\".",
  "SB.2.2-2": "The activity cannot be delivered: it is disabled or its attempt limit has been reached.",
  "SB.2.4-1": "A stopForwardTraversal pre-condition blocks choosing an activity beyond this one.",
  "SB.2.4-2": "Choosing an earlier activity is not allowed: the parent's controlMode has forwardOnly=\"true\".",
  "SB.2.4-3": "Cannot traverse backward from the root of the activity tree.",
  "SB.2.5-1": "The sequencing session has already begun.",
  "SB.2.6-1": "The sequencing session has already begun, so it cannot be resumed.",
  "SB.2.6-2": "There is no suspended activity to resume.",
  "SB.2.7-1": "The sequencing session has not begun: there is no current activity to continue from.",
  "SB.2.7-2": "Flow is not allowed: the parent's controlMode has flow=\"false\".",
  "SB.2.8-1": "The sequencing session has not begun: there is no current activity to go back from.",
  "SB.2.8-2": "Flow is not allowed: the parent's controlMode has flow=\"false\".",
  "SB.2.9-1": "The chosen activity does not exist in the activity tree.",
  "SB.2.9-2": "The chosen activity is not available: it was not selected for this attempt.",
  "SB.2.9-3": "The chosen activity, or one of its ancestors, is hidden from choice.",
  "SB.2.9-4": "Choosing this activity is not allowed: its parent's controlMode has choice=\"false\".",
  "SB.2.9-6": "Choosing this activity is not allowed: preventActivation forbids starting a new attempt on it by choice.",
  "SB.2.9-7": "Leaving the current activity by choice is not allowed: an active ancestor has choiceExit=\"false\".",
  "SB.2.9-8": "Choosing this activity is not allowed: constrainChoice only permits the next or previous activity.",
  "SB.2.9-9": "The chosen cluster has nothing to deliver.",
  "SB.2.10-1": "The sequencing session has not begun: there is no current activity to retry.",
  "SB.2.10-2": "The activity to retry is still active or suspended.",
  "SB.2.10-3": "The retried cluster has nothing to deliver.",
  "SB.2.11-1": "The sequencing session has not begun: there is no current activity to exit.",
  "DB.1.1-1": "Only a leaf activity (one that launches content) can be delivered.",
  "DB.1.1-3": "The activity cannot be delivered: it or an ancestor is disabled or has reached its attempt limit.",
} as const;

export type SequencingExceptionCode = keyof typeof SEQUENCING_EXCEPTIONS;

/** The plain explanation of an SN exception code. */
export function explainException(code: SequencingExceptionCode): string {
  return SEQUENCING_EXCEPTIONS[code];
}
