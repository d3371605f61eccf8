package ap

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

const (
	alice   = "https://mastodon.example/users/alice"
	bob     = "https://fedigraph.example/users/bob"
	bobPost = "https://fedigraph.example/users/bob/statuses/01HRZ8K2Q3W4E5R6T7Y8U9I0OP"
)

func TestParseActivityFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, a *Activity)
	}{
		{"mastodon_create_note.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Create")
			eq(t, "actor", a.Actor, alice)
			eq(t, "objectIRI", a.ObjectIRI, alice+"/statuses/112233445566778899")
			eq(t, "published", a.Published, at("2024-03-10T14:15:16Z"))
			n := a.Object.Note
			eq(t, "note type", n.Type, "Note")
			eq(t, "attributedTo", n.AttributedTo, alice)
			eq(t, "summary", n.Summary, "garden pics")
			eq(t, "sensitive", n.Sensitive, true)
			eq(t, "inReplyTo", n.InReplyTo, bobPost)
			eq(t, "url", n.URL, "https://mastodon.example/@alice/112233445566778899")
			eq(t, "language", n.Language, "en")
			eq(t, "context", n.Context, "tag:mastodon.example,2024-03-10:objectId=998877:objectType=Conversation")
			eq(t, "to", n.To, []string{Public})
			eq(t, "cc", n.Cc, []string{alice + "/followers", bob})
			eq(t, "visibility", Visibility(n.To, n.Cc, alice+"/followers"), VisibilityPublic)
			eq(t, "mentions", n.Mentions, []Mention{{Href: bob, Name: "@bob@fedigraph.example"}})
			eq(t, "hashtags", n.Hashtags, []string{"Gardening"})
			eq(t, "emojis", n.Emojis, []Emoji{{
				ID: "https://mastodon.example/emojis/4711", Shortcode: "blobcat", MediaType: "image/png",
				IconURL: "https://files.mastodon.example/custom_emojis/images/000/004/711/original/blobcat.png",
				Updated: at("2023-02-01T10:20:30Z"),
			}})
			eq(t, "attachments", n.Attachments, []Attachment{{
				Type: "Document", MediaType: "image/jpeg",
				URL:         "https://files.mastodon.example/media_attachments/files/112/233/445/original/tulips.jpg",
				Description: "Red tulips in a raised bed", Blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
				Width: 1600, Height: 1200, FocusX: -0.25, FocusY: 0.5,
			}})
			if !strings.Contains(n.Content, "my tulips are up") {
				t.Errorf("content = %q", n.Content)
			}
			if n.Poll != nil {
				t.Errorf("a Note has no poll, got %+v", n.Poll)
			}
		}},
		{"mastodon_create_question.json", func(t *testing.T, a *Activity) {
			n := a.Object.Note
			eq(t, "type", n.Type, "Question")
			eq(t, "summary (null)", n.Summary, "")
			eq(t, "inReplyTo (null)", n.InReplyTo, "")
			eq(t, "visibility", Visibility(n.To, n.Cc, alice+"/followers"), VisibilityUnlisted)
			eq(t, "poll", *n.Poll, Poll{
				Options:     []PollOption{{"Daffodils", 5}, {"Crocuses", 2}},
				EndTime:     at("2024-03-12T09:00:00Z"),
				VotersCount: 7,
			})
		}},
		{"mastodon_update_question_closed.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Update")
			n := a.Object.Note
			eq(t, "updated", n.Updated, at("2024-03-13T09:00:00Z"))
			eq(t, "poll", *n.Poll, Poll{
				Options:  []PollOption{{"Tea", 3}, {"Coffee", 1}, {"Water", 0}},
				Multiple: true, EndTime: at("2024-03-13T09:00:00Z"),
				Closed: true, ClosedAt: at("2024-03-13T09:00:00Z"), VotersCount: 3,
			})
		}},
		{"mastodon_update_note.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Update")
			eq(t, "updated", a.Object.Note.Updated, at("2024-03-10T15:20:00Z"))
			eq(t, "content", a.Object.Note.Content, "<p>my tulips are up (edited)</p>")
		}},
		{"mastodon_announce.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Announce")
			eq(t, "object", a.Object, (*Object)(nil))
			eq(t, "objectIRI", a.ObjectIRI, bobPost)
			eq(t, "cc", a.Cc, []string{bob, alice + "/followers"})
			eq(t, "visibility", Visibility(a.To, a.Cc, alice+"/followers"), VisibilityPublic)
		}},
		{"mastodon_like.json", func(t *testing.T, a *Activity) {
			eq(t, "id", a.ID, alice+"#likes/556677")
			eq(t, "type", a.Type, "Like")
			eq(t, "objectIRI", a.ObjectIRI, bobPost)
			eq(t, "content", a.Content, "")
		}},
		{"mastodon_follow.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Follow")
			eq(t, "objectIRI", a.ObjectIRI, bob)
		}},
		{"mastodon_accept_follow.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Accept")
			f := a.Object.Activity
			eq(t, "objectIRI", a.ObjectIRI, "https://fedigraph.example/users/bob/follow/01HS0A1B2C3D4E5F6G7H8J9K0M")
			eq(t, "follow type", f.Type, "Follow")
			eq(t, "follow actor", f.Actor, bob)
			eq(t, "follow object", f.ObjectIRI, alice)
		}},
		{"mastodon_undo_follow.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Undo")
			eq(t, "undone type", a.Object.Type, "Follow")
			eq(t, "undone id", a.Object.Activity.ID, "https://mastodon.example/6f0e3c2a-6b1e-4f57-9a43-3d2a6a1c9b7e")
			eq(t, "undone object", a.Object.Activity.ObjectIRI, bob)
		}},
		{"mastodon_delete_note.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Delete")
			eq(t, "object", *a.Object, Object{Type: "Tombstone", ID: alice + "/statuses/112233445566778899"})
			eq(t, "objectIRI", a.ObjectIRI, alice+"/statuses/112233445566778899")
		}},
		{"mastodon_delete_actor.json", func(t *testing.T, a *Activity) {
			eq(t, "objectIRI", a.ObjectIRI, a.Actor)
			eq(t, "object", a.Object, (*Object)(nil))
		}},
		{"mastodon_block.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Block")
			eq(t, "objectIRI", a.ObjectIRI, "https://fedigraph.example/users/mallory")
		}},
		{"mastodon_flag.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Flag")
			eq(t, "actor", a.Actor, "https://mastodon.example/actor")
			eq(t, "content", a.Content, "Spam links in replies")
			eq(t, "objectIRI", a.ObjectIRI, "https://fedigraph.example/users/mallory")
			eq(t, "objectIRIs", len(a.ObjectIRIs), 3)
		}},
		{"mastodon_move.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Move")
			eq(t, "objectIRI", a.ObjectIRI, "https://old.example/users/alice")
			eq(t, "target", a.Target, alice)
		}},
		{"mastodon_update_person.json", func(t *testing.T, a *Activity) {
			eq(t, "object type", a.Object.Type, "Person")
			eq(t, "movedTo", a.Object.Actor.MovedTo, alice)
			eq(t, "name", a.Object.Actor.Name, "Alice (moved)")
		}},
		{"gotosocial_create_note.json", func(t *testing.T, a *Activity) {
			// GoToSocial writes one-element lists as bare values.
			eq(t, "to", a.To, []string{Public})
			eq(t, "cc", a.Cc, []string{"https://gts.example/users/dana/followers"})
			n := a.Object.Note
			eq(t, "note to", n.To, []string{Public})
			eq(t, "mentions", n.Mentions, []Mention{{Href: bob, Name: "@bob@fedigraph.example"}})
			eq(t, "attachments", n.Attachments, []Attachment{{
				Type: "Image", MediaType: "image/jpeg",
				URL:         "https://gts.example/fileserver/01HQDANA/attachment/original/01HS3MEDIA.jpg",
				Description: "An oak in fog", Blurhash: "LKO2?U%2Tw=w]~RBVZRi};RPxuwH", Width: 2048, Height: 1536,
			}})
			eq(t, "summary", n.Summary, "")
			eq(t, "language", n.Language, "en")
		}},
		{"gotosocial_accept_follow.json", func(t *testing.T, a *Activity) {
			eq(t, "to", a.To, []string{bob})
			eq(t, "follow id", a.Object.Activity.ID, "https://fedigraph.example/users/bob/follow/01HS4FOLLOW000000000000000")
			eq(t, "follow actor", a.Object.Activity.Actor, bob)
		}},
		{"akkoma_create_note.json", func(t *testing.T, a *Activity) {
			n := a.Object.Note
			eq(t, "published (fractional)", n.Published, at("2024-03-16T18:45:12.345678Z"))
			eq(t, "context", n.Context, "https://akkoma.example/contexts/4c7a1e8b-5d2f-4f3a-9b1c-0d9e8f7a6b5c")
			eq(t, "quote", n.QuoteURL, alice+"/statuses/112233445566778899")
			eq(t, "sensitive (null)", n.Sensitive, false)
			eq(t, "hashtags", n.Hashtags, []string{"photos"})
			eq(t, "attachment url", n.Attachments[0].URL, "https://akkoma.example/media/a1b2c3.png")
			eq(t, "attachment description", n.Attachments[0].Description, "")
		}},
		{"akkoma_emojireact.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "EmojiReact")
			eq(t, "content", a.Content, ":akko:")
			eq(t, "objectIRI", a.ObjectIRI, bobPost)
			eq(t, "emojis", len(a.Emojis), 1)
			eq(t, "emoji", a.Emojis[0].Shortcode, "akko")
			eq(t, "emoji icon", a.Emojis[0].IconURL, "https://akkoma.example/emoji/akko.png")
		}},
		{"misskey_create_note.json", func(t *testing.T, a *Activity) {
			eq(t, "published (ms)", a.Published, at("2024-03-17T03:04:05.678Z"))
			n := a.Object.Note
			eq(t, "summary (null)", n.Summary, "")
			eq(t, "quote", n.QuoteURL, "https://gts.example/users/dana/statuses/01HS3GTSNOTE0000000000000A")
			eq(t, "hashtags", n.Hashtags, []string{"猫"})
			eq(t, "emoji", n.Emojis[0].Shortcode, "neko")
			eq(t, "attachment", n.Attachments, []Attachment{{Type: "Document", MediaType: "image/webp", URL: "https://misskey.example/files/webpublic-cat"}})
			eq(t, "visibility", Visibility(n.To, n.Cc, "https://misskey.example/users/9k2x7abcde/followers"), VisibilityPublic)
		}},
		{"misskey_like_reaction.json", func(t *testing.T, a *Activity) {
			eq(t, "type", a.Type, "Like")
			eq(t, "content", a.Content, ":neko:")
			eq(t, "emoji", a.Emojis[0].IconURL, "https://misskey.example/files/emoji-neko")
		}},
		{"pixelfed_create_note.json", func(t *testing.T, a *Activity) {
			eq(t, "published (+00:00)", a.Published, at("2024-03-18T16:00:00Z"))
			n := a.Object.Note
			eq(t, "hashtags", n.Hashtags, []string{"35mm"})
			eq(t, "attachments", len(n.Attachments), 2)
			eq(t, "first", n.Attachments[0], Attachment{
				Type: "Image", MediaType: "image/jpeg", URL: "https://pixelfed.example/storage/m/_v2/harbour1.jpg",
				Description: "Boats moored in a harbour at dusk", Blurhash: "U25#|Xof00of~qfQ00fQ_3fQ_3fQ%MfQRjfQ",
				Width: 1080, Height: 1350,
			})
			eq(t, "second description (null)", n.Attachments[1].Description, "")
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			raw := fixture(t, tt.file)
			a, err := ParseActivity(raw)
			if err != nil {
				t.Fatalf("ParseActivity: %v", err)
			}
			if string(a.Raw) != string(raw) {
				t.Error("Raw is not the document as received")
			}
			tt.check(t, a)
		})
	}
}

func TestParseActorFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, a *Actor)
	}{
		{"mastodon_actor.json", func(t *testing.T, a *Actor) {
			eq(t, "basics", [4]string{a.ID, a.Type, a.PreferredUsername, a.Name}, [4]string{alice, "Person", "alice", "Alice :blobcat:"})
			eq(t, "collections", [6]string{a.Inbox, a.Outbox, a.SharedInbox, a.Followers, a.Following, a.Featured}, [6]string{
				alice + "/inbox", alice + "/outbox", "https://mastodon.example/inbox",
				alice + "/followers", alice + "/following", alice + "/collections/featured"})
			eq(t, "key", [2]string{a.PublicKeyID, a.PublicKeyOwner}, [2]string{alice + "#main-key", alice})
			if !strings.HasPrefix(a.PublicKeyPEM, "-----BEGIN PUBLIC KEY-----") {
				t.Errorf("pem = %q", a.PublicKeyPEM)
			}
			eq(t, "flags", [5]bool{a.ManuallyApprovesFollowers, a.Discoverable, a.Indexable, a.Bot, a.Memorial}, [5]bool{true, true, false, false, false})
			eq(t, "published", a.Published, at("2022-11-05T00:00:00Z"))
			eq(t, "alsoKnownAs", a.AlsoKnownAs, []string{"https://old.example/users/alice"})
			eq(t, "fields", len(a.Fields), 2)
			eq(t, "field", a.Fields[1], Field{Name: "Pronouns", Value: "she/her"})
			eq(t, "icon", a.Icon.URL, "https://files.mastodon.example/accounts/avatars/000/000/001/original/avatar.png")
			eq(t, "icon type", a.Icon.MediaType, "image/png")
			eq(t, "image", a.Image.URL, "https://files.mastodon.example/accounts/headers/000/000/001/original/header.jpg")
			eq(t, "emojis", len(a.Emojis), 1)
			eq(t, "url", a.URL, "https://mastodon.example/@alice")
		}},
		{"gotosocial_actor.json", func(t *testing.T, a *Actor) {
			eq(t, "type", a.Type, "Service")
			eq(t, "bot", a.Bot, true)
			eq(t, "shared inbox", a.SharedInbox, "https://gts.example/sharedInbox")
			eq(t, "key id", a.PublicKeyID, "https://gts.example/users/dana/main-key")
			eq(t, "fields (one, bare)", a.Fields, []Field{{Name: "Matrix", Value: "@dana:matrix.example"}})
			eq(t, "icon description", a.Icon.Description, "a sleepy fox")
		}},
		{"akkoma_actor.json", func(t *testing.T, a *Actor) {
			eq(t, "shared inbox", a.SharedInbox, "https://akkoma.example/inbox")
			eq(t, "alsoKnownAs (empty)", len(a.AlsoKnownAs), 0)
			eq(t, "emoji", a.Emojis[0].Shortcode, "akko")
			eq(t, "discoverable", a.Discoverable, true)
		}},
		{"misskey_actor.json", func(t *testing.T, a *Actor) {
			eq(t, "name (null)", a.Name, "")
			eq(t, "image (null)", a.Image, (*Attachment)(nil))
			eq(t, "icon", a.Icon.URL, "https://misskey.example/files/webpublic-avatar")
			eq(t, "shared inbox", a.SharedInbox, "https://misskey.example/inbox")
			eq(t, "key owner", a.PublicKeyOwner, "https://misskey.example/users/9k2x7abcde")
		}},
		{"pixelfed_actor.json", func(t *testing.T, a *Actor) {
			eq(t, "published", a.Published, at("2021-05-20T10:11:12Z"))
			eq(t, "shared inbox", a.SharedInbox, "https://pixelfed.example/f/inbox")
			eq(t, "indexable", a.Indexable, true)
			eq(t, "featured (none)", a.Featured, "")
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			a, err := ParseActor(fixture(t, tt.file))
			if err != nil {
				t.Fatalf("ParseActor: %v", err)
			}
			tt.check(t, a)
		})
	}
}

