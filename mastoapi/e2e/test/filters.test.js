// Filters (v2): keywords that hide or warn about statuses in chosen contexts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bob, carol, httpStatus, self } from "../lib/fedigraph.js";

test("a warn filter marks matching statuses as filtered on the home timeline", async () => {
  await bob.v1.accounts.$select((await self(carol)).id).follow();
  const word = `durian${Date.now()}`;
  const filter = await bob.v2.filters.create({
    title: "no durian",
    context: ["home"],
    filterAction: "warn",
    keywordsAttributes: [{ keyword: word, wholeWord: true }],
  });
  assert.deepEqual(filter.context, ["home"]);
  assert.deepEqual(filter.keywords.map((k) => k.keyword), [word]);
  assert.ok((await bob.v2.filters.list()).some((f) => f.id === filter.id));

  const post = await carol.v1.statuses.create({ status: `fresh ${word} today` });
  const home = await bob.v1.timelines.home.list({ limit: 40 });
  const seen = home.find((s) => s.id === post.id);
  assert.ok(seen, "a warned status stays on the timeline");
  assert.equal(seen.filtered?.length, 1);
  assert.equal(seen.filtered[0].filter.id, filter.id);
  assert.deepEqual(seen.filtered[0].keywordMatches, [word]);

  await bob.v2.filters.$select(filter.id).remove();
  await assert.rejects(bob.v2.filters.$select(filter.id).fetch(), httpStatus(404));
});

test("a hide filter marks matching statuses for the app to hide", async () => {
  await bob.v1.accounts.$select((await self(carol)).id).follow();
  const word = `okra${Date.now()}`;
  const filter = await bob.v2.filters.create({
    title: "no okra",
    context: ["home", "public"],
    filterAction: "hide",
    keywordsAttributes: [{ keyword: word }],
  });
  const hidden = await carol.v1.statuses.create({ status: `${word} stew` });
  const kept = await carol.v1.statuses.create({ status: `plain stew ${Date.now()}` });
  // As in Mastodon, the server still lists the status and says which filter hides it;
  // the app leaves it out (Mastodon's own web app does so in its selectors).
  const home = await bob.v1.timelines.home.list({ limit: 40 });
  const marked = home.find((s) => s.id === hidden.id);
  assert.deepEqual(marked?.filtered?.map((r) => [r.filter.id, r.filter.filterAction]), [[filter.id, "hide"]]);
  assert.deepEqual(home.find((s) => s.id === kept.id)?.filtered, []);
  await bob.v2.filters.$select(filter.id).remove();
  const after = await bob.v1.statuses.$select(hidden.id).fetch();
  assert.deepEqual(after.filtered, [], "a deleted filter no longer matches");
});
