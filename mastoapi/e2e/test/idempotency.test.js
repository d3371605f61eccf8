// A retried post with the same Idempotency-Key, as apps send it on flaky networks,
// posts once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, bob, unique } from "../lib/fedigraph.js";

const withKey = (key) => ({ requestInit: { headers: { "Idempotency-Key": key } } });

test("the same Idempotency-Key posts once and answers the first status", async () => {
  const key = unique("key").replaceAll(" ", "-");
  const text = unique("posted once");
  const first = await alice.v1.statuses.create({ status: text }, withKey(key));
  const retry = await alice.v1.statuses.create({ status: text }, withKey(key));
  assert.equal(retry.id, first.id);
  const burst = await Promise.all([1, 2, 3].map(() => alice.v1.statuses.create({ status: text }, withKey(`${key}-burst`))));
  assert.equal(new Set(burst.map((s) => s.id)).size, 1, "copies sent at once post one status");
  assert.notEqual(burst[0].id, first.id, "another key posts anew");
  const bobs = await bob.v1.statuses.create({ status: text }, withKey(key));
  assert.notEqual(bobs.id, first.id, "keys are per account");
});
