package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"
)

// How a snippet reads as Go: a whole file (`package main` …), declarations without their
// package clause, or the statements of a `main` the docs left out.
type layout int

const (
	asFile layout = iota
	asDecls
	asBody
)

// A parsed snippet in one layout: the file, and the text around the snippet that made it parse.
type parsed struct {
	layout layout
	file   *ast.File
	fset   *token.FileSet
	// Offset of the snippet's first byte in the parsed text.
	start int
}

// The glue file's names the snippet file uses.
const (
	resultFunc = "docHarnessResult"
	runFunc    = "DocHarnessRun"
)

// The profile's client, set once from the request before any snippet is rewritten.
var client clientSpec

func rewrite(s snippet, module string, probe *importProbe) result {
	p, perr := parse(s)
	if perr != nil {
		return result{ID: s.ID, Error: perr}
	}
	if problem := checkProgram(s, p); problem != nil {
		return result{ID: s.ID, Error: problem}
	}
	imported := importNames(p.file)
	provideClient := usesUndeclared(p.file, client.Variable) && !imported[client.Variable]
	calls := clientCalls(p.file, imported)

	var edits []edit
	if p.layout == asFile {
		// `package main` becomes `package s0001`; what follows on that line keeps its column.
		name := p.file.Name
		end := p.offset(name.End())
		edits = append(edits, edit{at: p.offset(name.Pos()), end: end, text: s.ID + s.directiveAfter(end)})
	}
	for _, call := range calls {
		at, end := p.offset(call.Pos()), p.offset(call.End())
		edits = append(edits, edit{at: at, text: resultFunc + "(" + s.directiveAt(at)})
		edits = append(edits, edit{at: end, text: ")" + s.directiveAfter(end)})
	}
	body := apply(s.Source, edits)

	// What the glue declares is declared for goimports too.
	added, err := probe.missing(probeSource(p.file, map[string]bool{client.Variable: provideClient}))
	if err != nil {
		return result{ID: s.ID, Error: &problem{Kind: "harness", Message: "goimports could not read the program: " + err.Error()}}
	}
	var notes []string
	if len(added) > 0 {
		names := make([]string, len(added))
		for i, spec := range added {
			names[i] = spec.String()
		}
		notes = append(notes, fmt.Sprintf("added the missing standard import%s %s, as goimports does", plural(len(added)), strings.Join(names, ", ")))
	}
	if p.layout == asFile && len(added) > 0 {
		// After the package name, on the package clause's line: `package s0001; import (…)/*line …*/`.
		nameEnd := p.offset(p.file.Name.End())
		body = apply(s.Source, append(edits, edit{at: nameEnd, text: "; import (" + joinSpecs(added) + ")" + s.directiveAt(nameEnd), after: true}))
	}
	text := s.header(p.layout, added) + body + s.footer(p.layout)
	return result{
		ID: s.ID,
		Files: map[string]string{
			"sample.go":         text,
			"zz_doc_harness.go": glue(s.ID, module, provideClient),
		},
		Notes:   notes,
		Isolate: runsAtInit(p.file),
		Imports: importPositions(p),
	}
}

func importPositions(p *parsed) []importAt {
	var at []importAt
	for _, spec := range p.file.Imports {
		position := p.fset.Position(spec.Pos())
		at = append(at, importAt{Path: specOf(spec).Path, Line: position.Line, Column: position.Column})
	}
	return at
}

// parse reads the snippet as a file when it has a package clause, else as declarations or as
// the body of main, whichever parses; when neither does, the error that got furthest is the
// snippet's (a body's statement error rather than the declarations' first "expected declaration").
func parse(s snippet) (*parsed, *problem) {
	layouts := []layout{asDecls, asBody}
	if hasPackageClause(s.Source) {
		layouts = []layout{asFile}
	}
	var best *problem
	for _, l := range layouts {
		fset := token.NewFileSet()
		head := s.header(l, nil)
		f, err := parser.ParseFile(fset, "sample.go", head+s.Source+s.footer(l), parser.ParseComments)
		if err == nil {
			return &parsed{layout: l, file: f, fset: fset, start: len(head)}, nil
		}
		p := s.syntaxProblem(err)
		if best == nil || p.Line > best.Line || (p.Line == best.Line && p.Column > best.Column) {
			best = p
		}
	}
	return nil, best
}

