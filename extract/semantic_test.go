package extract

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	text := "AT&T's multi-factor MFA, 1&1 and 23andMe.\n\nThe firm’s staff"
	toks := tokenize(text, lowerASCII(text), nil)
	var norms []string
	for _, tk := range toks {
		norms = append(norms, tk.norm)
	}
	want := []string{"at&t", "'s", "multi", "-", "factor", "mfa", ",", "1&1", "and", "23andme", ".", "the", "firm", "'s", "staff"}
	if !slices.Equal(norms, want) {
		t.Fatalf("norms = %q, want %q", norms, want)
	}
	flag := func(i int, f uint8) bool { return toks[i].is(f) }
	if !flag(0, fAmp) || !flag(0, fUpper) {
		t.Errorf("AT&T: flags %b", toks[0].flags)
	}
	if !flag(5, fUpper) || flag(2, fCap) {
		t.Errorf("MFA upper, multi lower: %b %b", toks[5].flags, toks[2].flags)
	}
	if !flag(9, fInnerUpper) {
		t.Errorf("23andMe: no inner upper flag")
	}
	if !flag(11, fBlank) || !flag(11, fCap) {
		t.Errorf("The after a blank line: flags %b", toks[11].flags)
	}
	for _, tk := range toks {
		if tk.h != hashNorm(tk.norm) {
			t.Errorf("token %q: hash not of its norm", tk.norm)
		}
	}
}

