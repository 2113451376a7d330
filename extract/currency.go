package extract

import "strings"

// The currency lexicon: symbols ("$", "€", "₪"), symbol compounds ("US$",
// "C$", "Mex$", "R$"), ISO 4217 codes ("GBP", "HUF"), prefixes ("Rs.",
// "RM"), names with and without a country ("euros", "Swiss francs",
// "malaysian ringgits"), minor units ("cents", "pence") and slang
// ("bucks", "grand"). Each entry is a sequence of tokens, matched by a trie
// built once; a match costs one map lookup per token.

// Kinds of currency words.
const (
	ckSymbol uint8 = iota + 1 // "$", "€", "US$", "Rs."
	ckCode                    // "GBP", "usd"
	ckName                    // "euros", "swiss francs"
	ckMinor                   // "cents", "pence", "dimes": after a number only
	ckSlang                   // "grand": after a number or "a" only
)

// curEntry is what a currency expression means: the ISO code (empty when
// the text does not say which currency, as for "francs" or "dinars"), the
// multiplier to major units (0.01 for cents, 1000 for "grand") and kind.
type curEntry struct {
	code  string
	mult  float64
	kind  uint8
	exact string // when set, the matched text must be exactly this (case)
	glue  bool   // its tokens must touch: "A$5"
	tight bool   // it must touch the number: "50p", "43c"
	big   bool   // only after a large figure: "3.2 billion won", not "2019 won"
}

type curNode struct {
	next  map[string]*curNode
	entry *curEntry
}

// isoCodes are ISO 4217 codes recognised in capitals next to a number.
// Codes that are common English words or acronyms in capitals ("ALL",
// "TOP", "CUP", "CVE", "AMD") are left out.
var isoCodes = strings.Fields(`
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES
KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB
RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY
TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL BTC RMB
`)

// isoBlocked are codes that read as words or acronyms in capitals.
var isoBlocked = map[string]bool{
	"ALL": true, "TOP": true, "CUP": true, "MOP": true, "SOS": true, "BOB": true, "PEN": true,
	"TRY": true, "MAD": true, "RUB": true, "BAM": true, "GEL": true, "AMD": true, "CVE": true,
	"NPR": true, "STN": true, "SHP": true, "SVC": true, "LSL": true, "KYD": true, "TMT": true,
	"ANG": true, "CDF": true, "PAB": true, "MDL": true, "HTG": true, "SSP": true,
}

// isoLower are codes also recognised in lower case ("40 rmb", "usd$ 15").
var isoLower = strings.Fields(`usd eur gbp jpy cny rmb inr aud cad nzd chf sek nok dkk pln huf czk
sgd hkd mxn brl zar krw myr idr thb vnd aed sar qar kwd bhd omr egp lbp ils ngn kes ron bgn hrk isk twd btc
mkd rsd uah kzt pkr lkr bdt php`)

