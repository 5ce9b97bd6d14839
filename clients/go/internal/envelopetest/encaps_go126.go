//go:build go1.26

package envelopetest

import (
	"crypto/mlkem"
	"crypto/mlkem/mlkemtest"
)

// DerandomizedEncapsulation reports whether this Go has ML-KEM.Encaps_internal (crypto/mlkem/mlkemtest, Go 1.26).
const DerandomizedEncapsulation = true

func encapsulateDerandomized(ek *mlkem.EncapsulationKey768, m []byte) (ss, kem []byte, err error) {
	return mlkemtest.Encapsulate768(ek, m)
}
