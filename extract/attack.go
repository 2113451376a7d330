package extract

import (
	"strings"

	"breachwire"
)

// Attack cue kinds (catAttack vals). Most name one attack type directly;
// the others are read with their sentence.
const (
	akRansomware = iota
	akPhishing
	akCredStuffing
	akDDoS
	akMalware
	akMisconfig
	akInsider
	akSupplyChain
	akTheft
	akUnknown
	// context-dependent cues
	akTheftVerb     // stolen, exfiltrated, copied...: theft when the object is data or a device
	akBug           // bug, glitch, coding error: misconfiguration when data was exposed
	akImpersonation // posing as, impersonating: phishing when a call or message is involved
	akEmailAccount  // email account(s): phishing when compromised
	akPasswordReuse // reused, guessed...: credential stuffing with passwords
	akInsiderAct    // inappropriately, without authorization: insider with an employee
	akProvider      // supplier, vendor, provider: supply chain when it was breached
	akExposure      // exposed, exposing: theft when a breach by attackers exposed data
	akAccessTo      // gained access to: theft when the object is data
	akPosted        // posted, published: misconfiguration when credentials went public
	akScrape        // scraped: theft and misconfiguration
	akRansomGroup   // "ransomware group/gang": ransomware only with disruption
	akDisruption    // knocked out, encrypted, taken offline
	akRead          // read (emails): theft
	akPublished     // published, dumped: theft when attackers published data
	akTakeover      // hijacked, taken over: an attack without a vector
	akAccessible    // could be accessed, readable by: misconfiguration without an attacker
	akExploit       // exploited: an attack without a vector of the vocabulary
	akSabotage      // deleted, wiped: insider sabotage by a former employee
	akFake          // fake, spoofed: phishing when a page, site or message follows
	akPropagate     // pushed, spread: supply chain when it reached the clients
	akSupplyProduct // MOVEit, SolarWinds: supply chain when an attack went through it
	akMisuse        // reason, purpose, need: insider when staff had none ("without a job-related reason")
	akAnyone        // anyone, the public: misconfiguration when they could open stored data
	akReachable     // reachable from the internet: misconfiguration when stored data was
	akSend          // emailed, forwarded: insider when staff sent data to themselves or a rival
	akCollect       // collected, captured: theft when attackers did it
)

