// Grouped notifications (/api/v2/notifications) as Mastodon 4.3 apps read them through
// masto.js: favourites of one status in one group, accounts and statuses once beside
// the groups, one group fetched, its accounts, dismissed, and the unread group count.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, bob, carol, httpStatus, self, unique } from "../lib/fedigraph.js";

test("favourites of one status come as one group", async () => {
  const post = await alice.v1.statuses.create({ status: unique("group these") });
  await bob.v1.statuses.$select(post.id).favourite();
  await carol.v1.statuses.$select(post.id).favourite();
  const mention = await carol.v1.statuses.create({ status: `@alice ${unique("apart")}` });

  const page = await alice.v2.notifications.list({ limit: 10, types: ["favourite", "mention"] });
  const favs = page.notificationGroups.find((g) => g.type === "favourite" && g.statusId === post.id);
  assert.ok(favs, "a favourite group about the post");
  assert.equal(favs.notificationsCount, 2);
  assert.match(favs.groupKey, new RegExp(`^favourite-${post.id}-\\d+$`));
  const [me, b, c] = await Promise.all([self(alice), self(bob), self(carol)]);
  assert.deepEqual(favs.sampleAccountIds, [c.id, b.id], "newest first");
  assert.ok(favs.pageMaxId && favs.pageMinId && favs.latestPageNotificationAt, "the page range of a real group");
  assert.ok(page.statuses.some((s) => s.id === post.id), "the status comes beside the groups");
  assert.equal(new Set(page.accounts.map((a) => a.id)).size, page.accounts.length, "each account once");
  assert.ok(page.accounts.some((a) => a.id === b.id) && page.accounts.some((a) => a.id === c.id));
  assert.ok(!page.accounts.some((a) => a.id === me.id));

  const alone = page.notificationGroups.find((g) => g.type === "mention" && g.statusId === mention.id);
  assert.ok(alone, "the mention is a group of its own");
  assert.match(alone.groupKey, /^ungrouped-/);

  const ungrouped = await alice.v2.notifications.list({ limit: 10, types: ["favourite"], groupedTypes: ["follow"] });
  assert.equal(
    ungrouped.notificationGroups.filter((g) => g.statusId === post.id).length,
    2,
    "not grouped when the client cannot show grouped favourites",
  );
});

test("a group is fetched, its accounts listed, then dismissed", async () => {
  const post = await alice.v1.statuses.create({ status: unique("dismiss the group") });
  await bob.v1.statuses.$select(post.id).reblog();
  await carol.v1.statuses.$select(post.id).reblog();
  const page = await alice.v2.notifications.list({ limit: 5, types: ["reblog"] });
  const group = page.notificationGroups.find((g) => g.statusId === post.id);
  assert.equal(group?.notificationsCount, 2);

  const one = await alice.v2.notifications.$select(group.groupKey).fetch();
  assert.equal(one.notificationGroups.length, 1);
  assert.equal(one.notificationGroups[0].groupKey, group.groupKey);
  const accounts = await alice.v2.notifications.$select(group.groupKey).accounts.fetch();
  assert.deepEqual(
    accounts.map((a) => a.username),
    ["carol", "bob"],
  );
  await assert.rejects(bob.v2.notifications.$select(group.groupKey).fetch(), httpStatus(404), "not bob's");
  await alice.v2.notifications.$select(group.groupKey).dismiss();
  await assert.rejects(alice.v2.notifications.$select(group.groupKey).fetch(), httpStatus(404), "dismissed");
});

test("the unread count counts groups", async () => {
  const { count } = await alice.v2.notifications.unreadCount.fetch({ limit: 1000 });
  const flat = await alice.v1.notifications.unreadCount.fetch({ limit: 1000 });
  assert.equal(typeof count, "number");
  assert.ok(count <= flat.count, `groups (${count}) are no more than notifications (${flat.count})`);
});
