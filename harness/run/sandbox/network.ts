// How a client says it could not reach a host. In the sandbox nothing but the mock can be
// reached (the network namespace has no route and no name server), so any of these in a sample's
// error means it tried to go somewhere else: its verdict is `network`, said in its client's words.
const UNREACHABLE =
  /ENETUNREACH|EAI_AGAIN|ENOTFOUND|ERR_NETWORK|getaddrinfo|network is unreachable|could not resolve host|temporary failure in name resolution|name or service not known|failed to connect to|Network Error/i;

export function isNetworkFailure(text: string): boolean {
  return UNREACHABLE.test(text);
}

/** The message of a network verdict: the client's own words, and why. */
export function networkMessage(said: string): string {
  return `${said} (the sandbox reaches nothing but the mock)`;
}
