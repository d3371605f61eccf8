// Signing in and knowing who you are: what every Mastodon app does first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createOAuthAPIClient, createRestAPIClient } from "masto";
import { alice, baseURL, bob, carol, httpStatus, self } from "../lib/fedigraph.js";

test("verify_credentials names each signed-in account and shows its source", async () => {
  for (const [name, client] of [["alice", alice], ["bob", bob], ["carol", carol]]) {
    const me = await self(client);
    assert.equal(me.username, name);
    assert.equal(me.acct, name);
    assert.equal(typeof me.id, "string", "IDs are strings");
    assert.ok(me.source, "verify_credentials carries source");
    assert.equal(me.source.privacy, "public");
  }
});

test("a request without a token, or with a wrong one, is refused with 401", async () => {
  const anonymous = createRestAPIClient({ url: baseURL });
  await assert.rejects(anonymous.v1.accounts.verifyCredentials(), httpStatus(401));
  const forged = createRestAPIClient({ url: baseURL, accessToken: "not-a-token" });
  await assert.rejects(forged.v1.accounts.verifyCredentials(), httpStatus(401));
});

test("an app registers and gets an app token with client credentials", async () => {
  const anonymous = createRestAPIClient({ url: baseURL });
  const app = await anonymous.v1.apps.create({
    clientName: "masto.js app token",
    redirectUris: "urn:ietf:wg:oauth:2.0:oob",
    scopes: "read",
  });
  assert.ok(app.clientId && app.clientSecret, "registration returns the client's credentials");

  const oauth = createOAuthAPIClient({ url: baseURL });
  const token = await oauth.token.create({
    grantType: "client_credentials",
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: "urn:ietf:wg:oauth:2.0:oob",
    scope: "read",
  });
  assert.equal(token.tokenType, "Bearer");

  const asApp = createRestAPIClient({ url: baseURL, accessToken: token.accessToken });
  const verified = await asApp.v1.apps.verifyCredentials();
  assert.equal(verified.name, "masto.js app token");
  // An app token speaks for no account: Mastodon answers 422 on a route that needs one.
  await assert.rejects(asApp.v1.accounts.verifyCredentials(), httpStatus(422));
});

test("lookup finds an account by acct and relationships start empty", async () => {
  const found = await alice.v1.accounts.lookup({ acct: "carol" });
  assert.equal(found.id, (await self(carol)).id);
  const [rel] = await alice.v1.accounts.relationships.fetch({ id: [found.id] });
  assert.equal(rel.id, found.id);
  assert.equal(rel.blocking, false);
  assert.equal(rel.muting, false);
});

test("instance v2 tells apps the streaming URL and the status limits", async () => {
  const instance = await alice.v2.instance.fetch();
  assert.equal(instance.domain, new URL(baseURL).host);
  assert.match(instance.configuration.urls.streaming, /^wss?:\/\//);
  assert.ok(instance.configuration.statuses.maxCharacters > 0);
  const v1 = await alice.v1.instance.fetch();
  assert.equal(v1.uri, new URL(baseURL).host);
});
