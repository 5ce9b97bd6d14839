package envelope

import "github.com/cloudflare/circl/sign/mldsa/mldsa65"

// SetChecks replaces the two envelope checks for a test and returns a function that restores them.
func SetChecks(sig func(*mldsa65.PublicKey, []byte, []byte) int, mac func([]byte, []byte, []byte) int) (restore func()) {
	oldSig, oldMAC := checkSignature, checkMAC
	checkSignature, checkMAC = sig, mac
	return func() { checkSignature, checkMAC = oldSig, oldMAC }
}

// CheckSignature and CheckMAC are the real checks.
var (
	CheckSignature = checkSignature
	CheckMAC       = checkMAC
)
