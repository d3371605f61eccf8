// Direct messages as an app shows them: conversations, latest first, read and removed;
// and the `conversation` event on the direct stream.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { alice, bob, carol, httpStatus, readPages, self, streamingClient, unique } from "../lib/fedigraph.js";
import { tap } from "../lib/events.js";

/** The caller's conversation whose latest status is statusId, looked for a few pages deep. */
async function conversationAt(client, statusId) {
  const pages = await readPages(client.v1.conversations.list({ limit: 5 }), {
    maxPages: 5,
    done: (items) => items.some((c) => c.lastStatus?.id === statusId),
  });
  return pages.flat().find((c) => c.lastStatus?.id === statusId);
}

test("a direct status starts a conversation for each participant", async () => {
  const dm = await alice.v1.statuses.create({ status: `@bob @carol ${unique("lunch?")}`, visibility: "direct" });
  const bobs = await conversationAt(bob, dm.id);
  assert.ok(bobs, "bob has the conversation");
  assert.equal(bobs.unread, true, "unread for a recipient");
  assert.equal(bobs.lastStatus.visibility, "direct");
  assert.deepEqual(
    bobs.accounts.map((a) => a.username).sort(),
    ["alice", "carol"],
    "the others taking part",
  );
  const alices = await conversationAt(alice, dm.id);
  assert.equal(alices.unread, false, "read for its author");

  const reply = await bob.v1.statuses.create({
    status: `@alice @carol ${unique("yes")}`,
    visibility: "direct",
    inReplyToId: dm.id,
  });
  const moved = await conversationAt(alice, reply.id);
  assert.equal(moved?.id, alices.id, "a reply moves the same conversation on");
  assert.equal(moved.unread, true);
});

test("a conversation is marked read, then removed", async () => {
  const dm = await carol.v1.statuses.create({ status: `@alice ${unique("psst")}`, visibility: "direct" });
  const c = await conversationAt(alice, dm.id);
  const read = await alice.v1.conversations.$select(c.id).read();
  assert.equal(read.id, c.id);
  assert.equal(read.unread, false);
  await assert.rejects(bob.v1.conversations.$select(c.id).read(), httpStatus(404), "not bob's to read");
  await alice.v1.conversations.$select(c.id).remove();
  assert.equal(await conversationAt(alice, dm.id), undefined, "gone from alice's list");
  assert.ok(await conversationAt(carol, dm.id), "carol keeps hers");
});

test("conversations page with the Link header, latest first, none twice", async () => {
  for (let i = 0; i < 3; i++) {
    await bob.v1.statuses.create({ status: `@carol ${unique(`page ${i}`)}`, visibility: "direct" });
  }
  const pages = await readPages(carol.v1.conversations.list({ limit: 2 }), { maxPages: 3 });
  assert.ok(pages.length >= 2, `several pages, got ${pages.length}`);
  const items = pages.flat();
  assert.equal(new Set(items.map((c) => c.id)).size, items.length, "no conversation twice");
  const latest = items.map((c) => c.lastStatus.id);
  assert.deepEqual(latest, [...latest].sort().reverse(), "latest status first");
});

let streaming;
after(() => streaming?.close());

test("the direct stream tells of a new direct status with a conversation event", async () => {
  streaming = await streamingClient("bob");
  const direct = tap(streaming.direct.subscribe());
  const me = await self(alice);
  // The server does not acknowledge a subscribe message: post until one comes back.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const dm = await alice.v1.statuses.create({ status: `@bob ${unique("live")}`, visibility: "direct" });
    try {
      const { event } = await direct.waitFor(
        (e) => e.event === "conversation" && e.payload.lastStatus?.id === dm.id,
        1000,
      );
      assert.deepEqual(event.stream, ["direct"]);
      assert.equal(event.payload.unread, true);
      assert.ok(event.payload.accounts.some((a) => a.id === me.id));
      return;
    } catch (err) {
      if (!err.message.startsWith("no matching event") || Date.now() > deadline) {
        throw err;
      }
    }
  }
});
