package quantaseal

import (
	"context"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
)

// serverKeyCache holds the service's ML-DSA-65 public keys by skid. They are fetched on first use
// and fetched again, once per envelope, when an envelope names a skid the cache does not know (the
// service rotated its signing key). Safe for concurrent use; a fetch in progress is shared.
type serverKeyCache struct {
	lock   chan struct{} // a mutex that a context can give up waiting for
	keys   map[string]*mldsa65.PublicKey
	loaded bool
	fetch  func(ctx context.Context) (map[string]*mldsa65.PublicKey, error)
}

func newServerKeyCache() *serverKeyCache {
	return &serverKeyCache{lock: make(chan struct{}, 1)}
}

// forSKID returns a snapshot of the keys that contains skid if the service lists it.
func (s *serverKeyCache) forSKID(ctx context.Context, skid string) (map[string]*mldsa65.PublicKey, error) {
	select {
	case s.lock <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.lock }()
	if s.loaded {
		if _, ok := s.keys[skid]; ok {
			return s.keys, nil
		}
	}
	keys, err := s.fetch(ctx)
	if err != nil {
		return nil, err
	}
	s.keys, s.loaded = keys, true // replaced, never changed: snapshots stay valid
	return keys, nil
}

// set replaces the cache with keys just listed (ListServerKeys keeps the cache fresh).
func (s *serverKeyCache) set(ctx context.Context, keys map[string]*mldsa65.PublicKey) {
	select {
	case s.lock <- struct{}{}:
	case <-ctx.Done():
		return
	}
	s.keys, s.loaded = keys, true
	<-s.lock
}