// curSymbols are single characters and short prefixes.
var curSymbols = []struct{ text, code string }{
	{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}, {"₹", "INR"}, {"₩", "KRW"},
	{"₪", "ILS"}, {"₫", "VND"}, {"฿", "THB"}, {"₡", "CRC"}, {"₭", "LAK"}, {"₾", "GEL"},
	{"₿", "BTC"}, {"֏", "AMD"}, {"৳", "BDT"}, {"₱", "PHP"}, {"₦", "NGN"}, {"₴", "UAH"},
	{"₸", "KZT"}, {"₺", "TRY"}, {"₼", "AZN"}, {"₽", "RUB"}, {"₮", "MNT"}, {"₲", "PYG"},
	{"₵", "GHS"}, {"₨", "INR"}, {"ரூ", "LKR"}, {"रु", "NPR"}, {"﷼", "IRR"}, {"元", "CNY"}, {"円", "JPY"}, {"원", "KRW"},
	{"៛", "KHR"}, {"ƒ", "ANG"},
	{"us $", "USD"}, {"u . s . $", "USD"}, {"u . s $", "USD"}, {"usd $", "USD"},
	{"c $", "CAD"}, {"ca $", "CAD"}, {"can $", "CAD"}, {"cdn $", "CAD"}, {"cad $", "CAD"},
	{"au $", "AUD"}, {"aus $", "AUD"}, {"aud $", "AUD"},
	{"nz $", "NZD"}, {"nzd $", "NZD"}, {"hk $", "HKD"}, {"hkd $", "HKD"}, {"sg $", "SGD"}, {"sgd $", "SGD"}, {"mx $", "MXN"}, {"mex $", "MXN"},
	{"mxn $", "MXN"}, {"nt $", "TWD"}, {"bz $", "BZD"}, {"rd $", "DOP"}, {"cuc $", "CUC"},
	{"tt $", "TTD"}, {"ec $", "XCD"}, {"ws $", "WST"}, {"si $", "SBD"}, {"fj $", "FJD"}, {"gh ₵", "GHS"}, {"gh ¢", "GHS"}, {"s / .", "PEN"}, {"s /", "PEN"},
	{"b / .", "PAB"}, {"rs", "INR"}, {"rs .", "INR"}, {"kč", "CZK"}, {"zł", "PLN"},
	{"lei", "RON"}, {"leu", "RON"}, {"лв", "BGN"}, {"лв .", "BGN"}, {"руб", "RUB"}, {"руб .", "RUB"},
	{"р .", "RUB"}, {"грн", "UAH"}, {"грн .", "UAH"}, {"kn", "HRK"}, {"ден", "MKD"},
	{"дин", "RSD"}, {"din", "RSD"}, {"ksh", "KES"}, {"ush", "UGX"}, {"tsh", "TZS"},
	{"nfk", "ERN"}, {"lek", "ALL"}, {"fbu", "BIF"}, {"frw", "RWF"}, {"tl", "TRY"}, {"nis", "ILS"},
	{"км", "BAM"}, {"ლარი", "GEL"}, {"Ƀ", "BTC"}, {"ብር", "ETB"}, {"so'm", "UZS"}, {"ש ״ ח", "ILS"},
	{"دج", "DZD"}, {"د . أ", "JOD"}, {"د . ا", "JOD"}, {"ر . ع", "OMR"}, {"ر . ق", "QAR"},
	{"ل . ل", "LBP"}, {"ل . د", "LYD"}, {"ج . س .", "SDG"}, {"د . إ", "AED"}, {"ر . س", "SAR"},
	{"د . ك", "KWD"}, {"د . ب", "BHD"}, {"دينار أردني", "JOD"}, {"جنيه", "EGP"}, {"ريال", "SAR"},
	{"درهم", "AED"}, {"تومان", "IRR"}, {"₾", "GEL"}, {"сом", "KGS"}, {"ман", "AZN"},
	{"le", "EGP"}, {"l . e", "EGP"}, {"l . e .", "EGP"}, {"tk", "BDT"},
}

// curExact are prefixes and suffixes recognised only as written.
var curExact = []struct{ text, code string }{
	{"RM", "MYR"}, {"Rp", "IDR"}, {"KD", "KWD"}, {"BD", "BHD"}, {"QR", "QAR"}, {"DT", "TND"},
	{"ZK", "ZMW"}, {"FG", "GNF"}, {"UM", "MRU"}, {"RF", "RWF"}, {"Nu", "BTN"}, {"Ft", "HUF"},
	{"Kz", "AOA"}, {"Р", "RUB"}, {"р", "RUB"}, {"Dhs", "AED"}, {"Dh", "AED"}, {"Kr", "SEK"},
	{"kr", "SEK"}, {"kr .", "SEK"}, {"LE", "EGP"}, {"Lek", "ALL"}, {"L.E", "EGP"},
	{"A$", "AUD"}, {"S$", "SGD"}, {"R$", "BRL"}, {"T$", "TOP"}, {"J$", "JMD"}, {"Z$", "ZWL"},
	{"N$", "NAD"}, {"G$", "GYD"}, {"E£", "EGP"}, {"C$", "CAD"},
}

