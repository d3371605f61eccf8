// Streaming over the websocket as masto.js does it: one socket, a subscribe message
// per stream, events as they happen.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { alice, carol, streamingClient, unique } from "../lib/fedigraph.js";
import { tap } from "../lib/events.js";

let streaming, user;

before(async () => {
  streaming = await streamingClient("alice");
  user = tap(streaming.user.subscribe());
  // The server does not acknowledge a subscribe message, so post until one of the
  // posts comes back: from then on the subscription surely holds.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const warm = await alice.v1.statuses.create({ status: unique("warming up"), visibility: "private" });
    try {
      await user.waitFor((e) => e.event === "update" && e.payload.id === warm.id, 500);
      return;
    } catch (err) {
      if (!err.message.startsWith("no matching event")) {
        throw err; // the socket failed: no retry will help
      }
      if (Date.now() > deadline) {
        throw new Error("the user stream delivered nothing within 15 s", { cause: err });
      }
    }
  }
});

after(() => streaming?.close());

test("a new post arrives on the user stream as an update within 2 s", async () => {
  const sent = performance.now();
  const post = await alice.v1.statuses.create({ status: unique("live") });
  const { event, at } = await user.waitFor((e) => e.event === "update" && e.payload.id === post.id, 2000);
  assert.deepEqual(event.stream, ["user"]);
  assert.equal(event.payload.account.username, "alice");
  assert.match(event.payload.content, /live/);
  assert.ok(at - sent < 2000, `arrived after ${Math.round(at - sent)} ms`);
});

test("a mention arrives on the user stream as a notification within 2 s", async () => {
  const sent = performance.now();
  const post = await carol.v1.statuses.create({ status: `@alice ${unique("are you there?")}` });
  const { event, at } = await user.waitFor(
    (e) => e.event === "notification" && e.payload.status?.id === post.id,
    2000,
  );
  assert.equal(event.payload.type, "mention");
  assert.equal(event.payload.account.username, "carol");
  assert.ok(at - sent < 2000, `arrived after ${Math.round(at - sent)} ms`);
});

test("a deleted post arrives as a delete event", async () => {
  const post = await alice.v1.statuses.create({ status: unique("short-lived") });
  await user.waitFor((e) => e.event === "update" && e.payload.id === post.id, 2000);
  await alice.v1.statuses.$select(post.id).remove();
  const { event } = await user.waitFor((e) => e.event === "delete" && e.payload === post.id, 2000);
  assert.deepEqual(event.stream, ["user"]);
});

test("creating a filter announces filters_changed on the user stream", async () => {
  const filter = await alice.v2.filters.create({
    title: unique("stream check"),
    context: ["home"],
    keywordsAttributes: [{ keyword: `zzz${Date.now()}` }],
  });
  try {
    const { event } = await user.waitFor((e) => e.event === "filters_changed", 2000);
    assert.deepEqual(event.stream, ["user"]);
  } finally {
    await alice.v2.filters.$select(filter.id).remove();
  }
});
