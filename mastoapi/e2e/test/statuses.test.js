// Posting, replying and reading a thread; favourite, boost and bookmark as the
// viewer sees them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, bob, carol, httpStatus, self, unique } from "../lib/fedigraph.js";

test("a post and a reply make a thread that context shows from either end", async () => {
  const text = unique("thread start");
  const post = await alice.v1.statuses.create({ status: text, visibility: "public" });
  assert.match(post.content, new RegExp(text));
  assert.equal(post.account.username, "alice");
  assert.equal(post.visibility, "public");

  const reply = await bob.v1.statuses.create({ status: `@alice ${unique("a reply")}`, inReplyToId: post.id });
  assert.equal(reply.inReplyToId, post.id);
  assert.equal(reply.inReplyToAccountId, (await self(alice)).id);
  assert.deepEqual(reply.mentions.map((m) => m.acct), ["alice"]);

  const below = await carol.v1.statuses.$select(post.id).context.fetch();
  assert.deepEqual(below.ancestors, []);
  assert.deepEqual(below.descendants.map((s) => s.id), [reply.id]);
  const above = await carol.v1.statuses.$select(reply.id).context.fetch();
  assert.deepEqual(above.ancestors.map((s) => s.id), [post.id]);
  assert.deepEqual(above.descendants, []);

  const fetched = await carol.v1.statuses.$select(post.id).fetch();
  assert.equal(fetched.repliesCount, 1);
});

test("favourite, boost and bookmark show in the viewer's flags and nobody else's", async () => {
  const post = await carol.v1.statuses.create({ status: unique("worth keeping") });
  const one = alice.v1.statuses.$select(post.id);

  const faved = await one.favourite();
  assert.equal(faved.favourited, true);
  assert.equal(faved.favouritesCount, 1);
  const boost = await one.reblog();
  assert.equal(boost.reblog.id, post.id, "reblog returns the boost wrapping the post");
  assert.equal(boost.reblog.reblogged, true);
  const marked = await one.bookmark();
  assert.equal(marked.bookmarked, true);

  const seen = await one.fetch();
  assert.deepEqual(
    [seen.favourited, seen.reblogged, seen.bookmarked, seen.favouritesCount, seen.reblogsCount],
    [true, true, true, 1, 1],
  );
  const byOther = await bob.v1.statuses.$select(post.id).fetch();
  assert.deepEqual([byOther.favourited, byOther.reblogged, byOther.bookmarked], [false, false, false]);

  const favers = await carol.v1.statuses.$select(post.id).favouritedBy.list();
  assert.deepEqual(favers.map((a) => a.username), ["alice"]);
  const boosters = await carol.v1.statuses.$select(post.id).rebloggedBy.list();
  assert.deepEqual(boosters.map((a) => a.username), ["alice"]);

  await one.unfavourite();
  await one.unreblog();
  const undone = await one.unbookmark();
  assert.deepEqual([undone.favourited, undone.reblogged, undone.bookmarked], [false, false, false]);
  assert.equal(undone.favouritesCount, 0);
});

test("bookmarks and favourites list what the viewer kept, newest first", async () => {
  const first = await carol.v1.statuses.create({ status: unique("keep me first") });
  const second = await carol.v1.statuses.create({ status: unique("keep me second") });
  for (const s of [first, second]) {
    await alice.v1.statuses.$select(s.id).bookmark();
    await alice.v1.statuses.$select(s.id).favourite();
  }
  const bookmarks = await alice.v1.bookmarks.list({ limit: 2 });
  assert.deepEqual(bookmarks.map((s) => s.id), [second.id, first.id]);
  const favourites = await alice.v1.favourites.list({ limit: 2 });
  assert.deepEqual(favourites.map((s) => s.id), [second.id, first.id]);
});

test("an edit keeps its history and a delete hands back the source", async () => {
  const post = await alice.v1.statuses.create({ status: unique("first draft") });
  const edited = await alice.v1.statuses.$select(post.id).update({ status: "second draft" });
  assert.match(edited.content, /second draft/);
  assert.ok(edited.editedAt, "an edited status has edited_at");
  const history = await alice.v1.statuses.$select(post.id).history.list();
  assert.equal(history.length, 2);
  assert.match(history[0].content, /first draft/);

  const deleted = await alice.v1.statuses.$select(post.id).remove();
  assert.equal(deleted.text, "second draft");
  await assert.rejects(alice.v1.statuses.$select(post.id).fetch(), httpStatus(404));
});

test("someone else's post cannot be deleted", async () => {
  const post = await carol.v1.statuses.create({ status: unique("mine alone") });
  // Mastodon answers 404, as if the post were not there to delete.
  await assert.rejects(alice.v1.statuses.$select(post.id).remove(), httpStatus(404));
  assert.equal((await carol.v1.statuses.$select(post.id).fetch()).id, post.id);
});
