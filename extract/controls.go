package extract

import (
	"strings"

	"breachwire"
)

// controlNames are the control names in the order of breachwire.Controls;
// a control phrase's val indexes it.
var controlNames = breachwire.Controls

// Control phrase flags, in the high bits of val.
const (
	ctlNeg    = 1 << 8 // the words say the control was missing: "unencrypted"
	ctlVerb   = 1 << 9 // a verb form ("encrypted") that can name an attacker's act
	ctlWeak   = 1 << 10
	ctlMaskID = 0xff
)

func ctl(name string) int {
	for i, c := range controlNames {
		if c == name {
			return i
		}
	}
	panic("extract: unknown control " + name)
}

// controlPhrases lists the words naming each control. MFA has many
// spellings; the others are named by their usual nouns and verbs.
var controlPhrases = []struct {
	control string
	flags   int
	words   []string
}{
	{breachwire.ControlMFA, 0, []string{
		"MFA", "2FA", "two-factor", "two factor", "2-factor", "multi-factor", "multifactor", "multi factor",
		"two-factor authentication", "multi-factor authentication", "multifactor authentication",
		"two-factor verification", "multi-factor verification", "dual-factor authentication", "dual factor",
		"two-step verification", "2-step verification", "two-step authentication", "2-step authentication",
		"two-step", "2-step", "2SV", "second factor", "second authentication factor", "one-time passcode",
		"one-time passcodes", "one-time password", "one-time passwords", "one-time code", "one-time codes",
		"hardware security key", "hardware security keys", "physical security key",
		"physical security keys", "hardware key", "hardware keys",
		"hardware token", "hardware tokens", "FIDO2", "FIDO", "YubiKey", "YubiKeys", "authenticator app",
		"authenticator apps", "authentication app", "text-message codes", "text message codes", "SMS codes",
		"SMS code", "2FA codes", "MFA codes", "MFA prompts", "MFA requests",
		"push notifications", "strong customer authentication", "strong authentication",
		"multi-factor authentication (MFA)", "second layer of protection",
		"second layer of security", "extra layer of security", "additional layer of security",
	}},
	{breachwire.ControlMFA, ctlWeak, []string{
		// spellings that name MFA only in a sentence about logging in
		"security keys", "security key", "push notification", "push notifications", "push requests",
		"sign-in prompts", "login prompts", "verification codes", "verification code", "OTP", "OTPs",
		"passkeys", "passkey", "authentication codes", "login codes", "access codes", "approval requests",
		"approval request", "sign-in requests", "login requests", "login approval", "sign-in approval",
		"login approvals", "sign-in approvals",
	}},
	{breachwire.ControlMFA, ctlNeg, []string{
		"password alone", "passwords alone", "single-factor", "single factor authentication", "password-only",
		"password only", "only a password", "only a username and password", "just a password",
		"username and password alone", "single password", "only by a password", "only by a username and password",
		"only by passwords", "only with a password", "only with a username and password",
	}},
	{breachwire.ControlPatching, 0, []string{
		"patch", "patches", "patched", "patching", "security update", "security updates", "software updates",
		"update its software", "updated software", "fix had been available", "fixes",
	}},
	{breachwire.ControlPatching, ctlNeg, []string{
		"unpatched", "out-of-date software", "outdated software", "out of date software", "unsupported software",
		"unsupported operating systems", "unsupported operating system", "end-of-life", "end of life",
		"no longer supported", "obsolete software", "legacy systems",
	}},
	{breachwire.ControlVulnerabilityScanning, 0, []string{
		"vulnerability scanning", "vulnerability scans", "vulnerability scan", "vulnerability scanner",
		"vulnerability assessment", "vulnerability assessments", "penetration testing", "penetration test",
		"penetration tests", "pen testing", "pen test", "vulnerability management", "security testing",
		"scan for vulnerabilities", "regular scans",
	}},
	{breachwire.ControlEncryption, 0, []string{
		"encryption", "encrypt", "encrypted", "encrypting", "encryption software", "full-disk encryption",
		"disk encryption", "hashed", "hashing", "salted",
	}},
	{breachwire.ControlEncryption, ctlNeg, []string{
		"unencrypted", "not encrypted", "plain text", "plaintext", "cleartext", "clear text", "unhashed",
	}},
	{breachwire.ControlBackups, 0, []string{
		"backups", "backup", "back-ups", "back up", "backed up", "offline backups", "offline backup",
		"backup copies", "recovery plan", "disaster recovery",
	}},
	{breachwire.ControlLogging, 0, []string{
		"logging", "logs", "log files", "audit logs", "audit log", "audit trail", "audit trails", "monitoring",
		"monitor", "monitored", "security monitoring", "alerting", "alerts", "SIEM", "intrusion detection",
		"detection", "audits",
	}},
	{breachwire.ControlAccessControl, 0, []string{
		"access control", "access controls", "least privilege", "privileged accounts", "privileged access",
		"password policy", "password policies", "password management", "strong passwords", "password protected",
		"password-protected", "role-based access", "access rights", "restricting access", "restrict access",
		"limited staff access", "authorizing access", "authorising access", "access management",
		"information access management", "user access", "access privileges", "permissions",
		"password", "default passwords", "shared accounts",
	}},
	{breachwire.ControlTraining, 0, []string{
		"training", "trained", "train", "retrained", "re-trained", "retraining", "re-training",
		"security awareness", "awareness training", "awareness",
	}},
	{breachwire.ControlSegmentation, 0, []string{
		"segmentation", "segmented", "network segmentation", "segregation", "segregated", "flat network",
		"separate networks", "isolated",
	}},
	{breachwire.ControlOther, 0, []string{
		"risk analysis", "risk assessment", "risk assessments", "risk management plan", "firewall", "firewalls",
		"antivirus", "anti-virus", "antimalware", "anti-malware", "endpoint detection", "EDR",
		"incident response plan", "incident response", "data minimisation", "data minimization",
		"spam filters", "email filtering", "physical security", "safeguards", "security measures",
		"security program", "information security program", "security policies",
	}},
}

