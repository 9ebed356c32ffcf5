import type { FlatCmi, ScormVersion } from "./cmi";

export interface LauncherView {
  title: string;
  language: string;
  /** Relative to the launcher's URL, percent-encoded. */
  scoPath: string;
  config: {
    version: ScormVersion;
    /** Key of the attempt in the tab's sessionStorage (enrolment and item). */
    attempt: string;
    sequence: number;
    cmi: FlatCmi;
    writable: string[];
    commitUrl: string;
    appOrigin: string;
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The launcher page of the content origin. Its scripts come from the same origin, its data
 * from a JSON block (nothing inline runs), and the SCO is framed below it so that it finds
 * the run-time API in its parent window.
 */
export function renderLauncher(view: LauncherView): string {
  const data = JSON.stringify(view.config).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(view.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>html,body{margin:0;height:100%;background:#fff}iframe{display:block;border:0;width:100%;height:100%}</style>
<script type="application/json" id="launch-data">${data}</script>
<script src="__scorm-again.js"></script>
<script src="__launcher.js"></script>
</head>
<body>
<iframe id="sco" title="${escapeHtml(view.title)}" src="${escapeHtml(view.scoPath)}" allow="fullscreen"></iframe>
</body>
</html>
`;
}
