import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormAlert, SubmitButton, TextField } from "../components/forms";
import {
  controlClass,
  dangerButtonClass,
  LabelledControl,
  secondaryButtonClass,
  StatusMessage,
} from "../components/organisation-fields";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { MEMBERSHIP_ROLES } from "../modules/auth/roles";
import { requireManager } from "../modules/auth/session.server";
import { publicBaseUrl } from "../modules/organisations/base-url.server";
import { createInvitation, pendingInvitations, revokeInvitation } from "../modules/organisations/invitations.server";
import {
  InviteSchema,
  MemberJobRoleSchema,
  MemberRoleSchema,
  MembershipIdSchema,
  MemberStatusSchema,
} from "../modules/organisations/members";
import { changeRole, changeStatus, listMembers, removeMember, setJobRole } from "../modules/organisations/members.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { dateTimeFormat } from "../utils/formats";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const [members, invitations] = await Promise.all([
    listMembers(db, organisation.organisationId),
    pendingInvitations(db, organisation.organisationId, new Date()),
  ]);
  return { slug: organisation.organisationSlug, members, invitations };
}

type ActionResult = {
  intent: string;
  membershipId?: string;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  done?: string;
  formError?: string;
  invitationUrl?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const organisationId = organisation.organisationId;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const invalid = (fieldErrors: FieldErrors, values: Record<string, string>) =>
    data<ActionResult>({ intent, membershipId: values.membershipId, fieldErrors, values }, { status: 400 });
  const outcome = (result: { ok: true } | { ok: false; reason: "last-manager" }, membershipId: string, done: string) =>
    result.ok
      ? data<ActionResult>({ intent, membershipId, fieldErrors: {}, values: {}, done })
      : data<ActionResult>(
          { intent, membershipId, fieldErrors: {}, values: {}, formError: "organisations.members.lastManager" },
          { status: 400 },
        );

  switch (intent) {
    case "invite": {
      const form = parseForm(InviteSchema, formData);
      if (!form.ok) return invalid(form.fieldErrors, form.values);
      const member = await db.membership.findFirst({
        where: { organisationId, user: { email: form.data.email } },
        select: { id: true },
      });
      if (member) return invalid({ email: ["organisations.errors.alreadyMember"] }, { email: form.data.email, role: form.data.role });
      const invitation = await createInvitation(db, {
        organisationId,
        email: form.data.email,
        role: form.data.role,
        baseUrl: publicBaseUrl(request),
        now: new Date(),
      });
      return data<ActionResult>({ intent, fieldErrors: {}, values: {}, done: "organisations.members.invited", invitationUrl: invitation.url });
    }
    case "role": {
      const form = parseForm(MemberRoleSchema, formData);
      if (!form.ok) return invalid(form.fieldErrors, form.values);
      const result = await changeRole(db, organisationId, form.data.membershipId, form.data.role);
      return outcome(result, form.data.membershipId, "organisations.members.saved");
    }
    case "status": {
      const form = parseForm(MemberStatusSchema, formData);
      if (!form.ok) return invalid(form.fieldErrors, form.values);
      const result = await changeStatus(db, organisationId, form.data.membershipId, form.data.status);
      return outcome(result, form.data.membershipId, "organisations.members.saved");
    }
    case "jobRole": {
      const form = parseForm(MemberJobRoleSchema, formData);
      if (!form.ok) return invalid(form.fieldErrors, form.values);
      await setJobRole(db, organisationId, form.data.membershipId, form.data.jobRole);
      return data<ActionResult>({ intent, membershipId: form.data.membershipId, fieldErrors: {}, values: {}, done: "organisations.members.saved" });
    }
    case "remove": {
      const form = parseForm(MembershipIdSchema, formData);
      if (!form.ok) return invalid(form.fieldErrors, form.values);
      const result = await removeMember(db, organisationId, form.data.membershipId);
      return outcome(result, form.data.membershipId, "organisations.members.removed");
    }
    case "revoke": {
      await revokeInvitation(db, organisationId, String(formData.get("invitationId") ?? ""));
      return data<ActionResult>({ intent, fieldErrors: {}, values: {}, done: "organisations.members.revoked" });
    }
    default:
      throw new Response("Unknown form.", { status: 400 });
  }
}