// Cue classes for control polarity and attack context (catCue vals).
const (
	cueNeg = iota + 1
	cueCounterfactual
	cueBypass
	cueWeakBypass
	cueAdvice
	cuePresent
	cueRemediation
	cueBoundary
	cueGeneric // individuals as the subject: users, customers
	cueModal   // can, could, may, might
	cueFuture
	cueDespite // "despite MFA": in place, yet the attack succeeded
	cueOffer   // offers, provides: a provider's offering (with "available", "offered")
)

var cuePhrases = []struct {
	cue   int
	words []string
}{
	{cueNeg, []string{
		"no", "not", "never", "without", "none", "neither", "nor", "lack", "lacked", "lacking", "lacks",
		"lack of", "absence of", "absent", "missing", "failed", "fail", "fails", "failing", "failure",
		"didn't", "did not", "hadn't", "had not", "wasn't", "was not", "weren't", "were not", "isn't",
		"is not", "doesn't", "does not", "haven't", "have not", "has not", "hasn't", "gaps", "gap",
		"insufficient", "insufficiently", "inadequate", "inadequately", "weak", "poor", "partial",
		"partially", "partly", "incomplete", "incompletely", "disabled", "turned off", "switched off",
		"slow to", "neglected", "neglect", "unprotected", "only partly", "not fully", "no longer",
		"deactivated", "removed", "did away with", "other than", "except", "left without", "lapsed",
		"exempt", "exempted", "excluded", "exemption", "optional", "voluntary", "not mandatory",
		"not compulsory",
		"not covered", "not enforced", "not enabled", "not required", "not turned on", "not switched on",
		"not in place", "only some", "only a few", "ignored", "instead of", "opt-in", "opt in", "off by default",
		"few", "hardly any", "not on by default", "only a quarter", "only a third", "only half", "only a fraction",
		"only a minority", "only a handful", "only one in", "only two in", "only for", "only on",
	}},
	{cueCounterfactual, []string{
		"should have", "would have", "could have", "ought to have", "might have prevented", "might have stopped",
		"would likely have", "could likely have", "should've", "would've", "could've",
	}},
	{cueBypass, []string{
		"bypass", "bypassed", "bypassing", "bypasses", "circumvent", "circumvented", "circumventing",
		"defeat", "defeated", "defeating", "get around", "got around", "getting around", "get past",
		"got past", "passed", "fatigue", "bombing", "bombed", "prompt bombing", "push bombing", "sim swap",
		"sim swapping", "sim-swapping", "sim swaps", "reset", "resetting", "resets", "intercept",
		"intercepted", "intercepting", "relay", "relayed", "relaying", "stopped the attackers",
		"stopped the attack", "stopped", "blocked", "thwarted", "foiled", "useless", "session cookie",
		"session cookies", "session token", "session tokens", "cookie theft", "token theft", "approved",
		"spammed", "flooded", "accepted", "repeated", "bombarded", "skip", "skipped", "skipping", "sidestep",
		"sidestepped", "evade", "evaded", "get past", "talked", "tricked", "duped", "flood", "approve",
		"approving", "accept", "did not stop", "didn't stop", "failed to stop", "could not stop",
		"did not prevent", "didn't prevent", "failed to prevent", "was not enough", "convinced",
		"could not be used", "could not use", "were unable", "was unable", "unable to", "were useless",
	}},
	{cueDespite, []string{"despite", "in spite of", "notwithstanding"}},
	{cueOffer, []string{"offers", "offer", "offering", "provides", "provide", "provided", "free of charge"}},
	{cueWeakBypass, []string{
		"harvest", "harvested", "harvesting", "steal", "stole", "stolen", "stealing", "phished", "capture",
		"captured", "capturing", "hand over", "handed over", "along with",
	}},
	{cueAdvice, []string{
		"should", "must", "urge", "urged", "urges", "urging", "recommend", "recommended", "recommends",
		"recommendation", "recommendations", "advise", "advised", "advises", "advice", "encourage",
		"encouraged", "encourages", "encouraging", "consider", "tips", "best practice", "best practices",
		"help protect", "helps protect", "important", "essential", "one of the most", "less likely",
		"more likely", "reduce the risk", "protect you", "protect your", "make sure", "ensure", "always",
		"when available", "if available", "every organization", "every organisation", "organizations",
		"organisations", "businesses", "remind", "reminded", "suggests", "suggested", "guidance", "actions to take",
		"require", "requiring", "mandatory", "mandate", "will require", "to require", "need to",
		"launched", "launches", "launching", "option", "feature", "features",
	}},
	{cueFuture, []string{
		"will", "would", "plans to", "plan to", "planning to", "agreed to", "going forward", "in future",
		"in the future", "by the end of", "ordered to", "required to", "to adopt", "to implement",
		"to introduce", "to roll out", "to hire", "is rolling out", "are rolling out", "has pledged",
		"pledged", "promised",
	}},
	{cuePresent, []string{
		"in place", "enabled", "had", "has", "uses", "used", "using", "use", "signs in with", "sign in with",
		"signed in with", "protected by", "protected with", "required", "requires", "enforced", "enforces",
		"turned on", "switched on", "deployed", "implemented", "rolled out", "introduced", "installed",
		"adopted", "added", "enrolled", "relied on", "relies on", "protects", "protected", "covered",
		"already", "employed", "applied", "secured with", "secured by", "available", "offered",
	}},
	{cueRemediation, []string{
		"following the breach", "after the breach", "after the attack", "after the incident", "since then",
		"since the attack", "since the breach", "in response", "has now", "have now", "now", "has since",
		"have since", "following the incident", "following the attack", "in the wake of", "as a result of",
		"following its investigation", "following the investigation", "improved", "subsequently",
		"following the theft", "upon discovery", "after discovering", "afterwards", "since",
	}},
	{cueBoundary, []string{
		";", ":", "--", "but", "however", "although", "though", "whereas", ", yet", "even though", ", and",
		", so", "while",
	}},
	{cueGeneric, []string{
		"users", "customers", "consumers", "members", "people", "account holders", "individuals",
		"subscribers", "contributors", "you", "your", "anyone", "everyone", "developers",
		"maintainers",
	}},
	{cueModal, []string{"can", "could", "may", "might", "cannot", "can't"}},
}

