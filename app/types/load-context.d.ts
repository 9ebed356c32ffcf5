import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this request, set by server.js. */
    cspNonce?: string;
    /** The client's IP address, for rate limiting. */
    clientIp?: string;
  }
}