var attackPhrases = []struct {
	kind  int
	flags uint8
	words []string
}{
	{akRansomware, 0, []string{"ransomware", "ransom note", "ransom demand", "ransom payment", "ransom demands",
		"decryption key", "decryption keys", "double extortion", "ransomware attack",
		"ransomware attacks", "ransom"}},
	{akPhishing, 0, []string{"fake invoices", "fake invoice", "fraudulent invoices", "social engineering attack",
		"social-engineering attack", "socially engineered", "social engineering scheme", "phishing", "phish", "phished", "spear-phishing", "spearphishing", "spear phishing",
		"vishing", "smishing", "whaling", "business email compromise", "fake login page", "lookalike",
		"look-alike", "spoofed email", "spoofed emails", "fraudulent email", "fraudulent emails",
		"malicious link", "malicious links", "malicious email", "malicious emails", "voice phishing",
		"phishing emails", "phishing email", "credential harvesting", "fake intranet", "fake website",
		"fraudulent website"}},
	{akCredStuffing, 0, []string{"credential stuffing", "credential-stuffing", "password spraying", "password spray",
		"brute force", "brute-force", "brute-forced", "brute forcing", "password reuse", "reused passwords",
		"credential reuse", "account takeover attack", "dictionary attack", "common passwords"}},
	{akDDoS, pCase, []string{"DDoS", "DoS"}},
	{akDDoS, 0, []string{"denial of service", "denial-of-service", "distributed denial", "ddos attack", "ddos attacks",
		"botnet flood", "with traffic", "flood of traffic", "floods of traffic", "junk traffic", "bogus traffic",
		"traffic flood", "with junk requests", "with bogus requests", "flood of requests"}},
	{akMalware, 0, []string{"malware", "malicious software", "malicious code", "keylogger", "key logger",
		"keyloggers", "infostealer", "info-stealer", "infostealers", "information stealer", "trojan", "trojans",
		"virus", "viruses", "spyware", "backdoor", "backdoors", "web shell", "webshell", "web shells", "worm",
		"rootkit", "wiper", "remote access trojan", "malicious files", "malicious file", "malicious attachment", "skimming code", "card skimmer", "skimmer", "malicious script",
		"loader", "dropper", "botnet", "cryptojacking", "malicious program", "implant", "implants",
		"information-stealing", "info-stealing", "password-stealing", "data-stealing", "credential-stealing",
		"trojanised", "trojanized", "backdoored", "poisoned installer", "poisoned update", "poisoned package",
		"poisoned packages", "poisoned version", "poisoned copy", "poisoned download", "poisoned library",
		"tampered installer", "malicious installer", "malicious version", "malicious app", "malicious apps",
		"malicious package", "malicious packages", "stealer", "stealers", "infected attachment",
		"infected file", "infected email attachment", "malicious macro", "malicious macros", "cryptocurrency miner",
		"crypto miner", "cryptominer", "coin miner", "cryptomining", "crypto-mining"}},
	{akMisconfig, 0, []string{"misconfigured", "misconfiguration", "misconfigurations", "mis-configured",
		"incorrectly configured", "improperly configured", "configuration error", "configuration errors",
		"publicly accessible", "publicly exposed", "left exposed", "accessible on the internet",
		"accessible from the internet", "accessible via the internet", "accessible online",
		"accessible on internet search engines", "accessible to anyone", "open to the internet",
		"unsecured server", "unsecured database", "unsecured cloud", "unsecured bucket",
		"unprotected server", "unprotected database", "exposed online", "exposed on the internet",
		"vulnerable to access by unauthorized persons", "vulnerable to access by unauthorised persons",
		"without password protection", "no password protection", "open database", "open s3 bucket",
		"public disclosure", "search engines", "indexed by", "open elasticsearch", "openly accessible",
		"publicly available", "freely available", "openly available", "publicly viewable", "accessible to users",
		"accessible to other users", "accessible to anyone", "left unprotected", "without authentication",
		"did not require authentication", "required no authentication", "exposed to the internet",
		"exposed to the open internet", "no authentication", "without access restriction",
		"without access restrictions", "without any access restriction", "without any access restrictions",
		"no access restriction", "no access restrictions", "without restriction", "without any restriction",
		"unrestricted access", "set to public", "public instead of private", "set as public", "configured as public",
		"made public by mistake", "setting error", "settings error", "setting errors", "settings errors",
		"configuration mistake", "configuration mistakes", "incorrect settings", "wrong settings", "incorrectly set",
		"faulty settings", "faulty configuration", "incorrect configuration", "improper configuration",
		"directory listing", "open directory", "search engine", "changing a number in the", "modifying a number in the", "altering a number in the",
		"changing the number in the", "changing an id", "changing the id", "changing the url", "modifying the url",
		"shared with anyone", "anyone with the link", "anyone who had the link", "anyone who knew the link",
		"public link", "publicly shared", "shared publicly", "left public", "left publicly", "public by mistake",
		"accidentally made public", "mistakenly made public", "inadvertently made public", "wrongly made public",
		"incorrect setting", "wrong setting", "faulty setting", "error in the settings", "error in its settings",
		"public by default"}},
	{akInsider, 0, []string{"insider", "insiders", "rogue employee", "rogue employees", "disgruntled employee",
		"disgruntled former employee", "insider threat", "snooping", "snooped", "snoop"}},
	{akSupplyProduct, 0, []string{"moveit", "solarwinds", "kaseya", "3cx", "accellion", "goanywhere", "codecov"}},
	{akSupplyChain, 0, []string{"supply chain", "supply-chain", "supply chain attack", "third-party software", "software supplier",
		"managed service provider", "managed service providers", "third-party tool", "third-party file transfer",
		"third-party component", "third-party library", "third-party application", "third-party app",
		"vendor's software", "supplier's software", "compromised update", "malicious update"}},
	{akTheft, 0, []string{"theft of", "data theft", "exfiltration", "exfiltrated", "exfiltrate",
		"dark web", "put them up for auction", "up for auction", "hacking forum", "leak site",
		"stole data", "stolen data", "data was stolen", "data were stolen", "held to ransom"}},
	{akExploit, 0, []string{"exploit", "exploits", "exploited", "exploiting", "exploitation"}},
	{akSabotage, 0, []string{"sabotage", "sabotaged", "damaging", "damaged", "deleted", "delete", "deleting",
		"wiped", "wiping", "destroyed", "destroying"}},
	{akTakeover, 0, []string{"duplicate sim", "unauthorised person", "unauthorized person", "unauthorized individual",
		"unauthorised party", "unauthorized party",
		"unauthorised individual", "unauthorized user", "unauthorised user",
		"hijacked", "hijack", "taken over", "took over", "take over", "takes over", "taking over",
		"account takeover", "sim swap",
		"sim-swap", "sim swapping", "sim-swapping", "gained control", "gained access", "unknown third party",
		"unauthorized third party", "unauthorised third party", "unknown party", "unauthorized access",
		"unauthorised access", "external party"}},
	{akUnknown, 0, []string{"cyber attack", "cyber-attack", "cyberattack", "cyber attacks", "cyberattacks",
		"cyber-attacks", "cyber incident", "cybersecurity incident", "cyber intrusion", "intrusion",
		"hack", "hacked", "hacking", "hackers", "hacker", "breached by", "security breach", "security breaches",
		"intruder", "intruders", "cybersecurity events", "cyber security incident", "cybersecurity event",
		"unauthorized publication", "unauthorised publication", "external person", "external persons",
		"compromised", "attackers", "cyber criminals", "cybercriminals", "threat actor", "threat actors",
		"breach of its systems", "broke into", "break-in", "it security incident", "malicious actor",
		"initial access broker", "initial access brokers", "attack on", "attacks on", "attack against",
		"attacks against", "was attacked", "were attacked", "criminal", "criminals", "fraudster", "fraudsters",
		"cybercriminal", "attacker", "suspicious activity", "unusual activity", "malicious activity", "attack",
		"attacks", "defaced", "defacement", "defacing"}},
	{akTheftVerb, 0, []string{"stolen", "stole", "steal", "steals", "stealing", "theft", "thieves", "thief", "copied",
		"harvested", "harvest", "harvesting", "took", "taken", "take", "takes", "taking", "leaked", "obtained", "obtaining",
		"downloaded", "download", "downloading", "copy", "copying", "exfiltrated", "exfiltrating", "burglary", "burglarized", "burgled", "robbed", "robbery",
		"siphoned", "removed copies", "exported", "carried off", "made off with", "extract", "extracted",
		"extracting", "scooped up", "intercept", "intercepted", "intercepting", "skimmed", "photographed",
		"sold"}},
	{akPublished, 0, []string{"dumped", "put online", "offered for sale", "auctioned"}},
	{akBug, 0, []string{"bug", "glitch", "coding error", "coding changes", "coding change", "software error",
		"programming error", "software bug", "software flaw", "technical error", "code that conflicted",
		"flaw in its app", "error in", "flaw in", "vulnerability in its", "defect"}},
	{akImpersonation, 0, []string{"posing as", "posed as", "pose as", "poses as", "impersonating", "impersonated",
		"impersonate", "impersonates", "pretending to be", "pretended to be", "masquerading as",
		"appearing to come from", "appeared to come from", "purporting to be", "purporting to come from",
		"purported to come from", "claiming to be", "tricked", "duped", "lured", "fooled", "deceived",
		"persuading", "persuaded", "convinced", "convincing", "talked", "tricking", "tricks", "duping",
		"luring"}},
	{akAccessible, 0, []string{"could be accessed", "was accessible", "were accessible", "readable by",
		"was readable", "were readable", "could be viewed", "could be read", "accessible without",
		"could be browsed", "could be downloaded", "could be reached", "can be reached", "was exposed", "were exposed", "left open", "left unsecured",
		"exposed to the internet", "to the open internet", "open internet", "unprotected database",
		"unprotected server", "unprotected elasticsearch", "unsecured database", "unsecured server",
		"unsecured elasticsearch", "unsecured storage", "unprotected storage", "without any authentication",
		"no authentication", "was exposing", "were exposing", "viewable by", "visible to", "available to other",
		"shown to other", "displayed to other"}},
	{akEmailAccount, 0, []string{"email account", "email accounts", "e-mail account", "e-mail accounts",
		"mailbox", "mailboxes", "email inbox"}},
	{akPasswordReuse, 0, []string{"reused", "obtained elsewhere", "other websites", "other sites", "other breaches",
		"previous breaches", "earlier breaches", "earlier breach", "previous breach", "another breach",
		"an unrelated breach", "other data breaches", "leaked online", "breach elsewhere", "guessing", "guessed", "tried common", "password-guessing",
		"reused from", "other services", "other platforms", "other online services", "other apps", "other companies",
		"third-party breaches", "unrelated breaches", "past breaches", "old breaches", "older breaches", "previous leaks",
		"earlier leaks", "stolen elsewhere", "obtained from other", "leaked from other", "stolen from other",
		"password combinations", "credential combinations", "login combinations", "password pairs",
		"credential pairs", "combo list", "combo lists", "combolist", "combolists", "lists of stolen", "reusing",
		"reuse", "re-use", "re-using"}},
	{akInsiderAct, 0, []string{"inappropriately", "impermissibly accessed", "improperly accessed",
		"without authorization", "without authorisation", "without a business need", "without a legitimate",
		"misused", "abused their access", "abused his access", "abused her access", "for personal gain",
		"unauthorized access by an employee", "outside the scope", "without a work-related reason",
		"without a business reason", "without a valid reason", "without a legitimate reason", "no business need",
		"no legitimate reason", "work-related reason", "out of curiosity", "not authorized to", "beyond the scope",
		"without permission", "without a care relationship", "no care relationship", "without a treatment relationship",
		"without a professional reason", "without a clinical reason", "snooped on", "looked at the medical",
		"looked at the records", "without a job-related", "no job-related", "job-related purpose",
		"without a legitimate", "without a valid", "without a clinical", "without a professional",
		"without a business", "without any business", "without a work-related", "no work-related",
		"not connected to their work", "not connected to his work", "not connected to her work",
		"unrelated to their work", "unrelated to their duties", "not related to their work", "outside their duties",
		"for private purposes", "for personal purposes", "for personal reasons", "for their own purposes",
		"no professional need", "no clinical need", "reason of care", "without being involved", "without involvement",
		"were not involved in", "was not involved in", "had no involvement", "not involved in the treatment",
		"not involved in his treatment", "not involved in her treatment", "not involved in their treatment",
		"not involved in the care", "not involved in his care", "not involved in her care", "not involved in their care"}},
	{akMisuse, 0, []string{"reason", "reasons", "purpose", "purposes", "need", "justification", "relationship"}},
	{akSend, 0, []string{"emailed", "e-mailed", "forwarded", "sent", "transferred"}},
	{akCollect, 0, []string{"collected", "collecting", "gathered", "grabbed", "captured", "captures", "collects",
		"removed", "carried away", "made away with", "capture", "capturing", "collect"}},
	{akReachable, 0, []string{"publicly reachable", "reachable from the internet", "reachable via the internet",
		"reachable over the internet", "reachable online", "reachable by anyone", "reachable without",
		"reached from the internet", "be reached from the internet", "could reach", "openly reachable"}},
	{akAnyone, 0, []string{"anyone", "anybody", "any visitor", "any user", "any internet user", "members of the public",
		"the general public", "allowed the public", "allowing the public", "let the public", "enabled the public", "outsiders"}},
	{akProvider, 0, []string{"supplier", "suppliers", "vendor", "vendors", "provider", "providers",
		"service provider", "third party", "third-party", "contractor", "payroll provider"}},
	{akFake, 0, []string{"fake", "fraudulent", "spoofed", "bogus", "counterfeit", "cloned", "copycat", "imitation"}},
	{akPropagate, 0, []string{"pushed", "push", "pushing", "spread", "distributed", "distribute"}},
	{akExposure, 0, []string{"exposed", "exposing", "exposure", "compromised"}},
	{akAccessTo, 0, []string{"gained access to", "got access to", "obtained access to", "accessed", "gain access to",
		"reached data", "reach data", "had access to"}},
	{akPosted, 0, []string{"posted", "published", "uploaded", "left", "made available", "made public", "put online",
		"public repository", "public code repository", "public repo", "public github repository"}},
	{akScrape, 0, []string{"scraped", "scraping", "scrape", "scrapers"}},
	{akRansomGroup, 0, []string{"ransomware group", "ransomware gang", "ransomware operation",
		"ransomware operators", "ransomware crew", "ransomware affiliate", "ransomware actors"}},
	{akDisruption, 0, []string{"knocked out", "taken offline", "took offline", "shut down", "outage",
		"outages", "disrupted", "disruption", "restore", "restoring", "locked out", "encrypted",
		"took down", "taken down", "encrypted the", "encrypting the", "knocked offline", "encrypts", "encrypt",
		"encrypting"}},
	{akRead, 0, []string{"read emails", "read email", "read the emails", "read messages", "access to mailboxes",
		"reach corporate mailboxes", "corporate mailboxes"}},
}

