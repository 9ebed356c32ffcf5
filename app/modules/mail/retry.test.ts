import { describe, expect, it } from "vitest";
import { mailLanguage } from "./language";
import { isDue, MAX_ATTEMPTS, retryDelayMs } from "./retry";

describe("retrying e-mail", () => {
  it("waits longer after each failure, up to a day", () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(240_000);
    expect(retryDelayMs(30)).toBe(86_400_000);
  });

  it("is due when new, or when the wait after the last failure is over", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(isDue({ attempts: 0, updatedAt: now }, now)).toBe(true);
    expect(isDue({ attempts: 1, updatedAt: new Date(now.getTime() - 59_000) }, now)).toBe(false);
    expect(isDue({ attempts: 1, updatedAt: new Date(now.getTime() - 60_000) }, now)).toBe(true);
    expect(isDue({ attempts: MAX_ATTEMPTS, updatedAt: new Date(0) }, now)).toBe(false);
  });
});

describe("the language of an e-mail", () => {
  it("follows the recipient, then the organisation's country, then English", () => {
    expect(mailLanguage({ locale: "en", country: "IT" }, ["en", "it"])).toBe("en");
    expect(mailLanguage({ locale: null, country: "it" }, ["en", "it"])).toBe("it");
    expect(mailLanguage({ locale: null, country: "DE" }, ["en", "it"])).toBe("en");
    expect(mailLanguage({}, ["en", "it"])).toBe("en");
  });
});
