import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAdmin } from "../modules/auth/session.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Platform · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [userCount, courseCount, organisations] = await Promise.all([
    db.user.count({ where: { anonymisedAt: null } }),
    db.course.count(),
    db.organisation.findMany({
      select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    userCount,
    courseCount,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, slug: o.slug, memberCount: o._count.memberships })),
  };
}

export default function Platform() {
  const { t } = useTranslation();
  const { userCount, courseCount, organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("admin.title")} lead={t("admin.lead")}>
        <p className="flex gap-4">
          <Link to="/admin/organisations" className="font-medium text-teal-800 underline">{t("organisations.admin.title")}</Link>
          <Link to="/admin/outbox" className="font-medium text-teal-800 underline">{t("organisations.admin.outbox")}</Link>
        </p>
      </PageHeader>
      <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3">
        {[
          [t("admin.users"), userCount],
          [t("admin.organisations"), organisations.length],
          [t("admin.courses"), courseCount],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-stone-700">{label}</dt>
            <dd className="text-2xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="organisations-title">
        <h2 id="organisations-title" className="mb-3 text-xl font-semibold">
          {t("admin.organisations")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="rounded-lg bg-white p-4 shadow-sm">
              <h3 className="font-semibold">{organisation.name}</h3>
              <p className="text-sm text-stone-700">
                {organisation.slug} · {t("organisation.teamMembers", { count: organisation.memberCount })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