func TestParseNoteQuestionWithoutVotersCount(t *testing.T) {
	n, err := ParseNote(fixture(t, "misskey_question.json"))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "poll", *n.Poll, Poll{
		Options:  []PollOption{{"keyboard", 4}, {"sunbeam", 9}},
		Multiple: true, EndTime: at("2024-03-18T05:00:00Z"),
	})
}

// Every fixture is an object ParseObject reads, and says which kind it is.
func TestParseObjectEveryFixture(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) < 20 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			o, err := ParseObject(fixture(t, name))
			if err != nil {
				t.Fatal(err)
			}
			kinds := 0
			for _, set := range []bool{o.Note != nil, o.Actor != nil, o.Activity != nil} {
				if set {
					kinds++
				}
			}
			if kinds != 1 {
				t.Errorf("%s: %d of Note/Actor/Activity set, want 1", o.Type, kinds)
			}
			switch {
			case strings.HasSuffix(name, "_actor.json") && !strings.Contains(name, "delete"):
				if o.Actor == nil {
					t.Errorf("not read as an actor")
				}
			case name == "misskey_question.json":
				if o.Note == nil {
					t.Errorf("not read as a post")
				}
			default:
				if o.Activity == nil {
					t.Errorf("not read as an activity")
				}
			}
		})
	}
}

