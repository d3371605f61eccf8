// Polls: posted with a status, voted on by others, tallied for everyone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { alice, bob, carol, httpStatus, unique } from "../lib/fedigraph.js";

test("a poll posted with a status can be voted on and shows the tally", async () => {
  const post = await alice.v1.statuses.create({
    status: unique("tea or coffee?"),
    poll: { options: ["tea", "coffee"], expiresIn: 3600 },
  });
  assert.deepEqual(post.poll.options.map((o) => o.title), ["tea", "coffee"]);
  assert.equal(post.poll.expired, false);

  const voted = await carol.v1.polls.$select(post.poll.id).votes.create({ choices: [1] });
  assert.equal(voted.voted, true);
  assert.deepEqual(voted.ownVotes, [1]);
  assert.equal(voted.votesCount, 1);
  await assert.rejects(carol.v1.polls.$select(post.poll.id).votes.create({ choices: [0] }), httpStatus(422));

  const seen = await bob.v1.polls.$select(post.poll.id).fetch();
  assert.deepEqual(seen.options.map((o) => o.votesCount), [0, 1]);
  assert.equal(seen.voted, false);
});

test("a multiple-choice poll takes several choices", async () => {
  const post = await alice.v1.statuses.create({
    status: unique("which days?"),
    poll: { options: ["mon", "tue", "wed"], expiresIn: 3600, multiple: true },
  });
  const voted = await bob.v1.polls.$select(post.poll.id).votes.create({ choices: [0, 2] });
  assert.deepEqual([...voted.ownVotes].sort(), [0, 2]);
  assert.equal(voted.votersCount, 1);
  assert.equal(voted.votesCount, 2);
});
