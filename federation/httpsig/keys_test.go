package httpsig

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestKeyPEMRoundTrip(t *testing.T) {
	testKeys(t)
	priv, err := ParsePrivateKeyPEM(EncodePrivateKeyPEM(keyOld))
	if err != nil {
		t.Fatal(err)
	}
	if !priv.Equal(keyOld) {
		t.Fatal("private key changed in a PEM round trip")
	}
	pubPEM, err := EncodePublicKeyPEM(&keyOld.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pubPEM, "-----BEGIN PUBLIC KEY-----\n") {
		t.Fatalf("public key PEM is not PKIX: %q", pubPEM[:40])
	}
	pub, err := ParsePublicKeyPEM(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !keyOld.PublicKey.Equal(pub) {
		t.Fatal("public key changed in a PEM round trip")
	}
	if keyOld.N.BitLen() != 2048 {
		t.Fatalf("GenerateKey made a %d-bit key", keyOld.N.BitLen())
	}

	// A key stored and parsed back still signs what the public PEM verifies.
	req, _ := http.NewRequest("GET", getURL, nil)
	req.Header.Set("Date", fixedNowHTTPDate)
	if err := (Signer{KeyID: testKeyID, Key: priv}).SignRequest(req, nil); err != nil {
		t.Fatal(err)
	}
	res := &resolver{keys: []crypto.PublicKey{pub}}
	if _, err := (Verifier{Resolve: res.resolve, Now: func() time.Time { return fixedNow }}).Verify(context.Background(), req, nil); err != nil {
		t.Fatal(err)
	}
}

func TestParsePublicKeyPEM(t *testing.T) {
	testKeys(t)
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&keyOld.PublicKey)}))
	edDER, _ := x509.MarshalPKIXPublicKey(edPub)
	edPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: edDER}))
	pkix, _ := EncodePublicKeyPEM(&keyOld.PublicKey)

	for _, tc := range []struct {
		name    string
		pem     string
		wantRSA bool
		wantEd  bool
	}{
		{name: "PKIX RSA", pem: pkix, wantRSA: true},
		{name: "PKIX RSA with CRLF and spaces", pem: "  \n" + strings.ReplaceAll(pkix, "\n", "\r\n"), wantRSA: true},
		{name: "PKCS#1 RSA", pem: pkcs1, wantRSA: true},
		{name: "PKIX Ed25519", pem: edPEM, wantEd: true},
		{name: "PKIX ECDSA refused", pem: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfxKsB+5nX6sL+7foLhboiHgDLOcw\nRLFXO63SN7NGlZoowpfJ4mDUA2Oma0myNnYkcqnOcOIeyBM+sxs9Z4IEeg==\n-----END PUBLIC KEY-----\n"},
		{name: "512-bit RSA refused", pem: "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMhPTyLtgZ2QjqcD7SeS2WwxzW9nR754\nT+t4NwzCfDuypHUufCWp7/KUpjyyd3iv2Sf1zREw/cV86MI/jBwtNPECAwEAAQ==\n-----END PUBLIC KEY-----\n"},
		{name: "private key is not a public key", pem: EncodePrivateKeyPEM(keyOld)},
		{name: "garbage", pem: "not a key"},
		{name: "empty", pem: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub, err := ParsePublicKeyPEM(tc.pem)
			if !tc.wantRSA && !tc.wantEd {
				if err == nil {
					t.Fatalf("parsed %T", pub)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch k := pub.(type) {
			case *rsa.PublicKey:
				if !tc.wantRSA || !k.Equal(&keyOld.PublicKey) {
					t.Fatalf("got RSA key, want %+v", tc)
				}
			case ed25519.PublicKey:
				if !tc.wantEd || !bytes.Equal(k, edPub) {
					t.Fatalf("got Ed25519 key, want %+v", tc)
				}
			default:
				t.Fatalf("got %T", pub)
			}
		})
	}
}

func TestParsePrivateKeyPEM(t *testing.T) {
	testKeys(t)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(keyOld)
	edPKCS8, _ := x509.MarshalPKCS8PrivateKey(edPriv)
	for _, tc := range []struct {
		name string
		pem  string
		ok   bool
	}{
		{"PKCS#1", EncodePrivateKeyPEM(keyOld), true},
		{"PKCS#8", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})), true},
		{"PKCS#8 Ed25519 refused", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edPKCS8})), false},
		{"public key refused", func() string { s, _ := EncodePublicKeyPEM(&keyOld.PublicKey); return s }(), false},
		{"garbage", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := ParsePrivateKeyPEM(tc.pem)
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok && !k.Equal(keyOld) {
				t.Fatal("wrong key")
			}
		})
	}
}

func TestSignerRefusesBadInput(t *testing.T) {
	testKeys(t)
	req, _ := http.NewRequest("GET", getURL, nil)
	for _, s := range []Signer{
		{KeyID: testKeyID},
		{Key: keyOld},
		{KeyID: `https://x.example/a,b`, Key: keyOld},
	} {
		if err := s.SignRequest(req, nil); err == nil {
			t.Errorf("signed with %+v", s.KeyID)
		}
	}
	// Signing twice replaces the signature instead of adding a second one.
	s := Signer{KeyID: testKeyID, Key: keyOld}
	post, _ := http.NewRequest("POST", inboxURL, nil)
	if err := s.SignRequest(post, activity); err != nil {
		t.Fatal(err)
	}
	if err := s.SignRequest(post, activity); err != nil {
		t.Fatal(err)
	}
	if n := len(post.Header.Values("Signature")); n != 1 {
		t.Fatalf("%d Signature headers after signing twice", n)
	}
}

func BenchmarkVerify(b *testing.B) {
	testKeys(b)
	req := newClientRequest(b, "POST", inboxURL, activity)
	if err := (Signer{KeyID: testKeyID, Key: keyOld}).SignRequest(req, activity); err != nil {
		b.Fatal(err)
	}
	sreq := overTheWire(b, req, activity)
	res := &resolver{keys: []crypto.PublicKey{&keyOld.PublicKey}}
	v := Verifier{Resolve: res.resolve, Now: func() time.Time { return fixedNow }}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, sreq, activity); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	testKeys(b)
	s := Signer{KeyID: testKeyID, Key: keyOld}
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest("POST", inboxURL, nil)
		if err := s.SignRequest(req, activity); err != nil {
			b.Fatal(err)
		}
	}
}
