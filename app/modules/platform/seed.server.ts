import type { Db } from "../../utils/db.server";
import { hashPassword } from "../auth/password.server";
import type { MembershipRole } from "../auth/roles";

export const DEMO_PASSWORD = "vademecum-demo";
export const DEMO_ORGANISATION = { slug: "cooperativa-demo", name: "Cooperativa Demo", country: "IT" };

export interface DemoAccount {
  email: string;
  name: string;
  role: MembershipRole;
  isAdmin: boolean;
  locale: string | null;
  /** Membership.jobRole in the demo organisation. */
  jobRole: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "learner@vademecum.test", name: "Lucia Learner", role: "learner", isAdmin: false, locale: null, jobRole: null },
  { email: "author@vademecum.test", name: "Andrea Author", role: "author", isAdmin: false, locale: null, jobRole: null },
  { email: "manager@vademecum.test", name: "Marta Manager", role: "manager", isAdmin: false, locale: null, jobRole: null },
  { email: "admin@vademecum.test", name: "Ada Admin", role: "learner", isAdmin: true, locale: null, jobRole: null },
];

/** The demo learner's colleagues, created with the demo activity (see demo-activity.server.ts). */
export const DEMO_COLLEAGUES: DemoAccount[] = [
  { email: "giulia.ferri@vademecum.test", name: "Giulia Ferri", role: "learner", isAdmin: false, locale: null, jobRole: "social worker" },
  { email: "samir.haddad@vademecum.test", name: "Samir Haddad", role: "learner", isAdmin: false, locale: null, jobRole: "peer supporter" },
  { email: "paolo.conti@vademecum.test", name: "Paolo Conti", role: "learner", isAdmin: false, locale: null, jobRole: "street worker" },
];

export class SeedRefusedError extends Error {}

/**
 * Demo accounts exist for trying the platform out. A production installation gets them only
 * when asked explicitly with SEED_DEMO=1.
 */
export function demoAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV !== "production" || env.SEED_DEMO === "1";
}

/** Creates the demo organisation and accounts; running it again changes nothing. */
export async function seedDemoAccounts(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<{ created: string[] }> {
  if (!demoAllowed(env)) {
    throw new SeedRefusedError(
      "Refusing to create demo accounts with NODE_ENV=production. Set SEED_DEMO=1 to create them anyway.",
    );
  }
  return createDemoAccounts(db, DEMO_ACCOUNTS);
}

/** Creates the demo learner's colleagues in the demo organisation; running it again changes nothing. */
export function seedDemoColleagues(db: Db): Promise<{ created: string[] }> {
  return createDemoAccounts(db, DEMO_COLLEAGUES);
}

async function createDemoAccounts(db: Db, accounts: readonly DemoAccount[]): Promise<{ created: string[] }> {
  const organisation = await db.organisation.upsert({
    where: { slug: DEMO_ORGANISATION.slug },
    create: DEMO_ORGANISATION,
    update: {},
  });
  const created: string[] = [];
  for (const account of accounts) {
    let user = await db.user.findUnique({ where: { email: account.email } });
    if (!user) {
      user = await db.user.create({
        data: {
          email: account.email,
          name: account.name,
          isAdmin: account.isAdmin,
          locale: account.locale,
          passwordHash: await hashPassword(DEMO_PASSWORD),
        },
      });
      created.push(account.email);
    }
    await db.membership.upsert({
      where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
      create: { userId: user.id, organisationId: organisation.id, role: account.role, jobRole: account.jobRole },
      update: {},
    });
  }
  return { created };
}

/** Settings every SQLite database of the platform needs; harmless to repeat. */
export async function prepareSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}
