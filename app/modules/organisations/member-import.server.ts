import crypto from "node:crypto";
import type { Db } from "../../utils/db.server";
import { markExistingMembers, parseMemberCsv, type MemberCsvResult, type MemberCsvRow } from "./csv";
import { hashToken, INVITATION_DAYS, invitationUrl } from "./invitations.server";
import { mailTranslator } from "../mail/compose.server";
import { enqueueEmail } from "../mail/outbox.server";

/**
 * Member import. `previewImport` checks a file without storing anything; `importMembers`
 * checks it again and stores every valid row in one transaction, or nothing.
 *
 * A row for someone who already has an account adds that account. A row for a new address
 * creates an account without a password (it cannot be used to sign in) so that team and job
 * role can be set at once, and sends an invitation with which the person chooses a password.
 */
/** Names, teams and job roles longer than this are cut, as in the forms. */
const TEXT_MAX = 100;

export async function previewImport(db: Db, organisationId: string, text: string): Promise<MemberCsvResult> {
  const parsed = parseMemberCsv(text);
  if (!parsed.ok) return parsed;
  const members = await db.membership.findMany({
    where: { organisationId, user: { email: { in: parsed.rows.map((row) => row.email) } } },
    select: { user: { select: { email: true } } },
  });
  return { ok: true, rows: markExistingMembers(parsed.rows, new Set(members.map((m) => m.user.email))) };
}

export type ImportResult =
  | { ok: true; added: number; invited: number; teamsCreated: number }
  | { ok: false; preview: MemberCsvResult };

export async function importMembers(
  db: Db,
  input: { organisationId: string; text: string; baseUrl: string; now: Date },
): Promise<ImportResult> {
  const preview = await previewImport(db, input.organisationId, input.text);
  if (!preview.ok) return { ok: false, preview };
  const rows = preview.rows.filter((row) => row.errors.length === 0);
  if (rows.length === 0) return { ok: false, preview };
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { id: input.organisationId },
    select: { name: true, country: true },
  });
  const expiresAt = new Date(input.now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);

  return db.$transaction(async (tx) => {
    const result = { ok: true as const, added: 0, invited: 0, teamsCreated: 0 };
    const teamIds = new Map<string, string>();
    const teamId = async (name: string) => {
      const known = teamIds.get(name);
      if (known) return known;
      const existing = await tx.team.findUnique({
        where: { organisationId_name: { organisationId: input.organisationId, name } },
        select: { id: true },
      });
      const team = existing ?? (await tx.team.create({ data: { organisationId: input.organisationId, name }, select: { id: true } }));
      if (!existing) result.teamsCreated += 1;
      teamIds.set(name, team.id);
      return team.id;
    };

    for (const row of rows) {
      const user = await accountFor(tx, row);
      await tx.membership.create({
        data: { userId: user.id, organisationId: input.organisationId, role: row.role, jobRole: row.jobRole.slice(0, TEXT_MAX) || null },
      });
      if (row.team) await tx.teamMember.create({ data: { teamId: await teamId(row.team.slice(0, TEXT_MAX)), userId: user.id } });
      result.added += 1;
      if (user.created) {
        const token = crypto.randomBytes(32).toString("base64url");
        const invitation = await tx.invitation.create({
          data: { organisationId: input.organisationId, email: row.email, role: row.role, tokenHash: hashToken(token), expiresAt },
          select: { id: true },
        });
        const { t, language } = mailTranslator({ country: organisation.country });
        await enqueueEmail(tx, {
          dedupeKey: `invitation:${invitation.id}`,
          to: row.email,
          subject: t("organisations.mail.invitation.subject", { organisation: organisation.name }),
          text: t("organisations.mail.invitation.body", {
            organisation: organisation.name,
            role: t(`organisations.roles.${row.role}`),
            url: invitationUrl(input.baseUrl, token),
            date: new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(expiresAt),
          }),
        });
        result.invited += 1;
      }
    }
    return result;
  });
}

async function accountFor(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  row: MemberCsvRow,
): Promise<{ id: string; created: boolean }> {
  const existing = await tx.user.findUnique({ where: { email: row.email }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const created = await tx.user.create({
    data: { email: row.email, name: (row.name || row.email.split("@")[0]).slice(0, TEXT_MAX), passwordHash: "" },
    select: { id: true },
  });
  return { id: created.id, created: true };
}