func addControls(m *matcher) {
	for _, cp := range controlPhrases {
		id := ctl(cp.control) | cp.flags
		for _, w := range cp.words {
			flags := uint8(0)
			if isAllUpperOrDigit(w) {
				flags = pCase
			}
			v := id
			if w == "encrypted" || w == "encrypting" || w == "encrypt" {
				v |= ctlVerb
			}
			m.add(w, catControl, v, flags)
		}
	}
}

func addCues(m *matcher) {
	for _, c := range cuePhrases {
		for _, w := range c.words {
			m.add(w, catCue, c.cue, 0)
		}
	}
}

func isAllUpperOrDigit(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			letters++
		}
	}
	return letters > 0
}

// clause returns the token range of the clause holding token i: the
// sentence cut at semicolons, colons, dashes and contrastive or
// coordinating conjunctions.
func (a *analysis) clause(i int, cues []hit) (int, int) {
	s, e := a.sentRange(i)
	lo, hi := s, e
	for _, h := range cues {
		if h.val != cueBoundary || h.i < s || h.i >= e {
			continue
		}
		if h.j <= i && h.j > lo {
			lo = h.j
		}
		if h.i > i && h.i < hi {
			hi = h.i
		}
	}
	return lo, hi
}

// polarity decides the status of the control named by tokens [i, j) from
// the cues of its clause and sentence.
func (a *analysis) polarity(i, j int, flags int) (status string, ok bool) {
	s, e := a.sentRange(i)
	cues := a.cueRange(s, e)
	lo, hi := a.clause(i, cues)
	var neg, negNear, counter, bypass, weakBypass, advice, strongAdvice, present, remed, generic, modal, future, imperative bool
	negDist, bypassDist := 1<<30, 1<<30
	negBefore := false
	for _, h := range cues {
		if h.i < s || h.i >= e {
			continue
		}
		inClause := h.i >= lo && h.j <= hi
		switch h.val {
		case cueRemediation:
			// "has now added MFA", "Following the breach, X enabled MFA":
			// the remediation comes before the control
			if h.j <= i && (i-h.j <= 12 || h.i == s) {
				remed = true
			}
		case cueAdvice:
			// "did not require employees to use MFA": a negated
			// requirement is no advice
			if p := a.norm(h.i - 1); p == "not" || p == "never" || strings.HasSuffix(p, "n't") {
				break
			}
			if inClause || h.i < i {
				// "an optional feature", "launched an option": words of a
				// product, weaker than advice
				advice = true
				if !isAny(a.toks[h.i].norm, "feature", "features", "option", "launched", "launches", "launching") {
					strongAdvice = true
				}
			}
		}
		if !inClause {
			continue
		}
		before := h.j <= i
		dist := i - h.j
		if !before {
			dist = h.i - j
		}
		switch h.val {
		case cueNeg:
			if !before && a.outcomeAfter(h.j, e) {
				continue // "users who had enabled MFA were not affected"
			}
			// "MFA, which the bank offered to its clients in 2020, was not
			// switched on": a negated activation governs the mention
			// across a relative clause
			if !before && a.activationAfter(h.i, h.j, e) {
				neg, negNear = true, true
				if dist < negDist {
					negDist, negBefore = dist, false
				}
			}
			if before && dist <= 8 || !before && dist <= 8 {
				neg = true
				if dist <= 3 {
					negNear = true
				}
				if dist < negDist {
					negDist, negBefore = dist, before
				}
			}
		case cueCounterfactual:
			counter = true
		case cueBypass:
			// a reset is a bypass when someone was talked into it, not
			// when the victim reset passwords afterwards
			if dist <= 20 && (!strings.HasPrefix(a.toks[h.i].norm, "reset") || a.sentInfo(i, sentSocial)) {
				bypass = true
				if dist < bypassDist {
					bypassDist = dist
				}
			}
		case cueWeakBypass:
			if dist <= 6 {
				weakBypass = true
			}
		case cueDespite:
			if before && dist <= 1 {
				bypass = true
			}
		case cuePresent:
			if dist <= 6 {
				present = true
			}
		case cueGeneric:
			if before {
				generic = true
			}
		case cueModal:
			if before && !(a.toks[h.i].is(fCap) && a.toks[h.i].norm == "may") {
				modal = true
			}
		case cueFuture:
			if before && dist <= 8 {
				future = true
			}
		}
	}
	// remediation after the incident, anywhere in the sentence: "switched
	// on MFA after the intrusion", "in the weeks after the attack"
	if !remed && a.sentInfo(i, sentAfterIncident) {
		remed = true
	}
	// "did not require MFA or block repeated failed logins": a negation
	// that governs the mention outweighs a word of bypass further away
	if bypass && negNear && negBefore && negDist < bypassDist {
		bypass = false
	}
	// "is available to all of its customers", "offers it to every
	// client": a provider's offering, not a control in use
	offer := a.offeredToCustomers(cues, lo, hi)
	// "would (most likely) have failed", "Had MFA been enabled, ...":
	// what would have happened, so what was missing; "MFA would not have
	// stopped it" says only that it would not have helped
	if !counter {
		switch a.counterfactual(s, i) {
		case 1:
			counter = true
		case -1:
			bypass, weakBypass, present, neg = false, false, false, false
			modal = true
		}
	}
	// an imperative: the clause (or bullet) starts with a base verb
	if lo < len(a.toks) {
		k := lo
		for k < hi && a.toks[k].kind == tPunct {
			k++
		}
		if k < hi && imperativeVerbs[a.toks[k].norm] {
			imperative = true
		}
	}
	// a contrast after the mention's clause that says it did not cover
	// everything: "MFA was introduced elsewhere, but that server was not
	// covered by it"
	contrastNeg := false
	if hi < e && !neg && isAny(a.toks[hi].norm, "but", "however", "although", "though", "whereas", "yet", "except", ";") {
		for _, h := range cues {
			if h.i >= hi && h.i < e && h.val == cueNeg {
				contrastNeg = true
				break
			}
		}
	}
	if flags&ctlNeg != 0 {
		// "a password alone": the words say it was missing; nothing was
		// bypassed
		neg, negNear, bypass, weakBypass = true, true, false, false
	}
	// "failed to use reasonable measures, such as ... MFA": a list under
	// a negation
	if !neg && a.negatedList(lo, i) {
		neg, negNear, advice, future = true, true, false, false
	}
	// "..., noting that it had not been in place": a pronoun for the
	// control, negated, later in the sentence
	if a.pronounNegated(j, e) {
		neg, negNear, advice, future = true, true, false, false
	}
	switch {
	case counter:
		return breachwire.StatusAbsent, true
	case bypass && !modal && !generic:
		return breachwire.StatusPresent, true
	case bypass:
		return breachwire.StatusMentioned, true
	case neg && (imperative || strongAdvice && !negNear) && !counter:
		return breachwire.StatusMentioned, true
	case neg:
		return breachwire.StatusAbsent, true
	case weakBypass && !modal && !generic:
		return breachwire.StatusPresent, true
	case imperative || advice || future || modal || offer:
		return breachwire.StatusMentioned, true
	case contrastNeg && present:
		return breachwire.StatusAbsent, true
	case present && (remed || a.correctiveSubject(s, e)):
		// adopted after the incident: that it was missing before is not
		// said here, and it was not in use when it mattered
		return breachwire.StatusMentioned, true
	case present && generic:
		return breachwire.StatusMentioned, true
	case present:
		return breachwire.StatusPresent, true
	}
	return breachwire.StatusMentioned, false
}