func hasPackageClause(source string) bool {
	_, err := parser.ParseFile(token.NewFileSet(), "", source, parser.PackageClauseOnly)
	return err == nil
}

// The parser's first error, kept inside the snippet: one past its end (an unclosed brace found
// at the `}` that closes main) points at its last character.
func (s snippet) syntaxProblem(err error) *problem {
	list, ok := err.(scanner.ErrorList)
	if !ok || len(list) == 0 {
		return &problem{Kind: "syntax", Message: err.Error()}
	}
	first := list[0]
	p := &problem{Kind: "syntax", Message: first.Msg, Line: first.Pos.Line, Column: first.Pos.Column}
	lines := strings.Split(s.Source, "\n")
	last := s.Line + len(lines) - 1
	if p.Line > last || p.Line < s.Line {
		p.Line, p.Column = last, len(lines[len(lines)-1])+1
	}
	return p
}

// checkProgram says what `go run` would say of a program that is no program: another package
// name, no func main, a main with parameters or results.
func checkProgram(s snippet, p *parsed) *problem {
	f := p.file
	if p.layout == asBody {
		return nil
	}
	at := func(pos token.Pos) (int, int) {
		position := p.fset.Position(pos)
		return position.Line, position.Column
	}
	if p.layout == asFile && f.Name.Name != "main" {
		line, column := at(f.Name.Pos())
		return &problem{Kind: "compile", Message: fmt.Sprintf("package %s is not a main package: a program is package main", f.Name.Name), Line: line, Column: column}
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Name.Name != "main" {
			continue
		}
		if fn.Type.TypeParams != nil || fn.Type.Params.NumFields() > 0 || fn.Type.Results.NumFields() > 0 {
			line, column := at(fn.Name.Pos())
			return &problem{Kind: "compile", Message: "func main must have no arguments and no return values", Line: line, Column: column}
		}
		return nil
	}
	line, column := s.Line, 1
	if p.layout == asFile {
		line, column = at(f.Package)
	}
	return &problem{Kind: "compile", Message: "function main is undeclared in the main package", Line: line, Column: column}
}

// importNames are the names the file's imports bind: the name given, or the path's last element.
func importNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, spec := range f.Imports {
		s := specOf(spec)
		if s.Name != "" {
			names[s.Name] = true
		} else {
			names[s.Path[strings.LastIndex(s.Path, "/")+1:]] = true
		}
	}
	return names
}

func usesUndeclared(f *ast.File, name string) bool {
	for _, id := range f.Unresolved {
		if id.Name == name {
			return true
		}
	}
	return false
}

// clientCalls are the calls of a client method (`client.Devices.Get(…)`, at least two
// selectors deep, on a `client` that is a variable, not the client package) whose two results
// go where a call of two results may go: a statement, a two-value assignment or declaration,
// the only argument of another call. Wrapping them anywhere else would change the program.
func clientCalls(f *ast.File, imported map[string]bool) []*ast.CallExpr {
	var calls []*ast.CallExpr
	add := func(e ast.Expr) {
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && isClientCall(call, imported) {
			calls = append(calls, call)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ExprStmt:
			add(n.X)
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				add(n.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				add(n.Values[0])
			}
		case *ast.CallExpr:
			if len(n.Args) == 1 && n.Ellipsis == token.NoPos {
				add(n.Args[0])
			}
		}
		return true
	})
	sort.Slice(calls, func(i, j int) bool { return calls[i].Pos() < calls[j].Pos() })
	return calls
}

func isClientCall(call *ast.CallExpr, imported map[string]bool) bool {
	depth := 0
	for e := call.Fun; ; depth++ {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			e = x.X
			continue
		case *ast.Ident:
			if x.Name != client.Variable || depth < 2 {
				return false
			}
			if x.Obj == nil {
				return !imported[client.Variable]
			}
			return x.Obj.Kind == ast.Var
		}
		return false
	}
}

// runsAtInit: an init function, or a package variable whose value calls something, runs code
// before main, in every process of a program: such a snippet gets a program of its own.
func runsAtInit(f *ast.File) bool {
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				return true
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, spec := range d.Specs {
				for _, value := range spec.(*ast.ValueSpec).Values {
					if runsCode(value) {
						return true
					}
				}
			}
		}
	}
	return false
}

func runsCode(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}

func (p *parsed) offset(pos token.Pos) int {
	return p.fset.Position(pos).Offset - p.start
}

