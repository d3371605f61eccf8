package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// shutdownGrace is how long in-flight requests get to finish once the server is asked
// to stop.
const shutdownGrace = 15 * time.Second

// ListenAndServe listens on the configured bind address and port and serves until ctx
// ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := s.Listen()
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Listen opens the configured bind address and port, so that a caller can report
// anything after the port is known to be free and before serving starts.
func (s *Server) Listen() (net.Listener, error) {
	addr := net.JoinHostPort(s.cfg.BindAddress, strconv.Itoa(s.cfg.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.log.Info("listening", "address", ln.Addr().String(), "url", s.cfg.BaseURL())
	return ln, nil
}

// Serve serves on ln until ctx ends. Then it stops accepting connections, gives
// in-flight requests shutdownGrace to finish, and ends websocket subscriptions, which
// http.Server.Shutdown does not wait for.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	// Every request's context derives from base, so cancelling it ends the websockets
	// that Shutdown leaves alone (they are hijacked connections).
	base, endConnections := context.WithCancel(context.WithoutCancel(ctx))
	defer endConnections()
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	// Jobs (deliveries, inbox) run while the server serves; those cut off by the
	// shutdown are retried at the next start.
	if err := s.fed.start(ctx); err != nil {
		return err
	}
	defer func() {
		if err := s.fed.stop(); err != nil {
			s.log.Error("stop job queue", "error", err)
		}
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	s.log.Info("shutting down", "grace", shutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
