import fs from "node:fs";
import path from "node:path";

/**
 * Test support: a small SCORM 2004 course driven by sequencing, written as a package folder.
 * Three SCOs under a root with flow and choice: a pre-test that writes a shared objective, a
 * lesson skipped (and hidden from choice) when that objective is satisfied, and a check that
 * is retried while it is not passed (a post-condition). Each SCO page initialises the run-time,
 * shows its title and an "I know this" button that passes it, and terminates when unloaded.
 */

export const SEQUENCED_COURSE_TITLE = "Safe passwords";

export const SEQUENCED_SCOS = [
  { id: "pretest", title: "What do you know already?" },
  { id: "lesson", title: "Strong passwords" },
  { id: "check", title: "Check your passwords" },
] as const;

const condition = (name: string, operator = "") =>
  `<imsss:ruleConditions><imsss:ruleCondition condition="${name}"${operator ? ` operator="${operator}"` : ""}/></imsss:ruleConditions>`;

const SEQUENCING: Record<(typeof SEQUENCED_SCOS)[number]["id"], string> = {
  pretest: `<imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="knows-passwords">
              <imsss:mapInfo targetObjectiveID="g-knows-passwords" readSatisfiedStatus="false" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>`,
  lesson: `<imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:preConditionRule>${condition("satisfied")}<imsss:ruleAction action="skip"/></imsss:preConditionRule>
            <imsss:preConditionRule>${condition("satisfied")}<imsss:ruleAction action="hiddenFromChoice"/></imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="knows-passwords">
              <imsss:mapInfo targetObjectiveID="g-knows-passwords" readSatisfiedStatus="true" writeSatisfiedStatus="false"/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>`,
  check: `<imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:postConditionRule>${condition("satisfied", "not")}<imsss:ruleAction action="retry"/></imsss:postConditionRule>
          </imsss:sequencingRules>
        </imsss:sequencing>`,
};

function manifest(): string {
  const items = SEQUENCED_SCOS.map(
    (sco) => `
      <item identifier="${sco.id}" identifierref="r-${sco.id}">
        <title>${sco.title}</title>
        ${SEQUENCING[sco.id]}
      </item>`,
  ).join("");
  const resources = SEQUENCED_SCOS.map(
    (sco) => `
    <resource identifier="r-${sco.id}" type="webcontent" adlcp:scormType="sco" href="${sco.id}.html"><file href="${sco.id}.html"/></resource>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vademecum-sequenced-sample" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${SEQUENCED_COURSE_TITLE}</title>${items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>${resources}
  </resources>
</manifest>
`;
}

function scoPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<button type="button" id="pass">I know this</button>
<p id="saved"></p>
<script>
var api = window.parent.API_1484_11;
api.Initialize("");
document.getElementById("pass").addEventListener("click", function () {
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.score.scaled", "0.9");
  api.Commit("");
  document.getElementById("saved").textContent = "Passed";
});
window.addEventListener("pagehide", function () {
  api.Terminate("");
});
</script>
</body>
</html>
`;
}

/** Writes the package into `dir` (created) and returns it. */
export function writeSequencedPackage(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "imsmanifest.xml"), manifest());
  for (const sco of SEQUENCED_SCOS) fs.writeFileSync(path.join(dir, `${sco.id}.html`), scoPage(sco.title));
  return dir;
}