func addAttacks(m *matcher) {
	for _, p := range attackPhrases {
		for _, w := range p.words {
			m.add(w, catAttack, p.kind, p.flags)
		}
	}
}

// dataNouns are the things whose taking is data theft.
var dataNouns = map[string]bool{
	"data": true, "information": true, "details": true, "records": true, "files": true, "documents": true,
	"emails": true, "laptop": true, "laptops": true, "computer": true, "computers": true, "binder": true,
	"drive": true, "drives": true, "device": true, "devices": true, "phone": true, "tablet": true,
	"backups": true, "backup": true, "keys": true, "numbers": true, "phi": true, "ephi": true,
	"database": true, "databases": true, "code": true, "reports": true, "charts": true, "papers": true,
	"bundles": true, "photos": true, "messages": true, "mailboxes": true, "vault": true, "vaults": true,
	"server": true, "servers": true, "notebook": true, "folders": true, "equipment": true, "disks": true,
	"cd": true, "usb": true, "desktop": true, "desktops": true, "bag": true, "briefcase": true, "box": true,
	"boxes": true, "x-rays": true, "film": true, "films": true, "paperwork": true, "correspondence": true,
	"card": true, "cards": true, "addresses": true, "names": true, "copies": true, "documentation": true,
	"archive": true, "archives": true, "content": true, "material": true, "lists": true, "list": true,
	"spreadsheet": true, "spreadsheets": true, "contacts": true, "dossiers": true, "transcripts": true,
	"file": true, "images": true, "scans": true, "recordings": true, "tickets": true, "conversations": true,
	"chats": true, "invoices": true, "statements": true, "orders": true, "logs": true, "receipts": true,
}

// notTheftObjects end the search for a stolen object: "take steps to
// protect data", "took place".
var notTheftObjects = map[string]bool{
	"steps": true, "measures": true, "action": true, "actions": true, "precautions": true, "care": true,
	"place": true, "part": true, "advantage": true, "control": true, "responsibility": true, "time": true,
	"note": true, "over": true, "down": true, "offline": true, "effect": true, "months": true, "days": true,
	"weeks": true, "years": true, "from": true, "reasonable": true, "court": true, "injunction": true,
	"injunctions": true, "warrant": true, "warrants": true, "permission": true, "approval": true,
}

// passiveTheftVerbs may take their object before them: "laptops were
// stolen", "data had been copied".
var passiveTheftVerbs = map[string]bool{
	"stolen": true, "stole": true, "theft": true, "taken": true, "copied": true, "exfiltrated": true,
	"leaked": true, "obtained": true, "downloaded": true, "harvested": true, "posted": true, "published": true,
	"burgled": true, "burglarized": true, "siphoned": true, "dumped": true,
}

// credentialNouns are logins: taking them is the means of an attack, not the
// data theft itself.
var credentialNouns = map[string]bool{
	"password": true, "passwords": true, "credentials": true, "usernames": true, "username": true,
	"logins": true, "login": true, "cookies": true, "tokens": true, "codes": true, "money": true,
	"currency": true, "funds": true, "identity": true, "identities": true,
}

