// Lists of followed accounts and the list timeline.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, carol, httpStatus, self, unique } from "../lib/fedigraph.js";

test("a list of followed accounts has its own timeline", async () => {
  const carolID = (await self(carol)).id;
  await alice.v1.accounts.$select(carolID).follow();

  const list = await alice.v1.lists.create({ title: unique("friends") });
  assert.equal(list.title.startsWith("friends"), true);
  await alice.v1.lists.$select(list.id).accounts.create({ accountIds: [carolID] });
  const members = await alice.v1.lists.$select(list.id).accounts.list();
  assert.deepEqual(members.map((a) => a.id), [carolID]);
  const carolsLists = await alice.v1.accounts.$select(carolID).lists.list();
  assert.ok(carolsLists.some((l) => l.id === list.id));

  const post = await carol.v1.statuses.create({ status: unique("for the list") });
  const timeline = await alice.v1.timelines.list.$select(list.id).list({ limit: 20 });
  assert.ok(timeline.some((s) => s.id === post.id), "a member's post is on the list timeline");

  const renamed = await alice.v1.lists.$select(list.id).update({ title: "renamed" });
  assert.equal(renamed.title, "renamed");
  assert.ok((await alice.v1.lists.list()).some((l) => l.id === list.id && l.title === "renamed"));

  await alice.v1.lists.$select(list.id).accounts.remove({ accountIds: [carolID] });
  assert.deepEqual(await alice.v1.lists.$select(list.id).accounts.list(), []);
  await alice.v1.lists.$select(list.id).remove();
  await assert.rejects(alice.v1.lists.$select(list.id).fetch(), httpStatus(404));
});

test("another account's list is not found", async () => {
  const list = await alice.v1.lists.create({ title: unique("private") });
  await assert.rejects(carol.v1.lists.$select(list.id).fetch(), httpStatus(404));
  // A paginator is only thenable; assert.rejects wants a real promise.
  await assert.rejects(async () => carol.v1.timelines.list.$select(list.id).list(), httpStatus(404));
});
