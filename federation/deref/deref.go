// Package deref fetches what fedigraph does not have yet from the server that owns it:
// remote accounts (by actor URI, by @user@domain through WebFinger, or by signing key),
// and statuses (replies up a thread, boosted posts, search lookups). Everything goes
// through the SSRF-guarded transport client, signed with the instance actor's key
// (servers in authorized-fetch mode require that), and every fetched document must
// come from the host that its id names, so one server cannot speak for another.
//
// What is fetched is written through a Store (federation/ingest), so a fetched status
// reaches timelines and notifications like one delivered to the inbox.
package deref

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Accept is what fedigraph asks servers for when it fetches an ActivityPub object.
const Accept = `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`

// Store writes fetched objects; federation/ingest implements it.
type Store interface {
	UpsertAccount(ctx context.Context, a *ap.Actor) (*ent.Account, error)
	UpsertStatus(ctx context.Context, n *ap.Note, author *ent.Account) (*ent.Status, bool, error)
}

// Dereferencer fetches remote accounts and statuses.
type Dereferencer struct {
	DB     *store.DB
	Client *transport.Client
	Store  Store
	// Signer is the instance actor's key, which signs every fetch.
	Signer *httpsig.Signer
	// Host is this instance's host: its own objects are never fetched.
	Host string
	// Protocol is the scheme WebFinger is reached by: "https", or "http" for local
	// testing.
	Protocol string
	// RefreshAfter is how old a remote account may grow before it is fetched again
	// on use (default 24h).
	RefreshAfter time.Duration
	// MaxThreadDepth bounds how far up a thread one fetch may walk (default 20).
	MaxThreadDepth int

	// inflight collapses concurrent fetches of the same URI into one.
	inflight sync.Map // uri → *call
	// keyFetches remembers when each signing key was last fetched, so that requests
	// with bad signatures cannot make this server refetch a key (or retry a failing
	// one) more than once per keyRefetchInterval.
	keyMu      sync.Mutex
	keyFetches map[string]time.Time
}

// keyRefetchInterval is how often one key may be fetched again.
const keyRefetchInterval = time.Minute

// maxKeyFetchRecords bounds the memory keyFetches may take; past it the record starts over.
const maxKeyFetchRecords = 10000

// mayFetchKey records a fetch of keyID and reports whether it is allowed now.
func (d *Dereferencer) mayFetchKey(keyID string) bool {
	d.keyMu.Lock()
	defer d.keyMu.Unlock()
	now := time.Now()
	if last, ok := d.keyFetches[keyID]; ok && now.Sub(last) < keyRefetchInterval {
		return false
	}
	if d.keyFetches == nil || len(d.keyFetches) >= maxKeyFetchRecords {
		d.keyFetches = map[string]time.Time{}
	}
	d.keyFetches[keyID] = now
	return true
}

type call struct {
	done chan struct{}
	acc  *ent.Account
	err  error
}

// ErrNotFound is returned for objects the remote server does not have (or will not
// show) and for addresses that are not remote objects at all.
var ErrNotFound = apperr.NotFoundf("remote object not found")

// ErrForeign is returned when a document is not owned by the host it came from.
var ErrForeign = errors.New("document's id is on another host than the one it came from")

type depthKey struct{}

// Account returns the remote account with the actor URI uri, fetching it when it is
// unknown or stale. A stale account whose server fails stays as it was.
func (d *Dereferencer) Account(ctx context.Context, uri string) (*ent.Account, error) {
	known, err := d.DB.Account.Query().Where(account.URI(uri)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("look up account %s: %w", uri, err)
	}
	if known != nil && (known.Domain == "" || !d.stale(known)) {
		return known, nil
	}
	if known == nil && d.isLocal(uri) {
		return nil, ErrNotFound
	}
	fetched, err := d.fetchAccount(ctx, uri)
	if err != nil && known != nil {
		return known, nil
	}
	return fetched, err
}

// Refresh fetches the account again whatever its age (key rotation, Update).
func (d *Dereferencer) Refresh(ctx context.Context, uri string) (*ent.Account, error) {
	return d.fetchAccount(ctx, uri)
}

