// Scheduling a status as an app does: a ScheduledStatus comes back instead of a
// status, listed, moved and cancelled.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, httpStatus, unique } from "../lib/fedigraph.js";

test("a status scheduled for tomorrow is listed, moved and cancelled", async () => {
  const text = unique("scheduled");
  const at = new Date(Date.now() + 24 * 3600 * 1000);
  at.setMilliseconds(0);
  const scheduled = await alice.v1.statuses.create({ status: text, scheduledAt: at.toISOString(), visibility: "unlisted" });
  assert.ok(scheduled.id);
  assert.equal(scheduled.params.text, text);
  assert.equal(scheduled.params.visibility, "unlisted");
  assert.equal(new Date(scheduled.scheduledAt).getTime(), at.getTime());

  const listed = await alice.v1.scheduledStatuses.list({ limit: 40 });
  assert.ok(listed.some((s) => s.id === scheduled.id));
  const later = new Date(at.getTime() + 3600 * 1000);
  const moved = await alice.v1.scheduledStatuses.$select(scheduled.id).update({ scheduledAt: later.toISOString() });
  assert.equal(new Date(moved.scheduledAt).getTime(), later.getTime());
  await alice.v1.scheduledStatuses.$select(scheduled.id).remove();
  await assert.rejects(alice.v1.scheduledStatuses.$select(scheduled.id).fetch(), httpStatus(404));
});