// negatedList reports a mention inside a list ("such as", "including")
// that follows a negation in its clause [lo, i): "failed to use reasonable
// security measures, such as encrypting data and requiring MFA".
func (a *analysis) negatedList(lo, i int) bool {
	list := -1
	for k := i - 1; k >= lo; k-- {
		w := a.toks[k].norm
		if list < 0 && (w == "such" && a.norm(k+1) == "as" || w == "including" || w == "like") {
			list = k
			continue
		}
		if list >= 0 && (isAny(w, "failed", "fail", "lacked", "lack", "without", "no", "not", "never", "neglected") ||
			strings.HasSuffix(w, "n't")) {
			return true
		}
	}
	return false
}

// counterfactual returns 1 for "would/could/might (adverbs) have" in the
// sentence [s, e), or a sentence opening with an inverted condition ("Had
// MFA been enabled") around the mention at i; -1 for a negated one that
// says a control would not have helped ("would not have stopped"); 0
// otherwise.
func (a *analysis) counterfactual(s, i int) int {
	if a.toks[s].norm == "had" && a.toks[s].is(fCap) && i-s <= 4 {
		return 1
	}
	switch {
	case a.sentInfo(i, sentCounter):
		return 1
	case a.sentInfo(i, sentCounterNeg):
		return -1
	}
	return 0
}

