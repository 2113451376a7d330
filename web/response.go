package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"breachwire"
)

// statusError is an error with its own HTTP status, for the few answers
// that breachwire's error codes do not cover (405, 503).
type statusError struct {
	status  int
	message string
}

func (e *statusError) Error() string { return e.message }

// statusOf maps an error to an HTTP status through breachwire's error codes
// (after WTF Dial): invalid 400, not_found 404, conflict 409, anything else
// 500; a request that ran out of time is 503.
func statusOf(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	switch breachwire.ErrorCode(err) {
	case breachwire.ECodeInvalid:
		return http.StatusBadRequest
	case breachwire.ECodeNotFound:
		return http.StatusNotFound
	case breachwire.ECodeConflict:
		return http.StatusConflict
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// messageOf is the text shown for an error: the user error's message, a
// fixed text for a timeout, and a generic one for internal errors, whose
// details go to the log only.
func messageOf(err error) string {
	var se *statusError
	if errors.As(err, &se) {
		return se.message
	}
	if breachwire.ErrorCode(err) == breachwire.ECodeInternal && errors.Is(err, context.DeadlineExceeded) {
		return "the request took too long; try a narrower search"
	}
	return breachwire.ErrorMessage(err)
}

// logFailure logs errors that are ours (5xx) once, here at the edge.
func (s *Server) logFailure(r *http.Request, status int, err error) {
	if status >= 500 {
		s.log.Error("web: request failed", slog.Group("request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path)),
			slog.Int("status", status), slog.Any("error", err))
	}
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := s.pages[page].execute(&buf, data); err != nil {
		s.logFailure(r, http.StatusInternalServerError, err)
		if page != "error" {
			s.render(w, r, http.StatusInternalServerError, "error", s.errorPage(http.StatusInternalServerError, "internal error"))
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// fail answers a page request with the error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.logFailure(r, status, err)
	s.render(w, r, status, "error", s.errorPage(status, messageOf(err)))
}

// apiError is the body of every JSON error answer.
type apiError struct {
	Error string `json:"error"`
}

// writeJSON answers with v as JSON. encoding/json escapes <, > and & in
// strings, so no feed text can become markup even if the answer were
// rendered as HTML.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.logFailure(r, http.StatusInternalServerError, err)
		status = http.StatusInternalServerError
		body, _ = json.Marshal(apiError{"internal error"})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(append(body, '\n'))
	}
}

// apiFail answers an API request with {"error": "..."}.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.logFailure(r, status, err)
	s.writeJSON(w, r, status, apiError{messageOf(err)})
}
