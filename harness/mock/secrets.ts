// Shapes of secrets that are never written into a recording, whatever the profile says: the
// credentials a docs repository's CI or a recording session is most likely to hold. A profile adds
// its API's own (Seam's `seam_…` keys). Each is specific enough not to catch ordinary values.
export const COMMON_SECRET_PATTERNS: readonly RegExp[] = [
  // AWS access key ids, and secret keys where they are named.
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[0-9A-Z]{16}\b/g,
  /(?<=aws_secret_access_key["'\s:=]{1,5})[A-Za-z0-9/+]{40}\b/gi,
  // GitHub tokens (classic and fine-grained).
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g,
  // Stripe keys.
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}\b/g,
  // Slack tokens, Google API keys.
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  // JSON Web Tokens: three base64url parts, the first two JSON objects.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g,
  // Authorization values, and credentials in a URL.
  /\b(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /(?<=\/\/)[^\s/:@"']+:[^\s/@"']+(?=@)/g,
  // Private keys.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];
