package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"breachwire"
	"breachwire/digest"
	"breachwire/internal/mailpit"
	"breachwire/store"
)

// These tests run the digest end to end: the configuration as written by a
// user, a real bbolt store, the scheduler and the CLI, and mailpit as the
// SMTP server, whose API shows what was received.

// clock is a settable clock shared by the store and the scheduler.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

const smtpPasswordEnv = "BW_TEST_SMTP_PASSWORD"

// digestConfig writes a feeds.yaml sending through mp as user breachwire,
// with two subscriptions at 07:00 London time: everything, and ICO with
// MFA absent.
func digestConfig(t *testing.T, mp *mailpit.Server) string {
	t.Helper()
	cfg := fmt.Sprintf(`settings:
  user_agent: "breachwire/test (+https://breachwire.test/contact)"
sources:
  - {name: ICO news, kind: regulator, url: "https://ico.org.uk/feed", format: feed}
  - {name: Example Press, kind: press, url: "https://press.example.com/feed", format: feed}
server:
  base_url: "https://breachwire.example.org"
digest:
  smtp: {host: 127.0.0.1, port: %d, tls: none, username: breachwire, password_env: %s}
  from: "breachwire <breachwire@example.org>"
  subscriptions:
    - {name: everything, to: [secops@example.org], time: "07:00", timezone: Europe/London}
    - name: ico-mfa
      to: ["Sec Ops <secops@example.org>", ciso@example.org]
      time: "07:00"
      timezone: Europe/London
      filters: {regulator: ICO, mfa: absent}
`, mp.SMTPPort, smtpPasswordEnv)
	path := filepath.Join(t.TempDir(), "feeds.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func startDigestMailpit(t *testing.T) *mailpit.Server {
	return mailpit.Start(t, mailpit.Options{Users: map[string]string{"breachwire": "digest-pass"}})
}

func testEnv(out *bytes.Buffer) *Env {
	return &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(k string) string {
		if k == smtpPasswordEnv {
			return "digest-pass"
		}
		return ""
	}}
}

