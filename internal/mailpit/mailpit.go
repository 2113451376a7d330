// Package mailpit runs a real SMTP server for tests: mailpit
// (github.com/axllent/mailpit, installed by .ci/run with go install) on
// loopback ports with a temporary database, and reads what it received back
// through its HTTP API. A missing mailpit skips the test locally and fails it
// in CI (internal/testenv).
package mailpit

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"breachwire/internal/testenv"
)

// Options choose how the server accepts mail.
type Options struct {
	// Users maps user names to passwords the server requires; empty
	// accepts mail without authentication.
	Users map[string]string
	// TLS serves a self-signed certificate for 127.0.0.1: with STARTTLS
	// required, or, with Implicit, TLS from the first byte.
	TLS      bool
	Implicit bool
}

// Server is a running mailpit.
type Server struct {
	t        testing.TB
	bin, dir string
	opts     Options
	// SMTPPort and HTTPPort are the loopback ports it listens on; they
	// stay the same across Stop and Start.
	SMTPPort, HTTPPort int
	// RootCAs trusts the server's certificate when Options.TLS is set.
	RootCAs *tls.Config
	mu      sync.Mutex
	cmd     *exec.Cmd
	done    chan struct{}
	log     *os.File
}

// Start starts mailpit and waits until it answers; it is stopped when the
// test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bin := testenv.Need(t, "mailpit")
	s := &Server{t: t, bin: bin, dir: t.TempDir(), opts: opts}
	s.SMTPPort, s.HTTPPort = freePort(t), freePort(t)
	if opts.TLS {
		s.RootCAs = writeCert(t, s.dir)
	}
	if len(opts.Users) > 0 {
		var lines string
		for u, p := range opts.Users {
			lines += u + ":" + p + "\n"
		}
		if err := os.WriteFile(filepath.Join(s.dir, "auth"), []byte(lines), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(s.Stop)
	s.Start()
	return s
}

// SMTPHost is the host to give an SMTP client.
const SMTPHost = "127.0.0.1"

// APIURL is the base URL of the HTTP API.
func (s *Server) APIURL() string { return "http://127.0.0.1:" + strconv.Itoa(s.HTTPPort) }

// Start (re)starts a stopped server on the same ports and database.
func (s *Server) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return
	}
	args := []string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(s.SMTPPort),
		"--listen", "127.0.0.1:" + strconv.Itoa(s.HTTPPort),
		"--database", filepath.Join(s.dir, "mailpit.db"),
		"--disable-version-check",
		"--smtp-disable-rdns",
		"--smtp-strict-rfc-headers",
	}
	if len(s.opts.Users) > 0 {
		args = append(args, "--smtp-auth-file", filepath.Join(s.dir, "auth"))
		if !s.opts.TLS {
			args = append(args, "--smtp-auth-allow-insecure")
		}
	} else {
		args = append(args, "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	}
	if s.opts.TLS {
		args = append(args, "--smtp-tls-cert", filepath.Join(s.dir, "cert.pem"), "--smtp-tls-key", filepath.Join(s.dir, "key.pem"))
		if s.opts.Implicit {
			args = append(args, "--smtp-require-tls")
		} else {
			args = append(args, "--smtp-require-starttls")
		}
	}
	log, err := os.OpenFile(filepath.Join(s.dir, "mailpit.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(s.bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		s.t.Fatalf("start mailpit: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.cmd, s.done, s.log = cmd, done, log
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-done:
			s.cmd = nil
			s.t.Fatalf("mailpit exited at start:\n%s", s.logText())
		default:
		}
		if s.ready() {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("mailpit did not answer within 30s:\n%s", s.logText())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) ready() bool {
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.SMTPPort), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	resp, err := http.Get(s.APIURL() + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (s *Server) logText() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "mailpit.log"))
	return string(b)
}

// Stop stops the server (its database stays, for Start). It is safe to call
// more than once.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.log.Close()
	s.cmd = nil
}

// Address is an address as mailpit reports it.
type Address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

// Summary is a message in mailpit's list.
type Summary struct {
	ID      string    `json:"ID"`
	Subject string    `json:"Subject"`
	From    *Address  `json:"From"`
	To      []Address `json:"To"`
	Cc      []Address `json:"Cc"`
	Bcc     []Address `json:"Bcc"`
}

// Message is one received message with its parts.
type Message struct {
	Summary
	Date time.Time `json:"Date"`
	Text string    `json:"Text"`
	HTML string    `json:"HTML"`
}

// Messages lists the received messages, newest first.
func (s *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var out struct {
		Messages []Summary `json:"messages"`
	}
	s.get(t, "/api/v1/messages?limit=1000", &out)
	return out.Messages
}

// Message returns one message with its text and HTML parts.
func (s *Server) Message(t testing.TB, id string) Message {
	t.Helper()
	var m Message
	s.get(t, "/api/v1/message/"+id, &m)
	return m
}

// Raw returns the message as received, headers and MIME parts included.
func (s *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return s.fetch(t, "/api/v1/message/"+id+"/raw")
}

// Headers returns the message's headers as mailpit parsed them.
func (s *Server) Headers(t testing.TB, id string) map[string][]string {
	t.Helper()
	h := map[string][]string{}
	s.get(t, "/api/v1/message/"+id+"/headers", &h)
	return h
}

func (s *Server) get(t testing.TB, path string, v any) {
	t.Helper()
	if err := json.Unmarshal(s.fetch(t, path), v); err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
}

func (s *Server) fetch(t testing.TB, path string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.APIURL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s %v\n%s", path, resp.Status, err, body)
	}
	return body
}

// freePort returns a loopback TCP port nothing listens on now.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// FreePort returns a loopback port with nothing listening, for a test of
// an SMTP server that is down.
func FreePort(t testing.TB) int { return freePort(t) }

// writeCert writes a self-signed certificate for 127.0.0.1 into dir and
// returns a TLS configuration that trusts it.
func writeCert(t testing.TB, dir string) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "breachwire test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	for name, block := range map[string]*pem.Block{
		"cert.pem": {Type: "CERTIFICATE", Bytes: der},
		"key.pem":  {Type: "EC PRIVATE KEY", Bytes: keyDER},
	} {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// String describes the server for test logs.
func (s *Server) String() string {
	return fmt.Sprintf("mailpit smtp 127.0.0.1:%d api %s", s.SMTPPort, s.APIURL())
}
