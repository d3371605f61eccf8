// Following: an open account at once, a locked one after it approves the request.
// Bob is the locked account; the tests run in order and build on each other.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { alice, bob, carol, readPages, self, unique } from "../lib/fedigraph.js";

let aliceID, bobID, carolID;

before(async () => {
  [aliceID, bobID, carolID] = (await Promise.all([alice, bob, carol].map(self))).map((a) => a.id);
});

test("an account locks itself through update_credentials", async () => {
  const updated = await bob.v1.accounts.updateCredentials({ locked: true, displayName: "Bob (locked)" });
  assert.equal(updated.locked, true);
  assert.equal(updated.displayName, "Bob (locked)");
  assert.equal((await alice.v1.accounts.$select(bobID).fetch()).locked, true);
});

test("following an open account follows at once and fills the home timeline", async () => {
  const rel = await alice.v1.accounts.$select(carolID).follow();
  assert.equal(rel.following, true);
  assert.equal(rel.requested, false);

  const post = await carol.v1.statuses.create({ status: unique("for my followers"), visibility: "private" });
  const home = await alice.v1.timelines.home.list({ limit: 40 });
  assert.ok(home.some((s) => s.id === post.id), "a followed account's followers-only post is on the home timeline");
  const followers = await carol.v1.accounts.$select(carolID).followers.list();
  assert.ok(followers.some((a) => a.id === aliceID));
  const told = await carol.v1.notifications.list({ types: ["follow"], accountId: aliceID });
  assert.equal(told[0]?.type, "follow", "the followed account is notified");
});

test("following a locked account makes a request, not a follow", async () => {
  const rel = await alice.v1.accounts.$select(bobID).follow();
  assert.equal(rel.following, false);
  assert.equal(rel.requested, true);
  const [fromBob] = await bob.v1.accounts.relationships.fetch({ id: [aliceID] });
  assert.equal(fromBob.followedBy, false);
  assert.equal(fromBob.requestedBy, true);
  const told = await bob.v1.notifications.list({ types: ["follow_request"], accountId: aliceID });
  assert.equal(told[0]?.type, "follow_request", "the locked account is notified of the request");
});

test("the locked account sees the request and authorizes it", async () => {
  const pending = await bob.v1.followRequests.list();
  assert.deepEqual(pending.map((a) => a.id), [aliceID]);
  const rel = await bob.v1.followRequests.$select(aliceID).authorize();
  assert.equal(rel.followedBy, true);
  assert.deepEqual(await bob.v1.followRequests.list(), []);

  const [fromAlice] = await alice.v1.accounts.relationships.fetch({ id: [bobID] });
  assert.equal(fromAlice.following, true);
  assert.equal(fromAlice.requested, false);
  const followers = await readPages(bob.v1.accounts.$select(bobID).followers.list());
  assert.ok(followers.flat().some((a) => a.id === aliceID));
});

test("unfollowing ends the follow", async () => {
  await carol.v1.accounts.$select(bobID).follow();
  const rel = await carol.v1.accounts.$select(bobID).unfollow();
  assert.deepEqual([rel.following, rel.requested], [false, false], "unfollow also withdraws a pending request");
});
