package b64

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for n := 0; n < 70; n++ {
		b := bytes.Repeat([]byte{0xfb}, n)
		s := Encode(b)
		if len(s) != EncodedLen(n) {
			t.Fatalf("%d bytes: %d characters, EncodedLen %d", n, len(s), EncodedLen(n))
		}
		got, ok := Decode(s)
		if !ok || !bytes.Equal(got, b) {
			t.Fatalf("%d bytes do not round-trip", n)
		}
		if _, ok := DecodeLen(s, n+1); ok && n > 0 {
			t.Fatalf("DecodeLen accepted %d bytes as %d", n, n+1)
		}
	}
}

func TestRefuses(t *testing.T) {
	for _, s := range []string{
		"AA==", "AA=", "AAA=", // padding
		"+/8", "ab+c", "ab/c", // standard alphabet
		"AB\nCD", "AB\rCD", "AB CD", "AB\tC", // white space
		"A",         // impossible length
		"AB", "AAB", // spare bits not zero (canonical is AA / AAA)
		"AAF", "AAC",
		"é", "AA\x00",
	} {
		if _, ok := Decode(s); ok {
			t.Errorf("%q decoded", s)
		}
	}
	if _, ok := Decode(""); !ok {
		t.Error("the empty text is zero bytes")
	}
}