// counterfactualScan is counterfactual without the inverted condition,
// for the sentence [s, e) (see sentInfo).
func (a *analysis) counterfactualScan(s, e int) int {
	for k := s; k+1 < e; k++ {
		switch a.toks[k].norm {
		case "would", "could", "might", "should":
		default:
			continue
		}
		negated := false
		for x := k + 1; x < e && x <= k+3; x++ {
			if a.toks[x].norm == "not" || strings.HasSuffix(a.toks[k].norm, "n't") {
				negated = true
			}
			if a.toks[x].norm == "have" {
				// "MFA would not have stopped this attack": the control
				// would not have helped, which says nothing of its use
				if negated && x+1 < e && isAny(a.toks[x+1].norm, "stopped", "prevented", "helped", "blocked",
					"protected", "mattered", "saved", "changed") {
					return -1
				}
				return 1
			}
			if !isAny(a.toks[x].norm, "most", "very", "likely", "probably", "almost", "certainly", "easily", "not") {
				break
			}
		}
	}
	return 0
}

// pronounNegated reports "it (had) not been in place", "it was not
// enabled", "which was not enforced", or "had not turned it on", "never
// enabled it" in the tokens [j, e).
func (a *analysis) pronounNegated(j, e int) bool {
	for k := j; k < e; k++ {
		switch w := a.toks[k].norm; {
		case w == "it" || w == "this" || w == "which" || w == "they":
		case w == "not" || w == "never" || strings.HasSuffix(w, "n't"):
			x := k + 1
			if x < e && isAny(a.toks[x].norm, "yet", "ever", "actually", "even") {
				x++
			}
			if x+1 < e && isAny(a.toks[x].norm, "enabled", "enable", "activated", "activate", "used", "use",
				"required", "require", "enforced", "enforce", "adopted", "deployed", "implemented", "set",
				"turned", "turn", "switched", "switch", "configured") && isAny(a.toks[x+1].norm, "it", "them") {
				return true
			}
			continue
		default:
			continue
		}
		x := k + 1
		for x < e && x < k+4 && isAny(a.toks[x].norm, "had", "has", "was", "were", "is", "been", "have") {
			x++
		}
		if x >= e || !isAny(a.toks[x].norm, "not", "never", "n't") && !strings.HasSuffix(a.toks[x].norm, "n't") &&
			!strings.HasSuffix(a.toks[x].norm, "n’t") {
			continue
		}
		x++
		for x < e && x < k+7 && isAny(a.toks[x].norm, "been", "be", "yet", "fully", "properly") {
			x++
		}
		if x < e && isAny(a.toks[x].norm, "in", "enabled", "enforced", "used", "required", "covered", "turned",
			"switched", "applied", "deployed", "implemented", "available", "active", "activated", "set") {
			return true
		}
	}
	return false
}

