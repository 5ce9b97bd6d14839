// Command conformance-runner opens every case of a conformance file with the Go SDK's envelope
// opener and prints one line per failing case, then "N passed, M failed" (docs/clients.md). It
// exits 0 only when every case passes.
//
//	go run ./internal/cmd/conformance-runner docs/vectors/envelope-v1-conformance.json
package main

import (
	"fmt"
	"os"

	"github.com/quantaseal/quantaseal-go/internal/conformance"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: conformance-runner FILE")
		os.Exit(2)
	}
	f, err := conformance.Load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance-runner:", err)
		os.Exit(2)
	}
	passed, failed := 0, 0
	for i := range f.Vectors {
		c := &f.Vectors[i]
		if err := c.Check(conformance.OpenInternal); err != nil {
			failed++
			fmt.Printf("FAIL %s: %v\n", c.Name, err)
		} else {
			passed++
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}
