import { GeneralErrorBoundary } from "../components/error-boundary";

/** Any URL no other route matches: a proper 404 page. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