// curNames are currency names: the nouns, singular and plural, and the
// country words that may come before them. An empty code means the name
// alone does not tell which currency ("francs").
var curNames = []struct {
	nouns string // space separated
	code  string
	adj   string // comma separated country words that select code; "" none
}{
	{"dollar dollars", "USD", ""},
	{"dollar dollars", "USD", "us,u.s.,u . s .,american,united states"},
	{"dollar dollars", "CAD", "canadian,canada"},
	{"dollar dollars", "AUD", "australian,australia"},
	{"dollar dollars", "NZD", "new zealand"},
	{"dollar dollars", "HKD", "hong kong,hk"},
	{"dollar dollars", "SGD", "singapore,singaporean"},
	{"dollar dollars", "TWD", "taiwan,taiwanese,new taiwan"},
	{"dollar dollars", "JMD", "jamaican"},
	{"dollar dollars", "ZWL", "zimbabwean,zimbabwe"},
	{"dollar dollars", "BZD", "belize"},
	{"dollar dollars", "TTD", "trinidad and tobago"},
	{"buck bucks greenback greenbacks", "USD", ""},
	{"euro euros eur eurs €ur €uro €uros", "EUR", ""},
	{"pound pounds", "GBP", ""},
	{"pound pounds", "GBP", "british,uk,u.k.,sterling"},
	{"pound pounds", "EGP", "egyptian"},
	{"pound pounds", "LBP", "lebanese"},
	{"pound pounds", "SYP", "syrian"},
	{"pound pounds", "SDG", "sudanese"},
	{"sterling quid", "GBP", ""},
	{"egyptianpound egyptianpounds geneh", "EGP", ""},
	{"yen", "JPY", ""},
	{"yen", "JPY", "japanese"},
	{"yuan renminbi", "CNY", ""},
	{"yuan renminbi", "CNY", "chinese"},
	{"rupee rupees", "INR", ""},
	{"rupee rupees", "INR", "indian"},
	{"rupee rupees", "PKR", "pakistani,pakistan"},
	{"rupee rupees", "LKR", "sri lankan,sri lanka"},
	{"rupee rupees", "NPR", "nepalese,nepali"},
	{"rupiah", "IDR", ""},
	{"ringgit ringgits", "MYR", ""},
	{"ringgit ringgits", "MYR", "malaysia,malaysian"},
	{"shekel shekels sheqel sheqels", "ILS", ""},
	{"shekel shekels", "ILS", "new israeli,israeli"},
	{"rial rials", "IRR", ""},
	{"rial rials", "OMR", "omani"},
	{"rial rials", "IRR", "iranian"},
	{"rial rials", "YER", "yemeni"},
	{"riyal riyals", "SAR", ""},
	{"riyal riyals", "SAR", "saudi"},
	{"riyal riyals", "QAR", "qatari,qatar"},
	{"saudiriyal saudiriyals", "SAR", ""},
	{"dinar dinars", "", ""},
	{"dinar dinars", "KWD", "kuwaiti"},
	{"dinar dinars", "BHD", "bahraini"},
	{"dinar dinars", "JOD", "jordanian"},
	{"dinar dinars", "IQD", "iraqi"},
	{"dinar dinars", "LYD", "libyan"},
	{"dinar dinars", "TND", "tunisian"},
	{"dinar dinars", "DZD", "algerian"},
	{"dinar dinars", "RSD", "serbian"},
	{"dirham dirhams", "AED", ""},
	{"dirham dirhams", "AED", "uae,emirati"},
	{"dirham dirhams", "MAD", "moroccan"},
	{"lira liras", "TRY", ""},
	{"lira liras", "TRY", "turkish"},
	{"lira lire", "ITL", "italian"},
	{"peso pesos", "", ""},
	{"peso pesos", "MXN", "mexican"},
	{"peso pesos", "ARS", "argentine,argentinian"},
	{"peso pesos", "CLP", "chilean"},
	{"peso pesos", "COP", "colombian"},
	{"peso pesos", "PHP", "philippine"},
	{"reais", "BRL", ""},
	{"real reais", "BRL", "brazilian"},
	{"rouble roubles ruble rubles", "RUB", ""},
	{"rouble roubles ruble rubles", "RUB", "russian"},
	{"won", "KRW", "korean,south korean"},
	{"baht", "THB", ""},
	{"baht", "THB", "thai"},
	{"dong", "VND", "vietnamese"},
	{"franc francs", "", ""},
	{"franc francs", "CHF", "swiss"},
	{"franc francs", "FRF", "french"},
	{"franc francs", "BEF", "belgian"},
	{"franc francs", "XOF", "cfa"},
	{"krona kronor", "SEK", ""},
	{"krona kronor", "SEK", "swedish"},
	{"króna krónur", "ISK", ""},
	{"krona kronur", "ISK", "icelandic"},
	{"krone kroner", "", ""},
	{"krone kroner", "NOK", "norwegian"},
	{"krone kroner", "DKK", "danish"},
	{"koruna korun korunas", "CZK", ""},
	{"koruna korun korunas", "CZK", "czech"},
	{"zloty zlotys zlotych złoty złotych", "PLN", ""},
	{"zloty zlotys zlotych złoty złotych", "PLN", "polish"},
	{"forint forints", "HUF", ""},
	{"forint forints", "HUF", "hungarian"},
	{"lev leva", "BGN", "bulgarian"},
	{"leu lei", "RON", "romanian"},
	{"hryvnia hryvnias hryvnya", "UAH", ""},
	{"hryvnia hryvnias", "UAH", "ukrainian"},
	{"kuna kune", "HRK", "croatian"},
	{"rand", "ZAR", ""},
	{"rand", "ZAR", "south african"},
	{"naira", "NGN", ""},
	{"cedi cedis", "GHS", ""},
	{"shilling shillings", "", ""},
	{"shilling shillings", "KES", "kenyan"},
	{"shilling shillings", "UGX", "ugandan"},
	{"shilling shillings", "TZS", "tanzanian"},
	{"kwacha", "ZMW", ""},
	{"lari", "GEL", ""},
	{"taka", "BDT", ""},
	{"tenge", "KZT", ""},
	{"manat", "AZN", ""},
	{"kyat kyats", "MMK", ""},
	{"quetzal quetzales quetzals", "GTQ", ""},
	{"colón colon colones", "CRC", "costa rican"},
	{"bolivar bolivares bolívar", "VES", ""},
	{"birr", "ETB", ""},
	{"nakfa", "ERN", ""},
	{"markka markkaa", "FIM", ""},
	{"markka markkaa", "FIM", "finnish"},
	{"guilder guilders", "NLG", ""},
	{"guilder guilders", "NLG", "dutch"},
	{"deutschmark deutschmarks", "DEM", ""},
	{"mark marks", "DEM", "deutsche,german"},
	{"peseta pesetas", "ESP", ""},
	{"escudo escudos", "PTE", ""},
	{"drachma drachmas drachmae", "GRD", ""},
	{"schilling schillings", "ATS", ""},
	{"bitcoin bitcoins", "BTC", ""},
}

