package filters

import (
	"crypto/rand"
	"io"
	"time"

	"github.com/oklog/ulid/v2"
)

// idSource makes the IDs of one change. They sort in the order made even within one
// millisecond (graph/ids alone does not promise that), so that the keywords given in
// one request keep their order, which is the order they are listed in.
type idSource struct {
	at      time.Time
	entropy io.Reader
}

func newIDSource(at time.Time) *idSource {
	return &idSource{at: at, entropy: ulid.Monotonic(rand.Reader, 0)}
}

func (s *idSource) next() string {
	return ulid.MustNew(ulid.Timestamp(s.at), s.entropy).String()
}