func TestParseShapes(t *testing.T) {
	const ctx = `"@context":"https://www.w3.org/ns/activitystreams",`
	tests := []struct {
		name, doc string
		check     func(t *testing.T, a *Activity)
	}{
		{"compacted Public", `{` + ctx + `"id":"https://a.example/1","type":"Announce","actor":"https://a.example/u","object":"https://b.example/n","to":"as:Public","cc":["Public"]}`,
			func(t *testing.T, a *Activity) {
				eq(t, "to", a.To, []string{Public})
				eq(t, "cc", a.Cc, []string{Public})
			}},
		{"actor and object embedded as objects", `{` + ctx + `"id":"https://a.example/1","type":"Like","actor":{"type":"Person","id":"https://a.example/u"},"object":{"id":"https://b.example/n"}}`,
			func(t *testing.T, a *Activity) {
				eq(t, "actor", a.Actor, "https://a.example/u")
				eq(t, "objectIRI", a.ObjectIRI, "https://b.example/n")
				eq(t, "object (reference only)", a.Object, (*Object)(nil))
			}},
		{"prefixed type and context with trailing #", `{"@context":["http://www.w3.org/ns/activitystreams#"],"id":"https://a.example/1","type":"as:Follow","actor":"https://a.example/u","object":"https://b.example/v"}`,
			func(t *testing.T, a *Activity) { eq(t, "type", a.Type, "Follow") }},
		{"url as Link list, content only in contentMap, closed true", `{` + ctx + `"id":"https://a.example/1","type":"Create","actor":"https://a.example/u","object":{"id":"https://a.example/q","type":"Question","contentMap":{"fr":"<p>bonjour</p>","de":"<p>hallo</p>"},"url":[{"type":"Link","mediaType":"video/mp4","href":"https://a.example/v.mp4"},{"type":"Link","mediaType":"text/html","href":"https://a.example/q.html"}],"oneOf":{"type":"Note","name":"oui"},"closed":true}}`,
			func(t *testing.T, a *Activity) {
				n := a.Object.Note
				eq(t, "url", n.URL, "https://a.example/q.html")
				eq(t, "content", n.Content, "<p>hallo</p>")
				eq(t, "language", n.Language, "de")
				eq(t, "poll", *n.Poll, Poll{Options: []PollOption{{Name: "oui"}}, Closed: true})
			}},
		{"attachment url as Link, focal point out of range", `{` + ctx + `"id":"https://a.example/1","type":"Create","actor":"https://a.example/u","object":{"id":"https://a.example/n","type":"Note","attachment":{"type":"Document","url":{"type":"Link","href":"https://a.example/f.png","mediaType":"image/png"},"focalPoint":[3,-7]}}}`,
			func(t *testing.T, a *Activity) {
				eq(t, "attachment", a.Object.Note.Attachments, []Attachment{{Type: "Document", URL: "https://a.example/f.png", MediaType: "image/png", FocusX: 1, FocusY: -1}})
			}},
		{"PeerTube attributedTo person and channel", `{` + ctx + `"id":"https://a.example/1","type":"Create","actor":"https://a.example/u","object":{"id":"https://a.example/v","type":"Video","attributedTo":[{"type":"Group","id":"https://a.example/c"},{"type":"Person","id":"https://a.example/u"}]}}`,
			func(t *testing.T, a *Activity) {
				eq(t, "attributedTo", a.Object.Note.AttributedTo, "https://a.example/u")
			}},
		{"FEP-e232 quote link", `{` + ctx + `"id":"https://a.example/1","type":"Create","actor":"https://a.example/u","object":{"id":"https://a.example/n","type":"Note","tag":[{"type":"Link","mediaType":"application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"","href":"https://b.example/q"}]}}`,
			func(t *testing.T, a *Activity) { eq(t, "quote", a.Object.Note.QuoteURL, "https://b.example/q") }},
		{"embedded Follow without id in Accept", `{` + ctx + `"id":"https://a.example/1","type":"Accept","actor":"https://a.example/u","object":{"type":"Follow","actor":"https://b.example/v","object":"https://a.example/u"}}`,
			func(t *testing.T, a *Activity) {
				eq(t, "objectIRI", a.ObjectIRI, "")
				eq(t, "follow actor", a.Object.Activity.Actor, "https://b.example/v")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseActivity([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, a)
		})
	}
}

func TestParseMalformed(t *testing.T) {
	const ctx = `"@context":"https://www.w3.org/ns/activitystreams",`
	many := func(n int, item string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	deep := `{"type":"Undo","actor":"https://a.example/u","object":`
	tests := []struct {
		name  string
		doc   string
		parse func([]byte) error
	}{
		{"not JSON", `{"id": `, tryActivity},
		{"JSON array", `[{` + ctx + `"id":"https://a.example/1","type":"Like","actor":"https://a.example/u"}]`, tryActivity},
		{"JSON string", `"Create"`, tryObject},
		{"no @context", `{"id":"https://a.example/1","type":"Like","actor":"https://a.example/u","object":"https://b.example/n"}`, tryActivity},
		{"other @context", `{"@context":"https://schema.org","id":"https://a.example/1","type":"Like","actor":"https://a.example/u"}`, tryActivity},
		{"no id", `{` + ctx + `"type":"Like","actor":"https://a.example/u","object":"https://b.example/n"}`, tryActivity},
		{"id not a URL", `{` + ctx + `"id":"urn:uuid:1","type":"Like","actor":"https://a.example/u"}`, tryActivity},
		{"id of the wrong type", `{` + ctx + `"id":7,"type":"Like","actor":"https://a.example/u"}`, tryActivity},
		{"no type", `{` + ctx + `"id":"https://a.example/1","actor":"https://a.example/u"}`, tryActivity},
		{"type not a string", `{` + ctx + `"id":"https://a.example/1","type":{"x":1},"actor":"https://a.example/u"}`, tryObject},
		{"no actor", `{` + ctx + `"id":"https://a.example/1","type":"Like","object":"https://b.example/n"}`, tryActivity},
		{"actor not a URL", `{` + ctx + `"id":"https://a.example/1","type":"Like","actor":"javascript:alert(1)"}`, tryActivity},
		{"a Note is not an activity", `{` + ctx + `"id":"https://a.example/n","type":"Note"}`, tryActivity},
		{"a Person is not a post", `{` + ctx + `"id":"https://a.example/u","type":"Person","inbox":"https://a.example/i"}`, tryNote},
		{"a Note is not an actor", `{` + ctx + `"id":"https://a.example/n","type":"Note"}`, tryActor},
		{"actor without inbox", `{` + ctx + `"id":"https://a.example/u","type":"Person"}`, tryActor},
		{"embedded note without id", `{` + ctx + `"id":"https://a.example/1","type":"Create","actor":"https://a.example/u","object":{"type":"Note","content":"hi"}}`, tryActivity},
		{"over 1 MiB", `{` + ctx + `"id":"https://a.example/1","type":"Like","actor":"https://a.example/u","content":"` + strings.Repeat("a", MaxDocumentSize) + `"}`, tryActivity},
		{"too many addressees", `{` + ctx + `"id":"https://a.example/1","type":"Like","actor":"https://a.example/u","to":` + many(maxAudience+1, `"https://b.example/x"`) + `}`, tryActivity},
		{"too many tags", `{` + ctx + `"id":"https://a.example/n","type":"Note","tag":` + many(maxTags+1, `{"type":"Hashtag","name":"#a"}`) + `}`, tryNote},
		{"too many attachments", `{` + ctx + `"id":"https://a.example/n","type":"Note","attachment":` + many(maxAttachments+1, `{"type":"Document","url":"https://a.example/f"}`) + `}`, tryNote},
		{"too many poll options", `{` + ctx + `"id":"https://a.example/n","type":"Question","oneOf":` + many(maxPollOptions+1, `{"type":"Note","name":"x"}`) + `}`, tryNote},
		{"too many fields", `{` + ctx + `"id":"https://a.example/u","type":"Person","inbox":"https://a.example/i","attachment":` + many(maxFields+1, `{"type":"PropertyValue","name":"a","value":"b"}`) + `}`, tryActor},
		{"activities nested too deep", `{` + ctx + `"id":"https://a.example/1",` + strings.TrimPrefix(strings.Repeat(deep, 5), "{") + `"https://b.example/x"` + strings.Repeat("}", 5), tryActivity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.doc))
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
		})
	}
}

