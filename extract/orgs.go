package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Organisations are found in three steps. Capitalised runs of words
// (with "of", "and", "&" and company suffixes inside) are the candidate
// names; each is given a score from the role its sentence gives it (fined,
// paying, breached, the covered entity, whose systems were attacked...) or
// takes away (the owner, the maker of a product, the researchers, an
// earlier victim); names that refer to the same organisation (a short
// form, an acronym, a possessive) are grouped, and the groups with enough
// evidence are returned by their fullest name.

// notOrgWords are capitalised words and phrases that never name a victim:
// laws, roles, products, tech acronyms, calendar words.
var notOrgWords = []string{
	// laws and frameworks
	"GDPR", "General Data Protection Regulation", "HIPAA", "HITECH", "HITECH Act", "Health Insurance Portability and Accountability Act",
	"Health Information Technology for Economic and Clinical Health", "Data Protection Act", "Privacy Rule", "Security Rule",
	"Breach Notification Rule", "Privacy and Security Rules", "Privacy, Security, and Breach Notification Rules", "Regulation SCI", "CCPA",
	"California Consumer Privacy Act", "Computer Fraud and Abuse Act", "Article", "Articles", "Art", "Section", "PCI DSS",
	"PCI", "NIS2", "NIS Directive", "Directive", "Regulation", "Act", "FTC Act", "Gramm-Leach-Bliley Act",
	"Safeguards Rule", "Cybersecurity Regulation", "Part 500", "Privacy Act", "PECR", "ePrivacy",
	// roles and titles
	"CEO", "Chief Executive", "Chief Executive Officer", "Chief Information Security Officer", "CISO", "CTO", "CFO",
	"Director", "Chairman", "Chairwoman", "Chair", "Commissioner", "Secretary", "Deputy", "Acting", "Executive",
	"Assistant", "Attorney General", "Senator", "President", "Vice President", "Minister", "Judge", "Mr", "Mrs", "Ms",
	"Professor", "Deputy Director", "Executive Director", "Assistant Director", "Special Agent", "Head",
	"Chief", "Officer", "Spokesperson", "Spokesman", "Spokeswoman", "Republican", "Republicans", "Democrat",
	"Democrats", "Congress", "Senate", "House", "Parliament", "Prime Minister", "Governor", "Mayor", "Court",
	"Supreme Court", "High Court", "District Court", "Tribunal", "Crown Court",
	// products, platforms and tech words
	"ChatGPT", "Android", "iOS", "Windows", "Linux", "macOS", "Bitcoin", "PrintNightmare", "Log4j", "Log4Shell",
	"MOVEit Transfer", "MOVEit", "Apache Struts", "Struts", "OAuth", "Office 365", "Microsoft 365", "Outlook",
	"Exchange Server", "Remote Desktop", "RDP", "VPN", "SMS", "SIM", "PIN", "OTP", "MFA", "2FA", "USB", "CD", "PC",
	"API", "IT", "ICS", "OT", "DevOps", "CVV", "BST", "GMT", "UTC", "PHI", "ePHI", "EPHI", "e-PHI", "PII", "SSN",
	"ID", "IP", "URL", "DNS", "HTTP", "HTTPS", "PDF", "GB", "TB", "MB", "AI", "ML", "IoT", "SQL", "FIDO2", "FIDO",
	"YubiKey", "Wi-Fi", "WiFi", "Internet", "Web", "Dark Web", "Tor", "Telegram", "X", "GPS", "NFC", "CCTV",
	"Social Security", "Social Security Number", "Social Security numbers", "National Insurance", "Medicare", "Medicaid",
	"DPO", "DPA", "DPAs", "CE", "BA", "BAs", "EU", "EEA", "UN", "NATO", "GDPR Enforcement Tracker",
	"Joint Ransomware Task Force", "JRTF", "MS-ISAC", "Multi-State Information Sharing and Analysis Center", "ISAC",
	"Bureau of Consumer Protection", "Health Information Privacy", "Field Office",
	// calendar
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
	"December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Q1", "Q2", "Q3", "Q4",
	// page furniture and generic capitalised words
	"Summary", "Press Release", "Press Releases", "Notice", "Update", "Updated", "Note", "Read more", "Share",
	"Related", "Background", "Contact", "Media Contact", "Tags", "Source", "Image", "Photo", "Getty Images",
	"Reuters", "Associated Press", "AP", "Bloomberg", "TechCrunch", "BleepingComputer", "The Record", "Wired",
	"Ars Technica", "The Register", "CNN", "CBS", "CBS Evening News", "NBC", "ABC", "Fox News", "Detroit Free Press",
	"The Guardian", "Guardian", "Financial Times", "The New York Times", "New York Times", "Wall Street Journal",
	"Washington Post", "Monroe News", "Covered Entity", "Business Associate", "Business Associates",
	"Actions to Take Today", "Tactics, Techniques, and Procedures", "Cybersecurity Essential", "Last revised",
	"Data Protection Officer", "Data Protection Authority", "Data Protection Authorities", "DPA", "Authority",
	"Commission", "Board", "Agency", "Bureau", "Department", "Office", "Government", "State", "States", "Federal",
	"National", "Police", "Police Department", "Township Police Department", "Task Force",
}