// socialEngineering reports words of someone talked into acting in the
// sentence [s, e): a help desk, a caller, an impersonation.
func (a *analysis) socialEngineering(s, e int) bool {
	for k := s; k < e; k++ {
		switch a.toks[k].norm {
		case "desk", "helpdesk", "caller", "calling", "called", "posing", "impersonating", "persuaded",
			"talked", "tricked", "attacker", "attackers", "hacker", "hackers", "criminals":
			return true
		}
	}
	return false
}

// correctiveSubject reports a sentence about the covered entity's
// corrective actions: "The CE reset ..., implemented ...".
func (a *analysis) correctiveSubject(s, e int) bool {
	k := s
	if k < e && a.toks[k].norm == "the" {
		k++
	}
	if k < e && a.toks[k].norm == "ce" {
		return true
	}
	return k+1 < e && a.toks[k].norm == "covered" && a.toks[k+1].norm == "entity"
}

// loginWords confirm that a weak spelling of MFA is about logging in.
var loginWords = []string{"login", "logins", "log in", "logged in", "sign-in", "sign in", "signs in", "signed in",
	"authentication", "authenticate", "mfa", "2fa", "two-factor", "approve", "approved", "approving", "prompt",
	"prompts", "password", "passwords", "credentials", "account", "accounts", "phishing", "codes", "sign-on",
	"sign on", "sso", "single sign-on"}

// imperativeVerbs start advice: "Use strong passwords", "Enable MFA".
var imperativeVerbs = map[string]bool{
	"use": true, "enable": true, "enforce": true, "implement": true, "turn": true, "switch": true,
	"require": true, "adopt": true, "set": true, "consider": true, "protect": true, "deploy": true,
	"apply": true, "add": true, "activate": true, "configure": true, "review": true, "ensure": true,
	"make": true, "keep": true, "update": true, "patch": true, "train": true, "segment": true,
	"monitor": true, "back": true, "encrypt": true, "limit": true, "restrict": true, "install": true,
	"maintain": true, "audit": true, "disable": true, "do": true, "don't": true, "avoid": true,
	"verify": true, "take": true, "manage": true,
}

// controlRank orders statuses when one control is mentioned several times:
// a missing control is the finding that matters most, then one in place.
func controlRank(s string) int {
	switch s {
	case breachwire.StatusAbsent:
		return 3
	case breachwire.StatusPresent:
		return 2
	}
	return 1
}

// attackerVerbContext reports whether the sentence of token i describes an
// attacker encrypting data ("the attackers encrypted the firm's files"), so
// that "encrypted" does not name the control.
func (a *analysis) attackerVerbContext(i int) bool {
	s, e := a.sentRange(i)
	for k := s; k < e; k++ {
		switch a.toks[k].norm {
		case "ransomware", "attackers", "attacker", "hackers", "hacker", "criminals", "ransom", "intruders",
			"gang", "decryption", "locked", "extort", "extorted":
			return true
		}
	}
	return false
}

