package digest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/internal/mailpit"
)

const (
	testFrom = "breachwire <breachwire@example.org>"
	testTo   = "secops@example.org"
)

func plainSender(t *testing.T, mp *mailpit.Server) *Sender {
	t.Helper()
	s, err := NewSender(SMTP{Host: mailpit.SMTPHost, Port: mp.SMTPPort, TLS: TLSNone, From: testFrom, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// received is one message read back from mailpit: its summary, its parts,
// and the raw message parsed with net/mail.
type received struct {
	mailpit.Message
	header mail.Header
	raw    []byte
	parts  []part
}

type part struct {
	contentType string
	body        string
}

func receiveAll(t *testing.T, mp *mailpit.Server) []received {
	t.Helper()
	var out []received
	for _, s := range mp.Messages(t) {
		r := received{Message: mp.Message(t, s.ID), raw: mp.Raw(t, s.ID)}
		m, err := mail.ReadMessage(bytes.NewReader(r.raw))
		if err != nil {
			t.Fatalf("raw message does not parse: %v\n%s", err, r.raw)
		}
		r.header = m.Header
		mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("Content-Type: %v", err)
		}
		if mt == "multipart/alternative" {
			mr := multipart.NewReader(m.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				body, err := io.ReadAll(p) // quoted-printable is decoded by NextPart
				if err != nil {
					t.Fatal(err)
				}
				ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
				r.parts = append(r.parts, part{ct, string(body)})
			}
		}
		out = append(out, r)
	}
	return out
}

func TestSend_Mailpit_MultipartAlternative(t *testing.T) {
	mp := mailpit.Start(t, mailpit.Options{})
	e := Compose("everything", breachwire.Filter{}, corpus(), since, until, london, baseOpts)
	msg, err := MessageOf(e, []string{testTo, "Team Lead <lead@example.org>"}, until)
	if err != nil {
		t.Fatal(err)
	}
	if err := plainSender(t, mp).Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := receiveAll(t, mp)
	if len(got) != 1 {
		t.Fatalf("%d messages received, want 1", len(got))
	}
	r := got[0]
	if r.From == nil || r.From.Address != "breachwire@example.org" || r.From.Name != "breachwire" {
		t.Errorf("From = %+v", r.From)
	}
	if len(r.To) != 2 || r.To[0].Address != testTo || r.To[1].Name != "Team Lead" || len(r.Bcc) != 0 {
		t.Errorf("To = %+v, Bcc = %+v", r.To, r.Bcc)
	}
	if r.Subject != e.Subject() {
		t.Errorf("Subject = %q, want %q", r.Subject, e.Subject())
	}
	date, err := r.header.Date()
	if err != nil || !date.Equal(until) {
		t.Errorf("Date = %v (%v), want %v", date, err, until)
	}
	for k, want := range map[string]string{"MIME-Version": "1.0", "Auto-Submitted": "auto-generated"} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if r.header.Get("Message-Id") == "" {
		t.Error("no Message-ID")
	}
	if len(r.parts) != 2 || r.parts[0].contentType != "text/plain" || r.parts[1].contentType != "text/html" {
		t.Fatalf("parts = %+v, want text/plain then text/html in multipart/alternative", r.parts)
	}
	for _, a := range corpus() {
		title := oneLine(a.Title)
		if !strings.Contains(r.parts[0].body, strings.Fields(title)[0]) || !strings.Contains(r.Text, strings.Fields(title)[0]) {
			t.Errorf("text part lacks %q", title)
		}
	}
	for _, want := range []string{"Software provider fined £3m following 2022 ransomware attack",
		"https://breachwire.example.org/articles/42", "£3.07m fine (final) · ICO · 79,404 people · MFA absent"} {
		if !strings.Contains(r.parts[0].body, want) || !strings.Contains(r.HTML, want) {
			t.Errorf("a part lacks %q", want)
		}
	}
	if !strings.Contains(r.HTML, "max-width:640px") || strings.Contains(r.HTML, "<script>alert") {
		t.Error("HTML part is not the digest's")
	}
}

// TestSend_E5_HeaderInjection sends subjects and a digest whose text tries to
// add headers, and checks at the receiving server that every message has
// one Subject, no Bcc header, no blind recipient and no line break in the
// decoded subject.
func TestSend_E5_HeaderInjection(t *testing.T) {
	mp := mailpit.Start(t, mailpit.Options{})
	s := plainSender(t, mp)
	subjects := []string{
		"Hi\r\nBcc: x@evil.example",
		"Hi\nBcc: x@evil.example",
		"Hi\rBcc: x@evil.example",
		"Hi\r\n\r\nbody injected",
		"=?UTF-8?Q?Hi=0D=0ABcc:_x@evil.example?=",
		"Über =?utf-8?b?SGkNCkJjYzogeEBldmlsLmV4YW1wbGU=?= \u2028Bcc: x@evil.example",
	}
	for _, subj := range subjects {
		if err := s.Send(context.Background(), Message{To: []string{testTo}, Subject: subj, Text: "body"}); err != nil {
			t.Fatalf("Send(%q): %v", subj, err)
		}
	}
	e := Compose("Hi\r\nBcc: y@evil.example", breachwire.Filter{}, []breachwire.Article{hostile()}, since, until, london, baseOpts)
	msg, err := MessageOf(e, []string{testTo}, until)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := receiveAll(t, mp)
	if len(got) != len(subjects)+1 {
		t.Fatalf("%d messages, want %d", len(got), len(subjects)+1)
	}
	dec := new(mime.WordDecoder)
	for _, r := range got {
		if len(r.header["Bcc"]) != 0 || len(r.header["Subject"]) != 1 || len(r.Bcc) != 0 || len(r.To) != 1 {
			t.Errorf("message %q: Bcc headers %v, %d Subject headers, blind recipients %v, To %v",
				r.Subject, r.header["Bcc"], len(r.header["Subject"]), r.Bcc, r.To)
		}
		subj, err := dec.DecodeHeader(r.header.Get("Subject"))
		if err != nil {
			t.Errorf("subject %q does not decode: %v", r.header.Get("Subject"), err)
		}
		if strings.ContainsAny(subj, "\r\n") || strings.ContainsAny(r.Subject, "\r\n") {
			t.Errorf("subject decodes to more than one line: %q", subj)
		}
		if !strings.HasPrefix(subj, "Hi ") && !strings.HasPrefix(subj, "=?") && !strings.HasPrefix(subj, "Über") && !strings.HasPrefix(subj, "breachwire") {
			t.Errorf("subject %q lost its text", subj)
		}
		for _, line := range strings.Split(r.Text, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "Bcc:") {
				t.Errorf("text part line starts with Bcc: %q", line)
			}
		}
	}
}

func TestParseAddress_E5(t *testing.T) {
	tests := []struct {
		in   string
		want string // the address, or "" for an error
	}{
		{"secops@example.org", "secops@example.org"},
		{"Sec Ops <secops@example.org>", "secops@example.org"},
		{`"Ops, Sec" <secops@example.org>`, "secops@example.org"},
		{"Evil\r\nBcc: x@evil.example <a@example.org>", ""},
		{"a@example.org\r\nBcc: x@evil.example", ""},
		{"\"Quoted\r\nBcc: x@evil.example\" <a@example.org>", ""},
		{"=?UTF-8?Q?Evil=0D=0ABcc:_x@evil.example?= <a@example.org>", ""},
		{"a@example.org, b@example.org", ""},
		{"not an address", ""},
		{"", ""},
		{"@example.org", ""},
	}
	for _, tt := range tests {
		a, err := ParseAddress(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseAddress(%q) = %v, want an error", tt.in, a)
		case tt.want == "" && !errors.Is(err, ErrInvalidAddress):
			t.Errorf("ParseAddress(%q) error %v does not wrap ErrInvalidAddress", tt.in, err)
		case tt.want != "" && (err != nil || a.Address != tt.want):
			t.Errorf("ParseAddress(%q) = %v, %v; want %s", tt.in, a, err, tt.want)
		}
		if err != nil && breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
			t.Errorf("ParseAddress(%q): error code %s", tt.in, breachwire.ErrorCode(err))
		}
	}
	if _, err := NewSender(SMTP{Host: "localhost", From: "Evil\r\nBcc: x@evil.example <a@example.org>"}); err == nil {
		t.Error("NewSender accepted a From with CR/LF")
	}
	s, err := NewSender(SMTP{Host: "localhost", TLS: TLSNone, From: testFrom})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), Message{To: []string{"x@example.org\r\nBcc: y@evil.example"}, Subject: "s", Text: "t"}); !errors.Is(err, ErrInvalidAddress) {
		t.Errorf("Send to a recipient with CR/LF: %v", err)
	}
}

