import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "../components/forms";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { MAX_UPLOAD_BYTES, megabytes } from "../modules/packages/import-jobs";
import { createImportJob, receiveUpload } from "../modules/packages/import-jobs.server";
import { db } from "../utils/db.server";
import { env } from "../utils/env.server";

export const meta: MetaFunction = () => [{ title: "Import a package · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuthor(request);
  return { maxMegabytes: megabytes(MAX_UPLOAD_BYTES) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const upload = await receiveUpload(request, { contentDir: env().CONTENT_DIR });
  if (!upload.ok) {
    return data({ error: upload.reason }, { status: upload.reason === "too-large" ? 413 : 400 });
  }
  const jobId = await createImportJob(db, { userId: user.id, ...upload });
  return redirect(`/library/imports/${jobId}`);
}

type UploadError = "too-large" | "no-file" | "failed";

/**
 * The upload form. Without JavaScript it is a plain multipart post; with JavaScript the file
 * goes by XMLHttpRequest so the page can show how much has been sent.
 */
function UploadForm({ maxMegabytes, serverError }: { maxMegabytes: number; serverError: UploadError | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const fileId = useId();
  const hintId = useId();
  const [percent, setPercent] = useState<number | null>(null);
  const [clientError, setClientError] = useState<UploadError | null>(null);
  const error = clientError ?? serverError;

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const file = formData.get("package");
    if (!(file instanceof File) || file.size === 0) return setClientError("no-file");
    if (file.size > MAX_UPLOAD_BYTES) return setClientError("too-large");
    setClientError(null);
    setPercent(0);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports");
    request.responseType = "json";
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) setPercent(Math.floor((progress.loaded / progress.total) * 100));
    });
    request.addEventListener("load", () => {
      const body = request.response as { jobId?: string; error?: UploadError } | null;
      if (request.status === 200 && body?.jobId) {
        navigate(`/library/imports/${body.jobId}`);
      } else {
        setPercent(null);
        setClientError(body?.error ?? "failed");
      }
    });
    request.addEventListener("error", () => {
      setPercent(null);
      setClientError("failed");
    });
    request.send(formData);
  }

  const busy = percent !== null || navigation.state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" onSubmit={upload} className="flex flex-col gap-4" noValidate>
      <FormAlert message={error ? t(`library.import.errors.${error}`, { max: maxMegabytes }) : null} />
      <div className="flex flex-col gap-1">
        <label htmlFor={fileId} className="font-medium">
          {t("library.import.file")}
        </label>
        <p id={hintId} className="text-sm text-stone-600">
          {t("library.import.fileHint", { max: maxMegabytes })}
        </p>
        <input
          id={fileId}
          type="file"
          name="package"
          accept=".zip,application/zip"
          required
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          className="rounded border border-stone-400 bg-white px-3 py-2"
        />
      </div>
      {percent !== null ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${fileId}-progress`}>{t("library.import.uploading", { percent })}</label>
          <progress id={`${fileId}-progress`} max={100} value={percent} className="h-3 w-full accent-teal-800" />
        </div>
      ) : null}
      <div>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900 disabled:opacity-60"
        >
          {t("library.import.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function ImportPackage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2">
        <Link to="/library" className="text-teal-800 underline underline-offset-4">
          {t("library.backToLibrary")}
        </Link>
      </p>
      <PageHeader title={t("library.import.title")} lead={t("library.import.lead")} />
      {searchParams.get("discarded") ? (
        <p role="status" className="mb-4 rounded border border-teal-300 bg-teal-50 px-4 py-3 text-teal-900">
          {t("library.import.discarded")}
        </p>
      ) : null}
      <section className="rounded-lg bg-white p-6 shadow-sm">
        <UploadForm maxMegabytes={maxMegabytes} serverError={actionData?.error ?? null} />
      </section>
    </div>
  );
}
