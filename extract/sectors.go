package extract

import "breachwire"

// Sectors is the sector vocabulary, in display order.
var Sectors = []string{
	"health", "finance", "insurance", "government", "education", "retail", "telecom", "technology",
	"energy", "transport", "hospitality", "legal", "media", "manufacturing", "defence",
}

// sectorCues are words that place an organisation in a sector. Strong cues
// name the kind of organisation ("hospital", "bank"); one is enough. Weak
// cues ("patients", "customers' cards") need a second.
var sectorCues = []struct {
	sector string
	strong []string
	weak   []string
}{
	{"health", []string{"hospital", "hospitals", "health system", "healthcare", "health care", "clinic", "clinics",
		"medical center", "medical centre", "medical practice", "health plan", "pharmacy", "pharmacies",
		"dental", "nhs", "covered entity", "hipaa", "orthopaedic", "orthopedic", "physician", "physicians",
		"health trust", "care home", "home care", "hospice", "laboratory", "labcorp", "health services",
		"medical group", "health insurer", "ephi", "phi"},
		[]string{"patients", "patient", "medical", "health", "doctors", "nurses", "diagnosis", "treatment"}},
	{"finance", []string{"bank", "banks", "banking", "credit union", "financial services", "lender", "fintech",
		"payment processor", "brokerage", "investment firm", "credit reporting", "credit bureau", "stock exchange",
		"exchanges", "cryptocurrency exchange", "crypto exchange", "asset manager", "wealth management",
		"payments company", "paypal", "mortgage"},
		[]string{"financial", "card", "cards", "loan", "loans", "accounts", "investors", "credit"}},
	{"insurance", []string{"insurer", "insurers", "insurance company", "insurance provider", "insurance licences",
		"insurance licenses"}, []string{"insurance", "policyholders"}},
	{"government", []string{"council", "municipality", "city of", "department of", "ministry", "government agency",
		"federal agency", "state agency", "county", "police", "local authority", "public body", "town of",
		"port of", "library", "parliament"},
		[]string{"government", "public sector", "agency", "agencies", "citizens"}},
	{"education", []string{"university", "universities", "school", "schools", "college", "colleges",
		"school district", "academy", "k-12"}, []string{"students", "student", "pupils", "education"}},
	{"retail", []string{"retailer", "retailers", "store", "stores", "supermarket", "e-commerce", "ecommerce",
		"online marketplace", "marketplace", "shop", "shops", "pharmacy chain", "department store", "chain"},
		[]string{"shoppers", "retail", "checkout", "orders"}},
	{"telecom", []string{"telecom", "telecoms", "telecommunications", "mobile operator", "mobile carrier",
		"carrier", "broadband", "internet service provider", "isp", "telco"},
		[]string{"subscribers", "phone numbers", "sim"}},
	{"technology", []string{"technology company", "tech company", "tech giant", "software company",
		"software maker", "software provider", "saas", "it services", "it provider", "data-warehouse",
		"password manager", "social media", "social network", "chatbot", "cloud provider", "developer platform"},
		[]string{"users", "online", "technology", "code", "software", "cloud", "platform", "app", "developer"}},
	{"energy", []string{"energy", "utility", "utilities", "pipeline", "oil", "gas", "power grid", "electricity",
		"nuclear", "power plant", "water utility"}, []string{"power", "fuel"}},
	{"transport", []string{"airline", "airlines", "airport", "airports", "railway", "rail", "shipping", "cruise",
		"logistics", "transportation", "transport", "port", "freight", "trucking", "aviation"},
		[]string{"passengers", "flights", "travel"}},
	{"hospitality", []string{"hotel", "hotels", "casino", "casinos", "resort", "resorts", "restaurant",
		"restaurants"}, []string{"guests"}},
	{"legal", []string{"law firm", "solicitors", "solicitor", "attorneys at law", "legal services", "barristers"},
		[]string{"court", "clients"}},
	{"media", []string{"broadcaster", "newspaper", "publisher", "news organisation", "news organization"},
		[]string{"readers", "viewers"}},
	{"manufacturing", []string{"manufacturer", "manufacturing", "factory", "factories", "carmaker", "automaker"},
		[]string{"production"}},
	{"defence", []string{"defense contractor", "defence contractor", "military", "armed forces"}, nil},
}

// Sector phrase vals: index into sectorCues, plus sectorWeak for weak cues.
const sectorWeak = 1 << 16

func addSectors(m *matcher) {
	for i, s := range sectorCues {
		for _, w := range s.strong {
			m.add(w, catSector, i, 0)
		}
		for _, w := range s.weak {
			m.add(w, catSector, i|sectorWeak, 0)
		}
	}
}

// extractSectors fills f.Sectors: every sector with a strong cue in the
// text, or two weak ones, most evidence first.
func extractSectors(a *analysis, f *breachwire.Facts) {
	var score [32]int
	order := make([]int, 0, 4)
	// words inside an authority's name ("Department of Health") say
	// nothing of the victim's sector
	regUntil := 0
	for _, h := range a.hits {
		if h.cat == catRegulator && h.j > regUntil {
			regUntil = h.j
		}
		if h.cat != catSector || h.i < regUntil {
			continue
		}
		i := h.val &^ sectorWeak
		if score[i] == 0 {
			order = append(order, i)
		}
		if h.val&sectorWeak != 0 {
			score[i]++
		} else {
			score[i] += 2
		}
	}
	// most evidence first, first seen first among equals
	for x := 1; x < len(order); x++ {
		for y := x; y > 0 && score[order[y]] > score[order[y-1]]; y-- {
			order[y], order[y-1] = order[y-1], order[y]
		}
	}
	// a sector needs a strong cue or two weak ones, and half the evidence
	// of the first
	for _, i := range order {
		if score[i] >= 2 && 2*score[i] >= score[order[0]] && len(f.Sectors) < 2 {
			f.Sectors = append(f.Sectors, sectorCues[i].sector)
		}
	}
}
