// Package dh is doc-harness's side of a Go batch program: the generated main hands it every
// sample of the batch, and it runs them. Started by doc-harness, the program is a warm
// dispatcher speaking the fd-3 protocol (harness/run/protocol.ts); each job runs in a fresh
// process of the same program (/proc/self/exe), which makes that one sample's client, runs its
// main and reports what its client call returned. Whatever a sample does to its process (a
// global changed, os.Exit, a panic, a goroutine left running, a hang) ends with that process.
//
// Copied into each batch module by runners/go/build.ts; no file here names the SDK, so one
// runtime serves every SDK release.
package dh

import (
	"encoding/json"
	"fmt"
	"os"
)

// A sample's entry: it makes the client the snippet uses and runs the snippet's main.
type Entry func(baseURL, apiKey string)

// The argument that makes the program run one job instead of dispatching.
const childFlag = "--doc-harness-child"

// Main runs the program: the dispatcher, or (with childFlag) one sample.
func Main(samples map[string]Entry) {
	if len(os.Args) == 2 && os.Args[1] == childFlag {
		runChild(samples)
		return
	}
	if err := serve(samples); err != nil {
		fmt.Fprintf(os.Stderr, "doc-harness go batch: %v\n", err)
		os.Exit(2)
	}
}

// A job as doc-harness sends it (runners/go/runner.ts GoJob).
type job struct {
	// The sample's key in the registry.
	Sample string `json:"sample"`
	// A program of its own beside this one (a sample that runs code at package init).
	Program string `json:"program,omitempty"`
	// The markdown file its line directives name.
	File          string  `json:"file"`
	BaseURL       string  `json:"baseUrl"`
	APIKey        string  `json:"apiKey"`
	TimeoutMs     int     `json:"timeoutMs"`
	Limits        limits  `json:"limits"`
	UnmatchedType string  `json:"unmatchedType"`
	ResponseKey   *string `json:"responseKey,omitempty"`
	// Alone in a PID namespace: after a job, every process but this one and its ancestors goes.
	Sweep bool `json:"sweep"`
}

type limits struct {
	MemoryBytes int64 `json:"memoryBytes"`
	CPUSeconds  int64 `json:"cpuSeconds"`
	FileBytes   int64 `json:"fileBytes"`
	OutputBytes int64 `json:"outputBytes"`
	// What to say when one is passed, as doc-harness words it.
	Messages struct {
		Memory string `json:"memory"`
		CPU    string `json:"cpu"`
		Output string `json:"output"`
	} `json:"messages"`
}

// The answer to a job (harness/run/driver.ts DriverResult). Positions: the markdown line, and
// the byte column in that snippet line (0 when unknown).
type result struct {
	OK    bool     `json:"ok"`
	Value *value   `json:"value,omitempty"`
	Error *failure `json:"error,omitempty"`
}

type value struct {
	Kind string          `json:"kind"` // void | json
	JSON json.RawMessage `json:"json,omitempty"`
}

type failure struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column"`
	Detail  string `json:"detail,omitempty"`
}

func failed(kind, message string, line int) result {
	return result{Error: &failure{Kind: kind, Message: message, Line: line}}
}
