import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../../../utils/env.server";
import type { ScormVersion } from "./cmi";

/**
 * Launch tokens: the only credential of the content origin. A token names one enrolment, one
 * SCO item and the package folder, carries the app origin allowed to frame the content and an
 * expiry, and is signed with HMAC-SHA256. Cookies never authorise anything on that origin.
 */
export interface LaunchClaims {
  /** Enrolment id. */
  e: string;
  /** Item (or resource) identifier of the SCO. */
  i: string;
  /** CoursePackage.storageKey: the folder files are served from. */
  k: string;
  /** Package id, to read the item's attributes at launch. */
  p: string;
  v: ScormVersion;
  /** The app origin that frames the launcher and receives its messages. */
  o: string;
  /** Expiry, seconds since the epoch. */
  x: number;
}

export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

let secret: Buffer | undefined;

/**
 * SESSION_SECRET when set; otherwise a random secret generated once and kept next to the
 * database, so that every worker process and every restart signs with the same key.
 */
export function launchSecret(): Buffer {
  if (secret) return secret;
  const configured = env().SESSION_SECRET;
  if (configured) {
    secret = Buffer.from(configured, "utf8");
    return secret;
  }
  const databaseFile = env().DATABASE_URL.replace(/^file:/, "").split("?")[0];
  const file = path.join(path.dirname(path.resolve(databaseFile)), "launch-secret");
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  secret = Buffer.from(fs.readFileSync(file, "utf8").trim(), "utf8");
  return secret;
}

function mac(body: string): string {
  return crypto.createHmac("sha256", launchSecret()).update(body).digest("base64url");
}

export function signLaunchToken(claims: Omit<LaunchClaims, "x">, now = Date.now()): string {
  const full: LaunchClaims = { ...claims, x: Math.floor(now / 1000) + TOKEN_LIFETIME_SECONDS };
  const body = Buffer.from(JSON.stringify(full)).toString("base64url");
  return `${body}.${mac(body)}`;
}

/** The claims of a genuine, unexpired token; null for anything else. */
export function verifyLaunchToken(token: string | undefined, now = Date.now()): LaunchClaims | null {
  if (!token || token.length > 2048) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as LaunchClaims;
    if (typeof claims.x !== "number" || claims.x * 1000 < now) return null;
    if (claims.v !== "1.2" && claims.v !== "2004") return null;
    return claims;
  } catch {
    return null;
  }
}
