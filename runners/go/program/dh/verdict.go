package dh

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// verdict says what became of a sample from what its process reported and how it ended.
func verdict(j job, state *os.ProcessState, timedOut bool, events *eventLog, tail string) result {
	select {
	case <-events.over:
		return failed("limit", j.Limits.Messages.Output, 0)
	default:
	}
	if events.failure != nil {
		return result{Error: events.failure}
	}
	if timedOut {
		return failed("timeout", fmt.Sprintf("did not finish within %d ms; stopped", j.TimeoutMs), stuckAt(tail, j.File))
	}
	// main returned, or the snippet ended its program with os.Exit(0): its last call's value.
	if events.done || (state.Exited() && state.ExitCode() == 0) {
		if events.value != nil {
			return result{OK: true, Value: events.value}
		}
		return result{OK: true, Value: &value{Kind: "void"}}
	}
	f := crash(j, state, tail)
	if f.Kind == "runtime" {
		// A failure the snippet did not survive, after the guard or the mock said why.
		switch {
		case events.unmatched != "":
			f.Kind, f.Message = "unmatched", events.unmatched
		case events.network != "":
			f.Kind, f.Message = "network", networkMessage(events.network)
		}
	}
	return result{Error: f}
}

var (
	outOfMemory = regexp.MustCompile(`(?m)^(fatal error: (runtime: )?out of memory|runtime: out of memory)`)
	// Where a panic or a fatal error starts; the last one is the one that ended the program.
	crashStart = regexp.MustCompile(`(?m)^(panic: |fatal error: )`)
	// `\tfile:line`, then the pc offset and, in a SIGQUIT dump, fp= sp= pc=.
	frameLine = regexp.MustCompile(`^\t(.+):(\d+)(?: \+0x[0-9a-f]+(?: .*)?)?$`)
)

// crash explains a process that ended before its sample did: a limit, a panic, a fatal error,
// os.Exit, a signal.
func crash(j job, state *os.ProcessState, tail string) *failure {
	status, _ := state.Sys().(syscall.WaitStatus)
	cpu := state.UserTime() + state.SystemTime()
	if status.Signaled() && (status.Signal() == syscall.SIGKILL || status.Signal() == syscall.SIGXCPU) &&
		j.Limits.CPUSeconds > 0 && cpu >= time.Duration(j.Limits.CPUSeconds)*time.Second-100*time.Millisecond {
		return &failure{Kind: "limit", Message: j.Limits.Messages.CPU}
	}
	if outOfMemory.MatchString(tail) {
		return &failure{Kind: "limit", Message: j.Limits.Messages.Memory, Detail: tail}
	}
	if starts := crashStart.FindAllStringIndex(tail, -1); len(starts) > 0 {
		from := tail[starts[len(starts)-1][0]:]
		message, _, _ := strings.Cut(from, "\n")
		return &failure{Kind: "runtime", Message: strings.TrimSpace(message), Line: firstFrame(from, j.File), Detail: tail}
	}
	if status.Exited() {
		message := fmt.Sprintf("the program exited with code %d", status.ExitStatus())
		if last := lastLine(tail); last != "" {
			message += ": " + last
		}
		return &failure{Kind: "runtime", Message: message, Detail: tail}
	}
	return &failure{Kind: "runtime", Message: "the program was killed by " + signalName(status.Signal()), Detail: tail}
}

// stuckAt is the snippet's line the main goroutine was at in a SIGQUIT dump, 0 if unknown.
func stuckAt(tail, file string) int {
	// `goroutine 1 [sleep]:`, or in a dump `goroutine 1 gp=… m=nil [sleep]:`.
	at := strings.LastIndex(tail, "\ngoroutine 1 ")
	if at < 0 {
		return 0
	}
	return firstFrame(tail[at:], file)
}

// firstFrame is the line of the first frame in `file` of the first goroutine in a traceback.
// The batch is built without optimisation (build.ts), so even a loop without calls that the
// runtime interrupted stands at its own line.
func firstFrame(traceback, file string) int {
	at := strings.Index(traceback, "\ngoroutine ")
	if at < 0 {
		return 0
	}
	for _, line := range strings.Split(traceback[at+1:], "\n")[1:] {
		if line == "" {
			// A blank line ends the goroutine's frames.
			return 0
		}
		if m := frameLine.FindStringSubmatch(line); m != nil && m[1] == file {
			n, _ := strconv.Atoi(m[2])
			return n
		}
	}
	return 0
}

func lastLine(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if len(last) > 200 {
		last = last[:200]
	}
	return last
}

func signalName(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGKILL: "SIGKILL", syscall.SIGSEGV: "SIGSEGV", syscall.SIGABRT: "SIGABRT",
		syscall.SIGTERM: "SIGTERM", syscall.SIGBUS: "SIGBUS", syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ",
	}
	if name, ok := names[sig]; ok {
		return name
	}
	return sig.String()
}
