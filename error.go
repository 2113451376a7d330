package breachwire

import (
	"errors"
	"fmt"
)

// Error codes, after WTF Dial: the web edge maps them to HTTP statuses and
// the CLI to exit codes. Only ECodeInternal errors are logged as errors.
const (
	ECodeInvalid  = "invalid"   // bad input from the user: 400
	ECodeNotFound = "not_found" // 404
	ECodeConflict = "conflict"  // 409, e.g. the database is in use
	ECodeInternal = "internal"  // 500
)

// Error is an error a user can act on: Code classifies it and Message says
// what is wrong and where, in words fit to show.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, ECodeInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message for internal errors, whose details are logged, not shown.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
