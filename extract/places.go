package extract

// countries maps ISO 3166-1 alpha-2 codes to the names and demonyms texts
// use for them. Short forms that are also ordinary words ("US" is, in upper
// case only) are listed in countryAcronyms.
var countries = []struct {
	code  string
	names []string
}{
	{"US", []string{"United States", "United States of America", "U.S.", "U.S.A.", "USA", "America", "American", "Americans"}},
	{"GB", []string{"United Kingdom", "U.K.", "Britain", "Great Britain", "British", "England", "English", "Scotland",
		"Scottish", "Wales", "Welsh", "Northern Ireland"}},
	{"IE", []string{"Ireland", "Irish", "Republic of Ireland"}},
	{"FR", []string{"France", "French"}},
	{"DE", []string{"Germany", "German"}},
	{"ES", []string{"Spain", "Spanish"}},
	{"IT", []string{"Italy", "Italian"}},
	{"NL", []string{"Netherlands", "the Netherlands", "Dutch", "Holland"}},
	{"BE", []string{"Belgium", "Belgian"}},
	{"LU", []string{"Luxembourg"}},
	{"PT", []string{"Portugal", "Portuguese"}},
	{"AT", []string{"Austria", "Austrian"}},
	{"CH", []string{"Switzerland", "Swiss"}},
	{"PL", []string{"Poland", "Polish"}},
	{"HU", []string{"Hungary", "Hungarian"}},
	{"CZ", []string{"Czech Republic", "Czechia", "Czech"}},
	{"SK", []string{"Slovakia", "Slovak"}},
	{"RO", []string{"Romania", "Romanian"}},
	{"BG", []string{"Bulgaria", "Bulgarian"}},
	{"GR", []string{"Greece", "Greek", "Hellenic"}},
	{"CY", []string{"Cyprus", "Cypriot"}},
	{"MT", []string{"Malta", "Maltese"}},
	{"HR", []string{"Croatia", "Croatian"}},
	{"SI", []string{"Slovenia", "Slovenian"}},
	{"DK", []string{"Denmark", "Danish"}},
	{"SE", []string{"Sweden", "Swedish"}},
	{"NO", []string{"Norway", "Norwegian"}},
	{"FI", []string{"Finland", "Finnish"}},
	{"IS", []string{"Iceland", "Icelandic"}},
	{"EE", []string{"Estonia", "Estonian"}},
	{"LV", []string{"Latvia", "Latvian"}},
	{"LT", []string{"Lithuania", "Lithuanian"}},
	{"UA", []string{"Ukraine", "Ukrainian"}},
	{"RU", []string{"Russia", "Russian", "Russian Federation"}},
	{"BY", []string{"Belarus", "Belarusian"}},
	{"CN", []string{"China", "Chinese", "People's Republic of China"}},
	{"HK", []string{"Hong Kong"}},
	{"TW", []string{"Taiwan", "Taiwanese"}},
	{"KP", []string{"North Korea", "North Korean", "DPRK"}},
	{"KR", []string{"South Korea", "South Korean", "Korea"}},
	{"JP", []string{"Japan", "Japanese"}},
	{"IN", []string{"India", "Indian"}},
	{"PK", []string{"Pakistan", "Pakistani"}},
	{"IR", []string{"Iran", "Iranian"}},
	{"IL", []string{"Israel", "Israeli"}},
	{"TR", []string{"Turkey", "Turkish", "Türkiye"}},
	{"AE", []string{"United Arab Emirates", "UAE", "Emirati"}},
	{"SA", []string{"Saudi Arabia", "Saudi"}},
	{"SG", []string{"Singapore", "Singaporean"}},
	{"MY", []string{"Malaysia", "Malaysian"}},
	{"ID", []string{"Indonesia", "Indonesian"}},
	{"PH", []string{"Philippines", "Filipino"}},
	{"TH", []string{"Thailand", "Thai"}},
	{"VN", []string{"Vietnam", "Vietnamese"}},
	{"AU", []string{"Australia", "Australian", "Australians"}},
	{"NZ", []string{"New Zealand"}},
	{"CA", []string{"Canada", "Canadian", "Canadians"}},
	{"MX", []string{"Mexico", "Mexican"}},
	{"BR", []string{"Brazil", "Brazilian"}},
	{"AR", []string{"Argentina", "Argentine", "Argentinian"}},
	{"CL", []string{"Chile", "Chilean"}},
	{"CO", []string{"Colombia", "Colombian"}},
	{"ZA", []string{"South Africa", "South African"}},
	{"NG", []string{"Nigeria", "Nigerian"}},
	{"KE", []string{"Kenya", "Kenyan"}},
	{"EG", []string{"Egypt", "Egyptian"}},
}