func (d *Dereferencer) stale(a *ent.Account) bool {
	refresh := d.RefreshAfter
	if refresh == 0 {
		refresh = 24 * time.Hour
	}
	return a.FetchedAt == nil || time.Since(*a.FetchedAt) > refresh
}

// fetchAccount fetches and stores an actor; concurrent calls for one URI share a fetch.
func (d *Dereferencer) fetchAccount(ctx context.Context, uri string) (*ent.Account, error) {
	c := &call{done: make(chan struct{})}
	if prev, loaded := d.inflight.LoadOrStore(uri, c); loaded {
		p := prev.(*call)
		select {
		case <-p.done:
			return p.acc, p.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	defer func() {
		d.inflight.Delete(uri)
		close(c.done)
	}()
	c.acc, c.err = d.doFetchAccount(ctx, uri)
	return c.acc, c.err
}

func (d *Dereferencer) doFetchAccount(ctx context.Context, uri string) (*ent.Account, error) {
	body, err := d.fetch(ctx, uri, 1<<20)
	if err != nil {
		return nil, err
	}
	actor, err := ap.ParseActor(body)
	if err != nil {
		return nil, fmt.Errorf("fetch account %s: %w", uri, err)
	}
	if !sameHost(actor.ID, uri) {
		return nil, fmt.Errorf("fetch account %s: %w", uri, ErrForeign)
	}
	if actor.PublicKeyOwner != "" && actor.PublicKeyOwner != actor.ID {
		return nil, fmt.Errorf("fetch account %s: its key belongs to %s", uri, actor.PublicKeyOwner)
	}
	return d.Store.UpsertAccount(ctx, actor)
}

// fetch GETs an ActivityPub document, refusing suspended domains and this instance.
func (d *Dereferencer) fetch(ctx context.Context, uri string, limit int64) ([]byte, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return nil, ErrNotFound
	}
	if d.isLocal(uri) {
		return nil, ErrNotFound
	}
	suspended, err := domains.Suspended(ctx, d.DB.Client, u.Host)
	if err != nil {
		return nil, err
	}
	if suspended {
		return nil, apperr.Forbiddenf("%s is suspended", u.Hostname())
	}
	resp, err := d.Client.Fetch(ctx, uri, transport.FetchOptions{Signer: d.Signer, Accept: Accept, MaxBodyBytes: limit})
	var se *transport.StatusError
	if errors.As(err, &se) && (se.Code == 404 || se.Code == 410) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", uri, err)
	}
	if resp.FinalURL != "" && !sameHost(resp.FinalURL, uri) {
		return nil, fmt.Errorf("fetch %s: redirected to %s: %w", uri, resp.FinalURL, ErrForeign)
	}
	return resp.Body, nil
}

// Status returns the status with the ActivityPub id uri, fetching it (and its author,
// and, within MaxThreadDepth, what it replies to) when unknown.
func (d *Dereferencer) Status(ctx context.Context, uri string) (*ent.Status, error) {
	known, err := d.DB.Status.Query().Where(status.URI(uri)).Only(ctx)
	if err == nil {
		return known, nil
	}
	if !ent.IsNotFound(err) {
		return nil, fmt.Errorf("look up status %s: %w", uri, err)
	}
	if d.isLocal(uri) {
		return nil, ErrNotFound
	}
	depth, _ := ctx.Value(depthKey{}).(int)
	max := d.MaxThreadDepth
	if max == 0 {
		max = 20
	}
	if depth >= max {
		return nil, ErrNotFound
	}
	ctx = context.WithValue(ctx, depthKey{}, depth+1)
	body, err := d.fetch(ctx, uri, 1<<20)
	if err != nil {
		return nil, err
	}
	note, err := ap.ParseNote(body)
	if err != nil {
		return nil, fmt.Errorf("fetch status %s: %w", uri, err)
	}
	if !sameHost(note.ID, uri) || !sameHost(note.AttributedTo, uri) {
		return nil, fmt.Errorf("fetch status %s: %w", uri, ErrForeign)
	}
	author, err := d.Account(ctx, note.AttributedTo)
	if err != nil {
		return nil, err
	}
	st, _, err := d.Store.UpsertStatus(ctx, note, author)
	return st, err
}