// extractAttacks fills AttackTypes, ThreatActors and CVEs.
func extractAttacks(a *analysis, f *breachwire.Facts) {
	var has [len(breachwireAttackTypes)]bool
	set := func(k int) { has[k] = true }
	ransomGroupOnly := false
	disruption := false
	attackWords := a.hasWord("hackers", "hacker", "attackers", "attacker", "criminals", "intruder", "intruders",
		"cyberattack", "hacked", "attack", "cyber-attack")
	for _, h := range a.hits {
		if h.cat != catAttack {
			continue
		}
		switch h.val {
		case akRansomware:
			if a.toks[h.i].norm == "ransom" && (!a.ransomIsDemand(h) || a.genericSentence(h.i)) {
				continue // "would never pay a ransom to criminals"
			}
			set(akRansomware)
		case akPhishing, akCredStuffing, akDDoS, akMisconfig, akSupplyChain, akTheft, akUnknown:
			if h.val == akUnknown && (a.negatedAttack(h) || a.genericSentence(h.i) || a.criminalAdjective(h)) {
				continue
			}
			if h.val == akMisconfig && a.negatedAttack(h) {
				continue // "was not publicly accessible"
			}
			if h.val == akPhishing && a.norm(h.j) == "-" && isAny(a.norm(h.j+1), "resistant", "proof", "resilient") {
				continue // "phishing-resistant MFA" names a control
			}
			if h.val == akTheft && isAny(a.tokText(h.i, h.j), "dark web", "hacking forum", "leak site") &&
				a.sentenceHasAny(h.i, passwordWords) && !a.sentenceHasAny(h.i, []string{"data", "information", "records", "files", "details", "documents"}) {
				continue // credentials bought on the dark web: the means, not the theft
			}
			if h.val == akTheft && a.theftNegated(h) {
				continue
			}
			if h.val == akSupplyChain && a.negatedAttack(h) {
				continue
			}
			if h.val == akTheft && a.norm(h.i) == "theft" && a.norm(h.i+1) == "of" && !a.objectIsData(h.j, 6) {
				continue
			}
			set(h.val)
		case akSupplyProduct:
			// a product of a supply chain in a text about an attack
			// through it, not a patch advisory
			if a.hasWord(supplyAttackWords...) && !a.negatedAttack(h) && !a.theftNegated(h) {
				set(akSupplyChain)
			}
		case akMisuse:
			// "without a job-related reason", "for purposes not connected
			// to their work": staff with no reason to look (not staff who
			// merely could see too much)
			if a.noReason(h) && a.staffIn(h.i) && !a.genericSentence(h.i) && !a.onlyPossible(h.i) {
				set(akInsider)
			}
		case akSend:
			// "an employee emailed a spreadsheet of customer data to her
			// personal account"
			if a.staffSubject(h.i) && a.objectIsData(h.j, 8) && !a.theftNegated(h) && a.sentToSelfOrRival(h.j) {
				set(akInsider)
			}
		case akCollect:
			if a.outsiderIn(h.i) && a.objectIsData(h.j, 6) && !a.theftNegated(h) {
				set(akTheft)
			}
		case akReachable:
			// a store of data reachable from the internet ("a test
			// database ... remained reachable"), not a server built to be
			if a.sentenceHasAny(h.i, dataStoreWords) && !a.outsiderIn(h.i) && !a.negatedAttack(h) {
				set(akMisconfig)
			}
		case akAnyone:
			// "let anyone view other patients' appointments", "allowed
			// anyone who knew the address to open the reports"
			if a.anyoneCould(h) && a.sentenceHasAny(h.i, storeWords) && !a.outsiderIn(h.i) && !a.negatedAttack(h) {
				set(akMisconfig)
			}
		case akMalware:
			if a.negatedAttack(h) {
				continue // "avoid deploying malware", "no malware was found"
			}
			if a.sentenceHas(h.i, "ransomware") {
				continue // the definition or delivery of ransomware
			}
			if a.norm(h.i) == "botnet" && a.ddosIn(h.i) {
				continue // the tool of a flood of traffic
			}
			if a.sentenceHasAny(h.i, []string{"supply chain", "packages", "package", "dependency", "dependencies"}) {
				continue // the payload of a supply-chain attack
			}
			// "inserted malicious code into updates ... installed by
			// thousands of customers": delivered through a supplier
			if a.sentenceHasAny(h.i, []string{"update", "updates"}) && a.sentenceHasAny(h.i, clientWords) &&
				a.sentenceHasAny(h.i, []string{"installed", "downloaded", "pushed", "distributed", "shipped", "sent"}) {
				set(akSupplyChain)
			}
			set(akMalware)
		case akInsider:
			set(akInsider)
		case akTheftVerb:
			if a.isIdentityTheft(h) || a.theftNegated(h) || a.nounForm(h) {
				continue
			}
			if a.theftOfData(h) {
				if a.staffSubject(h.i) {
					set(akInsider)
				} else {
					set(akTheft)
				}
			}
		case akPublished:
			if attackWords && !a.theftNegated(h) && a.theftOfData(h) {
				set(akTheft)
			}
		case akTakeover:
			w := a.norm(h.i)
			if (w == "unauthorized" || w == "unauthorised") && !a.sentenceHasAny(h.i, []string{"access", "accessed", "accessing", "gained", "obtained"}) {
				continue // "mailed to an unauthorized person"
			}
			if !a.negatedAttack(h) && !a.genericSentence(h.i) && a.pastSentence(h) {
				set(akUnknown)
			}
		case akFake:
			// a fake message is phishing; a fake page or site when it
			// asked for logins or messages led to it (a site that
			// skimmed cards is not)
			if a.sentenceHasAny(h.i, []string{"text messages", "text message", "emails", "sms", "messages linking",
				"link", "links", "linking"}) {
				set(akPhishing)
			}
			for k := h.j; k < len(a.toks) && k < h.j+6; k++ {
				w := a.toks[k].norm
				if isAny(w, "email", "emails", "message", "messages", "invoice", "invoices", "text", "texts", "call", "calls") ||
					isAny(w, "page", "pages", "site", "sites", "website", "websites", "portal", "login", "sign-in", "sign",
						"domain", "domains", "app", "form") && a.sentenceHasAny(h.i, loginWords) {
					set(akPhishing)
					break
				}
			}
		case akPropagate:
			// "used its management tool to push ransomware to its clients"
			if a.sentenceHasAny(h.i, []string{"its clients", "their clients", "its customers", "their customers",
				"of its clients", "of its customers", "clients'", "customers'"}) &&
				a.sentenceHasAny(h.i, []string{"ransomware", "malware", "malicious", "backdoor", "update", "compromised"}) {
				set(akSupplyChain)
			}
		case akExploit:
			if a.sentenceHasAny(h.i, []string{"vulnerability", "vulnerabilities", "flaw", "flaws", "bug", "unpatched",
				"devices", "weaknesses", "zero-day", "cve"}) && !a.negatedAttack(h) && !a.theftNegated(h) {
				set(akUnknown)
			}
		case akSabotage:
			if !a.staffSubject(h.i) && !a.formerStaffSubject(h.i) {
				continue // "an account that should have been deleted"
			}
			if a.sentenceHasAny(h.i, []string{"former employee", "former systems administrator", "former administrator",
				"former contractor", "former staff", "former engineer", "former worker", "ex-employee", "disgruntled",
				"rogue", "fired", "dismissed", "former it", "insider"}) {
				set(akInsider)
			}
		case akBug:
			// (an error in a mailing sends letters: no misconfiguration)
			if a.sentenceHasAny(h.i, exposureWords) && !a.outsiderIn(h.i) && !a.sentenceHasAny(h.i, mailWords) {
				set(akMisconfig)
			}
		case akImpersonation:
			if a.sentenceHasAny(h.i, []string{"sim", "carrier"}) {
				continue // a SIM swap: no vector of the vocabulary
			}
			// telesales "claiming to be part of a government scheme" sell
			// something; phishing wants logins, codes, money or a click
			if a.marketingCalls() && !a.sentenceHasAny(h.i, enteringWords) {
				continue
			}
			if a.sentenceHasAny(h.i, contactWords) || a.sentenceHasAny(h.i, enteringWords) {
				set(akPhishing)
			}
		case akAccessible:
			// "data ... was exposed" in a text about an attack is what
			// the attack did, not a setup error
			if isAny(a.norm(h.j-1), "exposed", "exposing") && h.j-h.i == 2 && attackWords {
				continue
			}
			// exposure to outsiders, not staff seeing more than they need
			if !a.outsiderIn(h.i) && !a.negatedAttack(h) && a.sentenceHasAny(h.i, storeWords) &&
				!a.sentenceHasAny(h.i, []string{"staff", "employee", "employees", "workers", "personnel"}) {
				set(akMisconfig)
			}
		case akEmailAccount:
			if a.sentenceHasAny(h.i, compromiseWords) {
				set(akPhishing)
			}
		case akPasswordReuse:
			if a.sentenceHasAny(h.i, passwordWords) {
				set(akCredStuffing)
			}
		case akInsiderAct:
			if a.staffIn(h.i) && !a.outsiderIn(h.i) && !a.genericSentence(h.i) {
				set(akInsider)
			}
		case akProvider:
			// a supplier of the victims was breached: "hackers breached
			// their transcription supplier", "a system run by its service
			// provider ... other airlines that use it"
			if isAny(a.norm(h.i-1), "security", "cybersecurity", "forensic", "forensics") {
				continue // the firm that found or fixed it
			}
			// "their pathology services supplier": a possessive before
			// the provider's description
			own := false
			for k := h.i - 1; k >= 0 && k >= h.i-4; k-- {
				t := &a.toks[k]
				if isAny(t.norm, "its", "their") {
					own = true
					break
				}
				if t.kind != tWord || t.is(fCap) && !t.is(fUpper) || functionWords[t.norm] || isAny(t.norm, "a", "an", "the") {
					break // ("its EHR vendor": an acronym describes it)
				}
			}
			if a.sentenceHasAny(h.i, providerBreachWords) && (a.sentenceHasAny(h.i, clientWords) || a.hasClientsOfProvider()) ||
				own && a.sentenceHasAny(h.i, supplierHitWords) {
				set(akSupplyChain)
			}
		case akExposure:
			// "the breach exposed the personal information of..."
			if attackWords && a.objectIsData(h.j, 6) && a.breachBefore(h.i) {
				set(akTheft)
			}
		case akAccessTo:
			if attackWords && a.norm(h.i) != "accessed" && (dataNouns[a.norm(h.j-1)] || a.objectIsData(h.j, 5)) {
				set(akTheft)
			} else if isAny(a.norm(h.i), "gained", "gain", "got", "obtained") && !a.staffSubject(h.i) &&
				!a.negatedAttack(h) && !a.genericSentence(h.i) && a.pastSentence(h) {
				set(akUnknown) // someone got in; how is not said
			}
		case akPosted:
			if a.sentenceHasAny(h.i, credentialWords) && a.sentenceHasAny(h.i, publicWords) {
				set(akMisconfig)
			} else if attackWords && isAny(a.norm(h.i), "posted", "published", "made", "put") && !a.theftNegated(h) && a.publishedData(h) {
				set(akTheft)
			}
		case akScrape:
			set(akTheft)
			set(akMisconfig)
		case akRansomGroup:
			ransomGroupOnly = true
		case akDisruption:
			disruption = true
		case akRead:
			set(akTheft)
		}
	}
	// "the Cl0p ransomware group" alone names the actor; it is a
	// ransomware attack only when systems were disrupted.
	if ransomGroupOnly && !has[akRansomware] && disruption {
		set(akRansomware)
	}
	if has[akRansomware] && ransomGroupOnly && !disruption && !a.ransomwareOutsideGroup() {
		// the gang named as the actor of another kind of attack
		for k, ok := range has {
			if ok && k != akRansomware && k != akUnknown {
				has[akRansomware] = false
			}
		}
	}
	actors := threatActors(a)
	for _, act := range actors {
		if act.ransomware && disruption {
			set(akRansomware)
		}
	}
	any := false
	for k := range has {
		if has[k] && k != akUnknown {
			any = true
		}
	}
	if any {
		has[akUnknown] = false
	}
	for k, ok := range has {
		if ok {
			f.AttackTypes = append(f.AttackTypes, breachwireAttackTypes[k])
		}
	}
	for _, act := range actors {
		f.ThreatActors = append(f.ThreatActors, act.name)
	}
	f.CVEs = findCVEs(a)
}

