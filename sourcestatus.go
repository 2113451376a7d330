package breachwire

// Source health values, as SourceStatus.Health reports them.
const (
	HealthOK      = "ok"      // the last pass succeeded
	HealthFailing = "failing" // one or more passes in a row failed
	HealthNew     = "new"     // never read successfully yet
)

// SourceStatus is one configured source with its saved state: what
// `breachwire sources --json`, the /sources page and /api/sources show. It
// lives here so that the CLI and the web package give the same JSON shape.
type SourceStatus struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Kind     Kind        `json:"kind"`
	Country  string      `json:"country,omitempty"`
	URL      string      `json:"url"`
	Format   Format      `json:"format"`
	Interval string      `json:"interval"`
	Health   string      `json:"health"` // HealthOK, HealthFailing or HealthNew
	State    SourceState `json:"state"`
}

// NewSourceStatus combines a source with its state (the zero state when it
// was never read) and computes its health.
func NewSourceStatus(s *Source, st SourceState) SourceStatus {
	st.SourceID = s.ID
	return SourceStatus{ID: s.ID, Name: s.Name, Kind: s.Kind, Country: s.Country, URL: s.URL,
		Format: s.Format, Interval: s.Interval.String(), Health: SourceHealth(st), State: st}
}

// SourceHealth says whether a source is ok, failing or new from its state.
func SourceHealth(st SourceState) string {
	switch {
	case st.Failures > 0:
		return HealthFailing
	case st.LastOK.IsZero():
		return HealthNew
	}
	return HealthOK
}
