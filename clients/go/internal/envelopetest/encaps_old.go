//go:build !go1.26

package envelopetest

import (
	"crypto/mlkem"
	"errors"
)

// DerandomizedEncapsulation reports whether this Go has ML-KEM.Encaps_internal (crypto/mlkem/mlkemtest, Go 1.26).
const DerandomizedEncapsulation = false

func encapsulateDerandomized(*mlkem.EncapsulationKey768, []byte) (ss, kem []byte, err error) {
	return nil, nil, errors.New("envelopetest: derandomized ML-KEM encapsulation needs Go 1.26 (crypto/mlkem/mlkemtest)")
}
