import type { LangString } from "../i18n/lang-string";
import type { PackageKind } from "../standards/detect";
import type { ContentPackage } from "../standards/content-packaging/package";
import type { UnitOfLearning } from "../standards/learning-design/model";
import type { LomRecord } from "../standards/lom/model";
import type { PackageAssessmentItem } from "./validate.server";

/**
 * The normalized model of an imported package, stored as JSON with each version. Players,
 * progress and reports read this; none of them ever reads XML.
 */
export interface PackageModel {
  formatVersion: 1;
  kind: PackageKind;
  identifier: string;
  title: LangString;
  /** The language of the default content files. */
  defaultLanguage: string;
  /** Languages the content comes in (content/<lang>/ folders), default first when known. */
  languages: string[];
  lom: LomRecord | null;
  /** Manifest structure: organizations, items, resources, SCORM attributes and sequencing. */
  contentPackage: ContentPackage | null;
  learningDesign: UnitOfLearning | null;
  assessmentItems: PackageAssessmentItem[];
}
