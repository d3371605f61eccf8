package ap

import (
	"encoding/json"
	"fmt"

	"github.com/go-fed/activity/streams"
)

// OrderedCollection renders a collection's front page (outbox, followers, following,
// featured): its size and the IRI of its first page ("" for none, as for a hidden
// collection, which shows only its size).
func (r Renderer) OrderedCollection(id string, total int, first string) ([]byte, error) {
	c := streams.NewActivityStreamsOrderedCollection()
	c.SetJSONLDId(idProp(id))
	n := streams.NewActivityStreamsTotalItemsProperty()
	n.Set(total)
	c.SetActivityStreamsTotalItems(n)
	if first != "" {
		f := streams.NewActivityStreamsFirstProperty()
		f.SetIRI(iri(first))
		c.SetActivityStreamsFirst(f)
	}
	m, err := toMap(c)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// OrderedCollectionPage renders one page of a collection. Each item is an IRI (string)
// or an already rendered document (json.RawMessage or []byte, as the renderers here
// return them; a nested @context is kept, which JSON-LD allows). next and prev may be
// "".
func (r Renderer) OrderedCollectionPage(id, partOf, next, prev string, items []any) ([]byte, error) {
	p := streams.NewActivityStreamsOrderedCollectionPage()
	p.SetJSONLDId(idProp(id))
	po := streams.NewActivityStreamsPartOfProperty()
	po.SetIRI(iri(partOf))
	p.SetActivityStreamsPartOf(po)
	if next != "" {
		n := streams.NewActivityStreamsNextProperty()
		n.SetIRI(iri(next))
		p.SetActivityStreamsNext(n)
	}
	if prev != "" {
		pv := streams.NewActivityStreamsPrevProperty()
		pv.SetIRI(iri(prev))
		p.SetActivityStreamsPrev(pv)
	}
	m, err := toMap(p)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(items))
	for i, it := range items {
		switch v := it.(type) {
		case string:
			out = append(out, v)
		case json.RawMessage:
			out = append(out, v)
		case []byte:
			out = append(out, json.RawMessage(v))
		default:
			return nil, fmt.Errorf("collection page item %d: %T is neither an IRI nor a rendered document", i, it)
		}
	}
	m["orderedItems"] = out
	return finish(m)
}
