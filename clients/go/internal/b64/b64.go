// Package b64 is the one base64 of QuantaSeal's documents: RFC 4648 §5 (base64url), no padding,
// no whitespace, canonical (docs/envelope.md: the text must be exactly what an unpadded encoder
// writes for the decoded bytes).
package b64

import "encoding/base64"

// strict rejects non-zero spare bits; it would still skip '\r' and '\n', which Decode refuses
// before it gets there.
var strict = base64.RawURLEncoding.Strict()

// Encode returns the unpadded base64url text of b.
func Encode(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// EncodedLen is the length of the unpadded base64url text of n bytes.
func EncodedLen(n int) int { return base64.RawURLEncoding.EncodedLen(n) }

// Decode returns the bytes of a canonical unpadded base64url text, or false.
func Decode(s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return nil, false
		}
	}
	b, err := strict.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}

// DecodeLen decodes s only when it is the text of exactly n bytes; the length is checked first.
func DecodeLen(s string, n int) ([]byte, bool) {
	if len(s) != EncodedLen(n) {
		return nil, false
	}
	return Decode(s)
}
