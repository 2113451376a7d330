package digest

import (
	"bytes"
	"mime"
	"net/mail"
	"strings"
	"testing"

	"breachwire"
)

// FuzzMessage_E5 builds the message of a digest whose subscription name,
// title and source are arbitrary, plus an arbitrary subject, and checks the
// MIME text go-mail writes: it parses, it has one Subject and no Bcc, the
// decoded subject is one line, and no title line in the text part starts a
// header-like line of its own.
func FuzzMessage_E5(f *testing.F) {
	f.Add("Hi\r\nBcc: x@evil.example", "title\r\nBcc: y@evil.example", "=?UTF-8?Q?a=0D=0Ab?=")
	f.Add("", "", "")
	f.Add("Über", "<script>alert(1)</script>", "\u2028\u2029\x85")
	s, err := NewSender(SMTP{Host: "localhost", TLS: TLSNone, From: "breachwire <b@example.org>"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, title, subject string) {
		a := advanced()
		a.Title, a.SourceName, a.Summary = title, name, title
		e := Compose(name, breachwire.Filter{}, []breachwire.Article{a}, since, until, london, baseOpts)
		for _, subj := range []string{e.Subject(), subject} {
			m, err := MessageOf(e, []string{"secops@example.org"}, until)
			if err != nil {
				t.Fatal(err)
			}
			m.Subject = subj
			msg, err := s.build(m)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := msg.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			parsed, err := mail.ReadMessage(&buf)
			if err != nil {
				t.Fatalf("message does not parse: %v", err)
			}
			if len(parsed.Header["Subject"]) != 1 || len(parsed.Header["Bcc"]) != 0 || len(parsed.Header["To"]) != 1 {
				t.Fatalf("headers: %v", parsed.Header)
			}
			got, err := new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject"))
			if err != nil {
				t.Fatalf("subject %q: %v", parsed.Header.Get("Subject"), err)
			}
			if strings.ContainsAny(got, "\r\n") {
				t.Fatalf("subject %q decodes to %q", parsed.Header.Get("Subject"), got)
			}
		}
		var text bytes.Buffer
		if err := e.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(text.String(), "\r\x00") {
			t.Fatalf("text part holds CR or NUL: %q", text.String())
		}
	})
}
