import { z } from "zod";
import { databaseUrl } from "./database-url";

/**
 * The one place that reads the environment. Validated at start-up so a misconfigured server
 * stops with a clear message instead of failing on the first request.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  /** Folder where imported packages are stored (outside public/). */
  CONTENT_DIR: z.string().default("data/content"),
  /** Optional separate origin that serves imported content, e.g. https://content.example.org. */
  CONTENT_ORIGIN: z.string().url().optional(),
  /** Port of the content origin served by the same server (default: PORT + 1). */
  CONTENT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Key that signs content launch tokens; without it a random key is kept next to the database. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** SMTP connection URL for e-mail; without it, mail stays in the outbox for admins. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Vademecum <no-reply@vademecum.test>"),
  /** Public base URL used in e-mail links. */
  PUBLIC_URL: z.string().url().optional(),
  /** "0" keeps this server from running the background jobs (reminders, upload expiry, outbox). */
  BACKGROUND_JOBS: z
    .enum(["0", "1"])
    .default("1")
    .transform((value) => value === "1"),
});

export type Env = z.infer<typeof EnvSchema> & { DATABASE_URL: string };

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid environment:\n${problems.join("\n")}`);
    }
    cached = { ...parsed.data, DATABASE_URL: databaseUrl(process.env) };
  }
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";
