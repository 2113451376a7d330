package web

import (
	"context"
	"net/http"
	"time"

	"breachwire"
)

// sourceStatuses combines every configured source with its saved state.
func (s *Server) sourceStatuses(ctx context.Context) ([]breachwire.SourceStatus, error) {
	states, err := s.store.SourceStates(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]breachwire.SourceState, len(states))
	for _, st := range states {
		byID[st.SourceID] = st
	}
	out := make([]breachwire.SourceStatus, 0, len(s.sources))
	for i := range s.sources {
		out = append(out, breachwire.NewSourceStatus(&s.sources[i], byID[s.sources[i].ID]))
	}
	return out, nil
}

type sourceRow struct {
	breachwire.SourceStatus
	URL string // the source's address, when it is an http(s) URL
}

type sourcesPage struct {
	layout
	Now           time.Time
	Sources       []sourceRow
	Failing       int
	Subscriptions []SubscriptionStatus
	// SubsError is set when the digest status could not be read.
	SubsError string
	HasDigest bool
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	list, err := s.sourceStatuses(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := sourcesPage{layout: s.layout("Sources", "sources"), Now: s.now()}
	for _, st := range list {
		p.Sources = append(p.Sources, sourceRow{SourceStatus: st, URL: safeURL(st.URL)})
		if st.Health == breachwire.HealthFailing {
			p.Failing++
		}
	}
	if s.digestStatus != nil {
		p.HasDigest = true
		subs, err := s.digestStatus(r.Context())
		if err != nil {
			s.logFailure(r, http.StatusInternalServerError, err)
			p.SubsError = "the digest status could not be read: " + messageOf(err)
		}
		p.Subscriptions = subs
	}
	s.render(w, r, http.StatusOK, "sources", p)
}

func (s *Server) handleAPISources(w http.ResponseWriter, r *http.Request) {
	list, err := s.sourceStatuses(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, list)
}

func (s *Server) handleAPISubscriptions(w http.ResponseWriter, r *http.Request) {
	if s.digestStatus == nil {
		s.writeJSON(w, r, http.StatusOK, []SubscriptionStatus{})
		return
	}
	subs, err := s.digestStatus(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if subs == nil {
		subs = []SubscriptionStatus{}
	}
	s.writeJSON(w, r, http.StatusOK, subs)
}
