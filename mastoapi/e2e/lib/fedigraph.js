// What the masto.js tests share: a REST client for each account that TestMastoJS
// created and signed in through the OAuth pages, and small readers over masto.js's
// paginators and errors. The server's address and the tokens come from the
// environment, as cmd/fedigraph's TestMastoJS sets it.
import { createRestAPIClient, createStreamingAPIClient } from "masto";

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through \`go test ./cmd/fedigraph -run MastoJS\``);
  }
  return value;
}

/** The running server's base URL, http://127.0.0.1:port. */
export const baseURL = env("FEDIGRAPH_URL");

/** The access token of one of the accounts alice, bob and carol. */
export function tokenOf(user) {
  return env(`FEDIGRAPH_TOKEN_${user.toUpperCase()}`);
}

/** A REST client acting as user, as a Mastodon app holding its token would. */
export function restClient(user) {
  return createRestAPIClient({ url: baseURL, accessToken: tokenOf(user), timeout: 10_000 });
}

/**
 * A streaming client for user, at the streaming URL the instance announces, which is
 * where an app looks for it.
 */
export async function streamingClient(user) {
  const instance = await restClient(user).v2.instance.fetch();
  return createStreamingAPIClient({
    streamingApiUrl: instance.configuration.urls.streaming,
    accessToken: tokenOf(user),
    retry: false,
  });
}

export const alice = restClient("alice");
export const bob = restClient("bob");
export const carol = restClient("carol");

const selves = new Map();

/** The client's own account, from verify_credentials, fetched once per client. */
export function self(client) {
  if (!selves.has(client)) {
    selves.set(client, client.v1.accounts.verifyCredentials());
  }
  return selves.get(client);
}

let counter = 0;

/** Text no other test or run has posted, so that a test finds its own statuses. */
export function unique(label) {
  counter += 1;
  return `${label} ${process.pid}x${Date.now()}x${counter}`;
}

/**
 * Walks a masto.js paginator (which follows the Link header's next page) and returns
 * the pages it read, stopping after maxPages or once done(items so far) holds.
 */
export async function readPages(paginator, { maxPages = 20, done = () => false } = {}) {
  const pages = [];
  for await (const page of paginator) {
    pages.push(page);
    if (pages.length >= maxPages || done(pages.flat())) {
      break;
    }
  }
  return pages;
}

/** A predicate for assert.rejects: masto.js's error for an HTTP status. */
export function httpStatus(code) {
  return (err) => {
    if (err?.statusCode !== code) {
      throw new Error(`want HTTP ${code}, got ${err?.statusCode ?? "no status"}: ${err?.message}`, { cause: err });
    }
    return true;
  };
}

/** The mark for a test whose route the server does not serve yet. */
export const notYet = { todo: "route not implemented yet" };
