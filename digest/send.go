package digest

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"

	"breachwire"
)

// TLS modes of an SMTP connection, as configured in digest.smtp.tls.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS; refused if the server cannot
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: for a relay on this machine only
)

// DefaultTimeout bounds connecting to the SMTP server and each exchange
// with it when SMTP.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// ErrInvalidAddress is returned (wrapped in a *breachwire.Error) for a
// sender or recipient that is not one well-formed address.
var ErrInvalidAddress = errors.New("digest: invalid email address")

// SMTP is how to reach the mail server. The password is passed in by the
// caller, who reads it from the environment variable the configuration names
// (digest.smtp.password_env); it is never in a file.
type SMTP struct {
	Host string
	Port int // 0: 587 for starttls, 465 for tls, 25 for none
	// TLS is TLSStartTLS (the default when empty), TLSImplicit or TLSNone.
	TLS      string
	Username string
	Password string
	// From is the sender, an RFC 5322 address such as
	// "breachwire <breachwire@example.org>".
	From string
	// Timeout bounds the connection and each command; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings, for a server with a private CA;
	// nil verifies the server's certificate against the system roots.
	TLSConfig *tls.Config
	// HELO is the name given in EHLO; empty means the machine's host name.
	HELO string
}

// Message is one email: recipients, subject and the two parts.
type Message struct {
	To      []string
	Subject string
	Text    string
	HTML    string
	// Date is the Date header; zero means the time of sending.
	Date time.Time
}

// MessageOf turns an edition into the message sent to the recipients.
func MessageOf(e *Edition, to []string, date time.Time) (Message, error) {
	var text, html bytes.Buffer
	if err := e.WriteText(&text); err != nil {
		return Message{}, err
	}
	if err := e.WriteHTML(&html); err != nil {
		return Message{}, err
	}
	return Message{To: to, Subject: e.Subject(), Text: text.String(), HTML: html.String(), Date: date}, nil
}

// Sender sends messages through one SMTP server. It is safe for concurrent
// use: each Send opens its own connection, as a daily digest needs nothing
// more.
type Sender struct {
	cfg  SMTP
	from *mail.Address
}

// NewSender checks the configuration (TLS mode, port, sender address) and
// returns a Sender. Nothing is dialled until Send.
func NewSender(cfg SMTP) (*Sender, error) {
	cfg.TLS = strings.ToLower(strings.TrimSpace(cfg.TLS))
	switch cfg.TLS {
	case "":
		cfg.TLS = TLSStartTLS
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: SMTP TLS mode %q is not starttls, tls or none", cfg.TLS)
	}
	if cfg.Host == "" || strings.ContainsFunc(cfg.Host, unicode.IsSpace) {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: SMTP host %q is not a host name", cfg.Host)
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: SMTP port %d is not a port", cfg.Port)
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{TLSStartTLS: 587, TLSImplicit: 465, TLSNone: 25}[cfg.TLS]
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Password != "" && cfg.Username == "" {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: an SMTP password is set but no user name")
	}
	from, err := ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("digest: sender: %w", err)
	}
	return &Sender{cfg: cfg, from: from}, nil
}

// ParseAddress parses one RFC 5322 address ("Name <user@host>" or
// "user@host") with net/mail and refuses what would be unsafe in a header:
// control characters (CR and LF above all) in the display name or the
// address, and more than one address.
func ParseAddress(s string) (*mail.Address, error) {
	if strings.ContainsFunc(s, isControl) {
		return nil, invalidAddress(s, "it holds a control character")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, invalidAddress(s, err.Error())
	}
	if strings.ContainsFunc(a.Name, isControl) || strings.ContainsFunc(a.Address, isControl) {
		return nil, invalidAddress(s, "it holds a control character")
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at <= 0 || at == len(a.Address)-1 || strings.ContainsAny(a.Address, " <>,;\"") {
		return nil, invalidAddress(s, "it is not of the form user@host")
	}
	return a, nil
}

func invalidAddress(s, why string) error {
	return fmt.Errorf("%w: %w", ErrInvalidAddress,
		breachwire.Errorf(breachwire.ECodeInvalid, "%q is not an email address: %s", oneLine(s), why))
}

func isControl(r rune) bool { return unicode.IsControl(r) }

// Send delivers m to its recipients as multipart/alternative (the text part
// first, then the HTML part) with From, To, Subject, Date, Message-ID,
// MIME-Version and Auto-Submitted headers. The subject is made one line and
// encoded so that no text can add a header (RELIABILITY E5). The context
// bounds dialling; each command after that is bounded by SMTP.Timeout.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	client, err := s.client()
	if err != nil {
		return err
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("digest: send through %s: %w", net.JoinHostPort(s.cfg.Host, fmt.Sprint(s.cfg.Port)), err)
	}
	return nil
}

// build makes the MIME message of m.
func (s *Sender) build(m Message) (*gomail.Msg, error) {
	if len(m.To) == 0 {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: message has no recipients")
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	var to []*mail.Address
	for _, addr := range m.To {
		a, err := ParseAddress(addr)
		if err != nil {
			return nil, fmt.Errorf("digest: recipient: %w", err)
		}
		to = append(to, a)
	}
	msg.ToMailAddress(to...)
	setSubject(msg, m.Subject)
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	msg.SetDateWithValue(date)
	msg.SetMessageID()
	msg.SetUserAgent("breachwire")
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

func (s *Sender) client() (*gomail.Client, error) {
	c := s.cfg
	tlsConf := c.TLSConfig
	if tlsConf == nil {
		tlsConf = &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	} else if tlsConf.ServerName == "" {
		tlsConf = tlsConf.Clone()
		tlsConf.ServerName = c.Host
	}
	opts := []gomail.Option{
		gomail.WithPort(c.Port),
		gomail.WithTimeout(c.Timeout),
	}
	switch c.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSConfig(tlsConf))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tlsConf))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if c.HELO != "" {
		opts = append(opts, gomail.WithHELO(c.HELO))
	}
	if c.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if c.TLS == TLSNone {
			// The configuration allows credentials without TLS only for a
			// server on this machine; go-mail otherwise refuses PLAIN and
			// LOGIN in clear.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(c.Username), gomail.WithPassword(c.Password))
	}
	client, err := gomail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("digest: SMTP client for %s: %w", c.Host, err)
	}
	return client, nil
}

// setSubject sets the Subject header from text that may hold anything a
// source sent: control characters (CR and LF above all) become spaces, and
// text that looks like an RFC 2047 encoded word ("=?utf-8?q?...?=") is
// itself encoded, so that a mail client shows it literally instead of
// decoding it into a line break (RELIABILITY E5).
func setSubject(msg *gomail.Msg, subject string) {
	subject = oneLine(subject)
	if !strings.Contains(subject, "=?") {
		msg.Subject(subject)
		return
	}
	msg.SetGenHeaderPreformatted(gomail.HeaderSubject, encodeWords(subject))
}

// encodeWords encodes s as RFC 2047 B encoded words of at most 75
// characters, split between runes and joined by spaces (which a header
// folds at).
func encodeWords(s string) string {
	const prefix, suffix = "=?UTF-8?B?", "?="
	maxRaw := (75 - len(prefix) - len(suffix)) / 4 * 3
	var words []string
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxRaw {
				break
			}
			n += size
		}
		words = append(words, prefix+base64.StdEncoding.EncodeToString([]byte(s[:n]))+suffix)
		s = s[n:]
	}
	return strings.Join(words, " ")
}
