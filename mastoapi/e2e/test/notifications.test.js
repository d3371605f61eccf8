// Notifications as an app pages through them: newest first, `limit` items a page,
// the next page from the Link header, no item twice.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, carol, httpStatus, readPages, self, unique } from "../lib/fedigraph.js";

test("mentions notify, and the paginator walks them a page at a time", async () => {
  const posted = [];
  for (let i = 0; i < 5; i++) {
    posted.push(await carol.v1.statuses.create({ status: `@alice ${unique(`mention ${i}`)}` }));
  }
  const mine = new Set(posted.map((s) => s.id));
  const pages = await readPages(alice.v1.notifications.list({ limit: 2, types: ["mention"] }), {
    done: (items) => posted.every((s) => items.some((n) => n.status?.id === s.id)),
  });

  assert.ok(pages.length >= 3, `five mentions two a page take three pages, got ${pages.length}`);
  for (const page of pages) {
    assert.ok(page.length <= 2, `a page holds at most limit=2 items, got ${page.length}`);
  }
  const items = pages.flat();
  assert.equal(new Set(items.map((n) => n.id)).size, items.length, "no notification appears twice");
  for (const n of items) {
    assert.equal(n.type, "mention");
  }
  const ours = items.filter((n) => mine.has(n.status?.id));
  assert.deepEqual(
    ours.map((n) => n.status.id),
    posted.map((s) => s.id).reverse(),
    "newest first, none missing",
  );
  assert.equal(ours[0].account.id, (await self(carol)).id);
});

test("favourite and boost notify the author", async () => {
  const post = await alice.v1.statuses.create({ status: unique("notice me") });
  await carol.v1.statuses.$select(post.id).favourite();
  await carol.v1.statuses.$select(post.id).reblog();
  const items = await alice.v1.notifications.list({ types: ["favourite", "reblog"], limit: 10 });
  const about = items.filter((n) => n.status?.id === post.id);
  assert.deepEqual(about.map((n) => n.type).sort(), ["favourite", "reblog"]);
  assert.ok(about.every((n) => n.account.username === "carol"));
});

test("one notification is fetched, then dismissed", async () => {
  const post = await carol.v1.statuses.create({ status: `@alice ${unique("dismiss this")}` });
  const [n] = (await alice.v1.notifications.list({ types: ["mention"], limit: 5 })).filter(
    (item) => item.status?.id === post.id,
  );
  assert.ok(n, "the mention is listed");
  assert.equal((await alice.v1.notifications.$select(n.id).fetch()).id, n.id);
  await alice.v1.notifications.$select(n.id).dismiss();
  await assert.rejects(alice.v1.notifications.$select(n.id).fetch(), httpStatus(404));
});
