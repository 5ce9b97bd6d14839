package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/mlkem"
	"crypto/sha512"
	"crypto/subtle"
	"math"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
)

// DefaultMaxClockSkew is how far iat may be from the holder's clock, either way (inclusive).
const DefaultMaxClockSkew = 300 * time.Second

// Keys are the keys the holder knows, each looked up by the id the envelope names. An id that is
// not in its map is a failed check, like a wrong key.
type Keys struct {
	Recipients map[string]*mlkem.DecapsulationKey768 // rkid → own ML-KEM-768 decapsulation key
	Verifiers  map[string]*mldsa65.PublicKey         // skid → the service's ML-DSA-65 public key
	MACKeys    map[string][]byte                     // hkid → the 64-byte envelope MAC key
}

// Checks are the per-call checks besides the keys.
type Checks struct {
	Now          time.Time     // the clock iat is checked against
	MaxClockSkew time.Duration // ≤ 0: DefaultMaxClockSkew; whole seconds count
	// BindRequestID makes rid == RequestID a check (the X-Request-Id of the HTTP answer).
	BindRequestID bool
	RequestID     string
}

// signatureContext as bytes, once.
var signatureContext = []byte(SignatureContext)

// Open verifies e and returns its plaintext, or ErrInvalid. The signature, the MAC and every
// binding check are all computed and joined with a non-short-circuit AND before anything is
// decrypted; ML-KEM's implicit rejection turns a wrong kem or key into a wrong AES key, which the
// GCM tag then refuses. The caller owns the returned plaintext and should clear it after use.
func Open(e *Envelope, keys Keys, c Checks) ([]byte, error) {
	if e == nil {
		return nil, ErrInvalid
	}
	h := e.Header()
	s := SignedBytes(h, e.KEM, e.IV, e.CT)

	sigOK := checkSignature(keys.Verifiers[e.SKID], s, e.Sig)
	macOK := checkMAC(keys.MACKeys[e.HKID], s, e.MAC)

	dk := keys.Recipients[e.RKID]
	recipientOK := 0
	if dk != nil {
		recipientOK = 1
	}
	ridOK := 1
	if c.BindRequestID {
		ridOK = subtle.ConstantTimeCompare([]byte(e.RID), []byte(c.RequestID))
		if c.RequestID == "" {
			ridOK = 0
		}
	}
	timeOK := 0
	if withinSkew(e.IAT, c.Now, c.MaxClockSkew) {
		timeOK = 1
	}

	// docs/envelope.md#verification: sigOk & macOk, both always computed; then the bindings and the clock.
	if sigOK&macOK&recipientOK&ridOK&timeOK != 1 {
		return nil, ErrInvalid
	}

	ss, err := dk.Decapsulate(e.KEM)
	if err != nil {
		return nil, ErrInvalid
	}
	k, err := hkdf.Key(sha512.New, ss, nil, KDFInfo(h), 32)
	clear(ss)
	if err != nil {
		return nil, ErrInvalid
	}
	block, err := aes.NewCipher(k)
	clear(k)
	if err != nil {
		return nil, ErrInvalid
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, ErrInvalid
	}
	plaintext, err := gcm.Open(nil, e.IV, e.CT, h)
	if err != nil {
		return nil, ErrInvalid
	}
	return plaintext, nil
}

// The two envelope checks, each 1 when it passes. Variables so that a test can see that both run
// for every envelope, whichever fails.
var (
	checkSignature = func(pk *mldsa65.PublicKey, s, sig []byte) int {
		if pk != nil && len(sig) == SignatureSize && mldsa65.Verify(pk, s, signatureContext, sig) {
			return 1
		}
		return 0
	}
	checkMAC = func(key, s, mac []byte) int {
		known := 1
		if len(key) != MACKeySize {
			key, known = make([]byte, MACKeySize), 0 // an unknown hkid: the same work, a failed check
		}
		m := hmac.New(sha512.New, key)
		m.Write(s)
		tag := m.Sum(nil)
		ok := subtle.ConstantTimeCompare(tag, mac) & known
		clear(tag)
		return ok
	}
)

// withinSkew reports |now − iat| ≤ skew in whole seconds, without overflow.
func withinSkew(iat int64, now time.Time, skew time.Duration) bool {
	if skew <= 0 {
		skew = DefaultMaxClockSkew
	}
	sec := int64(skew / time.Second)
	n := now.Unix()
	lo, hi := n-sec, n+sec
	if n < math.MinInt64+sec {
		lo = math.MinInt64
	}
	if n > math.MaxInt64-sec {
		hi = math.MaxInt64
	}
	return iat >= lo && iat <= hi
}
