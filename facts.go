package breachwire

// Facts are the structured facts extracted from one article. The JSON form is
// the extraction contract of DESIGN.md: field names and vocabularies are
// fixed; empty lists are written as [] and an absent MFA finding as null.
type Facts struct {
	Fines         []Fine     `json:"fines"`
	Affected      []Affected `json:"affected"`
	MFA           *Control   `json:"mfa"`
	Controls      []Control  `json:"controls"`
	AttackTypes   []string   `json:"attack_types"`
	Organisations []string   `json:"organisations"`
	Regulators    []string   `json:"regulators"`
	ThreatActors  []string   `json:"threat_actors"`
	CVEs          []string   `json:"cves"`
	Sectors       []string   `json:"sectors"`
	Countries     []string   `json:"countries"`
	Money         []Money    `json:"money"`
}

// Span ties a value to the words it came from: Text is the matched text,
// Start and End its byte offsets in the extractor's input, and Evidence the
// sentence that holds it.
type Span struct {
	Text     string `json:"text"`
	Evidence string `json:"evidence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Fine statuses.
const (
	FineFinal       = "final"       // imposed, paid or settled
	FineProvisional = "provisional" // intended, proposed, notice of intent
	FineOther       = "other"       // reduced original, conversion, total, range end
)

// Fine is money an authority imposed or proposed, or a settlement paid to
// one. Amount is in major units of Currency (an ISO 4217 code). Regulator is
// the short form of the authority when the text names it, else empty.
type Fine struct {
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Status    string  `json:"status"`
	Regulator string  `json:"regulator"`
	Span
}

// Qualifiers of a count or amount.
const (
	QualExact   = "exact"
	QualApprox  = "approx"
	QualAtLeast = "at_least"
	QualAtMost  = "at_most"
)

// Affected is a count of people or records affected, exposed, stolen or put
// at risk. What is "people" for people, individuals and persons, else the
// counted noun (patients, customers, records...).
type Affected struct {
	Count     int64  `json:"count"`
	What      string `json:"what"`
	Qualifier string `json:"qualifier"`
	Span
}

// Control statuses.
const (
	StatusAbsent    = "absent"    // missing or not enforced
	StatusPresent   = "present"   // in place (even if bypassed)
	StatusMentioned = "mentioned" // advice only
)

// Control names.
const (
	ControlMFA                   = "mfa"
	ControlPatching              = "patching"
	ControlVulnerabilityScanning = "vulnerability_scanning"
	ControlEncryption            = "encryption"
	ControlBackups               = "backups"
	ControlLogging               = "logging"
	ControlAccessControl         = "access_control"
	ControlTraining              = "training"
	ControlSegmentation          = "segmentation"
	ControlOther                 = "other"
)

// Control is a security control the text says was missing, in place or
// advised. In Facts.MFA the Control field is "mfa" as well.
type Control struct {
	Control  string `json:"control"`
	Status   string `json:"status"`
	Evidence string `json:"evidence"`
	// Text, Start and End locate the words naming the control.
	Text  string `json:"text,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Money roles.
const (
	RoleFine   = "fine"
	RoleRansom = "ransom"
	RoleLoss   = "loss"
	RoleOther  = "other"
)

// Money is an amount of money found in the text, with what it is.
type Money struct {
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Role      string  `json:"role"`
	Qualifier string  `json:"qualifier,omitempty"`
	// RangeMin and RangeMax are set when the amount is one end of a range:
	// "£1m-£2m" gives two amounts, £1m and £2m, each with RangeMin 1e6 and
	// RangeMax 2e6, as the two ends of a range of fines are two fines.
	RangeMin float64 `json:"range_min,omitempty"`
	RangeMax float64 `json:"range_max,omitempty"`
	Span
}

// Attack types, the fixed vocabulary of DESIGN.md.
var AttackTypes = []string{
	"ransomware", "phishing", "credential_stuffing", "ddos", "malware",
	"misconfiguration", "insider", "supply_chain", "data_theft", "unknown",
}

// Controls lists the control names in display order.
var Controls = []string{
	ControlMFA, ControlPatching, ControlVulnerabilityScanning, ControlEncryption,
	ControlBackups, ControlLogging, ControlAccessControl, ControlTraining,
	ControlSegmentation, ControlOther,
}

// Normalize replaces nil slices with empty ones so that the JSON form writes
// [] rather than null, as the contract requires.
func (f *Facts) Normalize() {
	if f.Fines == nil {
		f.Fines = []Fine{}
	}
	if f.Affected == nil {
		f.Affected = []Affected{}
	}
	if f.Controls == nil {
		f.Controls = []Control{}
	}
	for _, p := range []*[]string{&f.AttackTypes, &f.Organisations, &f.Regulators,
		&f.ThreatActors, &f.CVEs, &f.Sectors, &f.Countries} {
		if *p == nil {
			*p = []string{}
		}
	}
	if f.Money == nil {
		f.Money = []Money{}
	}
}

// LargestFine returns the largest fine that is not of status "other"
// (preferring final over provisional at equal size), or nil.
func (f *Facts) LargestFine() *Fine {
	var best *Fine
	for i := range f.Fines {
		x := &f.Fines[i]
		if x.Status == FineOther {
			continue
		}
		if best == nil || x.Amount > best.Amount {
			best = x
		}
	}
	return best
}

// LargestAffected returns the largest affected count, or nil.
func (f *Facts) LargestAffected() *Affected {
	var best *Affected
	for i := range f.Affected {
		if best == nil || f.Affected[i].Count > best.Count {
			best = &f.Affected[i]
		}
	}
	return best
}
