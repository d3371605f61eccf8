#!/bin/sh
# Regenerates the Mastodon-style signature fixtures with OpenSSL alone, so the
# test checks fedigraph against an independent signer. It builds the signing
# string exactly as Mastodon's app/lib/request.rb does (every header it sets
# except User-Agent and Accept-Encoding, lower-cased, "name: value" joined by
# "\n"; Digest "SHA-256=" + base64) and signs it RSA-SHA256 (PKCS#1 v1.5).
# Prints the values that mastodon_test.go hard-codes.
set -eu
cd "$(dirname "$0")"
[ -f mastodon_key.pem ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out mastodon_key.pem
openssl pkey -in mastodon_key.pem -pubout -out mastodon_public.pem
date='Tue, 07 Jan 2025 12:00:00 GMT'
digest="SHA-256=$(openssl dgst -sha256 -binary mastodon_create.json | base64 -w0)"
printf '(request-target): post /users/bob/inbox\nhost: fedi.example\ndate: %s\ndigest: %s\ncontent-type: application/activity+json' "$date" "$digest" > post.sigstr
printf '(request-target): get /users/bob/outbox?page=true\nhost: fedi.example\ndate: %s\naccept: application/activity+json, application/ld+json' "$date" > get.sigstr
echo "digest:   $digest"
echo "post sig: $(openssl dgst -sha256 -sign mastodon_key.pem post.sigstr | base64 -w0)"
echo "get sig:  $(openssl dgst -sha256 -sign mastodon_key.pem get.sigstr | base64 -w0)"
rm post.sigstr get.sigstr
