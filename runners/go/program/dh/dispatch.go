package dh

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// How long a timed-out sample has to print its goroutines after SIGQUIT (to say where it was).
const quitGrace = 500 * time.Millisecond

// How long the dispatcher reads what a sample's process left in its pipes after it ended.
const drainGrace = 250 * time.Millisecond

// serve is the warm dispatcher: ready, then one job per protocol line until fd 3 closes.
func serve(samples map[string]Entry) error {
	channel := os.NewFile(3, "protocol")
	if channel == nil {
		return errors.New("doc-harness starts this program with its protocol on fd 3")
	}
	if _, err := channel.Stat(); err != nil {
		return errors.New("doc-harness starts this program with its protocol on fd 3")
	}
	// No sample's process may inherit the protocol.
	syscall.CloseOnExec(3)
	// A child's parent-death signal fires when the thread that started it ends: keep one thread.
	runtime.LockOSThread()
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find its own program: %v", err)
	}
	d := &dispatcher{samples: samples, self: self, keep: ancestors()}
	out := json.NewEncoder(channel)
	if err := out.Encode(map[string]string{"type": "ready"}); err != nil {
		return err
	}
	lines := bufio.NewScanner(channel)
	lines.Buffer(make([]byte, 64<<10), 64<<20)
	for lines.Scan() {
		var message struct {
			ID  string `json:"id"`
			Job job    `json:"job"`
		}
		var answer result
		if err := json.Unmarshal(lines.Bytes(), &message); err != nil {
			answer = failed("harness", "the dispatcher could not read a job: "+err.Error(), 0)
		} else {
			answer = d.run(message.Job)
		}
		if err := out.Encode(map[string]any{"type": "result", "id": message.ID, "payload": answer}); err != nil {
			return err
		}
	}
	return nil
}

type dispatcher struct {
	samples map[string]Entry
	self    string
	// This process and its ancestors: what a sweep spares.
	keep map[int]bool
}

// run starts the job's process, waits for it (at most its timeout), ends everything it left,
// and says what became of it.
func (d *dispatcher) run(j job) result {
	program := d.self
	if j.Program != "" {
		program = filepath.Join(filepath.Dir(d.self), j.Program)
	} else if _, ok := d.samples[j.Sample]; !ok {
		return failed("harness", "this program has no sample "+j.Sample, 0)
	}
	encoded, err := json.Marshal(j)
	if err != nil {
		return failed("harness", "cannot pass the job on: "+err.Error(), 0)
	}
	jobOut, jobIn, err1 := os.Pipe()
	eventsOut, eventsIn, err2 := os.Pipe()
	stderrOut, stderrIn, err3 := os.Pipe()
	if err := errors.Join(err1, err2, err3); err != nil {
		return failed("harness", "cannot make pipes: "+err.Error(), 0)
	}
	cmd := exec.Command(program, childFlag)
	cmd.ExtraFiles = []*os.File{jobOut, eventsIn}
	cmd.Stdout = os.Stdout
	cmd.Stderr = stderrIn
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	started := cmd.Start()
	jobOut.Close()
	eventsIn.Close()
	stderrIn.Close()
	if started != nil {
		jobIn.Close()
		eventsOut.Close()
		stderrOut.Close()
		return failed("harness", "cannot start the sample's process: "+started.Error(), 0)
	}
	jobIn.Write(encoded)
	jobIn.Close()

	var collected sync.WaitGroup
	events := &eventLog{limit: j.Limits.OutputBytes, over: make(chan struct{})}
	tail := &tailBuffer{size: 64 << 10}
	collected.Add(2)
	go func() {
		defer collected.Done()
		events.read(eventsOut)
	}()
	go func() {
		defer collected.Done()
		io.Copy(io.MultiWriter(os.Stderr, tail), stderrOut)
	}()

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	timedOut := false
	select {
	case <-exited:
	case <-events.over:
		cmd.Process.Kill()
		<-exited
	case <-time.After(time.Duration(j.TimeoutMs) * time.Millisecond):
		timedOut = true
		// Go prints every goroutine on SIGQUIT: where the sample was when it was stopped.
		cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(quitGrace):
			cmd.Process.Kill()
			<-exited
		}
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if j.Sweep {
		d.sweep()
	}
	// Whatever still holds the pipes (a process that left the group, outside a PID namespace)
	// does not hold up the batch.
	eventsOut.SetReadDeadline(time.Now().Add(drainGrace))
	stderrOut.SetReadDeadline(time.Now().Add(drainGrace))
	collected.Wait()
	eventsOut.Close()
	stderrOut.Close()
	return verdict(j, cmd.ProcessState, timedOut, events, tail.String())
}

// sweepTime is how long a sweep may take to see every process of the sandbox gone.
const sweepTime = 5 * time.Second

// sweep kills every process of the sandbox but this one and its ancestors: what a sample
// started in a session or group of its own. Round after round until a round finds none: a
// process forked between a listing and its kill (a fork bomb) shows up in the next round. For
// as long as sweepTime, not a fixed number of rounds: a killed process is only gone once the
// kernel has taken it down, which on a loaded machine takes a while.
func (d *dispatcher) sweep() {
	for deadline := time.Now().Add(sweepTime); time.Now().Before(deadline); {
		entries, err := os.ReadDir("/proc")
		if err != nil {
			return
		}
		killed := false
		for _, entry := range entries {
			pid, err := strconv.Atoi(entry.Name())
			if err != nil || d.keep[pid] || zombie(pid) {
				continue
			}
			if syscall.Kill(pid, syscall.SIGKILL) == nil {
				killed = true
			}
		}
		if !killed {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// zombie is whether pid has ended and waits only for its parent to read its status.
func zombie(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] == "Z" || fields[0] == "X"
}

// ancestors is this process and every process above it.
func ancestors() map[int]bool {
	keep := map[int]bool{}
	for pid := os.Getpid(); pid > 0 && !keep[pid]; {
		keep[pid] = true
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			break
		}
		// pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) < 2 {
			break
		}
		pid, _ = strconv.Atoi(fields[1])
	}
	return keep
}

// What a sample's process reported, up to its output limit.
type eventLog struct {
	limit     int64
	size      int64
	value     *value
	failure   *failure
	network   string
	unmatched string
	done      bool
	// Closed when the process wrote more than its output limit.
	over chan struct{}
}

func (l *eventLog) read(r io.Reader) {
	lines := bufio.NewScanner(r)
	lines.Buffer(make([]byte, 64<<10), 1<<30)
	for lines.Scan() {
		l.size += int64(len(lines.Bytes()))
		if l.limit > 0 && l.size > l.limit {
			close(l.over)
			io.Copy(io.Discard, r)
			return
		}
		var e event
		if json.Unmarshal(lines.Bytes(), &e) != nil {
			continue
		}
		switch {
		case e.Value != nil:
			l.value = e.Value
		case e.Error != nil && l.failure == nil:
			l.failure = e.Error
		case e.Network != "":
			l.network = e.Network
		case e.Unmatched != "":
			l.unmatched = e.Unmatched
		case e.Done:
			l.done = true
		}
	}
}

// The last bytes written to it.
type tailBuffer struct {
	mu   sync.Mutex
	size int
	data []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.data = append(t.data, p...)
	if extra := len(t.data) - t.size; extra > 0 {
		t.data = append(t.data[:0], t.data[extra:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.data)
}
