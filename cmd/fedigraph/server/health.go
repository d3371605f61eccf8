package server

import (
	"context"
	"net/http"
	"time"
)

// live answers as long as the process serves HTTP: a supervisor restarts a process
// whose liveness check fails, so it must not depend on the database.
func live(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// ready answers 200 only while the database answers, so a load balancer sends traffic
// elsewhere while this process cannot serve it.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.db.SQL.PingContext(ctx); err != nil {
		s.log.WarnContext(ctx, "readiness check: database unreachable", "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