// countryAcronyms are country short forms matched in upper case only.
var countryAcronyms = map[string]string{"US": "US", "UK": "GB", "EU": "EU", "USA": "US", "PRC": "CN"}

// places are regions and cities, mapped to their country. They matter for
// the country list and keep place names out of the organisations.
var places = []struct {
	code  string
	names []string
}{
	{"US", []string{"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
		"Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana",
		"Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
		"Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
		"North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
		"South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
		"Wisconsin", "Wyoming", "District of Columbia", "Washington, D.C.", "Puerto Rico", "Los Angeles",
		"San Francisco", "San Diego", "Las Vegas", "Chicago", "Boston", "Atlanta", "Seattle", "Houston", "Dallas",
		"Miami", "Denver", "Phoenix", "Detroit", "Newark", "Baltimore", "Philadelphia", "Silicon Valley", "Aurora",
		"Manhattan", "Brooklyn", "Pittsburgh", "Austin", "Nashville", "Minneapolis", "Sacramento", "Portland"}},
	{"GB", []string{"London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Cardiff", "Belfast",
		"Bristol", "Liverpool", "Midlands", "West Midlands", "East Midlands", "Yorkshire", "Kent", "Surrey",
		"Cornwall", "Devon", "Essex", "Plymouth", "Exeter", "Oxford", "Cambridge"}},
	{"DE", []string{"Berlin", "Hamburg", "Munich", "Bavaria", "Baden-Württemberg", "Baden-Wuerttemberg", "Hesse",
		"Lower Saxony", "Saxony", "North Rhine-Westphalia", "Rhineland-Palatinate", "Brandenburg", "Bremen",
		"Thuringia", "Saarland", "Schleswig-Holstein", "Frankfurt", "Cologne", "Stuttgart", "Düsseldorf"}},
	{"FR", []string{"Paris", "Lyon", "Marseille"}},
	{"IE", []string{"Dublin", "Cork"}},
	{"NL", []string{"Amsterdam", "Rotterdam", "The Hague"}},
	{"ES", []string{"Madrid", "Barcelona", "Catalonia", "Catalan"}},
	{"IT", []string{"Rome", "Milan", "Turin", "Naples"}},
	{"BE", []string{"Brussels"}},
	{"AU", []string{"Sydney", "Melbourne", "Brisbane", "Perth", "Canberra", "New South Wales", "Victoria", "Queensland"}},
	{"CA", []string{"Toronto", "Montreal", "Vancouver", "Ottawa", "Ontario", "Quebec", "British Columbia", "Alberta"}},
	{"CN", []string{"Beijing", "Shanghai", "Shenzhen"}},
	{"RU", []string{"Moscow", "St Petersburg", "St. Petersburg"}},
	{"IN", []string{"Mumbai", "Delhi", "New Delhi", "Bangalore", "Bengaluru"}},
	{"JP", []string{"Tokyo"}},
	{"", []string{"Europe", "European Union", "Asia", "Africa", "Middle East", "Latin America", "Scandinavia",
		"North America", "South America", "Eastern Europe", "Western Europe", "Pacific", "Nordic"}},
}

func addCountries(m *matcher) {
	for _, c := range countries {
		for _, n := range c.names {
			flags := pCap
			if n == "U.S." || n == "U.K." || n == "U.S.A." {
				flags = pCase
			}
			m.addCode(n, catCountry, 0, c.code, flags)
		}
	}
	for acr, code := range countryAcronyms {
		m.addCode(acr, catCountry, 0, code, pCase)
	}
}

func addPlaces(m *matcher) {
	for _, p := range places {
		for _, n := range p.names {
			m.addCode(n, catPlace, 0, p.code, pCap)
		}
	}
}
