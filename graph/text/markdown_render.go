package text

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// statusRenderer overrides goldmark's HTML for the nodes that Mastodon's
// allowed markup has no element for, and renders mentions and hashtags.
type statusRenderer struct{}

func (statusRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMention, renderMention)
	reg.Register(kindHashtag, renderHashtag)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(ast.KindImage, renderImage)
}

func renderMention(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*mentionNode)
		if n.href != "" {
			writeMention(w, n.href, n.mention.Username)
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte(n.source)))
		}
	}
	return ast.WalkContinue, nil
}

func renderHashtag(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*hashtagNode)
		if n.href != "" {
			writeHashtag(w, n.href, n.name)
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte("#" + n.name)))
		}
	}
	return ast.WalkContinue, nil
}

// renderAutoLink shows URLs the way plain text does. E-mail autolinks
// (<alice@example.com>) stay text: mailto is not a scheme statuses link.
func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.AutoLink)
		label := string(n.Label(source))
		if n.AutoLinkType == ast.AutoLinkURL {
			writeURL(w, string(n.URL(source)), label)
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte(label)))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHeading writes headings as bold paragraphs, as Mastodon does with
// remote headings, since status markup has no h1–h6.
func renderHeading(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<p><strong>")
	} else {
		_, _ = w.WriteString("</strong></p>\n")
	}
	return ast.WalkContinue, nil
}

// renderImage turns an image into a link to it labelled with its alt
// text: statuses carry images as attachments, not inline.
func renderImage(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Image)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_, _ = w.WriteString(`">`)
	if n.FirstChild() == nil {
		_, _ = w.Write(util.EscapeHTML(n.Destination))
	}
	return ast.WalkContinue, nil
}
