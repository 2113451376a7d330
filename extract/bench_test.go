package extract

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"breachwire"
)

// benchTemplates are sentences of the kinds the extractor reads, written
// for the benchmark, with holes for numbers and names.
var benchTemplates = []string{
	"The %[1]s has fined %[2]s £%[3]d,%[4]03d after a ransomware attack exposed the personal data of %[5]d,%[4]03d customers.",
	"%[2]s said the attackers got in through a remote access account that did not have multi-factor authentication switched on.",
	"Regulators said the company had failed to patch a known vulnerability for %[6]d months and kept backups on the same network.",
	"The %[1]s had issued a notice of intent to fine the company €%[3]d.%[6]d million, which was later reduced to €%[6]d million.",
	"In %[7]d, about %[5]d,%[4]03d patients were told that their records had been accessed by an unauthorised third party.",
	"Shares in %[2]s fell %[6]d%% on Tuesday, wiping $%[3]d million off its market value of $%[6]d.%[6]d billion.",
	"The gang demanded a ransom of %[6]d bitcoin, then worth about US$%[3]d,%[4]03d, and leaked %[6]d00GB of files when it was not paid.",
	"%[2]s will pay $%[3]d million to settle charges brought by the %[1]s, and a further $%[6]d million in restitution to customers.",
	"Call the helpline on 0800 %[4]03d %[4]03d between 9am and 5pm, Monday to Friday, or write to PO Box %[6]d.",
	"More than %[6]d organisations and %[5]d staff took part in the survey, which ran from %[6]d March to %[6]d April %[7]d.",
	"Version %[6]d.%[6]d.%[4]d of the software, released in %[7]d, fixed CVE-%[7]d-%[4]04d and %[6]d other flaws.",
	"The company employs %[5]d people in %[6]d countries and reported revenue of %[3]d.%[6]d billion kronor last year.",
	"Nearly half a million users, %[5]d of them in the EU, had email addresses and hashed passwords stolen.",
	"The fine of HUF %[3]d.%[4]03d.000 (approximately EUR %[6]d%[4]03d) was imposed for the late notification of a breach.",
}

// benchProse are sentences without figures, which make up most of an
// article.
var benchProse = []string{
	"%[2]s said it had contacted the affected customers and was working with law enforcement and outside experts.",
	"The %[1]s said organisations must take appropriate steps to protect the personal information they hold.",
	"Investigators found that the attackers had moved through the network for weeks before they were detected.",
	"A spokesperson for %[2]s declined to comment on whether a ransom had been paid, citing the ongoing investigation.",
	"Security researchers warned that the same group has targeted hospitals, schools and local councils across Europe.",
	"The company has since reset passwords, rotated its keys and hired a specialist firm to review its defences.",
	"Customers were advised to be alert to phishing emails and to check their bank statements for unusual activity.",
	"The %[1]s found that staff had not been trained to spot suspicious messages and that logs were not reviewed.",
	"Critics said the penalty was too small to change behaviour at large technology firms.",
	"The breach was discovered when a researcher noticed an unprotected database that anyone could reach online.",
}

var benchRegs = []string{"ICO", "Information Commissioner's Office", "FTC", "SEC", "DPC", "CNIL", "HHS Office for Civil Rights", "NAIH", "AEPD"}
var benchOrgs = []string{"Acme Retail Ltd", "Northwind Health", "Contoso Bank plc", "Globex Corporation", "Initech Inc", "Umbrella Logistics"}

// benchText returns about size bytes of synthetic article text, made of
// paragraphs of the templates above with random values: one sentence in
// three has figures.
func benchText(size int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b strings.Builder
	b.Grow(size + 1024)
	for b.Len() < size {
		for s := 0; s < 5; s++ {
			t := benchTemplates[r.IntN(len(benchTemplates))]
			if r.IntN(3) > 0 {
				t = benchProse[r.IntN(len(benchProse))]
			}
			fmt.Fprintf(&b, t, benchRegs[r.IntN(len(benchRegs))], benchOrgs[r.IntN(len(benchOrgs))],
				1+r.IntN(999), r.IntN(1000), 1+r.IntN(999), 1+r.IntN(9), 2010+r.IntN(15))
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// benchArticles returns articles of 3 to 7 KB, about total bytes in all.
func benchArticles(total int) ([]string, int) {
	var arts []string
	n := 0
	for seed := uint64(1); n < total; seed++ {
		a := benchText(3000+int(seed%5)*1000, seed)
		arts = append(arts, a)
		n += len(a)
	}
	return arts, n
}

// cpuTime returns the CPU time this process has used: on a shared
// machine the wall clock also counts time spent waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtract measures the whole extractor on articles of a few
// kilobytes, as fetched, over about 4 MB of text per iteration. Besides
// MB/s of wall time it reports cpu-MB/s, the rate per second of CPU time.
func BenchmarkExtract(b *testing.B) {
	arts, n := benchArticles(4 << 20)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	c0 := cpuTime()
	iters := 0
	for b.Loop() {
		for _, a := range arts {
			_ = Extract(Input{Text: a})
		}
		iters++
	}
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(n*iters)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkExtractNumeric measures the numeric half alone: money, fines
// and counts, on documents already split into sentences and read by the
// semantic half's token pass (which Extract shares between both halves).
func BenchmarkExtractNumeric(b *testing.B) {
	arts, n := benchArticles(4 << 20)
	docs := make([]*doc, len(arts))
	for i, a := range arts {
		docs[i] = newDoc(Input{Text: a})
		docs[i].analyze()
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	c0 := cpuTime()
	iters := 0
	for b.Loop() {
		for _, d := range docs {
			var f breachwire.Facts
			extractNumeric(d, &f)
		}
		iters++
	}
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(n*iters)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}
