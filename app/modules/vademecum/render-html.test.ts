import { describe, expect, it } from "vitest";
import { compileVademecum, type VademecumInput } from "./compile";
import { SECURE_MESSAGING, sampleInput } from "./fixtures";
import { renderHtml } from "./render-html";

function render(input: VademecumInput = sampleInput("it"), date = "2025-03-14"): string {
  return renderHtml(compileVademecum(input, { includeInProgress: true, date }));
}

/** The element with this id, as written in the file. */
function elementWithId(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z0-9]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0];
}

describe("renderHtml", () => {
  it("writes one self-contained HTML5 file in the reader's language", () => {
    const html = render();
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"it\">")).toBe(true);
    expect(html).toContain("<title>Il mio vademecum digitale — Maria Rossi</title>");
    expect(html).not.toMatch(/<script|<link |<iframe|@import|url\(/i);
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(html).toContain("default-src 'none'");
  });

  it("prints on A4 with each area starting a new page", () => {
    const html = render();
    expect(html).toContain("@page { size: A4;");
    expect(html).toMatch(/@media print \{[^]*\.area[^{]*\{ break-before: page; \}/);
  });

  it("has landmarks, one h1 and a table of contents whose links all lead somewhere", () => {
    const html = render();
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<nav class="contents" id="contents" aria-labelledby="contents-title">');
    expect(html).toContain('<main id="main">');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(15);
    for (const target of targets) expect(elementWithId(html, target), target).toBeDefined();
  });

  it("marks entries shown in another language with a lang attribute and a note", () => {
    const html = render();
    expect(html).toContain('<h4 id="e-guide-verify-safety-number-title" lang="en">Verify a safety number</h4>');
    expect(html).toMatch(/id="e-guide-verify-safety-number"[^]*?<span class="badge badge-language">Mostrato in inglese<\/span>/);
    expect(html).toContain('<ol class="list-steps" lang="en">');
    expect(html).toContain('<h4 id="e-tool-signal-title">Signal</h4>');
  });

  it("shows a shared tool card once, citing both modules", () => {
    const html = render();
    expect(html.match(/<article [^>]*id="e-tool-signal"/g)).toHaveLength(1);
    expect(html).toContain(
      "<cite>Messaggistica sicura con le persone seguite</cite>; <cite>Outreach online con i giovani</cite>",
    );
  });

  it("marks what comes from modules still in progress", () => {
    const html = render();
    expect(html).toContain('<article class="entry entry-tool in-progress" id="e-tool-jitsi"');
    expect(html).toMatch(/id="e-tool-jitsi"[^]*?<span class="badge badge-progress">In corso<\/span>/);
  });

  it("keeps embedded images and drops remote ones and scripts", () => {
    const html = render();
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).not.toContain("tracker.example");
    expect(html).not.toContain("alert(1)");
  });

  it("sanitizes authored markup again, whatever the import let through", () => {
    const input = sampleInput("en");
    input.modules = [
      {
        ...SECURE_MESSAGING,
        entries: [
          {
            key: "takeaway-hostile",
            kind: "takeaway",
            competence: "2.1",
            content: {
              en: {
                title: "Hostile <b>title</b>",
                body: '<p onclick="steal()">Read <a href="javascript:steal()">this</a></p><style>body{}</style><iframe src="https://evil.example"></iframe><img src="https://evil.example/x.png" onerror="steal()"><svg><script>steal()</script></svg>',
              },
            },
          },
        ],
      },
    ];
    const html = render(input);
    expect(html).not.toMatch(/steal|evil\.example|onclick|<iframe|<svg/);
    expect(html).toContain("<h4 id=\"e-takeaway-hostile-title\">Hostile &lt;b&gt;title&lt;/b&gt;</h4>");
    expect(html).toContain("<p>Read <a rel=\"noopener noreferrer\">this</a></p>");
  });

  it("contains the profile, the glossary and the tool index", () => {
    const html = render();
    expect(html).toContain('<th scope="row"><span class="competence-code">2.1</span> Interagire con gli altri attraverso le tecnologie digitali</th>');
    expect(html).toContain("<td>4 · Intermedio</td>");
    expect(html).toContain('<dt id="e-glossary-e2ee">');
    expect(html).toMatch(/<a href="#e-tool-signal">Signal<\/a> <span class="tool-section">— <a href="#area-2">/);
  });

  it("is the same text for the same input, and states a different date", () => {
    expect(render()).toBe(render());
    const later = render(sampleInput("it"), "2025-04-01");
    expect(later).not.toBe(render());
    expect(later).toContain("Compilato il 1 aprile 2025");
  });
});