// breachwireAttackTypes is the vocabulary, indexed by the ak kinds.
var breachwireAttackTypes = [...]string{
	"ransomware", "phishing", "credential_stuffing", "ddos", "malware",
	"misconfiguration", "insider", "supply_chain", "data_theft", "unknown",
}

var (
	exposureWords = []string{"public", "publicly", "exposed", "exposing", "exposure", "see", "visible",
		"accessible", "disclosed", "disclosure", "view", "viewed", "leaked", "other users",
		"other customers", "other subscribers", "other patients", "other people's", "viewable", "displayed",
		"shown", "showed", "other members", "other clients", "other account holders", "other policyholders",
		"other pupils", "other parents", "other students", "other guests", "other passengers", "other employees"}
	contactWords = []string{"call", "called", "calls", "phone", "phoned", "telephone", "email", "emails",
		"emailed", "message", "messages", "help desk", "helpdesk", "text", "texted", "sms", "sender", "link",
		"voice", "rang", "calling", "call centre", "call center", "support staff", "service representative"}
	compromiseWords = []string{"compromised", "accessed", "hacked", "broke into", "got into", "taken over",
		"hijacked", "breached", "intruders", "attackers", "unauthorized access", "unauthorised access"}
	enteringWords = []string{"entering", "enter", "typed", "type", "hand over", "handing over", "handed over",
		"click", "clicked", "wire", "wiring", "wired", "transfer", "install", "approve", "approving", "approved",
		"reset", "resetting", "installing", "download", "downloading", "password", "credentials"}
	storeWords = []string{"database", "databases", "server", "servers", "bucket", "buckets", "file", "files",
		"portal", "system", "website", "site", "folder", "folders", "drive", "instance", "elasticsearch",
		"records", "data", "documents", "spreadsheet", "repository", "cloud", "storage", "directory"}
	passwordWords = []string{"password", "passwords", "credentials", "logins", "login", "usernames"}
	staffWords    = []string{"employee", "employees", "staff", "workforce", "worker", "workers", "nurse", "nurses",
		"physician", "physicians", "doctor", "doctors", "contractor", "contractors", "insider", "clerk", "clerks",
		"technician", "technicians", "member", "officer", "officers", "agent", "agents", "administrator",
		"receptionist", "pharmacist", "therapist", "assistant", "colleague", "colleagues", "manager", "managers",
		"official", "officials", "caseworker", "caseworkers", "teller", "tellers", "porter", "cleaner", "secretary",
		"intern", "trainee", "volunteer", "accountant", "cashier", "paramedic", "dentist", "surgeon", "midwife",
		"carer"}
	mailWords = []string{"letter", "letters", "mailing", "mailed", "envelope", "envelopes", "postal", "fax",
		"faxed", "posted to"}
	dataStoreWords = []string{"database", "databases", "bucket", "buckets", "files", "file", "documents", "records",
		"data", "folder", "folders", "directory", "drive", "backup", "backups", "storage", "repository",
		"elasticsearch", "spreadsheet", "scans", "listing", "environment", "reports", "cvs", "archive"}
	supplyAttackWords = []string{"hack", "hacked", "hackers", "hacker", "attack", "attacks", "attackers", "breach",
		"breached", "compromise", "compromised", "stolen", "stole", "exploited", "exploiting", "ransomware",
		"intrusion", "intrusions", "victims", "gang", "tampered", "campaign", "cl0p", "clop", "exfiltrated"}
	providerBreachWords = []string{"breached", "hacked", "compromised", "flaw", "vulnerability", "attack",
		"breach", "stolen", "stole", "exploited", "hackers", "attackers", "ransomware"}
	supplierHitWords = []string{"breached", "hacked", "compromised", "attack", "attacked", "ransomware", "stolen",
		"stole", "hackers", "attackers", "intrusion", "cyberattack", "cyber-attack", "breach", "exfiltrated"}
	clientWords     = []string{"clients", "client", "customers", "clients'", "organisations", "organizations"}
	credentialWords = []string{"login", "credentials", "password", "passwords", "keys", "access keys", "secrets",
		"tokens", "login information"}
	publicWords = []string{"github", "public", "publicly", "online", "repository", "internet", "pastebin"}
)

// sentenceHas reports whether the sentence of token i has a token with norm w.
func (a *analysis) sentenceHas(i int, w string) bool {
	s, e := a.sentRange(i)
	for k := s; k < e; k++ {
		if a.toks[k].norm == w {
			return true
		}
	}
	return false
}

// sentenceHasAny reports whether the sentence of token i holds any of the
// phrases (one or more words each).
func (a *analysis) sentenceHasAny(i int, phrases []string) bool {
	s, e := a.sentRange(i)
	for _, p := range phrases {
		first, rest, multi := strings.Cut(p, " ")
		for k := s; k < e; k++ {
			if a.toks[k].norm != first {
				continue
			}
			if !multi {
				return true
			}
			if a.followedBy(k+1, e, rest) {
				return true
			}
		}
	}
	return false
}

// followedBy reports whether the tokens from k (before e) spell the words
// of rest.
func (a *analysis) followedBy(k, e int, rest string) bool {
	for rest != "" {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		if k >= e || a.toks[k].norm != w {
			return false
		}
		k++
	}
	return true
}

// objectIsData reports whether a data noun (or a device holding data)
// follows within n tokens of token j, before the clause ends.
func (a *analysis) objectIsData(j, n int) bool {
	_, e := a.sentRange(max(j-1, 0))
	for k := j; k < e && k < j+n; k++ {
		t := a.toks[k].norm
		if credentialNouns[t] || notTheftObjects[t] || t == "sim" {
			return false
		}
		// "downloaded a malicious file": the payload of an attack, not
		// data taken
		if isAny(t, "malicious", "infected", "trojanised", "trojanized", "poisoned", "booby-trapped", "rogue",
			"tampered", "fake", "bogus") {
			return false
		}
		if dataNouns[t] {
			return true
		}
		if t == ";" || t == "." {
			return false
		}
	}
	return false
}

// theftOfData decides whether a theft verb at h takes data or a device:
// "stole data", "the stolen laptop", "computers were stolen", "had
// information stolen". Stolen credentials, money or identities do not
// count, and neither does a mere possibility ("could be obtained").
func (a *analysis) theftOfData(h hit) bool {
	s, _ := a.sentRange(h.i)
	// "could be obtained by anyone": hypothetical; "may have obtained"
	// and "may have been taken" are reports
	for k := h.i - 1; k >= s && k >= h.i-3; k-- {
		t := a.toks[k].norm
		if t == "be" && k-1 >= s && isAny(a.toks[k-1].norm, "could", "can", "may", "might", "would") {
			return false
		}
	}
	// the object after the verb: "stole data", "copied about 600GB of
	// files", "the stolen passwords"
	if a.objectIsData(h.j, 6) {
		return true
	}
	if k := h.j; k < len(a.toks) && credentialNouns[a.toks[k].norm] {
		return false
	}
	// a passive: the subject before "was/were stolen"
	if !passiveTheftVerbs[a.toks[h.i].norm] {
		return false
	}
	passive := false
	for k := h.i - 1; k >= s && k >= h.i-3; k-- {
		switch a.toks[k].norm {
		case "was", "were", "been", "be", "is", "are", "had", "have", "has", "got", "get":
			passive = true
		}
	}
	// "had partial licence information stolen"
	if !passive && h.i-1 >= s && dataNouns[a.toks[h.i-1].norm] {
		for k := h.i - 2; k >= s && k >= h.i-8; k-- {
			if isAny(a.toks[k].norm, "had", "has", "have", "got") {
				return true
			}
		}
	}
	if !passive {
		return false
	}
	for k := h.i - 1; k >= s && k >= h.i-30; k-- {
		t := a.toks[k].norm
		if dataNouns[t] {
			return true // "email addresses and hashed passwords were stolen"
		}
		if t == ";" || t == ":" {
			break
		}
	}
	return false
}

