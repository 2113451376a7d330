package extract

import "strings"

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
	"YubiKey", "DDoS", "DoS", "Wi-Fi", "WiFi", "Internet", "Web", "Dark Web", "Tor", "Telegram", "X", "GPS", "NFC", "CCTV",
	"Social Security", "Social Security Number", "Social Security numbers", "National Insurance", "Medicare", "Medicaid",
	"DPO", "DPA", "DPAs", "CE", "BA", "BAs", "EU", "EEA", "UN", "NATO", "GDPR Enforcement Tracker",
	"Joint Ransomware Task Force", "JRTF", "MS-ISAC", "Multi-State Information Sharing and Analysis Center", "ISAC",
	"Bureau of Consumer Protection", "Health Information Privacy", "Field Office",
	// currencies
	"EUR", "USD", "GBP", "PLN", "HUF", "SEK", "NOK", "DKK", "CHF", "AUD", "CAD", "JPY", "CNY", "INR", "RON",
	"CZK", "BGN", "HRK", "ISK", "NZD", "HKD", "SGD", "BTC",
	// calendar
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
	"December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Q1", "Q2", "Q3", "Q4",
	// page furniture and generic capitalised words
	"Summary", "Resolution", "Procedure", "Sanctioning Procedure", "Press Release", "Press Releases", "Notice", "Update", "Updated", "Note", "Read more", "Share",
	"Related", "Background", "Contact", "Media Contact", "Tags", "Source", "Image", "Photo", "Getty Images",
	"Reuters", "Associated Press", "AP", "Bloomberg", "TechCrunch", "BleepingComputer", "The Record", "Wired",
	"Ars Technica", "The Register", "CNN", "CBS", "CBS Evening News", "NBC", "ABC", "Fox News", "Detroit Free Press",
	"The Guardian", "Guardian", "Financial Times", "The New York Times", "New York Times", "Wall Street Journal",
	"Washington Post", "Monroe News", "Covered Entity", "Business Associate", "Business Associates",
	"Actions to Take Today", "Tactics, Techniques, and Procedures", "Cybersecurity Essential", "Last revised",
	"Data Protection Officer", "Data Protection Authority", "Data Protection Authorities", "DPA", "Authority",
	"Commission", "Board", "Agency", "Bureau", "Department", "Office", "Government", "State", "States", "Federal",
	"National", "Police", "Police Department", "Township Police Department", "Task Force", "Inspectorate", "Ombudsman",
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

// nameConnectors may join words inside a name: "Bank of America",
// "Health & Hospitals", "Commission nationale de l'informatique".
var nameConnectors = map[string]bool{
	"of": true, "and": true, "&": true, "for": true, "de": true, "del": true, "der": true, "des": true,
	"du": true, "la": true, "le": true, "von": true, "van": true, "the": true, "y": true, "di": true,
	"da": true, "do": true, "dos": true, "on": true, "upon": true, "in": true, "e": true, "et": true,
	"und": true,
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
		security-related privacy two-factor multi-factor multifactor mfa 2fa passwords password
		burglars thieves scammers fraudsters cybercriminals officers detectives prosecutors police
		none dozens hundreds thousands millions billions several few multi cyber-attack cyberattack`) {
		commonStarts[w] = true
	}
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
	"grocer": true, "supermarket": true, "pharmacy": true, "brewer": true, "distributor": true,
	"wholesaler": true, "newspaper": true, "trust": true, "museum": true, "library": true,
	"consultancy": true, "studio": true, "broker": true, "hotelier": true, "college": true, "authority": true,
	"outlet": true, "portal": true,
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
	"passengers": true, "subscribers": true, "records": true, "failure": true, "failures": true,
	"carelessness": true, "login": true, "vault": true, "contact": true, "store": true, "stores": true,
	"terminals": true, "defences": true, "defenses": true, "compliance": true, "devops": true,
	"laptop": true, "laptops": true, "employee": true, "workforce": true, "student": true, "students": true,
	"operations": true, "business": true, "services": true, "production": true, "plants": true, "factories": true,
	"offices": true, "shops": true, "branches": true, "websites": true, "apps": true,
}

// functionWords are never the first word of a name.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "their": true, "its": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "your": true, "my": true, "we": true, "they": true,
	"it": true, "in": true, "on": true, "at": true, "for": true, "from": true, "by": true, "with": true,
	"as": true, "after": true, "before": true, "during": true, "following": true, "under": true, "if": true,
	"when": true, "while": true, "since": true, "but": true, "and": true, "or": true, "not": true, "no": true,
	"both": true, "all": true, "some": true, "many": true, "most": true, "every": true, "each": true,
	"according": true, "including": true, "however": true, "meanwhile": true, "also": true, "because": true,
	"to": true, "of": true, "into": true, "over": true, "about": true, "against": true, "than": true,
	"via": true, "per": true, "said": true, "says": true, "is": true, "was": true, "were": true, "are": true,
	"has": true, "have": true, "had": true, "will": true, "who": true, "which": true,
}

// notOrgFinal end names of things that are not organisations: "the
// #StopRansomware Guide", "the Data Protection Act".
var notOrgFinal = map[string]bool{
	"guide": true, "report": true, "advisory": true, "alert": true, "bulletin": true, "framework": true,
	"initiative": true, "campaign": true, "toolkit": true, "act": true, "rule": true, "rules": true,
	"regulation": true, "regulations": true, "directive": true, "day": true, "week": true, "month": true,
	"award": true, "awards": true, "conference": true, "summit": true, "strategy": true, "policy": true,
	"standard": true, "standards": true, "law": true, "bill": true, "code": true, "notice": true,
	"order": true, "decision": true, "judgment": true, "ruling": true, "statement": true, "release": true,
	"transfer": true, "app": true, "apps": true, "password": true, "passwords": true, "number": true,
	"numbers": true, "protocol": true, "protocols": true, "vulnerability": true, "flaw": true,
	"inspectorate": true, "ombudsman": true, "regulator": true, "watchdog": true, "tribunal": true,
	"court": true, "prosecutor": true, "prosecutors": true,
	// systems and products named like organisations: "the Central Credit
	// Register", "the Chemical Security Assessment Tool"
	"register": true, "registry": true, "gateway": true, "portal": true, "tool": true, "tools": true,
	"database": true, "dashboard": true, "scheme": true, "programme": true, "feature": true, "module": true,
	"plugin": true, "extension": true, "interface": true, "assessment": true, "resolution": true,
	"procedure": true, "proceedings": true,
}
