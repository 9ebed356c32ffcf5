import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { sendOutbox, smtpTransport } from "../mail/outbox.server";
import { expireUploads } from "../packages/import-jobs.server";
import { runReminders } from "./reminders.server";

/**
 * Background jobs of the server: reminders and the removal of expired uploads every hour, the
 * outbox every minute when SMTP is configured. They run in one thread only: server.js starts them
 * in its first render thread and sets BACKGROUND_JOBS=0 for the others (set it to 0 for every
 * server but one when several serve the same database). All are safe to run in several places
 * at once (reminders are keyed, e-mails and expired uploads are claimed before they are acted
 * on), so the guard saves work, it does not protect data. `npm run -s cli -- reminders`, `uploads` and `mail send` run the same jobs by hand or
 * from cron.
 */
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

const state = globalThis as unknown as { __vademecumJobs?: boolean };

export function startBackgroundJobs(): void {
  if (state.__vademecumJobs || env().NODE_ENV === "test") return;
  state.__vademecumJobs = true;
  if (!env().BACKGROUND_JOBS) return;
  const baseUrl = env().PUBLIC_URL;
  const hourly = () => {
    runReminders(db, new Date(), { baseUrl }).catch((error: unknown) => console.error("Reminders failed:", error));
    expireUploads(db, env().CONTENT_DIR).catch((error: unknown) => console.error("Removing expired uploads failed:", error));
  };
  setTimeout(hourly, MINUTE_MS).unref();
  setInterval(hourly, HOUR_MS).unref();
  const transport = smtpTransport();
  if (transport) {
    setInterval(() => {
      sendOutbox(db, transport, new Date()).catch((error: unknown) => console.error("Sending e-mail failed:", error));
    }, MINUTE_MS).unref();
  }
}