// formerStaffSubject reports a former employee or administrator as the
// subject of the verb at i ("the former administrator deleted backups").
func (a *analysis) formerStaffSubject(i int) bool {
	s, _ := a.sentRange(i)
	for k := i - 1; k >= s && k >= i-12; k-- {
		t := a.toks[k].norm
		if isAny(t, "been", "was", "were", "be") && k >= i-2 {
			return false
		}
		if isAny(t, "administrator", "admin", "employee", "engineer", "contractor", "worker") && k > s &&
			isAny(a.toks[k-1].norm, "former", "disgruntled", "fired", "ex", "sacked", "dismissed", "systems") {
			return true
		}
	}
	return false
}

// hasClientsOfProvider reports a text that speaks of the other clients of
// a provider: "other airlines that use", "its clients", "dozens of
// carriers".
func (a *analysis) hasClientsOfProvider() bool {
	for i := 0; i+2 < len(a.toks); i++ {
		w := a.toks[i].norm
		if w == "other" && isAny(a.toks[i+1].norm, "airlines", "carriers", "hospitals", "trusts", "councils",
			"schools", "companies", "firms", "clients", "customers", "banks", "retailers", "organisations",
			"organizations", "businesses") {
			return true
		}
		if isAny(w, "its", "their") && isAny(a.toks[i+1].norm, "clients", "clients'") {
			return true
		}
	}
	return false
}

// publishedData reports data published by attackers: the object after
// the verb, or the subject of a passive ("the data ... was made available
// on the internet").
func (a *analysis) publishedData(h hit) bool {
	if a.objectIsData(h.j, 6) {
		return true
	}
	s, _ := a.sentRange(h.i)
	// the subject of a passive: "the data ... was made available"
	passive := false
	for k := h.i - 1; k >= s && k >= h.i-3; k-- {
		if isAny(a.toks[k].norm, "was", "were", "been", "is", "are", "be") {
			passive = true
		}
	}
	if !passive {
		return false
	}
	for k := h.i - 1; k >= s && k >= h.i-20; k-- {
		t := a.toks[k].norm
		if credentialNouns[t] {
			return false
		}
		if dataNouns[t] {
			return true
		}
	}
	return false
}

// staffSubject reports whether the subject of the theft verb at i is an
// employee or contractor of the victim: "a former employee downloaded".
func (a *analysis) staffSubject(i int) bool {
	s, _ := a.sentRange(i)
	// a passive ("may have been taken") has no staff agent before it
	for k := i - 1; k >= s && k >= i-2; k-- {
		if isAny(a.toks[k].norm, "been", "was", "were", "is", "are", "be") {
			return false
		}
	}
	for k := i - 1; k >= s && k >= i-25; k-- {
		if a.toks[k].norm == "," && a.toks[k-1].kind == tNum && a.norm(k+1) != "" && a.toks[k+1].kind == tNum {
			continue // "1,340"
		}
		if a.toks[k].norm == "," && a.appositiveSubject(s, k) {
			// "A former receptionist of the CE, a physical therapy
			// clinic, took copies": the sentence's subject is staff
			return true
		}
		if isAny(a.toks[k].norm, "that", "which", ",", "whether") {
			return false // another clause
		}
		t := a.toks[k].norm
		if staffNouns[t] {
			n := a.norm(k + 1)
			return n != "'s" && n != "'" && !credentialNouns[n] && !isAny(n, "account", "accounts", "laptop", "email")
		}
		if isAny(t, ";", ":", "hackers", "attackers", "criminals", "thieves", "burglars", "hacker", "attacker",
			"criminal", "intruder", "intruders") {
			return false
		}
	}
	return false
}

// ddosIn reports a flood of traffic in the sentence of token i.
func (a *analysis) ddosIn(i int) bool {
	s, e := a.sentRange(i)
	for _, h := range a.hits {
		if h.i >= e {
			break
		}
		if h.i >= s && h.cat == catAttack && h.val == akDDoS {
			return true
		}
	}
	return false
}

// staffNouns name the victim's own people acting: "a former employee
// downloaded", "the receptionist took".
var staffNouns = map[string]bool{
	"employee": true, "employees": true, "staff": true, "worker": true, "workers": true, "contractor": true,
	"contractors": true, "insider": true, "nurse": true, "nurses": true, "clerk": true, "technician": true,
	"workforce": true, "receptionist": true, "agent": true, "agents": true, "administrator": true,
	"pharmacist": true, "assistant": true, "physician": true, "doctor": true, "caseworker": true, "teller": true,
	"manager": true, "colleague": true, "porter": true, "cleaner": true, "secretary": true, "intern": true,
	"trainee": true, "volunteer": true, "accountant": true, "cashier": true, "paramedic": true, "dentist": true,
	"surgeon": true, "midwife": true, "carer": true, "analyst": true, "officer": true, "official": true,
}

// appositiveSubject reports a sentence opening with staff described in an
// appositive that ends at the comma at k: "A former receptionist of the
// CE, a physical therapy clinic, took".
func (a *analysis) appositiveSubject(s, k int) bool {
	first := -1
	for x := s; x < k; x++ {
		if a.toks[x].norm == "," {
			first = x
			break
		}
	}
	if first < 0 || first == k {
		return false
	}
	for x := s; x < first && x < s+8; x++ {
		if staffNouns[a.toks[x].norm] {
			return true
		}
		if isAny(a.toks[x].norm, "that", "which", "who", "hackers", "attackers") {
			return false
		}
	}
	return false
}

// pastSentence reports whether the sentence of h (outside h) has a verb in
// the past: an incident that happened.
func (a *analysis) pastSentence(h hit) bool {
	s, e := a.sentRange(h.i)
	for k := s; k < e; k++ {
		if k >= h.i && k < h.j {
			continue
		}
		t := a.toks[k].norm
		if isAny(t, "was", "were", "been", "had", "has", "have", "did", "took", "got", "gained", "stole") ||
			len(t) > 4 && strings.HasSuffix(t, "ed") && a.toks[k].kind == tWord {
			return true
		}
	}
	return false
}

// genericSentence reports a sentence that describes what can happen, not
// what did: "criminals can defeat...", "if you believe you are a victim".
func (a *analysis) genericSentence(i int) bool {
	return a.sentInfo(i, sentGeneric)
}

// genericScan is genericSentence for the sentence [s, e) (see sentInfo).
func (a *analysis) genericScan(s, e int) bool {
	modal, past := false, false
	for k := s; k < e; k++ {
		if a.toks[k].is(fCap) && a.toks[k].norm == "may" {
			continue // the month
		}
		switch a.toks[k].norm {
		case "can", "could", "may", "might", "if", "should", "how", "dangers", "risk", "risks", "tips", "would":
			modal = true
		case "was", "were", "been", "had", "did", "got", "broke", "took", "stole", "gained", "struck", "began":
			past = true
		}
	}
	return modal && !past
}

// isIdentityTheft reports "identity theft" (protection offered to victims).
func (a *analysis) isIdentityTheft(h hit) bool {
	return a.norm(h.i-1) == "identity" || a.norm(h.i-1) == "-" && a.norm(h.i-2) == "identity"
}