func TestNewSender_Validation(t *testing.T) {
	tests := []struct {
		name string
		cfg  SMTP
	}{
		{"tls mode", SMTP{Host: "h", TLS: "ssl", From: testFrom}},
		{"no host", SMTP{TLS: TLSNone, From: testFrom}},
		{"port", SMTP{Host: "h", Port: 70000, From: testFrom}},
		{"password without user", SMTP{Host: "h", Password: "p", From: testFrom}},
		{"from", SMTP{Host: "h", From: "nobody"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewSender(tt.cfg); breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
				t.Errorf("NewSender = %v, want an invalid-input error", err)
			}
		})
	}
	s, err := NewSender(SMTP{Host: "h", TLS: "", From: testFrom})
	if err != nil || s.cfg.TLS != TLSStartTLS || s.cfg.Port != 587 {
		t.Errorf("defaults: %+v, %v", s, err)
	}
}

// TestSend_TLSModes sends through mailpit with STARTTLS required, with
// implicit TLS, and without TLS, authenticating where the server demands
// it; a wrong password, a server without STARTTLS for a starttls client,
// and a port with nothing listening are errors.
func TestSend_TLSModes(t *testing.T) {
	users := map[string]string{"breachwire": "s3cret-pass"}
	tests := []struct {
		name    string
		server  mailpit.Options
		mode    string
		user    string
		pass    string
		wantErr bool
	}{
		{"starttls with auth", mailpit.Options{TLS: true, Users: users}, TLSStartTLS, "breachwire", "s3cret-pass", false},
		{"implicit tls with auth", mailpit.Options{TLS: true, Implicit: true, Users: users}, TLSImplicit, "breachwire", "s3cret-pass", false},
		{"none with auth on loopback", mailpit.Options{Users: users}, TLSNone, "breachwire", "s3cret-pass", false},
		{"none without auth", mailpit.Options{}, TLSNone, "", "", false},
		{"wrong password", mailpit.Options{TLS: true, Users: users}, TLSStartTLS, "breachwire", "guess", true},
		{"starttls refused when the server has none", mailpit.Options{}, TLSStartTLS, "", "", true},
		{"implicit tls to a plain server", mailpit.Options{}, TLSImplicit, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := mailpit.Start(t, tt.server)
			s, err := NewSender(SMTP{Host: mailpit.SMTPHost, Port: mp.SMTPPort, TLS: tt.mode, Username: tt.user,
				Password: tt.pass, From: testFrom, TLSConfig: mp.RootCAs, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(context.Background(), Message{To: []string{testTo}, Subject: tt.name, Text: "text", HTML: "<p>html</p>"})
			if tt.wantErr != (err != nil) {
				t.Fatalf("Send: %v (want error: %v)", err, tt.wantErr)
			}
			n := len(mp.Messages(t))
			if tt.wantErr && n != 0 || !tt.wantErr && n != 1 {
				t.Errorf("%d messages received", n)
			}
		})
	}
	t.Run("nothing listening", func(t *testing.T) {
		s, err := NewSender(SMTP{Host: mailpit.SMTPHost, Port: mailpit.FreePort(t), TLS: TLSNone, From: testFrom, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Send(context.Background(), Message{To: []string{testTo}, Subject: "s", Text: "t"}); err == nil {
			t.Fatal("Send to a closed port succeeded")
		}
	})
}