// curMinor are minor units and coins: "cents", "pence", "dimes".
var curMinor = []struct {
	nouns string
	code  string
	mult  float64
}{
	{"cent cents ¢", "USD", 0.01},
	{"penny pennies pence", "GBP", 0.01},
	{"dime dimes", "USD", 0.1},
	{"nickel nickels", "USD", 0.05},
	{"sen sens", "MYR", 0.01},
	{"paise", "INR", 0.01},
	{"kopeks kopecks", "RUB", 0.01},
}

// qCurrencies is the trie of every entry, built once at start-up and
// read-only afterwards.
var qCurrencies = buildCurrencies()

func buildCurrencies() *curNode {
	root := &curNode{}
	add := func(toks []string, e curEntry) {
		n := root
		for _, t := range toks {
			if n.next == nil {
				n.next = map[string]*curNode{}
			}
			c := n.next[t]
			if c == nil {
				c = &curNode{}
				n.next[t] = c
			}
			n = c
		}
		if n.entry == nil || n.entry.exact != "" && e.exact == "" {
			ec := e
			n.entry = &ec
		}
	}
	split := func(s string) []string { return qSplitTokens(qLower(s)) }
	for _, c := range isoCodes {
		if isoBlocked[c] {
			continue
		}
		code := c
		if c == "RMB" {
			code = "CNY"
		}
		add([]string{strings.ToLower(c)}, curEntry{code: code, mult: 1, kind: ckCode, exact: c})
		// "MSEK 60", "MEUR 5": millions of the currency, as Nordic and
		// financial texts write them
		add([]string{"m" + strings.ToLower(c)}, curEntry{code: code, mult: 1e6, kind: ckCode, exact: "M" + c})
	}
	for _, c := range isoLower {
		code := strings.ToUpper(c)
		if c == "rmb" {
			code = "CNY"
		}
		add([]string{c}, curEntry{code: code, mult: 1, kind: ckCode})
	}
	for _, s := range curSymbols {
		add(split(s.text), curEntry{code: s.code, mult: 1, kind: ckSymbol})
	}
	for _, s := range curExact {
		add(split(s.text), curEntry{code: s.code, mult: 1, kind: ckSymbol, exact: strings.ReplaceAll(s.text, " ", ""),
			glue: !strings.Contains(s.text, " ") && strings.ContainsAny(s.text, "$£")})
	}
	for _, nm := range curNames {
		for _, noun := range strings.Fields(nm.nouns) {
			if nm.adj == "" {
				add(split(noun), curEntry{code: nm.code, mult: 1, kind: ckName})
				continue
			}
			for _, adj := range strings.Split(nm.adj, ",") {
				toks := append(split(adj), split(noun)...)
				add(toks, curEntry{code: nm.code, mult: 1, kind: ckName})
			}
		}
	}
	// two-word names
	add(split("pounds sterling"), curEntry{code: "GBP", mult: 1, kind: ckName})
	add(split("pound sterling"), curEntry{code: "GBP", mult: 1, kind: ckName})
	add(split("genihat masriya"), curEntry{code: "EGP", mult: 1, kind: ckName})
	for _, m := range curMinor {
		for _, noun := range strings.Fields(m.nouns) {
			add(split(noun), curEntry{code: m.code, mult: m.mult, kind: ckMinor})
		}
	}
	add([]string{"grand"}, curEntry{code: "USD", mult: 1000, kind: ckSlang})
	// "won" is a verb after most numbers
	add([]string{"won"}, curEntry{code: "KRW", mult: 1, kind: ckName, big: true})
	// "50p", "43c": glued to the number only
	add([]string{"p"}, curEntry{code: "GBP", mult: 0.01, kind: ckMinor, tight: true})
	add([]string{"c"}, curEntry{code: "USD", mult: 0.01, kind: ckMinor, tight: true})
	return root
}

