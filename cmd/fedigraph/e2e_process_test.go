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
	host  string   // 127.0.0.1:port
	base  string   // http://host
	logs  *syncBuffer
}

// startInstance starts the server with dbFlags on a free port, waits until it is
// ready, and stops it with SIGTERM when the test ends, expecting a clean exit.
func startInstance(t *testing.T, bin string, dbFlags []string) *instance {
	t.Helper()
	port := freePort(t)
	host := "127.0.0.1:" + strconv.Itoa(port)
	inst := &instance{
		bin:  bin,
		host: host,
		base: "http://" + host,
		logs: &syncBuffer{},
		flags: append([]string{
			"--protocol", "http", "--host", host,
			"--bind-address", "127.0.0.1", "--port", strconv.Itoa(port),
		}, dbFlags...),
	}
	cmd := exec.Command(bin, append([]string{"server", "start"}, inst.flags...)...)
	cmd.Stdout, cmd.Stderr = inst.logs, inst.logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start server: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
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
				return inst
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready within 60s; logs:\n%s", inst.logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
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

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
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