// orgHeadWords end or mark an organisation's name.
var orgHeadWords = []string{
	"Hospital", "Hospitals", "Health", "Healthcare", "Medical", "Center", "Centre", "Clinic", "Clinics",
	"University", "College", "School", "Schools", "Academy", "Bank", "Banks", "Banking", "Group", "Holdings",
	"Airlines", "Airways", "Air", "Corporation", "Corp", "Company", "Inc", "Incorporated", "Ltd", "Limited",
	"LLC", "LLP", "PLC", "plc", "GmbH", "AG", "SE", "SA", "NV", "BV", "SRL", "SLR", "SpA", "AB", "ASA", "Oy",
	"Oyj", "Pty", "KK", "Services", "Systems", "Solutions", "Technologies", "Technology", "Software", "Networks",
	"Communications", "Telecom", "Telecommunications", "Insurance", "Partners", "Associates", "Solicitors",
	"Trust", "Foundation", "Council", "Library", "Museum", "Institute", "Association", "Society", "Union",
	"Club", "Church", "Network", "Plan", "Pharmacy", "Stores", "Markets", "Motors", "Entertainment", "Resorts",
	"Hotels", "Hotel", "International", "Industries", "Enterprises", "Labs", "Laboratories", "Capital",
	"Financial", "Energy", "Power", "Utilities", "Media", "Board", "Department", "Exchange", "Airport", "Port",
	"City", "County", "Municipality", "Ministry", "Authority", "Agency", "Partnership", "Consultants",
	"Consulting", "Pharmaceuticals", "Pharma", "Logistics", "Transport", "Transportation", "Railways", "Rail",
	"Cruises", "Lines", "Brands", "Retail", "Store", "Shop", "Marketplace", "Platforms", "Labs", "Wireless",
	"Mobile", "Cloud", "Security", "Cybersecurity", "Care", "Practice", "Physicians", "Dental", "Orthopaedics",
	"Orthopedics", "Medicine", "Surgery", "Surgical", "Imaging", "Diagnostics", "Lab", "Credit", "Mutual",
	"Fund", "Investments", "Finance", "Lending", "Payments", "Properties", "Realty", "Homes", "Building",
	"Construction", "Manufacturing", "Foods", "Restaurants", "Apparel", "Motors", "Automotive", "Gaming",
	"Casino", "Casinos", "Studios", "Records", "Publishing", "Press", "News", "Times", "Post", "Co",
}

// companySuffixes are legal-form suffixes: a strong sign of a company.
var companySuffixes = map[string]bool{
	"ltd": true, "limited": true, "plc": true, "inc": true, "incorporated": true, "llc": true, "llp": true,
	"gmbh": true, "ag": true, "se": true, "sa": true, "nv": true, "bv": true, "srl": true, "slr": true,
	"spa": true, "ab": true, "asa": true, "oy": true, "oyj": true, "pty": true, "kk": true, "corp": true,
	"corporation": true, "co": true, "company": true, "group": true, "holdings": true, "lp": true,
	"n": true, "v": true, "b": true, "s": true, "a": true, "r": true, "l": true,
}

// nameConnectors may join words inside a name: "Bank of America",
// "Health & Hospitals", "Commission nationale de l'informatique".
var nameConnectors = map[string]bool{
	"of": true, "and": true, "&": true, "for": true, "de": true, "del": true, "der": true, "des": true,
	"du": true, "la": true, "le": true, "von": true, "van": true, "the": true, "y": true, "di": true,
	"da": true, "do": true, "dos": true, "on": true, "upon": true, "in": true,
}

func addNotOrgs(m *matcher) {
	for _, w := range notOrgWords {
		flags := pCap
		if isAllUpperOrDigit(w) {
			flags = pCase
		}
		m.add(w, catNotOrg, 0, flags)
	}
}

func addOrgHeads(m *matcher) {
	for _, w := range orgHeadWords {
		m.add(w, catOrgHead, 0, pCap)
	}
}