func TestGazetteerMatch(t *testing.T) {
	tests := []struct {
		name, text string
		cat        category
		want       []string
	}{
		{"long form with possessive", "the Information Commissioner's Office said", catRegulator, []string{"Information Commissioner's Office"}},
		{"longest wins", "the Office of the Australian Information Commissioner", catRegulator, []string{"Office of the Australian Information Commissioner"}},
		{"acronym case", "the ICO and the ico", catRegulator, []string{"ICO"}},
		{"hyphen optional", "two-factor and two factor and multifactor", catControl, []string{"two-factor", "two factor", "multifactor"}},
		{"country demonym", "Russian hackers hit a Dutch firm", catCountry, []string{"Russian", "Dutch"}},
		{"actor alias", "the BlackCat gang and LockBit 3.0", catActor, []string{"BlackCat", "LockBit 3.0"}},
		{"no match across a blank line", "Information\n\nCommissioner's Office", catRegulator, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(Input{Text: tt.text})
			a := d.analyze()
			var got []string
			for _, h := range a.hits {
				if h.cat == tt.cat {
					got = append(got, a.tokText(h.i, h.j))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegulators(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"short and long forms once", "The Information Commissioner's Office fined the firm. The ICO said it had failed.", []string{"ICO"}},
		{"several", "The FTC, the CFPB and the attorneys general of 48 states announced a deal.", []string{"FTC", "CFPB", "state attorneys general"}},
		{"HHS OCR", "The HHS Office for Civil Rights settled. OCR's investigation found gaps.", []string{"HHS OCR"}},
		{"OCR in a scanning story", "The OCR software misread scanned handwriting.", nil},
		{"country description", "Italy's data protection authority fined the chatbot maker.", []string{"Garante"}},
		{"Spanish description", "The Spanish Data Protection Authority opened a case.", []string{"AEPD"}},
		{"AP as the Dutch authority", "The Dutch regulator AP fined the bank.", []string{"AP"}},
		{"AP as the news agency", "AP reported that the company was hacked.", nil},
		{"DFS needs New York", "DFS said the insurer failed to implement controls.", nil},
		{"DFS in New York", "New York's regulator, DFS, said the insurer failed.", []string{"NYDFS"}},
		{"regulator as victim", "Hackers hijacked the SEC's X account on Tuesday.", nil},
		{"regulator as victim, pronoun", "The FCC said its website was hacked over the weekend.", nil},
		{"CISA advisory id", "AA23-158A: indicators of compromise for a ransomware variant.", []string{"CISA"}},
		{"states coalition", "The retailer agreed to pay $10m in a settlement with 40 states.", []string{"state attorneys general"}},
		{"German state commissioner", "The Hamburg Data Protection Commissioner issued a fine.", []string{"Hamburg Data Protection Commissioner"}},
		{"commissioner alone", "A patient complained to the Commissioner.", []string{"Commissioner"}},
		{"DOJ by title", "Deputy Attorney General Smith announced the indictment.", []string{"DOJ"}},
		{"law enforcement", "The National Crime Agency and Europol seized the servers.", []string{"NCA", "Europol"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := regulatorNames(newDoc(Input{Text: tt.text}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("regulators = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegulatorMentionsOffsets(t *testing.T) {
	text := "Fined by the Federal Trade Commission and the FTC's staff."
	ms := regulatorMentions(newDoc(Input{Text: text}))
	if len(ms) != 2 {
		t.Fatalf("mentions = %v", ms)
	}
	for _, m := range ms {
		if m.Name != "FTC" || m.Country != "US" {
			t.Errorf("mention %+v", m)
		}
	}
	if got := text[ms[0].Start:ms[0].End]; got != "Federal Trade Commission" {
		t.Errorf("first mention text %q", got)
	}
	if got := text[ms[1].Start:ms[1].End]; got != "FTC" {
		t.Errorf("second mention text %q", got)
	}
}

func TestMFAPolarity(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"not mentioned", "The firm was fined after a phishing attack.", "null"},
		{"did not have", "The council did not have multi-factor authentication on its VPN.", "absent"},
		{"lacked", "Investigators said the portal lacked 2FA.", "absent"},
		{"without", "Attackers logged in to an account without MFA.", "absent"},
		{"no second factor", "The admin account had no second factor.", "absent"},
		{"not enabled after", "Two-factor authentication was not enabled for contractors.", "absent"},
		{"not enforced", "MFA was available but not enforced for remote staff.", "absent"},
		{"failed to require", "The bank failed to require two-step verification for administrators.", "absent"},
		{"partial rollout", "The insurer had only partly deployed multifactor authentication.", "absent"},
		{"slow rollout", "Regulators said the group was slow to roll out MFA.", "absent"},
		{"gaps", "The review found gaps in the deployment of MFA.", "absent"},
		{"contrast clause", "The school had installed MFA across many systems, but the lack of complete coverage let attackers in.", "absent"},
		{"not covered by it", "MFA protected staff email, but the old file server was not covered by it.", "absent"},
		{"turned off", "The help desk had turned off her multi-factor authentication.", "absent"},
		{"counterfactual", "The regulator said two-factor authentication would have prevented the attack.", "absent"},
		{"should have", "The firm should have used multi-factor authentication on remote access.", "absent"},
		{"in place", "Multi-factor authentication was in place for all employees.", "present"},
		{"bypassed by fatigue", "The attacker bombarded the engineer with MFA prompts until one was approved.", "present"},
		{"sim swap", "Criminals used a SIM swap to intercept the one-time passcodes sent to the manager.", "present"},
		{"help desk reset", "The caller persuaded the help desk to reset the employee's MFA.", "present"},
		{"session cookies", "Stolen session cookies let the intruders bypass MFA.", "present"},
		{"security keys stopped it", "Hardware security keys stopped the attackers from logging in.", "present"},
		{"advice", "Customers should turn on two-factor authentication.", "mentioned"},
		{"imperative bullet", "Actions:\n- Enforce MFA for all users.", "mentioned"},
		{"future requirement", "The company agreed to adopt multi-factor authentication.", "mentioned"},
		{"generic bypass", "Criminals can defeat SMS-based two-factor authentication.", "mentioned"},
		{"users use it", "Only 20% of users currently use a second factor.", "mentioned"},
		{"absent beats advice", "The hospital had no MFA. Experts urge all hospitals to enable MFA.", "absent"},
		{"remediation is not presence", "Following the breach, the clinic implemented two-factor authentication.", "mentioned"},
		{"remediation after the mention", "The agency switched on MFA for remote staff after the intrusion.", "mentioned"},
		{"opt-in", "Two-factor authentication was an opt-in setting for shoppers.", "absent"},
		{"offered to customers", "The provider said MFA is available to all of its customers.", "mentioned"},
		{"not turned it on", "The host offers MFA to every client; the shop had not turned it on.", "absent"},
		{"negation before a far bypass word", "The bank did not require MFA or block repeated failed logins.", "absent"},
		{"negated activation across a relative clause", "Two-factor authentication, which the bank made available to its clients in 2020, was not switched on for the account.", "absent"},
		{"coverage only for some", "The telecom had required MFA only for administrators, leaving other accounts exposed.", "absent"},
		{"negated requirement", "According to the complaint, the company did not require employees to use multi-factor authentication.", "absent"},
		{"would not have helped", "Security experts say two-factor authentication would not have stopped this kind of attack.", "mentioned"},
		{"outcome negated, not the control", "Customers who had enabled two-step verification were not affected.", "mentioned"},
		{"only a share covered", "Only a quarter of the firm's accounts were protected by MFA, the audit found.", "absent"},
		{"password alone accepted", "The stolen credentials worked because the VPN accepted a password alone.", "absent"},
		{"security keys of an API are not MFA", "An engineer committed cloud security keys to a public repository.", "null"},
		{"push notifications for sign-ins", "Staff approve every sign-in with push notifications on their phones.", "present"},
		{"password alone", "The remote desktop server was protected by a password alone.", "absent"},
		{"negated list", "The firm failed to use basic measures, such as encryption and multi-factor authentication.", "absent"},
		{"inverted condition", "Had two-factor authentication been enabled, the intruders would have been stopped.", "absent"},
		{"despite", "The breach happened despite multi-factor authentication.", "present"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Extract(Input{Text: tt.text})
			got := "null"
			if f.MFA != nil {
				got = f.MFA.Status
				if tt.text[f.MFA.Start:f.MFA.End] != f.MFA.Text {
					t.Errorf("offsets [%d,%d) do not hold %q", f.MFA.Start, f.MFA.End, f.MFA.Text)
				}
			}
			if got != tt.want {
				t.Errorf("mfa = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOtherControls(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string
	}{
		{"unpatched and unencrypted", "The server was unpatched and the laptop was unencrypted.", map[string]string{"patching": "absent", "encryption": "absent"}},
		{"not patched", "Internet-facing servers had not been patched for two years.", map[string]string{"patching": "absent"}},
		{"no longer supported", "It ran operating systems that were no longer supported.", map[string]string{"patching": "absent"}},
		{"training absent", "The firm did not train staff to spot phishing.", map[string]string{"training": "absent"}},
		{"logging absent", "The company neglected to monitor security threats.", map[string]string{"logging": "absent"}},
		{"segmentation advice", "Implement network segmentation between IT and OT networks.", map[string]string{"segmentation": "mentioned"}},
		{"ransomware encryption is not a control", "The attackers encrypted the firm's files and demanded a ransom.", map[string]string{}},
		{"credit monitoring is not logging", "Customers were offered free credit monitoring.", map[string]string{}},
		{"backups advice", "Organisations should keep offline backups.", map[string]string{"backups": "mentioned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Extract(Input{Text: tt.text})
			got := map[string]string{}
			for _, c := range f.Controls {
				if c.Control != "mfa" {
					got[c.Control] = c.Status
				}
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (all %v)", k, got[k], v, got)
				}
			}
			for k := range got {
				if _, ok := tt.want[k]; !ok {
					t.Errorf("unexpected control %s=%s", k, got[k])
				}
			}
		})
	}
}

func TestAttackTypes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"ransomware", "A ransomware attack took the council's systems offline.", []string{"ransomware"}},
		{"stolen laptop", "A laptop holding patient records was stolen from a car.", []string{"data_theft"}},
		{"lost laptop", "An employee lost a laptop on a train.", nil},
		{"misdirected email", "A spreadsheet was emailed to the wrong recipient by mistake.", nil},
		{"phishing", "Staff received phishing emails and entered their passwords.", []string{"phishing"}},
		{"phishing without the word", "An email that appeared to come from IT asked staff to follow a link and enter their password.", []string{"phishing"}},
		{"vishing", "The caller, posing as an employee, phoned the help desk and had the password reset.", []string{"phishing"}},
		{"phishing-resistant is a control", "Organisations should adopt phishing-resistant MFA.", nil},
		{"credential stuffing", "Attackers used passwords reused from other breaches to log in to customer accounts.", []string{"credential_stuffing"}},
		{"password spraying", "The intruders used password spraying against a test account.", []string{"credential_stuffing"}},
		{"ddos", "A distributed denial-of-service attack knocked the website offline.", []string{"ddos"}},
		{"malware", "The attackers installed malware on the point-of-sale terminals.", []string{"malware"}},
		{"ransomware definition is not malware", "Ransomware is a type of malware that encrypts data.", []string{"ransomware"}},
		{"misconfiguration", "A misconfigured cloud bucket exposed customer records.", []string{"misconfiguration"}},
		{"bug exposure", "A bug in the app let some users see other users' messages.", []string{"misconfiguration"}},
		{"insider", "A nurse inappropriately accessed the records of 300 patients without authorization.", []string{"insider"}},
		{"insider theft", "A former employee downloaded customer lists before leaving.", []string{"insider"}},
		{"supply chain", "Hackers exploited a flaw in the MOVEit file-transfer software used by the payroll provider.", []string{"supply_chain"}},
		{"exfiltration", "The hackers exfiltrated 2TB of data.", []string{"data_theft"}},
		{"leak site", "The gang posted the stolen files on its leak site.", []string{"data_theft"}},
		{"unknown vector", "The company suffered a cyber attack last month.", []string{"unknown"}},
		{"hypothetical theft", "Customer data could be obtained by anyone who called.", nil},
		{"identity theft protection is not theft", "The company offered identity theft protection to customers.", nil},
		{"ransomware group named as the thief", "Data was stolen in the attack, which Microsoft attributed to the Cl0p ransomware group.", []string{"data_theft"}},
		{"generic takeover advice", "For more information on SIM swapping, visit the website.", nil},
		{"account takeover incident", "The agency's account was hijacked on Tuesday.", []string{"unknown"}},
		{"staff photograph records", "A hospital porter photographed patient records on his phone and shared them online.", []string{"insider"}},
		{"staff email data to themselves", "An employee emailed a spreadsheet of customer data to her personal account.", []string{"insider"}},
		{"botnet flood is ddos", "Attackers used a botnet to flood the ministry's website with traffic.", []string{"ddos"}},
		{"combinations of stolen passwords", "Criminals tried millions of stolen username and password combinations against the login page.", []string{"credential_stuffing"}},
		{"attackers collect data", "The attackers installed a web skimmer and collected the card details of shoppers.", []string{"malware", "data_theft"}},
		{"no ransom in a generic sentence", "The chief executive said the company would never pay a ransom to criminals.", nil},
		{"shared with anyone", "The folder with pupils' reports was shared with anyone who had the link.", []string{"misconfiguration"}},
		{"thieves removed files", "Thieves broke into a storage unit and removed boxes of medical files.", []string{"data_theft"}},
		{"criminal investigation is no attacker", "The address of a witness was sent to the suspects in a criminal investigation.", nil},
		{"negation of another clause", "Investigators could not establish how the intruder got into the server.", []string{"unknown"}},
		{"the public could view", "A website flaw allowed the public to view patient appointment requests.", []string{"misconfiguration"}},
		{"capture card data", "Attackers used malware to capture the payment card data of shoppers.", []string{"malware", "data_theft"}},
		{"defaced website", "The agency's website was defaced by a hacktivist group.", []string{"unknown"}},
		{"cryptocurrency miner", "The IT team found a cryptocurrency miner running on three of its servers.", []string{"malware"}},
		{"its EHR vendor attacked", "The CE said its EHR vendor had suffered a cyberattack that exposed the data of the CE's patients.", []string{"supply_chain", "data_theft"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Extract(Input{Text: tt.text})
			got := f.AttackTypes
			w := slices.Clone(tt.want)
			if w == nil {
				w = []string{}
			}
			slices.Sort(w)
			g := slices.Clone(got)
			slices.Sort(g)
			if !slices.Equal(g, w) {
				t.Errorf("attack types = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestThreatActorsAndCVEs(t *testing.T) {
	f := Extract(Input{Text: "The Play ransomware gang and ALPHV exploited CVE-2023-4966 and cve-2021-44228; LockBit did too. " +
		"Children play outside. CVE-2023-4966 again."})
	if want := []string{"Play", "ALPHV/BlackCat", "LockBit"}; !slices.Equal(f.ThreatActors, want) {
		t.Errorf("actors = %q, want %q", f.ThreatActors, want)
	}
	if want := []string{"CVE-2023-4966", "CVE-2021-44228"}; !slices.Equal(f.CVEs, want) {
		t.Errorf("cves = %q, want %q", f.CVEs, want)
	}
}

func TestOrganisations(t *testing.T) {
	tests := []struct {
		name, title, text string
		want              []string
	}{
		{"passive fine", "", "Harwood Logistics Ltd has been fined £200,000 by the ICO.", []string{"Harwood Logistics Ltd"}},
		{"object of fined", "", "The regulator fined Pellmark Insurance €2 million.", []string{"Pellmark Insurance"}},
		{"the company alone", "", "The company was fined €4,000 for losing a file.", nil},
		{"covered entity", "", "The covered entity (CE), Lakeview Family Clinic, reported that a laptop was stolen.", []string{"Lakeview Family Clinic"}},
		{"descriptor", "", "The online grocer Freshbox said hackers stole customer data.", []string{"Freshbox"}},
		{"appositive", "", "The penalty was imposed on Carter & Rowe, a property management company, after a breach.", []string{"Carter & Rowe"}},
		{"short form joins full name", "", "Brightwater Energy plc suffered a ransomware attack. Brightwater said it had restored its systems.", []string{"Brightwater Energy plc"}},
		{"acronym joins full name", "", "Northern Rail Services (NRS) was hacked. NRS said data was taken.", []string{"Northern Rail Services"}},
		{"researchers excluded", "", "Researchers at Cyberlens found that Fennick Bank had left a database open.", []string{"Fennick Bank"}},
		{"owner excluded", "", "Hackers breached Driftly, a subsidiary of Orbis Group.", []string{"Driftly"}},
		{"regulator is not an organisation", "", "The Federal Trade Commission sued Quillpoint over its data security.", []string{"Quillpoint"}},
		{"people excluded", "", "Quillpoint CEO Maria Jensen said the company was hacked. Quillpoint apologised.", []string{"Quillpoint"}},
		{"earlier victim excluded", "", "Tollgate Hotels was hit by the same gang that breached Arcadia Resorts last year. Tollgate said guests' data was taken.", []string{"Tollgate Hotels"}},
		{"victims list", "", "Victims included the City of Springfield, Shelbyville Water Board and Ogdenville Hospital.", []string{"City of Springfield", "Shelbyville Water Board", "Ogdenville Hospital"}},
		{"platform excluded", "", "An employee posted the company's keys on GitHub, and Paxton Analytics was later breached.", []string{"Paxton Analytics"}},
		{"title lends evidence", "Marlow Foods fined over breach", "Marlow Foods must pay the penalty, the regulator said.", []string{"Marlow Foods"}},
		{"regulator as victim", "", "The SEC said its X account was taken over after a SIM swap.", []string{"SEC"}},
		{"asset belonging to", "", "A laptop belonging to Pinecrest Clinic was stolen from a car.", []string{"Pinecrest Clinic"}},
		{"covered entity first", "", "Pinecrest Clinic, the covered entity, reported that a laptop was stolen.", []string{"Pinecrest Clinic"}},
		{"hypothetical", "", "A recruitment agency in the Midlands has written to 3,200 workers after criminals hijacked their payroll accounts.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Extract(Input{Title: tt.title, Text: tt.text})
			if !sameOrgs(f.Organisations, tt.want) {
				t.Errorf("organisations = %q, want %q", f.Organisations, tt.want)
			}
		})
	}
}

func TestSectorsAndCountries(t *testing.T) {
	f := Extract(Input{Text: "The hospital trust in London said the NHS had been told. Patients were affected. " +
		"The Information Commissioner's Office is investigating; Russian hackers are suspected."})
	if len(f.Sectors) == 0 || f.Sectors[0] != "health" {
		t.Errorf("sectors = %q, want health first", f.Sectors)
	}
	if !slices.Contains(f.Countries, "GB") || !slices.Contains(f.Countries, "RU") || f.Countries[0] != "GB" {
		t.Errorf("countries = %q, want GB first and RU", f.Countries)
	}
}
