package text

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
)

// Mentions and hashtags are parsed as inline nodes of their own rather than
// found in rendered text: goldmark splits text at emphasis markers such as
// '_', which usernames and tags may contain, and code spans and blocks
// never reach inline parsers, so their contents stay untouched.

var (
	kindMention = ast.NewNodeKind("Mention")
	kindHashtag = ast.NewNodeKind("Hashtag")
)

// maxEntityBytes bounds how much of a line an '@' or '#' parser looks at;
// no username with a hostname comes close.
const maxEntityBytes = 512

// mentionNode is an @mention; href is set once the Linker resolved it.
type mentionNode struct {
	ast.BaseInline
	mention Mention
	source  string // as written, shown when unresolved
	href    string
}

func (n *mentionNode) Kind() ast.NodeKind { return kindMention }

func (n *mentionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Mention": n.source}, nil)
}

// hashtagNode is a #hashtag; href is set once the Linker gave a URL.
type hashtagNode struct {
	ast.BaseInline
	name string // as written, without '#'
	href string
}

func (n *hashtagNode) Kind() ast.NodeKind { return kindHashtag }

func (n *hashtagNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Hashtag": n.name}, nil)
}

type mentionParser struct{}

func (mentionParser) Trigger() []byte { return []byte{'@'} }

func (mentionParser) Parse(_ ast.Node, block gmtext.Reader, _ parser.Context) ast.Node {
	if !mentionMayFollow(block.PrecendingCharacter()) {
		return nil
	}
	line := peekEntity(block)
	m, n, ok := matchMention(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &mentionNode{mention: m, source: line[:n]}
}

type hashtagParser struct{}

func (hashtagParser) Trigger() []byte { return []byte{'#'} }

func (hashtagParser) Parse(_ ast.Node, block gmtext.Reader, _ parser.Context) ast.Node {
	prev := block.PrecendingCharacter()
	if !hashtagMayFollow(prev) {
		return nil
	}
	name, n, ok := matchHashtag(peekEntity(block))
	if !ok {
		return nil
	}
	if prev == '_' {
		// In _#tag_ and __#tag__ the trailing underscores close the
		// emphasis the leading ones opened; they are not part of the tag.
		name = strings.TrimRight(name, "_")
		n = 1 + len(name)
	}
	block.Advance(n)
	return &hashtagNode{name: name}
}

func peekEntity(block gmtext.Reader) string {
	line, _ := block.PeekLine()
	return string(line[:min(len(line), maxEntityBytes)])
}
