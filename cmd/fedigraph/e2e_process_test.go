package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binaryOnce sync.Once
	binaryDir  string
	binaryPath string
	binaryErr  error
)

// buildBinary compiles fedigraph once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "fedigraph-e2e-")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "fedigraph")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func removeBinary() {
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
}

// instance is a running `fedigraph server start` on loopback.
type instance struct {
	bin   string
	flags []string // configuration flags, shared with the CLI commands
	host  string   // address:port
	base  string   // http://host
	logs  *syncBuffer
	proc  *exec.Cmd
	// exited receives the process's exit once; stopped says the test ended it on
	// purpose.
	exited  chan error
	stopped bool
}

// startInstance starts the server with dbFlags on a free port of 127.0.0.1, waits
// until it is ready, and stops it with SIGTERM when the test ends, expecting a clean
// exit.
func startInstance(t *testing.T, bin string, dbFlags []string) *instance {
	t.Helper()
	inst := newInstance(t, bin, "127.0.0.1", dbFlags)
	inst.start(t)
	return inst
}

// newInstance configures (but does not start) a server on a free port of addr.
func newInstance(t *testing.T, bin, addr string, flags []string) *instance {
	t.Helper()
	return newInstanceOnPort(t, bin, addr, freePortOn(t, addr), flags)
}

// newInstanceOnPort configures a server on addr:port. On port 80 its host is the bare
// address, as a federating server's host is.
func newInstanceOnPort(t *testing.T, bin, addr string, port int, flags []string) *instance {
	t.Helper()
	host := addr + ":" + strconv.Itoa(port)
	if port == 80 {
		host = addr
	}
	return &instance{
		bin:  bin,
		host: host,
		base: "http://" + host,
		logs: &syncBuffer{},
		flags: append([]string{
			"--protocol", "http", "--host", host,
			"--bind-address", addr, "--port", strconv.Itoa(port),
			// The suites make hundreds of requests from one address in minutes.
			"--advanced-rate-limit-requests", "0",
		}, flags...),
	}
}

// start runs the server process and waits until it is ready. When the test ends it
// is stopped with SIGTERM and must exit cleanly.
func (inst *instance) start(t *testing.T) {
	t.Helper()
	cmd := exec.Command(inst.bin, append([]string{"server", "start"}, inst.flags...)...)
	cmd.Stdout, cmd.Stderr = inst.logs, inst.logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start server: %v", err)
	}
	inst.proc, inst.stopped = cmd, false
	exited := make(chan error, 1)
	inst.exited = exited
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if inst.proc != cmd || inst.stopped {
			return
		}
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("server exited with %v after SIGTERM; logs:\n%s", err, inst.logs)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("server did not stop within 20s of SIGTERM; logs:\n%s", inst.logs)
		}
		if bytes.Contains(inst.logs.Bytes(), []byte("panicked")) {
			t.Errorf("the server logged a panic:\n%s", inst.logs)
		}
	})

	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("server exited before it was ready (%v); logs:\n%s", err, inst.logs)
		default:
		}
		if resp, err := http.Get(inst.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready within 60s; logs:\n%s", inst.logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// kill ends the server with SIGKILL, as a crash or an out-of-memory kill would: no
// graceful shutdown, jobs cut off wherever they were.
func (inst *instance) kill(t *testing.T) {
	t.Helper()
	inst.stopped = true
	inst.proc.Process.Kill()
	<-inst.exited
}

// run runs a CLI command against the instance's configuration and returns its output,
// failing the test if it fails.
func (inst *instance) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := inst.runErr(args...)
	if err != nil {
		t.Fatalf("fedigraph %v: %v\n%s", args, err, out)
	}
	return out
}

// runErr runs a CLI command and returns its combined output and exit error.
func (inst *instance) runErr(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, inst.bin, append(args, inst.flags...)...).CombinedOutput()
	return string(out), err
}

func freePort(t *testing.T) int { return freePortOn(t, "127.0.0.1") }

func freePortOn(t *testing.T, addr string) int {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(addr, "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func (b *syncBuffer) String() string { return string(b.Bytes()) }

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", timeout)
		}
	}
}
