import { env } from "../../utils/env.server";

/** The address links in e-mails start with: PUBLIC_URL, else the address the request came to. */
export function publicBaseUrl(request: Request): string {
  return env().PUBLIC_URL ?? new URL(request.url).origin;
}