// theftNegated reports a theft word in a negated frame: "was not
// taken", "no evidence ... was stolen", "does not believe any data was
// stolen", "No personal data is believed to have been taken", "there is no
// indication that records were copied", "whether data was taken".
func (a *analysis) theftNegated(h hit) bool {
	s, _ := a.sentRange(h.i)
	aux := false // an auxiliary between a "no" and the verb: "no data was taken"
	for k := h.i - 1; k >= s && k >= h.i-14; k-- {
		switch w := a.toks[k].norm; w {
		case ";", ":", "but", "although", "though", "however", "while", "whereas":
			return false
		case "was", "were", "is", "are", "been", "be", "had", "has", "have":
			aux = true
		case "whether", "if", "nothing":
			return true
		case "not", "never", "n't":
			if k >= h.i-3 {
				return true // "was not taken"
			}
			if a.beliefAfter(k+1, h.i) {
				return true // "does not believe", "did not find"
			}
		case "no":
			switch a.norm(k + 1) {
			case "evidence", "sign", "signs", "indication", "indications", "suggestion", "reason", "proof",
				"trace", "traces":
				return true
			case "longer", "later", "more":
			default:
				if aux {
					return true // "no member data was taken"
				}
			}
		default:
			if strings.HasSuffix(w, "n't") && a.beliefAfter(k+1, h.i) {
				return true
			}
		}
	}
	return false
}

// beliefAfter reports a verb of belief or finding in the three tokens from
// k (before end): what "does not believe", "did not find" negate.
func (a *analysis) beliefAfter(k, end int) bool {
	for x := k; x < end && x <= k+2; x++ {
		switch a.toks[x].norm {
		case "believe", "believed", "think", "appear", "appears", "seem", "seems", "find", "found", "indicate",
			"suggest", "see", "seen", "know", "detect", "detected":
			return true
		}
	}
	return false
}

// negatedAttack reports a hacking word in a negated frame: "no evidence of
// hacking", "was not hacked".
func (a *analysis) negatedAttack(h hit) bool {
	s, _ := a.sentRange(h.i)
	for k := h.i - 1; k >= s && k >= h.i-4; k-- {
		switch a.toks[k].norm {
		case "not", "no", "never", "without", "avoid", "avoids", "avoided", "avoiding", "nor", "neither",
			"prevent", "prevents", "preventing", "against", "risk", "risks":
			return true
		case "how", "who", "when", "where", "whether", "what", "which", "that", "why":
			// "could not establish how the intruder got in": the
			// negation belongs to another clause
			return false
		}
	}
	return false
}

// breachBefore reports a breach or attack noun shortly before token i: "the
// breach exposed", "a data breach exposing".
func (a *analysis) breachBefore(i int) bool {
	s, _ := a.sentRange(i)
	for k := i - 1; k >= s && k >= i-4; k-- {
		switch a.toks[k].norm {
		case "breach", "attack", "hack", "intrusion", "cyberattack":
			return true
		}
	}
	return false
}

// ransomIsDemand reports whether "ransom" at h is a demand or payment to
// criminals, not part of "ransomware".
func (a *analysis) ransomIsDemand(h hit) bool {
	return a.sentenceHasAny(h.i, []string{"paid", "pay", "demand", "demanded", "demanding", "payment", "extorted",
		"decline", "declined", "refused", "bitcoin", "note", "is paid"})
}

// ransomwareOutsideGroup reports whether "ransomware" occurs other than in
// "ransomware group/gang/operation".
func (a *analysis) ransomwareOutsideGroup() bool {
	for i := range a.toks {
		if a.toks[i].norm != "ransomware" {
			continue
		}
		switch a.norm(i + 1) {
		case "group", "gang", "operation", "operators", "crew", "affiliate", "actors":
			continue
		}
		return true
	}
	return false
}

// findCVEs returns the CVE ids of the text, upper case, in order, without
// repeats.
func findCVEs(a *analysis) []string {
	if !strings.Contains(a.lower, "cve-") {
		return nil // most texts: one fast scan instead of a token walk
	}
	var out []string
	for i := 0; i+4 < len(a.toks); i++ {
		if a.toks[i].norm != "cve" || a.toks[i+1].norm != "-" {
			continue
		}
		y, n := a.toks[i+2], a.toks[i+4]
		if a.toks[i+3].norm != "-" || y.kind != tNum || n.kind != tNum || len(y.norm) != 4 || len(n.norm) < 4 || len(n.norm) > 7 {
			continue
		}
		if y.start != a.toks[i+1].end || n.start != a.toks[i+3].end {
			continue
		}
		id := "CVE-" + y.norm + "-" + n.norm
		dup := false
		for _, c := range out {
			if c == id {
				dup = true
			}
		}
		if !dup {
			out = append(out, id)
		}
	}
	return out
}

// actor is a threat actor of the gazetteer.
type actor struct {
	name       string
	ransomware bool
	names      []string
	ambig      []string // common words: need "group", "gang", "ransomware"... next
}

var actors = []actor{
	{"LockBit", true, []string{"LockBit", "LockBit 3.0", "LockBit Black", "LockBit 2.0"}, nil},
	{"ALPHV/BlackCat", true, []string{"ALPHV", "BlackCat", "ALPHV/BlackCat", "Noberus"}, nil},
	{"Cl0p", true, []string{"Cl0p", "Clop", "TA505"}, nil},
	{"Scattered Spider", false, []string{"Scattered Spider", "UNC3944", "Octo Tempest", "0ktapus", "Muddled Libra",
		"Starfraud"}, nil},
	{"Lazarus", false, []string{"Lazarus", "Lazarus Group", "APT38", "Hidden Cobra", "Diamond Sleet"}, nil},
	{"Conti", true, []string{"Conti"}, nil},
	{"REvil", true, []string{"REvil", "Sodinokibi"}, nil},
	{"DarkSide", true, []string{"DarkSide"}, nil},
	{"BlackMatter", true, []string{"BlackMatter"}, nil},
	{"Ryuk", true, []string{"Ryuk"}, nil},
	{"Maze", true, nil, []string{"Maze"}},
	{"Egregor", true, []string{"Egregor"}, nil},
	{"NetWalker", true, []string{"NetWalker", "Netwalker"}, nil},
	{"DoppelPaymer", true, []string{"DoppelPaymer"}, nil},
	{"Hive", true, nil, []string{"Hive"}},
	{"Royal", true, nil, []string{"Royal"}},
	{"Black Basta", true, []string{"Black Basta", "BlackBasta"}, nil},
	{"BlackSuit", true, []string{"BlackSuit", "Black Suit"}, nil},
	{"Akira", true, nil, []string{"Akira"}},
	{"Rhysida", true, []string{"Rhysida"}, nil},
	{"Play", true, nil, []string{"Play"}},
	{"Medusa", true, nil, []string{"Medusa"}},
	{"8Base", true, []string{"8Base"}, nil},
	{"BianLian", true, []string{"BianLian"}, nil},
	{"Vice Society", true, []string{"Vice Society"}, nil},
	{"Cuba", true, nil, []string{"Cuba"}},
	{"Ragnar Locker", true, []string{"Ragnar Locker", "RagnarLocker"}, nil},
	{"LockerGoga", true, []string{"LockerGoga"}, nil},
	{"WannaCry", true, []string{"WannaCry", "WannaCrypt"}, nil},
	{"NotPetya", true, []string{"NotPetya"}, nil},
	{"SamSam", true, []string{"SamSam"}, nil},
	{"Babuk", true, []string{"Babuk"}, nil},
	{"Avaddon", true, []string{"Avaddon"}, nil},
	{"Karakurt", false, []string{"Karakurt"}, nil},
	{"RansomHub", true, []string{"RansomHub"}, nil},
	{"Qilin", true, []string{"Qilin", "Agenda"}, nil},
	{"Cactus", true, nil, []string{"Cactus"}},
	{"Trigona", true, []string{"Trigona"}, nil},
	{"Mallox", true, []string{"Mallox"}, nil},
	{"Phobos", true, []string{"Phobos"}, nil},
	{"Dharma", true, nil, []string{"Dharma"}},
	{"Snatch", true, nil, []string{"Snatch"}},
	{"Everest", true, nil, []string{"Everest"}},
	{"Lapsus$", false, []string{"Lapsus$", "LAPSUS$", "Lapsus", "DEV-0537", "Strawberry Tempest"}, nil},
	{"ShinyHunters", false, []string{"ShinyHunters"}, nil},
	{"Midnight Blizzard", false, []string{"Midnight Blizzard", "APT29", "Cozy Bear", "Nobelium", "NOBELIUM"}, nil},
	{"Fancy Bear", false, []string{"Fancy Bear", "APT28", "Forest Blizzard", "Strontium", "Sofacy"}, nil},
	{"Sandworm", false, []string{"Sandworm", "Seashell Blizzard", "Voodoo Bear"}, nil},
	{"Volt Typhoon", false, []string{"Volt Typhoon"}, nil},
	{"Salt Typhoon", false, []string{"Salt Typhoon"}, nil},
	{"APT41", false, []string{"APT41", "Double Dragon", "Wicked Panda"}, nil},
	{"APT10", false, []string{"APT10", "Stone Panda"}, nil},
	{"Kimsuky", false, []string{"Kimsuky"}, nil},
	{"Charming Kitten", false, []string{"Charming Kitten", "APT35", "Mint Sandstorm"}, nil},
	{"MuddyWater", false, []string{"MuddyWater"}, nil},
	{"Turla", false, []string{"Turla"}, nil},
	{"FIN7", false, []string{"FIN7", "Carbanak"}, nil},
	{"Evil Corp", false, []string{"Evil Corp"}, nil},
	{"Magecart", false, []string{"Magecart"}, nil},
	{"UNC5537", false, []string{"UNC5537"}, nil},
	{"Storm-0558", false, []string{"Storm-0558"}, nil},
	{"Killnet", false, []string{"Killnet", "KillNet"}, nil},
	{"Anonymous Sudan", false, []string{"Anonymous Sudan"}, nil},
	{"NoName057(16)", false, []string{"NoName057(16)", "NoName057"}, nil},
	{"Dragonfly", false, []string{"Dragonfly", "Energetic Bear"}, nil},
}

