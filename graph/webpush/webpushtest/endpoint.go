// Package webpushtest plays a push service for tests: a loopback endpoint that
// receives pushes and decrypts them with the subscriber's private key (RFC 8291,
// aes128gcm), as a browser would, so that tests can read what was pushed.
package webpushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// Push is one push the endpoint received.
type Push struct {
	Header http.Header
	// Payload is the decrypted body.
	Payload []byte
	// Err is why the body could not be decrypted, if it could not.
	Err error
}

// Endpoint is a push service with one subscriber.
type Endpoint struct {
	URL          string // where pushes are posted
	P256dh, Auth string // the subscriber's keys, base64url as browsers give them

	key    *ecdh.PrivateKey
	secret []byte
	pushes chan Push
	status atomic.Int32
}

// New starts an endpoint on loopback until t ends.
func New(t testing.TB) *Endpoint {
	t.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	e := &Endpoint{key: key, secret: make([]byte, 16), pushes: make(chan Push, 32)}
	rand.Read(e.secret)
	e.P256dh = base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes())
	e.Auth = base64.RawURLEncoding.EncodeToString(e.secret)
	e.status.Store(http.StatusCreated)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 8<<10))
		p := Push{Header: r.Header.Clone(), Err: err}
		if err == nil {
			p.Payload, p.Err = e.decrypt(body)
		}
		select {
		case e.pushes <- p:
		default:
		}
		w.WriteHeader(int(e.status.Load()))
	}))
	t.Cleanup(srv.Close)
	e.URL = srv.URL + "/push/subscriber-1"
	return e
}

// Answer makes the endpoint answer further pushes with status (201 by default; 410
// says the subscription is gone).
func (e *Endpoint) Answer(status int) { e.status.Store(int32(status)) }

// Next waits up to d for the next push.
func (e *Endpoint) Next(d time.Duration) (Push, bool) {
	select {
	case p := <-e.pushes:
		return p, true
	case <-time.After(d):
		return Push{}, false
	}
}

// decrypt reverses RFC 8291's aes128gcm encoding of one record.
func (e *Endpoint) decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("body shorter than the aes128gcm header")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idlen || rs < 18 {
		return nil, errors.New("malformed aes128gcm header")
	}
	serverKey, err := ecdh.P256().NewPublicKey(body[21 : 21+idlen])
	if err != nil {
		return nil, fmt.Errorf("the header's key id is not the server's P-256 key: %w", err)
	}
	record := body[21+idlen:]
	shared, err := e.key.ECDH(serverKey)
	if err != nil {
		return nil, err
	}
	info := append([]byte("WebPush: info\x00"), e.key.PublicKey().Bytes()...)
	info = append(info, serverKey.Bytes()...)
	ikm, err := hkdf.Key(sha256.New, shared, e.secret, string(info), 32)
	if err != nil {
		return nil, err
	}
	prk, err := hkdf.Extract(sha256.New, ikm, salt)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, record, nil)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	// The last record ends with the delimiter 0x02 and zero padding.
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 2 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}
