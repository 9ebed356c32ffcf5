import { describe, expect, it } from "vitest";
import { signIn } from "../../app/modules/auth/accounts.server";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES, DEMO_PASSWORD, SeedRefusedError, seedDemoAccounts } from "../../app/modules/platform/seed.server";
import { prepareInstallation } from "../../app/modules/platform/setup.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();

describe("the seed", () => {
  it("refuses demo accounts in production unless asked with SEED_DEMO=1", async () => {
    await expect(seedDemoAccounts(database.db, { NODE_ENV: "production" })).rejects.toThrow(SeedRefusedError);
    await prepareInstallation(database.db, { NODE_ENV: "production" }, { contentDir: `${database.dir}/content` });
    await expect(database.db.user.count()).resolves.toBe(0);
  });

  it("creates the demo organisation, accounts and colleagues once, and keeps what users changed", async () => {
    await prepareInstallation(database.db, { NODE_ENV: "production", SEED_DEMO: "1" }, { contentDir: `${database.dir}/content` });
    const learner = await database.db.user.update({
      where: { email: "learner@vademecum.test" },
      data: { name: "Renamed by the learner" },
    });
    const second = await seedDemoAccounts(database.db, { NODE_ENV: "development" });
    expect(second.created).toEqual([]);
    await expect(database.db.user.count()).resolves.toBe(DEMO_ACCOUNTS.length + DEMO_COLLEAGUES.length);
    await expect(database.db.user.findUniqueOrThrow({ where: { id: learner.id } })).resolves.toMatchObject({
      name: "Renamed by the learner",
    });
    const organisation = await database.db.organisation.findUniqueOrThrow({
      where: { slug: "cooperativa-demo" },
      include: { memberships: { include: { user: true } } },
    });
    expect(organisation.name).toBe("Cooperativa Demo");
    expect(
      Object.fromEntries(organisation.memberships.map((m) => [m.user.email, m.role])),
    ).toEqual({
      "learner@vademecum.test": "learner",
      "author@vademecum.test": "author",
      "manager@vademecum.test": "manager",
      "admin@vademecum.test": "learner",
      "giulia.ferri@vademecum.test": "learner",
      "samir.haddad@vademecum.test": "learner",
      "paolo.conti@vademecum.test": "learner",
    });
    for (const account of [...DEMO_ACCOUNTS, ...DEMO_COLLEAGUES]) {
      await expect(signIn(database.db, account.email, DEMO_PASSWORD, "127.0.0.1")).resolves.toMatchObject({ ok: true });
    }
  });
});