// qSplitTokens splits a lexicon entry into the tokens the scanner makes of
// it: entries are written with spaces between tokens ("u . s . $"); a
// word with inner dots ("u.s.") is split too.
func qSplitTokens(s string) []string {
	toks := qTokenize(s, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, s[t.start:t.end])
	}
	return out
}

// qcur is a currency expression found at tokens [i, j).
type qcur struct {
	e    *curEntry
	i, j int
}

// currencyAt returns the longest currency expression starting at token i.
// The tokens of a multi-token expression are glued or one space apart on
// one line.
func (q *qdoc) currencyAt(i int) (qcur, bool) {
	n := qCurrencies
	var best qcur
	found := false
	allGlued := true
	for k := i; k < len(q.toks); k++ {
		if k > i && !q.near(k) {
			break
		}
		if k > i && !q.glued(k) {
			allGlued = false
		}
		c := n.next[q.w(k)]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil {
			e := n.entry
			if e.exact != "" && !q.exactMatch(i, k+1, e.exact) || e.glue && !allGlued {
				if n.next == nil {
					break
				}
				continue
			}
			// a word must end here: "RMB" is not "RM"
			best = qcur{e: e, i: i, j: k + 1}
			found = true
		}
		if n.next == nil {
			break
		}
	}
	return best, found
}

// exactMatch reports whether tokens [i, j) spell want, ignoring the space
// between tokens.
func (q *qdoc) exactMatch(i, j int, want string) bool {
	p := 0
	for k := i; k < j; k++ {
		r := q.raw(k)
		if !strings.HasPrefix(want[p:], r) {
			return false
		}
		p += len(r)
	}
	return p == len(want)
}
