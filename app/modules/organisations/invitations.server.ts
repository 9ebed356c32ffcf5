import crypto from "node:crypto";
import type { MembershipRole } from "../auth/roles";
import { isMembershipRole } from "../auth/roles";
import { hashPassword } from "../auth/password.server";
import type { Db } from "../../utils/db.server";
import { mailTranslator } from "../mail/compose.server";
import { enqueueEmail } from "../mail/outbox.server";
import { notFound } from "./not-found.server";

/**
 * Invitations: a random token goes to the invitee by e-mail; only its SHA-256 is stored. The
 * token works once and for 14 days. Whoever opens the link signs in (or creates an account)
 * and joins the organisation with the invited role.
 */
export const INVITATION_DAYS = 14;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function invitationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/invitations/${token}`;
}

export async function createInvitation(
  db: Db,
  input: { organisationId: string; email: string; role: MembershipRole; baseUrl: string; now: Date },
): Promise<{ invitationId: string; url: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const [invitation, organisation, recipient] = await Promise.all([
    db.invitation.create({
      data: { organisationId: input.organisationId, email: input.email, role: input.role, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    }),
    db.organisation.findUniqueOrThrow({ where: { id: input.organisationId }, select: { name: true, country: true } }),
    db.user.findUnique({ where: { email: input.email }, select: { locale: true } }),
  ]);
  const url = invitationUrl(input.baseUrl, token);
  const { t, language } = mailTranslator({ locale: recipient?.locale, country: organisation.country });
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(expiresAt);
  await enqueueEmail(db, {
    dedupeKey: `invitation:${invitation.id}`,
    to: input.email,
    subject: t("organisations.mail.invitation.subject", { organisation: organisation.name }),
    text: t("organisations.mail.invitation.body", {
      organisation: organisation.name,
      role: t(`organisations.roles.${input.role}`),
      url,
      date,
    }),
  });
  return { invitationId: invitation.id, url };
}

export async function pendingInvitations(db: Db, organisationId: string, now: Date) {
  const invitations = await db.invitation.findMany({
    where: { organisationId, acceptedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
  return invitations.map((invitation) => ({ ...invitation, expiresAt: invitation.expiresAt.toISOString() }));
}

export async function revokeInvitation(db: Db, organisationId: string, invitationId: string) {
  const deleted = await db.invitation.deleteMany({ where: { id: invitationId, organisationId, acceptedAt: null } });
  if (deleted.count === 0) throw notFound();
}

export type InvitationView =
  | { state: "unknown" }
  | { state: "expired" | "used"; organisationName: string }
  | {
      state: "valid";
      organisationName: string;
      email: string;
      role: MembershipRole;
      /** An account with this address exists and has a password: the invitee signs in. */
      hasAccount: boolean;
    };

export async function viewInvitation(db: Db, token: string, now: Date): Promise<InvitationView> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, organisation: { select: { name: true } } },
  });
  if (!invitation) return { state: "unknown" };
  const organisationName = invitation.organisation.name;
  if (invitation.acceptedAt) return { state: "used", organisationName };
  if (invitation.expiresAt <= now) return { state: "expired", organisationName };
  const user = await db.user.findUnique({ where: { email: invitation.email }, select: { passwordHash: true, anonymisedAt: true } });
  return {
    state: "valid",
    organisationName,
    email: invitation.email,
    role: isMembershipRole(invitation.role) ? invitation.role : "learner",
    hasAccount: Boolean(user && user.passwordHash !== "" && !user.anonymisedAt),
  };
}

export type AcceptResult = { ok: true; organisationSlug: string } | { ok: false; reason: "invalid" | "email-taken" };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Uses the token (once) and makes the user a member with the invited role. */
async function useToken(tx: Tx, token: string, userId: string, now: Date): Promise<AcceptResult> {
  const tokenHash = hashToken(token);
  const claimed = await tx.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (claimed.count === 0) return { ok: false, reason: "invalid" };
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { tokenHash },
    select: { organisationId: true, role: true, organisation: { select: { slug: true } } },
  });
  const role = isMembershipRole(invitation.role) ? invitation.role : "learner";
  await tx.membership.upsert({
    where: { userId_organisationId: { userId, organisationId: invitation.organisationId } },
    create: { userId, organisationId: invitation.organisationId, role },
    update: { role, status: "active" },
  });
  return { ok: true, organisationSlug: invitation.organisation.slug };
}

/** A signed-in person accepts the invitation with their account. */
export function acceptInvitation(db: Db, token: string, userId: string, now: Date): Promise<AcceptResult> {
  return db.$transaction((tx) => useToken(tx, token, userId, now));
}

/**
 * A person without an account creates one for the invited address and joins. An account
 * created by a member import (no password yet) is completed instead.
 */
export async function acceptWithNewAccount(
  db: Db,
  token: string,
  input: { name: string; password: string; locale: string | null },
  now: Date,
): Promise<AcceptResult & { userId?: string }> {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { email: true } });
  if (!invitation) return { ok: false, reason: "invalid" };
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: invitation.email },
      select: { id: true, passwordHash: true, anonymisedAt: true },
    });
    if (existing && (existing.passwordHash !== "" || existing.anonymisedAt)) return { ok: false, reason: "email-taken" } as const;
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, passwordHash }, select: { id: true } })
      : await tx.user.create({
          data: { email: invitation.email, name: input.name, passwordHash, locale: input.locale },
          select: { id: true },
        });
    const result = await useToken(tx, token, user.id, now);
    if (!result.ok) throw new InvitationGone();
    return { ...result, userId: user.id };
  }).catch((error: unknown) => {
    if (error instanceof InvitationGone) return { ok: false, reason: "invalid" } as const;
    throw error;
  });
}

/** Rolls back an account creation when the token was used or expired in the meantime. */
class InvitationGone extends Error {}
