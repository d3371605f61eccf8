// The timelines an app shows: home, local and hashtag, read a page at a time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, bob, carol, readPages, self, unique } from "../lib/fedigraph.js";

test("the home timeline pages newest first through the Link header", async () => {
  await bob.v1.accounts.$select((await self(carol)).id).follow();
  const posted = [];
  for (let i = 0; i < 3; i++) {
    posted.push(await carol.v1.statuses.create({ status: unique(`page ${i}`) }));
  }
  const ids = new Set(posted.map((s) => s.id));
  const pages = await readPages(bob.v1.timelines.home.list({ limit: 1 }), {
    done: (items) => items.filter((s) => ids.has(s.id)).length === posted.length,
  });
  assert.ok(pages.every((page) => page.length === 1), "limit=1 gives pages of one");
  const items = pages.flat();
  assert.equal(new Set(items.map((s) => s.id)).size, items.length, "no status appears twice");
  assert.deepEqual(
    items.filter((s) => ids.has(s.id)).map((s) => s.id),
    posted.map((s) => s.id).reverse(),
  );
});

test("the local timeline shows public posts and leaves out the rest", async () => {
  const open = await alice.v1.statuses.create({ status: unique("for everyone"), visibility: "public" });
  const quiet = await alice.v1.statuses.create({ status: unique("not on timelines"), visibility: "unlisted" });
  const local = await carol.v1.timelines.public.list({ local: true, limit: 40 });
  const ids = local.map((s) => s.id);
  assert.ok(ids.includes(open.id));
  assert.ok(!ids.includes(quiet.id), "an unlisted post stays off public timelines");
});

test("the hashtag timeline gathers a tag's posts", async () => {
  const tag = `e2etag${Date.now()}`;
  const tagged = await carol.v1.statuses.create({ status: `about #${tag}` });
  const other = await carol.v1.statuses.create({ status: unique("untagged") });
  const found = await alice.v1.timelines.tag.$select(tag).list();
  assert.deepEqual(found.map((s) => s.id), [tagged.id]);
  assert.deepEqual(found[0].tags.map((t) => t.name), [tag]);
  assert.ok(!found.some((s) => s.id === other.id));
});

test("a followed hashtag is listed, brings its posts home, and can be unfollowed", async () => {
  const tag = `followme${Date.now()}`;
  const followed = await alice.v1.tags.$select(tag).follow();
  assert.equal(followed.name, tag);
  assert.equal(followed.following, true);
  const listed = await readPages(alice.v1.followedTags.list());
  assert.ok(listed.flat().some((t) => t.name === tag));

  // Bob is someone alice does not follow: only the tag brings his post to her.
  const post = await bob.v1.statuses.create({ status: `news on #${tag}` });
  const home = await alice.v1.timelines.home.list({ limit: 40 });
  assert.ok(home.some((s) => s.id === post.id), "a followed tag's public post is on the home timeline");

  const unfollowed = await alice.v1.tags.$select(tag).unfollow();
  assert.equal(unfollowed.following, false);
  assert.ok(!(await readPages(alice.v1.followedTags.list())).flat().some((t) => t.name === tag));
});