// actorFollowers confirm an ambiguous actor name: "the Play ransomware
// gang", "Hive group".
var actorFollowers = map[string]bool{
	"ransomware": true, "group": true, "gang": true, "operators": true, "operation": true, "affiliate": true,
	"affiliates": true, "crew": true, "hackers": true, "actors": true, "cartel": true,
}

func addActors(m *matcher) {
	for i, act := range actors {
		for _, n := range act.names {
			m.add(n, catActor, i, pCap)
		}
		for _, n := range act.ambig {
			m.add(n, catActor, i|1<<16, pCase)
		}
	}
}

// threatActors returns the actors named in the text, in order, once each.
func threatActors(a *analysis) []actor {
	var out []actor
	seen := map[int]bool{}
	for _, h := range a.hits {
		if h.cat != catActor {
			continue
		}
		id := h.val & 0xffff
		if h.val&(1<<16) != 0 && !actorFollowers[a.norm(h.j)] {
			continue
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, actors[id])
		}
	}
	return out
}

// noReason reports a reason, purpose or need at h that staff did not have:
// "without a job-related reason", "with no business need", "for purposes
// not connected to their work".
func (a *analysis) noReason(h hit) bool {
	s, e := a.sentRange(h.i)
	for k := h.i - 1; k >= s && k >= h.i-4; k-- {
		w := a.toks[k].norm
		if isAny(w, "without", "no", "lacking") {
			return true
		}
		if !(a.toks[k].kind == tWord && !a.toks[k].is(fCap) || w == "-") || isAny(w, "the", "their", "his", "her") && k < h.i-1 {
			break
		}
	}
	for k := h.j; k < e && k <= h.j+2; k++ {
		if isAny(a.toks[k].norm, "unrelated", "unconnected") || a.toks[k].norm == "not" &&
			isAny(a.norm(k+1), "connected", "related", "linked") {
			for x := k + 1; x < e && x <= k+6; x++ {
				if isAny(a.toks[x].norm, "work", "duties", "job", "tasks", "role", "functions", "care", "treatment") {
					return true
				}
			}
		}
	}
	return false
}

// staffIn reports a word for the victim's staff in the sentence of token i.
func (a *analysis) staffIn(i int) bool { return a.sentenceHasAny(i, staffWords) }

// outsiderIn reports an attacker in the sentence of token i: hackers,
// criminals, ransomware. People the data went to ("sold their details to
// criminals") and an ethical hacker who reported a flaw are no attackers.
func (a *analysis) outsiderIn(i int) bool {
	s, e := a.sentRange(i)
	for k := s; k < e; k++ {
		w := a.toks[k].norm
		switch w {
		case "hacker", "hackers", "phishing", "attacker", "attackers", "criminals", "exploited", "exploiting",
			"ransomware", "gang", "intruders", "thieves", "thief", "burglars", "burglar", "intruder", "fraudsters":
		case "got", "broke", "break":
			if !(isAny(a.norm(k+1), "in", "into") && (w != "break" || a.norm(k+1) == "in")) {
				continue
			}
		default:
			continue
		}
		p := a.norm(k - 1)
		if p == "to" || p == "ethical" || p == "white-hat" || p == "-" && a.norm(k-2) == "hat" {
			continue
		}
		return true
	}
	return false
}

// anyoneCould reports "anyone" at h as someone able to open what was
// stored: "let anyone view", "allowed anyone who knew the address to open
// the reports", "anyone could download".
func (a *analysis) anyoneCould(h hit) bool {
	_, e := a.sentRange(h.i)
	for k := h.j; k < e && k <= h.j+8; k++ {
		if isAny(a.toks[k].norm, "view", "see", "open", "access", "download", "read", "consult", "browse",
			"retrieve", "viewed", "opened", "accessed", "downloaded", "read") {
			return true
		}
	}
	return false
}

// criminalAdjective reports "criminal" describing a procedure, not an
// attacker: "a criminal investigation", "criminal charges".
func (a *analysis) criminalAdjective(h hit) bool {
	return a.norm(h.i) == "criminal" && h.j-h.i == 1 && isAny(a.norm(h.j), "investigation", "investigations",
		"proceedings", "charges", "charge", "case", "cases", "law", "offence", "offences", "offense", "offenses",
		"complaint", "record", "records", "court", "justice", "prosecution", "inquiry", "probe", "liability",
		"penalties", "sanctions", "trial", "conviction", "division", "code", "matter")
}

// nounForm reports a theft verb used as a noun after a determiner: "a
// copy of the production data", "the download of the report".
func (a *analysis) nounForm(h hit) bool {
	if !isAny(a.norm(h.i), "copy", "copies", "download", "downloads", "extract", "extracts", "take") {
		return false
	}
	return isAny(a.norm(h.i-1), "a", "an", "the", "one", "this", "that", "each", "every", "any", "its", "their",
		"no", "backup", "second")
}

// marketingCalls reports a text about unsolicited marketing: callers who
// pose as someone to sell are not phishing for logins.
func (a *analysis) marketingCalls() bool {
	return a.hasWord("marketing", "telemarketing", "unsolicited", "telesales", "nuisance", "cold-calling")
}

// onlyPossible reports a modal of possibility before token i in its
// sentence: "files could be accessed by staff who had no need".
func (a *analysis) onlyPossible(i int) bool {
	s, _ := a.sentRange(i)
	for k := i - 1; k >= s && k >= i-12; k-- {
		if isAny(a.toks[k].norm, "could", "can", "may", "might") && isAny(a.norm(k+1), "be", "see", "view", "access", "open") {
			return true
		}
	}
	return false
}

// sentToSelfOrRival reports a recipient after token j that shows misuse:
// "to her personal account", "to his private email", "to a competitor",
// "to a journalist".
func (a *analysis) sentToSelfOrRival(j int) bool {
	_, e := a.sentRange(j)
	for k := j; k < e && k < j+16; k++ {
		w := a.toks[k].norm
		if isAny(w, "competitor", "rival", "journalist", "journalists", "newspaper", "reporter") {
			return true
		}
		if isAny(w, "personal", "private", "own", "home") && isAny(a.norm(k+1), "account", "accounts", "email",
			"e-mail", "address", "device", "devices", "phone", "computer", "laptop", "drive", "cloud", "gmail") {
			return true
		}
	}
	return false
}
