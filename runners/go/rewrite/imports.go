package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/imports"
)

// importProbe asks goimports which imports a snippet lacks. Only the answer is used, never
// goimports' output: that is reformatted, and the snippet's text must stay as written for its
// positions to hold. Its deletions (an unused import) are ignored too: that is the compiler's
// finding to report.
//
// goimports decides from a file's imports and the package references it makes, nothing else:
// it is asked about a file made of just those (see probeSource), and files that agree on them
// share one answer. Each question runs the go command once (go env), so a batch of pages that
// all lack "context" asks once, not once per snippet.
type importProbe struct {
	dir     string
	mu      sync.Mutex
	answers map[string]*answer
}

type answer struct {
	once  sync.Once
	added []importSpec
	err   error
}

// An import to add: its path, and its name when goimports gives one.
type importSpec struct {
	Name string
	Path string
}

func (s importSpec) String() string {
	if s.Name != "" {
		return s.Name + " " + strconv.Quote(s.Path)
	}
	return strconv.Quote(s.Path)
}

func newImportProbe() (*importProbe, error) {
	dir, err := os.MkdirTemp("", "doc-harness-imports-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a folder for goimports: %v", err)
	}
	// goimports runs the go command in the working folder when it must look past the standard
	// library (a snippet with an unused import). In a module of its own with nothing
	// downloadable, that finds nothing and fails nothing.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module doc-harness.local/probe\n"), 0o644); err != nil {
		return nil, fmt.Errorf("cannot write the goimports module: %v", err)
	}
	if err := os.Chdir(dir); err != nil {
		return nil, fmt.Errorf("cannot enter the goimports module: %v", err)
	}
	// The go command goimports runs sees nothing of the user's Go set-up and reaches nothing.
	for key, value := range map[string]string{
		"GOENV": "off", "GOTOOLCHAIN": "local", "GOWORK": "off", "GO111MODULE": "on", "GOFLAGS": "-mod=mod",
		"GOPROXY": "off", "GOMODCACHE": filepath.Join(dir, "mod"), "GOCACHE": filepath.Join(dir, "cache"),
		"GOPATH": filepath.Join(dir, "gopath"), "CGO_ENABLED": "0",
	} {
		os.Setenv(key, value)
	}
	return &importProbe{dir: dir, answers: map[string]*answer{}}, nil
}

func (p *importProbe) close() {
	os.RemoveAll(p.dir)
}

// missing returns the standard-library imports goimports would add to a file, given as its
// probeSource.
func (p *importProbe) missing(src string) ([]importSpec, error) {
	p.mu.Lock()
	a, ok := p.answers[src]
	if !ok {
		a = &answer{}
		p.answers[src] = a
	}
	p.mu.Unlock()
	a.once.Do(func() { a.added, a.err = p.ask([]byte(src)) })
	return a.added, a.err
}

// ask runs goimports on src. The file's folder does not exist, so goimports sees no sibling
// files: what src says is all it knows.
func (p *importProbe) ask(src []byte) ([]importSpec, error) {
	before, err := importsOf(src)
	if err != nil {
		return nil, err
	}
	out, err := imports.Process(filepath.Join(p.dir, "probe", "probe.go"), src, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
	if err != nil {
		return nil, err
	}
	after, err := importsOf(out)
	if err != nil {
		return nil, err
	}
	var added []importSpec
	for _, spec := range after {
		if !contains(before, spec) && isStandard(spec.Path) {
			added = append(added, spec)
		}
	}
	return added, nil
}

func importsOf(src []byte) ([]importSpec, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	specs := make([]importSpec, 0, len(f.Imports))
	for _, spec := range f.Imports {
		specs = append(specs, specOf(spec))
	}
	return specs, nil
}

func specOf(spec *ast.ImportSpec) importSpec {
	path, _ := strconv.Unquote(spec.Path.Value)
	name := ""
	if spec.Name != nil {
		name = spec.Name.Name
	}
	return importSpec{Name: name, Path: path}
}

func contains(specs []importSpec, spec importSpec) bool {
	for _, s := range specs {
		if s == spec {
			return true
		}
	}
	return false
}

// probeSource is what goimports reads of a file: its imports, and each reference `X.Sel` to an
// exported name of an X the file does not declare (declared: skip). A reference through an
// import it has only marks that import used; the others keep every name, which is how goimports
// tells math/rand from crypto/rand.
func probeSource(f *ast.File, declared map[string]bool) string {
	imported := importNames(f)
	refs := map[string]map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok || x.Obj != nil || declared[x.Name] || !ast.IsExported(sel.Sel.Name) {
			return true
		}
		if refs[x.Name] == nil {
			refs[x.Name] = map[string]bool{}
		}
		refs[x.Name][sel.Sel.Name] = true
		return true
	})
	var b strings.Builder
	b.WriteString("package probe\n\n")
	for _, spec := range f.Imports {
		fmt.Fprintf(&b, "import %s\n", specOf(spec))
	}
	b.WriteString("\nfunc _() {\n")
	for _, name := range sortedKeys(refs) {
		names := sortedKeys(refs[name])
		if imported[name] {
			names = names[:1]
		}
		for _, sel := range names {
			fmt.Fprintf(&b, "\t_ = %s.%s\n", name, sel)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// The standard library's import paths have no dot in their first element.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