// testApp loads the configuration and opens the store at data with the
// given clock, as serve would.
func testApp(t *testing.T, cfgPath, data string, clk *clock) *App {
	t.Helper()
	var out bytes.Buffer
	app := newApp(&Globals{Config: cfgPath, Data: data, LogLevel: "error"}, testEnv(&out))
	if err := app.loadConfig(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(data, 0o750); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(app.dbPath(), store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	app.Store = db
	app.closers = append(app.closers, db.Close)
	return app
}

var (
	icoSource   = &breachwire.Source{ID: "ico-news", Name: "ICO news", Kind: breachwire.KindRegulator, Country: "GB"}
	pressSource = &breachwire.Source{ID: "example-press", Name: "Example Press", Kind: breachwire.KindPress}
)

// seed stores items as one pass of src at the store's clock.
func seed(t *testing.T, db *store.DB, src *breachwire.Source, items ...store.Incoming) {
	t.Helper()
	if _, err := db.SaveFetch(context.Background(), src, breachwire.SourceState{SourceID: src.ID}, items); err != nil {
		t.Fatal(err)
	}
}

func advancedItem(published time.Time) store.Incoming {
	return store.Incoming{
		Item: breachwire.Item{
			Key: "https://ico.org.uk/news/advanced-fined", URL: "https://ico.org.uk/news/advanced-fined",
			CanonicalURL: "https://ico.org.uk/news/advanced-fined",
			Title:        "Software provider fined £3m following 2022 ransomware attack",
			Summary:      "We have fined Advanced Computer Software Group Ltd £3.07m after a ransomware attack that affected 79,404 people.",
			Published:    published,
		},
		Facts: breachwire.Facts{
			Fines:       []breachwire.Fine{{Amount: 3070000, Currency: "GBP", Status: breachwire.FineFinal, Regulator: "ICO"}},
			Affected:    []breachwire.Affected{{Count: 79404, What: "people", Qualifier: breachwire.QualExact}},
			MFA:         &breachwire.Control{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent},
			Regulators:  []string{"ICO"},
			AttackTypes: []string{"ransomware"},
		},
		ExtractorVersion: 1,
	}
}

func pressItem(slug, title string, published time.Time) store.Incoming {
	u := "https://press.example.com/" + slug
	return store.Incoming{
		Item: breachwire.Item{Key: u, URL: u, CanonicalURL: u, Title: title, Summary: "Report: " + title, Published: published},
		Facts: breachwire.Facts{
			Affected:    []breachwire.Affected{{Count: 1200, What: "customers"}},
			AttackTypes: []string{"phishing"}, Organisations: []string{"Example Retail"},
		},
		ExtractorVersion: 1,
	}
}

// messagesFor returns the received messages whose subject contains
// subject, oldest first.
func messagesFor(t *testing.T, mp *mailpit.Server, subject string) []mailpit.Message {
	t.Helper()
	var out []mailpit.Message
	list := mp.Messages(t)
	for i := len(list) - 1; i >= 0; i-- {
		if strings.Contains(list[i].Subject, subject) {
			out = append(out, mp.Message(t, list[i].ID))
		}
	}
	return out
}

func lastRecord(t *testing.T, app *App, name string) store.DigestRecord {
	t.Helper()
	rec, err := app.Store.LastDigest(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestDigestScheduler_Mailpit follows two subscriptions over three days
// against a real store and mailpit: the first send at 07:00 London time, a
// restart that sends nothing twice, a machine off at send time that sends
// once when it comes back, and an SMTP outage during which the digest stays
// pending, is retried with backoff and is sent when the server is back.
func TestDigestScheduler_Mailpit(t *testing.T) {
	mp := startDigestMailpit(t)
	cfg := digestConfig(t, mp)
	data := t.TempDir()
	ctx := context.Background()
	day1 := time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC) // London is on GMT
	clk := &clock{t: day1.Add(5 * time.Hour)}

	// Day 1, 06:00: three articles arrive, one of them hostile.
	app := testApp(t, cfg, data, clk)
	clk.Set(day1.Add(6 * time.Hour))
	seed(t, app.Store, icoSource, advancedItem(day1.Add(5*time.Hour+30*time.Minute)))
	seed(t, app.Store, pressSource,
		pressItem("retail", "Retailer phishing attack exposed 1,200 customers", day1.Add(4*time.Hour)),
		pressItem("hostile", "Hi\r\nBcc: x@evil.example <script>alert(1)</script>", day1.Add(3*time.Hour)))
	sched, err := app.digestScheduler(nil, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	next, err := sched.RunDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := day1.Add(7 * time.Hour); !next.Equal(want) {
		t.Fatalf("next due %v, want %v", next, want)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Fatalf("%d messages before 07:00", n)
	}

	// 07:00:30: both digests go out.
	clk.Set(day1.Add(7*time.Hour + 30*time.Second))
	if _, err := sched.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	all := messagesFor(t, mp, "breachwire digest: everything")
	ico := messagesFor(t, mp, "breachwire digest: ico-mfa")
	if len(all) != 1 || len(ico) != 1 {
		t.Fatalf("received %d everything and %d ico-mfa digests, want 1 each", len(all), len(ico))
	}
	if !strings.Contains(all[0].Subject, "Thu 27 Mar 2025: 3 articles · £3.07m in fines") {
		t.Errorf("subject %q", all[0].Subject)
	}
	for _, want := range []string{"Software provider fined £3m", "Retailer phishing attack", "Hi Bcc: x@evil.example"} {
		if !strings.Contains(all[0].Text, want) {
			t.Errorf("everything digest lacks %q:\n%s", want, all[0].Text)
		}
	}
	if len(all[0].Bcc) != 0 || strings.Contains(all[0].HTML, "<script>alert") {
		t.Errorf("hostile title escaped the body: Bcc %v", all[0].Bcc)
	}
	if !strings.Contains(ico[0].Text, "Matches: regulator ICO, MFA absent") || strings.Contains(ico[0].Text, "Retailer") {
		t.Errorf("ico-mfa digest:\n%s", ico[0].Text)
	}
	if len(ico[0].To) != 2 || ico[0].To[0].Name != "Sec Ops" {
		t.Errorf("ico-mfa To = %+v", ico[0].To)
	}
	if !strings.Contains(ico[0].Text, "https://breachwire.example.org/articles/") {
		t.Errorf("no link to the server's page:\n%s", ico[0].Text)
	}
	rec := lastRecord(t, app, "everything")
	if rec.Status != store.DigestSent || len(rec.ArticleIDs) != 3 || rec.Attempts != 1 {
		t.Errorf("record %+v", rec)
	}

	// A restart at 07:05 sends nothing twice.
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	clk.Set(day1.Add(7*time.Hour + 5*time.Minute))
	app = testApp(t, cfg, data, clk)
	sched, err = app.digestScheduler(nil, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	next, err = sched.RunDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Fatalf("%d messages after a restart, want still 2", n)
	}
	if want := day1.Add(31 * time.Hour); !next.Equal(want) {
		t.Errorf("next due %v, want day 2 07:00 %v", next, want)
	}

	// Day 1, 10:00: a new article. The machine is off from 18:00 until day 2
	// 09:30, past the send time; on return it sends once.
	clk.Set(day1.Add(10 * time.Hour))
	seed(t, app.Store, pressSource, pressItem("second", "Second breach of the week", day1.Add(9*time.Hour)))
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	clk.Set(day1.Add(24*time.Hour + 9*time.Hour + 30*time.Minute))
	app = testApp(t, cfg, data, clk)
	sched, err = app.digestScheduler(nil, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := sched.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	all = messagesFor(t, mp, "breachwire digest: everything")
	if len(all) != 2 {
		t.Fatalf("%d everything digests after the machine came back, want 2", len(all))
	}
	if !strings.Contains(all[1].Text, "Second breach of the week") || strings.Contains(all[1].Text, "Software provider fined") {
		t.Errorf("second digest is not just the new article:\n%s", all[1].Text)
	}
	if n := len(messagesFor(t, mp, "ico-mfa")); n != 1 {
		t.Errorf("%d ico-mfa digests; nothing new matched, so want still 1", n)
	}
	if rec := lastRecord(t, app, "ico-mfa"); rec.Status != store.DigestSent || len(rec.ArticleIDs) != 0 {
		t.Errorf("ico-mfa's empty run: %+v", rec)
	}

	// Day 2, 12:00: another article; the SMTP server is down at day 3 07:00.
	clk.Set(day1.Add(36 * time.Hour))
	seed(t, app.Store, pressSource, pressItem("third", "Third breach, during the outage", day1.Add(35*time.Hour)))
	mp.Stop()
	day3 := day1.Add(48*time.Hour + 7*time.Hour)
	clk.Set(day3)
	if _, err := sched.RunDue(ctx); err == nil {
		t.Fatal("RunDue with the SMTP server down reported no error")
	}
	rec = lastRecord(t, app, "everything")
	if rec.Status != store.DigestFailed || rec.Attempts != 1 || rec.LastError == "" || !rec.NextRetry.Equal(day3.Add(digest.DefaultRetryMin)) {
		t.Fatalf("after a failed send: %+v", rec)
	}
	status, err := sched.Status(ctx)
	if err != nil || status[0].Last == nil || status[0].Last.LastError == "" {
		t.Errorf("Status does not show the failure: %+v %v", status, err)
	}
	// Not retried before NextRetry; retried after it with a doubled wait.
	clk.Set(day3.Add(30 * time.Second))
	if _, err := sched.RunDue(ctx); err != nil {
		t.Errorf("RunDue before NextRetry: %v", err)
	}
	if rec = lastRecord(t, app, "everything"); rec.Attempts != 1 {
		t.Errorf("retried before NextRetry: %+v", rec)
	}
	clk.Set(day3.Add(digest.DefaultRetryMin))
	if _, err := sched.RunDue(ctx); err == nil {
		t.Error("second attempt with the server down reported no error")
	}
	if rec = lastRecord(t, app, "everything"); rec.Attempts != 2 || !rec.NextRetry.Equal(day3.Add(3*digest.DefaultRetryMin)) {
		t.Errorf("second failure: %+v", rec)
	}
	// The server is back; the pending digest goes out once, with the
	// article of the outage.
	mp.Start()
	clk.Set(day3.Add(3 * digest.DefaultRetryMin))
	if _, err := sched.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	rec = lastRecord(t, app, "everything")
	if rec.Status != store.DigestSent || rec.Attempts != 3 || rec.LastError != "" {
		t.Errorf("after the server came back: %+v", rec)
	}
	all = messagesFor(t, mp, "breachwire digest: everything")
	if len(all) != 3 || !strings.Contains(all[2].Text, "Third breach, during the outage") {
		t.Fatalf("%d everything digests; last:\n%v", len(all), all)
	}
	if _, err := sched.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(messagesFor(t, mp, "breachwire digest: everything")); n != 3 {
		t.Errorf("%d everything digests after one more pass, want 3", n)
	}
	app.Close()
}

// TestDigestScheduler_DaylightSaving: with the last digest sent at 07:00 GMT
// on the Saturday before the clocks go forward, the next is due at 07:00 BST
// on Sunday, 23 hours later.
func TestDigestScheduler_DaylightSaving(t *testing.T) {
	mp := startDigestMailpit(t)
	cfg := digestConfig(t, mp)
	sat := time.Date(2025, 3, 29, 7, 0, 5, 0, time.UTC)
	clk := &clock{t: sat}
	app := testApp(t, cfg, t.TempDir(), clk)
	defer app.Close()
	if _, err := app.Store.RecordDigest(context.Background(), store.DigestRecord{Subscription: "everything", Status: store.DigestSent,
		Since: sat.Add(-24 * time.Hour), Until: sat, SentAt: sat}); err != nil {
		t.Fatal(err)
	}
	sched, err := app.digestScheduler(nil, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := sched.Subscription("everything")
	due, err := sched.Due(context.Background(), sub)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 3, 30, 6, 0, 0, 0, time.UTC); !due.Equal(want) {
		t.Errorf("due %v, want %v (07:00 BST)", due, want)
	}
}

// TestDigestCommand renders and sends through the CLI, as a user would.
func TestDigestCommand(t *testing.T) {
	mp := startDigestMailpit(t)
	cfg := digestConfig(t, mp)
	data := t.TempDir()
	now := time.Now()
	clk := &clock{t: now.Add(-2 * time.Hour)}
	app := testApp(t, cfg, data, clk)
	seed(t, app.Store, icoSource, advancedItem(now.Add(-3*time.Hour)))
	seed(t, app.Store, pressSource, pressItem("retail", "Retailer phishing attack exposed 1,200 customers", now.Add(-4*time.Hour)))
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		t.Helper()
		var out bytes.Buffer
		code := runCommand(context.Background(), append([]string{"--config", cfg, "--data", data, "--log-level", "error"}, args...), testEnv(&out))
		return code, out.String()
	}

	code, out := run("digest")
	if code != 0 || !strings.HasPrefix(out, "Subject: breachwire digest, ") || !strings.Contains(out, "Software provider fined £3m") || !strings.Contains(out, "Retailer phishing") {
		t.Fatalf("digest: exit %d\n%s", code, out)
	}
	code, out = run("digest", "--subscription", "ICO-MFA", "--format", "html")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "Matches: regulator ICO, MFA absent") || strings.Contains(out, "Retailer") {
		t.Fatalf("digest --subscription ICO-MFA --format html: exit %d\n%s", code, out)
	}
	code, out = run("digest", "--since", "1h")
	if code != 0 || !strings.Contains(out, ": 0 articles") {
		t.Errorf("digest --since 1h: exit %d\n%s", code, out)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Fatalf("rendering sent %d messages", n)
	}

	code, out = run("digest", "--send")
	if code != 0 || !strings.Contains(out, "everything: sent 2 articles to 1 recipients") || !strings.Contains(out, "ico-mfa: sent 1 articles to 2 recipients") {
		t.Fatalf("digest --send: exit %d\n%s", code, out)
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Fatalf("%d messages after --send, want 2", n)
	}
	code, out = run("digest", "--send", "--subscription", "everything")
	if code != 0 || !strings.Contains(out, "everything: nothing new") {
		t.Errorf("second --send: exit %d\n%s", code, out)
	}
	// Rendering a subscription now shows what its next digest would hold:
	// nothing, since everything was mailed.
	code, out = run("digest", "--subscription", "everything")
	if code != 0 || !strings.Contains(out, ": 0 articles") {
		t.Errorf("preview after sending: exit %d\n%s", code, out)
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Errorf("%d messages after sending again, want still 2", n)
	}

	mp.Stop()
	app = testApp(t, cfg, data, &clock{t: time.Now()})
	seed(t, app.Store, pressSource, pressItem("late", "Late breach", time.Now()))
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	code, out = run("digest", "--send", "--subscription", "everything")
	if code != 1 || !strings.Contains(out, "everything: NOT SENT") || !strings.Contains(out, "pending") {
		t.Errorf("--send with the server down: exit %d\n%s", code, out)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"digest", "--format", "pdf"}, 2, `--format "pdf" is not text or html`},
		{[]string{"digest", "--subscription", "nope"}, 1, "no subscription named \"nope\""},
		{[]string{"digest", "--since", "tomorrow"}, 1, "--since"},
		{[]string{"digest", "extra"}, 2, "usage: breachwire digest"},
	} {
		code, out := run(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", tt.args, code, tt.code, tt.want, out)
		}
	}
}

// TestDigestScheduler_Run runs the scheduler's own loop on the system clock
// with a schedule every 200ms: it sends the digest, then stops when its
// context is cancelled.
func TestDigestScheduler_Run(t *testing.T) {
	mp := startDigestMailpit(t)
	cfg := digestConfig(t, mp)
	clk := &clock{t: time.Now()}
	app := testApp(t, cfg, t.TempDir(), clk)
	defer app.Close()
	seed(t, app.Store, icoSource, advancedItem(time.Now().Add(-time.Hour)))
	sender, err := newSender(app.Config, app.getenv)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := digest.NewScheduler(digest.SchedulerConfig{
		Subscriptions: []digest.Subscription{{Name: "fast", To: []string{"secops@example.org"}, Location: time.UTC,
			Next: func(t time.Time) time.Time { return t.Truncate(200 * time.Millisecond).Add(200 * time.Millisecond) }}},
		Finder:  storeFinder{db: app.Store},
		Records: digestRecords{db: app.Store},
		Mailer:  sender,
		MaxWait: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sched.Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for len(mp.Messages(t)) == 0 {
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("no digest within 20s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if n := len(mp.Messages(t)); n != 1 {
		t.Errorf("%d messages; the later runs had nothing new, want 1", n)
	}
}
