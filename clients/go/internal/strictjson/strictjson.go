// Package strictjson parses JSON texts (RFC 8259) strictly, for the documents whose bytes matter:
// envelopes and key documents (docs/envelope.md#strict-parsing).
//
// Unlike encoding/json it refuses what a careful encoder never writes and what encoding/json
// silently repairs or drops: a member name that occurs twice in one object (at any depth), invalid
// UTF-8 and lone surrogates (encoding/json turns both into U+FFFD), anything after the value,
// leading zeros, and texts nested or sized beyond the given limits. Numbers are kept as their
// text, so a caller decides what an integer is.
package strictjson

import (
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrSyntax is the one error of Parse; it never says where or why, so it cannot leak content.
var ErrSyntax = errors.New("strictjson: not an acceptable JSON text")

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is one parsed JSON value. Str holds a string's decoded text or a number's literal text.
type Value struct {
	Kind    Kind
	Str     string
	Bool    bool
	Elems   []Value
	Members []Member
}

// Member is one name/value pair of an object, in document order.
type Member struct {
	Name  string
	Value Value
}

// Get returns the member of an object with exactly this name.
func (v Value) Get(name string) (Value, bool) {
	for _, m := range v.Members {
		if m.Name == name {
			return m.Value, true
		}
	}
	return Value{}, false
}

// Limits bound what Parse accepts. Zero means no limit for MaxBytes; MaxDepth and MaxNumberLen
// default to 32 when zero.
type Limits struct {
	MaxBytes     int // the whole text, in bytes
	MaxDepth     int // nesting of arrays and objects; the outermost one is depth 1
	MaxNumberLen int // characters of one number literal
}

// Parse reads exactly one JSON value (surrounded by optional whitespace) from data.
func Parse(data []byte, lim Limits) (Value, error) {
	if lim.MaxBytes > 0 && len(data) > lim.MaxBytes {
		return Value{}, ErrSyntax
	}
	if lim.MaxDepth == 0 {
		lim.MaxDepth = 32
	}
	if lim.MaxNumberLen == 0 {
		lim.MaxNumberLen = 32
	}
	p := parser{data: data, lim: lim}
	p.space()
	v, ok := p.value(0)
	if !ok {
		return Value{}, ErrSyntax
	}
	p.space()
	if p.pos != len(p.data) {
		return Value{}, ErrSyntax
	}
	return v, nil
}

type parser struct {
	data []byte
	pos  int
	lim  Limits
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return false
	}
	p.pos += len(word)
	return true
}

func (p *parser) value(depth int) (Value, bool) {
	if p.pos >= len(p.data) {
		return Value{}, false
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, ok := p.string()
		return Value{Kind: String, Str: s}, ok
	case c == 't':
		return Value{Kind: Bool, Bool: true}, p.literal("true")
	case c == 'f':
		return Value{Kind: Bool}, p.literal("false")
	case c == 'n':
		return Value{Kind: Null}, p.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return Value{}, false
	}
}

func (p *parser) object(depth int) (Value, bool) {
	if depth > p.lim.MaxDepth {
		return Value{}, false
	}
	p.pos++ // '{'
	v := Value{Kind: Object}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, true
	}
	var seen map[string]struct{}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return Value{}, false
		}
		name, ok := p.string()
		if !ok {
			return Value{}, false
		}
		if seen == nil {
			seen = make(map[string]struct{})
		}
		if _, dup := seen[name]; dup {
			return Value{}, false
		}
		seen[name] = struct{}{}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return Value{}, false
		}
		p.pos++
		p.space()
		mv, ok := p.value(depth)
		if !ok {
			return Value{}, false
		}
		v.Members = append(v.Members, Member{Name: name, Value: mv})
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return v, true
		default:
			return Value{}, false
		}
	}
}

func (p *parser) array(depth int) (Value, bool) {
	if depth > p.lim.MaxDepth {
		return Value{}, false
	}
	p.pos++ // '['
	v := Value{Kind: Array}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, true
	}
	for {
		p.space()
		ev, ok := p.value(depth)
		if !ok {
			return Value{}, false
		}
		v.Elems = append(v.Elems, ev)
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return v, true
		default:
			return Value{}, false
		}
	}
}

// number accepts -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and keeps its text.
func (p *parser) number() (Value, bool) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.data) && p.data[p.pos] == '0':
		p.pos++
		if p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			return Value{}, false // leading zero
		}
	case !p.digits():
		return Value{}, false
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if !p.digits() {
			return Value{}, false
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			return Value{}, false
		}
	}
	if p.pos-start > p.lim.MaxNumberLen {
		return Value{}, false
	}
	return Value{Kind: Number, Str: string(p.data[start:p.pos])}, true
}

// digits consumes one or more ASCII digits.
func (p *parser) digits() bool {
	start := p.pos
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// string reads a string starting at '"': valid UTF-8, no raw control characters, only the escapes
// of RFC 8259, and surrogate escapes only as a high-low pair.
func (p *parser) string() (string, bool) {
	p.pos++ // '"'
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := p.data[start:p.pos]
			if !utf8.Valid(s) {
				return "", false
			}
			p.pos++
			return string(s), true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.pos++
	}
	buf := make([]byte, 0, p.pos-start+16)
	buf = append(buf, p.data[start:p.pos]...)
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if !utf8.Valid(buf) {
				return "", false
			}
			return string(buf), true
		case c < 0x20:
			return "", false
		case c == '\\':
			p.pos++
			if p.pos >= len(p.data) {
				return "", false
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", false
				}
				switch {
				case utf16.IsSurrogate(r) && r < 0xDC00: // high surrogate: a low one must follow
					if !p.literal("\\u") {
						return "", false
					}
					lo, ok := p.hex4()
					if !ok || lo < 0xDC00 || lo > 0xDFFF {
						return "", false
					}
					r = utf16.DecodeRune(r, lo)
				case utf16.IsSurrogate(r): // a low surrogate alone
					return "", false
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", false
			}
		default:
			buf = append(buf, c)
			p.pos++
		}
	}
	return "", false
}

func (p *parser) hex4() (rune, bool) {
	if len(p.data)-p.pos < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	p.pos += 4
	return r, true
}
