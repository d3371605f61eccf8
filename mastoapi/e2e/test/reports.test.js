// Reports: a user flags an account and some of its posts for the moderators.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, carol, httpStatus, self, unique } from "../lib/fedigraph.js";

test("a report names the account and the reported posts", async () => {
  const carolID = (await self(carol)).id;
  const post = await carol.v1.statuses.create({ status: unique("buy cheap watches") });
  const report = await alice.v1.reports.create({
    accountId: carolID,
    statusIds: [post.id],
    comment: "spam",
    category: "spam",
  });
  assert.equal(report.targetAccount.id, carolID);
  assert.deepEqual(report.statusIds, [post.id]);
  assert.equal(report.category, "spam");
  assert.equal(report.actionTaken, false);
});

test("a report of someone else's post under another name is refused", async () => {
  const post = await alice.v1.statuses.create({ status: unique("not carol's") });
  // Mastodon looks the posts up among the reported account's own: not there is 404.
  await assert.rejects(
    alice.v1.reports.create({ accountId: (await self(carol)).id, statusIds: [post.id], category: "other" }),
    httpStatus(404),
  );
});
