// Command rewrite turns the Go snippets of one doc-harness batch into the packages of one
// program (see ../runner.ts). It reads a JSON request on stdin and writes one result per
// snippet on stdout; it writes no files, so it runs in the sandbox like any snippet code.
//
// Each snippet becomes package <id> of the batch module: its own text, byte for byte, behind
// line directives that name the markdown file and line, so that the compiler's errors and the
// runtime's panics point at the page. Around the text it adds only what a person copying it
// would add: the package clause and `func main` when the docs leave them out, the standard
// imports goimports adds, and the client variable the docs use without declaring (the
// profile's: `client`, made as the request's `client` says). Each client call is
// wrapped so that the value it returns is captured (docHarnessResult, in the glue file).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"
)

type request struct {
	// The batch module's path: the glue file imports its runtime package (<module>/dh).
	Module  string     `json:"module"`
	Client  clientSpec `json:"client"`
	Samples []snippet  `json:"samples"`
}

// The profile's Go client (harness/profile.ts GoClient): the variable snippets use undeclared,
// and how the glue file declares and makes it.
type clientSpec struct {
	Variable string `json:"variable"`
	// Package alias → import path, for the glue file.
	Imports map[string]string `json:"imports"`
	// The variable's type and the expression that makes it (`baseURL` and `apiKey` in scope).
	Type      string `json:"type"`
	Construct string `json:"construct"`
}

type snippet struct {
	// The package name, also the sample's key in the batch program (s0001).
	ID     string `json:"id"`
	Source string `json:"source"`
	// The markdown file as compiler errors and panics name it.
	File string `json:"file"`
	// The markdown line of the snippet's first line.
	Line int `json:"line"`
}

type result struct {
	ID string `json:"id"`
	// File name → text, for the package's folder.
	Files map[string]string `json:"files,omitempty"`
	Notes []string          `json:"notes,omitempty"`
	// The snippet runs code at package initialisation: it gets a program of its own.
	Isolate bool `json:"isolate,omitempty"`
	// Where the snippet imports each package: a package that does not load is reported there.
	Imports []importAt `json:"imports,omitempty"`
	Error   *problem   `json:"error,omitempty"`
}

type importAt struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// A problem at a markdown line and a byte column of that snippet line (0: unknown).
type problem struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "rewrite: cannot read the request: %v\n", err)
		os.Exit(2)
	}
	client = req.Client
	probe, err := newImportProbe()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rewrite: %v\n", err)
		os.Exit(2)
	}
	defer probe.close()

	results := make([]result, len(req.Samples))
	// goimports asks the go command for its environment once per file: run a few at once.
	slots := make(chan struct{}, runtime.NumCPU()+1)
	var wg sync.WaitGroup
	for i, s := range req.Samples {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			results[i] = rewrite(s, req.Module, probe)
		}()
	}
	wg.Wait()
	out := json.NewEncoder(os.Stdout)
	if err := out.Encode(map[string]any{"samples": results}); err != nil {
		fmt.Fprintf(os.Stderr, "rewrite: %v\n", err)
		os.Exit(2)
	}
}
