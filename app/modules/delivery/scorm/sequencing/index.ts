/**
 * SCORM 2004 4th edition Sequencing and Navigation: a pure engine over JSON state. The player
 * builds the activity tree once per organization, keeps a SequencingState per learner, calls
 * navigate() for each navigation request and reportAttempt() with each SCO's run-time data.
 */
export { buildActivityTree, PRIMARY_OBJECTIVE, type Activity, type ActivityTree, type ObjectiveDefinition } from "./activity-tree";
export { explainException, SEQUENCING_EXCEPTIONS, type SequencingExceptionCode } from "./exceptions";
export {
  navigate,
  type DeliveryRequest,
  type NavigationRequest,
  type NavigationRequestType,
  type NavigationResult,
  type SequencingRequest,
  type TerminationRequest,
} from "./navigation";
export { availableChoices, navigationButtons, rootStatus, type ChoiceEntry, type RootStatus } from "./presentation";
export { reportAttempt, type RuntimeReport } from "./rollup";
export { initialState, type ActivityState, type ObjectiveProgress, type SequencingState, type TrackingModel } from "./tracking";
