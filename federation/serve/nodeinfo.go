package serve

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/instance"
)

// NodeInfo facts that never change.
const (
	nodeInfoSchema = "http://nodeinfo.diaspora.software/ns/schema/"
	softwareName   = "fedigraph" // NodeInfo requires [a-z0-9-]
	softwareRepo   = "https://github.com/fedigraph/fedigraph"
	halfYear       = 180 * 24 * time.Hour
	statsCacheFor  = time.Minute
	nodeInfoMaxAge = "max-age=1800, public"
)

// nodeInfoLinks serves /.well-known/nodeinfo: where each NodeInfo version lives.
func (s *Server) nodeInfoLinks(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	base := s.cfg.URIs.Base()
	writeJSON(w, "application/json; charset=utf-8", http.StatusOK, map[string]any{
		"links": []map[string]string{
			{"rel": nodeInfoSchema + "2.0", "href": base + "/nodeinfo/2.0"},
			{"rel": nodeInfoSchema + "2.1", "href": base + "/nodeinfo/2.1"},
		},
	})
}

// usage is NodeInfo's usage object.
type usage struct {
	Users struct {
		Total          int `json:"total"`
		ActiveMonth    int `json:"activeMonth"`
		ActiveHalfyear int `json:"activeHalfyear"`
	} `json:"users"`
	LocalPosts int `json:"localPosts"`
}

// nodeInfo serves one version of the NodeInfo document. 2.1 adds the software's
// repository and homepage; the rest is the same.
func (s *Server) nodeInfo(version string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		u, err := s.usage(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		software := map[string]any{"name": softwareName, "version": s.cfg.Version}
		if version == "2.1" {
			software["repository"] = softwareRepo
			software["homepage"] = softwareRepo
		}
		w.Header().Set("Cache-Control", nodeInfoMaxAge)
		writeJSON(w, `application/json; profile="`+nodeInfoSchema+version+`#"`, http.StatusOK, map[string]any{
			"version":           version,
			"software":          software,
			"protocols":         []string{"activitypub"},
			"services":          map[string][]string{"inbound": {}, "outbound": {}},
			"openRegistrations": s.cfg.OpenRegistrations,
			"usage":             u,
			"metadata":          map[string]any{"nodeName": s.cfg.NodeName},
		})
	}
}

// usage counts users and posts. Crawlers fetch NodeInfo often, so the counts are
// kept for a minute; each process keeps its own, which is harmless for numbers that
// are only ever approximate.
func (s *Server) usage(ctx context.Context) (usage, error) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	now := s.cfg.Now()
	if !s.statsAt.IsZero() && now.Sub(s.statsAt) < statsCacheFor {
		return s.stats, nil
	}
	// The same numbers the Mastodon instance API shows, plus the half year that only
	// NodeInfo reports, counted over the same users.
	st, err := instance.Statistics(ctx, s.cfg.DB.Client, now)
	if err != nil {
		return usage{}, err
	}
	half, err := s.cfg.DB.User.Query().
		Where(user.ConfirmedAtNotNil(), user.HasAccountWith(account.SuspendedAtIsNil()),
			user.LastSignInAtGTE(now.Add(-halfYear))).
		Count(ctx)
	if err != nil {
		return usage{}, fmt.Errorf("count users active this half year: %w", err)
	}
	var u usage
	u.Users.Total, u.Users.ActiveMonth, u.Users.ActiveHalfyear = st.Users, st.ActiveMonth, half
	u.LocalPosts = st.Statuses
	s.stats, s.statsAt = u, now
	return u, nil
}
