package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// browser keeps cookies and follows redirects, like a person's browser.
type browser struct {
	client *http.Client
	base   string
}

func (inst *instance) newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{client: &http.Client{Jar: jar}, base: inst.base}
}

// page is where the browser ended up and what it shows.
type page struct {
	status int
	url    *url.URL
	body   string
}

func (b *browser) get(t *testing.T, path string) page {
	t.Helper()
	resp, err := b.client.Get(b.base + path)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

// submit fills the page's first form: its own fields as the page set them, then
// fields, as a person typing and clicking a button would.
func (b *browser) submit(t *testing.T, p page, fields url.Values) page {
	t.Helper()
	action, values := parseForm(t, p.body)
	for name, v := range fields {
		values[name] = v
	}
	target, err := p.url.Parse(action)
	if err != nil {
		t.Fatalf("form action %q: %v", action, err)
	}
	resp, err := b.client.PostForm(target.String(), values)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

func readPage(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: resp.StatusCode, url: resp.Request.URL, body: string(body)}
}

// parseForm returns the action and the named input values of the first form in doc.
func parseForm(t *testing.T, doc string) (string, url.Values) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var action string
	values := url.Values{}
	found := false
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inForm bool) {
		if n.Type == html.ElementNode && n.Data == "form" {
			if found {
				return
			}
			found, inForm, action = true, true, attr(n, "action")
		}
		if inForm && n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") != "" {
			values.Set(attr(n, "name"), attr(n, "value"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inForm)
		}
	}
	walk(root, false)
	if !found {
		t.Fatalf("no form on the page:\n%s", doc)
	}
	return action, values
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