// commonStarts are words capitalised only because they start a sentence.
var commonStarts = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an in on at for from by with as after before during following under
		between among although because but and or if when while since this that these those it its they their
		there he she we our you your his her who what which where how why some many most all any each every
		both several other another such no not only also however moreover additionally further furthermore then
		thus therefore meanwhile today yesterday now here once upon originally firstly secondly lastly finally
		besides despite according including through over about around until rather instead even still yet so
		just please thank notice summary date updated read more share related tags one two three four five six
		seven eight nine ten first second third last next new former previous earlier later prior hackers criminals
		attackers investigators researchers officials regulators authorities staff employees customers users
		people patients victims data personal sensitive information details security cyber ransomware phishing
		malware breach breaches attack attacks incident incidents fine fines penalty penalties settlement
		companies company firm firms organisations organizations businesses government agency agencies because
		whether though unless whereas nearly almost around approximately roughly about more less fewer up down
		over out off into onto via per among against across behind beyond within without toward towards
		press release statement report reports chief executive director spokesperson spokesman spokeswoman
		analysts experts sources documents court judge lawyers under between in-house big large small major
		global international national local federal state public private online digital global cloud
		security-related privacy two-factor multi-factor multifactor mfa 2fa passwords password`) {
		commonStarts[w] = true
	}
}

// orgMention is one candidate name in the text (or the title).
type orgMention struct {
	i, j     int // tokens of the name
	name     string
	words    []string // lower-case words without legal suffixes, for matching
	score    float64
	strong   bool // a strong victim cue
	negative bool // a strong non-victim cue
	acronym  bool
	headed   bool // has a company suffix or organisation head noun
	subject  bool
	heading  bool
	entity   int
}

// orgReader holds the per-document state of organisation extraction.
type orgReader struct {
	a        *analysis
	cover    []uint16 // per token: bit per gazetteer category covering it
	lowerSet map[string]bool
	mentions []orgMention
}

func (r *orgReader) covered(i int, c category) bool { return r.cover[i]&(1<<c) != 0 }

// extractOrgs returns the victim or fined organisations of the text.
func extractOrgs(a *analysis) []string {
	r := &orgReader{a: a, cover: make([]uint16, len(a.toks))}
	for _, h := range a.hits {
		for k := h.i; k < h.j; k++ {
			r.cover[k] |= 1 << h.cat
		}
	}
	r.lowerSet = make(map[string]bool, len(a.toks)/4)
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tWord && !t.is(fCap) && !t.is(fUpper) {
			r.lowerSet[t.norm] = true
		}
	}
	r.chunk()
	for k := range r.mentions {
		r.role(&r.mentions[k])
	}
	return r.select_()
}

// isNameWord reports whether token t can be part of a name.
func (r *orgReader) isNameWord(k int) bool {
	t := &r.a.toks[k]
	if t.kind == tPunct {
		return false
	}
	if t.is(fCap) {
		return true
	}
	s := r.a.text[t.start:t.end]
	if strings.ContainsRune(s, '&') {
		return true
	}
	// "eBay", "iHeartMedia", "23andMe": an upper-case letter inside
	for _, c := range s[1:] {
		if unicode.IsUpper(c) {
			return t.kind == tWord
		}
	}
	return false
}

// headingSentence reports whether most words of the sentence are
// capitalised (a headline or a title line).
func (r *orgReader) headingSentence(s, e int) bool {
	words, caps := 0, 0
	for k := s; k < e; k++ {
		t := &r.a.toks[k]
		if t.kind != tWord {
			continue
		}
		if len(t.norm) <= 3 && !t.is(fCap) && nameConnectors[t.norm] {
			continue
		}
		words++
		if t.is(fCap) || t.is(fUpper) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// common reports whether the capitalised word at k is an ordinary word.
func (r *orgReader) common(k int) bool {
	n := r.a.toks[k].norm
	return commonStarts[n] || r.lowerSet[n]
}

// chunk finds the candidate names of every sentence.
func (r *orgReader) chunk() {
	a := r.a
	for si, st := range a.sentTok {
		s, e := st.Start, st.End
		if e <= s {
			continue
		}
		heading := r.headingSentence(s, e)
		k := s
		for k < e {
			if !r.isNameWord(k) {
				k++
				continue
			}
			start := k
			end := k + 1
			for end < e {
				t := &a.toks[end]
				if t.is(fBlank) {
					break
				}
				if heading && r.isNameWord(end) && r.common(end) && !r.covered(end, catOrgHead) {
					break
				}
				if r.isNameWord(end) {
					end++
					continue
				}
				// connectors and inner punctuation, when a name word follows
				if next := r.nextNameWord(end, e); next > 0 {
					end = next + 1
					continue
				}
				break
			}
			r.addRun(start, end, si, heading)
			k = end
		}
	}
}

// nextNameWord returns the index of the name word that continues a name
// after the connector or punctuation at k, or 0.
func (r *orgReader) nextNameWord(k, e int) int {
	a := r.a
	t := &a.toks[k]
	switch {
	case t.norm == "'s" || t.norm == "'":
		// "Children's Hospital", "Doctors’ Management Services"
		if k+1 < e && r.isNameWord(k+1) && !a.toks[k+1].is(fSpace) == false && r.covered(k+1, catOrgHead) {
			return k + 1
		}
		if t.norm == "'" && k+1 < e && r.isNameWord(k+1) {
			return k + 1
		}
		if t.norm == "'s" && k+1 < e && r.isNameWord(k+1) && r.headAhead(k+1, e) {
			return k + 1
		}
		return 0
	case t.norm == "-":
		if k+1 < e && r.isNameWord(k+1) && !a.toks[k].is(fSpace) && !a.toks[k+1].is(fSpace) {
			return k + 1
		}
		return 0
	case t.norm == ".":
		// "N.V.", "Inc.", "Co." inside or at the end of a name; "Dr. Saran"
		if t.is(fSpace) {
			return 0
		}
		if k+1 < e && r.isNameWord(k+1) && len(a.toks[k-1].norm) <= 3 {
			return k + 1
		}
		return 0
	case t.norm == ",":
		// "Affinity Health Plan, Inc.", "GEO Care, LLC"
		if k+1 < e && companySuffixes[a.toks[k+1].norm] && a.toks[k+1].norm != "a" && a.toks[k+1].norm != "s" &&
			a.toks[k+1].norm != "co" && (r.isNameWord(k+1) || a.toks[k+1].norm == "plc") {
			return k + 1
		}
		return 0
	case t.kind == tWord && nameConnectors[t.norm] && !t.is(fCap):
		// a connector: "Bank of America", "Health & Hospitals"; "and"
		// only when the words after it end in an organisation noun
		j := k + 1
		for j < e && !r.isNameWord(j) && (a.toks[j].norm == "the" || a.toks[j].norm == "de" || a.toks[j].norm == "l" || a.toks[j].norm == "'") {
			j++
		}
		if j >= e || !r.isNameWord(j) {
			return 0
		}
		if t.norm == "and" || t.norm == "&" || t.norm == "y" {
			if !r.headAhead(j, e) {
				return 0
			}
		}
		if t.norm == "on" || t.norm == "upon" || t.norm == "in" {
			return 0
		}
		if t.norm == "for" && !r.headAhead(j, e) {
			return 0
		}
		return j
	case t.kind == tPunct && t.norm == "&":
		if k+1 < e && r.isNameWord(k+1) {
			return k + 1
		}
	}
	return 0
}

// headAhead reports whether the capitalised run starting at k ends in (or
// holds) an organisation head noun.
func (r *orgReader) headAhead(k, e int) bool {
	for ; k < e && r.isNameWord(k); k++ {
		if r.covered(k, catOrgHead) {
			return true
		}
	}
	return false
}

// addRun trims the run [i, j) to a candidate name and records it.
func (r *orgReader) addRun(i, j, si int, heading bool) {
	a := r.a
	st := a.sentTok[si]
	// leading ordinary words: "The", "According", a sentence-initial
	// common word
	for i < j {
		t := &a.toks[i]
		lineStart := i == st.Start || t.is(fNewline) || i > 0 && (a.toks[i-1].norm == "\"" || a.toks[i-1].norm == "(" || a.toks[i-1].norm == ":" || a.toks[i-1].norm == "•")
		if t.norm == "the" || nameConnectors[t.norm] && !t.is(fCap) {
			i++
			continue
		}
		if (lineStart || heading) && r.common(i) && !r.covered(i, catOrgHead) {
			i++
			continue
		}
		if commonStarts[t.norm] && !r.covered(i, catOrgHead) && t.is(fCap) && !t.is(fUpper) && lineStart {
			i++
			continue
		}
		break
	}
	// trailing connectors and punctuation
	for j > i && (a.toks[j-1].kind == tPunct && a.toks[j-1].norm != "." || nameConnectors[a.toks[j-1].norm] && !a.toks[j-1].is(fCap)) {
		j--
	}
	if j > i && a.toks[j-1].norm == "." && !(j-2 >= i && (companySuffixes[a.toks[j-2].norm] || len(a.toks[j-2].norm) == 1)) {
		j--
	}
	if i >= j {
		return
	}
	// split at a country, place or regulator that starts the run when the
	// rest is a name of its own ("Italian telecom company TIM" is handled
	// by the descriptor rule; here "FBI Phoenix", "London-based X")
	if r.allCovered(i, j) {
		return
	}
	// drop leading words covered by a regulator, country or place when
	// the rest does not need them: "Boston-based Drizly"
	for i < j && (r.covered(i, catCountry) || r.covered(i, catPlace) || r.covered(i, catRegulator) || r.covered(i, catNotOrg)) {
		// keep "New York Presbyterian Hospital", "City of Newark",
		// "Colorado Department of Transportation": places followed by
		// an organisation noun belong to the name
		if r.headAhead(i, j) && !r.covered(i, catRegulator) && !r.covered(i, catNotOrg) {
			break
		}
		k := i
		for k < j && (r.covered(k, catCountry) || r.covered(k, catPlace) || r.covered(k, catRegulator) || r.covered(k, catNotOrg)) {
			k++
		}
		if k == i {
			break
		}
		// hyphenated adjective "Microsoft-owned", "Boston-based"
		i = k
		for i < j && (a.toks[i].kind == tPunct || nameConnectors[a.toks[i].norm] && !a.toks[i].is(fCap)) {
			i++
		}
	}
	if i >= j {
		return
	}
	// a run that is wholly a role, law or product; or a person named
	// with a title
	if r.allCovered(i, j) {
		return
	}
	m := orgMention{i: i, j: j, heading: heading}
	m.name = a.tokText(i, j)
	for k := i; k < j; k++ {
		t := &a.toks[k]
		if t.kind == tPunct {
			continue
		}
		if r.covered(k, catOrgHead) || companySuffixes[t.norm] && t.is(fCap) && len(t.norm) > 1 {
			m.headed = true
		}
		m.words = append(m.words, t.norm)
	}
	m.words = orgWords(m.words)
	if len(m.words) == 0 {
		return
	}
	if j-i == 1 && a.toks[i].is(fUpper) && len(a.toks[i].norm) <= 5 {
		m.acronym = true
	}
	// single ordinary capitalised words mid-sentence ("Summary", "Data")
	if j-i == 1 && !m.acronym && r.lowerSet[a.toks[i].norm] && !m.headed {
		return
	}
	if r.isPerson(i, j) {
		return
	}
	r.mentions = append(r.mentions, m)
}

// allCovered reports whether every word of [i, j) is a regulator, country,
// place, actor or non-organisation word.
func (r *orgReader) allCovered(i, j int) bool {
	for k := i; k < j; k++ {
		t := &r.a.toks[k]
		if t.kind == tPunct || nameConnectors[t.norm] && !t.is(fCap) {
			continue
		}
		if !(r.covered(k, catRegulator) || r.covered(k, catCountry) || r.covered(k, catPlace) ||
			r.covered(k, catActor) || r.covered(k, catNotOrg)) {
			return false
		}
	}
	return true
}

// orgWords lower-cases a name's words for matching and drops legal
// suffixes and articles, as the scorer does.
func orgWords(ws []string) []string {
	out := ws[:0]
	for _, w := range ws {
		if companySuffixes[w] && len(w) > 1 || w == "the" || w == "'s" {
			continue
		}
		if len(w) == 1 && (w == "n" || w == "v" || w == "b" || w == "s" || w == "a") {
			continue
		}
		out = append(out, w)
	}
	return out
}

// personTitles precede a person's name.
var personTitles = map[string]bool{
	"ceo": true, "director": true, "chairman": true, "chairwoman": true, "chair": true, "executive": true,
	"officer": true, "secretary": true, "commissioner": true, "president": true, "spokesperson": true,
	"spokesman": true, "spokeswoman": true, "mr": true, "ms": true, "mrs": true, "senator": true, "sen": true,
	"rep": true, "attorney": true, "general": true, "judge": true, "minister": true, "founder": true,
	"analyst": true, "researcher": true, "professor": true, "prof": true, "deputy": true, "assistant": true,
	"acting": true, "manager": true, "engineer": true, "agent": true, "head": true, "lawyer": true,
	"governor": true, "mayor": true, "cto": true, "ciso": true, "cfo": true, "coo": true, "chief": true,
	"defendant": true, "defendants": true, "hacker": true, "suspect": true, "prosecutor": true,
	"inspector": true, "detective": true, "partner": true, "counsel": true, "reporter": true, "writer": true,
	"editor": true, "consultant": true, "author": true,
}

// isPerson reports whether the run [i, j) names a person: after a title
// ("CEO James Rellas", "Director Leon Rodriguez"), before one (", Director
// of..."), or with a speech verb and no organisation word.
func (r *orgReader) isPerson(i, j int) bool {
	a := r.a
	words := 0
	for k := i; k < j; k++ {
		if a.toks[k].kind == tWord {
			words++
		}
		if r.covered(k, catOrgHead) {
			return false
		}
	}
	if words < 2 && !(i > 0 && personTitles[a.norm(i-1)]) {
		return false
	}
	p := a.norm(i - 1)
	if personTitles[p] || p == "." && personTitles[a.norm(i-2)] {
		return true
	}
	n := a.norm(j)
	if n == "," {
		if personTitles[a.norm(j+1)] || a.norm(j+1) == "the" && personTitles[a.norm(j+2)] || personTitles[a.norm(j+2)] {
			return true
		}
		if a.norm(j+1) == "who" {
			return true
		}
	}
	if n == "said" || n == "says" || n == "told" || n == "added" || n == "wrote" {
		return words >= 2 && words <= 3
	}
	if p == "said" || p == "says" {
		return words >= 2 && words <= 3
	}
	if firstNames[a.norm(i)] && words <= 3 {
		return true
	}
	return false
}

// firstNames are common given names: a run starting with one and without
// an organisation word is a person.
var firstNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`james john robert michael william david richard joseph thomas charles
		christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
		timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
		brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam
		nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean
		gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan
		albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene mary
		patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret
		ashley kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca sharon laura
		cynthia amy kathleen angela shirley brenda emma anna pamela nicole samantha katherine christine helen
		debra rachel carolyn janet maria catherine heather diane olivia julie joyce victoria ruth virginia
		lauren kelly christina joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa
		gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella julia grace amber denise
		danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla alexis lori marie
		christina leon eric samuel brooke kevin roly lina letitia merrick rohit jen chris rob mike tom tim dan
		nick alex sam ben ian neil simon graham nigel colin martin hugh rory liam niall sinead siobhan aoife
		elaine fiona claire helena helene jan jens lars hans klaus stefan andrea marco luca giovanni pierre
		jean-pierre francois marie-laure ulrich wojciech andrzej elena ivan dmitry sergei vladimir mohammad
		mohammed ahmed ali faramarz hamid`) {
		firstNames[w] = true
	}
}

// Role cue weights.
const (
	wStrong = 3.0
	wMedium = 1.5
	wWeak   = 0.5
	wNeg    = -4.0
)

// victimVerbsAfter follow a victim or fined organisation as subject.
var victimVerbsAfter = map[string]float64{
	"fined": wStrong, "penalised": wStrong, "penalized": wStrong, "sanctioned": wStrong, "reprimanded": wStrong,
	"breached": wStrong, "hacked": wStrong, "hit": wMedium, "attacked": wStrong, "targeted": wMedium,
	"compromised": wMedium, "suffered": wStrong, "experienced": wMedium, "disclosed": wMedium,
	"reported": wMedium, "confirmed": wMedium, "notified": wMedium, "discovered": wMedium, "detected": wMedium,
	"apologised": wStrong, "apologized": wStrong, "apologises": wStrong, "apologizes": wStrong,
	"admitted": wMedium, "revealed": wMedium, "faces": wStrong, "faced": wMedium, "failed": wStrong,
	"lacked": wStrong, "pay": wStrong, "pays": wStrong, "paid": wStrong, "paying": wStrong, "settle": wStrong,
	"settled": wStrong, "settles": wStrong, "settling": wStrong, "agreed": wMedium, "says": wWeak, "said": wWeak,
	"told": wMedium, "warns": wMedium, "warned": wMedium, "warning": wMedium, "informed": wMedium,
	"filed": wMedium, "estimated": wMedium, "indicated": wMedium, "impermissibly": wStrong, "processed": wMedium,
	"collected": wMedium, "refused": wMedium, "made": wWeak, "had": wWeak, "has": wWeak, "did": wWeak,
	"must": wMedium, "will": wWeak, "is": wWeak, "was": wWeak, "were": wWeak, "improved": wMedium,
	"updated": wMedium, "offered": wMedium, "provided": wMedium, "engaged": wMedium, "sent": wWeak,
	"posted": wWeak, "chose": wMedium, "stored": wMedium, "operates": wWeak, "could": wWeak,
	"neglected": wStrong, "exposed": wMedium, "leaked": wMedium, "lost": wMedium, "breaking": wWeak,
	"investigating": wMedium, "found": wWeak, "received": wWeak, "returned": wMedium, "misused": wWeak,
	"allowed": wMedium, "became": wWeak, "employee": wMedium, "employees": wMedium, "staff": wMedium,
	"customers": wMedium, "users": wWeak, "patients": wMedium, "website": wMedium, "systems": wMedium,
	"network": wMedium, "servers": wMedium,
}

// passiveVictim: "<X> was/has been <verb>".
var passiveVictim = map[string]bool{
	"fined": true, "penalised": true, "penalized": true, "sanctioned": true, "hit": true, "breached": true,
	"hacked": true, "attacked": true, "targeted": true, "compromised": true, "ordered": true, "charged": true,
	"sued": true, "reprimanded": true, "affected": true, "forced": true, "censured": true, "fined with": true,
	"issued": true, "victim": true, "infected": true, "struck": true, "crippled": true, "disrupted": true,
}

// possessedAssets follow a victim's possessive: "Yahoo's security team".
var possessedAssets = map[string]bool{
	"systems": true, "system": true, "network": true, "networks": true, "servers": true, "server": true,
	"website": true, "app": true, "customers": true, "employees": true, "staff": true, "users": true,
	"data": true, "database": true, "databases": true, "security": true, "patients": true, "members": true,
	"clients": true, "computers": true, "files": true, "it": true, "help": true, "email": true,
	"accounts": true, "corporate": true, "cloud": true, "infrastructure": true, "self": true, "payment": true,
	"android": true, "ios": true, "mobile": true, "online": true, "internal": true, "own": true,
	"intranet": true, "breach": true, "platform": true, "remote": true, "engineers": true, "engineer": true,
	"passengers": true, "subscribers": true, "records": true, "worldwide": true, "failure": true,
	"failures": true, "carelessness": true, "servers.": true, "login": true, "vault": true, "contact": true,
	"store": true, "stores": true, "terminals": true, "defences": true, "defenses": true, "compliance": true,
}

// victimObjectCues precede a victim: "a fine against X", "the breach at X".
var victimObjectCues = map[string]float64{
	"against": wMedium, "at": wWeak, "on": wWeak, "of": wWeak, "with": wWeak, "to": wWeak, "fined": wStrong,
	"fines": wStrong, "fine": wMedium, "penalised": wStrong, "penalized": wStrong, "sanctioned": wStrong,
	"sued": wStrong, "charged": wStrong, "reprimanded": wStrong, "breached": wMedium, "hacked": wMedium,
	"targeted": wMedium, "notified": wWeak, "about": wWeak,
}

// nonVictimBefore precede an organisation that is not the victim.
var nonVictimBefore = []string{
	"owner of", "owned by", "subsidiary of", "parent company", "parent", "made by", "maker", "researchers at",
	"investigators at", "analysts at", "experts at", "according to", "reported by", "rival", "competitor",
	"similar", "partner", "purchase by", "acquired by", "bought by", "copy of the company's", "imitating",
	"that breached", "which breached", "that hit", "which hit", "also hit", "like", "such as", "including",
	"report by", "research by", "researchers from", "analysis by", "firm", "security firm", "cybersecurity firm",
	"vendor", "on", "via", "through", "from", "using", "posing as", "copy of", "lookalike of",
	"notified the", "notice to", "to the", "contacted", "told the", "cousin", "purchased by", "formerly",
	"used to be called", "called", "named", "known as", "proposed for", "sums", "than", "versus",
}

// role scores one mention from its sentence.
func (r *orgReader) role(m *orgMention) {
	a := r.a
	s, e := a.sentRange(m.i)
	i, j := m.i, m.j
	// the subject: first name of the sentence (after "The" or a
	// descriptor), followed by a verb
	m.subject = r.isSubject(m)
	// after the name, skipping a possessive, an appositive or a bracket
	k := j
	if a.norm(k) == "'s" || a.norm(k) == "'" {
		if possessedAssets[a.norm(k+1)] || possessedAssets[a.norm(k+2)] {
			m.score += wMedium
			if a.norm(k+1) == "own" && r.negatedNear(k) {
				m.score += wNeg
				m.negative = true
			}
		}
		switch a.norm(k + 1) {
		case "owner", "parent", "purchase", "acquisition", "rival", "competitor":
			// "BA's owner, International Airlines Group": the name
			// after is the owner; this one is still the victim
			m.score += wWeak
		}
	}
	k = r.skipAppositive(k, e)
	n1, n2, n3 := a.norm(k), a.norm(k+1), a.norm(k+2)
	aux := func(w string) bool {
		switch w {
		case "was", "were", "has", "have", "had", "is", "are", "been", "being", "will", "would", "to", "also",
			"must", "agreed", "has been", "may", "could", "might", "later", "then", "now", "itself", "says", "said":
			return true
		}
		return false
	}
	if k < e {
		if passiveVictim[n1] && (n1 == "fined" || n1 == "hit" || n1 == "hacked" || n1 == "breached" || n1 == "targeted") {
			m.score += wStrong
			m.strong = true
		} else if aux(n1) && (passiveVictim[n2] || aux(n2) && passiveVictim[n3]) {
			if n2 == "been" || n3 != "" {
				m.score += wStrong
				m.strong = true
			}
		}
		if w, ok := victimVerbsAfter[n1]; ok && m.subject {
			m.score += w
			if w >= wStrong {
				m.strong = true
			}
		} else if aux(n1) {
			for _, x := range []string{n2, n3} {
				if w, ok := victimVerbsAfter[x]; ok && m.subject {
					m.score += w
					if w >= wStrong {
						m.strong = true
					}
					break
				}
			}
		}
		// non-victim verbs: "Microsoft has attributed", "Mandiant said
		// it found no evidence", "Progress has issued patches"
		for _, x := range []string{n1, n2, n3} {
			switch x {
			case "attributed", "tracks", "tracked", "attributes", "investigated", "researchers", "analysts",
				"spokesperson", "published", "advised", "urged", "recommends", "owner", "owns", "bought",
				"acquired", "imitated", "helped", "assisted", "issued":
				if m.subject {
					m.score -= wMedium
				}
			}
		}
		if n1 == "-" && (n2 == "owned" || n2 == "based" && false) {
			m.score += wNeg
			m.negative = true
		}
	}
	// before the name
	p1, p2, p3 := a.norm(i-1), a.norm(i-2), a.norm(i-3)
	if p1 == "the" || p1 == "a" || p1 == "an" {
		p1, p2, p3 = p2, p3, a.norm(i-4)
	}
	if i-1 >= s {
		switch {
		case p1 == "fined" || p1 == "fines" || p1 == "penalised" || p1 == "penalized" || p1 == "sanctioned" || p1 == "sued" || p1 == "charged" || p1 == "reprimanded":
			m.score += wStrong
			m.strong = true
		case p1 == "against" && (isAny(p2, "action", "actions", "penalty", "fine", "case", "charges", "complaint", "order", "enforcement", "lawsuit", "proceedings", "judgment", "claims") || isAny(p3, "action", "penalty", "fine", "case", "charges", "complaint", "order", "enforcement")):
			m.score += wStrong
			m.strong = true
		case (p1 == "with" || p1 == "to" || p1 == "on" || p1 == "upon") && isAny(p2, "settlement", "agreement", "penalty", "fine", "deal", "settles", "settled", "notice", "fines"):
			m.score += wStrong
			m.strong = true
		case (p1 == "to" || p1 == "on") && r.finePhraseBefore(i-1, s):
			m.score += wStrong
			m.strong = true
		case (p1 == "of" || p1 == "into") && isAny(p2, "investigation", "investigations", "audit", "probe", "inquiry", "breach", "hack", "compromise", "network", "systems", "computers", "servers", "website", "data", "customers", "patients", "employees", "clients", "members", "users", "staff", "subscribers", "students", "passengers", "victims"):
			m.score += wMedium
			if isAny(p2, "investigation", "breach", "hack", "network", "systems", "customers", "patients", "employees", "clients") {
				m.score += wWeak
			}
		case (p1 == "at" || p1 == "on" || p1 == "against") && isAny(p2, "breach", "attack", "attacks", "intrusion", "incident", "hack", "patients", "customers", "employees", "staff", "ransomware", "cyberattack", "cyber-attack", "compromise", "break-in", "outage"):
			m.score += wStrong
			m.strong = true
		case p1 == "notified" || p1 == "informed" || p1 == "warned":
			if r.regulatorBefore(i, s) {
				m.score += wMedium
			} else {
				m.score += wNeg / 2
			}
		case p1 == "," && (a.norm(i-2) == ")" && isAny(a.norm(i-3), "ce", "ba") || isAny(a.norm(i-2), "entity", "associate")):
			// "the covered entity (CE), Montefiore Medical Center,"
			m.score += wStrong
			m.strong = true
		case p1 == ":" || p1 == ";" || p1 == "\n":
		}
		// a descriptor right before: "the online alcohol marketplace
		// Drizly", "Payroll provider Zellis", "the telecom company TIM"
		if descriptorNouns[p1] {
			m.score += wMedium
			if isAny(p2, "rival", "competitor", "security", "cybersecurity", "research", "intelligence", "threat") || isAny(p3, "rival", "competitor") {
				m.score += wNeg
				m.negative = true
			}
		}
		// a victims list: "victims included: the City of Newark; ..."
		if r.victimList(i, s) {
			m.score += wStrong
			m.strong = true
		}
	}
	// an appositive after the name that describes it as a company
	if a.norm(j) == "," && (a.norm(j+1) == "a" || a.norm(j+1) == "an" || a.norm(j+1) == "the") {
		for k := j + 2; k < e && k < j+9; k++ {
			w := a.norm(k)
			if w == "," || w == "." {
				break
			}
			if descriptorNouns[w] {
				m.score += wMedium
				break
			}
			if w == "owner" || w == "subsidiary" || w == "parent" || w == "maker" {
				break
			}
		}
	}
	// non-victim contexts before the name
	for _, cue := range nonVictimBefore {
		if r.precededBy(i, s, cue) {
			switch cue {
			case "on", "via", "through", "from", "using", "to the", "notified the", "contacted", "told the",
				"like", "such as", "including", "firm", "vendor", "called", "named", "known as", "formerly",
				"than", "versus", "copy of", "notice to":
				if !m.strong {
					m.score += wNeg / 2
				}
			case "used to be called":
				// "Altaba, the company that used to be called Yahoo":
				// both names are the organisation
				m.score += wMedium
			default:
				m.score += wNeg
				m.negative = true
			}
			break
		}
	}
	// "Google-owned Mandiant": the owner before the hyphen is not the victim
	if a.norm(j) == "-" && (a.norm(j+1) == "owned" || a.norm(j+1) == "backed" || a.norm(j+1) == "made") {
		m.score += wNeg
		m.negative = true
	}
	if m.subject {
		m.score += wWeak
	}
	// a heading line's words are weak evidence
	if m.heading {
		m.score *= 0.5
	}
}

// descriptorNouns describe an organisation: "the pharmacy chain Boots".
var descriptorNouns = map[string]bool{
	"company": true, "firm": true, "airline": true, "carrier": true, "retailer": true, "bank": true,
	"hospital": true, "provider": true, "marketplace": true, "chain": true, "operator": true, "insurer": true,
	"business": true, "organisation": true, "organization": true, "service": true, "entity": true,
	"giant": true, "maker": true, "platform": true, "lender": true, "exchange": true, "school": true,
	"university": true, "council": true, "charity": true, "practice": true, "manufacturer": true,
	"supplier": true, "developer": true, "group": true, "agency": true, "contractor": true, "startup": true,
	"network": true, "broadcaster": true, "publisher": true, "processor": true, "store": true,
	"subsidiary": true, "telecom": true, "telco": true, "brand": true, "owner": true, "plan": true,
	"system": true, "clinic": true, "corporation": true, "conglomerate": true, "utility": true,
	"app": true, "website": true, "site": true, "club": true, "solicitors": true, "insurance": true,
}

func isAny(w string, ws ...string) bool {
	for _, x := range ws {
		if w == x {
			return true
		}
	}
	return false
}

// precededBy reports whether the words of cue end right before token i
// (skipping "the"/"a"), within the sentence starting at s.
func (r *orgReader) precededBy(i, s int, cue string) bool {
	a := r.a
	k := i - 1
	for k >= s && (a.toks[k].norm == "the" || a.toks[k].norm == "a" || a.toks[k].norm == "an") {
		k--
	}
	words := strings.Fields(cue)
	for w := len(words) - 1; w >= 0; w-- {
		if k < s || a.toks[k].norm != words[w] {
			return false
		}
		k--
	}
	return true
}

// finePhraseBefore reports "a £98,000 penalty to X", "will pay $5 million
// to X" patterns: a fine or payment word shortly before the preposition.
func (r *orgReader) finePhraseBefore(k, s int) bool {
	a := r.a
	for x := k - 1; x >= s && x >= k-6; x-- {
		switch a.toks[x].norm {
		case "penalty", "fine", "notice", "penalties", "fines", "reprimand", "enforcement":
			return true
		case "pay", "paid", "pays":
			return false // paid to an authority: the payer is the victim
		}
	}
	return false
}

// regulatorBefore reports whether a regulator is named earlier in the
// sentence (the regulator notified the organisation).
func (r *orgReader) regulatorBefore(i, s int) bool {
	for k := s; k < i; k++ {
		if r.covered(k, catRegulator) {
			return true
		}
	}
	return false
}

// negatedNear reports a negation a few tokens around k.
func (r *orgReader) negatedNear(k int) bool {
	a := r.a
	s, e := a.sentRange(k)
	for x := max(s, k-8); x < min(e, k+8); x++ {
		switch a.toks[x].norm {
		case "no", "not", "never", "nor":
			return true
		}
	}
	return false
}

// skipAppositive skips ", a ... company," or a bracketed alias after a
// name, returning the index of the token that continues the clause.
func (r *orgReader) skipAppositive(k, e int) int {
	a := r.a
	if a.norm(k) == "'s" {
		return k
	}
	if a.norm(k) == "(" {
		for x := k + 1; x < e && x < k+8; x++ {
			if a.toks[x].norm == ")" {
				k = x + 1
				break
			}
		}
	}
	if a.norm(k) == "," {
		for x := k + 1; x < e && x < k+16; x++ {
			if a.toks[x].norm == "," {
				if x+1 < e && a.toks[x+1].kind == tWord && !a.toks[x+1].is(fCap) {
					return x + 1
				}
				break
			}
		}
	}
	return k
}

// isSubject reports whether the mention starts its sentence's main clause:
// at the sentence start, after "The" or a descriptor ("Payroll provider
// Zellis"), or after a leading adverbial ending in a comma.
func (r *orgReader) isSubject(m *orgMention) bool {
	a := r.a
	s, _ := a.sentRange(m.i)
	k := m.i - 1
	for k >= s {
		t := &a.toks[k]
		if t.norm == "the" || descriptorNouns[t.norm] || t.kind == tWord && !t.is(fCap) && k-s < 4 && (k == s || a.toks[k-1].norm == "the" || descriptorNouns[a.norm(k+1)]) {
			k--
			continue
		}
		if t.norm == "," || t.norm == "\"" || t.norm == "(" || t.norm == "'" {
			// "In 2018, X ..." / "According to the FTC, X ..."
			return t.norm == ","
		}
		break
	}
	return k < s
}

// victimList reports whether token i follows "victims included" (or
// similar) in its sentence.
func (r *orgReader) victimList(i, s int) bool {
	a := r.a
	for k := i - 1; k > s; k-- {
		switch a.toks[k].norm {
		case "included", "include", "includes", "including":
			if k-1 >= s && (a.toks[k-1].norm == "victims" || a.toks[k-2].norm == "victims") {
				return true
			}
		case ".":
			return false
		}
	}
	return false
}

// select_ groups mentions into organisations and returns those with
// enough evidence, by their fullest name.
func (r *orgReader) select_() []string {
	ms := r.mentions
	if len(ms) == 0 {
		return nil
	}
	type entity struct {
		best     int // index of the fullest mention
		score    float64
		count    int
		strong   bool
		negative bool
		headed   bool
		first    int
		title    bool
		subject  bool
	}
	var ents []entity
	for k := range ms {
		ms[k].entity = -1
	}
	// longer names first, so short forms join them
	order := make([]int, len(ms))
	for k := range order {
		order[k] = k
	}
	for x := 1; x < len(order); x++ {
		for y := x; y > 0 && len(ms[order[y]].words) > len(ms[order[y-1]].words); y-- {
			order[y], order[y-1] = order[y-1], order[y]
		}
	}
	for _, k := range order {
		m := &ms[k]
		for e := range ents {
			b := &ms[ents[e].best]
			if sameOrg(m, b) {
				m.entity = e
				break
			}
		}
		if m.entity < 0 {
			ents = append(ents, entity{best: k, first: m.i})
			m.entity = len(ents) - 1
		}
	}
	for k := range ms {
		m := &ms[k]
		e := &ents[m.entity]
		e.score += m.score
		e.count++
		e.strong = e.strong || m.strong
		e.negative = e.negative || m.negative
		e.headed = e.headed || m.headed
		e.subject = e.subject || m.subject
		if m.i < e.first {
			e.first = m.i
		}
		b := &ms[e.best]
		if !m.heading && (b.heading || len(m.words) > len(b.words) || len(m.words) == len(b.words) && m.j-m.i > b.j-b.i) {
			e.best = k
		}
	}
	// the title names the organisation the text is about
	if len(r.a.titleToks) > 0 {
		for e := range ents {
			if r.inTitle(ms[ents[e].best].words) {
				ents[e].title = true
			}
		}
	}
	var out []string
	for e := range ents {
		x := &ents[e]
		score := x.score
		if x.count > 1 {
			score += 0.75 * float64(min(x.count-1, 4))
		}
		if x.title {
			score += wMedium
		}
		if x.negative && !x.strong {
			continue
		}
		if score < 2.5 {
			continue
		}
		if ms[x.best].acronym && x.count < 2 && !x.strong {
			continue
		}
		out = append(out, strings.TrimSuffix(strings.TrimSpace(ms[x.best].name), ","))
	}
	return dedupeNames(out)
}

// sameOrg reports whether mention m refers to the organisation named by
// b (b has at least as many words): the same words, a subset of them
// ("Equifax" in "Equifax Inc."), or an acronym of them ("BA", "NYP").
func sameOrg(m, b *orgMention) bool {
	if len(m.words) == 0 || len(b.words) == 0 {
		return false
	}
	if m.acronym && acronymOf(m.words[0], b.words) {
		return true
	}
	if b.acronym && len(b.words) == 1 && acronymOf(b.words[0], m.words) {
		return true
	}
	// every word of m in b, and m's first word among b's first two (so
	// "Health" does not join "Affinity Health Plan")
	for _, w := range m.words {
		found := false
		for _, x := range b.words {
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return m.words[0] == b.words[0] || len(b.words) > 1 && m.words[0] == b.words[1] && len(m.words) > 1
}

// acronymOf reports whether acr (lower case) abbreviates the words: the
// initials, or letters taken in order with the first one matching.
func acronymOf(acr string, words []string) bool {
	if len(acr) < 2 || len(words) < 2 && len(acr) > len(words[0]) {
		return false
	}
	var initials []byte
	for _, w := range words {
		if w == "and" || w == "of" || w == "&" || w == "for" || w == "the" {
			continue
		}
		initials = append(initials, w[0])
	}
	if string(initials) == acr {
		return true
	}
	if len(words) < 2 || acr[0] != words[0][0] {
		return false
	}
	// subsequence over the joined words, every word contributing at most
	// what is left, and the acronym's last letter in the last word
	joined := strings.Join(words, " ")
	x := 0
	for k := 0; k < len(joined) && x < len(acr); k++ {
		if joined[k] == acr[x] {
			x++
		}
	}
	return x == len(acr) && len(initials) <= len(acr)+1
}

// inTitle reports whether the title names the organisation of words.
func (r *orgReader) inTitle(words []string) bool {
	tt := r.a.titleToks
	for k := range tt {
		if tt[k].norm == words[0] && (tt[k].is(fCap) || tt[k].is(fUpper)) {
			return true
		}
	}
	return false
}

// dedupeNames drops names that repeat an earlier one.
func dedupeNames(names []string) []string {
	out := names[:0]
	for _, n := range names {
		dup := false
		for _, o := range out {
			if strings.EqualFold(o, n) {
				dup = true
			}
		}
		if !dup && n != "" && utf8.ValidString(n) {
			out = append(out, n)
		}
	}
	return out
}