// extractControls fills f.Controls and f.MFA.
func extractControls(a *analysis, f *breachwire.Facts) {
	type best struct {
		c     breachwire.Control
		found bool
	}
	var found [16]best
	for _, h := range a.hits {
		if h.cat != catControl {
			continue
		}
		id := h.val & ctlMaskID
		name := controlNames[id]
		if h.val&ctlVerb != 0 && a.attackerVerbContext(h.i) {
			continue
		}
		status, cued := a.polarity(h.i, h.j, h.val)
		if !cued && name != breachwire.ControlMFA {
			continue // other controls count only with a cue
		}
		if name != breachwire.ControlMFA && !a.controlAboutSecurity(h) {
			continue
		}
		if h.val&ctlWeak != 0 && !a.sentenceHasAny(h.i, loginWords) {
			continue // "API security keys", app push notifications
		}
		if found[id].found && controlRank(found[id].c.Status) >= controlRank(status) {
			continue
		}
		start, end := a.toks[h.i].start, a.toks[h.j-1].end
		found[id] = best{breachwire.Control{
			Control:  name,
			Status:   status,
			Evidence: a.sentenceText(h.i),
			Text:     a.text[start:end],
			Start:    start,
			End:      end,
		}, true}
	}
	for id := range controlNames {
		if !found[id].found {
			continue
		}
		c := found[id].c
		f.Controls = append(f.Controls, c)
		if c.Control == breachwire.ControlMFA {
			m := c
			f.MFA = &m
		}
	}
}

// advisoryControls turns every control status into "mentioned" in an
// advisory: a text by an authority that names no victim describes what
// attackers exploit or bypass in general ("VPNs that lack MFA", "criminals
// can defeat SMS codes"), not a finding about an organisation.
func advisoryControls(a *analysis, f *breachwire.Facts) {
	if len(f.Organisations) > 0 || len(f.Regulators) == 0 {
		return
	}
	advice := 0
	for _, h := range a.cueHits {
		if h.val == cueAdvice {
			advice++
		}
	}
	if advice == 0 {
		return
	}
	for i := range f.Controls {
		c := &f.Controls[i]
		if !pastTense(c.Evidence) {
			c.Status = breachwire.StatusMentioned
		}
		if f.MFA != nil && c.Control == breachwire.ControlMFA {
			f.MFA.Status = c.Status
		}
	}
}

// pastTense reports a sentence that tells what happened ("had no MFA",
// "was not enabled") rather than what happens or should.
func pastTense(sentence string) bool {
	for _, w := range strings.Fields(strings.ToLower(sentence)) {
		w = strings.Trim(w, ".,;:!?\"'()")
		switch w {
		case "was", "were", "had", "did", "been", "didn't", "wasn't", "weren't", "hadn't":
			return true
		}
	}
	return false
}

// controlAboutSecurity filters the words of weaker controls whose other
// senses are common: "monitor" in "credit monitoring", "training" in
// "training data".
func (a *analysis) controlAboutSecurity(h hit) bool {
	prev, next := a.norm(h.i-1), a.norm(h.j)
	switch a.norm(h.i) {
	case "monitoring", "monitor", "monitored":
		if prev == "credit" || prev == "identity" || next == "service" && prev == "credit" {
			return false
		}
	case "training", "trained", "train":
		if next == "data" || prev == "the" && next == "chatbot" || next == "the" || next == "models" || next == "model" {
			return false
		}
	case "password":
		return false
	case "detection":
		return prev == "intrusion" || prev == "threat" || prev == "endpoint"
	case "permissions":
		return prev == "access" || prev == "user"
	}
	return true
}

// sentenceText returns the sentence holding token i.
func (a *analysis) sentenceText(i int) string {
	if len(a.sentTok) == 0 {
		return a.text
	}
	s := a.sentTok[a.sentOf[i]]
	if s.End <= s.Start {
		return a.text[a.toks[i].start:a.toks[i].end]
	}
	return a.text[a.toks[s.Start].start:a.toks[s.End-1].end]
}

