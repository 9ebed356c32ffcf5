import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link";
import { homePathFor } from "../modules/auth/roles";
import { getUser } from "../modules/auth/session.server";

export const meta: MetaFunction = () => [
  { title: "Vademecum · digital skills for social work" },
  { name: "description", content: "Training in digital skills for social workers, peer supporters and volunteers." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export default function Welcome() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="welcome-title" className="mx-auto max-w-3xl py-6">
      <h1 id="welcome-title" className="text-3xl font-bold tracking-tight sm:text-4xl">
        {t("welcome.title")}
      </h1>
      <p className="mt-4 text-lg text-stone-700">{t("welcome.lead")}</p>
      <ul className="mt-6 grid gap-3 sm:grid-cols-3">
        {(["learn", "assess", "vademecum"] as const).map((point) => (
          <li key={point} className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="font-semibold">{t(`welcome.points.${point}.title`)}</h2>
            <p className="mt-1 text-sm text-stone-700">{t(`welcome.points.${point}.body`)}</p>
          </li>
        ))}
      </ul>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link to="/login" className="rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
          {t("nav.signIn")}
        </Link>
        <Link to="/signup" className="rounded border border-teal-800 px-5 py-2.5 font-semibold text-teal-900 hover:bg-teal-50">
          {t("auth.signUp.link")}
        </Link>
      </div>
    </section>
  );
}
