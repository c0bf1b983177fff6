// Runs the graphql-http GraphQL-over-HTTP compliance audit against a live server.
//
// Usage: node audit.mjs <graphql-url>
//
// Prints every audit result (ok, notice, warn, error) with its id and name; for
// non-ok results also the reason and the response (status, headers, body).
// Ends with a one-line summary. Exit codes:
//   0  no audit has status "error" (warnings and notices are allowed)
//   1  at least one audit has status "error" (a MUST of the spec is violated)
//   2  usage error, or the audit could not run at all (e.g. connection refused)
import { auditServer } from 'graphql-http';

const MAX_BODY_CHARS = 2000;

function usage() {
  console.error('usage: node audit.mjs <graphql-url>');
  process.exit(2);
}

async function describeResponse(res) {
  if (!res) {
    return '    (no response recorded)';
  }
  const lines = [`    response: HTTP ${res.status} ${res.statusText}`];
  for (const [key, value] of res.headers.entries()) {
    lines.push(`      ${key}: ${value}`);
  }
  let body;
  try {
    // The audit may already have consumed the body; a clone keeps ours readable.
    body = await res.clone().text();
  } catch (err) {
    body = `<body not readable: ${err && err.message ? err.message : err}>`;
  }
  if (body.length > MAX_BODY_CHARS) {
    body = `${body.slice(0, MAX_BODY_CHARS)}... <${body.length - MAX_BODY_CHARS} more chars>`;
  }
  lines.push(`    body: ${body === '' ? '<empty>' : body}`);
  return lines.join('\n');
}

async function main() {
  const url = process.argv[2];
  if (!url) {
    usage();
  }
  try {
    new URL(url);
  } catch {
    console.error(`not a valid URL: ${url}`);
    usage();
  }

  console.log(`graphql-http audit of ${url}`);
  let results;
  try {
    results = await auditServer({ url });
  } catch (err) {
    // auditServer only throws on fatal problems (network failure, etc.).
    console.error(`audit could not run: ${err && err.stack ? err.stack : err}`);
    if (err && err.cause) {
      console.error(`cause: ${err.cause.stack || err.cause}`);
    }
    process.exit(2);
  }

  const order = { error: 0, warn: 1, notice: 2, ok: 3 };
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  // Stable output: ok results first in audit order, then notices, warnings, errors
  // (the most important lines end up closest to the summary).
  const sorted = [...results].sort((a, b) => order[b.status] - order[a.status]);
  for (const result of sorted) {
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    const tag = result.status.toUpperCase().padEnd(6);
    console.log(`[${tag}] ${result.id} ${result.name}`);
    if (result.status !== 'ok') {
      console.log(`    reason: ${result.reason}`);
      console.log(await describeResponse(result.response));
    }
  }

  console.log(
    `graphql-http audit summary: ${results.length} audits, ${counts.ok} ok, ` +
      `${counts.notice} notice, ${counts.warn} warn, ${counts.error} error`,
  );
  process.exit(counts.error > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`unexpected failure: ${err && err.stack ? err.stack : err}`);
  process.exit(2);
});
