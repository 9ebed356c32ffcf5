import { db } from "../../../utils/db.server";
import { commitScorm } from "./commit.server";
import { verifyLaunchToken } from "./token.server";

/** The largest Commit/Terminate body taken (the CMI of a SCO is far smaller). */
export const MAX_COMMIT_BYTES = 2 * 1024 * 1024;

export interface CommitAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** The answer to a body over MAX_COMMIT_BYTES (refused before reading it when its length is declared). */
export const TOO_LARGE: CommitAnswer = { status: 413, headers: HEADERS, body: { ok: false, error: { code: 0, problem: "too-large" } } };

/**
 * POST /content/<token>/__commit: a SCO's Commit or Terminate, authorised by the signed launch
 * token alone (the content origin gets no cookies). Both the Remix route and, in production,
 * server.js (which answers it before the Remix request pipeline: it is the most frequent
 * request of a class at work) call this.
 */
export async function answerCommit(token: string | undefined, body: string): Promise<CommitAnswer> {
  const claims = verifyLaunchToken(token);
  if (!claims) {
    return {
      status: 403,
      headers: HEADERS,
      body: { ok: false, error: { code: 0, problem: "launch-expired", message: "This link has expired or is not valid. Open the course again from the platform." } },
    };
  }
  if (Buffer.byteLength(body) > MAX_COMMIT_BYTES) return TOO_LARGE;
  const outcome = await commitScorm(db, claims, body);
  if (!outcome.ok) return { status: outcome.status, headers: HEADERS, body: { ok: false, error: outcome.error } };
  return { status: 200, headers: HEADERS, body: { ok: true, sequence: outcome.sequence, late: outcome.late, progress: outcome.progress, navigation: outcome.navigation } };
}
