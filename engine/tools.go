//go:build tools

// Package engine pins the Inngest server so `go build github.com/inngest/inngest/cmd`
// resolves the same version on every machine.
package engine

import _ "github.com/inngest/inngest/cmd"
