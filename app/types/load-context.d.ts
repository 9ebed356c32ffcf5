import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this request, set by server.js. */
    cspNonce?: string;
    /** The client's IP address, for rate limiting. */
    clientIp?: string;
    /**
     * Set by server.js: takes a rendered page's bytes directly, and the page's Response then
     * has no body (entry.server.tsx). Other servers leave it out and read the body as usual.
     */
    takePage?: (page: Buffer) => void;
  }
}
