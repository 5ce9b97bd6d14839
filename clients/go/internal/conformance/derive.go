package conformance

import (
	"bytes"
	"crypto/mlkem"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

// FromGolden derives conformance cases from the golden vectors: each envelope as it is (valid),
// with unknown members and another member order (valid), and with each kind of tampering and
// malformation that docs/clients.md and docs/envelope.md name (invalid). Tests use it until and
// besides the project's conformance file.
func FromGolden(g *testvectors.Golden) (*File, error) {
	f := &File{Suite: g.Suite}
	for _, v := range g.Vectors {
		seed, ok := b64.Decode(v.SignerSeed)
		if !ok || len(seed) != mldsa65.SeedSize {
			return nil, fmt.Errorf("%s: signer_seed", v.Name)
		}
		pk, _ := mldsa65.NewKeyFromSeed((*[mldsa65.SeedSize]byte)(seed))
		var compact bytes.Buffer
		if err := json.Compact(&compact, v.Envelope); err != nil {
			return nil, err
		}
		text := compact.String()
		members := map[string]json.RawMessage{}
		if err := json.Unmarshal(v.Envelope, &members); err != nil {
			return nil, err
		}
		base := Case{
			RecipientSeed: v.RecipientSeed, RKID: v.RKID,
			ServerPublicKey: b64.Encode(pk.Bytes()), SKID: v.SKID,
			MACKey: v.MACKey, HKID: v.HKID, Now: v.IAT,
		}
		add := func(name, result, env string, edit func(*Case)) {
			c := base
			c.Name = v.Name + "/" + name
			c.Result = result
			q, _ := json.Marshal(env)
			c.Envelope = q
			if result == "valid" {
				c.Plaintext = v.Plaintext
			}
			if edit != nil {
				edit(&c)
			}
			f.Vectors = append(f.Vectors, c)
		}
		flip := func(member string) string {
			var s string
			_ = json.Unmarshal(members[member], &s)
			b, _ := b64.Decode(s)
			b[len(b)/2] ^= 0x10
			return with(members, member, strconv.Quote(b64.Encode(b)))
		}
		add("as-is", "valid", text, nil)
		add("unknown-members-and-sorted-order", "valid", with(members, "x-extension", `{"nested":[1,{"a":null}]}`), nil)
		add("clock-300s-later", "valid", text, func(c *Case) { c.Now += 300 })
		add("clock-300s-earlier", "valid", text, func(c *Case) { c.Now -= 300 })
		add("clock-301s-later", "invalid", text, func(c *Case) { c.Now += 301 })
		add("clock-301s-earlier", "invalid", text, func(c *Case) { c.Now -= 301 })
		for _, m := range []string{"kem", "iv", "ct", "sig", "mac"} {
			add(m+"-bit-flipped", "invalid", flip(m), nil)
		}
		add("rid-changed", "invalid", with(members, "rid", `"req_other"`), nil)
		add("iat-changed", "invalid", with(members, "iat", strconv.FormatInt(v.IAT+1, 10)), func(c *Case) { c.Now++ })
		add("holder-knows-another-rkid", "invalid", text, func(c *Case) { c.RKID = "ck_other" })
		add("holder-knows-another-skid", "invalid", text, func(c *Case) { c.SKID = "sk_other" })
		add("holder-knows-another-hkid", "invalid", text, func(c *Case) { c.HKID = "hk_other" })
		add("wrong-mac-key", "invalid", text, func(c *Case) { c.MACKey = b64.Encode(bytes.Repeat([]byte{9}, 64)) })
		add("wrong-recipient-key", "invalid", text, func(c *Case) {
			c.RecipientSeed = b64.Encode(bytes.Repeat([]byte{9}, mlkem.SeedSize))
		})
		add("duplicate-member", "invalid", strings.Replace(text, "{", `{"rid":`+string(members["rid"])+`,`, 1), nil)
		add("iat-as-string", "invalid", with(members, "iat", strconv.Quote(strconv.FormatInt(v.IAT, 10))), nil)
		add("iat-negative", "invalid", with(members, "iat", "-1"), nil)
		add("iat-fraction", "invalid", with(members, "iat", strconv.FormatInt(v.IAT, 10)+".0"), nil)
		add("v-2", "invalid", with(members, "v", "2"), nil)
		add("mac-padded", "invalid", with(members, "mac", strings.TrimSuffix(string(members["mac"]), `"`)+`=="`), nil)
		add("kem-not-url-safe", "invalid", with(members, "kem", strings.NewReplacer("-", "+", "_", "/").Replace(string(members["kem"]))), nil)
		add("sig-missing", "invalid", with(members, "sig", ""), nil)
		add("json-array", "invalid", "["+text+"]", nil)
		add("trailing-garbage", "invalid", text+"x", nil)
	}
	return f, nil
}

// with returns the envelope's members as JSON with one member set to raw (removed when raw is "").
func with(members map[string]json.RawMessage, name, raw string) string {
	m := map[string]json.RawMessage{}
	for k, v := range members {
		m[k] = v
	}
	if raw == "" {
		delete(m, name)
	} else {
		m[name] = json.RawMessage(raw)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		q, _ := json.Marshal(k)
		b.Write(q)
		b.WriteByte(':')
		b.Write(bytes.TrimSpace(m[k]))
	}
	b.WriteByte('}')
	return b.String()
}