// AccountByHandle finds @username@domain: a known account, or one WebFinger points to.
func (d *Dereferencer) AccountByHandle(ctx context.Context, username, domain string) (*ent.Account, error) {
	domain = strings.ToLower(domain)
	known, err := d.DB.Account.Query().Where(account.UsernameEqualFold(username), account.Domain(domain)).Only(ctx)
	if err == nil && !d.stale(known) {
		return known, nil
	}
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("look up @%s@%s: %w", username, domain, err)
	}
	uri, ferr := d.Finger(ctx, username, domain)
	if ferr != nil {
		if known != nil {
			return known, nil
		}
		return nil, ferr
	}
	return d.Account(ctx, uri)
}

// Finger asks domain's WebFinger endpoint for the actor URI of username@domain.
func (d *Dereferencer) Finger(ctx context.Context, username, domain string) (string, error) {
	proto := d.Protocol
	if proto == "" {
		proto = "https"
	}
	q := url.Values{"resource": {"acct:" + username + "@" + domain}}
	endpoint := proto + "://" + domain + "/.well-known/webfinger?" + q.Encode()
	suspended, err := domains.Suspended(ctx, d.DB.Client, domain)
	if err != nil {
		return "", err
	}
	if suspended {
		return "", apperr.Forbiddenf("%s is suspended", domain)
	}
	resp, err := d.Client.Fetch(ctx, endpoint, transport.FetchOptions{Accept: "application/jrd+json, application/json", MaxBodyBytes: 64 << 10})
	var se *transport.StatusError
	if errors.As(err, &se) && (se.Code == 404 || se.Code == 410) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", username, domain, err)
	}
	var jrd struct {
		Links []struct {
			Rel, Type, Href string
		} `json:"links"`
	}
	if err := json.Unmarshal(resp.Body, &jrd); err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", username, domain, err)
	}
	for _, l := range jrd.Links {
		if l.Rel == "self" && (strings.Contains(l.Type, "activity+json") || strings.Contains(l.Type, "ld+json")) && l.Href != "" {
			return l.Href, nil
		}
	}
	return "", ErrNotFound
}

// ResolveKey is an httpsig.KeyResolver: it finds the public key keyID names among
// known accounts, fetching its owner when unknown, or again when refresh is set (the
// owner may have rotated its key).
func (d *Dereferencer) ResolveKey(ctx context.Context, keyID string, refresh bool) (crypto.PublicKey, string, error) {
	owner, err := d.DB.Account.Query().Where(account.PublicKeyURI(keyID)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, "", err
	}
	if owner == nil || refresh {
		if !d.mayFetchKey(keyID) {
			if owner == nil {
				return nil, "", fmt.Errorf("%w: %s was fetched less than a minute ago", httpsig.ErrKeyUnavailable, keyID)
			}
			return nil, "", fmt.Errorf("%w: %s was refreshed less than a minute ago", httpsig.ErrKeyUnavailable, keyID)
		}
		actorURI := keyOwnerGuess(keyID)
		if owner != nil {
			actorURI = owner.URI
		}
		if owner, err = d.fetchAccount(ctx, actorURI); err != nil {
			return nil, "", fmt.Errorf("%w: %v", httpsig.ErrKeyUnavailable, err)
		}
		if owner.PublicKeyURI != keyID {
			return nil, "", fmt.Errorf("%w: %s does not publish key %s", httpsig.ErrKeyUnavailable, owner.URI, keyID)
		}
	}
	key, err := httpsig.ParsePublicKeyPEM(owner.PublicKey)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", httpsig.ErrKeyUnavailable, err)
	}
	return key, owner.URI, nil
}

// keyOwnerGuess is where a key's owner is fetched from: Mastodon's key IDs are the
// actor URI with a #main-key fragment; GoToSocial's are the actor URI + "/main-key",
// and the key document names its owner, but fetching the actor directly serves both.
func keyOwnerGuess(keyID string) string {
	if i := strings.IndexByte(keyID, '#'); i >= 0 {
		return keyID[:i]
	}
	return strings.TrimSuffix(keyID, "/main-key")
}

func (d *Dereferencer) isLocal(uri string) bool {
	u, err := url.Parse(uri)
	return err == nil && strings.EqualFold(u.Host, d.Host)
}

func sameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Host != "" && strings.EqualFold(ua.Host, ub.Host)
}
