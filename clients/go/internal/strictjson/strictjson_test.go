package strictjson

import (
	"strings"
	"testing"
)

func TestAccepts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want func(Value) bool
	}{
		{`{}`, func(v Value) bool { return v.Kind == Object && len(v.Members) == 0 }},
		{` {"a" : [1, -0.5e+3, true, false, null, "x"]} `, func(v Value) bool {
			a, ok := v.Get("a")
			return ok && a.Kind == Array && len(a.Elems) == 6 && a.Elems[1].Str == "-0.5e+3"
		}},
		{`"\u00e9\ud83d\udd10\"\\\/\b\f\n\r\t"`, func(v Value) bool { return v.Str == "é🔐\"\\/\b\f\n\r\t" }},
		{`"\u0000"`, func(v Value) bool { return v.Str == "\x00" }},
		{`0`, func(v Value) bool { return v.Kind == Number && v.Str == "0" }},
		{`-0`, func(v Value) bool { return v.Str == "-0" }},
		{`{"a":{"a":1}}`, func(v Value) bool { return len(v.Members) == 1 }}, // same name at two depths
		{"\"é漢🔐\"", func(v Value) bool { return v.Str == "é漢🔐" }},
	} {
		v, err := Parse([]byte(tc.in), Limits{})
		if err != nil || !tc.want(v) {
			t.Errorf("%q: %v %+v", tc.in, err, v)
		}
	}
}

func TestRefuses(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `}`, `{"a":1,}`, `[1,]`, `{"a" 1}`, `{a:1}`, `{'a':1}`, `[1 2]`,
		`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `[{"b":1,"b":1}]`,
		`01`, `-01`, `1.`, `.5`, `1e`, `+1`, `-`, `NaN`, `Infinity`, `0x10`,
		`"\ud800"`, `"\udc00"`, `"\ud800\u0041"`, `"\ud800x"`, `"\x"`, `"\u12"`, `"\u12g4"`,
		"\"a\x00\"", "\"\t\"", "\"\xff\"", "\"\xed\xa0\x80\"", "\"\xc3\"",
		`true false`, `{} {}`, `nul`, `tru`, "\ufeff{}",
		strings.Repeat("[", 33) + strings.Repeat("]", 33),
		strings.Repeat("1", 33),
	} {
		if v, err := Parse([]byte(in), Limits{}); err == nil {
			t.Errorf("%q parsed: %+v", in, v)
		}
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("[", 32) + strings.Repeat("]", 32)
	if _, err := Parse([]byte(deep), Limits{}); err != nil {
		t.Errorf("depth 32: %v", err)
	}
	if _, err := Parse([]byte(deep), Limits{MaxDepth: 31}); err == nil {
		t.Error("depth 32 over a limit of 31")
	}
	if _, err := Parse([]byte(strings.Repeat("1", 32)), Limits{}); err != nil {
		t.Errorf("a 32-character number: %v", err)
	}
	if _, err := Parse([]byte(`"abcdef"`), Limits{MaxBytes: 7}); err == nil {
		t.Error("8 bytes over a limit of 7")
	}
}
