/**
 * When a failed e-mail is tried again: after 1, 2, 4, 8 … minutes (at most a day), and not
 * after MAX_ATTEMPTS tries; the message then stays in the outbox with its error for an admin.
 */
export const MAX_ATTEMPTS = 10;
const BASE_MS = 60 * 1000;
const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** Whether an unsent message is due for a (new) attempt. */
export function isDue(message: { attempts: number; updatedAt: Date }, now: Date): boolean {
  if (message.attempts === 0) return true;
  if (message.attempts >= MAX_ATTEMPTS) return false;
  return message.updatedAt.getTime() + retryDelayMs(message.attempts) <= now.getTime();
}
