// A Web Push subscription as an app makes one through masto.js: subscribed with the
// browser's keys, read back with the instance's VAPID key, changed and removed.
// (Delivery to a push service is tested in Go, where a loopback endpoint decrypts it:
// the server refuses to push to private addresses such as this machine's.)
import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { test } from "node:test";
import { alice, httpStatus } from "../lib/fedigraph.js";

test("a push subscription is made, read, changed and removed", async () => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const keys = { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
  const endpoint = `https://push.example/send/${randomBytes(8).toString("hex")}`;
  const made = await alice.v1.push.subscription.create({
    subscription: { endpoint, keys },
    data: { alerts: { mention: true, favourite: true } },
    policy: "followed",
  });
  assert.equal(made.endpoint, endpoint);
  assert.equal(made.alerts.mention, true);
  assert.equal(made.alerts.follow, false);
  assert.equal(made.policy, "followed");
  const instance = await alice.v2.instance.fetch();
  assert.ok(made.serverKey, "the VAPID key");
  assert.equal(made.serverKey, instance.configuration.vapid.publicKey);

  const read = await alice.v1.push.subscription.fetch();
  assert.equal(read.id, made.id);
  const changed = await alice.v1.push.subscription.update({ data: { alerts: { follow: true } } });
  assert.equal(changed.alerts.follow, true);
  assert.equal(changed.alerts.mention, true, "alerts not named keep their value");

  await alice.v1.push.subscription.remove();
  await assert.rejects(alice.v1.push.subscription.fetch(), httpStatus(404));
});
