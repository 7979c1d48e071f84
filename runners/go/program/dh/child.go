package dh

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// What a sample's process tells its dispatcher, one JSON line each on fd 4.
type event struct {
	// A client call returned this (the last one is the sample's value).
	Value *value `json:"value,omitempty"`
	// A client call failed: the sample's verdict; the process ends after it.
	Error *failure `json:"error,omitempty"`
	// A connection to this address was refused: it is not the mock.
	Network string `json:"network,omitempty"`
	// The mock has no recording of a request; its message.
	Unmatched string `json:"unmatched,omitempty"`
	// main returned.
	Done bool `json:"done,omitempty"`
}

// The sample's process: its job, and where its events go. Nil in the dispatcher.
var current *sample

type sample struct {
	job job
	// Guards what the guard observes; writing has its own lock.
	mu        sync.Mutex
	writing   sync.Mutex
	events    *os.File
	lastBody  []byte
	unmatched string
	network   string
}

// runChild runs one sample: the job comes on fd 3, events go to fd 4.
func runChild(samples map[string]Entry) {
	in := os.NewFile(3, "job")
	data, err := io.ReadAll(in)
	in.Close()
	events := os.NewFile(4, "events")
	if err != nil || events == nil {
		fmt.Fprintln(os.Stderr, "doc-harness: this process runs one sample for its dispatcher")
		os.Exit(2)
	}
	// Processes the snippet starts must not write events.
	syscall.CloseOnExec(4)
	s := &sample{events: events}
	if err := json.Unmarshal(data, &s.job); err != nil {
		s.emit(event{Error: &failure{Kind: "harness", Message: "the sample's process could not read its job: " + err.Error()}})
		os.Exit(0)
	}
	current = s
	entry, ok := samples[s.job.Sample]
	if !ok {
		s.emit(event{Error: &failure{Kind: "harness", Message: "this program has no sample " + s.job.Sample}})
		os.Exit(0)
	}
	if err := applyLimits(s.job.Limits); err != nil {
		s.emit(event{Error: &failure{Kind: "harness", Message: "cannot limit the sample's process: " + err.Error()}})
		os.Exit(0)
	}
	if err := guardNetwork(s.job.BaseURL); err != nil {
		s.emit(event{Error: &failure{Kind: "harness", Message: err.Error()}})
		os.Exit(0)
	}
	entry(s.job.BaseURL, s.job.APIKey)
	s.emit(event{Done: true})
	// Goroutines the snippet left running end here, with the process.
	os.Exit(0)
}

func (s *sample) emit(e event) {
	line, err := json.Marshal(e)
	if err != nil {
		line, _ = json.Marshal(event{Error: &failure{Kind: "harness", Message: "cannot write an event: " + err.Error()}})
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	s.events.Write(append(line, '\n'))
}

// applyLimits gives this sample its own budget. Address space is counted from what the Go
// runtime has reserved by now (about 1.5 GB of mappings it never touches): the sample may add
// memoryBytes to that, within the sandbox's own limit.
func applyLimits(l limits) error {
	set := func(resource int, value uint64) error {
		var old syscall.Rlimit
		if err := syscall.Getrlimit(resource, &old); err != nil {
			return err
		}
		if value > old.Max {
			value = old.Max
		}
		return syscall.Setrlimit(resource, &syscall.Rlimit{Cur: value, Max: value})
	}
	if l.MemoryBytes > 0 {
		reserved, err := addressSpace()
		if err != nil {
			return err
		}
		if err := set(syscall.RLIMIT_AS, reserved+uint64(l.MemoryBytes)); err != nil {
			return fmt.Errorf("address space: %v", err)
		}
	}
	// At the CPU limit the kernel kills the process (Go ignores SIGXCPU); the dispatcher
	// reads that from its CPU time.
	if l.CPUSeconds > 0 {
		if err := set(syscall.RLIMIT_CPU, uint64(l.CPUSeconds)); err != nil {
			return fmt.Errorf("CPU time: %v", err)
		}
	}
	if l.FileBytes > 0 {
		if err := set(syscall.RLIMIT_FSIZE, uint64(l.FileBytes)); err != nil {
			return fmt.Errorf("file size: %v", err)
		}
	}
	return set(syscall.RLIMIT_CORE, 0)
}

// addressSpace is this process's virtual size now (VmSize), in bytes.
func addressSpace() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmSize in /proc/self/status")
}

// snippetLine is the markdown line of the innermost frame of the snippet's own code on this
// goroutine's stack (its line directives name the markdown file), 0 when there is none.
func snippetLine(file string) int {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		frame, more := frames.Next()
		if frame.File == file {
			return frame.Line
		}
		if !more {
			return 0
		}
	}
}
