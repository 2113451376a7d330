package web

import (
	"breachwire/internal/testenv"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts a headless chromium with a fresh profile and collects
// every console error and warning, uncaught exception and browser log entry
// of those levels (CSP violations are reported there, source "security").
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := testenv.Need(t, "chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	b := &browser{ctx: ctx}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			switch {
			case m.Type == chromedp.ConsoleError, m.Type == chromedp.ConsoleWarning, m.IsException(),
				m.Source == "security", strings.Contains(m.Text, "Content Security Policy"):
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s) %s", m, m.Source, m.URL))
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc(); <-done })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// takeProblems returns the problems seen so far, after letting the last
// events arrive.
func (b *browser) takeProblems() []string {
	time.Sleep(300 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// screenshotDir is BREACHWIRE_SCREENSHOTS when set (to keep the pictures),
// else the test's temporary folder.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("BREACHWIRE_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowser loads the digest, submits the search form, opens an article,
// and finds no console error and no CSP violation on the way, at a phone's
// width and a desktop's; screenshots are saved and their paths logged.
func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	e := newTestEnv(t)
	dir := screenshotDir(t)
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			path := filepath.Join(dir, name+".png")
			t.Logf("screenshot %s", path)
			return os.WriteFile(path, buf, 0o644)
		})
	}
	text := func(sel string, out *string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			v, err := chromedp.Text(chromedp.CSS(sel))(ctx, tg)
			*out = v
			return err
		})
	}
	for _, vp := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}} {
		t.Run(vp.name, func(t *testing.T) {
			var digestText, resultsText, heading string
			viewport := chromedp.EmulateViewport(vp.w, vp.h)
			if vp.mobile {
				viewport = chromedp.EmulateViewport(vp.w, vp.h, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait)
			}
			steps := []struct {
				name   string
				action []chromedp.Action[chromedp.Void]
			}{
				{"open the digest", []chromedp.Action[chromedp.Void]{viewport, chromedp.Navigate(e.http.URL + "/"),
					chromedp.WaitVisible(chromedp.CSS("#g-enforcement")), text("main", &digestText), shot("digest-" + vp.name)}},
				{"open the search page", []chromedp.Action[chromedp.Void]{chromedp.Navigate(e.http.URL + "/search"),
					chromedp.WaitVisible(chromedp.CSS("#q"))}},
				// The search form of the page, filled and submitted as a user would.
				{"submit the search form", []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#q"), "ransomware"),
					// The results before the search mark nothing; those after it do.
					chromedp.Click(chromedp.CSS(`.qrow button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".results h3 mark")),
					text(".results", &resultsText), shot("search-" + vp.name)}},
				{"open the filters", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(".filters summary")),
					chromedp.WaitVisible(chromedp.CSS("#min_fine")), shot("search-filters-" + vp.name)}},
				{"open the first result", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(".results ol.items li h3 a")),
					chromedp.WaitVisible(chromedp.CSS("#facts-h")), text("h1", &heading), shot("article-" + vp.name)}},
			}
			for _, st := range steps {
				ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
				err := chromedp.Do(ctx, st.action...)
				cancel()
				if err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
			}
			overflow, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			marked, err := chromedp.Run(b.ctx, chromedp.InnerHTML(chromedp.CSS(".text")))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(digestText, "ICO fines software provider") || !strings.Contains(digestText, "Articles per day") {
				t.Errorf("digest text: %.300q", digestText)
			}
			if overflow {
				t.Errorf("the article page is wider than the %dpx window", vp.w)
			}
			if !strings.Contains(resultsText, "1 article") || !strings.Contains(resultsText, "£3.07m fine · final · ICO") {
				t.Errorf("results text: %.300q", resultsText)
			}
			if !strings.HasPrefix(heading, "ICO fines software provider") || !strings.Contains(marked, "<mark>£3.07m</mark>") {
				t.Errorf("article %q: %.300q", heading, marked)
			}
			if err := chromedp.Do(b.ctx, chromedp.Navigate(e.http.URL+"/sources"),
				chromedp.WaitVisible(chromedp.CSS("table.sources")), shot("sources-"+vp.name)); err != nil {
				t.Fatalf("sources: %v", err)
			}
			if p := b.takeProblems(); len(p) > 0 {
				t.Errorf("console errors or CSP violations:\n  %s", strings.Join(p, "\n  "))
			}
		})
	}

	// The hostile article renders without making any active element.
	hostile := fmt.Sprintf("%s/articles/%d", e.http.URL, e.id(t, urlHostile))
	if err := chromedp.Do(b.ctx, chromedp.Navigate(hostile), chromedp.WaitVisible(chromedp.CSS("#facts-h"))); err != nil {
		t.Fatal(err)
	}
	active, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("script, img, iframe, [onmouseover], [onerror]").length`))
	if err != nil {
		t.Fatal(err)
	}
	if active != 0 {
		t.Errorf("the hostile article made %d active elements", active)
	}
	if p := b.takeProblems(); len(p) > 0 {
		t.Errorf("hostile article: %q", p)
	}

	// The listener does hear a CSP violation: the same policy on a page with
	// an inline script.
	probe := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>probe</title><link rel="icon" href="data:,"><p id="p">probe</p><script>document.title = "ran"</script>`)
	}))
	defer probe.Close()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(probe.URL), chromedp.WaitVisible(chromedp.CSS("#p"))); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title == "ran" {
		t.Error("the inline script ran despite the policy")
	}
	if p := b.takeProblems(); len(p) == 0 {
		t.Error("no CSP violation reported for an inline script: the listener is deaf")
	} else {
		t.Logf("the probe's violation, as expected: %s", p[0])
	}
}