export default function Members() {
  const { t, i18n } = useTranslation();
  const { slug, members, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const invite = result?.intent === "invite" ? result : undefined;
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const imported = searchParams.get("imported");

  return (
    <>
      <PageHeader title={t("organisations.members.title")} lead={t("organisations.members.lead")}>
        <Link to={`/organisations/${slug}/members/import`} className={secondaryButtonClass}>
          {t("organisations.import.link")}
        </Link>
      </PageHeader>
      {imported !== null ? (
        <div className="mb-6">
          <StatusMessage>
            {t("organisations.import.done", { count: Number(imported) || 0, invited: Number(searchParams.get("invited")) || 0 })}
          </StatusMessage>
        </div>
      ) : null}

      <section aria-labelledby="invite-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="invite-title" className="text-lg font-semibold">
          {t("organisations.members.inviteTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t("organisations.members.inviteLead")}</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <TextField
            label={t("organisations.fields.email")}
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={invite?.values.email}
            errors={invite?.fieldErrors.email}
          />
          <LabelledControl label={t("organisations.fields.role")} errors={invite?.fieldErrors.role}>
            {(props) => (
              <select {...props} name="role" defaultValue={invite?.values.role ?? "learner"} className={controlClass}>
                {MEMBERSHIP_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`organisations.roles.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </LabelledControl>
          <SubmitButton>{t("organisations.members.invite")}</SubmitButton>
        </Form>
        {invite?.invitationUrl ? (
          <div className="mt-4" role="status">
            <p className="font-medium text-teal-900">{t("organisations.members.invited")}</p>
            <p className="mt-1 text-sm text-stone-700">{t("organisations.members.shareLink")}</p>
            <p className="mt-1 break-all rounded bg-stone-100 p-2 font-mono text-sm">{invite.invitationUrl}</p>
          </div>
        ) : null}
      </section>

      {invitations.length > 0 ? (
        <section aria-labelledby="pending-title" className="mb-8">
          <h2 id="pending-title" className="mb-3 text-xl font-semibold">
            {t("organisations.members.pendingTitle")}
          </h2>
          {result?.intent === "revoke" && result.done ? <StatusMessage>{t(result.done)}</StatusMessage> : null}
          <ul className="flex flex-col gap-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm">
                <span className="break-all">
                  {invitation.email} · {t(`organisations.roles.${invitation.role}`)} ·{" "}
                  {t("organisations.members.expires", { date: date.format(new Date(invitation.expiresAt)) })}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className={dangerButtonClass}>
                    {t("organisations.members.revoke")}
                    <span className="sr-only">: {invitation.email}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="members-title">
        <h2 id="members-title" className="mb-3 text-xl font-semibold">
          {t("organisations.members.listTitle", { count: members.length })}
        </h2>
        {result?.intent === "remove" && result.done ? <StatusMessage>{t(result.done)}</StatusMessage> : null}
        <ul className="flex flex-col gap-3">
          {members.map((member) => {
            const mine = result?.membershipId === member.membershipId ? result : undefined;
            return (
              <li key={member.membershipId} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">{member.name}</h3>
                  <p className="text-sm">
                    <span className={member.status === "active" ? "text-teal-900" : "font-semibold text-stone-700"}>
                      {t(`organisations.status.${member.status}`)}
                    </span>
                    {member.pending ? <> · {t("organisations.members.pending")}</> : null}
                  </p>
                </div>
                <p className="break-all text-sm text-stone-700">{member.email}</p>
                {member.teams.length > 0 ? (
                  <p className="text-sm text-stone-700">
                    {t("organisations.members.teams")}: {member.teams.join(", ")}
                  </p>
                ) : null}
                {mine?.formError ? (
                  <div className="mt-2">
                    <FormAlert message={t(mine.formError)} />
                  </div>
                ) : null}
                {mine?.done ? <p role="status" className="mt-2 text-sm text-teal-900">{t(mine.done)}</p> : null}
                <div className="mt-3 grid gap-3 md:grid-cols-2">
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="membershipId" value={member.membershipId} />
                    <div className="flex-1">
                      <LabelledControl label={t("organisations.fields.roleOf", { name: member.name })}>
                        {(props) => (
                          <select {...props} name="role" defaultValue={member.role} className={controlClass}>
                            {MEMBERSHIP_ROLES.map((role) => (
                              <option key={role} value={role}>
                                {t(`organisations.roles.${role}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </LabelledControl>
                    </div>
                    <button type="submit" className={secondaryButtonClass}>
                      {t("organisations.actions.save")}
                    </button>
                  </Form>
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="jobRole" />
                    <input type="hidden" name="membershipId" value={member.membershipId} />
                    <div className="flex-1">
                      <LabelledControl
                        label={t("organisations.fields.jobRoleOf", { name: member.name })}
                        errors={mine?.intent === "jobRole" ? mine.fieldErrors.jobRole : undefined}
                      >
                        {(props) => (
                          <input
                            {...props}
                            name="jobRole"
                            defaultValue={mine?.intent === "jobRole" ? mine.values.jobRole : (member.jobRole ?? "")}
                            className={controlClass}
                          />
                        )}
                      </LabelledControl>
                    </div>
                    <button type="submit" className={secondaryButtonClass}>
                      {t("organisations.actions.save")}
                    </button>
                  </Form>
                </div>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Form method="post">
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="membershipId" value={member.membershipId} />
                    <input type="hidden" name="status" value={member.status === "active" ? "deactivated" : "active"} />
                    <button type="submit" className={secondaryButtonClass}>
                      {member.status === "active" ? t("organisations.members.deactivate") : t("organisations.members.reactivate")}
                      <span className="sr-only">: {member.name}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="membershipId" value={member.membershipId} />
                    <button type="submit" className={dangerButtonClass}>
                      {t("organisations.members.remove")}
                      <span className="sr-only">: {member.name}</span>
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
        <p className="mt-3 text-sm text-stone-700">{t("organisations.members.removeNote")}</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