func tryActivity(b []byte) error { _, err := ParseActivity(b); return err }
func tryObject(b []byte) error   { _, err := ParseObject(b); return err }
func tryNote(b []byte) error     { _, err := ParseNote(b); return err }
func tryActor(b []byte) error    { _, err := ParseActor(b); return err }

func TestVisibility(t *testing.T) {
	const f = "https://a.example/u/followers"
	tests := []struct {
		to, cc []string
		want   string
	}{
		{[]string{Public}, []string{f}, VisibilityPublic},
		{[]string{"as:Public"}, nil, VisibilityPublic},
		{[]string{f}, []string{"Public"}, VisibilityUnlisted},
		{[]string{f}, []string{"https://b.example/v"}, VisibilityFollowersOnly},
		{[]string{"https://b.example/v"}, []string{f}, VisibilityFollowersOnly},
		{[]string{"https://b.example/v"}, nil, VisibilityDirect},
		{nil, nil, VisibilityDirect},
	}
	for _, tt := range tests {
		eq(t, "Visibility("+strings.Join(tt.to, ",")+" | "+strings.Join(tt.cc, ",")+")", Visibility(tt.to, tt.cc, f), tt.want)
	}
	eq(t, "unknown followers", Visibility([]string{f}, nil, ""), VisibilityDirect)
}

// FuzzParse checks that no input makes a parser panic or return neither a value nor
// ErrMalformed. `go test` runs it over the fixtures; `go test -fuzz=FuzzParse`
// explores further.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, parse := range []func([]byte) error{tryActivity, tryObject, tryNote, tryActor} {
			if err := parse(raw); err != nil && !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
		}
	})
}
