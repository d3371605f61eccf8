// Markers: where the reader stopped, saved from one app and read back by another.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bob, unique } from "../lib/fedigraph.js";

test("a saved marker is read back, its version rising with each save", async () => {
  const first = await bob.v1.statuses.create({ status: unique("read up to here") });
  const saved = await bob.v1.markers.create({ home: { lastReadId: first.id } });
  assert.equal(saved.home.lastReadId, first.id);

  const read = await bob.v1.markers.fetch({ timeline: ["home", "notifications"] });
  assert.equal(read.home.lastReadId, first.id);
  assert.ok(read.home.updatedAt, "a marker says when it was saved");

  const second = await bob.v1.statuses.create({ status: unique("and now here") });
  const again = await bob.v1.markers.create({ home: { lastReadId: second.id } });
  assert.equal(again.home.lastReadId, second.id);
  assert.ok(again.home.version > saved.home.version, "each save raises the version");
});
