package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"breachwire"
	"breachwire/digest"
)

func init() {
	register(command{"digest", "render the daily digest (text or HTML), or --send it to the subscriptions", runDigest})
}

func runDigest(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("digest", "usage: breachwire digest [--format text|html] [--since 24h] [--subscription NAME] [--send]\n\n"+
		"Without --send, prints the digest: every article of the window, or with --subscription the\n"+
		"subscription's next digest (its filters, the articles since its last digest not mailed yet).\n"+
		"Nothing is recorded.\n\n"+
		"With --send, sends each subscription's digest now (or only the named one's) through the\n"+
		"SMTP server of digest.smtp, as text and HTML, and records it so that no article is mailed\n"+
		"twice; the daily schedule of 'serve' continues from it. The SMTP password is read from the\n"+
		"environment variable named by digest.smtp.password_env (see the README, \"Feeds and the daily email\").\n\n", g, env)
	format := fs.String("format", "text", "output `format`: text or html")
	sinceFlag := fs.String("since", "", "start of the window: an age such as 24h or 7d, a date (YYYY-MM-DD) or RFC 3339 time;\n"+
		"default: the end of the subscription's last digest sent, or 24h")
	name := fs.String("subscription", "", "the subscription `name` whose digest to render or send (default: all articles when\n"+
		"rendering, every subscription with --send)")
	send := fs.Bool("send", false, "send the digest now and record it, instead of printing it")
	if err := parseArgs(fs, env, args, 0, 0); err != nil {
		return err
	}
	f := digest.Format(*format)
	if f != digest.FormatText && f != digest.FormatHTML {
		fmt.Fprintf(env.Stderr, "breachwire digest: --format %q is not text or html\n", *format)
		return errUsage
	}
	now := time.Now()
	var since time.Time
	if *sinceFlag != "" {
		var err error
		if since, err = breachwire.ParseDate(*sinceFlag, now); err != nil {
			return breachwire.Errorf(breachwire.ECodeInvalid, "--since: %s", breachwire.ErrorMessage(err))
		}
		if !since.Before(now) {
			return breachwire.Errorf(breachwire.ECodeInvalid, "--since %s is not in the past", *sinceFlag)
		}
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	if *name != "" {
		if _, err := app.subscription(*name); err != nil {
			return err
		}
	}
	if *send {
		return sendDigests(ctx, app, *name, since)
	}
	if err := app.openStore(true); err != nil {
		return err
	}
	var e *digest.Edition
	if *name == "" {
		if since.IsZero() {
			since = now.Add(-digest.DefaultFirstWindow)
		}
		finder := storeFinder{db: app.Store, conv: converter()}
		articles, err := digest.Gather(ctx, finder, breachwire.Filter{}, since, now, digest.DefaultLookback)
		if err != nil {
			return err
		}
		e = digest.Compose("", breachwire.Filter{}, articles, since, now, time.Local, digestOptions(app.Config))
	} else {
		sched, err := app.digestScheduler(noMailer{}, nil)
		if err != nil {
			return err
		}
		if e, err = sched.Preview(ctx, *name, since); err != nil {
			return err
		}
	}
	return printEdition(env.Stdout, e, f)
}

// printEdition writes the edition; the text form opens with its subject.
func printEdition(w io.Writer, e *digest.Edition, f digest.Format) error {
	if f == digest.FormatText {
		if _, err := fmt.Fprintf(w, "Subject: %s\n\n", e.Subject()); err != nil {
			return err
		}
	}
	return e.Render(w, f)
}

// sendDigests sends the named subscription's digest, or every
// subscription's, and prints one line for each.
func sendDigests(ctx context.Context, app *App, name string, since time.Time) error {
	if len(app.Config.Digest.Subscriptions) == 0 {
		return breachwire.Errorf(breachwire.ECodeInvalid, "%s has no digest.subscriptions: nothing to send", app.Config.File)
	}
	if err := app.openStore(false); err != nil {
		return err
	}
	sched, err := app.digestScheduler(nil, nil)
	if err != nil {
		return err
	}
	var failed []error
	for _, sub := range app.Config.Digest.Subscriptions {
		if name != "" && !equalFold(sub.Name, name) {
			continue
		}
		rec, err := sched.Deliver(ctx, sub.Name, since)
		switch {
		case err != nil:
			failed = append(failed, fmt.Errorf("%s: %w", sub.Name, err))
			retry := ""
			if !rec.NextRetry.IsZero() {
				retry = " (pending; 'serve' retries it)"
			}
			fmt.Fprintf(app.Env.Stdout, "%s: NOT SENT: %s%s\n", sub.Name, oneLine(errorText(err)), retry)
		case len(rec.ArticleIDs) == 0:
			fmt.Fprintf(app.Env.Stdout, "%s: nothing new since %s, nothing sent\n", sub.Name, rec.Since.Local().Format("2006-01-02 15:04"))
		default:
			fmt.Fprintf(app.Env.Stdout, "%s: sent %d articles to %d recipients\n", sub.Name, len(rec.ArticleIDs), len(rec.Recipients))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of the digests were not sent: %w", len(failed), errors.Join(failed...))
	}
	return nil
}
