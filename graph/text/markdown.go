package text

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// neverMatches switches off parts of goldmark's linkify: e-mail addresses
// and scheme-less "www." names, which Mastodon does not link and [Length]
// does not count as URLs. Plain text and Markdown thereby link the same
// things.
var neverMatches = regexp.MustCompile(`[^\x00-\x{10FFFF}]`)

// markdown is safe for concurrent use: its parsers and renderers keep no
// state between documents. Raw HTML is not enabled, so goldmark replaces it
// with a comment that the sanitizer then drops.
var markdown = goldmark.New(
	goldmark.WithExtensions(
		extension.NewLinkify(
			extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"}),
			extension.WithLinkifyWWWRegexp(neverMatches),
			extension.WithLinkifyEmailRegexp(neverMatches),
		),
		extension.Strikethrough,
	),
	goldmark.WithParserOptions(parser.WithInlineParsers(
		// After code spans, links and emphasis (100–500): a code span claims
		// its '@' and '#' before these parsers see them.
		util.Prioritized(mentionParser{}, 600),
		util.Prioritized(hashtagParser{}, 600),
	)),
	goldmark.WithRendererOptions(
		// A line break in a status is a line break, as in GoToSocial.
		html.WithHardWraps(),
		renderer.WithNodeRenderers(util.Prioritized(statusRenderer{}, 100)),
	),
)

// formatMarkdown renders Markdown source to unsanitized HTML, resolving the
// mentions and hashtags that are not inside links.
func formatMarkdown(src string, l *linking) (string, error) {
	source := []byte(src)
	doc := markdown.Parser().Parse(gmtext.NewReader(source))
	eachEntity(doc, func(n ast.Node, inLink bool) {
		if inLink {
			return // a link inside a link label would be invalid HTML
		}
		switch n := n.(type) {
		case *mentionNode:
			n.href, _ = l.mention(n.mention)
		case *hashtagNode:
			n.href = l.tag(n.name)
		}
	})
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, source, doc); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return compactBlocks(buf.String()), nil
}

// parseMarkdown lists the mentions and hashtags of Markdown source that
// formatMarkdown would link, all of them, resolvable or not.
func parseMarkdown(src string, list *entityList) {
	doc := markdown.Parser().Parse(gmtext.NewReader([]byte(src)))
	eachEntity(doc, func(n ast.Node, inLink bool) {
		switch n := n.(type) {
		case *mentionNode:
			if !inLink {
				list.addMention(n.mention)
			}
		case *hashtagNode:
			if !inLink {
				list.addTag(NormalizeTag(n.name))
			}
		}
	})
}

// eachEntity calls fn for every mention and hashtag node in doc, telling
// whether it sits inside a link or image label.
func eachEntity(doc ast.Node, fn func(n ast.Node, inLink bool)) {
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage:
			if entering {
				depth++
			} else {
				depth--
			}
		case kindMention, kindHashtag:
			if entering {
				fn(n, depth > 0)
			}
		}
		return ast.WalkContinue, nil
	})
}
