// Search v2: accounts, hashtags and the statuses Mastodon 4.2 lets a viewer find.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, carol, self } from "../lib/fedigraph.js";

test("search finds accounts by name", async () => {
  const found = await alice.v1.accounts.search.list({ q: "carol", limit: 5 });
  assert.equal(found[0]?.id, (await self(carol)).id, "the exact name comes first");
});

test("search v2 finds accounts, hashtags and the viewer's own statuses", async () => {
  const word = `kumquat${Date.now()}`;
  const post = await alice.v1.statuses.create({ status: `I ate a ${word} #fruitfacts` });

  const accounts = await alice.v2.search.list({ q: "carol", type: "accounts" });
  assert.equal(accounts.accounts[0]?.id, (await self(carol)).id, "the exact name comes first");

  const tags = await alice.v2.search.list({ q: "#fruitfacts", type: "hashtags" });
  assert.ok(tags.hashtags.some((t) => t.name === "fruitfacts"));

  const statuses = await alice.v2.search.list({ q: word, type: "statuses" });
  assert.deepEqual(statuses.statuses.map((s) => s.id), [post.id]);
  // Carol neither wrote it nor touched it; alice has not opted into being indexed.
  const byOther = await carol.v2.search.list({ q: word, type: "statuses" });
  assert.deepEqual(byOther.statuses, []);
});
