package dh

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"os"
	"reflect"
	"strings"
)

// Result captures what a client call returned: the snippet's `client.X.Y(…)` is rewritten to
// `docHarnessResult(client.X.Y(…))`, which lands here. The latest value captured is the
// sample's; an error ends the sample with that error, at the call's markdown line.
func Result[T any](v T, err error) (T, error) {
	s := current
	if s == nil {
		return v, err
	}
	if err != nil {
		s.emit(event{Error: s.callFailure(err)})
		os.Exit(0)
	}
	captured, problem := s.capture(v)
	if problem != "" {
		s.emit(event{Error: &failure{Kind: "runtime", Message: problem, Line: snippetLine(s.job.File)}})
		os.Exit(0)
	}
	s.emit(event{Value: captured})
	return v, err
}

// callFailure says why a call failed: the mock had no recording, a host that is not the mock,
// or the client's own error.
func (s *sample) callFailure(err error) *failure {
	line := snippetLine(s.job.File)
	s.mu.Lock()
	unmatched, network := s.unmatched, s.network
	s.mu.Unlock()
	switch {
	case unmatched != "":
		return &failure{Kind: "unmatched", Message: unmatched, Line: line, Detail: err.Error()}
	case network != "":
		return &failure{Kind: "network", Message: networkMessage(network), Line: line, Detail: err.Error()}
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return &failure{Kind: "network", Message: "the client could not connect: " + err.Error(), Line: line}
	}
	return &failure{Kind: "runtime", Message: "the call returned an error: " + err.Error(), Line: line}
}

// capture is the value as JSON, as encoding/json writes what the SDK returned, read against
// the HTTP body the SDK made it from (see reconcile). A whole-body struct (`…Response`, the
// SDK's return for routes without a resource) is unwrapped as the body is: its `ok` and
// `pagination` are transport, and nothing else means void.
func (s *sample) capture(v any) (*value, string) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, "the returned value cannot be written as JSON: " + err.Error()
	}
	got := decode(data)
	s.mu.Lock()
	body := decode(s.lastBody)
	s.mu.Unlock()
	wrapper := isWrapper(v, got)
	got = reconcile(got, counterpart(body, s.job.ResponseKey, wrapper), knownKeys(reflect.TypeOf(v)))
	if wrapper {
		object := got.(map[string]any)
		delete(object, "ok")
		delete(object, "pagination")
		if key := s.job.ResponseKey; key != nil {
			if inner, ok := object[*key]; ok {
				got = inner
			}
		}
		if len(object) == 0 {
			return &value{Kind: "void"}, ""
		}
	}
	out, err := json.Marshal(got)
	if err != nil {
		return nil, "the returned value cannot be written as JSON: " + err.Error()
	}
	return &value{Kind: "json", JSON: out}, ""
}

func decode(data []byte) any {
	if len(data) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil
	}
	return v
}

func isWrapper(v any, got any) bool {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	object, ok := got.(map[string]any)
	_, hasOk := object["ok"]
	return ok && hasOk && t != nil && strings.HasSuffix(t.Name(), "Response")
}

// counterpart is the part of the HTTP body the value was made from: the whole body for a
// wrapper, else what the response key wraps (the only key besides ok and pagination when the
// route's key is unknown).
func counterpart(body any, responseKey *string, wrapper bool) any {
	object, ok := body.(map[string]any)
	if !ok || wrapper {
		return body
	}
	if responseKey != nil {
		return object[*responseKey]
	}
	var only any
	count := 0
	for key, v := range object {
		if key != "ok" && key != "pagination" {
			only, count = v, count+1
		}
	}
	if count == 1 {
		return only
	}
	return body
}

// reconcile reads Go's zero values as what they stand for. A plain (non-pointer) field of an
// SDK struct cannot be absent or null: where the server sent nothing there, the SDK holds the
// type's zero value and encoding/json writes it (false, 0, "", 0001-01-01T00:00:00Z, an object
// of such). Those are dropped where the body had no such key and are null where the body had
// null. A pointer field the body had as null is nil in the SDK, and encoding/json leaves it out
// (omitempty): it is written as null when the SDK's types have a field of that name. Values the
// server did send are never touched.
func reconcile(got, sent any, known map[string]bool) any {
	switch g := got.(type) {
	case map[string]any:
		s, ok := sent.(map[string]any)
		if !ok {
			return got
		}
		for key, v := range g {
			sv, present := s[key]
			switch {
			case !present && isZero(v):
				delete(g, key)
			case present && sv == nil && isZero(v):
				g[key] = nil
			case present:
				g[key] = reconcile(v, sv, known)
			}
		}
		for key, sv := range s {
			if _, has := g[key]; !has && sv == nil && known[key] {
				g[key] = nil
			}
		}
		return g
	case []any:
		s, ok := sent.([]any)
		if !ok || len(s) != len(g) {
			return got
		}
		for i := range g {
			g[i] = reconcile(g[i], s[i], known)
		}
	}
	return got
}

const zeroTime = "0001-01-01T00:00:00Z"

func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == "" || x == zeroTime
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, item := range x {
			if !isZero(item) {
				return false
			}
		}
		return true
	}
	return false
}

// knownKeys are the JSON names of every field reachable from t: the fields the SDK's types have.
func knownKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				field := t.Field(i)
				name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
				if name != "-" && field.IsExported() {
					if name == "" {
						name = field.Name
					}
					keys[name] = true
				}
				walk(field.Type)
			}
		}
	}
	walk(t)
	return keys
}
