package dh

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The most of one response body kept for reading the value against (see reconcile).
const maxBody = 16 << 20

// guardNetwork makes every HTTP request of the process go through the guard: the SDK's client
// and http.Get alike use http.DefaultTransport. Only the mock is reachable; a request to any
// other host fails at once and makes the sample's verdict `network` (the sandbox's own network
// namespace stops everything else, this says what happened). The guard also keeps the body of
// each response, which the captured value is read against, and notes the mock's answer to a
// request it has no recording of.
func guardNetwork(baseURL string) error {
	base, err := url.Parse(baseURL)
	if err != nil {
		return fmt.Errorf("the mock URL %q does not parse: %v", baseURL, err)
	}
	mock := hostPort(base)
	inner, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return fmt.Errorf("http.DefaultTransport is not an *http.Transport")
	}
	transport := inner.Clone()
	transport.Proxy = nil
	dial := transport.DialContext
	transport.DialContext = func(ctx context.Context, network, address string) (net.Conn, error) {
		if address != mock {
			return nil, refuse(address, mock)
		}
		return dial(ctx, network, address)
	}
	http.DefaultTransport = &guard{mock: mock, next: transport}
	return nil
}

type guard struct {
	mock string
	next http.RoundTripper
}

func (g *guard) RoundTrip(req *http.Request) (*http.Response, error) {
	if address := hostPort(req.URL); address != g.mock {
		return nil, refuse(address, g.mock)
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if s := current; s != nil {
		s.observe(resp.StatusCode, body)
	}
	return resp, nil
}

// observe keeps a successful body, and notes the mock's unmatched-request answer.
func (s *sample) observe(status int, body []byte) {
	if status >= 200 && status < 300 {
		s.mu.Lock()
		s.lastBody = body
		s.mu.Unlock()
		return
	}
	var answer struct {
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &answer) != nil || answer.Error.Type != s.job.UnmatchedType {
		return
	}
	s.mu.Lock()
	first := s.unmatched == ""
	if first {
		s.unmatched = answer.Error.Message
	}
	s.mu.Unlock()
	if first {
		s.emit(event{Unmatched: answer.Error.Message})
	}
}

func refuse(address, mock string) error {
	if s := current; s != nil {
		s.mu.Lock()
		first := s.network == ""
		if first {
			s.network = address
		}
		s.mu.Unlock()
		if first {
			s.emit(event{Network: address})
		}
	}
	return fmt.Errorf("doc-harness: %s", networkMessage(address))
}

func networkMessage(address string) string {
	return fmt.Sprintf("tried to reach %s, which is not the mock: only the mock is reachable", address)
}

// hostPort is a URL's host and port, the scheme's port when it names none.
func hostPort(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return net.JoinHostPort(host, port)
}
