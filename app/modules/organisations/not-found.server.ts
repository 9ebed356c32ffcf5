/**
 * The answer when an id from a URL or a form does not belong to the manager's organisation:
 * the same 404 as for an id that does not exist, so nothing about other organisations leaks.
 */
export function notFound(): Response {
  return new Response("Not found.", { status: 404 });
}
