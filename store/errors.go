package store

import (
	"errors"
	"fmt"

	"breachwire"
)

// Sentinel errors that callers branch on with errors.Is. Errors returned by
// Open and by lookups also carry a *breachwire.Error, so that
// breachwire.ErrorCode and breachwire.ErrorMessage give the code and the
// words to show.
var (
	// ErrInUse means another process holds the database file's lock (bbolt
	// allows one writer process per file). The message names the file.
	ErrInUse = errors.New("store: database in use by another process")
	// ErrCorrupt means the file is not a readable bbolt database (foreign,
	// truncated or damaged) or a read of it panicked. The file is left
	// untouched; the message tells the operator what to do.
	ErrCorrupt = errors.New("store: database file is damaged or not a breachwire database")
	// ErrNewerSchema means the file was written by a newer breachwire whose
	// schema this binary does not know.
	ErrNewerSchema = errors.New("store: database written by a newer breachwire")
	// ErrOldSchema means a read-only open found a file that needs a
	// migration, which only a read-write open applies.
	ErrOldSchema = errors.New("store: database needs upgrading")
	// ErrNotFound means the article, source state or digest record asked
	// for is not stored.
	ErrNotFound = errors.New("store: not found")
	// ErrFull means a commit would grow the file past Options.MaxSize
	// (RELIABILITY G5). Nothing of that transaction was written; the
	// database stays usable for reads and smaller writes.
	ErrFull = errors.New("store: database reached its size limit")
	// ErrReadOnly means a write was attempted on a DB opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("store: database opened read-only")
)

// storeError carries a user-facing *breachwire.Error, the sentinel a caller
// branches on, and the underlying cause, so that errors.Is and errors.As
// find all three while Error() gives the one message written for people.
type storeError struct {
	user     *breachwire.Error
	sentinel error
	cause    error
}

func (e *storeError) Error() string {
	if e.cause != nil {
		return e.user.Message + " (" + e.cause.Error() + ")"
	}
	return e.user.Message
}

func (e *storeError) Unwrap() []error {
	errs := []error{e.user, e.sentinel}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

func newError(code string, sentinel, cause error, format string, args ...any) error {
	return &storeError{
		user:     breachwire.Errorf(code, "store: "+format, args...),
		sentinel: sentinel,
		cause:    cause,
	}
}

func inUseError(path string, cause error) error {
	return newError(breachwire.ECodeConflict, ErrInUse, cause,
		"the database %s is in use by another process (is breachwire serve running? "+
			"query it instead, or stop it first; databases on network filesystems are not supported)", path)
}

func corruptError(path string, cause error) error {
	return newError(breachwire.ECodeInternal, ErrCorrupt, cause,
		"the database %s is damaged or is not a breachwire database; it was left untouched: "+
			"stop breachwire, run `bbolt check %s`, and restore the latest backup "+
			"(`breachwire backup` makes them) or move the file aside to start afresh", path, path)
}

func notFoundError(format string, args ...any) error {
	return newError(breachwire.ECodeNotFound, ErrNotFound, nil, format, args...)
}

func fullError(path string, cause error) error {
	return newError(breachwire.ECodeInternal, ErrFull, cause,
		"the database %s reached its size limit; nothing of the last write was stored: "+
			"raise the limit, remove old data, or compact the file offline with `bbolt compact`", path)
}

func readOnlyError(path string) error {
	return newError(breachwire.ECodeConflict, ErrReadOnly, nil,
		"the database %s was opened read-only; this operation writes", path)
}

// panicError turns a recovered panic value into an error.
func panicError(r any) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("panic: %w", err)
	}
	return fmt.Errorf("panic: %v", r)
}