// afterIncident reports words of a time after the incident in the
// sentence [s, e): "after the intrusion", "following the breach", "in the
// weeks after the ransomware attack", "since the hack".
func (a *analysis) afterIncident(s, e int) bool {
	for k := s; k < e; k++ {
		if !isAny(a.toks[k].norm, "after", "following", "since") {
			continue
		}
		for x := k + 1; x < e && x <= k+4; x++ {
			w := a.toks[x].norm
			if isAny(w, "breach", "attack", "intrusion", "incident", "hack", "compromise", "cyberattack", "theft",
				"discovery", "leak", "break-in", "ransomware", "infection", "outage") {
				return true
			}
			if !isAny(w, "the", "this", "that", "a", "an", "its", "ransomware", "cyber", "data", "security", "-") {
				break
			}
		}
	}
	return false
}

// offeredToCustomers reports a control offered to a provider's customers
// in the clause [lo, hi): "is available to all of its customers", "offers
// it to every business client", "provides MFA to every account holder".
func (a *analysis) offeredToCustomers(cues []hit, lo, hi int) bool {
	for _, h := range cues {
		k := h.i
		if k < lo || k >= hi || !(h.val == cueOffer || h.val == cuePresent && isAny(a.toks[k].norm, "available", "offered")) {
			continue
		}
		for x := k + 1; x < hi && x <= k+8; x++ {
			if a.toks[x].norm != "to" {
				continue
			}
			for y := x + 1; y < hi && y <= x+5; y++ {
				if isAny(a.toks[y].norm, "customers", "clients", "users", "subscribers", "members", "holders",
					"customer", "client", "user", "tenants", "businesses", "organisations", "organizations") {
					return true
				}
			}
			break
		}
	}
	return false
}

// outcomeAfter reports a verb of harm after a negation ending at k (before
// e): "were not affected", "was not breached": the negation is about the
// outcome, not about a control.
func (a *analysis) outcomeAfter(k, e int) bool {
	for k < e && isAny(a.toks[k].norm, "be", "been", "being", "yet", "directly") {
		k++
	}
	return k < e && isAny(a.toks[k].norm, "affected", "impacted", "breached", "compromised", "hacked", "accessed",
		"exposed", "involved", "stolen", "harmed", "hit", "targeted")
}

// activationAfter reports a negation [i, j) that denies a control was
// switched on: "not switched on", "was not enabled", "had never been
// enforced", "not in place".
func (a *analysis) activationAfter(i, j, e int) bool {
	last := a.toks[j-1].norm
	if j-i >= 2 && isAny(last, "on", "enabled", "enforced", "required", "place", "covered", "activated", "used") {
		return true
	}
	k := j
	for k < e && isAny(a.toks[k].norm, "be", "been", "yet", "fully", "properly", "actually", "ever") {
		k++
	}
	return k < e && isAny(a.toks[k].norm, "switched", "turned", "enabled", "enforced", "required", "in", "covered",
		"activated", "used", "set", "configured", "deployed", "implemented", "applied", "mandatory", "compulsory")
}

// Sentence facts cached by sentInfo: each fact has a bit that says it was
// computed and one for its value.
const (
	sentAfterIncident uint16 = 1 << iota // afterIncident
	sentCounter                          // counterfactualScan = 1
	sentCounterNeg                       // counterfactualScan = -1
	sentSocial                           // socialEngineering
	sentGeneric                          // genericScan
	numSentFacts      = iota
)

// sentInfo reports a fact of the sentence of token i that many mentions
// in it ask for, computed once per sentence and fact.
func (a *analysis) sentInfo(i int, fact uint16) bool {
	si := int(a.sentOf[i])
	if len(a.sentFacts) != len(a.sentTok) {
		a.sentFacts = grow(a.sentFacts, len(a.sentTok))
		clear(a.sentFacts)
	}
	done := fact << numSentFacts
	if si < len(a.sentFacts) && a.sentFacts[si]&done != 0 {
		return a.sentFacts[si]&fact != 0
	}
	s, e := a.sentRange(i)
	var f uint16
	switch fact {
	case sentAfterIncident:
		if a.afterIncident(s, e) {
			f = fact
		}
	case sentCounter, sentCounterNeg:
		done = (sentCounter | sentCounterNeg) << numSentFacts
		switch a.counterfactualScan(s, e) {
		case 1:
			f = sentCounter
		case -1:
			f = sentCounterNeg
		}
	case sentSocial:
		if a.socialEngineering(s, e) {
			f = fact
		}
	case sentGeneric:
		if a.genericScan(s, e) {
			f = fact
		}
	}
	if si < len(a.sentFacts) {
		a.sentFacts[si] |= done | f
	}
	return f&fact != 0
}
