import type { Db } from "../../utils/db.server";
import { compileVademecum } from "./compile";
import type { VademecumDocument } from "./document";
import { learnerVademecumInput, organisationVademecumInput } from "./input.server";
import { downloadFileName, FORMAT_MEDIA_TYPES, type VademecumChoice, type VademecumFormat } from "./options";
import { renderEpub } from "./render-epub.server";
import { renderHtml } from "./render-html";
import { renderPdf } from "./render-pdf.server";

/**
 * Compiles vademecums on request from the current data, so a module completed a moment ago is
 * in the next one; nothing is cached. Returns null when the learner or organisation is unknown.
 */
export async function learnerVademecum(
  db: Db,
  userId: string,
  choice: VademecumChoice,
  languages: string[],
): Promise<VademecumDocument | null> {
  const input = await learnerVademecumInput(db, userId, { ...choice, languages });
  return input ? compileVademecum(input, choice) : null;
}

export async function organisationVademecum(
  db: Db,
  organisationId: string,
  choice: VademecumChoice,
  languages: string[],
): Promise<VademecumDocument | null> {
  const input = await organisationVademecumInput(db, organisationId, { languages });
  return input ? compileVademecum(input, choice) : null;
}

/** A vademecum with no module has nothing to show or download. */
export function isEmptyVademecum(doc: VademecumDocument): boolean {
  return doc.modules.length === 0;
}

export async function renderVademecum(doc: VademecumDocument, format: VademecumFormat): Promise<Buffer> {
  switch (format) {
    case "html":
      return Buffer.from(renderHtml(doc), "utf8");
    case "pdf":
      return renderPdf(doc);
    case "epub":
      return renderEpub(doc);
  }
}

/**
 * The file as a download: an attachment with a safe ASCII name, never cached (it changes as the
 * learner progresses), and kept from being sniffed or framed as a page of this site.
 */
export async function vademecumDownload(
  doc: VademecumDocument,
  format: VademecumFormat,
  choice: VademecumChoice,
): Promise<Response> {
  const file = await renderVademecum(doc, format);
  const name = downloadFileName(doc.reader.name, choice.date, format);
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": FORMAT_MEDIA_TYPES[format],
      "Content-Length": String(file.length),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