// header is what goes before the snippet's text: for a file, only the directive naming its
// first line; otherwise the package clause, the added imports and, for statements, `func main() {`.
func (s snippet) header(l layout, added []importSpec) string {
	var b strings.Builder
	if l != asFile {
		fmt.Fprintf(&b, "package %s\n", s.ID)
		if len(added) > 0 {
			fmt.Fprintf(&b, "import (%s)\n", joinSpecs(added))
		}
	}
	if l == asBody {
		b.WriteString("func main() {\n")
	}
	fmt.Fprintf(&b, "//line %s:%d:1\n", directiveFile(s.File), s.Line)
	return b.String()
}

func (s snippet) footer(l layout) string {
	if l == asBody {
		return "\n}\n"
	}
	return "\n"
}

// directiveAt restores the position of the snippet's byte at `offset` after inserted text.
func (s snippet) directiveAt(offset int) string {
	line, column := s.position(offset)
	return fmt.Sprintf("/*line %s:%d:%d*/", directiveFile(s.File), line, column)
}

// directiveAfter is directiveAt unless nothing but spaces follows on that line.
func (s snippet) directiveAfter(offset int) string {
	rest := s.Source[offset:]
	if end := strings.IndexByte(rest, '\n'); end >= 0 {
		rest = rest[:end]
	}
	if strings.TrimSpace(rest) == "" {
		return ""
	}
	return s.directiveAt(offset)
}

// The markdown line and byte column of a snippet offset.
func (s snippet) position(offset int) (int, int) {
	before := s.Source[:offset]
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return s.Line + strings.Count(before, "\n"), offset - lineStart + 1
}

// A file name fit for a line directive: a block directive ends at `*/`, a line one at a newline.
func directiveFile(name string) string {
	return strings.NewReplacer("*/", "*_", "\n", "_", "\r", "_").Replace(name)
}

func joinSpecs(specs []importSpec) string {
	parts := make([]string, len(specs))
	for i, spec := range specs {
		parts[i] = spec.String()
	}
	return strings.Join(parts, "; ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// An edit of the snippet's text: [at, end) replaced by text (end == at: an insertion).
type edit struct {
	at, end int
	text    string
	// Of two insertions at one offset, the one marked after goes after the other.
	after bool
}

func apply(source string, edits []edit) string {
	sorted := append([]edit(nil), edits...)
	for i := range sorted {
		if sorted[i].end < sorted[i].at {
			sorted[i].end = sorted[i].at
		}
	}
	// From the end backwards, so that earlier offsets stay valid; at one offset, the later
	// insertion first, so that it ends up after the earlier one.
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].at != sorted[j].at {
			return sorted[i].at > sorted[j].at
		}
		return sorted[i].after && !sorted[j].after
	})
	out := source
	for _, e := range sorted {
		out = out[:e.at] + e.text + out[e.end:]
	}
	return out
}

// glue is the harness's file of the sample's package: the client the snippet uses without
// declaring it, pointed at the mock; the entry the batch program calls; the result capture
// (which a snippet may also call itself, to hand the harness a value of its own).
func glue(id, module string, provideClient bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by doc-harness; the harness's side of sample %s.\n\npackage %s\n\n", id, id)
	imports := []string{fmt.Sprintf("docharnessdh %q", module+"/dh")}
	if provideClient {
		aliases := make([]string, 0, len(client.Imports))
		for alias := range client.Imports {
			aliases = append(aliases, alias)
		}
		sort.Strings(aliases)
		for _, alias := range aliases {
			imports = append(imports, fmt.Sprintf("%s %q", alias, client.Imports[alias]))
		}
	}
	fmt.Fprintf(&b, "import (\n\t%s\n)\n\n", strings.Join(imports, "\n\t"))
	if provideClient {
		fmt.Fprintf(&b, "var %s %s\n\n", client.Variable, client.Type)
		fmt.Fprintf(&b, "func %s(baseURL, apiKey string) {\n\t%s = %s\n\tmain()\n}\n", runFunc, client.Variable, client.Construct)
	} else {
		fmt.Fprintf(&b, "func %s(string, string) {\n\tmain()\n}\n", runFunc)
	}
	fmt.Fprintf(&b, "\nfunc %s[T any](value T, err error) (T, error) {\n\treturn docharnessdh.Result(value, err)\n}\n", resultFunc)
	return b.String()
}
